from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from casework import demo, records
from casework.identity import make_valid_id
from casework.models import AuditEvent, Beneficiary, Certification
from casework.roster import RosterFileError, import_roster

A = make_valid_id("371003", date(1948, 5, 6), 42)
B = make_valid_id("371081", date(1939, 1, 2), 17)
C = make_valid_id("371083", date(1955, 12, 30), 8)
BAD_CHECK = A[:17] + ("0" if A[17] != "0" else "1")

ROSTER = f"""身份证号,姓名,镇街,地址,手机号,待遇类别
{A},王秀英,文城镇,文城镇西楼村8号,13812345678,resident_pension
{BAD_CHECK},李四,侯家镇,,,retiree

{B},张德福,龙山街道,龙山路12号,,离退休
{C},刘桂兰,米山镇,,12345,other
{C[:6]}19550230{C[14:]},赵五,泽库镇,,,other
{make_valid_id("371003", date(1950, 1, 1), 1)},孙六,泽库镇,,,pension
,无号,泽库镇,,,other
{A},王秀英,文城镇,重复行,,resident_pension
"""


def write(tmp_path: Path, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / "roster.csv"
    path.write_bytes(text.encode(encoding))
    return path


def roster_ids(session: Session, year: int) -> set[str]:
    return set(session.scalars(select(Beneficiary.id_number).where(Beneficiary.year == year)))


def test_import_reports_bad_rows_and_imports_good_ones(session: Session, tmp_path: Path) -> None:
    report = import_roster(session, write(tmp_path, ROSTER), 2026)
    session.commit()
    assert (report.added, report.updated, report.unchanged) == (2, 0, 0)
    lines = [line for line, _ in report.rejected]
    assert lines == [3, 6, 7, 8, 9, 10]
    reasons = dict(report.rejected)
    assert "校验位" in reasons[3]
    assert "手机号" in reasons[6]
    assert "出生日期" in reasons[7]
    assert "pension" in reasons[8]
    assert "为空" in reasons[9]
    assert "第2行重复" in reasons[10]
    assert roster_ids(session, 2026) == {A, B}
    person = session.scalars(select(Beneficiary).where(Beneficiary.id_number == B)).one()
    assert person.benefit_group == "retiree" and person.sex == "男"
    assert person.birth_date == date(1939, 1, 2) and person.phone is None
    event = session.scalars(select(AuditEvent)).one()
    assert event.details["rejected"] == 6 and "身份证" not in str(event.details)


def test_reimport_is_idempotent_and_updates_changes(session: Session, tmp_path: Path) -> None:
    import_roster(session, write(tmp_path, ROSTER), 2026)
    session.commit()
    again = import_roster(session, write(tmp_path, ROSTER), 2026)
    session.commit()
    assert (again.added, again.updated, again.unchanged) == (0, 0, 2)
    changed = ROSTER.replace("文城镇西楼村8号", "文城镇南台村3号")
    third = import_roster(session, write(tmp_path, changed), 2026)
    session.commit()
    assert (third.added, third.updated, third.unchanged) == (0, 1, 1)
    assert len(roster_ids(session, 2026)) == 2
    assert records.roster_entry(session, A, 2026).address == "文城镇南台村3号"  # type: ignore[union-attr]


def test_years_are_separate_rosters(session: Session, tmp_path: Path) -> None:
    import_roster(session, write(tmp_path, ROSTER), 2025)
    import_roster(session, write(tmp_path, ROSTER), 2026)
    session.commit()
    assert roster_ids(session, 2025) == roster_ids(session, 2026) == {A, B}


def test_english_headers_and_gbk_file(session: Session, tmp_path: Path) -> None:
    header = "id_number,name,town,address,phone,benefit_group"
    text = f"{header}\n{A},王秀英,文城镇,,,遗属生活困难补助\n"
    report = import_roster(session, write(tmp_path, text, encoding="gbk"), 2026)
    session.commit()
    assert report.added == 1
    assert records.roster_entry(session, A, 2026).benefit_group == "survivor_hardship"  # type: ignore[union-attr]


def test_unreadable_files(session: Session, tmp_path: Path) -> None:
    with pytest.raises(RosterFileError):
        import_roster(session, tmp_path / "missing.csv", 2026)
    with pytest.raises(RosterFileError, match="id_number"):
        import_roster(session, write(tmp_path, "姓名,地址\n王,文登\n"), 2026)
    with pytest.raises(RosterFileError):
        import_roster(session, write(tmp_path, ""), 2026)


def test_demo_roster_is_deterministic_and_idempotent(session: Session) -> None:
    added, certified = demo.load(session, 2026, 60)
    session.commit()
    assert added == 60 and 10 <= certified <= 50
    assert demo.load(session, 2026, 60) == (0, 0)
    session.commit()
    assert len(roster_ids(session, 2026)) == 60
    assert [p.row for p in demo.people(2026, 60)][:5] == [p.row for p in demo.people(2026, 5)]
    picks = demo.samples(2026)
    certified_status = records.certification_status(session, picks.certified.row.id_number, 2026)
    assert certified_status.on_roster and certified_status.certified
    waiting = records.certification_status(session, picks.not_certified.row.id_number, 2026)
    assert waiting.on_roster and not waiting.certified
    absent = records.certification_status(session, picks.absent_id, 2026)
    assert not absent.on_roster and not absent.certified
    methods = set(session.scalars(select(Certification.method)))
    assert {"app", "in_person"} <= methods
    towns = set(session.scalars(select(Beneficiary.town)))
    assert len(towns) > 5 and towns <= set(demo.TOWNS)

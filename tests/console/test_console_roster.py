"""Roster upload with a report of rejected rows; CSV export of this year's results."""

from __future__ import annotations

import csv
import io

from console_support import csrf_from, person_id
from sqlalchemy import func, select

from casework.db import session_scope
from casework.models import AuditEvent, Beneficiary
from casework.records import record_certification

ROSTER = "\n".join([
    "身份证号,姓名,镇街,地址,手机号,待遇类别",
    f"{person_id(61)},王秀英,文城镇,文城镇西关村,13812345678,居民养老",
    f"{person_id(62)},李建国,侯家镇,,,退休",
    f"{person_id(63)[:-1]}0,坏校验,文城镇,,,退休",
    f"{person_id(64)},张三,文城镇,,12345,退休",
    f"{person_id(65)},赵四,文城镇,,,不知道",
    f"{person_id(61)},王秀英,文城镇,,,居民养老",
]) + "\n"


def _upload(client, data: bytes, name: str = "roster.csv"):
    token = csrf_from(client.get("/roster").get_data(as_text=True))
    return client.post("/roster", data={"csrf_token": token, "file": (io.BytesIO(data), name)},
                       content_type="multipart/form-data")


def test_upload_reports_rejected_rows(admin_client, database_url):
    response = _upload(admin_client, ROSTER.encode("utf-8"))
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "新增 2 人" in html and "退回 4 行" in html
    for line, reason in ((4, "校验位"), (5, "手机号"), (6, "待遇类别"), (7, "重复")):
        assert f"第{line}行" in html and reason in html
    with session_scope(database_url) as session:
        assert session.scalar(select(func.count()).select_from(Beneficiary)) == 2
        event = session.scalar(select(AuditEvent).where(AuditEvent.action == "roster_imported"))
        assert event.actor == "boss" and event.details["rejected"] == 4


def test_upload_gb18030_and_again_is_idempotent(admin_client, database_url):
    _upload(admin_client, ROSTER.encode("gb18030"))
    html = _upload(admin_client, ROSTER.encode("gb18030")).get_data(as_text=True)
    assert "新增 0 人" in html and "未变 2 人" in html


def test_unreadable_file_is_refused_kindly(admin_client):
    response = _upload(admin_client, b"just,some,columns\n1,2,3\n")
    assert response.status_code == 400
    assert "缺少列" in response.get_data(as_text=True)


def test_export_lists_roster_and_results(admin_client, database_url):
    _upload(admin_client, ROSTER.encode("utf-8"))
    with session_scope(database_url) as session:
        record_certification(session, year=2026, id_number=person_id(61), name="王秀英",
                             method="app", status="certified", channel="rest",
                             conversation_id=None)
        record_certification(session, year=2026, id_number=person_id(70), name="不在册",
                             method="in_person", status="certified", channel="rest",
                             conversation_id=None)
    response = admin_client.get("/export/certifications.csv")
    assert response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0][:2] == ["身份证号", "姓名"]
    by_id = {row[0]: row for row in rows[1:]}
    assert by_id[person_id(61)][5:7] == ["已认证", "手机APP"]
    assert by_id[person_id(62)][5] == "未认证"
    assert by_id[person_id(70)][4] == "否"
    assert len(rows) == 4

from __future__ import annotations

import threading
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from casework import db, records
from casework.identity import make_valid_id
from casework.models import (
    AuditEvent,
    Beneficiary,
    Certification,
    Handoff,
    ProcessedMessage,
    ScamReport,
    utcnow,
)
from casework.references import parse_reference

PERSON = make_valid_id("371003", date(1948, 5, 6), 42)
OTHER = make_valid_id("371081", date(1951, 8, 9), 17)


def add_to_roster(session: Session, id_number: str, year: int, name: str = "王秀英") -> None:
    session.add(Beneficiary(year=year, id_number=id_number, name=name, sex="女",
                            birth_date=date(1948, 5, 6), town="文城镇",
                            benefit_group="resident_pension"))  # fmt: skip
    session.flush()


def certify(session: Session, status: str, method: str = "assistant", year: int = 2026,
            id_number: str = PERSON) -> Certification:  # fmt: skip
    return records.record_certification(
        session, year=year, id_number=id_number, name="王秀英", method=method, status=status,
        channel="wechat", conversation_id="conv-1", actor_relation="母亲",
    )  # fmt: skip


def test_handoff_references_count_per_kind(session: Session) -> None:
    year = records.local_year()
    first = records.create_handoff(session, kind="home_visit", conversation_id="c1",
                                   channel="wechat")  # fmt: skip
    second = records.create_handoff(session, kind="home_visit", conversation_id="c2",
                                    channel="voice")  # fmt: skip
    review = records.create_handoff(session, kind="verification_review", conversation_id="c3",
                                    channel="rest")  # fmt: skip
    human = records.create_handoff(session, kind="human_help", conversation_id="c4",
                                   channel="voice")  # fmt: skip
    session.commit()
    assert first.reference == f"HV-{year}-000001"
    assert second.reference == f"HV-{year}-000002"
    assert review.reference == f"VR-{year}-000001"
    assert human.reference == f"HH-{year}-000001"
    assert parse_reference(second.reference) == ("HV", year, 2)
    assert first.status == "new" and first.created_at.tzinfo is not None


def test_handoff_writes_bot_audit_event(session: Session) -> None:
    handoff = records.create_handoff(
        session, kind="home_visit", conversation_id="c1", channel="wechat", person_name="王秀英",
        id_number=PERSON.lower()[:-1] + PERSON[-1].lower(), town="文城镇",
        phone="+86 138 1234 5678", details={"reason": "卧床"},
    )  # fmt: skip
    session.commit()
    event = session.scalars(select(AuditEvent)).one()
    assert (event.actor, event.action) == ("bot", "handoff_created")
    assert event.target == f"handoff:{handoff.reference}"
    stored = session.get(Handoff, handoff.id)
    assert stored is not None
    assert stored.id_number == PERSON and stored.phone == "13812345678"
    assert stored.details == {"reason": "卧床"}


def test_handoff_keeps_unchecked_numbers_in_details(session: Session) -> None:
    wrong = PERSON[:17] + ("0" if PERSON[17] != "0" else "1")
    handoff = records.create_handoff(session, kind="human_help", conversation_id="c1",
                                     channel="voice", id_number=wrong, phone="12345")  # fmt: skip
    assert handoff.id_number is None and handoff.phone is None
    assert handoff.details == {"unchecked_id_number": wrong, "unchecked_phone": "12345"}


def test_handoff_rejects_unknown_kind_or_channel(session: Session) -> None:
    with pytest.raises(ValueError, match="kind"):
        records.create_handoff(session, kind="visit", conversation_id="c", channel="wechat")
    with pytest.raises(ValueError, match="channel"):
        records.create_handoff(session, kind="home_visit", conversation_id="c", channel="sms")


def test_concurrent_handoffs_get_distinct_references(db_url: str) -> None:
    threads, per_thread = 6, 5
    errors: list[BaseException] = []
    start = threading.Barrier(threads)

    def worker(index: int) -> None:
        try:
            start.wait()
            for turn in range(per_thread):
                with db.session_scope(db_url) as session:
                    records.create_handoff(session, kind="home_visit", channel="wechat",
                                           conversation_id=f"t{index}-{turn}")  # fmt: skip
        except BaseException as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)

    pool = [threading.Thread(target=worker, args=(i,)) for i in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    assert errors == []
    with db.session_scope(db_url) as session:
        references = list(session.scalars(select(Handoff.reference)))
    numbers = sorted(parse_reference(r)[2] for r in references)  # type: ignore[index]
    assert numbers == list(range(1, threads * per_thread + 1))


def test_status_unknown_person(session: Session) -> None:
    status = records.certification_status(session, PERSON, 2026)
    assert not status.on_roster and not status.certified and not status.pending
    assert status.name is None and status.latest_status is None


def test_status_on_roster_not_certified(session: Session) -> None:
    add_to_roster(session, PERSON, 2026)
    status = records.certification_status(session, PERSON, 2026)
    assert status.on_roster and status.name == "王秀英"
    assert not status.certified and not status.pending


def test_status_pending_then_certified(session: Session) -> None:
    add_to_roster(session, PERSON, 2026)
    certify(session, "details_recorded")
    recorded = records.certification_status(session, PERSON, 2026)
    assert not recorded.pending and not recorded.certified  # details alone certify nothing
    assert recorded.latest_status == "details_recorded"
    certify(session, "pending_review")
    pending = records.certification_status(session, PERSON, 2026)
    assert pending.pending and not pending.certified
    done = certify(session, "certified", method="home_visit")
    session.commit()
    status = records.certification_status(session, PERSON, 2026)
    assert status.certified and not status.pending
    assert status.method == "home_visit"
    assert status.certified_at == done.decided_at and status.certified_at is not None
    assert done.beneficiary_id is not None and done.decided_by == "bot"


def test_status_rejected_is_neither_certified_nor_pending(session: Session) -> None:
    certify(session, "rejected")
    status = records.certification_status(session, PERSON, 2026)
    assert not status.certified and not status.pending
    assert status.latest_status == "rejected" and not status.on_roster
    assert status.name == "王秀英"


def test_status_is_per_year_and_per_person(session: Session) -> None:
    add_to_roster(session, PERSON, 2025)
    certify(session, "certified", year=2025)
    certify(session, "pending_review", id_number=OTHER)
    assert records.certification_status(session, PERSON, 2025).certified
    this_year = records.certification_status(session, PERSON, 2026)
    assert not this_year.certified and not this_year.on_roster and not this_year.pending
    assert records.certification_status(session, OTHER, 2026).pending


def test_status_accepts_lowercase_and_spaces(session: Session) -> None:
    number = make_valid_id("371003", date(1950, 1, 1), 2)
    for seq in range(3, 400):
        if number.endswith("X"):
            break
        number = make_valid_id("371003", date(1950, 1, 1), seq)
    certify(session, "certified", id_number=number)
    spaced = f"{number[:6]} {number[6:14]} {number[14:].lower()}"
    assert records.certification_status(session, spaced, 2026).certified


def test_record_certification_validates(session: Session) -> None:
    with pytest.raises(ValueError, match="check_digit"):
        certify(session, "certified", id_number=PERSON[:17] + ("0" if PERSON[17] != "0" else "1"))
    with pytest.raises(ValueError, match="status"):
        certify(session, "done")
    with pytest.raises(ValueError, match="phone"):
        records.record_certification(
            session, year=2026, id_number=PERSON, name="王秀英", method="app",
            status="details_recorded", channel="rest", conversation_id=None, phone="123",
        )  # fmt: skip


def test_certification_evidence_round_trips(session: Session) -> None:
    evidence = {"face_distance": 0.41, "images": ["wechat-" + "a" * 32 + ".jpg"],
                "ocr": {"name": "王秀英"}}  # fmt: skip
    record = records.record_certification(
        session, year=2026, id_number=PERSON, name="王秀英", method="assistant",
        status="pending_review", channel="wechat", conversation_id="c9", evidence=evidence,
    )  # fmt: skip
    session.commit()
    session.expire_all()
    stored = session.get(Certification, record.id)
    assert stored is not None and stored.evidence == evidence
    assert stored.decided_at is None and stored.decided_by is None


def test_scam_report_is_redacted_and_escalated(session: Session) -> None:
    text = f"自称公安说我身份证{PERSON}涉案，让我把钱转到安全账户，电话13812345678"
    report = records.record_scam_report(
        session, category="police_impersonation", risk="high", urgency="high", channel="voice",
        conversation_id="c1", text=text, phrases=["安全账户", "打给13912345678"],
        money_lost=False,
    )  # fmt: skip
    session.commit()
    assert PERSON not in report.redacted_text and "13812345678" not in report.redacted_text
    assert "3710**********" in report.redacted_text and "138****5678" in report.redacted_text
    assert report.phrases == ["安全账户", "打给139****5678"]
    assert report.handoff is not None and report.handoff.kind == "scam_report"
    assert report.handoff.reference == report.reference and report.reference.startswith("SR-")
    assert PERSON not in str(report.handoff.details)


def test_low_risk_scam_report_has_no_handoff(session: Session) -> None:
    report = records.record_scam_report(
        session, category="question", risk="low", urgency="normal", channel="wechat",
        conversation_id="c2", text="收到短信说养老金要认证，是真的吗", phrases=[],
    )  # fmt: skip
    session.commit()
    assert report.handoff_id is None
    assert session.scalar(select(func.count()).select_from(Handoff)) == 0
    assert session.scalar(select(func.count()).select_from(ScamReport)) == 1


def test_money_lost_escalates(session: Session) -> None:
    report = records.record_scam_report(
        session, category="fake_subsidy", risk="medium", urgency="normal", channel="wechat",
        conversation_id="c3", text="交了验证资金", phrases=["验证资金"], money_lost=True,
    )  # fmt: skip
    assert report.handoff is not None


def test_mark_processed(session: Session) -> None:
    assert records.mark_processed(session, "wechat", "msg-1") is True
    assert records.mark_processed(session, "wechat", "msg-1") is False
    assert records.mark_processed(session, "voice", "msg-1") is True
    session.commit()
    assert records.mark_processed(session, "wechat", "msg-1") is False
    # The transaction is still usable after a duplicate.
    records.audit(session, "system", "ping", "test:1")
    session.commit()


def test_audit_details_default_empty(session: Session) -> None:
    records.audit(session, "alice", "handoff_claimed", "handoff:HV-2026-000001")
    session.commit()
    event = session.scalars(select(AuditEvent)).one()
    assert event.details == {} and event.at.tzinfo is not None


def test_scam_outcome_loss_escalates_once(session: Session) -> None:
    report = records.record_scam_report(
        session, category="fake_subsidy", risk="medium", urgency="normal", channel="wechat",
        conversation_id="c4", text="说给我发补贴，让我交个税", phrases=["个人所得税"],
    )  # fmt: skip
    assert report.handoff is None
    records.record_scam_outcome(session, report.reference, money_lost=True)
    session.commit()
    assert report.money_lost is True and report.urgency == "high"
    assert report.handoff is not None and report.handoff.reference == report.reference
    assert report.handoff.details["money_lost"] is True
    records.record_scam_outcome(session, report.reference, money_lost=True)
    session.commit()
    assert session.scalar(select(func.count()).select_from(Handoff)) == 1


def test_scam_outcome_no_loss_and_unknown_reference(session: Session) -> None:
    report = records.record_scam_report(
        session, category="police_impersonation", risk="high", urgency="normal",
        channel="voice", conversation_id="c5", text="公安说我涉案", phrases=["涉案"],
    )  # fmt: skip
    records.record_scam_outcome(session, report.reference, money_lost=False)
    session.commit()
    assert report.money_lost is False and report.urgency == "normal"
    assert report.handoff is not None and report.handoff.details["money_lost"] is False
    assert records.record_scam_outcome(session, "SR-2026-999999", money_lost=True) is None


def test_forget_processed_keeps_recent_ids(session: Session) -> None:
    records.mark_processed(session, "wechat", "old")
    records.mark_processed(session, "wechat", "new")
    old = session.scalars(select(ProcessedMessage).where(ProcessedMessage.message_id == "old"))
    old.one().created_at = utcnow() - timedelta(days=30)
    session.commit()
    assert records.forget_processed(session, older_than_days=7) == 1
    session.commit()
    assert records.mark_processed(session, "wechat", "new") is False
    assert records.mark_processed(session, "wechat", "old") is True

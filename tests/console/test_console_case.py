"""The case page: reveal, home visit from claim to resolution, verification review, Rasa down."""

from __future__ import annotations

from datetime import date, timedelta

from console_support import add_handoff, add_user, person_id, post_form
from sqlalchemy import select

from casework.db import session_scope
from casework.models import AuditEvent, Certification, Handoff
from casework.records import record_certification


def _handoff(url: str, reference: str) -> Handoff:
    with session_scope(url) as session:
        return session.scalar(select(Handoff).where(Handoff.reference == reference))


def _page(client, reference: str) -> str:
    return client.get(f"/handoffs/{reference}").get_data(as_text=True)


def _audit(url: str, reference: str) -> list[str]:
    with session_scope(url) as session:
        return list(session.scalars(select(AuditEvent.action).where(
            AuditEvent.target == f"handoff:{reference}").order_by(AuditEvent.id)))


def test_reveal_shows_full_number_once_and_is_audited(staff_client, database_url):
    reference = add_handoff(database_url, seq=21)
    number = person_id(21)
    assert number not in _page(staff_client, reference)
    revealed = post_form(staff_client, f"/handoffs/{reference}/reveal")
    assert revealed.status_code == 200
    assert number in revealed.get_data(as_text=True)
    assert number not in _page(staff_client, reference)
    assert "reveal_id_number" in _audit(database_url, reference)


def test_home_visit_from_claim_to_resolution(staff_client, database_url):
    add_user(database_url, "visitor")
    reference = add_handoff(database_url, seq=31)
    base = f"/handoffs/{reference}"
    post_form(staff_client, f"{base}/claim")
    day = date.today() + timedelta(days=2)
    post_form(staff_client, f"{base}/schedule",
              {"date": day.isoformat(), "slot": "下午", "assigned_to": "visitor"})
    handoff = _handoff(database_url, reference)
    assert (handoff.status, handoff.scheduled_for, handoff.slot, handoff.assigned_to) == (
        "scheduled", day, "下午", "visitor")
    post_form(staff_client, f"{base}/outcome", {"outcome": "certified_at_home", "note": "本人在家"})
    post_form(staff_client, f"{base}/resolve", {"note": "已入户认证"})
    handoff = _handoff(database_url, reference)
    assert (handoff.status, handoff.outcome, handoff.resolution_note) == (
        "resolved", "certified_at_home", "已入户认证")
    assert handoff.resolved_at is not None
    with session_scope(database_url) as session:
        cert = session.scalar(select(Certification).where(Certification.id_number == person_id(31)))
        assert (cert.method, cert.status, cert.channel, cert.decided_by) == (
            "home_visit", "certified", "console", "zhang")
    assert _audit(database_url, reference) == [
        "handoff_created", "claim", "schedule", "visit_outcome", "resolve"]


def test_schedule_refuses_past_dates_and_unknown_staff(staff_client, database_url):
    reference = add_handoff(database_url)
    base = f"/handoffs/{reference}"
    post_form(staff_client, f"{base}/claim")
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    post_form(staff_client, f"{base}/schedule", {"date": yesterday, "slot": "上午"})
    assert "不能早于今天" in _page(staff_client, reference)
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    post_form(staff_client, f"{base}/schedule",
              {"date": tomorrow, "slot": "上午", "assigned_to": "nobody"})
    assert "在岗的工作人员" in _page(staff_client, reference)
    assert _handoff(database_url, reference).status == "claimed"


def test_deceased_outcome_shows_reporting_duty(staff_client, database_url):
    reference = add_handoff(database_url)
    base = f"/handoffs/{reference}"
    post_form(staff_client, f"{base}/claim")
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    post_form(staff_client, f"{base}/schedule", {"date": tomorrow, "slot": "上午"})
    post_form(staff_client, f"{base}/outcome", {"outcome": "deceased", "note": "家属告知"})
    page = _page(staff_client, reference)
    assert "7个工作日" in page and "30个工作日" in page
    handoff = _handoff(database_url, reference)
    assert handoff.details["beneficiary_deceased"] is True
    assert handoff.outcome == "deceased"


def test_nobody_home_returns_to_rescheduling(staff_client, database_url):
    reference = add_handoff(database_url)
    base = f"/handoffs/{reference}"
    post_form(staff_client, f"{base}/claim")
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    post_form(staff_client, f"{base}/schedule", {"date": tomorrow, "slot": "上午"})
    post_form(staff_client, f"{base}/outcome", {"outcome": "nobody_home"})
    handoff = _handoff(database_url, reference)
    assert (handoff.status, handoff.outcome) == ("claimed", "nobody_home")


def test_approve_verification_review_certifies_pending_record(staff_client, database_url):
    with session_scope(database_url) as session:
        cert = record_certification(
            session, year=2026, id_number=person_id(41), name="李建国", method="assistant",
            status="pending_review", channel="wechat", conversation_id="c1",
            evidence={"face_distance": 0.55, "ocr": {"姓名": "李建国", "号码": person_id(41)}})
        cert_id = cert.id
    reference = add_handoff(database_url, kind="verification_review", seq=41,
                            certification_id=cert_id)
    page = _page(staff_client, reference)
    assert "0.55" in page and person_id(41) not in page  # OCR fields shown, number masked
    post_form(staff_client, f"/handoffs/{reference}/decide",
              {"decision": "approve", "note": "照片一致"})
    with session_scope(database_url) as session:
        certs = list(session.scalars(select(Certification)))
        assert len(certs) == 1
        assert (certs[0].status, certs[0].decided_by) == ("certified", "zhang")
    assert _handoff(database_url, reference).status == "resolved"


def test_reject_verification_review_without_pending_record(staff_client, database_url):
    reference = add_handoff(database_url, kind="verification_review", seq=42)
    post_form(staff_client, f"/handoffs/{reference}/decide", {"decision": "reject", "note": "不符"})
    with session_scope(database_url) as session:
        cert = session.scalar(select(Certification))
        assert (cert.status, cert.method, cert.id_number) == (
            "rejected", "staff_review", person_id(42))


def test_resolve_needs_a_note(staff_client, database_url):
    reference = add_handoff(database_url, kind="human_help")
    post_form(staff_client, f"/handoffs/{reference}/resolve", {"note": "  "})
    assert "处理说明" in _page(staff_client, reference)
    assert _handoff(database_url, reference).status == "new"


def test_rasa_down_is_a_clear_message_not_an_error(staff_client, database_url):
    reference = add_handoff(database_url)
    response = staff_client.get(f"/handoffs/{reference}")
    assert response.status_code == 200
    assert "对话服务暂时连不上" in response.get_data(as_text=True)
    sent = post_form(staff_client, f"/handoffs/{reference}/message", {"text": "您好"})
    assert sent.status_code == 302
    assert "对话服务暂时连不上" in _page(staff_client, reference)
    post_form(staff_client, f"/handoffs/{reference}/hand-back")
    assert "hand_back" not in _audit(database_url, reference)


PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
       b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N"
       b"\x00\x00\x00\x00IEND\xaeB`\x82")


def test_evidence_photos_only_for_logged_in_staff(staff_client, app, database_url, tmp_path,
                                                   monkeypatch):
    from casework.evidence import store_image
    from settings import get_settings

    monkeypatch.setenv("DATA_DIR", str(tmp_path))
    get_settings.cache_clear()
    try:
        image = store_image(PNG, source="wechat")
        with session_scope(database_url) as session:
            cert = record_certification(
                session, year=2026, id_number=person_id(43), name="李建国", method="assistant",
                status="pending_review", channel="wechat", conversation_id="c2",
                evidence={"images": {"face": image}, "face_distance": 0.58})
            cert_id = cert.id
        reference = add_handoff(database_url, kind="verification_review", seq=43,
                                certification_id=cert_id)
        assert f"/evidence/{image}" in _page(staff_client, reference)
        served = staff_client.get(f"/evidence/{image}")
        assert served.status_code == 200 and served.data == PNG
        assert staff_client.get("/evidence/..%2Fconsole.db").status_code == 404
        assert staff_client.get("/evidence/wechat-" + "0" * 32 + ".png").status_code == 404
        anonymous = app.test_client().get(f"/evidence/{image}")
        assert anonymous.status_code == 302 and anonymous.data != PNG
    finally:
        get_settings.cache_clear()


def test_details_from_the_bot_are_labelled_in_chinese(staff_client, database_url):
    reference = add_handoff(database_url, kind="human_help", details={
        "reason": "asked_for_human", "recent_messages": ["转人工", f"我的号是{person_id(44)}"]})
    page = _page(staff_client, reference)
    assert "原因" in page and "要求转人工" in page and "最近说的话" in page
    assert person_id(44) not in page  # numbers inside free text are masked too

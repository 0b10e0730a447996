"""The queue: masking, filters, oldest first, claim and release."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from console_support import add_handoff, person_id, post_form
from sqlalchemy import select

from casework.db import session_scope
from casework.models import AuditEvent, Handoff


def _references(html: str) -> list[str]:
    return re.findall(r'href="/handoffs/([A-Z]{2}-\d{4}-\d{6})"', html)


def _age(url: str, reference: str, days: int) -> None:
    with session_scope(url) as session:
        handoff = session.scalar(select(Handoff).where(Handoff.reference == reference))
        handoff.created_at = datetime.now(UTC) - timedelta(days=days)


def test_queue_masks_personal_data(staff_client, database_url):
    add_handoff(database_url, seq=11)
    html = staff_client.get("/").get_data(as_text=True)
    number = person_id(11)
    assert number not in html
    assert f"{number[:4]}**********{number[-4:]}" in html
    assert "13812345678" not in html


def test_queue_is_oldest_first_and_sortable(staff_client, database_url):
    young = add_handoff(database_url)
    old = add_handoff(database_url, kind="human_help")
    middle = add_handoff(database_url, kind="scam_report")
    _age(database_url, old, 5)
    _age(database_url, middle, 2)
    assert _references(staff_client.get("/").get_data(as_text=True)) == [old, middle, young]
    newest = staff_client.get("/?sort=newest").get_data(as_text=True)
    assert _references(newest) == [young, middle, old]
    waiting = staff_client.get("/?min_days=3").get_data(as_text=True)
    assert _references(waiting) == [old]
    assert _references(staff_client.get("/?min_days=1").get_data(as_text=True)) == [old, middle]


def test_queue_filters(staff_client, database_url):
    visit = add_handoff(database_url, town="侯家镇")
    review = add_handoff(database_url, kind="verification_review", town="文城镇")
    done = add_handoff(database_url, kind="human_help")
    with session_scope(database_url) as session:
        session.scalar(select(Handoff).where(Handoff.reference == done)).status = "resolved"
    assert _references(staff_client.get("/?kind=home_visit").get_data(as_text=True)) == [visit]
    assert _references(staff_client.get("/?town=文城镇").get_data(as_text=True)) == [review]
    assert _references(staff_client.get("/").get_data(as_text=True)) == [visit, review]
    assert _references(staff_client.get("/?status=resolved").get_data(as_text=True)) == [done]
    assert len(_references(staff_client.get("/?status=all").get_data(as_text=True))) == 3
    assert _references(staff_client.get("/?kind=bogus&status=bogus").get_data(as_text=True)) \
        == [visit, review]


def test_claim_and_release(staff_client, database_url):
    reference = add_handoff(database_url)
    post_form(staff_client, f"/handoffs/{reference}/claim")
    mine = staff_client.get("/?assigned=zhang").get_data(as_text=True)
    assert _references(mine) == [reference]
    again = post_form(staff_client, f"/handoffs/{reference}/claim")
    assert again.status_code == 302
    page = staff_client.get(f"/handoffs/{reference}").get_data(as_text=True)
    assert "已经有人认领了" in page
    post_form(staff_client, f"/handoffs/{reference}/release", {"back": "/"})
    with session_scope(database_url) as session:
        handoff = session.scalar(select(Handoff).where(Handoff.reference == reference))
        assert (handoff.status, handoff.assigned_to) == ("new", None)
        actions = list(session.scalars(select(AuditEvent.action).where(
            AuditEvent.target == f"handoff:{reference}", AuditEvent.actor == "zhang")))
        assert actions == ["claim", "release"]


def test_unknown_handoff_is_404(staff_client):
    assert staff_client.get("/handoffs/HV-2026-999999").status_code == 404

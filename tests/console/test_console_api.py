"""The JSON API: Bearer tokens, queue listing, case actions, errors as JSON."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from console_support import add_handoff, add_user, person_id
from sqlalchemy import select

from casework.db import session_scope
from casework.models import AuditEvent, StaffUser
from console import accounts


@pytest.fixture
def api(app, database_url):
    add_user(database_url, "zhang")
    with session_scope(database_url) as session:
        token = accounts.issue_api_token(accounts.find_user(session, "zhang"))
    client = app.test_client()
    headers = {"Authorization": f"Bearer {token}"}

    def call(method: str, path: str, body: dict | None = None):
        return client.open(f"/api{path}", method=method, headers=headers, json=body)

    return call


def test_token_is_stored_hashed(api, database_url):
    assert api("GET", "/me").get_json() == {"username": "zhang", "role": "staff"}
    with session_scope(database_url) as session:
        stored = session.scalar(select(StaffUser.api_token_hash))
        assert len(stored) == 64 and not stored.startswith("wdc_")


def test_list_is_masked_and_filtered(api, database_url):
    visit = add_handoff(database_url, seq=51,
                        details={"recent_messages": [f"号码{person_id(53)}", "13912345678"]})
    add_handoff(database_url, kind="scam_report")
    body = api("GET", "/handoffs?kind=home_visit").get_json()
    assert [h["reference"] for h in body["handoffs"]] == [visit]
    row = body["handoffs"][0]
    assert row["id_number"] == f"{person_id(51)[:4]}**********{person_id(51)[-4:]}"
    assert row["phone"] == "138****5678"
    assert body["more"] is False
    assert person_id(53) not in str(row["details"]) and "13912345678" not in str(row["details"])


def test_home_visit_through_the_api(api, database_url):
    reference = add_handoff(database_url)
    assert api("POST", f"/handoffs/{reference}/claim").get_json()["status"] == "claimed"
    assert api("POST", f"/handoffs/{reference}/claim").status_code == 409
    day = (date.today() + timedelta(days=3)).isoformat()
    scheduled = api("POST", f"/handoffs/{reference}/schedule", {"date": day, "slot": "上午"})
    assert scheduled.get_json()["scheduled_for"] == day
    outcome = api("POST", f"/handoffs/{reference}/outcome", {"outcome": "deceased"}).get_json()
    assert "7个工作日" in outcome["reporting_duty"]
    assert outcome["details"]["beneficiary_deceased"] is True
    assert api("POST", f"/handoffs/{reference}/resolve", {}).status_code == 409
    done = api("POST", f"/handoffs/{reference}/resolve", {"note": "已告知家属报告"}).get_json()
    assert done["status"] == "resolved"


def test_bad_input_and_unknown_handoffs(api, database_url):
    reference = add_handoff(database_url)
    api("POST", f"/handoffs/{reference}/claim")
    bad = api("POST", f"/handoffs/{reference}/schedule", {"date": "next week"})
    assert bad.status_code == 409 and "YYYY-MM-DD" in bad.get_json()["error"]
    assert api("POST", f"/handoffs/{reference}/decide", {"decision": "approve"}).status_code == 409
    assert api("GET", "/handoffs/HV-2026-999999").status_code == 404


def test_reveal_is_audited(api, database_url):
    reference = add_handoff(database_url, seq=52)
    assert api("POST", f"/handoffs/{reference}/reveal").get_json()["id_number"] == person_id(52)
    with session_scope(database_url) as session:
        event = session.scalar(select(AuditEvent).where(AuditEvent.action == "reveal_id_number"))
        assert (event.actor, event.target) == ("zhang", f"handoff:{reference}")


def test_rasa_down_is_502_with_a_message(api, database_url):
    reference = add_handoff(database_url)
    response = api("GET", f"/handoffs/{reference}/transcript")
    assert response.status_code == 502
    assert "对话服务" in response.get_json()["error"]
    assert api("POST", f"/handoffs/{reference}/hand-back").status_code == 502


def test_deactivated_user_token_stops_working(api, database_url):
    with session_scope(database_url) as session:
        session.scalar(select(StaffUser)).active = False
    assert api("GET", "/handoffs").status_code == 401


def test_page_session_does_not_open_the_api(staff_client):
    assert staff_client.get("/api/handoffs").status_code == 401


def test_token_issued_on_account_page_works(staff_client, app, database_url):
    from console_support import post_form

    html = post_form(staff_client, "/account/token").get_data(as_text=True)
    token = html.split('id="api-token">')[1].split("<")[0]
    client = app.test_client()
    me = client.get("/api/me", headers={"Authorization": f"Bearer {token}"})
    assert me.get_json()["username"] == "zhang"

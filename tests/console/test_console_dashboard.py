"""Dashboard figures and their SVG charts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from console_support import add_handoff, person_id
from sqlalchemy import select

from casework.db import session_scope
from casework.identity import check_id_number
from casework.models import Beneficiary, Handoff
from casework.records import record_certification, record_scam_report
from console import charts, dashboard_data


def _roster(url: str) -> None:
    with session_scope(url) as session:
        for seq, town in ((81, "文城镇"), (82, "文城镇"), (83, "侯家镇"), (84, "侯家镇")):
            check = check_id_number(person_id(seq))
            session.add(Beneficiary(year=2026, id_number=person_id(seq), name="某某", sex=check.sex,
                                    birth_date=check.birth_date, town=town,
                                    benefit_group="retiree"))
        session.flush()
        for seq, method in ((81, "app"), (83, "home_visit")):
            record_certification(session, year=2026, id_number=person_id(seq), name="某某",
                                 method=method, status="certified", channel="rest",
                                 conversation_id=None)
        record_certification(session, year=2026, id_number=person_id(82), name="某某",
                             method="assistant", status="pending_review", channel="rest",
                             conversation_id=None)


def test_progress_by_town_and_method(database_url, app):
    _roster(database_url)
    with session_scope(database_url) as session:
        progress = dashboard_data.progress(session, 2026)
    assert (progress.roster, progress.certified) == (4, 2)
    assert sorted(progress.by_town) == [("侯家镇", 1, 2), ("文城镇", 1, 2)]
    assert sorted(progress.by_method) == [("app", 1), ("home_visit", 1)]


def test_open_handoffs_overdue_and_scams(database_url, app):
    stale = add_handoff(database_url)
    add_handoff(database_url, kind="human_help")
    with session_scope(database_url) as session:
        handoff = session.scalar(select(Handoff).where(Handoff.reference == stale))
        handoff.created_at = datetime.now(UTC) - timedelta(days=4)
        record_scam_report(session, category="impersonation", risk="high", urgency="high",
                           channel="rest", conversation_id="c", text="自称社保局的人让我转账",
                           phrases=["转账"])
    with session_scope(database_url) as session:
        table = dashboard_data.open_by_kind_and_age(session)
        assert table["home_visit"] == {"d3_7": 1} and table["human_help"] == {"lt1": 1}
        assert [h.reference for h in dashboard_data.overdue(session)] == [stale]
        weeks, categories = dashboard_data.scams_by_week(session)
    assert categories == ["impersonation"]
    assert len(weeks) == dashboard_data.WEEKS and weeks[-1][1] == {"impersonation": 1}


def test_dashboard_page_draws_charts(staff_client, database_url):
    _roster(database_url)
    html = staff_client.get("/dashboard").get_data(as_text=True)
    assert "2 / 4 人" in html
    assert html.count("<svg") == 4
    assert "1/2（50%）" in html


def test_chart_escapes_labels():
    svg = str(charts.progress_chart([("<b>镇</b>", 1, 4)], "t"))
    assert "<b>" not in svg and "&lt;b&gt;" in svg and "25%" in svg
    stacked = str(charts.stacked_chart([("周", {"a": 2, "b": 1})], ["a", "b"], {"a": "甲"}, "t"))
    assert stacked.count("<rect") == 4  # two bars and two legend swatches

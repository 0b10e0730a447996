"""Actions outside forms: fallback, repeat, status, home visits, handoffs, a store that is down."""

from __future__ import annotations

import asyncio
import os
from datetime import date

import pytest
from conftest import bot, responses, tracker, user
from rasa_sdk.events import ConversationPaused, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select

from actions.conversation import ActionGreet, ActionRepeat, ActionSessionStart
from actions.handoff import ActionHandoffToHuman
from actions.scams import ActionScamFollowup, ActionScamWarning
from actions.status import ActionCheckStatus
from actions.visits import ActionSubmitHomeVisit, town_of
from casework import db
from casework.identity import make_valid_id
from casework.models import Handoff, ScamReport
from casework.roster import RosterRow, upsert
from settings import get_settings

PERSON = make_valid_id("371003", date(1948, 3, 9), 42)


def run(action, current_tracker):
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, current_tracker, {}))
    return dispatcher, events


def test_session_start_fills_the_facts_from_settings():
    _, events = run(ActionSessionStart(), tracker())
    assert SlotSet("cert_close", "6月30日") in events
    assert SlotSet("suspend_month", "7月") in events
    assert SlotSet("anti_fraud_line", "0631-5192345") in events


def test_repeat_sends_the_previous_answer_again():
    current = tracker(user("截止", "ask_cert_deadline"), bot("6月30日截止。"), bot("别忘了。"),
                      user("再说一遍", "repeat"))
    dispatcher, _ = run(ActionRepeat(), current)
    assert [m["text"] for m in dispatcher.messages] == ["6月30日截止。", "别忘了。"]


@pytest.mark.parametrize(("window", "response"), [
    (("2026-04-01", "2099-06-30"), "utter_status_not_yet"),
    (("2026-04-01", "2026-06-30"), "utter_status_not_yet_late"),
])  # fmt: skip
def test_status_of_someone_on_the_roster_who_has_not_certified(
    store, monkeypatch, window, response
):
    monkeypatch.setenv("CERT_OPEN", window[0])
    monkeypatch.setenv("CERT_CLOSE", window[1])
    get_settings.cache_clear()
    row = RosterRow(id_number=PERSON, name="刘秀英", town="侯家镇", address="侯家镇西南村",
                    phone=None, benefit_group="resident_pension")
    with db.session_scope(store) as session:
        upsert(session, get_settings().cert_year, row, {})
    dispatcher, events = run(ActionCheckStatus(), tracker(slots={"id_number": PERSON}))
    assert responses(dispatcher) == [response]
    assert dispatcher.messages[0]["name"] == "刘*英"  # masked for whoever asks
    assert SlotSet("id_number", None) in events


def test_home_visit_creates_a_handoff_with_a_reference(store):
    slots = {"person_name": "王德福", "id_number": PERSON, "address": "文登区汪疃镇东村3号",
             "visit_reason": "卧床", "relation": "子女", "phone_number": "13912345678",
             "visit_time": "上午"}  # fmt: skip
    dispatcher, events = run(ActionSubmitHomeVisit(), tracker(slots=slots))
    [message] = dispatcher.messages
    assert message["response"] == "utter_home_visit_created"
    with db.session_scope(store) as session:
        handoff = session.scalars(select(Handoff)).one()
        assert handoff.reference == message["reference"]
        assert (handoff.kind, handoff.town, handoff.person_name) == ("home_visit", "汪疃镇", "王德福")
    assert SlotSet("visit_time", None) in events


def test_towns_are_read_from_addresses():
    assert town_of("威海市文登区龙山街道香山路12号") == "龙山街道"
    assert town_of("乳山市崖子镇嵛山村") == "崖子镇"
    assert town_of("香山路12号") is None


def test_a_store_that_is_down_gets_a_kind_answer_and_keeps_the_details():
    os.environ["DATABASE_URL"] = "postgresql+psycopg2://postgres@127.0.0.1:1/none"
    get_settings.cache_clear()
    slots = {"person_name": "王德福", "visit_time": "上午", "address": "汪疃镇"}
    dispatcher, events = run(ActionSubmitHomeVisit(), tracker(slots=slots))
    assert responses(dispatcher) == ["utter_store_unavailable"]
    assert events == []  # nothing forgotten: the person can try again


def test_handoff_pauses_the_conversation(store):
    dispatcher, events = run(ActionHandoffToHuman(), tracker(user("转人工", "ask_human")))
    assert responses(dispatcher) == ["utter_handoff_human"]
    assert ConversationPaused() in events
    with db.session_scope(store) as session:
        assert session.scalars(select(Handoff)).one().details["reason"] == "asked_for_human"


@pytest.mark.parametrize(("close", "reminded"), [("2099-06-30", True), ("2026-06-30", False)])
def test_the_greeting_carries_an_anti_fraud_reminder_in_season(monkeypatch, close, reminded):
    monkeypatch.setenv("CERT_OPEN", "2026-04-01")
    monkeypatch.setenv("CERT_CLOSE", close)
    get_settings.cache_clear()
    dispatcher, _ = run(ActionGreet(), tracker(user("你好", "greet")))
    assert ("utter_season_scam_reminder" in responses(dispatcher)) is reminded
    assert responses(dispatcher)[0] == "utter_greet"


def test_nlu_alone_gives_advice_not_an_alarm_and_no_loss_question(store):
    question = user("我妈的养老金卡被冻结了，怎么解冻", "report_scam", 0.9)
    dispatcher, events = run(ActionScamWarning(), tracker(question))
    assert responses(dispatcher) == ["utter_scam_tips"] and events == []
    answer = tracker(question, {"event": "bot", "text": "防骗…",
                                "metadata": {"utter_action": "utter_scam_tips"}},
                     user("好的", "affirm"))  # fmt: skip
    dispatcher, _ = run(ActionScamFollowup(), answer)
    assert responses(dispatcher) == ["utter_anything_else"]
    with db.session_scope(store) as session:
        assert session.scalars(select(ScamReport)).all() == []

"""The forms' validators: slot values, interruptions, stopping, scams mid-form."""

from __future__ import annotations

import asyncio
from datetime import date

from conftest import responses, slot, tracker, user
from rasa_sdk.events import ActiveLoop, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select

from actions.certification import ValidateCertificationForm
from casework import db
from casework.identity import make_valid_id
from casework.models import ScamReport
from settings import get_settings

DOMAIN = {
    "forms": {"certification_form": {"required_slots": [
        "relation", "person_name", "id_number", "hukou_place", "address", "phone_number",
        "details_confirmed"]}},
    "slots": {},
}  # fmt: skip
VALID_ID = make_valid_id("371081", date(1950, 1, 1), 123)


def run(form, current_tracker):
    dispatcher = CollectingDispatcher()
    events = asyncio.run(form.run(dispatcher, current_tracker, DOMAIN))
    return dispatcher, events


def waiting_for(requested: str, message: dict, **filled) -> object:
    """The form asked for `requested`; `filled` are the slots extracted from `message`."""
    events = [message, *(slot(name, value) for name, value in filled.items())]
    return tracker(*events, slots={"requested_slot": requested, **filled},
                   form="certification_form")


def test_a_question_mid_form_is_answered_and_the_slot_asked_again():
    form = ValidateCertificationForm()
    dispatcher, events = run(form, waiting_for(
        "person_name", user("认证什么时候截止", "ask_cert_deadline"), person_name="认证什么时候截止"))
    assert responses(dispatcher) == ["utter_cert_deadline"]
    assert events == [SlotSet("person_name", None)]


def test_a_name_is_not_taken_for_a_question():
    form = ValidateCertificationForm()
    dispatcher, events = run(form, waiting_for(
        "person_name", user("张桂兰", "inform", 0.7), person_name="张桂兰"))
    assert SlotSet("person_name", "张桂兰") in events
    assert responses(dispatcher) == []


def test_stopping_closes_the_form_and_forgets():
    form = ValidateCertificationForm()
    dispatcher, events = run(form, waiting_for("id_number", user("不办了", "deny"),
                                               person_name="张桂兰"))
    assert responses(dispatcher) == ["utter_form_stopped"]
    assert ActiveLoop(None) in events and SlotSet("person_name", None) in events


def test_no_at_the_read_back_is_an_answer_not_a_stop():
    form = ValidateCertificationForm()
    current = tracker(user("不对", "deny"), slot("details_confirmed", False),
                      slots={"requested_slot": "details_confirmed", "person_name": "张桂兰",
                             "details_confirmed": False}, form="certification_form")
    dispatcher, events = run(form, current)
    assert "utter_details_retry" in responses(dispatcher)
    assert SlotSet("person_name", None) in events and ActiveLoop(None) not in events


def test_wrong_check_digit_is_explained():
    wrong = VALID_ID[:17] + ("1" if VALID_ID[17] != "1" else "2")
    dispatcher, events = run(ValidateCertificationForm(), waiting_for(
        "id_number", user(wrong, "inform"), id_number=wrong))
    assert responses(dispatcher) == ["utter_id_invalid_check_digit"]
    assert SlotSet("id_number", None) in events


def test_spoken_id_is_normalised_and_masked_for_read_back():
    dispatcher, events = run(ValidateCertificationForm(), waiting_for(
        "id_number", user("号码是" + VALID_ID, "inform"), id_number="号码是" + VALID_ID))
    assert SlotSet("id_number", VALID_ID) in events
    assert SlotSet("id_last4", VALID_ID[-4:]) in events
    assert SlotSet("id_masked", VALID_ID[:4] + "*" * 10 + VALID_ID[-4:]) in events


def test_scam_mid_form_warns_records_and_asks_about_losses(store):
    text = "有人打电话说我社保卡冻结了 让我把钱转到安全账户"
    dispatcher, events = run(ValidateCertificationForm(), waiting_for(
        "person_name", user(text, "report_scam", 1.0), person_name=text))
    assert responses(dispatcher)[0].startswith("utter_scam_warning_")
    assert SlotSet("requested_slot", "scam_money_lost") in events
    with db.session_scope(store) as session:
        [report] = session.scalars(select(ScamReport)).all()
        assert report.money_lost is None and report.conversation_id == "unit-test"
        reference = report.reference
    dispatcher, events = run(ValidateCertificationForm(), waiting_for(
        "scam_money_lost", user("没有 一分钱没转", "deny"), scam_report=reference))
    assert responses(dispatcher) == ["utter_scam_no_loss"]
    assert SlotSet("scam_money_lost", None) in events
    with db.session_scope(store) as session:
        assert session.scalars(select(ScamReport)).one().money_lost is False


def test_a_request_that_also_answers_is_taken_as_the_answer():
    dispatcher, events = run(ValidateCertificationForm(), waiting_for(
        "relation", user("给我自己认证", "start_certification", 0.99), relation="本人"))
    assert SlotSet("relation", "本人") in events and responses(dispatcher) == []
    dispatcher, events = run(ValidateCertificationForm(), waiting_for(
        "relation", user("我要认证", "start_certification", 0.99), relation="我要认证"))
    assert events == [SlotSet("relation", None)] and responses(dispatcher) == []


def test_asking_for_a_person_when_the_store_is_down_keeps_the_form(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg2://postgres@127.0.0.1:1/none")
    get_settings.cache_clear()
    dispatcher, events = run(ValidateCertificationForm(), waiting_for(
        "hukou_place", user("转人工", "ask_human"), hukou_place="转人工"))
    assert responses(dispatcher) == ["utter_store_unavailable"]
    assert events == [SlotSet("hukou_place", None)]  # the form goes on, nothing forgotten
    get_settings.cache_clear()

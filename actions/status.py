"""Has someone certified this year? Answered from the casework store by ID number."""

from __future__ import annotations

from datetime import date
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.forms import InterruptibleForm
from actions.store import StoreUnavailable, run_in_store
from casework.records import CertStatus, certification_status
from settings import get_settings

DomainDict = dict[str, Any]
STATUS_SLOTS = ("id_number", "id_masked", "id_last4")
METHOD_LABELS = {
    "app": "“威海人社”APP",
    "in_person": "现场办理",
    "home_visit": "工作人员上门",
    "assistant": "认证小助手",
    "staff_review": "工作人员审核",
}


class ValidateStatusForm(InterruptibleForm):
    form_slots = STATUS_SLOTS

    def name(self) -> str:
        return "validate_status_form"

def masked_name(name: str | None) -> str:
    """'张桂兰' -> '张*兰': enough for a relative to recognise, little for a stranger."""
    if not name:
        return "这位老人"
    if len(name) <= 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]

def say_status(dispatcher: CollectingDispatcher, status: CertStatus) -> None:
    name = masked_name(status.name)
    if not status.on_roster and not status.certified:
        dispatcher.utter_message(response="utter_status_not_on_roster")
    elif status.certified:
        when = status.certified_at
        day = f"{when.month}月{when.day}日" if when else "今年"
        method = METHOD_LABELS.get(status.method or "", "认证")
        dispatcher.utter_message(response="utter_status_certified", name=name, date=day, method=method)
    elif status.pending:
        dispatcher.utter_message(response="utter_status_pending", name=name)
    elif date.today() > get_settings().cert_close:
        dispatcher.utter_message(response="utter_status_not_yet_late", name=name)
    else:
        dispatcher.utter_message(response="utter_status_not_yet", name=name)


class ActionCheckStatus(Action):
    def name(self) -> str:
        return "action_check_status"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        id_number = tracker.get_slot("id_number")
        clear = [SlotSet(slot, None) for slot in STATUS_SLOTS]
        if not id_number:
            return clear
        year = get_settings().cert_year
        try:
            status = run_in_store(lambda session: certification_status(session, id_number, year))
        except StoreUnavailable:
            dispatcher.utter_message(response="utter_store_unavailable")
            return []
        say_status(dispatcher, status)
        return clear

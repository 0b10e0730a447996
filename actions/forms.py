"""What every form shares: answering questions mid-form, stopping, asking for a person.

A question asked while a form waits for an answer is answered here and the form then asks
its question again, so no rule per (form, question) pair is needed.
"""

from __future__ import annotations

import inspect
import re
from abc import ABC, abstractmethod
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction

from actions import details, latest
from actions.answers import ANSWERS, answer
from actions.handoff import hand_to_human
from actions.photos import image_id
from actions.scams import follow_up_scam, warn_about_scam

DomainDict = dict[str, Any]

ASK_AGAIN = {"repeat", "greet", "start_certification", "check_cert_status", "request_home_visit"}
STOP = {"deny", "goodbye"}
STOP_WORDS = re.compile(r"不办|不认证|不弄|不申请|算了|取消|不要了|不用了|退出|再见|拜拜")
QUESTION = re.compile(r"[?？吗呢]|什么|怎么|咋|啥|哪|几|多少|能不能|可不可以|是不是|要不要")
YES_NO_SLOTS = {"details_confirmed"}
CONFIDENT = 0.8


class InterruptibleForm(FormValidationAction, ABC):
    """Base of the form validators: handles interruptions before slot validation."""

    form_slots: tuple[str, ...] = ()

    @abstractmethod
    def name(self) -> str: ...

    # Slots several forms ask for, validated the same way in each.
    def validate_relation(self, value: Any, dispatcher: CollectingDispatcher, *_: Any) -> dict:
        return details.relation(value, dispatcher)

    def validate_person_name(self, value: Any, dispatcher: CollectingDispatcher, *_: Any) -> dict:
        return details.person_name(value, dispatcher)

    def validate_id_number(self, value: Any, dispatcher: CollectingDispatcher, *_: Any) -> dict:
        return details.id_number(value, dispatcher)

    def validate_address(self, value: Any, dispatcher: CollectingDispatcher, *_: Any) -> dict:
        return details.place("address", value, dispatcher)

    def validate_phone_number(self, value: Any, dispatcher: CollectingDispatcher, *_: Any) -> dict:
        return details.phone_number(value, dispatcher)

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        requested = tracker.get_slot("requested_slot")
        if requested:
            events = self.interruption(dispatcher, tracker, requested)
            if events is not None:
                return events
        return await super().run(dispatcher, tracker, domain)

    def interruption(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, requested: str
    ) -> list[EventType] | None:
        """Events that answer an interruption, or None when the message answers the form."""
        intent, text = latest.intent(tracker), latest.text(tracker)
        if image_id(tracker):
            return None
        if requested == "scam_money_lost":
            return follow_up_scam(dispatcher, tracker)
        if requested in YES_NO_SLOTS and intent in {"affirm", "deny"}:
            return None
        if intent == "ask_human":
            handed = hand_to_human(dispatcher, tracker, "asked_for_human")
            # if the store is down, nothing said so far is dropped: the form goes on
            return self.stop_events() + handed if handed else [SlotSet(requested, None)]
        if intent == "report_scam":
            return [SlotSet(requested, None), *warn_about_scam(dispatcher, tracker, in_form=True)]
        if self.wants_to_stop(intent, text):
            dispatcher.utter_message(response="utter_form_stopped")
            return self.stop_events()
        seems_question = latest.confidence(tracker) >= CONFIDENT or bool(QUESTION.search(text))
        if intent in ANSWERS and seems_question:
            answer(dispatcher, tracker)
            return [SlotSet(requested, None)]
        if intent == "speak_slower":
            dispatcher.utter_message(response="utter_speak_slower")
            return [SlotSet(requested, None), SlotSet("speech_rate", "slow")]
        if intent in ASK_AGAIN and latest.confidence(tracker) >= CONFIDENT:
            return None if self.answers(requested, tracker) else [SlotSet(requested, None)]
        return None

    def answers(self, requested: str, tracker: Tracker) -> bool:
        """Whether the message also carries a valid value for the requested slot
        ("给我妈认证" names whose certification it is)."""
        validate = getattr(self, f"validate_{requested}", None)
        value = tracker.get_slot(requested)
        if validate is None or value is None or inspect.iscoroutinefunction(validate):
            return False
        return validate(value, CollectingDispatcher(), tracker, {}).get(requested) is not None

    @staticmethod
    def wants_to_stop(intent: str | None, text: str) -> bool:
        return intent in STOP and bool(STOP_WORDS.search(text) or len(text) <= 4)

    def stop_events(self) -> list[EventType]:
        """Close the form and forget what it collected."""
        cleared = [SlotSet(slot, None) for slot in self.form_slots]
        return [ActiveLoop(None), SlotSet("requested_slot", None), *cleared]

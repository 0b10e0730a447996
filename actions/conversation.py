"""Small conversational actions: session start, greeting, repeat, slower speech."""

from __future__ import annotations

from datetime import date
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, EventType, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from settings import Settings, get_settings

DomainDict = dict[str, Any]


def _month_day(day: date) -> str:
    return f"{day.month}月{day.day}日"


def fact_slots(settings: Settings) -> dict[str, str]:
    """The deployment facts the responses quote (dates, district, phone numbers)."""
    return {
        "cert_open": _month_day(settings.cert_open),
        "cert_close": _month_day(settings.cert_close),
        "suspend_month": f"{settings.cert_close.month % 12 + 1}月",
        "district": settings.district,
        "anti_fraud_line": settings.anti_fraud_line,
        "police_line": settings.police_line,
        "office_lookup_line": settings.office_lookup_line,
        "national_warning_line": settings.national_warning_line,
    }


class ActionSessionStart(Action):
    def name(self) -> str:
        return "action_session_start"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        facts = [SlotSet(key, value) for key, value in fact_slots(get_settings()).items()]
        return [SessionStarted(), *facts, ActionExecuted("action_listen")]


class ActionGreet(Action):
    """Greets; during the certification season adds a one-line anti-fraud reminder."""

    def name(self) -> str:
        return "action_greet"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        dispatcher.utter_message(response="utter_greet")
        if get_settings().in_season(date.today()):
            dispatcher.utter_message(response="utter_season_scam_reminder")
        return []


def last_bot_turn(tracker: Tracker) -> list[dict[str, Any]]:
    """The bot messages that answered the previous user message."""
    turn: list[dict[str, Any]] = []
    seen_current_user = False
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            if seen_current_user:
                break
            seen_current_user = True
        elif event.get("event") == "bot" and seen_current_user:
            turn.append(event)
    return list(reversed(turn))


def resend(dispatcher: CollectingDispatcher, messages: list[dict[str, Any]]) -> None:
    for message in messages:
        data = message.get("data") or {}
        dispatcher.utter_message(
            text=message.get("text"),
            buttons=data.get("buttons") or [],
            image=data.get("image"),
            custom=data.get("custom"),
        )


class ActionRepeat(Action):
    def name(self) -> str:
        return "action_repeat"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        previous = last_bot_turn(tracker)
        if previous:
            resend(dispatcher, previous)
        else:
            dispatcher.utter_message(response="utter_nothing_to_repeat")
        return []


class ActionSpeakSlower(Action):
    """Sets the slot the voice channel reads, then says the last answer again."""

    def name(self) -> str:
        return "action_speak_slower"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        dispatcher.utter_message(response="utter_speak_slower")
        resend(dispatcher, last_bot_turn(tracker))
        return [SlotSet("speech_rate", "slow")]

"""Scam warnings: warn at once, record the report, ask whether money or a code went out."""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

import scams
from actions import latest
from actions.channels import channel_of
from actions.conversation import last_bot_turn
from actions.store import StoreUnavailable, run_in_store
from casework.records import record_scam_outcome, record_scam_report

DomainDict = dict[str, Any]
LOSS_QUESTIONS = {"utter_scam_ask_loss", "utter_ask_scam_money_lost"}
LOSS_YES = re.compile(r"转了|转过|给了|给过|告诉了|告诉过|说了|汇了|打过去|付了|交了|被骗了")
LOSS_NO = re.compile(r"没有|没转|没给|没说|没告诉|没汇|没交|还没|木有|没")


def warn_about_scam(
    dispatcher: CollectingDispatcher, tracker: Tracker, *, in_form: bool = False
) -> list[EventType]:
    """Warn about what the latest message describes; outside forms also ask about losses.

    Only a hit of the pattern library raises an alarm. When the NLU alone heard a scam, the
    person gets the general advice instead: an ordinary question never meets a warning.
    """
    text = latest.text(tracker)
    analysis = scams.analyse(text)
    hit = analysis.top
    if not analysis.is_scam or hit is None:
        reassure = analysis.reassure
        dispatcher.utter_message(
            response=scams.reassure_response(reassure) if reassure else "utter_scam_tips"
        )
        return []
    dispatcher.utter_message(response=scams.warning_response(hit.category))
    try:
        reference = run_in_store(
            lambda session: record_scam_report(
                session,
                category=hit.category,
                risk=hit.risk,
                urgency="normal",
                channel=channel_of(tracker),
                conversation_id=tracker.sender_id,
                text=text,
                phrases=list(hit.phrases),
            ).reference
        )
    except StoreUnavailable:
        reference = None
    if in_form:
        return [SlotSet("scam_report", reference), SlotSet("requested_slot", "scam_money_lost")]
    dispatcher.utter_message(response="utter_scam_ask_loss")
    return [SlotSet("scam_report", reference)]


def asked_about_loss(tracker: Tracker) -> bool:
    return any(
        (message.get("metadata") or {}).get("utter_action") in LOSS_QUESTIONS
        for message in last_bot_turn(tracker)
    )


def money_lost(tracker: Tracker) -> bool | None:
    """Whether the answer to "did money or a code go out?" was yes, no, or unclear."""
    text, intent = latest.text(tracker), latest.intent(tracker)
    if LOSS_YES.search(text) or intent == "affirm":
        return True
    if LOSS_NO.search(text) or intent == "deny":
        return False
    return None


def follow_up_scam(
    dispatcher: CollectingDispatcher, tracker: Tracker, *, asked: bool = True
) -> list[EventType]:
    """The urgent path when money or a code went out, reassurance when not."""
    lost = money_lost(tracker)
    if lost is None and latest.intent(tracker) == "report_scam":
        return warn_about_scam(dispatcher, tracker)  # another scam told instead of an answer
    if not asked:  # only advice was given: nothing to follow up
        dispatcher.utter_message(response="utter_anything_else")
        return []
    if lost:
        dispatcher.utter_message(response="utter_scam_urgent")
    elif lost is False:
        dispatcher.utter_message(response="utter_scam_no_loss")
    else:
        dispatcher.utter_message(response="utter_scam_unsure")
    reference = tracker.get_slot("scam_report")
    if reference and lost is not None:
        try:
            run_in_store(lambda session: record_scam_outcome(session, reference, money_lost=lost))
        except StoreUnavailable:
            dispatcher.utter_message(response="utter_store_unavailable")
            return [SlotSet("scam_money_lost", None)]
        if lost:
            dispatcher.utter_message(response="utter_scam_reported")
    return [SlotSet("scam_money_lost", None), SlotSet("scam_report", None)]


class ActionScamWarning(Action):
    def name(self) -> str:
        return "action_scam_warning"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        return warn_about_scam(dispatcher, tracker)


class ActionScamFollowup(Action):
    def name(self) -> str:
        return "action_scam_followup"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        return follow_up_scam(dispatcher, tracker, asked=asked_about_loss(tracker))

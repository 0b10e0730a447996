"""Hand a conversation to staff: a human-help handoff, then the bot pauses."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ConversationPaused, EventType
from rasa_sdk.executor import CollectingDispatcher

from actions import latest
from actions.channels import channel_of
from actions.store import StoreUnavailable, run_in_store
from casework.records import create_handoff

DomainDict = dict[str, Any]


def recent_user_texts(tracker: Tracker, limit: int = 5) -> list[str]:
    texts = [e.get("text") or "" for e in tracker.events if e.get("event") == "user"]
    return texts[-limit:]


def hand_to_human(
    dispatcher: CollectingDispatcher, tracker: Tracker, reason: str
) -> list[EventType]:
    """Create the handoff, tell the person its reference and pause the bot."""
    try:
        handoff = run_in_store(
            lambda session: create_handoff(
                session,
                kind="human_help",
                conversation_id=tracker.sender_id,
                channel=channel_of(tracker),
                person_name=tracker.get_slot("person_name"),
                id_number=tracker.get_slot("id_number"),
                phone=tracker.get_slot("phone_number"),
                details={"reason": reason, "recent_messages": recent_user_texts(tracker)},
            ).reference
        )
    except StoreUnavailable:
        dispatcher.utter_message(response="utter_store_unavailable")
        return []
    dispatcher.utter_message(response="utter_handoff_human", reference=handoff)
    return [ConversationPaused()]


class ActionHandoffToHuman(Action):
    def name(self) -> str:
        return "action_handoff_to_human"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        reason = "asked_for_human" if latest.intent(tracker) == "ask_human" else "not_understood"
        return hand_to_human(dispatcher, tracker, reason)

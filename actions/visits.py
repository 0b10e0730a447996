"""Home-visit requests (入户认证) for people who cannot travel: a form, then a staff handoff."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import details
from actions.channels import channel_of
from actions.forms import InterruptibleForm
from actions.store import StoreUnavailable, run_in_store
from casework.records import create_handoff

DomainDict = dict[str, Any]
VISIT_SLOTS = (
    "person_name", "id_number", "address", "visit_reason", "relation", "phone_number",
    "visit_time", "id_masked", "id_last4",
)  # fmt: skip


class ValidateHomeVisitForm(InterruptibleForm):
    form_slots = VISIT_SLOTS

    def name(self) -> str:
        return "validate_home_visit_form"

    def validate_visit_reason(self, value: Any, dispatcher: CollectingDispatcher, *_: Any) -> dict:
        return details.free_text("visit_reason", value, dispatcher)

    def validate_visit_time(self, value: Any, dispatcher: CollectingDispatcher, *_: Any) -> dict:
        return details.free_text("visit_time", value, dispatcher)

def town_of(address: str | None) -> str | None:
    """The town or street (…镇 / …街道) named in an address, for staff's queue."""
    for marker in ("街道", "镇", "乡"):
        if address and marker in address:
            head = address.split(marker, 1)[0]
            for cut in ("区", "市", "县"):
                head = head.rsplit(cut, 1)[-1]
            return head + marker
    return None


class ActionSubmitHomeVisit(Action):
    def name(self) -> str:
        return "action_submit_home_visit"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        clear = [SlotSet(slot, None) for slot in VISIT_SLOTS]
        slot = tracker.get_slot
        if not slot("visit_time"):
            return clear
        try:
            reference = run_in_store(
                lambda session: create_handoff(
                    session,
                    kind="home_visit",
                    conversation_id=tracker.sender_id,
                    channel=channel_of(tracker),
                    person_name=slot("person_name"),
                    id_number=slot("id_number"),
                    town=town_of(slot("address")),
                    phone=slot("phone_number"),
                    details={
                        "address": slot("address"),
                        "reason": slot("visit_reason"),
                        "requester_relation": slot("relation"),
                        "convenient_time": slot("visit_time"),
                    },
                ).reference
            )
        except StoreUnavailable:
            dispatcher.utter_message(response="utter_store_unavailable")
            return []
        dispatcher.utter_message(
            response="utter_home_visit_created", reference=reference
        )
        return clear

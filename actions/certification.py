"""The certification form: who, name, ID, household registration, address, phone, confirm,
then a photo of the ID card's front and one of the person's face, checked on the spot."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import details, latest
from actions.channels import channel_of
from actions.forms import InterruptibleForm
from actions.photos import (
    MAX_TRIES,
    PHOTO_SLOTS,
    REVIEW_CODES,
    check_card_photo,
    check_face_photo,
    image_id,
    image_problem,
)  # fmt: skip
from actions.store import StoreUnavailable, run_in_store
from casework.records import create_handoff, record_certification
from settings import get_settings

DomainDict = dict[str, Any]
PHOTO_DECLINED = re.compile(r"不拍|拍不了|没法拍|不会拍|拍不好|没有手机|没手机|不方便|算了|不弄了")
RETYPED = ("person_name", "id_number", "hukou_place", "address", "phone_number", "details_confirmed")
EVIDENCE_SLOTS = ("card_fields", "portrait_box", "face_decision", "face_distance", "photo_tries",
                  "review_reason", "photos_declined")  # fmt: skip
CERT_SLOTS = ("relation", *RETYPED, *PHOTO_SLOTS, *EVIDENCE_SLOTS, "id_masked", "id_last4")


class ValidateCertificationForm(InterruptibleForm):
    form_slots = CERT_SLOTS

    def name(self) -> str:
        return "validate_certification_form"

    async def required_slots(
        self, domain_slots: list[str], dispatcher: CollectingDispatcher, tracker: Tracker,
        domain: DomainDict,
    ) -> list[str]:  # fmt: skip
        """No photos by phone, when the person cannot take them, or once staff must decide."""
        skip = (
            channel_of(tracker) == "voice"
            or tracker.get_slot("photos_declined")
            or tracker.get_slot("review_reason")
        )
        return [s for s in domain_slots if not (skip and s in PHOTO_SLOTS)]

    def interruption(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, requested: str
    ) -> list[EventType] | None:
        if requested not in PHOTO_SLOTS or image_id(tracker):
            return super().interruption(dispatcher, tracker, requested)
        if problem := image_problem(tracker):
            dispatcher.utter_message(response=f"utter_photo_problem_{problem}")
            return [SlotSet(requested, None)]
        if PHOTO_DECLINED.search(latest.text(tracker)) or latest.intent(tracker) == "deny":
            dispatcher.utter_message(response="utter_photos_declined")
            return [SlotSet("photos_declined", True), SlotSet("requested_slot", None)]
        events = super().interruption(dispatcher, tracker, requested)
        if events is not None:
            return events
        dispatcher.utter_message(response="utter_photo_needed")
        return [SlotSet(requested, None)]

    def validate_hukou_place(self, value: Any, dispatcher: CollectingDispatcher, *_: Any) -> dict:
        return details.place("hukou_place", value, dispatcher)

    def validate_details_confirmed(
        self, value: Any, dispatcher: CollectingDispatcher, *_: Any
    ) -> dict:
        if value:
            return {"details_confirmed": True}
        dispatcher.utter_message(response="utter_details_retry")
        return dict.fromkeys(RETYPED)

    async def extract_card_photo(self, dispatcher: Any, tracker: Tracker, domain: Any) -> dict:
        return self._photo("card_photo", tracker)

    async def extract_face_photo(self, dispatcher: Any, tracker: Tracker, domain: Any) -> dict:
        return self._photo("face_photo", tracker)

    @staticmethod
    def _photo(slot: str, tracker: Tracker) -> dict:
        photo = image_id(tracker)
        return {slot: photo} if photo and tracker.get_slot("requested_slot") == slot else {}

    async def validate_card_photo(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Any
    ) -> dict:
        check = await check_card_photo(value, tracker.get_slot("id_number"),
                                       tracker.get_slot("person_name"))  # fmt: skip
        if check.problem:
            return self._failed("card_photo", value, check.problem, dispatcher, tracker,
                                card_fields=check.fields)  # fmt: skip
        return {"card_photo": value, "card_fields": check.fields,
                "portrait_box": check.portrait_box, "photo_tries": 0}  # fmt: skip

    async def validate_face_photo(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Any
    ) -> dict:
        check = await check_face_photo(tracker.get_slot("card_photo"), value,
                                       tracker.get_slot("portrait_box"))  # fmt: skip
        if check.problem or check.decision == "no_match":
            code = check.problem or "no_match"
            return self._failed("face_photo", value, code, dispatcher, tracker,
                                face_distance=check.distance)  # fmt: skip
        outcome = {"face_photo": value, "face_decision": check.decision,
                   "face_distance": check.distance}  # fmt: skip
        if check.decision == "review":
            outcome["review_reason"] = "face_uncertain"
        return outcome

    @staticmethod
    def _failed(
        slot: str, photo: str, code: str, dispatcher: CollectingDispatcher, tracker: Tracker,
        **evidence: Any,
    ) -> dict:
        """Say what to do differently; after the last try, or when no retake helps, staff decide."""
        tries = int(tracker.get_slot("photo_tries") or 0) + 1
        if code in REVIEW_CODES or tries >= MAX_TRIES:
            return {slot: photo, "photo_tries": tries, "review_reason": code, **evidence}
        dispatcher.utter_message(response=f"utter_photo_problem_{code}")
        return {slot: None, "photo_tries": tries, **evidence}

def _evidence(slot: Any) -> dict[str, Any]:
    return {
        "card_image": slot("card_photo"), "face_image": slot("face_photo"),
        "ocr": slot("card_fields"), "face_distance": slot("face_distance"),
        "face_decision": slot("face_decision"), "review_reason": slot("review_reason"),
        "photo_tries": slot("photo_tries"),
    }  # fmt: skip

def _outcome(slot: Any) -> str:
    if slot("review_reason"):
        return "pending_review"
    if slot("face_decision") == "match":
        return "certified"
    return "details_recorded"


class ActionSubmitCertification(Action):
    """Records the outcome; a stopped form only forgets what it collected."""

    def name(self) -> str:
        return "action_submit_certification"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        clear = [SlotSet(slot, None) for slot in CERT_SLOTS]
        if not tracker.get_slot("details_confirmed"):
            return clear
        status = _outcome(tracker.get_slot)
        try:
            reference = run_in_store(lambda session: self._record(session, tracker, status))
        except StoreUnavailable:
            dispatcher.utter_message(response="utter_store_unavailable")
            return []
        if status == "certified":
            today = date.today()
            dispatcher.utter_message(response="utter_certified", date=f"{today.month}月{today.day}日")
            dispatcher.utter_message(response="utter_after_cert_reminder")
        elif status == "pending_review":
            dispatcher.utter_message(response="utter_photo_review", reference=reference)
        else:
            dispatcher.utter_message(response="utter_cert_details_recorded")
        return clear

    @staticmethod
    def _record(session: Any, tracker: Tracker, status: str) -> str | None:
        slot = tracker.get_slot
        certification = record_certification(
            session,
            year=get_settings().cert_year,
            id_number=slot("id_number"),
            name=slot("person_name"),
            method="assistant",
            status=status,
            channel=channel_of(tracker),
            conversation_id=tracker.sender_id,
            actor_relation=slot("relation") or "本人",
            hukou_place=slot("hukou_place"),
            address=slot("address"),
            phone=slot("phone_number"),
            evidence=_evidence(slot),
        )
        if status != "pending_review":
            return None
        handoff = create_handoff(
            session, kind="verification_review", conversation_id=tracker.sender_id,
            channel=channel_of(tracker), person_name=slot("person_name"),
            id_number=slot("id_number"), phone=slot("phone_number"),
            details={"reason": slot("review_reason"), "card_image": slot("card_photo"),
                     "face_image": slot("face_photo")},
            certification_id=certification.id,
        )  # fmt: skip
        return handoff.reference

"""Slot validators shared by the forms: each returns the slot values to set."""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk.executor import CollectingDispatcher

from actions.slot_values import name_from_text, number_candidates, relation_from_text
from casework.identity import check_id_number, check_phone, mask_id

_PLACE_PREFIX = re.compile(
    r"^(?:我|俺|老人|她|他)?(?:家)?(?:现在)?(?:住在|住|在|是|户口在|户口是|户籍在|户籍是)[:：\s]*"
)
_TRIM = "。.，,！!？? "


def id_number(value: Any, dispatcher: CollectingDispatcher) -> dict[str, Any]:
    candidates = number_candidates(str(value or ""))
    if not candidates:
        dispatcher.utter_message(response="utter_id_not_heard")
        return {"id_number": None}
    check = check_id_number(candidates[0])
    if not check.ok:
        problem = "length" if check.problem == "empty" else check.problem
        dispatcher.utter_message(response=f"utter_id_invalid_{problem}")
        return {"id_number": None}
    number = check.number
    return {"id_number": number, "id_masked": mask_id(number), "id_last4": number[-4:]}


def phone_number(value: Any, dispatcher: CollectingDispatcher) -> dict[str, Any]:
    candidates = number_candidates(str(value or "")) or [str(value or "")]
    phone = next((p for p in map(check_phone, candidates) if p), None)
    if phone is None:
        dispatcher.utter_message(response="utter_phone_invalid")
    return {"phone_number": phone}


def person_name(value: Any, dispatcher: CollectingDispatcher) -> dict[str, Any]:
    name = name_from_text(str(value or ""))
    if name is None:
        dispatcher.utter_message(response="utter_name_invalid")
    return {"person_name": name}


def relation(value: Any, dispatcher: CollectingDispatcher) -> dict[str, Any]:
    canonical = relation_from_text(str(value or ""))
    if canonical is None:
        dispatcher.utter_message(response="utter_relation_invalid")
    return {"relation": canonical}


def place(slot: str, value: Any, dispatcher: CollectingDispatcher) -> dict[str, Any]:
    text = _PLACE_PREFIX.sub("", str(value or "").strip()).strip(_TRIM)
    if len(text) < 2:
        dispatcher.utter_message(response="utter_text_too_short")
        return {slot: None}
    return {slot: text}


def free_text(slot: str, value: Any, dispatcher: CollectingDispatcher) -> dict[str, Any]:
    text = str(value or "").strip().strip(_TRIM)
    if len(text) < 2:
        dispatcher.utter_message(response="utter_text_too_short")
        return {slot: None}
    return {slot: text}

"""Answers to the brochure's questions; benign safety questions get a calm fact instead."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

import scams
from actions import latest

DomainDict = dict[str, Any]

ANSWERS = {
    "ask_bot_identity": "utter_bot_identity",
    "ask_cert_deadline": "utter_cert_deadline",
    "ask_cert_who": "utter_cert_who",
    "ask_cert_methods": "utter_cert_methods",
    "ask_app_steps": "utter_app_steps",
    "ask_cert_locations": "utter_cert_locations",
    "ask_cert_documents": "utter_cert_documents",
    "ask_overdue": "utter_overdue",
    "ask_reporting_duty": "utter_reporting_duty",
    "ask_fraud_penalty": "utter_fraud_penalty",
    "ask_anti_scam_tips": "utter_scam_tips",
    "thank": "utter_thank",
}


def answer(dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
    """Say the answer to the latest question (a reassurance first where one fits)."""
    reassure = scams.analyse(latest.text(tracker)).reassure
    if reassure:
        dispatcher.utter_message(response=scams.reassure_response(reassure))
        return
    dispatcher.utter_message(response=ANSWERS.get(latest.intent(tracker), "utter_menu"))


class ActionAnswer(Action):
    def name(self) -> str:
        return "action_answer"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        answer(dispatcher, tracker)
        return []

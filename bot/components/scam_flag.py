"""NLU component: flags scam situations on every message, whatever the flow.

Runs the staff-editable pattern library (package `scams`) after intent classification. On an
alarm it sets the intent to `report_scam` (keeping DIET's ranking below it), so rules and
forms react the same way in every flow; the actions read the category from the same library.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

import scams
from bot.components import StatelessComponent

SCAM_INTENT = "report_scam"


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False
)
class ScamFlag(StatelessComponent):
    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> ScamFlag:
        scams.library()  # load and validate the patterns at start-up, not on the first message
        return super().create(config, model_storage, resource, execution_context)

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            self._flag(message)
        return messages

    @staticmethod
    def _flag(message: Message) -> None:
        text = message.get(TEXT) or ""
        analysis = scams.analyse(text)
        if not analysis.is_scam or analysis.top is None:
            return
        flagged = {"name": SCAM_INTENT, "confidence": 1.0}
        ranking = [r for r in message.get(INTENT_RANKING_KEY, []) if r["name"] != SCAM_INTENT]
        message.set(INTENT, flagged, add_to_output=True)
        message.set(INTENT_RANKING_KEY, [flagged, *ranking], add_to_output=True)

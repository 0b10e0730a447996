"""NLU component: finds resident ID numbers and mobile numbers in a message by their shape.

Numbers need no training examples and must not be guessed by a statistical model, so this
runs as a plain extractor; the forms check the check digit and explain what is wrong.
"""

from __future__ import annotations

import re
from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.components import StatelessComponent

PATTERNS = {
    "id_number": re.compile(r"(?<![0-9])[1-8][0-9]{16}[0-9Xx](?![0-9Xx])"),
    "phone_number": re.compile(r"(?<![0-9])(?:\+?86[ -]?)?1[3-9][0-9]{9}(?![0-9])"),
}


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False
)
class NumberEntities(StatelessComponent):
    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            found = self._entities(message.get(TEXT) or "")
            if found:
                message.set(ENTITIES, [*message.get(ENTITIES, []), *found], add_to_output=True)
        return messages

    @staticmethod
    def _entities(text: str) -> list[dict[str, Any]]:
        # Digits typed in groups ("3710 0319…") count as one number: drop the spaces between
        # digits, and map positions back to the original text.
        kept = [i for i, ch in enumerate(text) if not _space_inside_number(text, i)]
        compact = "".join(text[i] for i in kept)
        return [
            {"entity": entity, "value": match.group(0).upper(), "start": kept[match.start()],
             "end": kept[match.end() - 1] + 1, "extractor": "NumberEntities"}
            for entity, pattern in PATTERNS.items()
            for match in pattern.finditer(compact)
        ]  # fmt: skip


def _space_inside_number(text: str, i: int) -> bool:
    return (
        text[i] == " " and 0 < i < len(text) - 1
        and text[i - 1].isdigit() and (text[i + 1].isdigit() or text[i + 1] in "Xx")
    )  # fmt: skip

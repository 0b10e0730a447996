"""NLU component: lets the featurizers see "an ID number" rather than its eighteen digits.

Every ID or phone number is different, so its digits only add noise to the word and character
features, and pull any message that contains one towards whichever intent had most numbers in
training. Runs after the tokenizer and sets each number token's lemma, which the count-vector
featurizers read; the text and the entities keep the real number.
"""

from __future__ import annotations

import re

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.constants import TOKENS_NAMES
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.components import StatelessComponent

PLACEHOLDERS = (
    (re.compile(r"[0-9]{14,18}[Xx]?"), "身份证号"),
    (re.compile(r"(?:\+?86)?1[3-9][0-9]{9}"), "手机号"),
    (re.compile(r"[0-9]{5,}"), "号码"),
)


def placeholder(token_text: str) -> str | None:
    return next((word for pattern, word in PLACEHOLDERS if pattern.fullmatch(token_text)), None)


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER], is_trainable=False
)
class NumberTokens(StatelessComponent):
    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        for message in training_data.training_examples:
            self._mark(message)
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            self._mark(message)
        return messages

    @staticmethod
    def _mark(message: Message) -> None:
        for token in message.get(TOKENS_NAMES[TEXT]) or []:
            token.lemma = placeholder(token.text) or token.lemma

"""The latest user message, as the actions read it."""

from __future__ import annotations

from rasa_sdk import Tracker


def intent(tracker: Tracker) -> str | None:
    """The classified intent (nlu_fallback included: a miss is not a guess)."""
    return (tracker.latest_message.get("intent") or {}).get("name")


def confidence(tracker: Tracker) -> float:
    return float((tracker.latest_message.get("intent") or {}).get("confidence") or 0.0)


def text(tracker: Tracker) -> str:
    return tracker.latest_message.get("text") or ""

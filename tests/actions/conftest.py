"""Action tests: real rasa-sdk trackers and dispatchers, a real SQLite casework store."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
from rasa_sdk import Tracker

from casework import db
from settings import get_settings


@pytest.fixture(autouse=True)
def store(tmp_path) -> Iterator[str]:
    url = f"sqlite:///{tmp_path / 'casework.db'}"
    saved = os.environ.get("DATABASE_URL")
    os.environ["DATABASE_URL"] = url
    get_settings.cache_clear()
    db.upgrade(url)
    yield url
    db.dispose(url)
    if saved is None:
        os.environ.pop("DATABASE_URL")
    else:
        os.environ["DATABASE_URL"] = saved
    get_settings.cache_clear()


def user(text: str, intent: str, confidence: float = 0.95, **entities: str) -> dict[str, Any]:
    parse = {
        "text": text,
        "intent": {"name": intent, "confidence": confidence},
        "entities": [{"entity": k, "value": v} for k, v in entities.items()],
    }
    return {"event": "user", "text": text, "parse_data": parse, "input_channel": "rest"}


def bot(text: str) -> dict[str, Any]:
    return {"event": "bot", "text": text, "data": {}}


def slot(name: str, value: Any) -> dict[str, Any]:
    return {"event": "slot", "name": name, "value": value}


def tracker(
    *events: dict[str, Any], slots: dict[str, Any] | None = None, form: str | None = None
) -> Tracker:
    latest = next((e["parse_data"] for e in reversed(events) if e["event"] == "user"), {})
    return Tracker(
        sender_id="unit-test",
        slots=slots or {},
        latest_message=latest,
        events=list(events),
        paused=False,
        followup_action=None,
        active_loop={"name": form} if form else {},
        latest_action_name="action_listen",
    )


def responses(dispatcher) -> list[str | None]:
    return [m.get("response") for m in dispatcher.messages]

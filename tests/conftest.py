"""Session fixtures shared by every test area.

`bot_stack` starts the real Rasa server and the real action server once per test session, on
their own ports, with a PostgreSQL casework database and an SQLite tracker store of their own.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests
from pg_support import create_pg_database, drop_pg_database

from casework import db
from ops import stack
from settings import get_settings

MODEL_MISSING = "models/bot.tar.gz is missing: run `make test` (it trains the model first)"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class BotStack:
    rasa_url: str
    rasa_token: str
    action_url: str
    database_url: str
    data_dir: Path

    def say(self, sender: str, text: str, metadata: dict | None = None) -> list[dict]:
        """One user message through the REST channel; the bot's replies."""
        body = {"sender": sender, "message": text, "metadata": metadata or {}}
        response = requests.post(f"{self.rasa_url}/webhooks/rest/webhook", json=body, timeout=60)
        response.raise_for_status()
        return response.json()

    def texts(self, sender: str, text: str) -> str:
        """The replies' texts joined, for assertions on what the person reads."""
        return "\n".join(r.get("text", "") for r in self.say(sender, text))

    def tracker(self, sender: str) -> dict:
        response = requests.get(
            f"{self.rasa_url}/conversations/{sender}/tracker",
            params={"token": self.rasa_token}, timeout=30,
        )  # fmt: skip
        response.raise_for_status()
        return response.json()


@pytest.fixture(scope="session")
def bot_stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BotStack]:
    if not stack.MODEL.exists():
        pytest.fail(MODEL_MISSING)
    data_dir = tmp_path_factory.mktemp("stack")
    database_url = create_pg_database("stack")
    bot_port, action_port = free_port(), free_port()
    overrides = {
        "DATA_DIR": str(data_dir),
        "DATABASE_URL": database_url,
        "TRACKER_STORE_URL": f"sqlite:///{data_dir / 'tracker.db'}",
        "ACTION_PORT": str(action_port),
        "RASA_URL": f"http://localhost:{bot_port}",
        "RASA_TOKEN": "test-token",
    }
    saved = {key: os.environ.get(key) for key in overrides}
    os.environ.update(overrides)
    get_settings.cache_clear()
    settings = get_settings()
    db.upgrade(database_url)
    processes = stack.Stack(
        [stack.actions(settings), stack.bot(settings, port=bot_port)], data_dir / "logs"
    )
    processes.start(timeout=420)
    try:
        yield BotStack(settings.rasa_url, settings.rasa_token,
                       f"http://localhost:{action_port}", database_url, data_dir)  # fmt: skip
    finally:
        processes.stop()
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        get_settings.cache_clear()
        drop_pg_database(database_url)

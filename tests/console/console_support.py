"""Helpers for the console tests: throwaway databases, users, handoffs, logged-in clients."""

from __future__ import annotations

import re
import uuid
from contextlib import contextmanager
from datetime import date

from pg_support import create_pg_database, drop_pg_database

from casework.db import session_scope
from casework.identity import make_valid_id
from casework.records import create_handoff
from console import accounts, create_app

# Nothing listens here: the console must say Rasa is unreachable, never fail.
CLOSED_RASA = "http://127.0.0.1:9"
PASSWORD = "correct horse battery"


@contextmanager
def postgres_database():
    url = create_pg_database("console_test")
    try:
        yield url
    finally:
        drop_pg_database(url)


def add_user(url: str, username: str, role: str = "staff", first_login: bool = False) -> None:
    with session_scope(url) as session:
        user = accounts.create_user(session, username, role, PASSWORD)
        if not first_login:
            accounts.set_password(user, PASSWORD)


def person_id(seq: int) -> str:
    return make_valid_id("371003", date(1948, 3, 9), seq)


def add_handoff(url: str, kind: str = "home_visit", seq: int = 11, **fields) -> str:
    values = {"conversation_id": f"conv-{uuid.uuid4().hex[:8]}", "channel": "rest",
              "person_name": "王秀英", "id_number": person_id(seq), "town": "文城镇",
              "phone": "13812345678", **fields}
    with session_scope(url) as session:
        return create_handoff(session, kind=kind, **values).reference


def csrf_from(html: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match, "page has no CSRF token"
    return match.group(1)


def login(client, username: str, password: str = PASSWORD):
    token = csrf_from(client.get("/login").get_data(as_text=True))
    return client.post("/login", data={"username": username, "password": password,
                                       "csrf_token": token})


def post_form(client, path: str, data: dict | None = None, page: str = "/"):
    """POST a form the way a browser does: with the CSRF token from a page of the session."""
    token = csrf_from(client.get(page).get_data(as_text=True))
    return client.post(path, data={**(data or {}), "csrf_token": token})


def make_app(url: str, rasa_url: str = CLOSED_RASA, rasa_token: str = "t"):
    app = create_app(database_url=url, rasa_url=rasa_url, rasa_token=rasa_token)
    app.config["TESTING"] = True
    return app

"""One session per request, from casework's engine (which sets up SQLite locking properly)."""

from __future__ import annotations

from flask import Flask, current_app, g
from sqlalchemy.orm import Session

from casework.db import session_factory, upgrade


def init_database(app: Flask, database_url: str) -> None:
    upgrade(database_url)
    app.extensions["console_sessions"] = session_factory(database_url)
    app.teardown_appcontext(_close)


def db() -> Session:
    if "db_session" not in g:
        g.db_session = current_app.extensions["console_sessions"]()
    return g.db_session


def _close(_error: BaseException | None) -> None:
    session = g.pop("db_session", None)
    if session is not None:
        session.close()

"""The casework store as the actions use it: one engine per process, errors made kind."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from casework.db import session_scope

log = logging.getLogger(__name__)
T = TypeVar("T")


class StoreUnavailable(Exception):
    """The casework database could not be written or read."""


def run_in_store(work: Callable[[Session], T]) -> T:
    """Run `work` in one transaction; raise StoreUnavailable instead of driver errors."""
    try:
        with session_scope() as session:
            return work(session)
    except SQLAlchemyError as error:
        log.error("casework store unavailable: %s", type(error).__name__)
        raise StoreUnavailable from error

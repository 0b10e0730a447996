"""Case references such as HV-2026-000123: prefix, year, per-prefix-per-year sequence."""

from __future__ import annotations

import re

from sqlalchemy.orm import Session

from casework.db import dialect_insert
from casework.models import ReferenceCounter

REFERENCE = re.compile(r"(?P<prefix>[A-Z]{2})-(?P<year>\d{4})-(?P<number>\d{6})")


def allocate_reference(session: Session, prefix: str, year: int) -> str:
    """Next reference for prefix and year, atomic under concurrency.

    One upsert increments the counter row and returns the new value; the row stays locked
    until the caller's transaction ends, so numbers are never handed out twice.
    """
    table = ReferenceCounter.__table__
    insert = dialect_insert(session, ReferenceCounter)
    insert = insert.values(prefix=prefix, year=year, last_value=1)
    statement = insert.on_conflict_do_update(
        index_elements=[table.c.prefix, table.c.year],
        set_={"last_value": table.c.last_value + 1},
    ).returning(table.c.last_value)
    number = session.execute(statement).scalar_one()
    return format_reference(prefix, year, number)


def format_reference(prefix: str, year: int, number: int) -> str:
    return f"{prefix}-{year:04d}-{number:06d}"


def parse_reference(reference: str) -> tuple[str, int, int] | None:
    match = REFERENCE.fullmatch((reference or "").strip().upper())
    if match is None:
        return None
    return match["prefix"], int(match["year"]), int(match["number"])

"""Read-side queries shared by the pages and the JSON API."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from casework.models import HANDOFF_KINDS, HANDOFF_STATUSES, Handoff

SORTS = {
    "oldest": (Handoff.created_at.asc(), Handoff.id.asc()),
    "newest": (Handoff.created_at.desc(), Handoff.id.desc()),
    "town": (Handoff.town.asc(), Handoff.created_at.asc()),
    "scheduled": (Handoff.scheduled_for.asc(), Handoff.created_at.asc()),
}
PAGE_SIZE = 50
AGE_CHOICES = (1, 3, 7)  # "waiting longer than N days" filter


@dataclass(frozen=True)
class QueueFilter:
    kind: str = ""
    status: str = "open"  # "open" = everything not resolved; "all"; or one status
    town: str = ""
    assigned: str = ""
    min_days: int = 0
    sort: str = "oldest"
    page: int = 1

    @classmethod
    def from_args(cls, args) -> QueueFilter:
        kind = args.get("kind", "")
        status = args.get("status", "open")
        sort = args.get("sort", "oldest")
        page = _int(args.get("page", "1"), 1)
        min_days = _int(args.get("min_days", "0"), 0)
        return cls(
            kind=kind if kind in HANDOFF_KINDS else "",
            status=status if status in (*HANDOFF_STATUSES, "open", "all") else "open",
            town=args.get("town", "").strip()[:30],
            assigned=args.get("assigned", "").strip()[:50],
            min_days=min_days if min_days in AGE_CHOICES else 0,
            sort=sort if sort in SORTS else "oldest",
            page=page,
        )


def _int(raw: str, default: int) -> int:
    try:
        return max(default, int(raw))
    except ValueError:
        return default


def queue_query(flt: QueueFilter) -> Select:
    query = select(Handoff)
    if flt.kind:
        query = query.where(Handoff.kind == flt.kind)
    if flt.status == "open":
        query = query.where(Handoff.status != "resolved")
    elif flt.status != "all":
        query = query.where(Handoff.status == flt.status)
    if flt.town:
        query = query.where(Handoff.town == flt.town)
    if flt.assigned:
        query = query.where(Handoff.assigned_to == flt.assigned)
    if flt.min_days:
        query = query.where(Handoff.created_at < datetime.now(UTC) - timedelta(days=flt.min_days))
    return query.order_by(*SORTS[flt.sort])


def queue_page(session: Session, flt: QueueFilter) -> tuple[list[Handoff], bool]:
    """One page of the queue, and whether another page follows."""
    query = queue_query(flt).offset((flt.page - 1) * PAGE_SIZE).limit(PAGE_SIZE + 1)
    rows = list(session.scalars(query))
    return rows[:PAGE_SIZE], len(rows) > PAGE_SIZE


def towns(session: Session) -> list[str]:
    rows = session.scalars(select(Handoff.town).where(Handoff.town.is_not(None)).distinct())
    return sorted(rows)

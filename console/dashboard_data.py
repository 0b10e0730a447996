"""Figures for the dashboard: certification progress, open handoffs, overdue items, scam reports."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import and_, distinct, func, select
from sqlalchemy.orm import Session

from casework.models import Beneficiary, Certification, Handoff, ScamReport

AGE_BUCKETS = (
    ("lt1", "不到1天", 1),
    ("d1_3", "1–3天", 3),
    ("d3_7", "3–7天", 7),
    ("gt7", "超过7天", None),
)
OVERDUE_NEW_DAYS = 2  # an unclaimed handoff older than this is overdue
WEEKS = 8


@dataclass(frozen=True)
class Progress:
    roster: int
    certified: int
    by_town: list[tuple[str, int, int]]
    by_method: list[tuple[str, int]]


def certified_roster_ids(year: int):
    return select(Certification.id_number).where(
        Certification.year == year, Certification.status == "certified"
    )


def progress(session: Session, year: int) -> Progress:
    roster = dict(
        session.execute(
            select(Beneficiary.town, func.count())
            .where(Beneficiary.year == year)
            .group_by(Beneficiary.town)
        ).all()
    )
    done = dict(
        session.execute(
            select(Beneficiary.town, func.count(distinct(Beneficiary.id)))
            .where(Beneficiary.year == year, Beneficiary.id_number.in_(certified_roster_ids(year)))
            .group_by(Beneficiary.town)
        ).all()
    )
    by_town = sorted(
        ((town or "未填镇街", done.get(town, 0), total) for town, total in roster.items()),
        key=lambda r: -r[2],
    )
    by_method = list(
        session.execute(
            select(Certification.method, func.count(distinct(Certification.id_number)))
            .where(Certification.year == year, Certification.status == "certified")
            .group_by(Certification.method)
            .order_by(func.count(distinct(Certification.id_number)).desc())
        ).all()
    )
    return Progress(
        sum(roster.values()), sum(done.values()), by_town, [(m, n) for m, n in by_method]
    )


def _bucket(created: datetime, now: datetime) -> str:
    days = (now - created).total_seconds() / 86400
    for key, _, limit in AGE_BUCKETS:
        if limit is None or days < limit:
            return key
    return AGE_BUCKETS[-1][0]


def open_by_kind_and_age(
    session: Session, now: datetime | None = None
) -> dict[str, dict[str, int]]:
    now = now or datetime.now(UTC)
    table: dict[str, dict[str, int]] = defaultdict(dict)
    rows = session.execute(
        select(Handoff.kind, Handoff.created_at).where(Handoff.status != "resolved")
    )
    for kind, created in rows:
        bucket = _bucket(created, now)
        table[kind][bucket] = table[kind].get(bucket, 0) + 1
    return dict(table)


def overdue(session: Session, now: datetime | None = None) -> list[Handoff]:
    now = now or datetime.now(UTC)
    today = now.date()
    stale_new = and_(
        Handoff.status == "new", Handoff.created_at < now - timedelta(days=OVERDUE_NEW_DAYS)
    )
    missed_visit = and_(Handoff.status == "scheduled", Handoff.scheduled_for < today)
    query = select(Handoff).where(stale_new | missed_visit).order_by(Handoff.created_at)
    return list(session.scalars(query.limit(100)))


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def scams_by_week(
    session: Session, now: datetime | None = None
) -> tuple[list[tuple[str, dict[str, int]]], list[str]]:
    now = now or datetime.now(UTC)
    first = week_start(now.date()) - timedelta(weeks=WEEKS - 1)
    since = datetime(first.year, first.month, first.day, tzinfo=UTC)
    counts: dict[date, Counter] = {first + timedelta(weeks=i): Counter() for i in range(WEEKS)}
    rows = session.execute(
        select(ScamReport.created_at, ScamReport.category).where(ScamReport.created_at >= since)
    )
    for created, category in rows:
        week = week_start(created.date())
        if week in counts:
            counts[week][category] += 1
    categories = sorted({c for counter in counts.values() for c in counter})
    labelled = [(f"{w.month}月{w.day}日起", dict(c)) for w, c in counts.items()]
    return labelled, categories

"""Template helpers: masking, local times, ages and labels."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

from flask import Flask

from casework.identity import mask_id, mask_phone, mask_text
from console import labels
from console.scam_labels import scam_labels

CHINA = timezone(timedelta(hours=8))


def local_time(value: datetime | None) -> str:
    return value.astimezone(CHINA).strftime("%Y-%m-%d %H:%M") if value else ""


def age_days(value: datetime | None, now: datetime | None = None) -> int:
    if value is None:
        return 0
    return max(0, ((now or datetime.now(UTC)) - value).days)


def age_text(value: datetime | None) -> str:
    if value is None:
        return ""
    seconds = (datetime.now(UTC) - value).total_seconds()
    if seconds < 3600:
        return f"{max(1, int(seconds // 60))}分钟"
    if seconds < 86400:
        return f"{int(seconds // 3600)}小时"
    return f"{int(seconds // 86400)}天"


def day_text(value: date | None) -> str:
    return f"{value.year}年{value.month}月{value.day}日" if value else ""


def init_filters(app: Flask) -> None:
    app.jinja_env.filters.update(
        mask_id=lambda v: mask_id(v) if v else "",
        mask_phone=lambda v: mask_phone(v) if v else "",
        mask_text=lambda v: mask_text(v) if v else "",
        local_time=local_time,
        age_text=age_text,
        day_text=day_text,
    )
    app.jinja_env.globals.update(labels=labels, scam_labels=scam_labels)

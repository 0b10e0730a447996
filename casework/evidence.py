"""Evidence photos (ID cards, faces) sent by users, stored as private files.

Channels store the bytes and pass only the returned id along; certifications and handoffs
reference ids inside their JSON. Files are 0600 in a 0700 directory and are purged once the
case they belong to has been decided for longer than the retention period.
"""

from __future__ import annotations

import logging
import os
import re
import secrets
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from casework.models import UTC, Certification, Handoff, utcnow
from settings import get_settings

log = logging.getLogger(__name__)

IMAGE_ID = re.compile(r"(?P<source>[a-z0-9]{1,16})-[0-9a-f]{32}\.(?:jpg|png|webp)")
_SOURCE_CLEAN = re.compile(r"[^a-z0-9]")


class EvidenceError(ValueError):
    """Rejected image; `reason` is one of: empty, not_image, too_large, bad_id, missing."""

    def __init__(self, reason: str, message: str = "") -> None:
        super().__init__(message or reason)
        self.reason = reason


def evidence_dir() -> Path:
    path = get_settings().data_dir / "evidence"
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    path.chmod(0o700)
    return path


def image_kind(data: bytes) -> str | None:
    """File extension from the magic bytes: jpg, png, webp, or None."""
    if data[:3] == b"\xff\xd8\xff":
        return "jpg"
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        return "png"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    return None


def store_image(data: bytes, *, source: str, max_bytes: int | None = None) -> str:
    """Save an image privately and return its id, e.g. 'wechat-<32 hex>.jpg'."""
    limit = max_bytes if max_bytes is not None else get_settings().evidence_max_bytes
    if not data:
        raise EvidenceError("empty", "no image data")
    if len(data) > limit:
        raise EvidenceError("too_large", f"image is {len(data)} bytes; limit {limit}")
    kind = image_kind(data)
    if kind is None:
        raise EvidenceError("not_image", "not a JPEG, PNG or WebP image")
    tag = _SOURCE_CLEAN.sub("", source.lower())[:16] or "unknown"
    image_id = f"{tag}-{secrets.token_hex(16)}.{kind}"
    path = evidence_dir() / image_id
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)
    log.info("stored evidence image %s (%d bytes)", image_id, len(data))
    return image_id


def image_path(image_id: str) -> Path:
    """Path of a stored image; EvidenceError('bad_id') for anything not an image id."""
    if not isinstance(image_id, str) or not IMAGE_ID.fullmatch(image_id):
        raise EvidenceError("bad_id", "not an evidence image id")
    return evidence_dir() / image_id


def read_image(image_id: str) -> bytes:
    path = image_path(image_id)
    if not path.is_file():
        raise EvidenceError("missing", "image not found")
    return path.read_bytes()


def delete_image(image_id: str) -> bool:
    """Delete a stored image; False when it was already gone."""
    try:
        image_path(image_id).unlink()
    except FileNotFoundError:
        return False
    return True


def image_ids_in(value: Any) -> Iterator[str]:
    """Every image id found anywhere inside a JSON value (evidence, handoff details)."""
    if isinstance(value, str):
        if IMAGE_ID.fullmatch(value):
            yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from image_ids_in(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from image_ids_in(item)


def _referenced(session: Session, cutoff: datetime) -> tuple[set[str], set[str]]:
    """(ids of cases closed before cutoff, ids still needed by open or recent cases)."""
    expired: set[str] = set()
    live: set[str] = set()
    certs = session.execute(select(Certification.evidence, Certification.decided_at))
    for evidence, decided_at in certs:
        closed = decided_at is not None and decided_at < cutoff
        (expired if closed else live).update(image_ids_in(evidence))
    handoffs = session.execute(select(Handoff.details, Handoff.resolved_at))
    for details, resolved_at in handoffs:
        closed = resolved_at is not None and resolved_at < cutoff
        (expired if closed else live).update(image_ids_in(details))
    return expired, live


def purge_expired(session: Session, days: int | None = None) -> int:
    """Delete images of cases decided more than `days` ago, and old unreferenced files.

    An image still referenced by an undecided or recent case is kept. Returns files deleted.
    """
    days = days if days is not None else get_settings().evidence_retention_days
    cutoff = utcnow() - timedelta(days=days)
    expired, live = _referenced(session, cutoff)
    deleted = 0
    for path in evidence_dir().iterdir():
        name = path.name
        if not IMAGE_ID.fullmatch(name) or name in live:
            continue
        modified = datetime.fromtimestamp(path.stat().st_mtime, UTC)
        if name in expired or modified < cutoff:
            path.unlink(missing_ok=True)
            deleted += 1
    log.info("purged %d evidence images older than %d days", deleted, days)
    return deleted

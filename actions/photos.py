"""The photo steps of a certification: read the ID card, compare the face, off the event loop.

Photos reach the bot as message metadata `{"image_id": …}` naming an image a channel stored in
the casework evidence store; the bot never carries image bytes.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from functools import partial
from typing import Any

from rasa_sdk import Tracker

from casework.evidence import EvidenceError, image_path

PHOTO_SLOTS = ("card_photo", "face_photo")
MAX_TRIES = 3
# Problems no retake can fix: staff look at the evidence instead.
REVIEW_CODES = {"birth_date_mismatch", "sex_mismatch"}


def image_id(tracker: Tracker) -> str | None:
    """The stored image the latest message carries, if any."""
    metadata = tracker.latest_message.get("metadata") or {}
    value = metadata.get("image_id")
    return str(value) if value else None


def image_problem(tracker: Tracker) -> str | None:
    """Why the channel could not store what was sent as a photo (not an image, too large…)."""
    return (tracker.latest_message.get("metadata") or {}).get("image_problem")


async def off_loop(function: Any, *args: Any, **kwargs: Any) -> Any:
    """Run CPU-bound vision work in a thread, so other conversations keep flowing."""
    return await asyncio.get_running_loop().run_in_executor(None, partial(function, *args, **kwargs))


@dataclass(frozen=True)
class CardCheck:
    problem: str | None
    fields: dict[str, Any]
    portrait_box: list[int] | None = None


async def check_card_photo(photo: str, typed_id: str | None, typed_name: str | None) -> CardCheck:
    import vision  # heavy: imported on first use, once per process

    try:
        path = image_path(photo)
    except EvidenceError:
        return CardCheck("file_missing", {})
    reading = await off_loop(vision.read_card, path)
    fields = {
        "name": reading.name, "sex": reading.sex, "ethnicity": reading.ethnicity,
        "birth_date": reading.birth_date.isoformat() if reading.birth_date else None,
        "address": reading.address, "id_number": reading.id_number,
    }  # fmt: skip
    if reading.problem:
        return CardCheck(reading.problem, fields)
    mismatches = vision.check_card(reading, typed_id, typed_name)
    box = list(reading.portrait_box) if reading.portrait_box else None
    return CardCheck(mismatches[0] if mismatches else None, fields, box)


@dataclass(frozen=True)
class FaceCheck:
    problem: str | None
    decision: str | None
    distance: float | None


async def check_face_photo(card: str, face: str, portrait_box: list[int] | None) -> FaceCheck:
    import vision

    try:
        card_path, face_path = image_path(card), image_path(face)
    except EvidenceError:
        return FaceCheck("file_missing", None, None)
    box = tuple(portrait_box) if portrait_box else None
    result = await off_loop(vision.verify_face, card_path, face_path, portrait_box=box)
    return FaceCheck(result.problem, result.decision, result.distance)

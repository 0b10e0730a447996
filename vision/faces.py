"""Compare the portrait on an ID card with a live photo (dlib ResNet face encodings)."""

from __future__ import annotations

import threading
import warnings
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from settings import Settings, get_settings
from vision.imaging import downscale, load_photo

DETECT_MAX_SIDE = 640  # HOG detector on larger images is slow and gains nothing here
MIN_FACE = 30  # pixels (at detection scale): smaller faces give unreliable encodings

_lock = threading.Lock()
_fr = None


def warm_up():
    """Load the dlib models now (idempotent); returns the face_recognition module."""
    global _fr
    with _lock:
        if _fr is None:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # face_recognition_models imports pkg_resources
                import face_recognition

            face_recognition.face_encodings(np.zeros((64, 64, 3), np.uint8))
            _fr = face_recognition
    return _fr


@dataclass(frozen=True)
class FaceResult:
    """Outcome of `verify_face`. `decision` is match / review / no_match, or None with `problem`."""

    decision: str | None
    distance: float | None
    problem: str | None = None
    faces_in_photo: int = 0
    match_distance: float = 0.0
    review_distance: float = 0.0

    def to_json(self) -> dict:
        return asdict(self)


Box = tuple[int, int, int, int]  # top, right, bottom, left (dlib/face_recognition order)


def find_faces(image: np.ndarray, upsample: int) -> tuple[np.ndarray, list[Box]]:
    """Faces (HOG detector) on a ≤640-px copy of the image, largest first."""
    fr = warm_up()
    small, _ = downscale(image, DETECT_MAX_SIDE)
    small = np.ascontiguousarray(small)  # dlib refuses strided views (crops, rotations)
    with _lock:
        boxes = fr.face_locations(small, number_of_times_to_upsample=upsample, model="hog")
    boxes = [b for b in boxes if b[2] - b[0] >= MIN_FACE or upsample > 0]
    boxes.sort(key=lambda b: (b[2] - b[0]) * (b[1] - b[3]), reverse=True)
    return small, boxes


def encode(image: np.ndarray, box: Box) -> np.ndarray:
    fr = warm_up()
    with _lock:
        return fr.face_encodings(image, known_face_locations=[box], num_jitters=1)[0]


def _portrait_region(card: np.ndarray, box: tuple[int, int, int, int] | None) -> np.ndarray:
    if box is None:
        return card
    left, top, right, bottom = box
    region = card[top:bottom, left:right]
    return region if min(region.shape[:2]) >= 60 else card


def card_encoding(card: np.ndarray, portrait_box=None) -> np.ndarray | None:
    """Encoding of the largest face on the card (the portrait), or None if there is none."""
    region = _portrait_region(card, portrait_box)
    small, boxes = find_faces(region, upsample=1)
    if not boxes and region is not card:
        small, boxes = find_faces(card, upsample=1)
    if not boxes:  # the card may have been photographed upside down
        small, boxes = find_faces(np.rot90(card, 2), upsample=1)
    return encode(small, boxes[0]) if boxes else None


def photo_encodings(photo: np.ndarray) -> list[tuple[np.ndarray, Box]]:
    small, boxes = find_faces(photo, upsample=0)
    if not boxes:
        small, boxes = find_faces(photo, upsample=1)
    return [(small, box) for box in boxes]


def decide(distance: float, settings: Settings) -> str:
    if distance <= settings.face_match_distance:
        return "match"
    if distance <= settings.face_review_distance:
        return "review"  # old card portraits often land here: staff look, no hard reject
    return "no_match"


def verify_face(
    card_path: str | Path | bytes,
    face_path: str | Path | bytes,
    settings: Settings | None = None,
    portrait_box: tuple[int, int, int, int] | None = None,
) -> FaceResult:
    """Is the person in the photo the one on the card? Sync, thread-safe; run in an executor.

    portrait_box: `CardReading.portrait_box` if the card was read first (faster, fewer errors).
    """
    settings = settings or get_settings()
    thresholds = {"match_distance": settings.face_match_distance,
                  "review_distance": settings.face_review_distance}
    card = load_photo(card_path, settings.vision_max_photo_bytes)
    if card.problem:
        return FaceResult(None, None, f"card_{card.problem}", **thresholds)
    photo = load_photo(face_path, settings.vision_max_photo_bytes)
    if photo.problem:
        return FaceResult(None, None, photo.problem, **thresholds)
    faces = photo_encodings(photo.image)
    if not faces:
        return FaceResult(None, None, "no_face_in_photo", **thresholds)
    if len(faces) > 1:
        return FaceResult(None, None, "several_faces", len(faces), **thresholds)
    card_face = card_encoding(card.image, portrait_box)
    if card_face is None:
        return FaceResult(None, None, "no_portrait_on_card", 1, **thresholds)
    distance = float(np.linalg.norm(card_face - encode(*faces[0])))
    return FaceResult(decide(distance, settings), round(distance, 4), None, 1, **thresholds)

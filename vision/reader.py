"""Read the front of a second-generation ID card from a phone photo."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path

import numpy as np

from casework.identity import mask_id
from settings import Settings, get_settings
from vision import ocr
from vision.card_parse import ParsedFields, parse_front
from vision.imaging import downscale, load_photo
from vision.quality import Quality, assess

OCR_MAX_SIDE = 1280
MIN_TEXT_HEIGHT = 12  # pixels at OCR scale: smaller text means the card is too far away
# Softer than the checks before OCR: used only to explain why a card could not be read.
SOFT_SHARPNESS = 30.0
SOFT_DARK_P95 = 80.0


@dataclass
class CardReading:
    """What was read. `problem` is None when the card was read; see PROBLEMS in __init__."""

    problem: str | None = None
    name: str | None = None
    sex: str | None = None
    ethnicity: str | None = None
    birth_date: date | None = None
    address: str | None = None
    id_number: str | None = None
    confidence: dict[str, float] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)
    portrait_box: tuple[int, int, int, int] | None = None  # left, top, right, bottom (pixels)
    rotated: int = 0  # degrees the photo was turned to read it (180 = card was upside down)

    def __repr__(self) -> str:  # safe for logs: no full ID number, name or address
        shown = mask_id(self.id_number) if self.id_number else None
        return (f"CardReading(problem={self.problem!r}, id_number={shown!r}, "
                f"missing={self.missing!r}, rotated={self.rotated})")

    def to_json(self) -> dict:
        data = asdict(self)
        data["birth_date"] = self.birth_date.isoformat() if self.birth_date else None
        return data


def _from_fields(parsed: ParsedFields, rotated: int) -> CardReading:
    reading = CardReading(
        name=parsed.name, sex=parsed.sex, ethnicity=parsed.ethnicity,
        birth_date=parsed.birth_date, address=parsed.address, id_number=parsed.id_number,
        confidence={k: round(v, 3) for k, v in parsed.confidence.items()},
        missing=parsed.missing(), rotated=rotated,
    )
    return reading


def _portrait_box(
    lines: list[ocr.TextLine], factor: float, shape: tuple[int, ...]
) -> tuple[int, int, int, int] | None:
    """Where the portrait should be: right of the text block, above the ID number row."""
    id_lines = [line for line in lines if sum(ch.isdigit() for ch in line.text) >= 15]
    name_lines = [line for line in lines if "姓名" in line.text or "住址" in line.text]
    if not id_lines or not name_lines:
        return None
    id_box, top_box = id_lines[0].box, name_lines[0].box
    width = id_box[:, 0].max() - top_box[:, 0].min()
    left = id_box[:, 0].min() + 0.35 * width
    right = id_box[:, 0].max() + 0.25 * width
    top = top_box[:, 1].min() - 0.15 * width
    bottom = id_box[:, 1].min()
    h, w = shape[:2]
    left, right = (int(np.clip(v / factor, 0, w)) for v in (left, right))
    top, bottom = (int(np.clip(v / factor, 0, h)) for v in (top, bottom))
    return (left, top, right, bottom) if right > left and bottom > top else None


def _read_turned(image: np.ndarray) -> tuple[ParsedFields, list[ocr.TextLine], int]:
    """OCR as photographed; if nothing card-like is found, try upside down and sideways."""
    best = None
    for turns in (0, 2, 1, 3):
        lines = ocr.recognise(np.rot90(image, turns) if turns else image)
        parsed = parse_front(lines)
        found = 6 - len(parsed.missing())
        if best is None or found > 6 - len(best[0].missing()):
            best = (parsed, lines, turns * 90)
        if found >= 4 or parsed.is_back or len(lines) < 3:
            break
    return best


def _diagnose(parsed: ParsedFields, lines: list[ocr.TextLine], quality: Quality) -> str | None:
    """Why a card could not be read completely, or None if it was."""
    missing = parsed.missing()
    if not missing:
        return None
    if parsed.is_back and len(missing) >= 4:
        return "card_back"
    heights = [float(np.linalg.norm(line.box[3] - line.box[0])) for line in lines]
    if heights and float(np.median(heights)) < MIN_TEXT_HEIGHT:
        return "too_small"
    if quality.sharpness < SOFT_SHARPNESS:
        return "too_blurry"
    if quality.brightness_p95 < SOFT_DARK_P95:
        return "too_dark"
    return "no_card_found" if len(missing) >= 5 else "fields_unreadable"


def read_image(image: np.ndarray) -> CardReading:
    quality = assess(image)
    if quality.problem():
        return CardReading(problem=quality.problem())
    small, factor = downscale(image, OCR_MAX_SIDE)
    parsed, lines, rotated = _read_turned(small)
    problem = _diagnose(parsed, lines, quality)
    if problem in ("card_back", "too_small", "no_card_found"):
        return CardReading(problem=problem)
    reading = _from_fields(parsed, rotated)
    reading.problem = problem
    if not rotated:
        reading.portrait_box = _portrait_box(lines, factor, image.shape)
    return reading


def read_card(path: str | Path | bytes, settings: Settings | None = None) -> CardReading:
    """Read a card photo (path or bytes). Sync and thread-safe; run it in an executor."""
    settings = settings or get_settings()
    loaded = load_photo(path, settings.vision_max_photo_bytes)
    if loaded.problem:
        return CardReading(problem=loaded.problem)
    return read_image(loaded.image)

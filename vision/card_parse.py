"""Turn OCR text lines of a card front into fields, using the printed labels as anchors."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from vision.address_fix import fix_address, to_simplified
from vision.ethnicity import match_ethnicity
from vision.ocr import TextLine

MIN_LINE_SCORE = 0.3  # lower-scored boxes are specks, pattern or portrait detail, not text
LABELS = ("姓名", "性别", "民族", "出生", "住址", "公民身份号码")
BACK_WORDS = ("居民身份证", "签发机关", "有效期限", "中华人民共和国")
# Characters the recogniser may put in place of digits in the ID number.
DIGIT_LOOKALIKES = str.maketrans({"O": "0", "o": "0", "D": "0", "I": "1", "l": "1", "|": "1",
                                  "Z": "2", "S": "5", "B": "8", "x": "X", "×": "X"})


@dataclass
class ParsedFields:
    name: str | None = None
    sex: str | None = None
    ethnicity: str | None = None
    birth_date: date | None = None
    address: str | None = None
    id_number: str | None = None
    confidence: dict[str, float] = field(default_factory=dict)
    is_back: bool = False

    def missing(self) -> list[str]:
        names = ("name", "sex", "ethnicity", "birth_date", "address", "id_number")
        return [n for n in names if getattr(self, n) in (None, "")]


def _angle(lines: list[TextLine]) -> float:
    """Median slope of the wider text boxes, in radians."""
    angles = []
    for line in lines:
        (x0, y0), (x1, y1) = line.box[0], line.box[1]
        height = np.linalg.norm(line.box[3] - line.box[0])
        if abs(x1 - x0) > 2 * height:
            angles.append(math.atan2(y1 - y0, x1 - x0))
    return float(np.median(angles)) if angles else 0.0


def reading_order(lines: list[TextLine]) -> list[list[TextLine]]:
    """Group lines into rows (after undoing the card's tilt) and sort each row left to right."""
    if not lines:
        return []
    a = -_angle(lines)
    cos, sin = math.cos(a), math.sin(a)

    def upright(line: TextLine) -> tuple[float, float]:
        x, y = line.centre
        return x * cos - y * sin, x * sin + y * cos

    heights = [np.linalg.norm(line.box[3] - line.box[0]) for line in lines]
    tolerance = 0.5 * float(np.median(heights))
    placed = sorted(((upright(line), line) for line in lines), key=lambda p: p[0][1])
    rows: list[list[tuple[tuple[float, float], TextLine]]] = []
    for point, line in placed:
        if rows and abs(point[1] - rows[-1][-1][0][1]) <= tolerance:
            rows[-1].append((point, line))
        else:
            rows.append([(point, line)])
    return [[line for _, line in sorted(row, key=lambda p: p[0][0])] for row in rows]


def _flatten(rows: list[list[TextLine]]) -> tuple[str, list[float]]:
    """All text without spaces, and each character's recognition score."""
    chars, scores = [], []
    for row in rows:
        for line in row:
            for ch in re.sub(r"\s+", "", line.text):
                chars.append(ch)
                scores.append(line.score)
    return "".join(chars), scores


def _span(text: str, start_label: str, stop_labels: tuple[str, ...]) -> tuple[int, int] | None:
    begin = text.find(start_label)
    if begin < 0:
        return None
    begin += len(start_label)
    ends = [text.find(s, begin) for s in stop_labels]
    ends = [e for e in ends if e >= 0]
    return begin, min(ends) if ends else len(text)


def _find_id(raw: str) -> str | None:
    """An 18-character ID in OCR text, with letters that look like digits turned into digits.

    A wrong check digit is left as read (not guessed at): `check_card` reports it and the
    person is asked to photograph again or type the number."""
    digits = raw.translate(DIGIT_LOOKALIKES).upper()
    match = re.search(r"\d{17}[\dX]", digits)
    return match.group(0) if match else None


def _birth(text: str) -> date | None:
    match = re.search(r"(\d{4})年(\d{1,2})月(\d{1,2})日?", text)
    if not match:
        return None
    try:
        return date(*(int(g) for g in match.groups()))
    except ValueError:
        return None


def parse_front(lines: list[TextLine]) -> ParsedFields:
    lines = [line for line in lines if line.score >= MIN_LINE_SCORE]
    text, scores = _flatten(reading_order(lines))
    parsed = ParsedFields(is_back=sum(w in text for w in BACK_WORDS) >= 2)

    def value(label: str, stops: tuple[str, ...]) -> tuple[str, float]:
        span = _span(text, label, stops)
        if span is None or span[0] >= span[1]:
            return "", 0.0
        return text[span[0]: span[1]], min(scores[span[0]: span[1]])

    rest = LABELS + ("年",)
    name, parsed.confidence["name"] = value("姓名", rest)
    parsed.name = to_simplified(re.sub(r"[^\u4e00-\u9fff·]", "", name)) or None
    sex, parsed.confidence["sex"] = value("性别", rest)
    parsed.sex = next((ch for ch in sex if ch in "男女"), None)
    ethnicity, parsed.confidence["ethnicity"] = value("民族", rest)
    parsed.ethnicity = match_ethnicity(ethnicity)
    born, parsed.confidence["birth_date"] = value("出生", LABELS)
    parsed.birth_date = _birth(born or text)
    address, parsed.confidence["address"] = value("住址", LABELS)
    address = re.split(r"\d{15,}", address)[0]
    parsed.address = fix_address(address) or None
    number_span = _span(text, "公民身份号码", ()) or (0, len(text))
    parsed.id_number = _find_id(text[number_span[0]:]) or _find_id(text)
    if parsed.id_number:
        at = text.translate(DIGIT_LOOKALIKES).upper().find(parsed.id_number[:6])
        parsed.confidence["id_number"] = min(scores[at: at + 18]) if at >= 0 else 0.0
    return parsed

"""Post-correct OCR'd addresses: traditional/variant forms, and rare characters of Weihai
place names (嵛, 夼, 疃 …) that the recogniser reads as a similar common character."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import opencc

# Variant forms that OpenCC's traditional-to-simplified table leaves alone, and separators.
VARIANTS = str.maketrans({"崳": "嵛", "，": "", ",": "", " ": "", "　": ""})

# Rare characters of Weihai place names and the common characters OCR reads them as. A known
# name is restored only where the OCR text differs from it in one such character.
LOOKALIKES = {
    "嵛": "俞喻榆愉渝崳崙嵞奇", "夼": "夯大奔夸夺太夾乔", "疃": "瞳潼童幢憧撞曈疸", "崮": "固岡崗",
    "埠": "阜埔", "荫": "阴茵", "俚": "里哩", "苘": "茼荷", "崂": "劳唠",
}

# How addresses on Weihai cards begin (older cards: the county-level cities before 2014).
PREFIXES = (
    "山东省威海市文登区", "山东省威海市乳山市", "山东省威海市荣成市", "山东省威海市环翠区",
    "山东省文登市", "山东省乳山市", "山东省荣成市", "山东省威海市",
)
PLACES_FILE = Path(__file__).resolve().parent / "data" / "weihai_places.txt"


@lru_cache(maxsize=1)
def place_names() -> tuple[str, ...]:
    lines = PLACES_FILE.read_text(encoding="utf-8").splitlines()
    return tuple(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def _restore(text: str, name: str) -> str:
    """Put back a known name the OCR text holds with one rare character misread."""
    n = len(name)
    for start in range(0, len(text) - n + 1):
        window = text[start: start + n]
        diffs = [i for i in range(n) if window[i] != name[i]]
        if len(diffs) == 1 and window[diffs[0]] in LOOKALIKES.get(name[diffs[0]], ""):
            text = text[:start] + name + text[start + n:]
    return text


def _drop_inserted(text: str, name: str) -> str:
    """Remove one stray character inside a known name (e.g. at an address line break),
    unless the longer form is itself a known name (嵛山后村 is not 嵛山村 misread)."""
    if name in text or len(name) < 3:
        return text
    known = set(place_names())
    for cut in range(1, len(name)):
        pattern = re.escape(name[:cut]) + r"[^\d]" + re.escape(name[cut:])
        text = re.sub(pattern, lambda m: m.group(0) if m.group(0) in known else name, text)
    return text


@lru_cache(maxsize=1)
def _shortened() -> dict[str, str]:
    """Known names with one character dropped -> the name, where that is unambiguous and the
    short form is not a known name itself."""
    known = set(place_names())
    forms: dict[str, set[str]] = {}
    for name in known:
        if len(name) >= 3:
            for cut in range(len(name) - 1):
                forms.setdefault(name[:cut] + name[cut + 1:], set()).add(name)
    return {short: names.pop() for short, names in forms.items()
            if len(names) == 1 and short not in known}


def _restore_dropped(text: str) -> str:
    """Put back one character the recogniser dropped from a known name, where the shortened
    name starts right after a place suffix (…育黎镇山后村 -> …育黎镇嵛山后村)."""
    for short, name in _shortened().items():
        text = re.sub(r"(?<=[省市区县镇乡道])" + re.escape(short) + "(?=[^村镇街道])", name, text)
    return text


def edit_distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def _fix_prefix(text: str) -> str:
    """Repair the province/city/county start when it is one edit from a known one
    (the longest known start wins)."""
    for prefix in PREFIXES:
        lengths = range(len(prefix) - 1, len(prefix) + 2)
        distance, length = min((edit_distance(text[:n], prefix), n) for n in lengths)
        if distance == 0:
            return text
        if distance == 1:
            return prefix + text[length:]
    return text


@lru_cache(maxsize=1)
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional characters (which the recogniser sometimes outputs) to simplified."""
    return _converter().convert(text).translate(VARIANTS)


def fix_address(raw: str) -> str:
    text = to_simplified(raw)
    text = re.sub(r"\d+(?=[省市区县镇乡村街])", "", text)  # stray digits before a place suffix
    text = _fix_prefix(text)
    for name in place_names():
        if any(ch in LOOKALIKES for ch in name):
            text = _restore(text, name)
        text = _drop_inserted(text, name)
    text = _restore_dropped(text)
    return text

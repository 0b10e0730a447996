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
    "嵛": "俞喻榆愉渝崳崙嵞", "夼": "夯大奔夸夺太夾乔", "疃": "瞳潼童幢憧撞曈疸", "崮": "固岡崗",
    "埠": "阜埔", "荫": "阴茵", "俚": "里哩", "苘": "茼荷", "崂": "劳唠",
}

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
    """Remove one stray character inside a known name (e.g. at an address line break)."""
    if name in text or len(name) < 3:
        return text
    for cut in range(1, len(name)):
        pattern = re.escape(name[:cut]) + r"[^\d]" + re.escape(name[cut:])
        text = re.sub(pattern, name, text, count=1)
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
    for name in place_names():
        if any(ch in LOOKALIKES for ch in name):
            text = _restore(text, name)
        text = _drop_inserted(text, name)
    return text

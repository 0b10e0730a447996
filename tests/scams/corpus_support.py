"""Reading the labelled corpora shared by the scam tests."""

from __future__ import annotations

from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
STYLES = {"senior", "dialect", "relative", "asr", "trad"}


def messages(name: str) -> list[dict]:
    return yaml.safe_load((HERE / name).read_text(encoding="utf-8"))["messages"]


def expected(message: dict) -> set[str]:
    value = message["expect"]
    if value == "none":
        return set()
    return {value} if isinstance(value, str) else set(value)

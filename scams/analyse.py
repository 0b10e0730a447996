"""Match one message against the pattern library."""

from __future__ import annotations

import dataclasses
import threading
from dataclasses import dataclass
from pathlib import Path

from scams.library import DEFAULT_PATH, RISKS, Category, Library, Rule, load
from scams.normalise import normalise_with_map

ALARM_RISKS = ("high", "medium")  # a "low" hit is kept for the record but raises no alarm


@dataclass(frozen=True)
class Hit:
    category: str
    label: str
    risk: str
    phrases: tuple[str, ...]  # exact substrings of the input that triggered the rule(s)


@dataclass(frozen=True)
class Analysis:
    hits: tuple[Hit, ...]  # most serious first; equal risks in pattern-file order
    reassure: str | None  # code of a calm factual answer; only set when there is no alarm

    @property
    def top(self) -> Hit | None:
        return self.hits[0] if self.hits else None

    @property
    def is_scam(self) -> bool:
        return self.top is not None and self.top.risk in ALARM_RISKS

    def as_dict(self) -> dict:
        """JSON-ready form (e.g. for Rasa message data or a scam report)."""
        return {
            "is_scam": self.is_scam,
            "top": self.top.category if self.top else None,
            "hits": [dataclasses.asdict(hit) | {"phrases": list(hit.phrases)} for hit in self.hits],
            "reassure": self.reassure,
        }


_lock = threading.Lock()
_library: Library | None = None


def library() -> Library:
    """The cached pattern library (loaded from the default file on first use)."""
    global _library
    if _library is None:
        with _lock:
            if _library is None:
                _library = load(DEFAULT_PATH)
    return _library


def reload(path: str | Path = DEFAULT_PATH) -> Library:
    """Re-read the pattern file after staff edited it.

    On a PatternError the previous library stays in use, so a typo never switches detection off.
    """
    global _library
    fresh = load(path)
    with _lock:
        _library = fresh
    return fresh


def _match(rule: Rule, text: str) -> list[tuple[int, int]] | None:
    """Spans (in normalised text) that satisfied the rule, or None if it does not match."""
    if any(term in text for term in rule.excluded):
        return None
    spans: list[tuple[int, int]] = []
    for group in rule.groups:
        found = [m.span() for m in group.regex.finditer(text) if m.end() > m.start()]
        if not found:
            return None
        spans.extend(found)
    return spans


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted spans with overlapping ones joined (涉嫌 + 涉嫌洗钱 + 洗钱 → 涉嫌洗钱)."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _hit(category: Category, text: str, origin: list[int], original: str) -> Hit | None:
    spans: list[tuple[int, int]] = []
    risks: list[str] = []
    for rule in category.rules:
        matched = _match(rule, text)
        if matched is not None:
            spans.extend(matched)
            risks.append(rule.risk)
    if not risks:
        return None
    phrases = [original[origin[start] : origin[end - 1] + 1] for start, end in _merge(spans)]
    risk = min(risks, key=RISKS.index)
    return Hit(category.code, category.label, risk, tuple(dict.fromkeys(phrases)))


def analyse(text: str, patterns: Library | None = None) -> Analysis:
    """Scam-risk analysis of one message (chat text or a voice transcript)."""
    lib = patterns or library()
    text = text or ""
    normalised, origin = normalise_with_map(text)
    found = [
        (hit, order)
        for order, category in enumerate(lib.categories)
        if (hit := _hit(category, normalised, origin, text)) is not None
    ]
    if any(h.risk in ALARM_RISKS and not lib.categories[i].fallback for h, i in found):
        found = [(h, i) for h, i in found if not lib.categories[i].fallback]
    found.sort(key=lambda pair: (RISKS.index(pair[0].risk), pair[1]))  # file order breaks ties
    hits = tuple(hit for hit, _ in found)
    reassure = None
    if not any(hit.risk in ALARM_RISKS for hit in hits):
        reassure = next(
            (r.code for r in lib.reassurances if _hit(r, normalised, origin, text)), None
        )
    return Analysis(hits, reassure)

"""Load and validate the staff-editable pattern library (patterns.yml).

Every problem is reported as a PatternError naming the file, the line and the entry, so a
staff member can find and fix it without reading code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from scams.normalise import normalise

DEFAULT_PATH = Path(__file__).resolve().parent / "patterns.yml"
RISKS = ("high", "medium", "low")
_CODE = re.compile(r"^[a-z][a-z0-9_]*$")
_RULE_KEYS = {"all", "not", "regex", "risk", "note"}
_CATEGORY_KEYS = {"label", "risk", "description", "rules"}
_OPTIONAL_KEYS = {"fallback"}
_REASSURE_KEYS = {"label", "description", "rules"}


class PatternError(ValueError):
    """The pattern file is not valid; the message says where and why."""


@dataclass(frozen=True)
class Group:
    """Any one of `terms` must occur (terms are stored normalised)."""

    terms: tuple[str, ...]
    regex: re.Pattern[str]


@dataclass(frozen=True)
class Rule:
    groups: tuple[Group, ...]  # every group must match (after any regexes)
    excluded: tuple[str, ...]  # none of these may occur
    risk: str
    line: int


@dataclass(frozen=True)
class Category:
    code: str
    label: str
    risk: str
    description: str
    rules: tuple[Rule, ...]
    fallback: bool = False  # reported only when no other category raised an alarm


@dataclass(frozen=True)
class Library:
    path: str
    categories: tuple[Category, ...]  # in file order: earlier wins ties
    reassurances: tuple[Category, ...]  # same shape; risk is unused ("low")


# --- YAML with line numbers ----------------------------------------------------------------


class _Map(dict):
    line = 0


class _Seq(list):
    line = 0


class _Loader(yaml.SafeLoader):
    pass


def _construct_map(loader: _Loader, node: yaml.MappingNode) -> _Map:
    result = _Map()
    result.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in result:
            raise PatternError(f"line {key_node.start_mark.line + 1}: '{key}' appears twice")
        result[key] = loader.construct_object(value_node, deep=True)
    return result


def _construct_seq(loader: _Loader, node: yaml.SequenceNode) -> _Seq:
    result = _Seq(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    return result


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_map)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_seq)


# --- validation ----------------------------------------------------------------------------


def _line(value: Any, fallback: int) -> int:
    return getattr(value, "line", 0) or fallback


def _terms(value: Any, where: str) -> tuple[str, ...]:
    """A list of words (or one word), normalised, none empty."""
    items = [value] if isinstance(value, (str, int)) else value
    if not isinstance(items, list) or not items:
        raise PatternError(f"{where}: expected a word or a list of words")
    # A shared list (*name) may sit inside a group next to extra words: flatten one level.
    items = [word for item in items for word in (item if isinstance(item, list) else [item])]
    terms = []
    for item in items:
        if not isinstance(item, (str, int)):
            raise PatternError(f"{where}: '{item}' is not a word")
        term = normalise(str(item))
        if not term:
            raise PatternError(f"{where}: '{item}' is empty after removing spaces/punctuation")
        terms.append(term)
    return tuple(dict.fromkeys(terms))


def _group(terms: tuple[str, ...]) -> Group:
    longest_first = sorted(terms, key=len, reverse=True)
    return Group(terms, re.compile("|".join(re.escape(t) for t in longest_first)))


def _regex_group(value: Any, where: str) -> Group:
    patterns = [value] if isinstance(value, str) else value
    if not isinstance(patterns, list) or not all(isinstance(p, str) for p in patterns):
        raise PatternError(f"{where}: 'regex' must be a pattern or a list of patterns")
    for pattern in patterns:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise PatternError(f"{where}: bad regex {pattern!r}: {exc}") from None
    return Group(tuple(patterns), re.compile("|".join(f"(?:{p})" for p in patterns)))


def _rule(raw: Any, default_risk: str, where: str) -> Rule:
    if not isinstance(raw, dict):
        raise PatternError(f"{where}: a rule must be a mapping with 'all' and/or 'regex'")
    unknown = set(raw) - _RULE_KEYS
    if unknown:
        raise PatternError(f"{where}: unknown key(s) {sorted(unknown)}; use {sorted(_RULE_KEYS)}")
    if "all" not in raw and "regex" not in raw:
        raise PatternError(f"{where}: a rule needs 'all' (word groups) or 'regex'")
    groups = []
    if "regex" in raw:
        groups.append(_regex_group(raw["regex"], where))
    if "all" in raw:
        raw_groups = raw["all"]
        if not isinstance(raw_groups, list) or not raw_groups:
            raise PatternError(f"{where}: 'all' must be a list of word groups")
        for number, raw_group in enumerate(raw_groups, 1):
            groups.append(_group(_terms(raw_group, f"{where}, group {number}")))
    excluded = _terms(raw["not"], f"{where}, 'not'") if "not" in raw else ()
    risk = raw.get("risk", default_risk)
    if risk not in RISKS:
        raise PatternError(f"{where}: risk must be one of {RISKS}, not {risk!r}")
    return Rule(tuple(groups), excluded, risk, _line(raw, 0))


def _entry(code: Any, raw: Any, keys: set[str], section: str, line: int) -> Category:
    where = f"line {_line(raw, line)}, {section} '{code}'"
    if not isinstance(code, str) or not _CODE.match(code):
        raise PatternError(f"{where}: the code must be snake_case, e.g. safe_account")
    if not isinstance(raw, dict):
        raise PatternError(f"{where}: expected a mapping with {sorted(keys)}")
    allowed = keys | _OPTIONAL_KEYS if "risk" in keys else keys
    missing, unknown = keys - set(raw), set(raw) - allowed
    if missing or unknown:
        problem = f"missing {sorted(missing)}" if missing else f"unknown key(s) {sorted(unknown)}"
        raise PatternError(f"{where}: {problem}")
    for key in ("label", "description"):
        if not isinstance(raw[key], str) or not raw[key].strip():
            raise PatternError(f"{where}: '{key}' must be non-empty text")
    risk = raw.get("risk", "low")
    if risk not in RISKS:
        raise PatternError(f"{where}: risk must be one of {RISKS}, not {risk!r}")
    fallback = raw.get("fallback", False)
    if not isinstance(fallback, bool):
        raise PatternError(f"{where}: 'fallback' must be true or false")
    raw_rules = raw["rules"]
    if not isinstance(raw_rules, list) or not raw_rules:
        raise PatternError(f"{where}: 'rules' must be a non-empty list")
    rules = tuple(
        _rule(r, risk, f"line {_line(r, _line(raw_rules, line))}, {section} '{code}', rule {n}")
        for n, r in enumerate(raw_rules, 1)
    )
    return Category(code, raw["label"].strip(), risk, raw["description"].strip(), rules, fallback)


def _section(doc: dict, name: str, keys: set[str]) -> tuple[Category, ...]:
    raw = doc.get(name)
    if not isinstance(raw, dict) or not raw:
        raise PatternError(f"line {_line(doc, 1)}: '{name}' must be a non-empty mapping")
    singular = "category" if name == "categories" else "reassure"
    return tuple(_entry(code, entry, keys, singular, _line(raw, 1)) for code, entry in raw.items())


def parse(text: str, path: str = "<text>") -> Library:
    """Parse and validate pattern-file text; raise PatternError prefixed with `path`."""
    try:
        doc = yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass
        if not isinstance(doc, dict):
            raise PatternError("line 1: expected 'version', 'categories' and 'reassure'")
        if doc.get("version") != 1:
            raise PatternError(f"line {_line(doc, 1)}: 'version: 1' is required")
        # 'shared' only holds word lists that rules reuse through YAML anchors (&name / *name).
        unknown = set(doc) - {"version", "shared", "categories", "reassure"}
        if unknown:
            raise PatternError(f"line {_line(doc, 1)}: unknown top-level key(s) {sorted(unknown)}")
        categories = _section(doc, "categories", _CATEGORY_KEYS)
        reassurances = _section(doc, "reassure", _REASSURE_KEYS)
    except yaml.YAMLError as exc:
        raise PatternError(f"{path}: not valid YAML: {exc}") from None
    except PatternError as exc:
        raise PatternError(f"{path}, {exc}") from None
    return Library(path, categories, reassurances)


def load(path: str | Path = DEFAULT_PATH) -> Library:
    path = Path(path)
    return parse(path.read_text(encoding="utf-8"), str(path))

"""The labelled corpus: every category detected, no alarm on ordinary messages."""

from __future__ import annotations

from collections import Counter

import pytest
from corpus_support import STYLES, expected, messages

import scams

CORPUS = messages("corpus.yml")
HELDOUT = messages("heldout.yml")
SCAMS = [m for m in CORPUS if expected(m)]
ORDINARY = [m for m in CORPUS if not expected(m)]


def _alarmed(analysis: scams.Analysis) -> set[str]:
    return {h.category for h in analysis.hits if h.risk in scams.ALARM_RISKS}


@pytest.mark.parametrize("message", SCAMS, ids=lambda m: m["text"])
def test_scam_message_raises_the_expected_categories(message: dict) -> None:
    analysis = scams.analyse(message["text"])
    assert analysis.is_scam
    assert _alarmed(analysis) == expected(message)
    assert analysis.top.category in expected(message)
    assert analysis.reassure is None


@pytest.mark.parametrize("message", ORDINARY, ids=lambda m: m["text"])
def test_ordinary_message_raises_no_alarm(message: dict) -> None:
    analysis = scams.analyse(message["text"])
    assert not analysis.is_scam, analysis.hits
    assert analysis.reassure == message.get("reassure")


def test_corpus_size_and_coverage() -> None:
    assert len(CORPUS) >= 150
    assert len(ORDINARY) >= 50
    per_category = Counter(code for m in SCAMS for code in expected(m))
    for code in scams.categories():
        assert per_category[code] >= 6, code
        styles = {m["style"] for m in SCAMS if code in expected(m)}
        assert {"senior", "relative"} <= styles, code
        assert styles & {"dialect", "asr"}, code
    reassured = {m["reassure"] for m in CORPUS if "reassure" in m}
    assert reassured == set(scams.reassure_codes())


@pytest.mark.parametrize("name", ["corpus.yml", "heldout.yml"])
def test_corpus_files_are_well_formed(name: str) -> None:
    known = set(scams.categories())
    codes = set(scams.reassure_codes())
    texts = [m["text"] for m in messages(name)]
    assert len(texts) == len(set(texts)), "duplicate messages"
    for message in messages(name):
        assert set(message) <= {"text", "expect", "reassure", "style"}, message
        assert message["style"] in STYLES, message
        assert expected(message) <= known, message
        assert message.get("reassure", next(iter(codes))) in codes, message
        assert not ("reassure" in message and expected(message)), message


def test_heldout_has_at_least_40_messages_of_both_kinds() -> None:
    assert len(HELDOUT) >= 40
    assert sum(1 for m in HELDOUT if not expected(m)) >= 10
    assert {code for m in HELDOUT for code in expected(m)} == set(scams.categories())

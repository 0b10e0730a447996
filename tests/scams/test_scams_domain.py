"""bot/domain/scams.yml: a response for every category and reassure code, numbers as slots."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

import scams

DOMAIN = Path(__file__).resolve().parents[2] / "bot" / "domain" / "scams.yml"
DOC = yaml.safe_load(DOMAIN.read_text(encoding="utf-8"))
RESPONSES = DOC["responses"]
SLOTS = {"anti_fraud_line", "police_line", "national_warning_line", "office_lookup_line"}
FLOW = [
    "utter_scam_ask_loss",
    "utter_scam_urgent",
    "utter_scam_no_loss",
    "utter_scam_unsure",
    "utter_scam_reported",
    "utter_scam_tips",
    "utter_season_scam_reminder",
    "utter_after_cert_reminder",
]


def _text(name: str) -> str:
    variants = RESPONSES[name]
    assert isinstance(variants, list) and variants, name
    return variants[0]["text"]


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"[。！？]", text) if s.strip()]


def test_fragment_holds_only_responses() -> None:
    assert set(DOC) == {"version", "responses"}
    assert DOC["version"] == "3.1"


@pytest.mark.parametrize("category", scams.categories())
def test_every_category_has_a_short_warning_with_the_numbers(category: str) -> None:
    text = _text(scams.warning_response(category))
    assert "{anti_fraud_line}" in text and "{police_line}" in text
    assert 2 <= len(_sentences(text)) <= 4, text


@pytest.mark.parametrize("code", scams.reassure_codes())
def test_every_reassure_code_has_a_response(code: str) -> None:
    assert _text(scams.reassure_response(code))


def test_no_response_for_an_unknown_category_or_code() -> None:
    known = {scams.warning_response(c) for c in scams.categories()}
    known |= {scams.reassure_response(c) for c in scams.reassure_codes()}
    assert set(RESPONSES) == known | set(FLOW)


def test_numbers_are_slots_never_hard_coded() -> None:
    for name, variants in RESPONSES.items():
        for variant in variants:
            text = variant["text"]
            assert not re.search(r"\d{3,}", text), name
            assert set(re.findall(r"{(\w+)}", text)) <= SLOTS, name


def test_flow_texts_say_what_the_issue_asks() -> None:
    assert "{national_warning_line}" in _text("utter_scam_tips")
    assert "{office_lookup_line}" in _text("utter_scam_tips")
    assert "{national_warning_line}" in _text("utter_scam_no_loss")
    assert "{national_warning_line}" in _text("utter_reassure_warning_line_96110")
    urgent = _text("utter_scam_urgent")
    assert "{police_line}" in urgent and "冻结" in urgent
    assert "验证码" in _text("utter_scam_ask_loss") and "钱" in _text("utter_scam_ask_loss")
    assert _text("utter_after_cert_reminder").startswith("社保部门不会打电话让您转账或交费。")
    assert "免费" in _text("utter_reassure_cert_is_free")
    assert "免费" in _text("utter_scam_warning_paid_certification")
    assert "{office_lookup_line}" in _text("utter_scam_warning_subsidy_fee")
    assert len(_sentences(_text("utter_season_scam_reminder"))) == 1

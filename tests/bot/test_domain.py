"""The domain and the actions agree: every response an action sends exists, with its slots."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

import scams
import vision

ROOT = Path(__file__).resolve().parents[2]
DOMAIN = ROOT / "bot" / "domain"
CONTRACT = (
    "greet goodbye affirm deny thank repeat speak_slower ask_human out_of_scope ask_bot_identity "
    "ask_cert_deadline ask_cert_who ask_cert_methods ask_app_steps ask_cert_locations "
    "ask_cert_documents ask_overdue ask_reporting_duty ask_fraud_penalty check_cert_status "
    "start_certification request_home_visit report_scam ask_anti_scam_tips inform"
).split()
ID_PROBLEMS = ("chars", "length", "region", "birth_date", "check_digit")


def domain() -> dict:
    merged: dict = {"responses": {}, "slots": {}, "intents": []}
    for path in DOMAIN.glob("*.yml"):
        part = yaml.safe_load(path.read_text(encoding="utf-8"))
        merged["responses"].update(part.get("responses") or {})
        merged["slots"].update(part.get("slots") or {})
        merged["intents"] += part.get("intents") or []
    return merged


def literal_responses() -> set[str]:
    code = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "actions").glob("*.py"))
    return set(re.findall(r'"(utter_[a-z0-9_]+)"', code)) - {"utter_action"}  # Rasa's metadata key


def test_the_intent_contract_is_kept():
    assert sorted(domain()["intents"]) == sorted(CONTRACT)


def test_every_response_an_action_names_exists():
    missing = literal_responses() - set(domain()["responses"])
    assert not missing


def test_every_coded_problem_has_its_kind_sentence():
    responses = set(domain()["responses"])
    expected = {f"utter_id_invalid_{p}" for p in ID_PROBLEMS}
    expected |= {f"utter_photo_problem_{code}" for code in vision.PROBLEMS} | {
        "utter_photo_problem_no_match"}
    expected |= {scams.warning_response(c) for c in scams.categories()}
    expected |= {scams.reassure_response(c) for c in scams.reassure_codes()}
    assert not expected - responses


def test_placeholders_are_slots_or_values_the_actions_pass():
    passed = {"reference", "name", "date", "method"}
    known = set(domain()["slots"]) | passed
    for name, variants in domain()["responses"].items():
        for variant in variants:
            for placeholder in re.findall(r"{(\w+)}", variant.get("text", "")):
                assert placeholder in known, f"{name} uses {{{placeholder}}}"


def test_no_number_the_deployment_sets_is_written_into_the_text():
    for name, variants in domain()["responses"].items():
        for variant in variants:
            text = variant.get("text", "")
            for number in ("5192345", "96110", "6月30日", "4月1日"):
                assert number not in text, f"{name} hard-codes {number}"


def test_long_written_answers_have_a_spoken_form_for_the_phone_line():
    responses = domain()["responses"]
    for name in ("utter_app_steps", "utter_cert_who", "utter_fraud_penalty", "utter_menu",
                 "utter_ask_details_confirmed"):  # fmt: skip
        spoken = [v for v in responses[name] if v.get("channel") == "twilio_voice"]
        written = [v for v in responses[name] if "channel" not in v]
        assert spoken and written, name
        assert "\n" not in spoken[0]["text"] and len(spoken[0]["text"]) < len(written[0]["text"])

"""Shape checks of the NLU training data and the held-out set (plain YAML, no Rasa import)."""

import json
import re
from collections import defaultdict
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
NLU_DIR = ROOT / "data" / "nlu"
HELDOUT = Path(__file__).resolve().parent / "heldout.yml"

CONTRACT_INTENTS = {
    "greet", "goodbye", "affirm", "deny", "thank", "repeat", "speak_slower", "ask_human",
    "out_of_scope", "ask_bot_identity", "ask_cert_deadline", "ask_cert_who", "ask_cert_methods",
    "ask_app_steps", "ask_cert_locations", "ask_cert_documents", "ask_overdue",
    "ask_reporting_duty", "ask_fraud_penalty", "check_cert_status", "start_certification",
    "request_home_visit", "report_scam", "ask_anti_scam_tips", "inform",
}
CONTRACT_ENTITIES = {"id_number", "phone_number", "address", "relation", "person_name"}
REGEX_ONLY_ENTITIES = {"id_number", "phone_number"}
RELATIONS = {"本人", "母亲", "父亲", "配偶", "祖父母", "岳父母", "公婆", "其他亲属"}

ANNOTATION = re.compile(r"\[(?P<text>[^\]]+)\](?:\((?P<plain>[^)]+)\)|(?P<json>\{[^}]+\}))")
PUNCTUATION = re.compile(r"[\s,.!?;:'\"，。！？；：、…~～]+")
ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def _blocks(path: Path) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu", [])


def _lines(block: dict) -> list[str]:
    return [ln.strip()[2:].strip() for ln in block["examples"].splitlines() if ln.strip()]


def _intent_examples(paths: list[Path]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = defaultdict(list)
    for path in paths:
        for block in _blocks(path):
            if "intent" in block:
                found[block["intent"]].extend(_lines(block))
    return found


def _entities(example: str) -> list[tuple[str, str, str]]:
    """(text, entity, value) of every annotation in one example."""
    result = []
    for m in ANNOTATION.finditer(example):
        if m.group("json"):
            spec = json.loads(m.group("json"))
            result.append((m.group("text"), spec["entity"], spec.get("value", m.group("text"))))
        else:
            result.append((m.group("text"), m.group("plain"), m.group("text")))
    return result


def _plain(example: str) -> str:
    return ANNOTATION.sub(lambda m: m.group("text"), example)


def _key(example: str) -> str:
    """Comparison key: annotation-free, punctuation- and space-free, lower case."""
    return PUNCTUATION.sub("", _plain(example)).lower()


def _id_is_valid(number: str) -> bool:
    total = sum(int(d) * w for d, w in zip(number[:17], ID_WEIGHTS, strict=True))
    return "10X98765432"[total % 11] == number[17].upper()


TRAIN_FILES = sorted(NLU_DIR.rglob("*.yml"))
TRAIN = _intent_examples(TRAIN_FILES)
HELD = _intent_examples([HELDOUT])
ALL_EXAMPLES = [(i, e) for i, exs in TRAIN.items() for e in exs] + [
    (i, e) for i, exs in HELD.items() for e in exs
]
REGEXES = {b["regex"]: _lines(b)[0] for p in TRAIN_FILES for b in _blocks(p) if "regex" in b}


@pytest.mark.parametrize("intent", sorted(CONTRACT_INTENTS))
def test_every_contract_intent_has_enough_examples(intent: str) -> None:
    assert len(TRAIN.get(intent, [])) >= 40
    assert len(HELD.get(intent, [])) >= 12


def test_heldout_uses_only_contract_intents() -> None:
    assert set(HELD) <= CONTRACT_INTENTS


def test_no_heldout_example_in_training() -> None:
    train_keys = {_key(e) for exs in TRAIN.values() for e in exs}
    leaked = [e for exs in HELD.values() for e in exs if _key(e) in train_keys]
    assert leaked == []


@pytest.mark.parametrize("data", [TRAIN, HELD], ids=["train", "heldout"])
def test_no_example_repeated_or_shared_between_intents(data: dict[str, list[str]]) -> None:
    owners: dict[str, list[str]] = defaultdict(list)
    for intent, examples in data.items():
        for example in examples:
            owners[_key(example)].append(intent)
    repeated = {k: v for k, v in owners.items() if len(v) > 1}
    assert repeated == {}


def test_training_annotates_contract_entities_but_never_the_regex_ones() -> None:
    used = {ent for exs in TRAIN.values() for e in exs for _, ent, _ in _entities(e)}
    assert used == CONTRACT_ENTITIES - REGEX_ONLY_ENTITIES


def test_heldout_annotates_all_contract_entities_so_regexes_are_scored() -> None:
    used = {ent for exs in HELD.values() for e in exs for _, ent, _ in _entities(e)}
    assert used == CONTRACT_ENTITIES


def test_relation_values_are_canonical() -> None:
    values = {v for _, e in ALL_EXAMPLES for _, ent, v in _entities(e) if ent == "relation"}
    assert values <= RELATIONS
    synonyms = [b for b in _blocks(NLU_DIR / "synonyms.yml") if "synonym" in b]
    assert {b["synonym"] for b in synonyms} <= RELATIONS
    surface_forms = [s for b in synonyms for s in _lines(b)]
    assert len(surface_forms) == len(set(surface_forms)), "a word maps to two relations"


def test_annotated_relation_words_map_to_their_value_via_synonyms() -> None:
    mapping = {s: b["synonym"] for b in _blocks(NLU_DIR / "synonyms.yml") for s in _lines(b)}
    for _, example in ALL_EXAMPLES:
        for text, ent, value in _entities(example):
            if ent == "relation":
                assert mapping.get(text, text) == value, example


def test_inform_carries_many_valid_ids_and_phones() -> None:
    text = " ".join(_plain(e) for e in TRAIN["inform"])
    ids = re.findall(REGEXES["id_number"], text)
    id_strings = [m.group(0) for m in re.finditer(REGEXES["id_number"], text)]
    phones = re.findall(REGEXES["phone_number"], text)
    assert len(ids) >= 15 and len(phones) >= 15
    assert any(s.endswith("X") for s in id_strings)
    assert all(_id_is_valid(s) for s in id_strings)


@pytest.mark.parametrize(
    ("text", "ids", "phones"),
    [
        ("身份证号371081195203151231", ["371081195203151231"], []),
        ("号码37108119520315123X 电话13806311234", ["37108119520315123X"], ["13806311234"]),
        ("130102195003151234", ["130102195003151234"], []),
        ("手机13806311234", [], ["13806311234"]),
        ("138063112345", [], []),
        ("电话0631-5192345", [], []),
    ],
)
def test_regexes_keep_phones_and_ids_apart(text: str, ids: list[str], phones: list[str]) -> None:
    assert [m.group(0) for m in re.finditer(REGEXES["id_number"], text)] == ids
    assert [m.group(0) for m in re.finditer(REGEXES["phone_number"], text)] == phones


def test_town_lookup_matches_the_town_list() -> None:
    towns = (NLU_DIR / "lookups" / "towns.txt").read_text(encoding="utf-8").split()
    lookup = [b for b in _blocks(NLU_DIR / "lookups.yml") if "lookup" in b]
    assert len(lookup) == 1 and _lines(lookup[0]) == towns
    assert {"侯家镇", "龙山街道", "环翠区", "汪疃镇"} <= set(towns)


def test_jieba_dictionary_lines_are_word_freq_pos() -> None:
    lines = (NLU_DIR / "jieba" / "domain_words.txt").read_text(encoding="utf-8").splitlines()
    words = [ln.split() for ln in lines if ln.strip()]
    assert all(len(w) == 3 and w[1].isdigit() for w in words)
    assert {"资格认证", "燕喜堂", "威海人社", "入户认证"} <= {w[0] for w in words}


def test_annotated_relation_words_are_single_jieba_words() -> None:
    lines = (NLU_DIR / "jieba" / "domain_words.txt").read_text(encoding="utf-8").splitlines()
    dictionary = {ln.split()[0] for ln in lines if ln.strip()}
    words = {t for _, e in ALL_EXAMPLES for t, ent, _ in _entities(e) if ent == "relation"}
    assert words - dictionary - RELATIONS == set()

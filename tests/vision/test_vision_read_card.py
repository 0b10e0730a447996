"""Reading generated card photos with the real PP-OCRv5 models, and refusing bad input kindly."""

from __future__ import annotations

import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import vision
from vision import read_card
from vision.crosscheck import check_card
from vision.synth.dataset import Sample

ROOT = Path(__file__).resolve().parents[2]


def assert_read_correctly(sample: Sample) -> None:
    reading = read_card(sample.path)
    truth = sample.person
    assert reading.problem is None, (sample.variant, reading)
    assert reading.id_number == truth.id_number
    assert reading.name == truth.name
    assert reading.sex == truth.sex
    assert reading.ethnicity == truth.ethnicity
    assert reading.birth_date == truth.birth_date
    assert reading.address == truth.address
    assert all(0.5 < score <= 1.0 for score in reading.confidence.values())
    assert check_card(reading, truth.id_number, truth.name) == []


def test_every_variant_is_read_exactly(models, cards: list[Sample]) -> None:
    for sample in cards:
        assert_read_correctly(sample)


def test_portrait_box_covers_the_portrait(models, cards: list[Sample]) -> None:
    desk = next(s for s in cards if s.variant == "desk")
    box = read_card(desk.path).portrait_box
    assert box is not None
    left, top, right, bottom = box
    assert 100 < right - left < 700 and 100 < bottom - top < 700


def test_typed_details_are_cross_checked(models, cards: list[Sample]) -> None:
    reading = read_card(cards[0].path)
    typed_id = cards[1].person.id_number
    assert check_card(reading, typed_id, "某某某") == ["typed_id_mismatch", "typed_name_mismatch"]


def test_upside_down_card_is_turned_and_read(models, bad: dict[str, Path]) -> None:
    reading = read_card(bad["upside_down"])
    assert reading.problem is None
    assert reading.rotated == 180
    assert check_card(reading) == []


@pytest.mark.parametrize(("name", "problem"), [
    ("not_an_image", "not_an_image"),
    ("truncated_jpeg", "image_damaged"),
    ("huge_photo", "file_too_large"),
    ("screen_photo", "screen_photo"),
    ("card_back", "card_back"),
    ("too_dark", "too_dark"),
    ("too_blurry", "too_blurry"),
    ("too_small", "too_small"),
    ("card_far_away", "no_card_found"),
    ("no_face_selfie", "no_card_found"),
])
def test_bad_input_gets_a_problem_code_with_a_kind_reply(
    models, bad: dict[str, Path], name: str, problem: str
) -> None:
    reading = read_card(bad[name])
    assert reading.problem == problem
    assert reading.id_number is None
    assert problem in vision.PROBLEMS


def test_missing_file_and_raw_bytes(models, cards: list[Sample], tmp_path: Path) -> None:
    assert read_card(tmp_path / "nothing.jpg").problem == "file_missing"
    reading = read_card(cards[0].path.read_bytes())
    assert reading.id_number == cards[0].person.id_number


def test_concurrent_calls_from_threads_give_the_right_answers(models, cards: list[Sample]) -> None:
    chosen = cards[:4]
    with ThreadPoolExecutor(max_workers=4) as pool:
        readings = list(pool.map(lambda s: read_card(s.path), chosen))
    assert [r.id_number for r in readings] == [s.person.id_number for s in chosen]


def test_command_line_prints_fields_as_json(cards: list[Sample]) -> None:
    sample = cards[1]
    done = subprocess.run(
        [sys.executable, "-m", "vision.read_card", str(sample.path),
         "--typed-id", sample.person.id_number, "--typed-name", "别人"],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    output = json.loads(done.stdout)
    assert output["id_number"] == sample.person.id_number
    assert output["birth_date"] == sample.person.birth_date.isoformat()
    assert output["mismatches"] == ["typed_name_mismatch"]

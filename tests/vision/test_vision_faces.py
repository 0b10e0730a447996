"""Face verification with the real dlib models on generated cards and bundled face photos."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from pathlib import Path

import pytest

import vision
from settings import get_settings
from vision import read_card, verify_face
from vision.faces import decide
from vision.synth.dataset import Sample

ROOT = Path(__file__).resolve().parents[2]


def test_same_person_matches(models, cards: list[Sample], live) -> None:
    for sample in cards[1:4]:
        result = verify_face(sample.path, live(sample.face))
        assert result.problem is None
        assert result.decision == "match", (sample.face, result)
        assert result.distance < get_settings().face_match_distance


def test_different_person_does_not_match(models, cards: list[Sample], live) -> None:
    sample = cards[1]
    others = [name for name in ("hopper", "hanks", "t1_0", "astronaut") if name != sample.face]
    for other in others[:2]:
        result = verify_face(sample.path, live(other))
        assert result.decision == "no_match", (sample.face, other, result)
        assert result.distance > get_settings().face_review_distance


def test_portrait_box_from_the_reading_gives_the_same_answer(models, cards, live) -> None:
    sample = cards[2]
    reading = read_card(sample.path)
    with_box = verify_face(sample.path, live(sample.face), portrait_box=reading.portrait_box)
    without = verify_face(sample.path, live(sample.face))
    assert with_box.decision == without.decision == "match"
    assert abs(with_box.distance - without.distance) < 0.08


@pytest.mark.parametrize(("card", "photo", "problem"), [
    ("card", "no_face_selfie", "no_face_in_photo"),
    ("card", "several_faces", "several_faces"),
    ("card_back", "face", "no_portrait_on_card"),
    ("card", "not_an_image", "not_an_image"),
    ("truncated_jpeg", "face", "card_image_damaged"),
    ("huge_photo", "face", "card_file_too_large"),
])
def test_face_problems(models, cards, bad, live, card: str, photo: str, problem: str) -> None:
    files = bad | {"card": cards[0].path, "face": live(cards[0].face)}
    result = verify_face(files[card], files[photo])
    assert result.problem == problem
    assert result.decision is None and result.distance is None
    assert problem in vision.PROBLEMS


def test_thresholds_come_from_settings_and_the_uncertain_band_goes_to_review() -> None:
    settings = dataclasses.replace(get_settings(), face_match_distance=0.45,
                                   face_review_distance=0.62)
    assert decide(0.44, settings) == "match"
    assert decide(0.50, settings) == "review"
    assert decide(0.62, settings) == "review"
    assert decide(0.63, settings) == "no_match"
    assert set(vision.DECISIONS) == {"match", "review", "no_match"}


def test_command_line_compares_two_photos(cards: list[Sample], live) -> None:
    sample = cards[3]
    done = subprocess.run(
        [sys.executable, "-m", "vision.compare_faces", str(sample.path), str(live(sample.face))],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    output = json.loads(done.stdout)
    assert output["decision"] == "match"
    assert 0 <= output["distance"] < output["match_distance"]


def test_upside_down_card_portrait_is_still_found(models, bad, live) -> None:
    result = verify_face(bad["upside_down"], live("hanks"))  # bad inputs carry Hanks' portrait
    assert result.decision == "match", result

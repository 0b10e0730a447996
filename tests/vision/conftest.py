"""Shared fixtures: models load once per session; a small set of generated card photos."""

from __future__ import annotations

from pathlib import Path

import pytest

from vision import faces, ocr
from vision.synth.dataset import Sample, bad_inputs, card_sample, live_photo
from vision.synth.degrade import VARIANTS


@pytest.fixture(scope="session")
def models() -> None:
    ocr.warm_up()
    faces.warm_up()


@pytest.fixture(scope="session")
def image_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("vision_images")


@pytest.fixture(scope="session")
def cards(image_dir: Path) -> list[Sample]:
    """One generated card photo per variant (different people, faces, addresses)."""
    return [card_sample(image_dir, 100 + index, name) for index, name in enumerate(VARIANTS)]


@pytest.fixture(scope="session")
def bad(image_dir: Path) -> dict[str, Path]:
    return bad_inputs(image_dir)


@pytest.fixture(scope="session")
def live(image_dir: Path):
    def make(identity: str, seed: int = 1) -> Path:
        return live_photo(image_dir, identity, seed)

    return make

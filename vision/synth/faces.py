"""Face photos that ship inside registry packages (no network): one RGB array per identity."""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from PIL import Image

from vision.paths import FACE_IMAGES_DIR

# Face boxes (top, right, bottom, left) of the six people in insightface's t1.jpg group photo.
T1_FACES = (
    (283, 1226, 390, 1118), (283, 175, 390, 67), (367, 832, 474, 724),
    (295, 557, 402, 450), (67, 999, 196, 870), (176, 364, 265, 275),
)  # fmt: skip


def _crop_around(image: np.ndarray, box: tuple[int, int, int, int], margin: float) -> np.ndarray:
    top, right, bottom, left = box
    size = max(bottom - top, right - left)
    pad = int(size * margin)
    h, w = image.shape[:2]
    return image[max(0, top - pad): min(h, bottom + pad), max(0, left - pad): min(w, right + pad)]


@lru_cache(maxsize=1)
def face_photos() -> dict[str, np.ndarray]:
    """Identity name -> RGB photo with that one person."""
    import matplotlib.cbook
    import skimage.data

    hopper = matplotlib.cbook.get_sample_data("grace_hopper.jpg", asfileobj=False)
    photos = {
        "astronaut": skimage.data.astronaut()[:300, 100:400],
        "hopper": np.asarray(Image.open(hopper).convert("RGB")),
        "hanks": np.asarray(
            Image.open(FACE_IMAGES_DIR / "Tom_Hanks_54745.png").convert("RGB").resize((280, 280))
        ),
    }
    group = np.asarray(Image.open(FACE_IMAGES_DIR / "t1.jpg").convert("RGB"))
    for index, box in enumerate(T1_FACES):
        crop = _crop_around(group, box, 0.9)
        photos[f"t1_{index}"] = np.asarray(Image.fromarray(crop).resize((300, 300)))
    return photos


def group_photo() -> np.ndarray:
    return np.asarray(Image.open(FACE_IMAGES_DIR / "t1.jpg").convert("RGB"))

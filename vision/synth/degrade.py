"""Turn a rendered card into phone-photo variants: desk background, rotation, JPEG, blur,
keystone skew, low light, all combined; and the bad inputs the reader must refuse kindly."""

from __future__ import annotations

import io
import random
from collections.abc import Callable

import cv2
import numpy as np
from PIL import Image, ImageFilter

PHOTO_SIZE = (1280, 960)
VARIANTS = ("clean", "desk", "rotated", "jpeg30", "blurred", "keystone", "lowlight", "combined")


def desk(size: tuple[int, int], rng: random.Random) -> Image.Image:
    w, h = size
    grain = np.random.default_rng(rng.randrange(1 << 30)).normal(0, 1, (h // 8 + 1, w))
    grain = cv2.GaussianBlur(grain, (0, 0), 3)[:, :w]
    grain = np.repeat(grain, 8, axis=0)[:h]
    tone = np.array([rng.uniform(120, 170), rng.uniform(85, 120), rng.uniform(50, 80)])
    wood = tone[None, None, :] + grain[..., None] * 18
    return Image.fromarray(np.clip(wood, 0, 255).astype(np.uint8))


def on_desk(card: Image.Image, rng: random.Random, angle: float = 0.0,
            card_width: int | None = None) -> Image.Image:
    photo = desk(PHOTO_SIZE, rng)
    width = card_width or int(PHOTO_SIZE[0] * rng.uniform(0.68, 0.8))
    scaled = card.resize((width, int(card.height * width / card.width)), Image.LANCZOS)
    if angle:
        scaled = scaled.rotate(angle, resample=Image.BICUBIC, expand=True)
    x = (PHOTO_SIZE[0] - scaled.width) // 2 + rng.randrange(-30, 31)
    y = (PHOTO_SIZE[1] - scaled.height) // 2 + rng.randrange(-30, 31)
    photo.paste(scaled, (x, y), scaled)
    return photo


def keystone(photo: Image.Image, rng: random.Random) -> Image.Image:
    w, h = photo.size
    inset = w * rng.uniform(0.05, 0.09)
    src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    dst = np.float32([[inset, h * 0.03], [w - inset, h * 0.03], [w, h], [0, h]])
    matrix = cv2.getPerspectiveTransform(src, dst)
    warped = cv2.warpPerspective(np.asarray(photo), matrix, (w, h), borderMode=cv2.BORDER_REPLICATE)
    return Image.fromarray(warped)


def low_light(photo: Image.Image, rng: random.Random) -> Image.Image:
    pixels = np.asarray(photo).astype(np.float32) / 255
    dim = (pixels ** 1.3) * rng.uniform(0.38, 0.48)
    noise = np.random.default_rng(rng.randrange(1 << 30)).normal(0, 0.012, dim.shape)
    return Image.fromarray(np.clip((dim + noise) * 255, 0, 255).astype(np.uint8))


def blur(photo: Image.Image, radius: float) -> Image.Image:
    return photo.filter(ImageFilter.GaussianBlur(radius))


def jpeg(photo: Image.Image, quality: int) -> Image.Image:
    buffer = io.BytesIO()
    photo.convert("RGB").save(buffer, "JPEG", quality=quality)
    return Image.open(io.BytesIO(buffer.getvalue())).convert("RGB")


def _angle(rng: random.Random) -> float:
    return rng.choice((-1, 1)) * rng.uniform(4, 10)


def variant(card: Image.Image, name: str, rng: random.Random) -> Image.Image:
    """One phone-photo variant of a rendered card (RGB)."""
    steps: dict[str, Callable[[], Image.Image]] = {
        "clean": lambda: Image.alpha_composite(
            Image.new("RGBA", card.size, (255, 255, 255, 255)), card
        ).convert("RGB"),
        "desk": lambda: on_desk(card, rng),
        "rotated": lambda: on_desk(card, rng, angle=_angle(rng)),
        "jpeg30": lambda: jpeg(on_desk(card, rng), 30),
        "blurred": lambda: blur(on_desk(card, rng), rng.uniform(1.2, 1.8)),
        "keystone": lambda: keystone(on_desk(card, rng), rng),
        "lowlight": lambda: low_light(on_desk(card, rng), rng),
        "combined": lambda: jpeg(
            low_light(blur(keystone(on_desk(card, rng, angle=_angle(rng)), rng), 1.2), rng), 30
        ),
    }
    return steps[name]()


def screen_photo(photo: Image.Image, rng: random.Random) -> Image.Image:
    """A photo of the card shown on a phone/computer screen: pixel grid and moiré stripes."""
    pixels = np.asarray(photo.convert("RGB")).astype(np.float32)
    h, w = pixels.shape[:2]
    y, x = np.mgrid[0:h, 0:w]
    period = rng.uniform(3.3, 3.8)
    grid = 0.78 + 0.22 * (np.cos(2 * np.pi * x / period) * np.cos(2 * np.pi * y / period))
    moire = 0.9 + 0.1 * np.sin(2 * np.pi * (x * 0.011 + y * 0.017))
    shown = pixels * (grid * moire)[..., None] * np.array([0.92, 0.97, 1.06])
    return Image.fromarray(np.clip(shown + 12, 0, 255).astype(np.uint8))

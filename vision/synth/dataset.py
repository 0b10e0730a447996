"""Generate card photos (with the truth) and bad inputs into a folder, for tests and bench."""

from __future__ import annotations

import io
import random
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image

from vision.synth.card import render_back, render_front
from vision.synth.degrade import blur, desk, jpeg, on_desk, screen_photo, variant
from vision.synth.faces import face_photos, group_photo
from vision.synth.people import Person, random_person


@dataclass(frozen=True)
class Sample:
    person: Person
    face: str  # identity whose photo is the portrait
    variant: str
    path: Path


def card_sample(folder: Path, seed: int, variant_name: str) -> Sample:
    rng = random.Random(seed)
    person = random_person(rng)
    faces = face_photos()
    face = rng.choice(sorted(faces))
    photo = variant(render_front(person, faces[face], rng), variant_name, rng)
    path = folder / f"card_{seed}_{variant_name}.jpg"
    photo.convert("RGB").save(path, quality=90)
    return Sample(person, face, variant_name, path)


def live_photo(folder: Path, identity: str, seed: int) -> Path:
    """A different-looking photo of the same person: mirrored, re-lit, re-cropped."""
    rng = random.Random(seed)
    image = Image.fromarray(face_photos()[identity]).transpose(Image.FLIP_LEFT_RIGHT)
    w, h = image.size
    dx, dy = int(w * rng.uniform(0, 0.08)), int(h * rng.uniform(0, 0.08))
    image = image.crop((dx, dy, w - int(w * 0.04), h - int(h * 0.04))).resize((480, 480))
    pixels = np.asarray(image).astype(np.float32) * rng.uniform(0.8, 1.15)
    path = folder / f"face_{identity}_{seed}.jpg"
    Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8)).save(path, quality=85)
    return path


def bad_inputs(folder: Path, seed: int = 7) -> dict[str, Path]:
    """Name -> file of each kind of bad input the reader must answer kindly."""
    rng = random.Random(seed)
    person = random_person(rng)
    card = render_front(person, face_photos()["hanks"], rng)
    files: dict[str, Image.Image | bytes] = {
        "not_an_image": "这不是照片，是一段文字。".encode(),
        "screen_photo": screen_photo(on_desk(card, rng), rng),
        "upside_down": on_desk(card, rng).rotate(180),
        "card_back": on_desk(render_back(rng), rng),
        "too_dark": Image.fromarray((np.asarray(on_desk(card, rng)) * 0.1).astype(np.uint8)),
        "too_blurry": blur(on_desk(card, rng), 6),
        "too_small": on_desk(card, rng).resize((320, 240)),
        "card_far_away": on_desk(card, rng, card_width=160),
        "no_face_selfie": desk((960, 1280), rng),
        "several_faces": Image.fromarray(group_photo()),
    }
    paths = {}
    for name, content in files.items():
        path = folder / f"bad_{name}.jpg"
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            jpeg(content, 90).save(path, quality=90)
        paths[name] = path
    whole = paths["upside_down"].read_bytes()
    paths["truncated_jpeg"] = folder / "bad_truncated_jpeg.jpg"
    paths["truncated_jpeg"].write_bytes(whole[: len(whole) // 2])
    paths["huge_photo"] = folder / "bad_huge_photo.png"
    noise = np.random.default_rng(seed).integers(0, 256, (3300, 3300, 3), dtype=np.uint8)
    buffer = io.BytesIO()
    Image.fromarray(noise).save(buffer, "PNG", compress_level=0)
    paths["huge_photo"].write_bytes(buffer.getvalue())
    return paths

"""Render a synthetic second-generation ID card front (and back) at 10 px per mm."""

from __future__ import annotations

import random
from functools import lru_cache
from pathlib import Path

import matplotlib
import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from vision.synth.people import Person

CARD_SIZE = (856, 540)
PORTRAIT_BOX = (560, 70, 800, 370)  # left, top, right, bottom
# (path, face index in the collection): Noto's index 2 is the Simplified Chinese face.
CJK_FONTS = (
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
)
LABEL_COLOUR = (40, 110, 170)
TEXT_COLOUR = (20, 20, 20)
ADDRESS_CHARS_PER_LINE = 11


@lru_cache(maxsize=16)
def cjk_font(size: int, which: int = 0) -> ImageFont.FreeTypeFont:
    path, index = CJK_FONTS[which] if Path(CJK_FONTS[which][0]).is_file() else CJK_FONTS[1 - which]
    return ImageFont.truetype(path, size, index=index)


@lru_cache(maxsize=4)
def number_font(size: int) -> ImageFont.FreeTypeFont:
    path = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSansMono-Bold.ttf"
    return ImageFont.truetype(str(path), size)


def _background(rng: random.Random) -> Image.Image:
    w, h = CARD_SIZE
    y, x = np.mgrid[0:h, 0:w]
    phase = rng.uniform(0, 6.28)
    waves = 6 * np.sin(x / 23.0 + np.sin(y / 41.0 + phase) * 2.5)
    base = np.stack([232 + waves * 0.6 + y / h * 8, 238 + waves * 0.4, 240 - waves * 0.3], axis=-1)
    return Image.fromarray(np.clip(base, 0, 255).astype(np.uint8))


def _portrait(face: np.ndarray) -> Image.Image:
    left, top, right, bottom = PORTRAIT_BOX
    box_w, box_h = right - left, bottom - top
    image = Image.fromarray(face)
    scale = max(box_w / image.width, box_h / image.height)
    image = image.resize((int(image.width * scale) + 1, int(image.height * scale) + 1))
    x0, y0 = (image.width - box_w) // 2, (image.height - box_h) // 2
    image = image.crop((x0, y0, x0 + box_w, y0 + box_h))
    # Card portraits are printed faded; blend towards the card colour.
    faded = Image.blend(image, Image.new("RGB", image.size, (236, 238, 240)), 0.15)
    return faded.filter(ImageFilter.GaussianBlur(0.6))


def _address_lines(address: str) -> list[str]:
    n = ADDRESS_CHARS_PER_LINE
    return [address[i: i + n] for i in range(0, len(address), n)]


def render_front(person: Person, face: np.ndarray, rng: random.Random) -> Image.Image:
    card = _background(rng)
    draw = ImageDraw.Draw(card)
    font_choice = rng.randrange(2)
    label, value = cjk_font(24, font_choice), cjk_font(32, font_choice)
    draw.text((60, 78), "姓 名", font=label, fill=LABEL_COLOUR)
    draw.text((160, 72), person.name, font=value, fill=TEXT_COLOUR)
    draw.text((60, 143), "性 别", font=label, fill=LABEL_COLOUR)
    draw.text((160, 138), person.sex, font=value, fill=TEXT_COLOUR)
    draw.text((280, 143), "民 族", font=label, fill=LABEL_COLOUR)
    draw.text((370, 138), person.ethnicity, font=value, fill=TEXT_COLOUR)
    born = person.birth_date
    draw.text((60, 208), "出 生", font=label, fill=LABEL_COLOUR)
    draw.text((160, 203), f"{born.year}", font=value, fill=TEXT_COLOUR)
    draw.text((245, 208), "年", font=label, fill=LABEL_COLOUR)
    draw.text((290, 203), f"{born.month}", font=value, fill=TEXT_COLOUR)
    draw.text((335, 208), "月", font=label, fill=LABEL_COLOUR)
    draw.text((380, 203), f"{born.day}", font=value, fill=TEXT_COLOUR)
    draw.text((425, 208), "日", font=label, fill=LABEL_COLOUR)
    draw.text((60, 273), "住 址", font=label, fill=LABEL_COLOUR)
    for index, line in enumerate(_address_lines(person.address)):
        draw.text((160, 268 + 44 * index), line, font=value, fill=TEXT_COLOUR)
    draw.text((60, 462), "公民身份号码", font=label, fill=LABEL_COLOUR)
    draw.text((290, 452), person.id_number, font=number_font(36), fill=TEXT_COLOUR)
    card.paste(_portrait(face), PORTRAIT_BOX[:2])
    return _round_corners(card)


def render_back(rng: random.Random, authority: str = "威海市公安局文登分局") -> Image.Image:
    card = _background(rng)
    draw = ImageDraw.Draw(card)
    draw.ellipse((50, 40, 190, 180), outline=(200, 60, 60), width=6)
    draw.text((250, 60), "中华人民共和国", font=cjk_font(52), fill=TEXT_COLOUR)
    draw.text((250, 150), "居民身份证", font=cjk_font(64), fill=TEXT_COLOUR)
    draw.text((120, 380), "签发机关", font=cjk_font(24), fill=LABEL_COLOUR)
    draw.text((260, 375), authority, font=cjk_font(30), fill=TEXT_COLOUR)
    draw.text((120, 440), "有效期限", font=cjk_font(24), fill=LABEL_COLOUR)
    draw.text((260, 435), "2012.05.08-长期", font=cjk_font(30), fill=TEXT_COLOUR)
    return _round_corners(card)


def _round_corners(card: Image.Image) -> Image.Image:
    mask = Image.new("L", card.size, 0)
    ImageDraw.Draw(mask).rounded_rectangle((0, 0, *card.size), radius=32, fill=255)
    rgba = card.convert("RGBA")
    rgba.putalpha(mask)
    return rgba

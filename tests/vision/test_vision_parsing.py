"""Field parsing and cross-checks on OCR-like text lines (no models needed)."""

from __future__ import annotations

import math
from datetime import date

import numpy as np
import pytest

from casework.identity import make_valid_id
from vision.address_fix import fix_address
from vision.card_parse import parse_front, reading_order
from vision.crosscheck import check_card
from vision.ethnicity import ETHNICITIES, match_ethnicity
from vision.ocr import TextLine
from vision.quality import Quality
from vision.reader import CardReading, _diagnose

ID = make_valid_id("371003", date(1948, 2, 29), 123)  # odd sequence: male


def line(text: str, x: float, y: float, width: float = 120, angle_deg: float = 0.0,
         score: float = 0.99) -> TextLine:
    """A text box of the given width, 30 px high, turned by angle around the card's origin."""
    corners = np.array([[x, y], [x + width, y], [x + width, y + 30], [x, y + 30]], float)
    a = math.radians(angle_deg)
    turn = np.array([[math.cos(a), -math.sin(a)], [math.sin(a), math.cos(a)]])
    return TextLine(text, score, corners @ turn.T + 300)


def card_lines(angle: float = 0.0, **override: str) -> list[TextLine]:
    texts = {"name": "张秀英", "sex": "男", "eth": "民族汉", "birth": "1948年2月29日",
             "addr1": "山东省威海市文登区界石", "addr2": "镇夼里村12号", "id": ID} | override
    return [
        line("姓名", 60, 80, 50, angle), line(texts["name"], 160, 75, 100, angle),
        line("性别", 60, 145, 50, angle), line(texts["sex"], 160, 140, 30, angle),
        line(texts["eth"], 280, 140, 110, angle),
        line("出生", 60, 210, 50, angle), line(texts["birth"], 160, 205, 280, angle),
        line("住址", 60, 275, 50, angle), line(texts["addr1"], 160, 270, 330, angle),
        line(texts["addr2"], 160, 314, 200, angle),
        line("公民身份号码", 60, 462, 150, angle), line(texts["id"], 290, 455, 400, angle),
    ]


@pytest.mark.parametrize("angle", [0.0, -9.0, 10.0])
def test_parses_all_six_fields_even_when_tilted(angle: float) -> None:
    lines = card_lines(angle)
    lines.reverse()  # OCR order must not matter
    parsed = parse_front(lines)
    assert (parsed.name, parsed.sex, parsed.ethnicity) == ("张秀英", "男", "汉")
    assert parsed.birth_date == date(1948, 2, 29)
    assert parsed.address == "山东省威海市文登区界石镇夼里村12号"
    assert parsed.id_number == ID
    assert parsed.missing() == []


def test_rows_group_side_by_side_boxes() -> None:
    rows = reading_order(card_lines(8.0))
    assert [t.text for t in rows[1]] == ["性别", "男", "民族汉"]


def test_merged_label_and_value_boxes() -> None:
    lines = [line("姓名劉德福", 60, 80, 200), line("性别女民族回", 60, 145, 250),
             line("出生1950年10月1日", 60, 210, 300),
             line("住址山東省威海市乳山市崖子鎮", 60, 275, 400),
             line("俞山村3號", 160, 314, 150), line("公民身份号码" + ID, 60, 460, 600)]
    parsed = parse_front(lines)
    assert (parsed.name, parsed.sex, parsed.ethnicity) == ("刘德福", "女", "回")
    assert parsed.birth_date == date(1950, 10, 1)
    assert parsed.address == "山东省威海市乳山市崖子镇嵛山村3号"


def test_id_number_lookalike_letters_are_digits_but_wrong_digits_are_not_guessed() -> None:
    id_x = make_valid_id("371003", date(1948, 2, 29), 9)
    assert id_x.endswith("X")
    assert parse_front(card_lines(id=id_x[:3] + "O" + id_x[4:-1] + "x")).id_number == id_x
    assert parse_front(card_lines(id=ID[:3] + "O" + ID[4:])).id_number == ID
    misread = ID[:10] + str((int(ID[10]) + 1) % 10) + ID[11:]
    parsed = parse_front(card_lines(id=misread))
    assert parsed.id_number == misread
    assert "id_check_digit_bad" in check_card(reading(id_number=parsed.id_number))


def test_missing_fields_are_reported() -> None:
    lines = [t for t in card_lines() if t.text not in ("张秀英", "民族汉")]
    parsed = parse_front(lines)
    assert parsed.name is None
    assert set(parsed.missing()) == {"name", "ethnicity"}


def test_back_of_card_is_recognised() -> None:
    parsed = parse_front([line("中华人民共和国", 250, 60, 300), line("居民身份证", 250, 150, 300),
                          line("签发机关", 120, 380), line("有效期限", 120, 440)])
    assert parsed.is_back and len(parsed.missing()) == 6


def test_all_56_ethnicities_and_suffixes() -> None:
    assert len(set(ETHNICITIES)) == 56
    for name in ETHNICITIES:
        assert match_ethnicity(f"民族{name}") == name
    assert match_ethnicity("土家族") == "土家"
    assert match_ethnicity("维吾儿") == "维吾尔"
    assert match_ethnicity("火星") is None


@pytest.mark.parametrize(("ocr_text", "expected"), [
    ("山東省威海市文登區界石鎮夯里村8號", "山东省威海市文登区界石镇夼里村8号"),
    ("山东省威海市文登区汪瞳镇北夼村1号", "山东省威海市文登区汪疃镇北夼村1号"),
    ("山东省威海市乳山市崖子镇俞山村3号", "山东省威海市乳山市崖子镇嵛山村3号"),
    ("山东省威海市荣成市大潼镇王家童村", "山东省威海市荣成市大疃镇王家疃村"),
    ("山东省威海市文登区米山镇疃里村5号", "山东省威海市文登区米山镇疃里村5号"),
    ("山东省威海市文登区汪疃镇北疃村", "山东省威海市文登区汪疃镇北疃村"),
    ("山东省威海市文登区大水泊镇大庄村", "山东省威海市文登区大水泊镇大庄村"),
    ("山东省威海市荣成市俚島镇煙墩角村266号", "山东省威海市荣成市俚岛镇烟墩角村266号"),
    ("山东省威海市文登区汪疃2镇北疃村100号", "山东省威海市文登区汪疃镇北疃村100号"),
    ("山东省威海市文登区界石镇夼里村12-3号", "山东省威海市文登区界石镇夼里村12-3号"),
    ("山东省威海市文登区张家门产镇大英村114号", "山东省威海市文登区张家产镇大英村114号"),
    ("山东省威海市文登区文登营镇前岛村", "山东省威海市文登区文登营镇前岛村"),
    ("山东省威海市登区界石镇夼里村170号", "山东省威海市文登区界石镇夼里村170号"),
    ("山东省威海市荣城市俚岛镇", "山东省威海市荣成市俚岛镇"),
    ("山东省文登市米山镇", "山东省文登市米山镇"),
    ("山东省威海市乳山市育黎镇嵛山后村150号", "山东省威海市乳山市育黎镇嵛山后村150号"),
    ("山东省威海市乳山市育黎镇山后村64号", "山东省威海市乳山市育黎镇嵛山后村64号"),
    ("山东省威海市乳山市育黎镇奇山后村64号", "山东省威海市乳山市育黎镇嵛山后村64号"),
    # 山镇 could be 米山镇 or 苘山镇: ambiguous, left as read
    ("山东省威海市文登区山镇上夼村170号", "山东省威海市文登区山镇上夼村170号"),
    ("山东省威海市荣成市俚岛镇烟墩村199号", "山东省威海市荣成市俚岛镇烟墩角村199号"),
    ("山东省威海市乳山市崖子镇嵛山村2号", "山东省威海市乳山市崖子镇嵛山村2号"),
    ("山东省威海市高区某路1号", "山东省威海市高区某路1号"),
])
def test_address_post_correction(ocr_text: str, expected: str) -> None:
    assert fix_address(ocr_text) == expected


def reading(**fields) -> CardReading:
    base = {"name": "张秀英", "sex": "男", "birth_date": date(1948, 2, 29), "id_number": ID}
    return CardReading(**(base | fields))


def test_cross_checks_pass_when_everything_agrees() -> None:
    assert check_card(reading(), typed_id=ID.lower(), typed_name="张 秀英") == []


def test_cross_check_codes() -> None:
    bad_digit = ID[:17] + ("0" if ID[17] != "0" else "1")
    assert check_card(reading(id_number=bad_digit)) == ["id_check_digit_bad"]
    assert check_card(reading(birth_date=date(1948, 3, 1))) == ["birth_date_mismatch"]
    assert check_card(reading(sex="女")) == ["sex_mismatch"]
    other = make_valid_id("371003", date(1948, 2, 29), 125)
    assert check_card(reading(), typed_id=other) == ["typed_id_mismatch"]
    assert check_card(reading(), typed_name="张秀兰") == ["typed_name_mismatch"]
    assert check_card(reading(id_number=None)) == ["id_missing"]


def test_unreadable_card_is_explained() -> None:
    good = Quality(960, 230.0, 300.0, 3.0)
    tiny = [line("371003", 100, 100, 40)]
    tiny = [TextLine(t.text, t.score, t.box * [1, 0.25] + [0, 75]) for t in tiny]  # 7.5 px high
    assert _diagnose(parse_front(tiny), tiny, good) == "too_small"
    some = [t for t in card_lines() if t.text not in ("张秀英",)]
    assert _diagnose(parse_front(some), some, good) == "fields_unreadable"
    assert _diagnose(parse_front(some), some, Quality(960, 230.0, 20.0, 3.0)) == "too_blurry"
    assert _diagnose(parse_front(some), some, Quality(960, 70.0, 300.0, 3.0)) == "too_dark"
    assert _diagnose(parse_front([]), [], good) == "no_card_found"
    assert _diagnose(parse_front(card_lines()), card_lines(), good) is None

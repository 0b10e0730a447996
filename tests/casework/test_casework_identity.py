from datetime import date

import pytest

from casework.identity import (
    check_digit,
    check_id_number,
    check_phone,
    make_valid_id,
    mask_id,
    mask_phone,
    mask_text,
)

TODAY = date(2026, 11, 30)
# Worked example: 11010519491231002 -> weighted sum 167, 167 % 11 = 2 -> "X".
KNOWN_X = "11010519491231002X"


def id_with_check(check: str) -> str:
    for seq in range(1000):
        number = make_valid_id("371003", date(1950, 3, 4), seq)
        if number.endswith(check):
            return number
    raise AssertionError("no sequence gives that check digit")


def test_known_id_with_x_is_valid() -> None:
    result = check_id_number(KNOWN_X, today=TODAY)
    assert result.ok and result.problem is None
    assert result.birth_date == date(1949, 12, 31)
    assert result.sex == "女"
    assert result.age == 76


def test_lowercase_and_fullwidth_are_normalised() -> None:
    assert check_id_number("11010519491231002x", today=TODAY).number == KNOWN_X
    fullwidth = "１１０１０５１９４９１２３１００２Ｘ"
    assert check_id_number(fullwidth, today=TODAY).ok
    spaced = "110105 1949 1231 002X"
    assert check_id_number(spaced, today=TODAY).number == KNOWN_X


def test_spoken_chinese_numerals() -> None:
    spoken = "幺幺零幺零五幺九四九幺两三幺零零两叉"
    result = check_id_number(spoken, today=TODAY)
    assert result.ok and result.number == KNOWN_X
    assert check_id_number("一一〇一〇五一九四九一二三一〇〇二X", today=TODAY).ok


def test_sex_age_and_male_digit() -> None:
    number = make_valid_id("371081", date(1946, 7, 15), 141)
    result = check_id_number(number, today=TODAY)
    assert result.ok and result.sex == "男" and result.age == 80


def test_age_counts_birthday_not_yet_reached() -> None:
    number = make_valid_id("371003", date(1950, 12, 1), 10)
    assert check_id_number(number, today=TODAY).age == 75
    assert check_id_number(number, today=date(2026, 12, 1)).age == 76


def test_wrong_check_digit() -> None:
    number = id_with_check("7")
    wrong = number[:17] + "8"
    result = check_id_number(wrong, today=TODAY)
    assert not result.ok and result.problem == "check_digit"
    assert result.birth_date == date(1950, 3, 4)


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        ("", "empty"),
        ("  ", "empty"),
        ("37100319500304123", "length"),
        ("3710031950030412345", "length"),
        ("37100319500304X234", "chars"),
        ("身份证37100319500304", "chars"),
        ("911003195003041234", "region"),
        ("001003195003041234", "region"),
        ("370000195003041234", "region"),
    ],
)
def test_problem_codes(raw: str, problem: str) -> None:
    assert check_id_number(raw, today=TODAY).problem == problem


@pytest.mark.parametrize(
    "first17",
    [
        "37100319500230123",  # 30 February
        "37100319501301123",  # month 13
        "37100320270101123",  # in the future
        "37100318991231123",  # older than 120
    ],
)
def test_bad_birth_dates(first17: str) -> None:
    number = first17 + check_digit(first17)
    result = check_id_number(number, today=TODAY)
    assert not result.ok and result.problem == "birth_date"


def test_make_valid_id_rejects_bad_parts() -> None:
    with pytest.raises(ValueError):
        make_valid_id("97100", date(1950, 1, 1), 1)
    with pytest.raises(ValueError):
        make_valid_id("371003", date(1950, 1, 1), 1000)


def test_every_check_character_round_trips() -> None:
    for check in "0123456789X":
        assert check_id_number(id_with_check(check), today=TODAY).ok


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("13812345678", "13812345678"),
        ("+86 138-1234-5678", "13812345678"),
        ("0086 13812345678", "13812345678"),
        ("86-13812345678", "13812345678"),
        ("１３８ １２３４ ５６７８", "13812345678"),
        ("幺三八幺两三四五六七八", "13812345678"),
        ("12812345678", None),
        ("1381234567", None),
        ("138123456789", None),
        ("0631-5192345", None),
        ("", None),
    ],
)
def test_check_phone(raw: str, expected: str | None) -> None:
    assert check_phone(raw) == expected


def test_masks() -> None:
    assert mask_id("371003195003041234") == "3710**********1234"
    assert mask_id(KNOWN_X) == "1101**********002X"
    assert mask_phone("13812345678") == "138****5678"
    assert mask_id("123") == "***"


def test_mask_text_hides_ids_phones_and_cards() -> None:
    text = (
        f"我叫张三，身份证{KNOWN_X}，手机 138 1234 5678，"
        "另一个+86-13912345678，卡号6222021234567890123"
    )
    masked = mask_text(text)
    assert KNOWN_X not in masked and "1101**********002X" in masked
    assert "138****5678" in masked and "139****5678" in masked
    assert "1234567890" not in masked
    assert masked.startswith("我叫张三，身份证")


def test_mask_text_hides_spoken_numbers() -> None:
    masked = mask_text("我的号是幺三八幺两三四五六七八谢谢")
    assert masked == "我的号是138****5678谢谢"


def test_mask_text_keeps_short_numbers_and_references() -> None:
    text = "转账50000元，参考号HV-2026-000123，热线0631-5192345，一个人"
    assert mask_text(text) == text

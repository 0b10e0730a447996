"""Resident ID numbers (GB 11643-1999) and mainland mobile numbers: checks and masking.

Pure functions, no database. Input may come from typing, OCR or speech recognition, so the
normalisers accept full-width characters and spoken Chinese numerals.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"
# Province-level prefixes of mainland resident IDs (and 81/82/83 for HK/Macau/Taiwan permits).
PROVINCES = frozenset(
    {"11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
     "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64",
     "65", "71", "81", "82", "83"}
)  # fmt: skip
MAX_AGE = 120

SPOKEN_DIGITS = {
    "零": "0", "〇": "0", "洞": "0",
    "一": "1", "幺": "1", "壹": "1",
    "二": "2", "两": "2", "贰": "2",
    "三": "3", "叁": "3",
    "四": "4", "肆": "4",
    "五": "5", "伍": "5",
    "六": "6", "陆": "6",
    "七": "7", "拐": "7", "柒": "7",
    "八": "8", "捌": "8",
    "九": "9", "勾": "9", "玖": "9",
    "叉": "X", "x": "X",
}  # fmt: skip
_SEPARATORS = re.compile(r"[\s\-—_.,，。、·()（）]+")
_PHONE = re.compile(r"1[3-9]\d{9}")

# Runs of at least 11 digit-like characters (optionally split by single spaces or dashes):
# ID numbers, mobile numbers, bank cards. Shorter numbers (amounts, dates) stay readable.
_DIGITISH = "0-9０-９零〇一幺二两三四五六七八九Xx"
_LONG_NUMBER = re.compile(rf"(?<![{_DIGITISH}])\+?[{_DIGITISH}](?:[ \-]?[{_DIGITISH}]){{10,}}")
# Landlines (area code 0xxx) are left readable: mostly public hotlines and offices.
_LANDLINE = re.compile(r"0\d{9,11}")


@dataclass(frozen=True)
class IdCheck:
    """Outcome of `check_id_number`; `problem` is None when `ok`."""

    ok: bool
    number: str
    problem: str | None = None
    birth_date: date | None = None
    sex: str | None = None
    age: int | None = None


def normalise_digits(raw: str) -> str:
    """Full-width to ASCII, spoken numerals to digits, separators removed, x to X."""
    text = unicodedata.normalize("NFKC", raw or "")
    text = _SEPARATORS.sub("", text)
    return "".join(SPOKEN_DIGITS.get(ch, ch) for ch in text)


def check_digit(first17: str) -> str:
    total = sum(int(d) * w for d, w in zip(first17, WEIGHTS, strict=True))
    return CHECK_CHARS[total % 11]


def age_on(birth: date, today: date) -> int:
    before_birthday = (today.month, today.day) < (birth.month, birth.day)
    return today.year - birth.year - int(before_birthday)


def _birth_date(number: str) -> date | None:
    try:
        return date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return None


def check_id_number(raw: str, today: date | None = None) -> IdCheck:
    """Validate an 18-character resident ID; see `IdCheck.problem` for what is wrong.

    Problems: "empty", "chars", "length", "region", "birth_date", "check_digit".
    """
    today = today or date.today()
    number = normalise_digits(raw)
    if not number:
        return IdCheck(False, number, "empty")
    if not re.fullmatch(r"\d*X?", number):
        return IdCheck(False, number, "chars")
    if len(number) != 18:
        return IdCheck(False, number, "length")
    if number[:2] not in PROVINCES or number[2:6] == "0000":
        return IdCheck(False, number, "region")
    birth = _birth_date(number)
    if birth is None or birth > today or age_on(birth, today) > MAX_AGE:
        return IdCheck(False, number, "birth_date")
    if check_digit(number[:17]) != number[17]:
        return IdCheck(False, number, "check_digit", birth_date=birth)
    sex = "男" if int(number[16]) % 2 else "女"
    return IdCheck(True, number, None, birth, sex, age_on(birth, today))


def make_valid_id(region: str, birth: date, seq: int) -> str:
    """Build a valid ID: 6-digit region, birth date, 3-digit sequence (odd = male)."""
    if not re.fullmatch(r"[1-8]\d{5}", region) or not 0 <= seq <= 999:
        raise ValueError("region must be 6 digits and seq 0-999")
    first17 = f"{region}{birth:%Y%m%d}{seq:03d}"
    return first17 + check_digit(first17)


def check_phone(raw: str) -> str | None:
    """Normalised 11-digit mainland mobile number, or None."""
    number = normalise_digits(raw).replace("+", "")
    if len(number) == 15 and number.startswith("0086"):
        number = number[4:]
    elif len(number) == 13 and number.startswith("86"):
        number = number[2:]
    return number if _PHONE.fullmatch(number) else None


def mask_id(id_number: str) -> str:
    """'371003195001011234' -> '3710**********1234'."""
    value = (id_number or "").strip()
    if len(value) <= 8:
        return "*" * len(value)
    return value[:4] + "*" * (len(value) - 8) + value[-4:]


def mask_phone(phone: str) -> str:
    """'13812345678' -> '138****5678'."""
    value = (phone or "").strip()
    if len(value) <= 7:
        return "*" * len(value)
    return value[:3] + "*" * (len(value) - 7) + value[-4:]


def _mask_number(match: re.Match[str]) -> str:
    text = match.group(0)
    digits = normalise_digits(text).lstrip("+")
    phone = check_phone(digits)
    if phone:
        return mask_phone(phone)
    if _LANDLINE.fullmatch(digits):
        return text
    if len(digits) in (15, 18):
        return mask_id(digits)
    return mask_phone(digits)


def mask_text(text: str) -> str:
    """Mask every ID, phone or other long number inside free text (logs, transcripts)."""
    return _LONG_NUMBER.sub(_mask_number, text or "")

"""Cross-check a card reading: the ID's own check digit, birth date and sex against its digits,
and the ID number and name against what the person typed."""

from __future__ import annotations

import re
import unicodedata

from casework.identity import check_id_number, normalise_digits
from vision.reader import CardReading


def _plain_name(name: str) -> str:
    return re.sub(r"[\s·•.]", "", unicodedata.normalize("NFKC", name or ""))


def check_card(
    reading: CardReading, typed_id: str | None = None, typed_name: str | None = None
) -> list[str]:
    """Mismatch codes, empty when everything agrees. Codes: id_missing, id_invalid,
    id_check_digit_bad, birth_date_mismatch, sex_mismatch, typed_id_mismatch, typed_name_mismatch.
    """
    if not reading.id_number:
        return ["id_missing"]
    codes = []
    checked = check_id_number(reading.id_number)
    if checked.problem == "check_digit":
        codes.append("id_check_digit_bad")
    elif checked.problem:
        codes.append("id_invalid")
    birth_in_id = checked.birth_date
    if reading.birth_date and birth_in_id and reading.birth_date != birth_in_id:
        codes.append("birth_date_mismatch")
    sex_in_id = "男" if int(reading.id_number[16]) % 2 else "女"
    if reading.sex and reading.sex != sex_in_id:
        codes.append("sex_mismatch")
    if typed_id and normalise_digits(typed_id).upper() != reading.id_number:
        codes.append("typed_id_mismatch")
    if typed_name and reading.name and _plain_name(typed_name) != _plain_name(reading.name):
        codes.append("typed_name_mismatch")
    return codes

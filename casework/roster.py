"""Import a year's certification roster from CSV, checking every row.

Columns (Chinese or English headers): 身份证号/id_number, 姓名/name, 镇街/town, 地址/address,
手机号/phone, 待遇类别/benefit_group. Valid rows are upserted by (year, id_number); rejected
rows are reported with their line number and a reason staff can act on.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from casework.identity import check_id_number, check_phone
from casework.models import BENEFIT_GROUPS, Beneficiary
from casework.records import audit

HEADERS = {
    "身份证号": "id_number", "身份证号码": "id_number", "id_number": "id_number",
    "姓名": "name", "name": "name",
    "镇街": "town", "镇/街道": "town", "乡镇街道": "town", "town": "town",
    "地址": "address", "住址": "address", "address": "address",
    "手机号": "phone", "手机号码": "phone", "联系电话": "phone", "phone": "phone",
    "待遇类别": "benefit_group", "benefit_group": "benefit_group",
}  # fmt: skip
REQUIRED = ("id_number", "name", "benefit_group")
# Brochure wording of the six groups (认证对象) and common short forms.
GROUP_LABELS = {
    "离退休": "retiree", "退休": "retiree", "离退休人员": "retiree", "退职": "retiree",
    "居民养老": "resident_pension", "居民养老保险": "resident_pension",
    "居民基本养老保险": "resident_pension",
    "工伤": "injury_allowance", "伤残津贴": "injury_allowance", "护理费": "injury_allowance",
    "供养亲属": "survivor_pension", "供养亲属抚恤金": "survivor_pension",
    "抚恤金": "survivor_pension",
    "遗属": "survivor_hardship", "遗属生活困难补助": "survivor_hardship",
    "困难补助": "survivor_hardship",
    "其他": "other",
}  # fmt: skip
ID_PROBLEMS = {
    "empty": "身份证号为空",
    "chars": "身份证号含有无效字符",
    "length": "身份证号不是18位",
    "region": "身份证号地区码不对",
    "birth_date": "身份证号里的出生日期不对",
    "check_digit": "身份证号校验位不对",
}


class RosterFileError(Exception):
    """The file cannot be read as a roster at all (missing, wrong encoding, no headers)."""


@dataclass
class RosterRow:
    id_number: str
    name: str
    town: str | None
    address: str | None
    phone: str | None
    benefit_group: str


@dataclass
class ImportReport:
    year: int
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[tuple[int, str]] = field(default_factory=list)

    @property
    def imported(self) -> int:
        return self.added + self.updated + self.unchanged

    def lines(self) -> list[str]:
        head = (
            f"{self.year}年名册：新增 {self.added} 人，更新 {self.updated} 人，"
            f"未变 {self.unchanged} 人，退回 {len(self.rejected)} 行"
        )
        return [head] + [f"  第{line}行：{reason}" for line, reason in self.rejected]


def benefit_group_code(raw: str) -> str | None:
    value = (raw or "").strip()
    if value in BENEFIT_GROUPS:
        return value
    return GROUP_LABELS.get(value)


def parse_row(values: dict[str, str]) -> RosterRow | str:
    """A checked row, or the reason it was rejected."""
    result = check_id_number(values.get("id_number", ""))
    if not result.ok:
        return ID_PROBLEMS.get(result.problem or "", "身份证号不对")
    name = values.get("name", "").strip()
    if not name or len(name) > 50:
        return "姓名为空或过长"
    group = benefit_group_code(values.get("benefit_group", ""))
    if group is None:
        return f"待遇类别“{values.get('benefit_group', '').strip()}”不认识"
    raw_phone = values.get("phone", "").strip()
    phone = check_phone(raw_phone) if raw_phone else None
    if raw_phone and phone is None:
        return "手机号不对（需要11位手机号）"
    town = values.get("town", "").strip() or None
    address = values.get("address", "").strip() or None
    return RosterRow(result.number, name, town, address, phone, group)


def read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise RosterFileError(f"读不到文件：{error.strerror}") from error
    return decode(data)


def decode(data: bytes) -> str:
    """A roster file's text: UTF-8 (with or without BOM) or GBK, as office software saves it."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise RosterFileError("文件编码无法识别（请另存为 UTF-8 CSV）")


def read_rows(text: str) -> list[tuple[int, dict[str, str]]]:
    """(line number, values by canonical column) for every non-empty data row."""
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    columns = [HEADERS.get((name or "").strip()) for name in header or []]
    missing = [name for name in REQUIRED if name not in columns]
    if missing:
        raise RosterFileError(f"缺少列：{', '.join(missing)}")
    rows = []
    for cells in reader:
        if not any(cell.strip() for cell in cells):
            continue
        values = {col: cell for col, cell in zip(columns, cells, strict=False) if col}
        rows.append((reader.line_num, values))
    return rows


def upsert(session: Session, year: int, row: RosterRow, known: dict[str, Beneficiary]) -> str:
    """'added', 'updated' or 'unchanged'; `known` maps the year's ID numbers to rows."""
    check = check_id_number(row.id_number)
    fields = {"name": row.name, "town": row.town, "address": row.address, "phone": row.phone,
              "benefit_group": row.benefit_group, "sex": check.sex,
              "birth_date": check.birth_date}  # fmt: skip
    existing = known.get(row.id_number)
    if existing is None:
        known[row.id_number] = Beneficiary(year=year, id_number=row.id_number, **fields)
        session.add(known[row.id_number])
        return "added"
    if all(getattr(existing, key) == value for key, value in fields.items()):
        return "unchanged"
    for key, value in fields.items():
        setattr(existing, key, value)
    return "updated"


def import_rows(
    session: Session, year: int, rows: list[tuple[int, dict[str, str]]]
) -> ImportReport:
    report = ImportReport(year=year)
    known = {
        b.id_number: b for b in session.scalars(select(Beneficiary).where(Beneficiary.year == year))
    }
    seen: dict[str, int] = {}
    for line, values in rows:
        parsed = parse_row(values)
        if isinstance(parsed, str):
            report.rejected.append((line, parsed))
            continue
        if parsed.id_number in seen:
            report.rejected.append((line, f"身份证号与第{seen[parsed.id_number]}行重复"))
            continue
        seen[parsed.id_number] = line
        outcome = upsert(session, year, parsed, known)
        setattr(report, outcome, getattr(report, outcome) + 1)
    session.flush()
    return report


def import_roster(session: Session, path: Path, year: int, actor: str = "system") -> ImportReport:
    """Read, check and import a roster file; raises RosterFileError if unreadable."""
    report = import_rows(session, year, read_rows(read_text(path)))
    summary = {"file": path.name, "added": report.added, "updated": report.updated,
               "unchanged": report.unchanged, "rejected": len(report.rejected)}  # fmt: skip
    audit(session, actor, "roster_imported", f"roster:{year}", summary)
    return report

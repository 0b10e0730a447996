"""A synthetic, deterministic demo roster for trying the bot and the console.

Same seed, same people: re-running adds nothing twice. Person 0 is always certified, person 1
never, and one valid ID number is kept off the roster, so a newcomer can try all three cases.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from casework.identity import check_id_number, make_valid_id
from casework.models import UTC, Beneficiary, Certification, utcnow
from casework.records import record_certification
from casework.roster import RosterRow, upsert

REGIONS = (("371081", 5), ("371003", 5), ("371002", 1), ("371082", 1), ("371083", 1))
TOWNS = (
    "龙山街道", "天福街道", "环山街道", "文城镇", "侯家镇", "大水泊镇", "张家产镇", "高村镇",
    "泽库镇", "宋村镇", "泽头镇", "小观镇", "葛家镇", "米山镇", "界石镇", "汪疃镇", "苘山镇",
)  # fmt: skip
SURNAMES = "王张李刘于孙丛林宋毕谷鞠梁徐曲姜邹初赵柳"
GIVEN_FEMALE = ("秀英", "桂兰", "玉兰", "淑珍", "凤英", "秀兰", "桂芝", "玉珍", "兰芳", "春梅",
                "素芳", "美华")  # fmt: skip
GIVEN_MALE = ("建国", "德福", "永胜", "文华", "志强", "春生", "宝山", "长海", "福海", "振华",
              "明亮", "家良")  # fmt: skip
GROUPS = (("resident_pension", 10), ("retiree", 6), ("injury_allowance", 1),
          ("survivor_pension", 1), ("survivor_hardship", 1), ("other", 1))  # fmt: skip
METHODS = (("app", 5), ("in_person", 3), ("home_visit", 1), ("assistant", 1))
DEMO_CONVERSATION = "demo-roster"


@dataclass(frozen=True)
class DemoPerson:
    row: RosterRow
    certify: str | None  # method, "pending", or None
    day: date


@dataclass(frozen=True)
class DemoSamples:
    certified: DemoPerson
    not_certified: DemoPerson
    absent_id: str


def _weighted(rng: random.Random, pairs: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]


def _address(rng: random.Random, town: str) -> str:
    if town.endswith("街道"):
        return f"{town}{rng.choice('龙山峰西天福文昌')}路{rng.randint(1, 300)}号"
    return (
        f"{town}{rng.choice('东西南北前后')}{rng.choice('庄楼台山河村')}村{rng.randint(1, 120)}号"
    )


def _person_id(rng: random.Random, year: int, taken: set[str]) -> str:
    while True:
        birth = date(year - rng.randint(60, 95), rng.randint(1, 12), rng.randint(1, 28))
        number = make_valid_id(_weighted(rng, REGIONS), birth, rng.randint(0, 999))
        if number not in taken:
            taken.add(number)
            return number


def _certify_choice(rng: random.Random, index: int) -> str | None:
    roll = rng.random()
    if index == 0:
        return "app"
    if index == 1:
        return None
    if roll < 0.45:
        return _weighted(rng, METHODS)
    return "pending" if roll < 0.50 else None


def people(year: int, count: int) -> list[DemoPerson]:
    """The first `count` demo people of `year` (a prefix of the same sequence for any count)."""
    rng = random.Random(f"casework-demo-{year}")
    taken: set[str] = set()
    result = []
    for index in range(count):
        number = _person_id(rng, year, taken)
        sex = check_id_number(number, today=date(year, 12, 31)).sex
        given = rng.choice(GIVEN_MALE if sex == "男" else GIVEN_FEMALE)
        town = rng.choice(TOWNS)
        row = RosterRow(number, rng.choice(SURNAMES) + given, town, _address(rng, town),
                        f"1{rng.choice('3589')}{rng.randint(0, 999_999_999):09d}",
                        _weighted(rng, GROUPS))  # fmt: skip
        day = date(year, 4, 1) + timedelta(days=rng.randint(0, 90))
        result.append(DemoPerson(row, _certify_choice(rng, index), day))
    return result


def absent_id(year: int) -> str:
    """A valid ID number that is never on the demo roster (roster birthdays are days 1-28)."""
    return make_valid_id("371081", date(year - 78, 10, 30), 202)


def samples(year: int) -> DemoSamples:
    first = people(year, 2)
    return DemoSamples(first[0], first[1], absent_id(year))


def _decided_at(day: date) -> datetime:
    moment = datetime.combine(day, time(9, 30), tzinfo=UTC)
    return min(moment, utcnow())


def _add_certification(session: Session, year: int, person: DemoPerson) -> None:
    method = "app" if person.certify == "pending" else person.certify
    status = "details_recorded" if person.certify == "pending" else "certified"
    record = record_certification(
        session, year=year, id_number=person.row.id_number, name=person.row.name,
        method=method or "app", status=status, channel="console",
        conversation_id=DEMO_CONVERSATION, phone=person.row.phone,
        address=person.row.address, decided_by="demo",
    )  # fmt: skip
    if status == "certified":
        record.decided_at = record.created_at = _decided_at(person.day)


def load(session: Session, year: int, count: int) -> tuple[int, int]:
    """Load the demo roster; returns (people added, certifications added)."""
    roster = session.scalars(select(Beneficiary).where(Beneficiary.year == year))
    known = {b.id_number: b for b in roster}
    demo_certs = select(Certification.id_number).where(
        Certification.year == year, Certification.conversation_id == DEMO_CONVERSATION
    )
    done = set(session.scalars(demo_certs))
    added = certified = 0
    for person in people(year, count):
        added += upsert(session, year, person.row, known) == "added"
        if person.certify and person.row.id_number not in done:
            session.flush()
            _add_certification(session, year, person)
            certified += 1
    return added, certified

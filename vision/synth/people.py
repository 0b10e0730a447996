"""Random but plausible card holders: names, ethnicities, Weihai addresses, valid ID numbers."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from casework.identity import make_valid_id
from vision.ethnicity import ETHNICITIES

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"  # noqa: E501
GIVEN = "秀英桂兰玉珍凤芝淑华德福永明建国志强春梅海燕金花学文振兴树林宝山立新玉兰翠萍丽娟成礼世昌广田"  # noqa: E501

# Weihai towns and villages; several use the rare characters 嵛, 夼, 疃 that OCR misreads.
PLACES = (
    ("文登区", "界石镇", "夼里村"),
    ("文登区", "汪疃镇", "北疃村"),
    ("文登区", "汪疃镇", "西夼村"),
    ("文登区", "泽头镇", "南夼村"),
    ("文登区", "米山镇", "疃里村"),
    ("文登区", "龙山街道", "前岛村"),
    ("文登区", "张家产镇", "大英村"),
    ("文登区", "高村镇", "东疃村"),
    ("文登区", "葛家镇", "林子西村"),
    ("文登区", "苘山镇", "上夼村"),
    ("乳山市", "崖子镇", "嵛山村"),
    ("乳山市", "育黎镇", "嵛山后村"),
    ("乳山市", "下初镇", "北夼村"),
    ("荣成市", "大疃镇", "王家疃村"),
    ("荣成市", "俚岛镇", "烟墩角村"),
    ("环翠区", "孙家疃街道", "草庙子村"),
)
REGION_CODES = {"文登区": "371003", "乳山市": "371083", "荣成市": "371082", "环翠区": "371002"}


@dataclass(frozen=True)
class Person:
    name: str
    sex: str
    ethnicity: str
    birth_date: date
    address: str
    id_number: str


def random_person(rng: random.Random) -> Person:
    county, town, village = rng.choice(PLACES)
    sex = rng.choice("男女")
    birth = date(1930, 1, 1) + timedelta(days=rng.randrange(0, 365 * 36))
    seq = rng.randrange(0, 500) * 2 + (1 if sex == "男" else 0)  # odd = male, even = female
    given = "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))
    house = f"{rng.randrange(1, 300)}号"
    ethnicity = "汉" if rng.random() < 0.7 else rng.choice(ETHNICITIES)
    return Person(
        name=rng.choice(SURNAMES) + given,
        sex=sex,
        ethnicity=ethnicity,
        birth_date=birth,
        address=f"山东省威海市{county}{town}{village}{house}",
        id_number=make_valid_id(REGION_CODES[county], birth, seq),
    )

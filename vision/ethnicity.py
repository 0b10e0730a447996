"""The 56 ethnic groups as printed on the card (民族 field, without the 族 suffix)."""

from __future__ import annotations

ETHNICITIES = (
    "汉", "蒙古", "回", "藏", "维吾尔", "苗", "彝", "壮", "布依", "朝鲜",
    "满", "侗", "瑶", "白", "土家", "哈尼", "哈萨克", "傣", "黎", "傈僳",
    "佤", "畲", "高山", "拉祜", "水", "东乡", "纳西", "景颇", "柯尔克孜", "土",
    "达斡尔", "仫佬", "羌", "布朗", "撒拉", "毛南", "仡佬", "锡伯", "阿昌", "普米",
    "塔吉克", "怒", "乌孜别克", "俄罗斯", "鄂温克", "德昂", "保安", "裕固", "京", "塔塔尔",
    "独龙", "鄂伦春", "赫哲", "门巴", "珞巴", "基诺",
)  # fmt: skip


def match_ethnicity(raw: str) -> str | None:
    """The group named in OCR text such as '汉', '汉族' or '民族汉', or None.

    Prefers the longest name found (土家 over 土) and tolerates one wrong character in
    names of three or more characters.
    """
    text = raw.replace("民族", "").replace("族", "").strip()
    if not text:
        return None
    found = [name for name in ETHNICITIES if name in text]
    if found:
        return max(found, key=len)
    for name in ETHNICITIES:
        same_length = len(name) >= 3 and len(text) == len(name)
        if same_length and sum(a != b for a, b in zip(name, text, strict=True)) <= 1:
            return name
    return None

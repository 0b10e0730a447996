"""Turn what people say or type into clean slot values (names, relations, numbers)."""

from __future__ import annotations

import re

from casework.identity import normalise_digits

_DIGIT = "0-9０-９零〇洞一幺二两三四五六七八九拐勾Xx叉"
_NUMBERISH = re.compile(rf"[{_DIGIT}][{_DIGIT}\s\-]*")
_NAME_PREFIX = re.compile(
    r"^(?:我|俺|老人|老人家|她|他|我妈|我爸|我母亲|我父亲|我老伴|老伴)?(?:的)?(?:名字|姓名)?(?:叫|是|为)?[:：\s]*"
)
_NAME = re.compile(r"[\u4e00-\u9fff]{2,4}|[\u4e00-\u9fff]{1,6}[·•][\u4e00-\u9fff]{1,8}")

SELF = "本人"
# Canonical values as in data/nlu/synonyms.yml, plus 子女 (a son or daughter asking for a visit).
RELATIONS: dict[str, tuple[str, ...]] = {
    SELF: ("我自己", "我本人", "本人", "自己", "俺自己", "自个", "就是我", "是我", "是俺"),
    "母亲": ("母亲", "妈妈", "我妈", "俺娘", "老娘", "娘", "妈"),
    "父亲": ("父亲", "爸爸", "我爸", "俺爹", "老爷子", "爹", "爸"),
    "配偶": ("老伴", "老头子", "老婆子", "老头", "老太婆", "爱人", "媳妇", "丈夫", "妻子", "老公",
           "老婆"),
    "祖父母": ("爷爷", "奶奶", "姥姥", "姥爷", "外婆", "外公", "祖父", "祖母"),
    "岳父母": ("丈母娘", "岳母", "岳父", "老丈人"),
    "公婆": ("婆婆", "公公"),
    "子女": ("儿子", "女儿", "闺女", "儿媳", "女婿", "孩子"),
    "其他亲属": ("大爷", "大娘", "姑", "舅", "姨", "舅妈", "姨妈", "姑妈", "伯伯", "叔叔", "婶",
                 "哥哥", "姐姐", "侄", "外甥", "孙子", "孙女", "亲戚"),
}


def number_candidates(text: str) -> list[str]:
    """Digit runs in free text, normalised (spoken numerals too), longest first."""
    runs = (normalise_digits(m.group(0)) for m in _NUMBERISH.finditer(text or ""))
    return sorted((r for r in runs if len(r) >= 6), key=len, reverse=True)


def relation_from_text(text: str) -> str | None:
    """Canonical relation named in the text, longest keyword wins ("我妈" before "我")."""
    text = (text or "").strip(" 。.，,！!啊呀")
    if text in ("我", "俺"):
        return SELF
    if text in RELATIONS:  # already canonical (an NLU entity value)
        return text
    matches = [
        (len(word), canonical)
        for canonical, words in RELATIONS.items()
        for word in words
        if word in text
    ]
    return max(matches)[1] if matches else None


def name_from_text(text: str) -> str | None:
    """A Chinese personal name from an answer like "老人叫王德福" or "张桂兰"."""
    stripped = _NAME_PREFIX.sub("", (text or "").strip()).strip("。.，,！! ")
    match = _NAME.fullmatch(stripped)
    if not match or any(stripped in words for words in RELATIONS.values()):
        return None  # "母亲" answers who, not what the person is called
    return match.group(0)

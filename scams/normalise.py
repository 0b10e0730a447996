"""Text normalisation for matching: full-width → half-width, lower case, a few traditional →
simplified characters, 俺 → 我, and no spaces or punctuation (typed chat and ASR output look alike).

`normalise_with_map` also returns, for every normalised character, the index of the original
character it came from, so that matches can be reported as exact substrings of the input.
"""

from __future__ import annotations

import unicodedata

# Traditional → simplified (and 帐 → 账), only for characters in the pattern library's terms.
# Cheap and reviewable; a full conversion table is not worth a dependency here.
_TRAD_TO_SIMP = str.maketrans(
    (
        "險帳賬戶證碼轉匯錢銀補貼喪費稅驗資詐騙員電話號國這發給讓說個們凍結異級載"
        "連鏈網點擊裝軟體認領養會議視頻遠協孫兒禍醫檢傳項報紅務處應該還錯麼嗎問題"
        "辦幫門聯繫係驅動態賠償實誰舊換開頭際長帐訴裡裏為對過後沒從來時樣當幾聽現"
        "兩萬塊臺設備護歲齡額單親車貸鄉鎮區縣優獎勵讀唸謊覺"
    ),
    (
        "险账账户证码转汇钱银补贴丧费税验资诈骗员电话号国这发给让说个们冻结异级载"
        "连链网点击装软体认领养会议视频远协孙儿祸医检传项报红务处应该还错么吗问题"
        "办帮门联系系驱动态赔偿实谁旧换开头际长账诉里里为对过后没从来时样当几听现"
        "两万块台设备护岁龄额单亲车贷乡镇区县优奖励读念谎觉"
    ),
)


# Jiaodong/Shandong dialect: 俺 is "I/my"; folding it lets one term (我) serve both.
_DIALECT = str.maketrans({"俺": "我"})


def _fold(char: str) -> str:
    """One input character → zero or more normalised characters."""
    out = []
    simplified = unicodedata.normalize("NFKC", char).lower().translate(_TRAD_TO_SIMP)
    for c in simplified.translate(_DIALECT):
        kind = unicodedata.category(c)
        if kind[0] in "PZC" and c != "+":
            continue  # punctuation, spaces, control characters
        out.append(c)
    return "".join(out)


def normalise_with_map(text: str) -> tuple[str, list[int]]:
    """Return (normalised text, index in `text` of the character each output char came from)."""
    chars: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        folded = _fold(char)
        chars.append(folded)
        origin.extend([index] * len(folded))
    return "".join(chars), origin


def normalise(text: str) -> str:
    return "".join(_fold(char) for char in text)

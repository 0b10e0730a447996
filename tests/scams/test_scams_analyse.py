"""analyse(): hits, risks, phrases, reassure codes, normalisation."""

from __future__ import annotations

import dataclasses
import json

import pytest

import scams
from scams.normalise import normalise, normalise_with_map


def test_hit_carries_category_risk_and_exact_phrases() -> None:
    text = "有人让我把存款转到国家安全账户"
    analysis = scams.analyse(text)
    assert analysis.is_scam
    assert analysis.top.category == "safe_account"
    assert analysis.top.risk == "high"
    assert analysis.top.label == "国家安全账户"
    assert "国家安全账户" in analysis.top.phrases
    assert all(phrase in text for phrase in analysis.top.phrases)


def test_phrases_are_substrings_of_the_original_text_with_spaces_and_full_width() -> None:
    text = "他说 我的社保卡 被冻结了，让我转账解冻！ＡＰＰ"
    analysis = scams.analyse(text)
    assert analysis.top.category == "card_frozen"
    for phrase in analysis.top.phrases:
        assert phrase in text
    assert "冻结" in analysis.top.phrases


def test_overlapping_matches_are_reported_once() -> None:
    analysis = scams.analyse("对方说我涉嫌洗钱")
    assert analysis.top.category == "impersonation_police"
    assert "涉嫌洗钱" in analysis.top.phrases
    assert "洗钱" not in analysis.top.phrases


def test_several_categories_most_serious_first() -> None:
    analysis = scams.analyse("+852的电话说是公安局的，让我把钱转到安全账户")
    codes = [hit.category for hit in analysis.hits]
    assert {"safe_account", "impersonation_police", "foreign_number"} <= set(codes)
    assert codes.index("foreign_number") > codes.index("safe_account")  # medium after high
    assert analysis.top.category == "safe_account"  # equal risk: earlier in patterns.yml


def test_catch_all_category_only_when_nothing_specific_matched() -> None:
    generic = scams.analyse("有个人打电话让我往一个账户转五千块钱")
    assert [h.category for h in generic.hits] == ["money_request"]
    assert generic.is_scam and generic.top.risk == "medium"
    specific = scams.analyse("有人打电话说是我孙子，出车祸了要赶紧打钱")
    assert "money_request" not in [h.category for h in specific.hits]
    assert specific.top.category == "grandchild_emergency"


def test_low_risk_hit_is_recorded_but_raises_no_alarm() -> None:
    analysis = scams.analyse("来电显示+8613812345678，是谁啊")
    assert [h.risk for h in analysis.hits] == ["low"]
    assert analysis.top.category == "foreign_number"
    assert not analysis.is_scam


def test_foreign_number_does_not_fire_on_years_times_or_amounts() -> None:
    for text in ("2005年退休的", "晚上00:30", "我有1000块", "编号100852"):
        assert not scams.analyse(text).hits, text


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("认证要交钱吗", "cert_is_free"),
        ("认证收费吗", "cert_is_free"),
        ("社保局会打电话让我转账吗?", "office_never_calls_for_money"),
        ("验证码收不到", "own_code_official_app"),
        ("96110给我打电话了", "warning_line_96110"),
        ("社保中心电话是多少", "check_official_number"),
    ],
)
def test_benign_safety_questions_get_a_reassure_code(text: str, code: str) -> None:
    analysis = scams.analyse(text)
    assert not analysis.is_scam
    assert analysis.reassure == code


def test_reassure_is_not_given_alongside_an_alarm() -> None:
    analysis = scams.analyse("有人打电话说帮我认证，要交一百块钱，认证要交钱吗")
    assert analysis.top.category == "paid_certification"
    assert analysis.reassure is None


def test_plain_questions_get_neither_alarm_nor_reassure() -> None:
    analysis = scams.analyse("养老金什么时候发")
    assert analysis.hits == () and analysis.top is None
    assert not analysis.is_scam and analysis.reassure is None


def test_as_dict_is_json_ready() -> None:
    data = scams.analyse("有人问我要验证码").as_dict()
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data
    assert data["is_scam"] is True and data["top"] == "verification_code"
    assert data["hits"][0]["category"] == "verification_code"
    assert data["hits"][0]["risk"] == "high" and "验证码" in data["hits"][0]["phrases"]
    assert data["reassure"] is None


def test_empty_text() -> None:
    analysis = scams.analyse("")
    assert analysis.hits == () and not analysis.is_scam and analysis.reassure is None


def test_traditional_characters_and_asr_spacing_are_matched() -> None:
    assert scams.analyse("電話裡說要把錢轉到國家安全帳戶").top.category == "safe_account"
    assert scams.analyse("他 让 我 把 验证码 告诉 他").top.category == "verification_code"
    assert scams.analyse("俺孙子撞了人急需钱叫俺转账").top.category == "grandchild_emergency"


def test_results_are_frozen() -> None:
    analysis = scams.analyse("有人问我要验证码")
    with pytest.raises(dataclasses.FrozenInstanceError):
        analysis.hits = ()  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        analysis.top.risk = "low"  # type: ignore[misc]


def test_normalise_maps_back_to_original_positions() -> None:
    text = "ＡＢ 安全帳戶，俺"
    folded, origin = normalise_with_map(text)
    assert folded == "ab安全账户我"
    assert [text[i] for i in origin] == ["Ａ", "Ｂ", "安", "全", "帳", "戶", "俺"]
    assert normalise("+852 1234") == "+8521234"


def test_response_names() -> None:
    assert scams.warning_response("safe_account") == "utter_scam_warning_safe_account"
    assert scams.reassure_response("cert_is_free") == "utter_reassure_cert_is_free"

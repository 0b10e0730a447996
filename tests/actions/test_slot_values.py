from pathlib import Path

import yaml

from actions.slot_values import name_from_text, number_candidates, relation_from_text

ROOT = Path(__file__).resolve().parents[2]


def test_numbers_are_found_in_speech_and_typing():
    assert number_candidates("身份证号是 371003 19500101 123X 吧") == ["37100319500101123X"]
    assert number_candidates("幺三八幺二三四五六七八") == ["13812345678"]
    assert number_candidates("没有号码") == []


def test_relations_map_to_one_canonical_value():
    assert relation_from_text("给我妈认证") == "母亲"
    assert relation_from_text("俺自己") == "本人"
    assert relation_from_text("是我老伴") == "配偶"
    assert relation_from_text("我是他儿子") == "子女"
    assert relation_from_text("嗯嗯") is None
    assert relation_from_text("岳父母") == "岳父母" and relation_from_text("俺婆婆") == "公婆"


def test_names_are_taken_from_short_answers():
    assert name_from_text("老人叫王德福") == "王德福"
    assert name_from_text("张桂兰。") == "张桂兰"
    assert name_from_text("阿依古丽·买买提") == "阿依古丽·买买提"
    assert name_from_text("我也不知道该怎么说才好") is None
    assert name_from_text("我母亲") is None and name_from_text("老伴") is None


def test_every_relation_word_the_nlu_knows_maps_to_the_same_value():
    synonyms = yaml.safe_load((ROOT / "data" / "nlu" / "synonyms.yml").read_text(encoding="utf-8"))
    for entry in synonyms["nlu"]:
        if "synonym" in entry:
            for word in entry["examples"].replace("- ", "").split():
                assert relation_from_text(word) == entry["synonym"], word

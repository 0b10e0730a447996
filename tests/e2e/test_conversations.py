"""Whole conversations through the REST channel of the real bot and action server.

Each test uses its own conversation id; assertions are on what the person reads and on the rows
the actions wrote into the casework store.
"""

from __future__ import annotations

import random
import re
import uuid
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from casework import db, roster
from casework.identity import make_valid_id
from casework.models import Certification, Handoff, ScamReport
from casework.records import record_certification
from casework.roster import RosterRow
from settings import get_settings


def new_sender() -> str:
    return f"e2e-{uuid.uuid4().hex[:10]}"


def on_roster(bot_stack, name: str, certified_by: str | None = None) -> RosterRow:
    """A person of this year's roster that no other test touches (optionally certified)."""
    year = get_settings().cert_year
    row = RosterRow(id_number=unused_id(), name=name, town="侯家镇", address="侯家镇西南村1号",
                    phone=None, benefit_group="resident_pension")  # fmt: skip
    with db.session_scope(bot_stack.database_url) as session:
        roster.upsert(session, year, row, {})
        if certified_by:
            record_certification(session, year=year, id_number=row.id_number, name=name,
                                 method=certified_by, status="certified", channel="console",
                                 conversation_id=None)  # fmt: skip
    return row


def unused_id() -> str:
    birth = date(1930, 1, 1) + timedelta(days=random.randrange(365 * 40))
    return make_valid_id("371081", birth, random.randrange(1000))


def rows(bot_stack, model, **where):
    with db.session_scope(bot_stack.database_url) as session:
        query = select(model).filter_by(**where)
        found = session.scalars(query).all()
        session.expunge_all()
        return found


FAQ = [
    ("认证什么时候截止", ["4月1日", "6月30日", "7月"]),
    ("哪些人需要认证", ["离退休", "居民基本养老保险", "伤残津贴", "抚恤金", "遗属"]),
    ("怎么认证啊有几种办法", ["威海人社", "燕喜堂", "上门"]),
    ("手机APP怎么认证", ["立即下载", "资格认证", "认证成功"]),
    ("去哪里认证", ["社会保障服务中心", "村（居）委会", "燕喜堂"]),
    ("认证要带什么东西", ["二代身份证", "手机号"]),
    ("过期没认证怎么办", ["暂停发放", "补办"]),
    ("老人去世了要报告吗", ["7个工作日", "30个工作日"]),
    ("冒领养老金怎么处罚", ["2倍以上5倍以下", "二百六十六"]),
    ("你是谁 是正规的吗", ["不会向您要钱", "验证码"]),
    ("怎么防骗", ["0631-5192345", "110"]),
]


@pytest.mark.parametrize(("question", "facts"), FAQ)
def test_brochure_questions_get_the_brochure_facts(bot_stack, question, facts):
    reply = bot_stack.texts(new_sender(), question)
    for fact in facts:
        assert fact in reply, f"{question!r} → {reply!r} lacks {fact!r}"


def test_repeat_and_speak_slower(bot_stack):
    sender = new_sender()
    first = bot_stack.texts(sender, "认证截止到哪天")
    assert bot_stack.texts(sender, "没听清 再说一遍") == first
    slower = bot_stack.texts(sender, "你说慢一点")
    assert "慢一点" in slower and first in slower
    assert bot_stack.tracker(sender)["slots"]["speech_rate"] == "slow"


def test_two_misses_offer_a_person_and_yes_hands_over(bot_stack):
    sender = new_sender()
    assert "我能帮您" in bot_stack.texts(sender, "今天天气怎么样")
    assert "工作人员" in bot_stack.texts(sender, "彩票中奖号码是多少")
    reply = bot_stack.texts(sender, "要")
    reference = re.search(r"HH-\d{4}-\d{6}", reply).group(0)
    assert rows(bot_stack, Handoff, reference=reference)[0].kind == "human_help"
    assert bot_stack.tracker(sender)["paused"] is True


def test_asking_for_a_person_pauses_the_bot(bot_stack):
    sender = new_sender()
    reply = bot_stack.texts(sender, "我要转人工")
    assert re.search(r"HH-\d{4}-\d{6}", reply)
    handoff = rows(bot_stack, Handoff, conversation_id=sender)[0]
    assert (handoff.kind, handoff.status) == ("human_help", "new")
    assert bot_stack.say(sender, "喂 有人吗") == []


def test_relative_certifies_a_mother_with_questions_in_between(bot_stack):
    sender = new_sender()
    person = on_roster(bot_stack, "张桂兰")
    assert "老人叫什么名字" in bot_stack.texts(sender, "我要给我妈认证")  # relation understood
    interrupted = bot_stack.texts(sender, "认证什么时候截止啊")
    assert "6月30日" in interrupted and "老人叫什么名字" in interrupted
    assert "身份证号码" in bot_stack.texts(sender, person.name)
    wrong = person.id_number[:17] + ("0" if person.id_number[17] != "0" else "1")
    assert "最后一位对不上" in bot_stack.texts(sender, wrong)
    assert "户口" in bot_stack.texts(sender, person.id_number)
    assert "常住" in bot_stack.texts(sender, "户口在文登区侯家镇")
    assert "手机号" in bot_stack.texts(sender, "文登区侯家镇西南村12号")
    assert "1开头的11位" in bot_stack.texts(sender, "12345")
    summary = bot_stack.texts(sender, "13812345678")
    assert person.name in summary and person.id_number[-4:] in summary
    assert person.id_number not in summary  # only the masked number is shown
    assert "身份证正面" in bot_stack.texts(sender, "对")
    assert "登记好了" in bot_stack.texts(sender, "现在拍不了 不拍了")
    [record] = rows(bot_stack, Certification, conversation_id=sender)
    assert (record.id_number, record.name, record.actor_relation) == (
        person.id_number, person.name, "母亲")
    assert (record.status, record.phone, record.address) == (
        "details_recorded", "13812345678", "文登区侯家镇西南村12号")
    assert record.beneficiary_id is not None


def test_stopping_half_way_records_nothing(bot_stack):
    sender = new_sender()
    assert "给谁认证" in bot_stack.texts(sender, "我要认证")
    assert "您的姓名" in bot_stack.texts(sender, "我自己")
    assert "先不办了" in bot_stack.texts(sender, "不办了")
    assert rows(bot_stack, Certification, conversation_id=sender) == []
    assert "时间" in bot_stack.texts(sender, "认证什么时候截止")  # the bot answers normally again


def test_status_answers_from_the_roster(bot_stack):
    done = on_roster(bot_stack, "刘明亮", certified_by="app")
    certified = bot_stack.texts(new_sender(), f"帮我查一下{done.id_number}认证了没有")
    assert "已经认证过了" in certified and "“威海人社”APP" in certified
    assert "刘*亮" in certified and "刘明亮" not in certified  # masked for whoever asks
    sender = new_sender()
    assert "身份证号码" in bot_stack.texts(sender, "我认证过了吗")
    waiting = on_roster(bot_stack, "赵春梅")
    not_yet = bot_stack.texts(sender, waiting.id_number)
    assert "还没有认证" in not_yet and "6月30日" in not_yet
    absent = bot_stack.texts(new_sender(), f"帮我查一下{unused_id()}认证了没有")
    assert "没有查到" in absent


def test_home_visit_request_creates_a_handoff(bot_stack):
    sender = new_sender()
    person = on_roster(bot_stack, "王德福")
    assert "上门认证" in bot_stack.texts(sender, "老人瘫痪在床 能上门认证吗")
    bot_stack.texts(sender, f"老人叫{person.name}")
    bot_stack.texts(sender, person.id_number)
    assert "住在哪里" in bot_stack.texts(sender, "哪些人要认证")  # answered, then asked again
    bot_stack.texts(sender, "文登区界石镇夼里村8号")
    bot_stack.texts(sender, "瘫痪在床下不了地")
    bot_stack.texts(sender, "我是他儿子")
    bot_stack.texts(sender, "13912345678")
    reply = bot_stack.texts(sender, "工作日上午都在家")
    reference = re.search(r"HV-\d{4}-\d{6}", reply).group(0)
    [handoff] = rows(bot_stack, Handoff, reference=reference)
    assert (handoff.kind, handoff.status, handoff.town) == ("home_visit", "new", "界石镇")
    assert handoff.details["reason"] == "瘫痪在床下不了地"
    assert handoff.details["requester_relation"] == "子女"
    assert handoff.phone == "13912345678" and handoff.conversation_id == sender


def test_scam_call_is_warned_and_loss_escalated(bot_stack):
    sender = new_sender()
    reply = bot_stack.texts(sender, "刚才有个警察打电话说我涉嫌洗钱 让我把钱转到国家安全账户")
    assert "诈骗" in reply and "0631-5192345" in reply and "110" in reply
    assert "转过钱" in reply
    urgent = bot_stack.texts(sender, "转了 转了两万")
    assert "110" in urgent and "冻结" in urgent
    [report] = rows(bot_stack, ScamReport, conversation_id=sender)
    assert (report.money_lost, report.urgency) == (True, "high")
    assert report.handoff_id is not None


def test_scam_mid_certification_warns_then_resumes(bot_stack):
    sender = new_sender()
    bot_stack.texts(sender, "我要认证")
    bot_stack.texts(sender, "给我自己")
    warning = bot_stack.texts(sender, "对了 刚才有人打电话说是社保局的 让我交个人所得税才能发补贴")
    assert "0631-5192345" in warning and "转过钱" in warning
    resumed = bot_stack.texts(sender, "没有 没给")
    assert "您的姓名" in resumed
    [report] = rows(bot_stack, ScamReport, conversation_id=sender)
    assert report.money_lost is False


def test_fee_question_is_reassured_without_alarm(bot_stack):
    sender = new_sender()
    reply = bot_stack.texts(sender, "认证要交钱吗")
    assert "免费" in reply and "诈骗" not in reply
    assert rows(bot_stack, ScamReport, conversation_id=sender) == []

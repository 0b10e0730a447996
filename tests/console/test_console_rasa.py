"""Transcript, staff messages and hand-back against the real Rasa server (lead's bot_stack)."""

from __future__ import annotations

import re
import uuid
from datetime import date, timedelta
from html import unescape

import pytest
import requests
from console_support import add_handoff, add_user, login, make_app, post_form
from sqlalchemy import select

from casework import demo
from casework.db import session_scope
from casework.models import Handoff
from casework.records import certification_status
from console.rasa_client import RasaClient, RasaUnavailable
from settings import get_settings

SCRIPT = "<script>alert('x')</script>我要认证"


@pytest.fixture
def client_for(bot_stack, sqlite_url):
    app = make_app(sqlite_url, rasa_url=bot_stack.rasa_url, rasa_token=bot_stack.rasa_token)
    add_user(sqlite_url, "zhang")
    client = app.test_client()
    login(client, "zhang")
    return client


def test_transcript_is_read_and_markup_is_inert(bot_stack, client_for, sqlite_url):
    sender = f"console-{uuid.uuid4().hex[:8]}"
    replies = bot_stack.say(sender, SCRIPT) + bot_stack.say(sender, "你好")
    assert any(reply.get("text") for reply in replies)
    reference = add_handoff(sqlite_url, conversation_id=sender)
    html = client_for.get(f"/handoffs/{reference}").get_data(as_text=True)
    assert "<script>alert('x')</script>" not in html
    assert "&lt;script&gt;alert(" in html
    for reply in replies:
        if reply.get("text"):
            assert reply["text"].splitlines()[0][:10] in unescape(html)
    turns = RasaClient(bot_stack.rasa_url, bot_stack.rasa_token).transcript(sender)
    assert turns[0].speaker == "user" and turns[0].text == SCRIPT
    assert any(t.speaker == "bot" for t in turns)


def test_staff_message_and_hand_back_reach_the_tracker(bot_stack, client_for, sqlite_url):
    sender = f"console-{uuid.uuid4().hex[:8]}"
    bot_stack.say(sender, "你好")
    requests.post(f"{bot_stack.rasa_url}/conversations/{sender}/tracker/events",
                  params={"token": bot_stack.rasa_token}, json=[{"event": "pause"}],
                  timeout=30).raise_for_status()
    assert bot_stack.tracker(sender)["paused"] is True
    reference = add_handoff(sqlite_url, kind="human_help", conversation_id=sender)
    post_form(client_for, f"/handoffs/{reference}/message", {"text": "您好，我是社保中心小张。"})
    events = bot_stack.tracker(sender)["events"]
    staff = [e for e in events if e.get("event") == "bot" and e.get("metadata", {}).get("staff")]
    assert staff[-1]["text"] == "您好，我是社保中心小张。"
    assert staff[-1]["metadata"]["staff"] == "zhang"
    page = client_for.get(f"/handoffs/{reference}").get_data(as_text=True)
    assert "工作人员 zhang" in page
    post_form(client_for, f"/handoffs/{reference}/hand-back")
    assert bot_stack.tracker(sender)["paused"] is False


def test_wrong_token_is_explained(bot_stack):
    with pytest.raises(RasaUnavailable, match="令牌"):
        RasaClient(bot_stack.rasa_url, "wrong-token").transcript("anyone")


def test_chat_home_visit_request_worked_to_resolution(bot_stack):
    """The newcomer's path: a home visit asked for in a chat, worked in the console to the end."""
    year = get_settings().cert_year
    with session_scope(bot_stack.database_url) as session:
        demo.load(session, year, 40)
    person = demo.samples(year).not_certified.row
    sender = f"console-{uuid.uuid4().hex[:8]}"
    for text in ("老人瘫痪在床 能上门认证吗", f"老人叫{person.name}", person.id_number,
                 "文登区界石镇夼里村8号", "瘫痪在床下不了地", "我是他儿子", "13912345678"):
        bot_stack.say(sender, text)
    reference = re.search(r"HV-\d{4}-\d{6}", bot_stack.texts(sender, "工作日上午都在家")).group(0)

    app = make_app(bot_stack.database_url, rasa_url=bot_stack.rasa_url,
                   rasa_token=bot_stack.rasa_token)
    add_user(bot_stack.database_url, f"staff-{sender}")
    client = app.test_client()
    login(client, f"staff-{sender}")
    queue = client.get("/?kind=home_visit&town=界石镇").get_data(as_text=True)
    assert reference in queue and person.id_number not in queue
    case = client.get(f"/handoffs/{reference}").get_data(as_text=True)
    assert "夼里村8号" in case and "我是他儿子" in case  # details and the transcript
    post_form(client, f"/handoffs/{reference}/claim")
    day = (date.today() + timedelta(days=1)).isoformat()
    post_form(client, f"/handoffs/{reference}/schedule", {"date": day, "slot": "上午"})
    post_form(client, f"/handoffs/{reference}/outcome", {"outcome": "certified_at_home"})
    post_form(client, f"/handoffs/{reference}/resolve", {"note": "已上门认证"})
    with session_scope(bot_stack.database_url) as session:
        handoff = session.scalar(select(Handoff).where(Handoff.reference == reference))
        assert handoff.status == "resolved"
        status = certification_status(session, person.id_number, year)
        assert status.certified and status.method == "home_visit"
    check = f"{sender}-check"  # the bot now tells the family it is done
    assert "身份证号码" in bot_stack.texts(check, "我认证过了吗")
    assert "已经认证过了" in bot_stack.texts(check, person.id_number)

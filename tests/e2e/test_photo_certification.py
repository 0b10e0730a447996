"""Certification by photo through the running bot and action server (real OCR and face models).

Photos enter the conversation the way a channel sends them (channels.local_photo).
"""

from __future__ import annotations

import re
import uuid
from pathlib import Path

import pytest
from sqlalchemy import select

from casework import db
from casework.models import Certification, Handoff
from channels.local_photo import send_photo
from vision.synth.dataset import Sample, bad_inputs, card_sample, live_photo


@pytest.fixture(scope="module")
def images(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("e2e_photos")


@pytest.fixture(scope="module")
def bad(images: Path) -> dict[str, Path]:
    return bad_inputs(images)


def texts(replies: list[dict]) -> str:
    return "\n".join(r.get("text", "") for r in replies)


def photo(bot_stack, sender: str, path: Path) -> str:
    return texts(send_photo(bot_stack.rasa_url, sender, path.read_bytes()))


def up_to_the_photos(bot_stack, sample: Sample, opening: str, who: str | None = None) -> str:
    sender = f"photo-{uuid.uuid4().hex[:10]}"
    person = sample.person
    bot_stack.texts(sender, opening)
    if who:
        bot_stack.texts(sender, who)
    for answer in (person.name, person.id_number, "户口在文登区", "文登区龙山街道香山路12号",
                   "13812345678"):
        bot_stack.texts(sender, answer)
    assert "身份证正面" in bot_stack.texts(sender, "对")
    return sender


def certification(bot_stack, sender: str) -> Certification:
    with db.session_scope(bot_stack.database_url) as session:
        [record] = session.scalars(select(Certification).filter_by(conversation_id=sender)).all()
        session.expunge(record)
        return record


def test_a_senior_certifies_with_two_photos(bot_stack, images):
    sample = card_sample(images, 501, "desk")
    sender = up_to_the_photos(bot_stack, sample, "我要认证", "给我自己认证")
    assert "正面照" in photo(bot_stack, sender, sample.path)
    done = photo(bot_stack, sender, live_photo(images, sample.face, 2))
    assert "认证成功" in done and "不会打电话让您转账或交费" in done
    record = certification(bot_stack, sender)
    assert (record.status, record.method, record.actor_relation) == ("certified", "assistant", "本人")
    assert record.evidence["ocr"]["id_number"] == sample.person.id_number
    assert record.evidence["face_decision"] == "match"
    assert record.evidence["face_distance"] < 0.5


def test_a_relative_certifies_for_a_mother_after_a_blurry_photo(bot_stack, images, bad):
    sample = card_sample(images, 502, "clean")
    sender = up_to_the_photos(bot_stack, sample, "帮我妈认证一下")
    assert "模糊" in photo(bot_stack, sender, bad["too_blurry"])
    assert "正面照" in photo(bot_stack, sender, sample.path)
    assert "认证成功" in photo(bot_stack, sender, live_photo(images, sample.face, 3))
    assert certification(bot_stack, sender).actor_relation == "母亲"


@pytest.mark.parametrize(("kind", "says"), [
    ("not_an_image", "不是照片"),
    ("truncated_jpeg", "没有传完整"),
    ("card_back", "背面"),
    ("screen_photo", "屏幕"),
])  # fmt: skip
def test_bad_card_photos_get_a_kind_instruction(bot_stack, images, bad, kind, says):
    sample = card_sample(images, 503, "clean")
    sender = up_to_the_photos(bot_stack, sample, "我要认证", "我自己")
    reply = photo(bot_stack, sender, bad[kind])
    assert says in reply and "身份证" in reply
    assert "正面照" in photo(bot_stack, sender, sample.path)  # nothing lost: the flow goes on


def test_faces_that_do_not_fit_are_explained_then_go_to_staff(bot_stack, images, bad):
    sample = card_sample(images, 504, "clean")
    sender = up_to_the_photos(bot_stack, sample, "我要认证", "我自己")
    photo(bot_stack, sender, sample.path)
    assert "没有看到人脸" in photo(bot_stack, sender, bad["no_face_selfie"])
    assert "一个人" in photo(bot_stack, sender, bad["several_faces"])
    other = "hopper" if sample.face != "hopper" else "astronaut"
    reply = photo(bot_stack, sender, live_photo(images, other, 4))
    reference = re.search(r"VR-\d{4}-\d{6}", reply).group(0)
    record = certification(bot_stack, sender)
    assert record.status == "pending_review"
    with db.session_scope(bot_stack.database_url) as session:
        handoff = session.scalars(select(Handoff).filter_by(reference=reference)).one()
        assert handoff.kind == "verification_review"
        assert handoff.certification_id == record.id
        assert handoff.details["card_image"] and handoff.details["face_image"]


def test_someone_who_cannot_take_photos_is_told_the_other_ways(bot_stack, images):
    sample = card_sample(images, 505, "clean")
    sender = up_to_the_photos(bot_stack, sample, "我要认证", "我自己")
    reply = bot_stack.texts(sender, "不拍了")
    assert "威海人社" in reply
    assert certification(bot_stack, sender).status == "details_recorded"

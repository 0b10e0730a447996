from __future__ import annotations

import os
import stat
import time
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from casework import evidence, records
from casework.evidence import EvidenceError
from casework.identity import make_valid_id
from casework.models import utcnow

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 100
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 100
WEBP = b"RIFF\x64\x00\x00\x00WEBPVP8 " + b"\x00" * 100
PERSON = make_valid_id("371003", date(1948, 5, 6), 42)


def age_file(image_id: str, days: int) -> None:
    moment = time.time() - days * 86400
    os.utime(evidence.image_path(image_id), (moment, moment))


def test_store_each_kind_privately(data_dir: Path) -> None:
    ids = [evidence.store_image(data, source="WeChat") for data in (JPEG, PNG, WEBP)]
    assert [i.rsplit(".", 1)[1] for i in ids] == ["jpg", "png", "webp"]
    assert all(i.startswith("wechat-") for i in ids) and len(set(ids)) == 3
    folder = data_dir / "evidence"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    for image_id, data in zip(ids, (JPEG, PNG, WEBP), strict=True):
        path = evidence.image_path(image_id)
        assert path.parent == folder and path.read_bytes() == data
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert evidence.read_image(image_id) == data


@pytest.mark.parametrize(
    ("data", "reason"),
    [(b"", "empty"), (b"GIF89a" + b"\x00" * 50, "not_image"), (b"%PDF-1.4", "not_image"),
     (b"RIFF\x00\x00\x00\x00WAVEfmt ", "not_image")],
    ids=["empty", "gif", "pdf", "wav"],
)  # fmt: skip
def test_rejects_non_images(data_dir: Path, data: bytes, reason: str) -> None:
    with pytest.raises(EvidenceError) as caught:
        evidence.store_image(data, source="wechat")
    assert caught.value.reason == reason
    assert not any(evidence.evidence_dir().iterdir())


def test_rejects_too_large(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(EvidenceError) as caught:
        evidence.store_image(JPEG + b"\x00" * 1000, source="voice", max_bytes=1000)
    assert caught.value.reason == "too_large"
    monkeypatch.setenv("EVIDENCE_MAX_BYTES", "50")
    evidence.get_settings.cache_clear()
    with pytest.raises(EvidenceError) as from_settings:
        evidence.store_image(JPEG, source="voice")
    assert from_settings.value.reason == "too_large"


@pytest.mark.parametrize(
    "bad_id",
    ["../casework.db", "wechat-" + "a" * 32 + ".jpg/../../x", "/etc/passwd",
     "wechat-" + "A" * 32 + ".jpg", "wechat-" + "a" * 31 + ".jpg", "wechat-" + "a" * 32 + ".gif",
     "", "wechat-" + "a" * 32 + ".jpg\n"],
)  # fmt: skip
def test_image_path_rejects_anything_but_ids(data_dir: Path, bad_id: str) -> None:
    with pytest.raises(EvidenceError) as caught:
        evidence.image_path(bad_id)
    assert caught.value.reason == "bad_id"


def test_delete_image(data_dir: Path) -> None:
    image_id = evidence.store_image(PNG, source="rest")
    assert evidence.delete_image(image_id) is True
    assert evidence.delete_image(image_id) is False
    with pytest.raises(EvidenceError) as caught:
        evidence.read_image(image_id)
    assert caught.value.reason == "missing"


def test_finds_ids_inside_nested_json() -> None:
    one, two = "wechat-" + "a" * 32 + ".jpg", "voice-" + "b" * 32 + ".png"
    value = {"card": one, "faces": [two, {"x": 1}], "note": "wechat-zz.jpg", "n": 3}
    assert set(evidence.image_ids_in(value)) == {one, two}


def _certification(session: Session, images: list[str], status: str, decided_days_ago: int):
    record = records.record_certification(
        session, year=2026, id_number=PERSON, name="王秀英", method="assistant", status=status,
        channel="wechat", conversation_id="c", evidence={"images": images},
    )  # fmt: skip
    if record.decided_at is not None:
        record.decided_at = utcnow() - timedelta(days=decided_days_ago)
    return record


def test_purge_expired(data_dir: Path, session: Session) -> None:
    store = [evidence.store_image(JPEG, source="wechat") for _ in range(7)]
    old_done, recent_done, open_case, shared, review, old_orphan, new_orphan = store
    for image_id in store:
        age_file(image_id, 200)
    age_file(new_orphan, 0)
    _certification(session, [old_done, shared], "certified", decided_days_ago=120)
    _certification(session, [recent_done], "certified", decided_days_ago=10)
    _certification(session, [open_case, shared], "pending_review", decided_days_ago=0)
    handoff = records.create_handoff(session, kind="verification_review", conversation_id="c",
                                     channel="wechat", details={"images": [review]})  # fmt: skip
    session.commit()

    assert evidence.purge_expired(session, days=90) == 2
    remaining = {p.name for p in (data_dir / "evidence").iterdir()}
    assert remaining == {recent_done, open_case, shared, review, new_orphan}

    handoff.status, handoff.resolved_at = "resolved", utcnow() - timedelta(days=100)
    session.commit()
    assert evidence.purge_expired(session, days=90) == 1
    assert not evidence.image_path(review).exists()
    assert evidence.image_path(new_orphan).exists()

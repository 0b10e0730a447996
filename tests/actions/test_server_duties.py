"""The action server's background duty: evidence past its retention is deleted."""

from __future__ import annotations

import os
import time

from actions.__main__ import purge_once
from casework.evidence import image_path, store_image

JPEG = bytes.fromhex("ffd8ffe000104a46494600010100000100010000ffd9")


def test_old_unreferenced_evidence_is_purged_and_recent_kept(tmp_path, monkeypatch):
    monkeypatch.setenv("DATA_DIR", str(tmp_path))
    from settings import get_settings

    get_settings.cache_clear()
    old, recent = store_image(JPEG, source="test"), store_image(JPEG, source="test")
    long_ago = time.time() - 400 * 24 * 3600
    os.utime(image_path(old), (long_ago, long_ago))
    assert purge_once() == 1
    assert not image_path(old).exists() and image_path(recent).exists()
    get_settings.cache_clear()

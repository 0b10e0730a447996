"""Which channel a conversation came through, in the casework store's words."""

from __future__ import annotations

from rasa_sdk import Tracker

CHANNEL_NAMES = {"rest": "rest", "photo_rest": "rest", "wechat": "wechat", "twilio_voice": "voice"}


def channel_of(tracker: Tracker) -> str:
    return CHANNEL_NAMES.get((tracker.get_latest_input_channel() or "rest").lower(), "rest")

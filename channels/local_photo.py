"""Send a photo into a conversation the way a messaging channel does (for tests and staff demos).

The channel stores the file in the evidence store and sends the bot a message whose metadata
names the stored image; a file that is not a usable image is named by its problem instead.

    python -m channels.local_photo SENDER PHOTO [--rasa-url URL]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import requests

from casework.evidence import EvidenceError, store_image
from settings import get_settings

PHOTO_TEXT = "[图片]"
STORE_PROBLEMS = {"empty": "file_missing", "not_image": "not_an_image", "too_large": "file_too_large"}


def photo_metadata(data: bytes, source: str) -> dict[str, str]:
    """What a channel attaches to the message for a received photo."""
    try:
        return {"image_id": store_image(data, source=source)}
    except EvidenceError as error:
        return {"image_problem": STORE_PROBLEMS.get(error.reason, "image_damaged")}


def send_photo(rasa_url: str, sender: str, data: bytes) -> list[dict]:
    body = {"sender": sender, "message": PHOTO_TEXT, "metadata": photo_metadata(data, "local")}
    response = requests.post(f"{rasa_url}/webhooks/rest/webhook", json=body, timeout=120)
    response.raise_for_status()
    return response.json()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sender")
    parser.add_argument("photo", type=Path)
    parser.add_argument("--rasa-url", default=get_settings().rasa_url)
    args = parser.parse_args()
    replies = send_photo(args.rasa_url, args.sender, args.photo.read_bytes())
    print(json.dumps(replies, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Rasa's HTTP API, as the console uses it: read a transcript, post a staff message, hand back.

The REST channel cannot push: a staff message is added to the tracker as a bot event (so it is in
the transcript) and the channels deliver it the next time they talk to the person.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import quote

import requests


class RasaUnavailable(Exception):
    """Rasa could not be reached or refused the request; the message is safe to show staff."""


@dataclass(frozen=True)
class Turn:
    speaker: str  # "user", "bot" or "staff"
    text: str
    at: datetime | None
    staff: str | None = None


def _turn(event: dict) -> Turn | None:
    kind = event.get("event")
    text = event.get("text")
    if kind not in ("user", "bot") or not text:
        return None
    stamp = event.get("timestamp")
    at = datetime.fromtimestamp(stamp, UTC) if isinstance(stamp, int | float) else None
    staff = (event.get("metadata") or {}).get("staff") if kind == "bot" else None
    return Turn(speaker="staff" if staff else kind, text=text, at=at, staff=staff)


class RasaClient:
    def __init__(self, base_url: str, token: str, timeout: float = 5.0) -> None:
        self.base_url = base_url.rstrip("/")
        self.token = token
        self.timeout = timeout

    def _url(self, conversation_id: str, tail: str) -> str:
        return f"{self.base_url}/conversations/{quote(conversation_id, safe='')}/{tail}"

    def _call(self, method: str, url: str, **kwargs) -> requests.Response:
        try:
            response = requests.request(
                method, url, params={"token": self.token}, timeout=self.timeout, **kwargs
            )
        except requests.RequestException as error:
            raise RasaUnavailable("对话服务暂时连不上，请稍后再试。") from error
        if response.status_code in (401, 403):
            raise RasaUnavailable("对话服务拒绝了访问（令牌不对），请联系管理员。")
        if response.status_code >= 400:
            raise RasaUnavailable(f"对话服务出错（{response.status_code}），请稍后再试。")
        return response

    def transcript(self, conversation_id: str) -> list[Turn]:
        response = self._call("GET", self._url(conversation_id, "tracker"))
        events = response.json().get("events") or []
        return [turn for turn in map(_turn, events) if turn]

    def _append(self, conversation_id: str, events: list[dict]) -> None:
        self._call("POST", self._url(conversation_id, "tracker/events"), json=events)

    def send_staff_message(self, conversation_id: str, text: str, staff: str) -> None:
        event = {"event": "bot", "text": text, "metadata": {"staff": staff}}
        self._append(conversation_id, [event])

    def resume(self, conversation_id: str) -> None:
        self._append(conversation_id, [{"event": "resume"}])

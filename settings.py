"""Deployment settings, read once from the environment (and an optional .env file).

Every value a deployment may change lives here; `.env.example` documents each one.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent


def _load_dotenv(path: Path) -> dict[str, str]:
    if not path.is_file():
        return {}
    values = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#") and "=" in line:
            key, _, value = line.partition("=")
            values[key.strip()] = value.strip().strip("'\"")
    return values


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    database_url: str
    rasa_url: str
    rasa_token: str
    action_port: int
    tracker_store_url: str
    lock_store_url: str
    cert_open: date
    cert_close: date
    district: str
    anti_fraud_line: str
    police_line: str
    office_lookup_line: str
    national_warning_line: str
    face_match_distance: float
    face_review_distance: float
    evidence_retention_days: int
    console_secret_key: str
    console_port: int
    console_secure_cookies: bool = False  # Secure flag on the console's session cookie (HTTPS)
    evidence_max_bytes: int = 10 * 1024 * 1024  # largest photo a channel may store (casework)
    vision_max_photo_bytes: int = 20 * 1024 * 1024  # larger card/face photos are refused (vision)

    @property
    def cert_year(self) -> int:
        return self.cert_open.year

    def in_season(self, day: date) -> bool:
        return self.cert_open <= day <= self.cert_close


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    env = {**_load_dotenv(ROOT / ".env"), **os.environ}

    def get(key: str, default: str) -> str:
        return env.get(key) or default

    data_dir = Path(get("DATA_DIR", str(ROOT / "var"))).resolve()
    return Settings(
        data_dir=data_dir,
        database_url=get("DATABASE_URL", f"sqlite:///{data_dir / 'casework.db'}"),
        rasa_url=get("RASA_URL", "http://localhost:5005"),
        rasa_token=get("RASA_TOKEN", "change-me-rasa-token"),
        action_port=int(get("ACTION_PORT", "5055")),
        tracker_store_url=get("TRACKER_STORE_URL", f"sqlite:///{data_dir / 'tracker.db'}"),
        lock_store_url=get("LOCK_STORE_URL", ""),
        cert_open=date.fromisoformat(get("CERT_OPEN", "2026-04-01")),
        cert_close=date.fromisoformat(get("CERT_CLOSE", "2026-06-30")),
        district=get("DISTRICT", "文登区"),
        anti_fraud_line=get("ANTI_FRAUD_LINE", "0631-5192345"),
        police_line=get("POLICE_LINE", "110"),
        office_lookup_line=get("OFFICE_LOOKUP_LINE", "114"),
        national_warning_line=get("NATIONAL_WARNING_LINE", "96110"),
        face_match_distance=float(get("FACE_MATCH_DISTANCE", "0.5")),
        face_review_distance=float(get("FACE_REVIEW_DISTANCE", "0.6")),
        evidence_retention_days=int(get("EVIDENCE_RETENTION_DAYS", "90")),
        console_secret_key=get("CONSOLE_SECRET_KEY", ""),
        console_port=int(get("CONSOLE_PORT", "8001")),
        console_secure_cookies=get("CONSOLE_SECURE_COOKIES", "false").lower()
        in ("1", "true", "yes"),
        evidence_max_bytes=int(get("EVIDENCE_MAX_BYTES", str(10 * 1024 * 1024))),
        vision_max_photo_bytes=int(get("VISION_MAX_PHOTO_BYTES", str(20 * 1024 * 1024))),
    )

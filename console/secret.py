"""The Flask secret key: from settings, else generated once and kept under data_dir (0600)."""

from __future__ import annotations

import os
import secrets
from pathlib import Path


def load_secret_key(configured: str, data_dir: Path) -> str:
    if configured:
        return configured
    path = data_dir / "console_secret_key"
    if path.is_file():
        return path.read_text(encoding="utf-8").strip()
    data_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    # O_EXCL: when two processes start together, the first writer wins and the other reads it.
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text(encoding="utf-8").strip()
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(key)
    return key

"""Start the bot, the action server and the console; report progress; stop them cleanly.

Used by `make run` and by the end-to-end tests (one stack per test session).
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from settings import ROOT, Settings

BOT_PYTHON = ROOT / ".venv-bot" / "bin" / "python"
APP_PYTHON = ROOT / ".venv" / "bin" / "python"
MODEL = ROOT / "models" / "bot.tar.gz"
QUIET = {"RASA_TELEMETRY_ENABLED": "false", "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
         "TF_CPP_MIN_LOG_LEVEL": "2", "PYTHONUNBUFFERED": "1"}  # fmt: skip


class StackError(RuntimeError):
    """A process exited or did not become ready in time."""


@dataclass
class Service:
    name: str
    command: list[str]
    ready_url: str
    env: dict[str, str] = field(default_factory=dict)
    process: subprocess.Popen[bytes] | None = None

    def start(self, log_dir: Path) -> None:
        log_dir.mkdir(parents=True, exist_ok=True)
        with open(log_dir / f"{self.name}.log", "ab") as log:  # the child keeps its own copy
            self.process = subprocess.Popen(
                self.command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
                env={**os.environ, **QUIET, "PYTHONPATH": str(ROOT), **self.env},
                start_new_session=True,
            )  # fmt: skip

    def is_ready(self) -> bool:
        try:
            with urllib.request.urlopen(self.ready_url, timeout=2) as response:
                return response.status == 200
        except (urllib.error.URLError, OSError):
            return False

    def exited(self) -> int | None:
        return self.process.poll() if self.process else None

    def stop(self, timeout: float = 15) -> None:
        if not self.process or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


def lock_store_env(url: str) -> dict[str, str]:
    """endpoints.yml's lock-store variables: in memory, or Redis for several bot processes."""
    if not url:
        return {"LOCK_STORE_TYPE": "in_memory", "LOCK_STORE_HOST": "", "LOCK_STORE_PORT": "0",
                "LOCK_STORE_DB": "0"}  # fmt: skip
    parts = urlsplit(url)
    return {"LOCK_STORE_TYPE": "redis", "LOCK_STORE_HOST": parts.hostname or "localhost",
            "LOCK_STORE_PORT": str(parts.port or 6379),
            "LOCK_STORE_DB": parts.path.strip("/") or "0"}  # fmt: skip


def bot(settings: Settings, port: int = 5005, action_port: int | None = None) -> Service:
    action_url = f"http://localhost:{action_port or settings.action_port}/webhook"
    command = [
        str(BOT_PYTHON), "-m", "bot.rasa_cli", "run", "--enable-api",
        "--auth-token", settings.rasa_token, "--model", str(MODEL), "--port", str(port),
        "--endpoints", "bot/endpoints.yml", "--credentials", "bot/credentials.yml",
    ]  # fmt: skip
    env = {"ACTION_ENDPOINT_URL": action_url, "TRACKER_STORE_URL": settings.tracker_store_url,
           **lock_store_env(settings.lock_store_url)}  # fmt: skip
    return Service("bot", command, f"http://localhost:{port}/status?token={settings.rasa_token}",
                   env)  # fmt: skip


def actions(settings: Settings, port: int | None = None) -> Service:
    port = port or settings.action_port
    command = [str(APP_PYTHON), "-m", "actions", "--actions", "actions", "--port", str(port)]
    return Service("actions", command, f"http://localhost:{port}/health")


def console(settings: Settings, port: int | None = None) -> Service:
    port = port or settings.console_port
    command = [str(APP_PYTHON), "-m", "console", "serve", "--port", str(port)]
    return Service("console", command, f"http://localhost:{port}/login")


class Stack:
    def __init__(self, services: list[Service], log_dir: Path) -> None:
        self.services = services
        self.log_dir = log_dir

    def start(self, timeout: float = 300, progress: Callable[[str], None] | None = None) -> None:
        for service in self.services:
            service.start(self.log_dir)
        started = time.monotonic()
        waiting = list(self.services)
        last_note = 0.0
        while waiting:
            for service in list(waiting):
                if service.exited() is not None:
                    self.stop()
                    raise StackError(f"{service.name} exited; see {self.log_dir / service.name}.log")
                if service.is_ready():
                    waiting.remove(service)
                    if progress:
                        progress(f"{service.name} ready after {time.monotonic() - started:.0f} s")
            elapsed = time.monotonic() - started
            if waiting and elapsed > timeout:
                self.stop()
                names = ", ".join(s.name for s in waiting)
                raise StackError(f"not ready after {timeout:.0f} s: {names}")
            if waiting and progress and elapsed - last_note >= 10:
                last_note = elapsed
                names = ", ".join(s.name for s in waiting)
                progress(f"still starting ({elapsed:.0f} s): {names}")
            time.sleep(0.5)

    def stop(self) -> None:
        for service in reversed(self.services):
            service.stop()

"""Login rate limiting: failures per (username, IP) in memory, with a lockout window.

Memory is enough for the console's single process; a restart clears the counters.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field


@dataclass
class LoginLimiter:
    max_failures: int = 5
    window_seconds: float = 15 * 60
    _failures: dict[tuple[str, str], list[float]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def _recent(self, key: tuple[str, str], now: float) -> list[float]:
        kept = [t for t in self._failures.get(key, []) if now - t < self.window_seconds]
        self._failures[key] = kept
        return kept

    def locked(self, username: str, ip: str) -> bool:
        with self._lock:
            return len(self._recent((username.lower(), ip), time.monotonic())) >= self.max_failures

    def fail(self, username: str, ip: str) -> None:
        with self._lock:
            key = (username.lower(), ip)
            self._recent(key, time.monotonic()).append(time.monotonic())

    def succeed(self, username: str, ip: str) -> None:
        with self._lock:
            self._failures.pop((username.lower(), ip), None)

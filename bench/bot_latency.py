"""Bot benchmark: start-up time, resident memory, parse latency and REST turn latency.

Starts its own bot and action server on free ports (SQLite stores in a temp folder), then
prints figures. Run with `make bench` or `PYTHONPATH=. .venv/bin/python bench/bot_latency.py`.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

from ops import stack
from settings import get_settings

QUESTIONS = ["认证什么时候截止", "哪些人要认证", "去哪里认证", "要带什么", "过期没认证怎么办",
             "你是谁", "怎么防骗", "手机APP怎么认证", "老人去世了要报告吗", "谢谢你"]  # fmt: skip


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def timed(call) -> float:
    started = time.perf_counter()
    call()
    return (time.perf_counter() - started) * 1000


def turns(urls: list[str], count: int, sender: str) -> list[float]:
    """`count` turns; a new conversation every 10 turns, as real conversations are short.
    With several bot processes, successive turns go to the next process (round robin)."""

    def one(i: int) -> float:
        body = {"sender": f"{sender}-{i // 10}", "message": QUESTIONS[i % len(QUESTIONS)]}
        url = urls[i % len(urls)]
        return timed(lambda: requests.post(url, json=body, timeout=60).raise_for_status())

    return [one(i) for i in range(count)]


def state_kept(urls: list[str]) -> bool:
    """A form started on one bot process goes on on the other (shared tracker and lock store)."""
    sender = f"handover-{uuid.uuid4()}"
    replies = []
    for i, text in enumerate(["我要认证", "我自己"]):
        body = {"sender": sender, "message": text}
        replies = requests.post(urls[i % len(urls)], json=body, timeout=60).json()
    return any("您的姓名" in r.get("text", "") for r in replies)


def report(name: str, values: list[float]) -> None:
    print(f"{name:<44} p50 {statistics.median(values):7.1f} ms   p95 {percentile(values, 0.95):7.1f} ms"
          f"   n={len(values)}")


def start(bots: int) -> tuple[stack.Stack, list[stack.Service], stack.Service, dict[str, float]]:
    data_dir = Path(tempfile.mkdtemp(prefix="bench-bot-"))
    ports, action_port = [free_port() for _ in range(bots)], free_port()
    os.environ.update({"DATA_DIR": str(data_dir), "ACTION_PORT": str(action_port),
                       "RASA_URL": f"http://localhost:{ports[0]}"})  # fmt: skip
    if bots > 1:  # several processes need a shared lock store
        os.environ["LOCK_STORE_URL"] = "redis://localhost:6379/5"
    get_settings.cache_clear()
    settings = get_settings()
    from casework import db

    db.upgrade()
    bot_services = [stack.bot(settings, port=port) for port in ports]
    actions = stack.actions(settings)
    started, ready = time.monotonic(), {}
    processes = stack.Stack([actions, *bot_services], data_dir / "logs")
    processes.start(timeout=600, progress=lambda m: ready.setdefault(
        m.split()[0], time.monotonic() - started))  # fmt: skip
    return processes, bot_services, actions, ready


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--turns", type=int, default=200)
    parser.add_argument("--senders", type=int, default=8)
    parser.add_argument("--bots", type=int, default=1, help="bot processes (Redis lock store)")
    args = parser.parse_args()
    processes, bots, actions, ready = start(args.bots)
    try:
        print(f"{args.bots} bot process(es) ready after {ready.get('bot', float('nan')):.1f} s, "
              f"action server after {ready.get('actions', float('nan')):.1f} s")
        settings = get_settings()
        urls = [b.ready_url.split("/status")[0] + "/webhooks/rest/webhook" for b in bots]
        turns(urls, 20, "warm-up")
        parse = f"{settings.rasa_url}/model/parse?token={settings.rasa_token}"
        parses = [timed(lambda q=q: requests.post(parse, json={"text": q}, timeout=60))
                  for q in QUESTIONS * 10]
        report("parse (/model/parse)", parses)
        report("REST turn, 1 sender (incl. action server)", turns(urls, args.turns, "seq"))
        with ThreadPoolExecutor(args.senders) as pool:
            runs = pool.map(lambda i: turns(urls, args.turns // args.senders, f"c{i}-{uuid.uuid4()}"),
                            range(args.senders))
            report(f"REST turn, {args.senders} concurrent senders", [v for r in runs for v in r])
        if args.bots > 1:
            print(f"form state kept when turns alternate between processes: {state_kept(urls)}")
        memory = ", ".join(f"{rss_mb(b.process.pid):.0f}" for b in bots)
        print(f"resident memory: bot {memory} MB, action server {rss_mb(actions.process.pid):.0f} MB")
    finally:
        processes.stop()


if __name__ == "__main__":
    main()

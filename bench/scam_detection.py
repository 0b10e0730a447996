"""Scam detection accuracy and speed on the labelled corpora.

    PYTHONPATH=. .venv/bin/python bench/scam_detection.py [--errors]

For each corpus (tests/scams/corpus.yml: patterns were tuned on it; tests/scams/heldout.yml:
written after the patterns, never tuned on) prints precision/recall/F1 per category and overall
(a message counts as alarmed when analyse() says is_scam), the false-alarm rate on ordinary
messages, reassure-code accuracy, and the mean analyse() time per message.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import scams  # noqa: E402

CORPORA = ("corpus.yml", "heldout.yml")


def load_messages(name: str) -> list[dict]:
    path = ROOT / "tests" / "scams" / name
    return yaml.safe_load(path.read_text(encoding="utf-8"))["messages"]


def expected(message: dict) -> set[str]:
    value = message["expect"]
    if value == "none":
        return set()
    return {value} if isinstance(value, str) else set(value)


def predicted(analysis: scams.Analysis) -> set[str]:
    return {h.category for h in analysis.hits if h.risk in scams.ALARM_RISKS}


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _ratio(a: int, b: int) -> float:
    return a / b if b else 1.0


def evaluate(messages: list[dict], show_errors: bool) -> None:
    counts = {c: [0, 0, 0] for c in scams.categories()}  # tp, fp, fn
    alarm_tp = alarm_fp = alarm_fn = 0
    reassure_ok = reassure_total = 0
    for message in messages:
        analysis = scams.analyse(message["text"])
        want, got = expected(message), predicted(analysis)
        for code in want | got:
            counts[code][0 if code in want and code in got else 1 if code in got else 2] += 1
        alarm_tp += bool(want) and analysis.is_scam
        alarm_fp += not want and analysis.is_scam
        alarm_fn += bool(want) and not analysis.is_scam
        if "reassure" in message:
            reassure_total += 1
            reassure_ok += analysis.reassure == message["reassure"]
        wrong_reassure = "reassure" in message and analysis.reassure != message["reassure"]
        if show_errors and (want != got or wrong_reassure):
            print(
                f"    MISS want={sorted(want) or 'none'} got={sorted(got) or 'none'} "
                f"reassure={analysis.reassure}: {message['text']}"
            )
    print(f"    {'category':24} {'n':>3} {'prec':>6} {'recall':>6} {'F1':>6}")
    for code, (tp, fp, fn) in counts.items():
        p, r = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
        print(f"    {code:24} {tp + fn:3d} {p:6.3f} {r:6.3f} {_f1(p, r):6.3f}")
    p, r = _ratio(alarm_tp, alarm_tp + alarm_fp), _ratio(alarm_tp, alarm_tp + alarm_fn)
    ordinary = sum(1 for m in messages if not expected(m))
    print(
        f"    {'ANY SCAM (alarm raised)':24} {alarm_tp + alarm_fn:3d} {p:6.3f} {r:6.3f} "
        f"{_f1(p, r):6.3f}"
    )
    print(
        f"    false alarms on ordinary messages: {alarm_fp}/{ordinary} "
        f"({_ratio(alarm_fp, ordinary) if ordinary else 0:.3f})"
    )
    print(f"    reassure code correct: {reassure_ok}/{reassure_total}")


def time_analyse(texts: list[str], rounds: int = 20) -> tuple[float, float, float]:
    """Wall-clock mean and p99, and mean CPU time (steadier when the machine is busy)."""
    durations = []
    cpu_start = time.process_time()
    for _ in range(rounds):
        for text in texts:
            start = time.perf_counter()
            scams.analyse(text)
            durations.append(time.perf_counter() - start)
    cpu = (time.process_time() - cpu_start) / len(durations)
    durations.sort()
    return statistics.mean(durations), durations[int(len(durations) * 0.99)], cpu


def main() -> None:
    show_errors = "--errors" in sys.argv
    start = time.perf_counter()
    scams.reload()
    load_ms = (time.perf_counter() - start) * 1000
    all_texts = []
    for name in CORPORA:
        messages = load_messages(name)
        all_texts += [m["text"] for m in messages]
        scam_count = sum(1 for m in messages if expected(m))
        print(
            f"== {name}: {len(messages)} messages ({scam_count} scam, "
            f"{len(messages) - scam_count} ordinary)"
        )
        evaluate(messages, show_errors)
    mean, p99, cpu = time_analyse(all_texts)
    print(
        f"== speed: pattern file load {load_ms:.1f} ms; analyse() per message: mean "
        f"{mean * 1e6:.0f} µs wall, {cpu * 1e6:.0f} µs CPU, p99 {p99 * 1e6:.0f} µs wall "
        f"({len(all_texts)} messages x 20 rounds)"
    )


if __name__ == "__main__":
    main()

"""Vision benchmark: field accuracy per photo variant, OCR and face latency, peak memory.

Run: PYTHONPATH=. .venv/bin/python bench/vision_bench.py [--per-variant 25] [--pairs 20]
Generates its images into a temporary folder; prints figures (no pass/fail).
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from vision import faces, ocr, read_card, verify_face
from vision.synth.dataset import card_sample, live_photo
from vision.synth.degrade import VARIANTS
from vision.synth.faces import face_photos

FIELDS = ("name", "sex", "ethnicity", "birth_date", "address", "id_number")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def bench_cards(folder: Path, per_variant: int) -> list[float]:
    t0 = time.perf_counter()
    ocr.warm_up()
    print(f"OCR model load: {time.perf_counter() - t0:.2f} s")
    latencies: list[float] = []
    wrong = defaultdict(list)
    print(f"{'variant':<10} {'n':>4} {'id+name':>8} {'all six':>8} "
          + " ".join(f"{f[:9]:>9}" for f in FIELDS))
    totals = defaultdict(int)
    for v_index, variant in enumerate(VARIANTS):
        right = defaultdict(int)
        for i in range(per_variant):
            sample = card_sample(folder, 10_000 + v_index * 1000 + i, variant)
            start = time.perf_counter()
            reading = read_card(sample.path)
            latencies.append(time.perf_counter() - start)
            ok = {f: getattr(reading, f) == getattr(sample.person, f) for f in FIELDS}
            for f in FIELDS:
                right[f] += ok[f]
                if not ok[f]:
                    wrong[f].append((variant, getattr(sample.person, f), getattr(reading, f),
                                     reading.problem))
            right["id+name"] += ok["id_number"] and ok["name"]
            right["all"] += all(ok.values())
            sample.path.unlink()
        for key, value in right.items():
            totals[key] += value
        print(f"{variant:<10} {per_variant:>4} {right['id+name'] / per_variant:>8.1%} "
              f"{right['all'] / per_variant:>8.1%} "
              + " ".join(f"{right[f] / per_variant:>9.1%}" for f in FIELDS))
    n = per_variant * len(VARIANTS)
    print(f"{'ALL':<10} {n:>4} {totals['id+name'] / n:>8.1%} {totals['all'] / n:>8.1%} "
          + " ".join(f"{totals[f] / n:>9.1%}" for f in FIELDS))
    for field, cases in wrong.items():
        for variant, truth, got, problem in cases[:8]:
            print(f"  wrong {field} [{variant}] truth={truth!r} read={got!r} problem={problem}")
    return latencies


def bench_faces(folder: Path, pairs: int) -> list[float]:
    t0 = time.perf_counter()
    faces.warm_up()
    print(f"face model load: {time.perf_counter() - t0:.2f} s")
    names = sorted(face_photos())
    rng = random.Random(5)
    latencies, outcomes = [], defaultdict(lambda: defaultdict(int))
    for i in range(pairs):
        sample = card_sample(folder, 50_000 + i, rng.choice(["desk", "rotated", "combined"]))
        same = i % 2 == 0
        who = sample.face if same else rng.choice([n for n in names if n != sample.face])
        photo = live_photo(folder, who, i)
        start = time.perf_counter()
        result = verify_face(sample.path, photo)
        latencies.append(time.perf_counter() - start)
        outcomes["same" if same else "different"][result.decision or result.problem] += 1
    for kind, counts in outcomes.items():
        print(f"face pairs, {kind} person: {dict(counts)}")
    return latencies


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--per-variant", type=int, default=25)
    parser.add_argument("--pairs", type=int, default=20)
    args = parser.parse_args()
    print(f"cpus: {os.cpu_count()}, load average at start: {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        ocr_times = bench_cards(folder, args.per_variant)
        face_times = bench_faces(folder, args.pairs)
    print(f"read_card first call: {ocr_times[0]:.2f} s; warm median "
          f"{statistics.median(ocr_times[1:]):.2f} s, p95 {percentile(ocr_times[1:], 0.95):.2f} s")
    print(f"verify_face: median {statistics.median(face_times):.2f} s, "
          f"p95 {percentile(face_times, 0.95):.2f} s")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS with both models loaded: {peak_mb:.0f} MB")
    print(f"load average at end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()

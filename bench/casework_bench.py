"""Casework store figures on SQLite (temp file) and PostgreSQL (throwaway database).

Run: PYTHONPATH=. .venv/bin/python bench/casework_bench.py [--people 20000]
Prints roster import rate, certification_status latency, concurrent handoff creation rate
and mark_processed latency. PostgreSQL: 127.0.0.1:5432 user postgres (CASEWORK_BENCH_PG).
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import statistics
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import create_engine, select, text

from casework import db, demo, records
from casework.models import Handoff
from casework.roster import import_roster

PG_SERVER = os.environ.get("CASEWORK_BENCH_PG", "postgresql+psycopg2://postgres@127.0.0.1:5432")
YEAR = 2026


def write_roster(path: Path, count: int) -> list[str]:
    people = demo.people(YEAR, count)
    with path.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["身份证号", "姓名", "镇街", "地址", "手机号", "待遇类别"])
        for p in people:
            row = p.row
            out.writerow([row.id_number, row.name, row.town, row.address, row.phone,
                          row.benefit_group])  # fmt: skip
    return [p.row.id_number for p in people]


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def import_once(url: str, path: Path) -> float:
    def run() -> None:
        with db.session_scope(url) as session:
            import_roster(session, path, YEAR)

    return timed(run)


def status_latencies(url: str, ids: list[str], lookups: int) -> list[float]:
    rng = random.Random(1)
    latencies = []
    with db.session_scope(url) as session:
        for _ in range(lookups):
            number = rng.choice(ids)
            latencies.append(timed(lambda n=number: records.certification_status(session, n, YEAR)))
    return latencies


def concurrent_handoffs(url: str, threads: int, each: int) -> tuple[float, int]:
    barrier = threading.Barrier(threads)

    def worker() -> None:
        barrier.wait()
        for _ in range(each):
            with db.session_scope(url) as session:
                records.create_handoff(session, kind="home_visit", conversation_id="bench",
                                       channel="wechat")  # fmt: skip

    pool = [threading.Thread(target=worker) for _ in range(threads)]
    start = time.perf_counter()
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    elapsed = time.perf_counter() - start
    with db.session_scope(url) as session:
        distinct = len(set(session.scalars(select(Handoff.reference))))
    return elapsed, distinct


def processed_latency(url: str, count: int) -> float:
    def run() -> None:
        for index in range(count):
            with db.session_scope(url) as session:
                records.mark_processed(session, "wechat", f"bench-{index}")

    return timed(run) / count


def ms(values: list[float], quantile: float) -> float:
    return statistics.quantiles(values, n=100)[int(quantile * 100) - 1] * 1000


def bench(name: str, url: str, roster: Path, ids: list[str]) -> None:
    t_upgrade = timed(lambda: db.upgrade(url))
    first = import_once(url, roster)
    again = import_once(url, roster)
    lat = status_latencies(url, ids, 2000)
    threads, each = 4, 50
    elapsed, distinct = concurrent_handoffs(url, threads, each)
    per_message = processed_latency(url, 300)
    print(f"\n[{name}]")
    print(f"  migrate empty db            {t_upgrade:8.2f} s")
    print(f"  import {len(ids)} rows          {first:8.2f} s  ({len(ids) / first:,.0f} rows/s)")
    print(f"  re-import (all unchanged)   {again:8.2f} s  ({len(ids) / again:,.0f} rows/s)")
    print(f"  certification_status        p50 {ms(lat, 0.5):.2f} ms  p95 {ms(lat, 0.95):.2f} ms")
    total = threads * each
    print(f"  create_handoff {threads} threads    {total / elapsed:8.0f} /s  "
          f"({distinct}/{total} distinct references)")  # fmt: skip
    print(f"  mark_processed + commit     {per_message * 1000:8.2f} ms each")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=20000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        roster = Path(folder) / "roster.csv"
        ids = write_roster(roster, args.people)
        bench("SQLite", f"sqlite:///{folder}/bench.db", roster, ids)
        name = f"casework_bench_{uuid.uuid4().hex[:8]}"
        admin = create_engine(f"{PG_SERVER}/test", isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            bench("PostgreSQL", f"{PG_SERVER}/{name}", roster, ids)
        finally:
            db.dispose(f"{PG_SERVER}/{name}")
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))


if __name__ == "__main__":
    main()

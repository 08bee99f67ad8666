"""Benchmark: one check-in, decision plus durable commit, on a SQLite file.

Run: .venv/bin/python benchmarks/bench_checkin.py [--n 500] [--dir PATH]
Prints a markdown table (median and p95 in milliseconds). Budget: median under 10 ms, and
under 5x a raw durable commit: each check-in is timed right after a raw ``sqlite3`` commit
of one event-sized row into another file in the same folder (WAL, synchronous=FULL), so the
ratio is read in one run, under the same load, on the same disk.
The file lives in a temporary folder on the same disk as /tmp unless --dir says otherwise;
synchronous=FULL means every commit waits for fsync, so the disk matters.
"""

from __future__ import annotations

import argparse
import copy
import platform
import sqlite3
import statistics
import tempfile
import time
from datetime import datetime
from pathlib import Path

from checkin.core.clock import TAIPEI, FixedClock
from checkin.core.outcomes import Declaration
from checkin.core.tokens import new_token, token_hash
from checkin.db import repo
from checkin.db.engine import sqlite_url
from checkin.db.store import Store
from checkin.services.catalogue import brochure, install_default_profile, install_workshops
from checkin.services.checkin import CheckinService, Who

MORNING = datetime(2022, 4, 29, 8, 45, tzinfo=TAIPEI)


def build(path: Path, n: int) -> list[str]:
    """Workshop 1 with ``n`` registrations, no capacity limit; returns their tokens."""
    data = copy.deepcopy(brochure())
    for item in data["workshops"]:
        item["capacity"] = n + 10
        item["company_cap"] = n + 10
    tokens = [new_token("IDB2201") for _ in range(n)]
    store = Store.open(sqlite_url(path), desk_name="bench")
    try:
        with store.sessions.begin() as session:
            install_workshops(session, data)
            session.flush()
            install_default_profile(session)
            for i, token in enumerate(tokens):
                session.add(repo.new_registration_row(
                    workshop_id=1, name=f"學員{i:05d}", company=f"公司{i // 2:05d}",
                    tax_id=None, email=None, phone=f"09{i:08d}",
                    token_hash=token_hash(token), token=None))
    finally:
        store.close()
    return tokens


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


class RawCommit:
    """One row inserted and committed with the plain ``sqlite3`` module: the floor."""

    def __init__(self, path: Path) -> None:
        self.conn = sqlite3.connect(path, isolation_level=None)
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA synchronous=FULL")
        self.conn.execute("CREATE TABLE events (id TEXT PRIMARY KEY, workshop_id INTEGER,"
                          " registration_id INTEGER, desk_id TEXT, seq INTEGER,"
                          " wall_time TEXT, kind TEXT, outcome TEXT)")
        self.seq = 0

    def __call__(self) -> float:
        self.seq += 1
        start = time.perf_counter()
        self.conn.execute("BEGIN IMMEDIATE")
        self.conn.execute("INSERT INTO events VALUES (?, 1, ?, 'bench', ?, ?, 'arrival',"
                          " 'ADMITTED')", (f"{self.seq:032x}", self.seq, self.seq,
                                           "2022-04-29T00:45:00"))
        self.conn.execute("COMMIT")
        return (time.perf_counter() - start) * 1000

    def close(self) -> None:
        self.conn.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=500, help="check-ins to time")
    parser.add_argument("--dir", type=Path, default=None, help="folder for the database")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.dir) as folder:
        path = Path(folder) / "bench.sqlite3"
        tokens = build(path, args.n + 20)
        store = Store.open(sqlite_url(path), clock=FixedClock(MORNING), desk_name="bench")
        desk = CheckinService(store)
        raw = RawCommit(Path(folder) / "raw.sqlite3")
        for token in tokens[args.n:]:  # warm-up: caches, first connection, statements
            raw()
            desk.check_in(1, Who(token=token), temperature="36.5")
        raw_ms: list[float] = []
        cpu_ms: list[float] = []  # the check-in's own CPU (waiting for the disk excluded)
        kinds: dict[str, list[float]] = {"admitted (scan, 36.5)": [],
                                         "denied, follow-up opened": [],
                                         "already in (nothing stored)": []}
        for i, token in enumerate(tokens[:args.n]):
            declared = [Declaration.SYMPTOMS] if i % 10 == 9 else []
            key = "denied, follow-up opened" if declared else "admitted (scan, 36.5)"
            raw_ms.append(raw())
            cpu, start = time.process_time(), time.perf_counter()
            outcome = desk.check_in(1, Who(token=token), temperature="36.5", declared=declared)
            kinds[key].append((time.perf_counter() - start) * 1000)
            cpu_ms.append((time.process_time() - cpu) * 1000)
            assert outcome.event_id is not None, outcome
        for token in tokens[:min(args.n, 200)]:
            start = time.perf_counter()
            desk.check_in(1, Who(token=token), temperature="36.5")
            kinds["already in (nothing stored)"].append((time.perf_counter() - start) * 1000)
        store.close()
        raw.close()
    every = kinds["admitted (scan, 36.5)"] + kinds["denied, follow-up opened"]
    print(f"Check-in benchmark: {platform.processor() or platform.machine()}, "
          f"{len(every)} stored check-ins, SQLite WAL + synchronous=FULL\n")
    print("| case | n | median ms | p95 ms | max ms |")
    print("|---|---:|---:|---:|---:|")
    for name, values in [("all stored check-ins", every), *kinds.items()]:
        if values:
            print(f"| {name} | {len(values)} | {statistics.median(values):.2f} | "
                  f"{percentile(values, 0.95):.2f} | {max(values):.2f} |")
    print(f"| raw durable commit (sqlite3, 1 row, WAL + FULL) | {len(raw_ms)} | "
          f"{statistics.median(raw_ms):.2f} | {percentile(raw_ms, 0.95):.2f} | "
          f"{max(raw_ms):.2f} |")
    ratio = statistics.median(every) / statistics.median(raw_ms)
    print(f"\nStored check-in / raw durable commit (medians, same run): {ratio:.1f}x "
          f"(aim: under 5x); CPU per stored check-in: median {statistics.median(cpu_ms):.2f} ms")


if __name__ == "__main__":
    main()

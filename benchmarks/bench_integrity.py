"""Benchmark: what the full integrity check costs at start-up and before a sync or export.

Run: .venv/bin/python benchmarks/bench_integrity.py [--n 100000] [--events 20000] [--repeat 5]
Builds a SQLite file with ``n`` registrations (as bench_lookup.py) and ``events`` arrival
events with their screening and outbox rows, then times, each ``repeat`` times:
``PRAGMA quick_check`` and ``PRAGMA integrity_check`` on the closed file (as the start-up
check reads it), ``Store.open`` of the file (start-up: check, schema, desk identity), and
``verify_integrity`` on the open store (before a sync or an export). Prints a markdown
table (median and max, milliseconds) and the file size.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import tempfile
import time
import uuid
from pathlib import Path

from bench_lookup import build

from checkin.db.engine import integrity_problem, sqlite_url, verify_integrity
from checkin.db.store import Store


def add_events(path: Path, n: int) -> None:
    conn = sqlite3.connect(path)
    try:
        with conn:
            desk = str(uuid.uuid4())
            rows = [(str(uuid.uuid4()), i + 1, desk, i + 1) for i in range(n)]
            conn.executemany(
                "INSERT INTO events (id, workshop_id, registration_id, desk_id, desk_name, seq, "
                "wall_time, kind, outcome) VALUES (?, 1, ?, ?, 'bench', ?, "
                "'2022-04-29 00:45:00.000000', 'arrival', 'ADMITTED')", rows)
            conn.executemany("INSERT INTO screenings (event_id, temperature, travel, contact, "
                             "symptoms) VALUES (?, 36.5, 0, 0, 0)", [(r[0],) for r in rows])
            conn.executemany("INSERT INTO outbox (event_id, created_at, attempts) VALUES "
                             "(?, '2022-04-29 00:45:00.000000', 0)", [(r[0],) for r in rows])
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()


def timed(action, repeat: int) -> list[float]:  # type: ignore[no-untyped-def]
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        out.append((time.perf_counter() - start) * 1000)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--events", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    path = Path(tempfile.mkdtemp(prefix="checkin-bench-")) / "desk.sqlite3"
    build(path, args.n, 1)
    add_events(path, min(args.events, args.n))

    def pragma(full: bool) -> None:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro&immutable=1", uri=True)
        try:
            assert integrity_problem(conn, full=full) is None
        finally:
            conn.close()

    results = {
        "quick_check (closed file)": timed(lambda: pragma(False), args.repeat),
        "integrity_check (closed file)": timed(lambda: pragma(True), args.repeat),
        "Store.open (start-up, full check included)":
            timed(lambda: Store.open(sqlite_url(path)).close(), args.repeat),
    }
    store = Store.open(sqlite_url(path))
    try:
        results["verify_integrity (open desk, before sync/export)"] = timed(
            lambda: verify_integrity(store.engine), args.repeat)
    finally:
        store.close()
    size_mb = path.stat().st_size / 1e6
    print(f"{args.n:,} registrations, {args.events:,} events, file {size_mb:.0f} MB\n")
    print("| check | median ms | max ms |\n|---|---:|---:|")
    for name, values in results.items():
        print(f"| {name} | {statistics.median(values):.0f} | {max(values):.0f} |")


if __name__ == "__main__":
    main()

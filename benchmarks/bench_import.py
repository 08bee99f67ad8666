"""Benchmark: importing a 100,000-row registration export (run as a script).

    .venv/bin/python benchmarks/bench_import.py [--rows 100000]

Prints a markdown table: first import, dry run, re-import of the same file (all unchanged).
"""

from __future__ import annotations

import argparse
import platform
import random
import tempfile
import time
from pathlib import Path

from checkin.db.engine import sqlite_url
from checkin.db.store import Store
from checkin.services.catalogue import install_default_profile, install_workshops
from checkin.services.registrations import import_registrations

SURNAMES = "陳林黃張李王吳劉蔡楊許鄭謝郭洪曾邱廖賴周"
GIVEN = "志明美麗家豪淑芬俊傑雅婷建宏怡君冠宇佳穎堃喆犇綉峯"


def make_csv(path: Path, rows: int, encoding: str) -> None:
    rng = random.Random(7)
    lines = ["報名編號,姓名,公司名稱,統一編號,電子郵件,手機,場次"]
    for n in range(1, rows + 1):
        name = rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN)
        lines.append(f"R{n:06d},{name},測試公司{n // 2:05d}股份有限公司,,p{n}@example.com,"
                     f"09{rng.randrange(10**8):08d},1")
    text = "\n".join(lines) + "\n"
    path.write_bytes(text.encode(encoding, errors="replace"))


def timed(label: str, fn) -> tuple[str, float, object]:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = fn()
    return label, time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        csv_path = folder / "export.csv"
        make_csv(csv_path, args.rows, "utf-8-sig")
        store = Store.open(sqlite_url(folder / "office.sqlite3"))
        with store.sessions.begin() as session:
            install_workshops(session)
            session.flush()
            install_default_profile(session)
        results = [
            timed("dry run (read, validate, plan)",
                  lambda: import_registrations(store, csv_path, 1, dry_run=True)),
            timed("first import (new rows, tokens)",
                  lambda: import_registrations(store, csv_path, 1)),
            timed("re-import, nothing changed",
                  lambda: import_registrations(store, csv_path, 1)),
        ]
        store.close()
    print(f"Import of a {args.rows:,}-row CSV (UTF-8 with BOM) into SQLite, "
          f"{platform.processor() or platform.machine()}, Python {platform.python_version()}\n")
    print("| step | seconds | rows/s |")
    print("|---|---:|---:|")
    for label, seconds, _ in results:
        print(f"| {label} | {seconds:.2f} | {args.rows / seconds:,.0f} |")


if __name__ == "__main__":
    main()

"""Benchmark: rendering 1,000 attendance notices as PDF and PNG (run as a script).

    .venv/bin/python benchmarks/bench_notices.py [--count 1000] [--workshop 50] [--workers N]

Prints a markdown table: layout and font subsetting for the batch, PDFs and PNGs (A4,
150 dpi) in one process and over the cores, and one workshop's notices as the office
renders them (in one process: a batch that small does not pay for starting workers).
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import tempfile
import time
from collections.abc import Callable, Iterable
from datetime import date
from datetime import time as clock_time
from pathlib import Path

from checkin.core.tokens import new_token
from checkin.notices.batch import cores
from checkin.notices.render import NoticeData, NoticeRenderer, Rendered

SURNAMES = "陳林黃張李王吳劉蔡楊許鄭謝郭洪曾邱廖賴周"
GIVEN = "志明美麗家豪淑芬俊傑雅婷建宏怡君冠宇佳穎堃喆犇綉峯㵘"


def notices(count: int, seed: int = 7) -> list[NoticeData]:
    rng = random.Random(seed)
    return [NoticeData(
        token=new_token("IDB2201"),
        name=rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN),
        company=f"測試{rng.choice(GIVEN)}{rng.choice(GIVEN)}科技股份有限公司",
        workshop_code="IDB2201", workshop_title="碳盤查 (1)", course="ghg_inventory",
        organiser="財團法人台灣綠色生產力基金會", day=date(2022, 4, 29),
        venue="潭子加工出口區康樂室後棟 3 樓", address="臺中市潭子區建國路一號",
        checkin_opens=clock_time(8, 30), starts=clock_time(9), ends=clock_time(16),
        contact_name="林先生", contact_phone="04-2350-8042 #209",
        contact_email="pohanlin@tgp.org.tw") for _ in range(count)]


def _timed(rows: list[tuple[str, float, int]], label: str, count: int,
           run: Callable[[], Iterable[Rendered]], out: Path) -> None:
    start = time.perf_counter()
    sizes: dict[str, int] = {"pdf": 0, "png": 0}
    for i, rendered in enumerate(run()):
        for kind in ("pdf", "png"):
            data = getattr(rendered, kind)
            if data is not None:
                sizes[kind] += len(data)
                (out / f"{i}.{kind}").write_bytes(data)
    seconds = time.perf_counter() - start
    kib = ", ".join(f"{kind.upper()} {size / count / 1024:.0f} KiB"
                    for kind, size in sizes.items() if size)
    rows.append((f"{label} ({kib} each)", seconds, count))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=1000, help="notices in the big batch")
    parser.add_argument("--workshop", type=int, default=50, help="notices of one workshop")
    parser.add_argument("--workers", type=int, default=None,
                        help="processes for the pooled rows (default: the cores)")
    args = parser.parse_args()
    workers = args.workers or cores()
    batch = notices(args.count)
    rows: list[tuple[str, float, int]] = []
    # One workshop as the office renders it, first (the font subsets not made yet): a fresh
    # renderer and the default choice of processes.
    workshop = notices(args.workshop, seed=29)
    with tempfile.TemporaryDirectory() as tmp, NoticeRenderer() as renderer:
        start = time.perf_counter()
        layouts = renderer.prepare(workshop)
        prepared = time.perf_counter() - start
        _timed(rows, f"one workshop: {args.workshop} PDFs + PNGs", args.workshop,
               lambda: renderer.render_all(workshop, layouts), Path(tmp))
        label, seconds, count = rows[-1]
        rows[-1] = (label + ", layout and subsetting included", seconds + prepared, count)
    with tempfile.TemporaryDirectory() as tmp, NoticeRenderer() as renderer:
        out = Path(tmp)
        start = time.perf_counter()
        layouts = renderer.prepare(batch)
        rows.append(("lay out the batch and subset the fonts", time.perf_counter() - start,
                     args.count))
        n = args.count
        _timed(rows, f"{n} PDFs, one process", n,
               lambda: renderer.render_all(batch, layouts, ["pdf"], workers=1), out)
        _timed(rows, f"{n} PNGs, 150 dpi, one process", n,
               lambda: renderer.render_all(batch, layouts, ["png"], workers=1), out)
        _timed(rows, f"{n} PDFs, {workers} processes", n,
               lambda: renderer.render_all(batch, layouts, ["pdf"], workers=workers), out)
        _timed(rows, f"{n} PNGs, 150 dpi, {workers} processes", n,
               lambda: renderer.render_all(batch, layouts, ["png"], workers=workers), out)
        _timed(rows, f"{n} PDFs + PNGs, {workers} processes", n,
               lambda: renderer.render_all(batch, layouts, workers=workers), out)
    print(f"Rendering notices, {platform.processor() or platform.machine()}, {cores()} cores, "
          f"Python {platform.python_version()}, load average "
          f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}\n")
    print("| step | seconds | per notice (ms) |")
    print("|---|---:|---:|")
    for label, seconds, count in rows:
        print(f"| {label} | {seconds:.1f} | {seconds / count * 1000:.1f} |")


if __name__ == "__main__":
    main()

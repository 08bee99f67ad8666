"""Benchmark: rendering 1,000 attendance notices as PDF and PNG (run as a script).

    .venv/bin/python benchmarks/bench_notices.py [--count 1000]

Prints a markdown table: font subsetting for the batch, PDFs, PNGs (A4, 150 dpi).
"""

from __future__ import annotations

import argparse
import platform
import random
import tempfile
import time
from datetime import date
from datetime import time as clock_time
from pathlib import Path

from checkin.core.tokens import new_token
from checkin.notices.render import NoticeData, NoticeRenderer

SURNAMES = "陳林黃張李王吳劉蔡楊許鄭謝郭洪曾邱廖賴周"
GIVEN = "志明美麗家豪淑芬俊傑雅婷建宏怡君冠宇佳穎堃喆犇綉峯㵘"


def notices(count: int) -> list[NoticeData]:
    rng = random.Random(7)
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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=1000)
    args = parser.parse_args()
    batch = notices(args.count)
    rows = []
    with tempfile.TemporaryDirectory() as tmp, NoticeRenderer() as renderer:
        out = Path(tmp)
        start = time.perf_counter()
        layouts = renderer.prepare(batch)
        rows.append(("lay out the batch and subset the fonts", time.perf_counter() - start))
        start = time.perf_counter()
        pdf_bytes = 0
        for i, (notice, layout) in enumerate(zip(batch, layouts, strict=True)):
            data = renderer.pdf(notice, layout)
            pdf_bytes += len(data)
            (out / f"{i}.pdf").write_bytes(data)
        rows.append((f"{args.count} PDFs (avg {pdf_bytes / args.count / 1024:.0f} KiB)",
                     time.perf_counter() - start))
        start = time.perf_counter()
        png_bytes = 0
        for i, (notice, layout) in enumerate(zip(batch, layouts, strict=True)):
            data = renderer.png(notice, layout=layout)
            png_bytes += len(data)
            (out / f"{i}.png").write_bytes(data)
        rows.append((f"{args.count} PNGs, 150 dpi (avg {png_bytes / args.count / 1024:.0f} KiB)",
                     time.perf_counter() - start))
    print(f"Rendering {args.count} notices, one process, "
          f"{platform.processor() or platform.machine()}, Python {platform.python_version()}\n")
    print("| step | seconds | per notice (ms) |")
    print("|---|---:|---:|")
    for label, seconds in rows:
        print(f"| {label} | {seconds:.1f} | {seconds / args.count * 1000:.0f} |")


if __name__ == "__main__":
    main()

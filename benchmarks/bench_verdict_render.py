"""GUI-thread time to put a verdict on screen: words, colour and icon set, the layout that
follows, and the paint, for every outcome code in turn with a new person each time (so the
person's line is never measured before). No decoding, no database: the screen part alone.
Then the same for a scan's answer as the desk shows it (the look-up itself done beforehand):
the screening panel and the "health screening" banner drawn.

Run: ``QT_QPA_PLATFORM=offscreen python benchmarks/bench_verdict_render.py [rounds]``.
Prints a markdown table (milliseconds).
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from datetime import datetime
from pathlib import Path

from _desk_bench import bench_store, percentile
from PySide6.QtCore import QEventLoop
from PySide6.QtWidgets import QApplication

from checkin.core.clock import TAIPEI
from checkin.core.outcomes import Declaration, Outcome, OutcomeCode
from checkin.services import desk_queries
from checkin.services.checkin import Who
from checkin.ui.backend import DeskBackend
from checkin.ui.desk_flow import LookUp
from checkin.ui.main_window import DeskWindow
from checkin.ui.tasks import SyncRunner

SURNAMES = "王李張陳林黃吳劉蔡楊許鄭謝洪郭邱曾廖賴周"
GIVEN = "小明佳蓉志豪怡君建宏淑芬雅婷承恩惠雯家瑋美玲明哲詩涵俊傑筱涵冠廷珮瑜柏宇"


def main(rounds: int = 10) -> None:
    app = QApplication.instance() or QApplication([])
    store, tokens = bench_store(extra=50)
    info = desk_queries.startup_report(store, "1").info
    assert info is not None
    desk = DeskWindow(DeskBackend.create(store, info.workshop_id), info, SyncRunner(),
                      use_camera=False)
    desk.resize(1366, 700)
    desk.show()
    for _ in range(20):
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 10)
    times: list[float] = []
    heights: set[int] = set()
    n = 0
    for _ in range(rounds):
        for code in OutcomeCode:
            n += 1
            name = SURNAMES[n % 20] + GIVEN[(2 * n) % 40:(2 * n) % 40 + 2]
            outcome = Outcome(code, name=name, company=f"第{n}精密機械工業股份有限公司",
                              first_arrival=datetime(2022, 4, 29, 8, 41, tzinfo=TAIPEI),
                              first_desk="front-2", reasons=(Declaration.SYMPTOMS,),
                              remeasure_due=datetime(2022, 4, 29, 8, 50, tzinfo=TAIPEI),
                              detail="IDB2206")
            started = time.perf_counter()
            desk.show_outcome(outcome, can_override=code is OutcomeCode.COMPANY_CAP,
                              sound=False)
            # Layout requests and the paint, as the event loop would run them next.
            app.processEvents()
            times.append((time.perf_counter() - started) * 1000)
            heights.add(desk.banner.height())
    screening: list[float] = []
    for token in tokens:
        desk.back_to_scan()
        app.processEvents()
        who = Who(token=token)
        answer = desk.backend.look_up(who)  # the worker's part, not timed
        desk.flow.lookups_pending += 1
        started = time.perf_counter()
        desk.follow(desk.flow.looked_up(LookUp(who), answer))
        app.processEvents()
        screening.append((time.perf_counter() - started) * 1000)
        assert desk.screening.isVisible()
        desk.screening.temperature.setText("36.5")
        desk.screening.submit()
        app.processEvents()
    desk._leaving = True
    desk.close()
    store.close()
    load = Path("/proc/loadavg").read_text().split()[0] if Path("/proc/loadavg").exists() \
        else "?"
    print(f"Verdict on screen (GUI thread), {len(times)} verdicts at 1366x700, "
          f"banner heights seen {sorted(heights)}; load average {load} on "
          f"{os.cpu_count()} CPUs\n")
    print("| measure | median ms | p95 ms | max ms |")
    print("|---|---|---|---|")
    for name, values in (("show_outcome + layout + paint", times),
                         ("look-up answer -> screening panel and banner drawn", screening)):
        print(f"| {name} | {statistics.median(values):.1f} | "
              f"{percentile(values, 95):.1f} | {max(values):.1f} |")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10)

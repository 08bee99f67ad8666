"""Scan to verdict: a 1280x720 frame holding a readable QR arrives at the video sink; how
long until the desk shows the look-up verdict, and (after the temperature and Enter) until
the ADMITTED banner is rendered with the arrival stored.

Run: ``QT_QPA_PLATFORM=offscreen python benchmarks/bench_scan_to_verdict.py [N]``.
Prints a markdown table (milliseconds).
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

from _desk_bench import bench_store, frame_with, percentile
from PySide6.QtCore import QEventLoop
from PySide6.QtMultimedia import QVideoSink
from PySide6.QtWidgets import QApplication

from checkin.core.outcomes import OutcomeCode
from checkin.services import desk_queries
from checkin.ui.backend import DeskBackend
from checkin.ui.main_window import DeskWindow
from checkin.ui.tasks import ThreadRunner


def wait_for(app: QApplication, check, timeout_s: float = 5.0) -> None:  # type: ignore[no-untyped-def]
    # Block in the event loop (releasing the GIL) rather than spin: a busy wait here would
    # steal the interpreter from the decoding and database threads being measured.
    deadline = time.perf_counter() + timeout_s
    while not check():
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 5)
        if time.perf_counter() > deadline:
            raise TimeoutError("no verdict")


def main(count: int = 40) -> None:
    app = QApplication.instance() or QApplication([])
    store, tokens = bench_store(extra=max(count, 5))
    info = desk_queries.startup_report(store, "1").info
    assert info is not None
    runner = ThreadRunner()
    desk = DeskWindow(DeskBackend.create(store, info.workshop_id), info, runner,
                      use_camera=False)
    desk.resize(1400, 860)
    desk.show()
    sink = QVideoSink()
    desk.attach_video_sink(sink)
    frames = [frame_with(t) for t in tokens[:count]]
    lookup, admit, total = [], [], []
    for frame in frames:
        desk.back_to_scan()
        app.processEvents()
        started = time.perf_counter()
        # The frame arrives at the sink's signal, as from the camera. (Not setVideoFrame():
        # in PySide6 6.12 each call from Python drops a reference to None, and a few
        # thousand calls crash the interpreter.)
        sink.videoFrameChanged.emit(frame)
        wait_for(app, lambda: desk.screening.isVisible()
                 and desk.banner.code is OutcomeCode.READY_FOR_SCREENING)
        desk.banner.repaint()
        seen = time.perf_counter()
        desk.screening.temperature.setText("36.5")
        typed = time.perf_counter()
        desk.screening.submit()
        wait_for(app, lambda: desk.banner.code is OutcomeCode.ADMITTED)
        desk.banner.repaint()  # rendered, not just decided
        done = time.perf_counter()
        lookup.append((seen - started) * 1000)
        admit.append((done - typed) * 1000)
        total.append((seen - started + done - typed) * 1000)
    arrived = desk.backend.counters()["arrived"]
    desk._leaving = True
    desk.close()
    runner.wait()
    store.close()
    load = Path("/proc/loadavg").read_text().split()[0] if Path("/proc/loadavg").exists() \
        else "?"
    print(f"Scan to verdict, {count} scans, 1280x720 frames, SQLite WAL synchronous=FULL "
          f"({arrived} arrivals stored), "
          f"load average {load} on {os.cpu_count()} CPUs\n")
    print("| step | median ms | p95 ms | max ms |")
    print("|---|---|---|---|")
    for name, values in (("frame at sink -> look-up verdict on screen", lookup),
                         ("Enter -> ADMITTED stored and rendered", admit),
                         ("both (machine time, excluding the person)", total)):
        print(f"| {name} | {statistics.median(values):.1f} | {percentile(values, 95):.1f} | "
              f"{max(values):.1f} |")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 40)

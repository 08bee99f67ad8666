"""GUI-thread stalls while camera frames arrive at 30 fps (1280x720), a notice QR in every
tenth frame, with the scans checked in as they come.

A 1 ms heartbeat timer runs on the GUI thread; a stall is the time between two heartbeats
beyond the expected 1 ms. Run: ``QT_QPA_PLATFORM=offscreen python
benchmarks/bench_gui_stalls.py [seconds]``. Prints a markdown table (milliseconds).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from _desk_bench import bench_store, frame_with, percentile
from PySide6.QtCore import Qt, QTimer
from PySide6.QtMultimedia import QVideoSink
from PySide6.QtWidgets import QApplication

from checkin.core.outcomes import OutcomeCode
from checkin.services import desk_queries
from checkin.ui.backend import DeskBackend
from checkin.ui.main_window import DeskWindow
from checkin.ui.tasks import ThreadRunner


def main(seconds: float = 10.0) -> None:
    app = QApplication.instance() or QApplication([])
    scans = int(seconds * 3) + 2
    store, tokens = bench_store(extra=scans)
    info = desk_queries.startup_report(store, "1").info
    assert info is not None
    runner = ThreadRunner()
    desk = DeskWindow(DeskBackend.create(store, info.workshop_id), info, runner,
                      use_camera=False)
    desk.resize(1400, 860)
    desk.show()
    sink = QVideoSink()
    desk.attach_video_sink(sink)
    empty = frame_with(None)
    coded = [frame_with(t) for t in tokens[:scans]]
    state = {"n": 0, "code": 0}

    def next_frame() -> None:
        state["n"] += 1
        if state["n"] % 10 == 0 and state["code"] < len(coded):
            frame = coded[state["code"]]
            state["code"] += 1
        else:
            frame = empty
        sink.videoFrameChanged.emit(frame)  # as the camera would (see the other bench)
        # Staff answer the screening at once, so check-ins run while frames keep coming.
        if desk.screening.isVisible() and desk.screening.isEnabled():
            desk.screening.temperature.setText("36.5")
            desk.screening.submit()

    gaps: list[float] = []
    last = [time.perf_counter()]

    def beat() -> None:
        now = time.perf_counter()
        gaps.append((now - last[0]) * 1000)
        last[0] = now

    camera = QTimer()
    camera.setTimerType(Qt.TimerType.PreciseTimer)
    camera.setInterval(33)
    camera.timeout.connect(next_frame)
    heart = QTimer()
    heart.setTimerType(Qt.TimerType.PreciseTimer)
    heart.setInterval(1)
    heart.timeout.connect(beat)
    camera.start()
    heart.start()
    QTimer.singleShot(int(seconds * 1000), app.quit)
    app.exec()
    camera.stop()
    heart.stop()
    admitted = desk.backend.counters()["arrived"]
    decoded = desk.scanner.frames_decoded
    desk._leaving = True
    desk.close()
    runner.wait()
    store.close()
    stalls = [max(0.0, g - 1.0) for g in gaps[5:]]
    load = Path("/proc/loadavg").read_text().split()[0] if Path("/proc/loadavg").exists() \
        else "?"
    print(f"GUI-thread stalls over {seconds:.0f} s of 30 fps 1280x720 frames: "
          f"{state['n']} frames in, {decoded} decoded (newest wins, the rest dropped), "
          f"{admitted} admitted; load average {load} on {os.cpu_count()} CPUs\n")
    print("| measure | ms |")
    print("|---|---|")
    print(f"| longest stall | {max(stalls):.1f} |")
    print(f"| p99 stall | {percentile(stalls, 99):.1f} |")
    print(f"| p50 stall | {percentile(stalls, 50):.1f} |")
    assert desk.banner.code in (None, *OutcomeCode)


if __name__ == "__main__":
    main(float(sys.argv[1]) if len(sys.argv) > 1 else 10.0)

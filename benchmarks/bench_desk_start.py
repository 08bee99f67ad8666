"""Desk cold start: a new process until the desk window is shown and a first scan is answered.

Compared in the same run with a bare PySide6 window of the same size (1366x768) shown in a
new process: the aim of issue 12 is under 1.5x. Each process is started fresh (cold Python,
warm disk cache), ``--runs`` times, alternating the two.

Run: ``QT_QPA_PLATFORM=offscreen python benchmarks/bench_desk_start.py [--runs 5]``, or on
a real X server: ``xvfb-run -a -s "-screen 0 1366x768x24" env QT_QPA_PLATFORM=xcb python
benchmarks/bench_desk_start.py``. The desk runs through ``run_desk`` (as ``checkin demo``)
with the package's bytecode compiled first, as an installed wheel or the built app has it.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BARE = """
import sys
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
w = QMainWindow(); w.resize(1366, 768); w.show(); app.processEvents()
print("shown", flush=True)
"""

# What no desk on this store can start under: the bare window after importing the store
# (SQLAlchemy and the schema's mapped classes).
FLOOR = "import checkin.db.store\n" + BARE

# The desk as `checkin demo` opens it (demo database already prepared): the real entry
# point, run_desk; a notice is scanned through the window's own entry point the moment the
# window is on screen, and the process ends once the answer is shown.
DESK = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from checkin.ui.app import application, run_desk
from checkin.ui.main_window import DeskWindow
app = application()
seen = []
def drive():
    desks = [w for w in QApplication.topLevelWidgets()
             if isinstance(w, DeskWindow) and w.isVisible()]
    if desks and not seen:
        seen.append(1)
        desks[0].submit_token(sys.argv[2])
    elif desks and desks[0].banner.code is not None and desks[0].banner.code.name in (
            "READY_FOR_SCREENING", "ALREADY_IN"):
        print("answered", flush=True)
        desks[0].close()
        return
    QTimer.singleShot(1, drive)
QTimer.singleShot(0, drive)
QTimer.singleShot(10_000, lambda: sys.exit("no answer"))
sys.exit(run_desk(sys.argv[1], "IDB2201", lang="zh_TW"))
"""


def timed(argv: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(argv, check=True, capture_output=True)
    return (time.perf_counter() - started) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from checkin.services.demo import prepare_demo

    home = Path(tempfile.mkdtemp(prefix="checkin-bench-start-"))
    os.environ["CHECKIN_HOME"] = str(home)
    info = prepare_demo(home)
    token = sorted(info.qr_dir.glob("w01-*.png"))[0]
    from checkin.scanning.decoders import decode_file

    text = decode_file(token)[0]
    # As installed (a wheel or the PyInstaller build carry their bytecode): the package's
    # modules compiled once, even where PYTHONDONTWRITEBYTECODE is set.
    import compileall

    import checkin

    compileall.compile_dir(Path(checkin.__file__).parent, quiet=1)
    bare, floor, desk = [], [], []
    for _ in range(args.runs):
        bare.append(timed([sys.executable, "-c", BARE]))
        floor.append(timed([sys.executable, "-c", FLOOR]))
        desk.append(timed([sys.executable, "-c", DESK, info.url, text]))
    b, f, d = statistics.median(bare), statistics.median(floor), statistics.median(desk)
    load = os.getloadavg()[0]
    print(f"Cold start, {args.runs} runs each, load average {load:.2f} on "
          f"{os.cpu_count()} CPUs\n")
    print("| process | median ms | min ms |\n|---|---:|---:|")
    print(f"| bare PySide6 window 1366x768 shown | {b:.0f} | {min(bare):.0f} |")
    print(f"| bare window after importing the store (SQLAlchemy) | {f:.0f} | {min(floor):.0f} |")
    print(f"| desk window shown, first scan answered | {d:.0f} | {min(desk):.0f} |")
    print(f"\nratio {d / b:.1f}x the bare window (aim: under 1.5x); "
          f"{f / b:.1f}x for the store's import alone")


if __name__ == "__main__":
    main()

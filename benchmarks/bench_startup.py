"""Benchmark: start-up of whole `checkin` processes, against importing SQLAlchemy alone.

Run: .venv/bin/python benchmarks/bench_startup.py [--n 20] [--compare OTHER_CHECKOUT]
Prints a markdown table: median and p95 of wall-clock milliseconds per process, and the
median CPU milliseconds (user + system), which a busy machine disturbs less.
Each command runs as the console script does (`from checkin.cli import main`) in a new
interpreter, on a demo database prepared once (already at the current schema). The floor is
`python -c pass`; `import sqlalchemy` is the cost no database command can avoid. With
``--compare`` the same commands run from another checkout too (e.g. before a change).
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONSOLE_SCRIPT = "import sys; from checkin.cli import main; sys.exit(main())"


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(argv: list[str], env: dict[str, str], n: int,
          cwd: Path) -> tuple[float, float, float]:
    """Wall median, wall p95 and CPU median in ms of ``n`` runs (after one warm-up run)."""
    samples, cpu = [], []
    for i in range(n + 1):
        start, start_cpu = time.perf_counter(), _cpu()
        # cwd: `python -c` puts the current folder first on sys.path, before PYTHONPATH.
        subprocess.run(argv, env=env, cwd=cwd, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, check=False)
        if i:  # the first run warms the page cache and writes the .pyc files
            samples.append((time.perf_counter() - start) * 1000)
            cpu.append((_cpu() - start_cpu) * 1000)
    samples.sort()
    return (statistics.median(samples), samples[max(0, round(0.95 * len(samples)) - 1)],
            statistics.median(cpu))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=20, help="runs per command")
    parser.add_argument("--compare", type=Path, help="another checkout to time as well")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="bench-startup-"))
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CHECKIN_HOME": str(work / "home"),
           "QT_QPA_PLATFORM": "offscreen"}
    home = work / "demo"
    subprocess.run([sys.executable, "-c", CONSOLE_SCRIPT, "demo", "--no-gui", "--home",
                    str(home)], env=env, cwd=work, check=True, stdout=subprocess.DEVNULL)
    db = f"sqlite:///{home / 'demo.sqlite3'}"
    commands = {
        "checkin --help": ["--help"],
        "checkin admit (ALREADY_IN after the first)": [
            "admit", "--db", db, "--workshop", "1", "--registration", "3",
            "--temperature", "36.5"],
        "checkin export --format csv": ["export", "--db", db, "--workshop", "1",
                                        "--format", "csv"],
    }
    rows: list[tuple[str, float, float, float]] = []
    py = sys.executable
    rows.append(("python -c pass", *timed([py, "-c", "pass"], env, args.n, work)))
    rows.append(("python -c 'import sqlalchemy'",
                 *timed([py, "-c", "import sqlalchemy"], env, args.n, work)))
    checkouts = [("", ROOT)] + ([(" (compared)", args.compare.resolve())]
                                if args.compare else [])
    for label, root in checkouts:
        run_env = {**env, "PYTHONPATH": str(root)}
        for name, argv in commands.items():
            rows.append((name + label, *timed([py, "-c", CONSOLE_SCRIPT, *argv], run_env,
                                              args.n, work)))

    print(f"{date.today()}, {os.cpu_count()} cores {platform.machine()}, Python "
          f"{platform.python_version()}, {args.n} runs each\n")
    print("| process | median ms | p95 ms | CPU median ms |\n|---|---:|---:|---:|")
    for name, median, p95, cpu in rows:
        print(f"| {name} | {median:.0f} | {p95:.0f} | {cpu:.0f} |")


if __name__ == "__main__":
    main()

"""Many desks on one central PostgreSQL: exchange latency and server CPU for N desks.

Run: .venv/bin/python benchmarks/bench_desks.py [--desks 10,50,200] [--duration 90]
Needs the PostgreSQL server at 127.0.0.1:5432 (user postgres). Per N it creates a central
database with ``init_central``, N workshops of ``--people`` registrations, and N desks with
``add_desk`` (each its own login, its own workshop); then it runs the desks for
``--duration`` seconds of wall time: every desk checks its people in with
``CheckinService.check_in`` (a morning of arrivals compressed into the run) and exchanges
with ``sync_desk`` every ``--interval`` seconds (30 s, as during the day: the exchange rate
is real, only the arrivals are compressed), the first exchange at a random offset.

Each exchange is the real one: a fresh engine and connection under the desk's login, check,
push, roster pull, event pull, verification. Desks are threads, ``--procs`` processes share
them (2 cores: 200 processes would measure the scheduler, not the server).

Server CPU: utime+stime of every process of the PostgreSQL cluster from /proc, read before
and after the run, plus what the postmaster collected from backends that exited (cutime,
cstime): a connection per exchange means most backends live for one exchange only. It is
the whole server, other databases included; the sampled share of this run's own database
is printed beside it. Everything created (databases, roles: roles are cluster-wide) is
dropped at the end.
"""

from __future__ import annotations

import argparse
import copy
import json
import multiprocessing as mp
import os
import random
import resource
import secrets
import shutil
import statistics
import sys
import tempfile
import threading
import time
from datetime import datetime
from pathlib import Path
from typing import Any

import psycopg
from _pg import ADMIN, admin

TICK = os.sysconf("SC_CLK_TCK")


# --- server CPU from /proc -------------------------------------------------------------

def _postmaster() -> int:
    with psycopg.connect(ADMIN) as conn:
        path = conn.execute("SHOW data_directory").fetchone()[0]  # type: ignore[index]
    with open(Path(path) / "postmaster.pid") as fh:
        return int(fh.readline())


def _stat(pid: int) -> list[str] | None:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            data = fh.read()
    except OSError:
        return None
    return data[data.rindex(")") + 2:].split()  # fields from "state" on (index 0 = field 3)


def server_cpu(postmaster: int) -> float:
    """CPU seconds the cluster has used: live processes plus reaped backends."""
    total = 0.0
    pm = _stat(postmaster)
    if pm is None:
        return 0.0
    total += sum(int(pm[i]) for i in (11, 12, 13, 14))  # utime stime cutime cstime
    for name in os.listdir("/proc"):
        if not name.isdigit() or int(name) == postmaster:
            continue
        st = _stat(int(name))
        if st is not None and int(st[1]) == postmaster:
            total += int(st[11]) + int(st[12])
    return total / TICK


class Sampler(threading.Thread):
    """Samples the backends of one database every 20 ms: their CPU (a lower bound, since
    a backend's last few milliseconds fall after its last sample) and how many there are."""

    def __init__(self, postmaster: int, dbname: str) -> None:
        super().__init__(daemon=True)
        self.postmaster, self.dbname = postmaster, dbname
        self.seen: dict[int, float] = {}
        self.peak = 0
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.wait(0.02):
            ours = 0
            for name in os.listdir("/proc"):
                if not name.isdigit():
                    continue
                st = _stat(int(name))
                if st is None or int(st[1]) != self.postmaster:
                    continue
                try:
                    with open(f"/proc/{name}/cmdline", "rb") as fh:
                        cmd = fh.read().decode(errors="replace")
                except OSError:
                    continue
                if f" {self.dbname} " in cmd:
                    ours += 1
                    self.seen[int(name)] = (int(st[11]) + int(st[12])) / TICK
            self.peak = max(self.peak, ours)


# --- the desks -------------------------------------------------------------------------

def desk_loop(desk: dict[str, Any], t0: float, args: dict[str, Any],
              out: list[dict[str, Any]]) -> None:
    from checkin.services.checkin import CheckinService, Who
    from checkin.sync.runner import sync_desk

    store, link, people = desk["store"], desk["link"], desk["people"]
    service = CheckinService(store)
    rnd = random.Random(desk["name"])
    window = args["duration"] * args["arrive_share"]
    arrivals = sorted(rnd.uniform(0, window) for _ in people)
    exchanges = []
    at = rnd.uniform(0, args["interval"])
    while at < args["duration"]:
        exchanges.append(at)
        at += args["interval"]
    todo = sorted([(a, "arrive", p) for a, p in zip(arrivals, people, strict=True)]
                  + [(e, "exchange", None) for e in exchanges], key=lambda x: x[0])
    for when, what, person in todo:
        delay = t0 + when - time.time()
        if delay > 0:
            time.sleep(delay)
        if what == "arrive":
            service.check_in(desk["workshop"], Who(registration_id=person), temperature="36.5")
            continue
        start, cpu = time.perf_counter(), time.thread_time()
        report = sync_desk(store, link)
        out.append({"at": time.time() - t0, "ms": (time.perf_counter() - start) * 1000,
                    "cpu_ms": (time.thread_time() - cpu) * 1000,
                    "status": report.status, "sent": report.sent,
                    "late_ms": max(0.0, (time.time() - t0 - when) * 1000)})


def worker(desks: list[dict[str, Any]], template: str, args: dict[str, Any],
           ready: Any, go: Any, results: Any) -> None:
    """One process: sets its desks up (join, first sync), then runs them as threads."""
    from sqlalchemy import select

    from checkin.core.clock import FixedClock
    from checkin.db.engine import sqlite_url
    from checkin.db.models import RegistrationRow
    from checkin.db.store import Store
    from checkin.sync.link import DeskLink, write_private_json
    from checkin.sync.runner import join, sync_desk

    morning = datetime.fromisoformat(args["morning"])
    home = Path(tempfile.mkdtemp(prefix="checkin-desks-"))
    running = []
    try:
        for d in desks:
            folder = home / d["name"]
            folder.mkdir()
            shutil.copy(template, folder / "desk.sqlite3")
            url = sqlite_url(folder / "desk.sqlite3")
            store = Store.open(url, clock=FixedClock(morning))
            write_private_json(folder / "prov.json", d["link"])
            link = join(store, url, str(folder / "prov.json"))
            first = sync_desk(store, link)
            assert first.done, first.summary()
            with store.sessions() as session:
                people = list(session.scalars(select(RegistrationRow.id).where(
                    RegistrationRow.workshop_id == d["workshop"]).order_by(RegistrationRow.id)))
            running.append({"name": d["name"], "store": store, "link": DeskLink.from_json(
                d["link"]), "workshop": d["workshop"], "people": people[:args["arrivals"]]})
        ready.put(os.getpid())
        t0 = go.get()
        out: list[dict[str, Any]] = []
        before = resource.getrusage(resource.RUSAGE_SELF)
        threads = [threading.Thread(target=desk_loop, args=(d, t0, args, out)) for d in running]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        after = resource.getrusage(resource.RUSAGE_SELF)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        results.put({"samples": out, "cpu": cpu})
    finally:
        for d in running:
            d["store"].close()
        shutil.rmtree(home, ignore_errors=True)


# --- set-up ----------------------------------------------------------------------------

def provision(url: str, prefix: str, n: int, people: int) -> list[dict[str, Any]]:
    from checkin.core.tokens import new_token, token_hash
    from checkin.db import repo
    from checkin.db.engine import session_maker
    from checkin.services.catalogue import brochure, install_default_profile, install_workshops
    from checkin.sync.central import add_desk, init_central

    data = copy.deepcopy(brochure())
    base = data["workshops"][0]
    data["workshops"] = []
    for i in range(1, n + 1):  # one venue per desk, all on the same morning
        item = dict(base, number=i, code=f"BD{i:05d}", title=f"bench {i}")
        data["workshops"].append(item)
    data["capacity"] = people + 10
    engine = init_central(url, prefix=prefix)
    with session_maker(engine).begin() as session:
        install_workshops(session, data)
        session.flush()
        install_default_profile(session)
        for w in range(1, n + 1):
            for p in range(people):
                session.add(repo.new_registration_row(
                    workshop_id=w, name=f"學員{w:03d}-{p:03d}", company=f"公司{w:03d}-{p:03d}",
                    tax_id=None, email=None, phone=None,
                    token_hash=token_hash(new_token(f"BD{w:05d}")), token=None))
    desks = []
    for w in range(1, n + 1):
        link = add_desk(engine, f"desk{w:03d}", [w])
        desks.append({"name": f"desk{w:03d}", "workshop": w, "link": link.to_json()})
    engine.dispose()
    return desks


def cleanup(prefix: str, db: str) -> None:
    admin(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
    with psycopg.connect(ADMIN, autocommit=True) as conn:
        roles = [r[0] for r in conn.execute(
            "SELECT rolname FROM pg_roles WHERE starts_with(rolname, %s)"
            " ORDER BY rolname = %s", (prefix, f"{prefix}desk"))]
        for role in roles:  # desk logins first, their group last
            conn.execute(f'DROP ROLE IF EXISTS "{role}"')  # type: ignore[arg-type]


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def run(n: int, args: argparse.Namespace, template: str) -> dict[str, Any]:
    prefix = f"ckd{secrets.token_hex(3)}_"
    db = f"{prefix}central"
    admin(f'CREATE DATABASE "{db}"')
    workers: list[Any] = []
    try:
        t = time.perf_counter()
        desks = provision(f"postgresql+psycopg://postgres@127.0.0.1:5432/{db}", prefix, n,
                          args.people)
        setup_s = time.perf_counter() - t
        procs = min(args.procs, n)
        ctx = mp.get_context("spawn")
        ready, go, results = ctx.Queue(), ctx.Queue(), ctx.Queue()
        shared = {"duration": args.duration, "interval": args.interval,
                  "arrive_share": 0.8, "arrivals": args.arrivals,
                  "morning": "2022-04-29T08:40:00+08:00"}
        workers = [ctx.Process(target=worker, args=(desks[i::procs], template, shared, ready,
                                                    go, results)) for i in range(procs)]
        for p in workers:
            p.start()
        for _ in workers:
            ready.get(timeout=1200)
        join_s = time.perf_counter() - t - setup_s
        pm = _postmaster()
        idle0 = server_cpu(pm)
        time.sleep(5.0)  # what the server does without us (other users of the server)
        background = (server_cpu(pm) - idle0) / 5.0
        sampler = Sampler(pm, db)
        sampler.start()
        load0 = os.getloadavg()[0]
        cpu0, wall0 = server_cpu(pm), time.perf_counter()
        t0 = time.time() + 1.0
        for _ in workers:
            go.put(t0)
        got = [results.get(timeout=args.duration * 20 + 600) for _ in workers]
        cpu1, wall1 = server_cpu(pm), time.perf_counter()
        load1 = os.getloadavg()[0]
        sampler.stop.set()
        for p in workers:
            p.join()
        samples = [s for g in got for s in g["samples"]]
        ok = [s["ms"] for s in samples if s["status"] == "DONE"]
        bad: dict[str, int] = {}
        for s in samples:
            if s["status"] != "DONE":
                bad[s["status"]] = bad.get(s["status"], 0) + 1
        wall = wall1 - wall0
        return {
            "n": n, "exchanges": len(samples), "failed": bad,
            "p50": statistics.median(ok) if ok else float("nan"),
            "desk_cpu_p50": statistics.median(s["cpu_ms"] for s in samples),
            "desk_cpu_p95": pct([s["cpu_ms"] for s in samples], 0.95),
            "as_desks": round(n * 30 / args.interval),
            "p95": pct(ok, 0.95) if ok else float("nan"),
            "max": max(ok) if ok else float("nan"),
            "rate": len(samples) / args.duration,
            "server_cpu": (cpu1 - cpu0) / wall, "background_cpu": background,
            "own_db_cpu": sum(sampler.seen.values()) / wall,
            "desk_cpu": sum(g["cpu"] for g in got) / wall,
            "peak_backends": sampler.peak, "late_p95": pct([s["late_ms"] for s in samples], 0.95),
            "sent": sum(s["sent"] for s in samples), "setup_s": setup_s, "join_s": join_s,
            "load": (load0, load1), "procs": procs,
        }
    finally:
        for p in workers:  # interrupted: the desks stop before their database goes
            if p.is_alive():
                p.terminate()
                p.join()
        cleanup(prefix, db)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--desks", default="10,50,200")
    parser.add_argument("--duration", type=float, default=90.0, help="seconds per N")
    parser.add_argument("--interval", type=float, default=30.0, help="seconds between exchanges")
    parser.add_argument("--people", type=int, default=50, help="registrations per workshop")
    parser.add_argument("--arrivals", type=int, default=40, help="arrivals per desk in the run")
    parser.add_argument("--procs", type=int, default=4, help="processes the desks share")
    parser.add_argument("--json", type=Path, default=None, help="also write the rows here")
    args = parser.parse_args()

    from checkin.db.engine import sqlite_url
    from checkin.db.store import Store

    home = Path(tempfile.mkdtemp(prefix="checkin-desks-template-"))
    template = home / "desk.sqlite3"
    Store.open(sqlite_url(template)).close()  # migrated once, copied per desk
    rows = []
    try:
        for n in (int(x) for x in args.desks.split(",")):
            row = run(n, args, str(template))
            rows.append(row)
            print(json.dumps(row), file=sys.stderr, flush=True)
    finally:
        shutil.rmtree(home, ignore_errors=True)
    print(f"\n{args.duration:.0f} s per N, exchange every {args.interval:.0f} s per desk, "
          f"{args.arrivals} arrivals per desk in the run; CPU in cores (1.0 = one core busy)\n")
    print("| desks | as desks at 30 s | exchanges | failed | exchange p50 ms | p95 ms | max ms | "
          "desk's own CPU per exchange p50/p95 ms | server CPU | "
          "of which this database (sampled) | desk processes CPU | peak backends | load |")
    print("|---:|---:|---:|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---|")
    for r in rows:
        failed = ", ".join(f"{k} {v}" for k, v in r["failed"].items()) or "0"
        print(f"| {r['n']} | {r['as_desks']} | {r['exchanges']} | {failed} | {r['p50']:.0f} | "
              f"{r['p95']:.0f} | {r['max']:.0f} | "
              f"{r['desk_cpu_p50']:.0f}/{r['desk_cpu_p95']:.0f} | {r['server_cpu']:.2f} | "
              f"{r['background_cpu']:.2f} | "
              f"{r['own_db_cpu']:.2f} | "
              f"{r['desk_cpu']:.2f} | {r['peak_backends']} | "
              f"{r['load'][0]:.1f}-{r['load'][1]:.1f} |")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())

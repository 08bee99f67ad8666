"""Push 10,000 events to PostgreSQL as a desk, against a raw bulk insert of the same rows.

Run: .venv/bin/python benchmarks/bench_sync.py [--events 10000] [--rounds 5]
Needs the PostgreSQL server at 127.0.0.1:5432 (user postgres); creates and drops its own
databases and roles. Prints a markdown table.

Each round runs the three in turn (push, COPY, executemany) on emptied tables, so a busy
moment of the shared machine falls on all three; the table gives the median of the rounds
and the ratio is the median of the per-round ratios.
"""

from __future__ import annotations

import argparse
import os
import secrets
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psycopg
from _pg import admin
from sqlalchemy import select

from checkin.core.tokens import new_token, token_hash
from checkin.db import repo
from checkin.db.engine import open_database, session_maker, sqlite_url
from checkin.db.models import OutboxRow, RegistrationRow, ScreeningRow
from checkin.db.store import Store
from checkin.services.catalogue import install_default_profile, install_workshops
from checkin.sync.central import add_desk, desk_role, init_central
from checkin.sync.link import write_private_json
from checkin.sync.push import load_batch, pending_ids, push_outbox
from checkin.sync.runner import central_engine, join, sync_desk


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--people", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    prefix = f"ckb{secrets.token_hex(3)}_"
    dbs = [f"{prefix}push", f"{prefix}raw"]
    for db in dbs:
        admin(f'CREATE DATABASE "{db}"')
    tmp = Path(tempfile.mkdtemp())
    try:
        urls = [f"postgresql+psycopg://postgres@127.0.0.1:5432/{db}" for db in dbs]
        # One role prefix per database: roles are shared by the server.
        for url, own in zip(urls, (prefix, f"{prefix}raw_"), strict=True):
            engine = init_central(url, prefix=own)
            with session_maker(engine).begin() as session:
                install_workshops(session)
                session.flush()
                install_default_profile(session)
                for n in range(args.people):
                    token = new_token("IDB2201")
                    session.add(repo.new_registration_row(
                        workshop_id=1, name=f"P{n}", company=f"C{n}", tax_id=None,
                        email=None, phone=None, token_hash=token_hash(token), token=None))
            engine.dispose()
        engine = open_database(urls[0])
        link = add_desk(engine, "bench", [1])
        engine.dispose()
        prov = tmp / "prov.json"
        write_private_json(prov, link.to_json())
        desk_url = sqlite_url(tmp / "desk.sqlite3")
        store = Store.open(desk_url)
        join(store, desk_url, str(prov))
        assert sync_desk(store, link).done  # roster down
        with store.sessions.begin() as session:
            regs = list(session.scalars(select(RegistrationRow.id)))
            start = datetime(2022, 4, 29, 0, 30, tzinfo=UTC)
            for i in range(args.events):
                eid = str(uuid.uuid4())
                session.execute(repo.EventRow.__table__.insert(), [{
                    "id": eid, "workshop_id": 1, "registration_id": regs[i % len(regs)],
                    "desk_id": store.desk_id, "desk_name": store.desk_name, "seq": i + 1,
                    "wall_time": start + timedelta(seconds=i), "kind": "arrival",
                    "outcome": "REMEASURE", "reason": None, "supervisor": None,
                    "target_event_id": None}])
                session.add(ScreeningRow(event_id=eid, temperature=37.8, travel=False,
                                         contact=False, symptoms=False))
                session.add(OutboxRow(event_id=eid, created_at=start, attempts=0))
        ids = pending_ids(store)
        batch = load_batch(store, ids)

        cols = list(batch.events[0])
        scols = list(batch.screenings[0])
        raw_dsn = f"host=127.0.0.1 user=postgres dbname={dbs[1]}"
        push_dsn = f"host=127.0.0.1 user=postgres dbname={dbs[0]}"

        def empty(dsn: str) -> None:
            with psycopg.connect(dsn) as conn:
                conn.execute("DELETE FROM screenings")
                conn.execute("DELETE FROM events")
                conn.commit()

        def push() -> float:
            empty(push_dsn)
            with store.sessions.begin() as session:  # everything unsent again
                session.execute(OutboxRow.__table__.update().values(
                    sent_at=None, attempts=0, last_error=None))
            central = central_engine(link)
            t0 = time.perf_counter()
            result = push_outbox(central, store)
            secs = time.perf_counter() - t0
            central.dispose()
            assert result.confirmed == args.events, result
            return secs

        def copy_rows() -> float:
            # The baseline: the same event and screening rows, one COPY each, as postgres.
            empty(raw_dsn)
            t0 = time.perf_counter()
            with psycopg.connect(raw_dsn) as conn:
                with conn.cursor() as cur, cur.copy(
                        f"COPY events ({', '.join(cols)}) FROM STDIN") as copy:
                    for row in batch.events:
                        copy.write_row([row[c] for c in cols])
                with conn.cursor() as cur, cur.copy(
                        f"COPY screenings ({', '.join(scols)}) FROM STDIN") as copy:
                    for row in batch.screenings:
                        copy.write_row([row[c] for c in scols])
            return time.perf_counter() - t0

        def executemany() -> float:
            empty(raw_dsn)
            with psycopg.connect(raw_dsn) as conn:
                t0 = time.perf_counter()
                with conn.cursor() as cur:
                    cur.executemany(
                        f"INSERT INTO events ({', '.join(cols)}) VALUES "
                        f"({', '.join(['%s'] * len(cols))})",
                        [[row[c] for c in cols] for row in batch.events])
                    cur.executemany(
                        f"INSERT INTO screenings ({', '.join(scols)}) VALUES "
                        f"({', '.join(['%s'] * len(scols))})",
                        [[row[c] for c in scols] for row in batch.screenings])
                conn.commit()
                return time.perf_counter() - t0

        rounds: list[tuple[float, float, float]] = []
        for _ in range(args.rounds):
            rounds.append((push(), copy_rows(), executemany()))
        store.close()
        n = args.events
        names = ("checkin push (desk login, RLS, batches of 2,000, confirmed)",
                 "raw bulk insert: COPY as postgres",
                 "raw bulk insert: executemany INSERT as postgres")
        print(f"{args.rounds} rounds, load average {os.getloadavg()[0]:.1f}\n")
        print(f"| measure ({n:,} events + screenings) | seconds (median) | events/s | "
              "vs executemany | vs COPY |")
        print("|---|---:|---:|---:|---:|")
        for i, name in enumerate(names):
            secs = statistics.median(r[i] for r in rounds)
            many = statistics.median(r[i] / r[2] for r in rounds)
            copy_ = statistics.median(r[i] / r[1] for r in rounds)
            print(f"| {name} | {secs:.2f} | {n / secs:,.0f} | {many:.2f}x | {copy_:.2f}x |")
        push_many = [r[0] / r[2] for r in rounds]
        print(f"\npush / executemany per round: {', '.join(f'{x:.2f}' for x in push_many)}")
        return 0
    finally:
        for db in dbs:
            admin(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
        admin(f'DROP ROLE IF EXISTS "{desk_role(prefix, "bench")}"')
        for group in (f"{prefix}desk", f"{prefix}raw_desk"):
            admin(f'DROP ROLE IF EXISTS "{group}"')


if __name__ == "__main__":
    sys.exit(main())

"""Pull a 5,000-registration roster from PostgreSQL into a fresh desk, then an update of 50.

Run: .venv/bin/python benchmarks/bench_roster.py [--people 5000]
Needs PostgreSQL at 127.0.0.1:5432 (user postgres); creates and drops its own database and
roles. Prints a markdown table.
"""

from __future__ import annotations

import argparse
import secrets
import sys
import tempfile
import time
from pathlib import Path

from _pg import admin

from checkin.core.tokens import new_token, token_hash
from checkin.db import repo
from checkin.db.engine import session_maker, sqlite_url
from checkin.db.store import Store
from checkin.services.catalogue import install_default_profile, install_workshops
from checkin.sync.central import add_desk, desk_role, init_central
from checkin.sync.link import write_private_json
from checkin.sync.pull import pull_roster
from checkin.sync.runner import central_engine, join


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=5000)
    args = parser.parse_args()
    prefix = f"ckr{secrets.token_hex(3)}_"
    db = f"{prefix}roster"
    admin(f'CREATE DATABASE "{db}"')
    tmp = Path(tempfile.mkdtemp())
    try:
        url = f"postgresql+psycopg://postgres@127.0.0.1:5432/{db}"
        engine = init_central(url, prefix=prefix)
        with session_maker(engine).begin() as session:
            install_workshops(session)
            session.flush()
            install_default_profile(session)
            for n in range(args.people):
                token = new_token("IDB2201")
                session.add(repo.new_registration_row(
                    workshop_id=1, name=f"學員{n:05d}", company=f"公司{n % 900}", tax_id=None,
                    email=f"p{n}@example.tw", phone=f"0912{n:06d}",
                    token_hash=token_hash(token), token=token))
        link = add_desk(engine, "bench", [1])
        prov = tmp / "prov.json"
        write_private_json(prov, link.to_json())
        desk_url = sqlite_url(tmp / "desk.sqlite3")
        store = Store.open(desk_url)
        join(store, desk_url, str(prov))
        central = central_engine(link)
        t0 = time.perf_counter()
        full = pull_roster(central, store, [1])
        full_s = time.perf_counter() - t0
        with engine.begin() as conn:
            conn.exec_driver_sql("UPDATE registrations SET status = 'cancelled' "
                                 "WHERE id IN (SELECT id FROM registrations LIMIT 50)")
        t0 = time.perf_counter()
        delta = pull_roster(central, store, [1])
        delta_s = time.perf_counter() - t0
        central.dispose()
        engine.dispose()
        store.close()
        assert full.registrations == args.people and delta.registrations == 50
        print("| roster pull (desk login, SQLite desk) | registrations | seconds |")
        print("|---|---:|---:|")
        print(f"| first pull (full) | {full.registrations:,} | {full_s:.2f} |")
        print(f"| next pull after 50 cancellations (watermark) | {delta.registrations} "
              f"| {delta_s:.2f} |")
        return 0
    finally:
        admin(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
        admin(f'DROP ROLE IF EXISTS "{desk_role(prefix, "bench")}"')
        for group in (f"{prefix}desk", f"{prefix}raw_desk"):
            admin(f'DROP ROLE IF EXISTS "{group}"')


if __name__ == "__main__":
    sys.exit(main())

"""Helpers for the engine tests: a workshop builder and plain-sqlite3 readers of the file."""

from __future__ import annotations

import copy
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from checkin.core.clock import TAIPEI
from checkin.core.tokens import new_token, token_hash
from checkin.db import repo
from checkin.db.engine import sqlite_url
from checkin.db.store import Store
from checkin.services.catalogue import brochure, install_default_profile, install_workshops

# The demo workshop's morning: check-in open since 08:30, lectures at 09:00.
MORNING = datetime(2022, 4, 29, 8, 45, tzinfo=TAIPEI)


@dataclass(frozen=True)
class Person:
    id: int
    workshop_id: int
    name: str
    company: str
    tax_id: str | None
    phone: str | None
    status: str
    token: str


@dataclass(frozen=True)
class Built:
    """A database file with registrations whose tokens the test knows."""

    path: Path
    workshop_id: int
    code: str
    people: tuple[Person, ...]

    @property
    def url(self) -> str:
        return sqlite_url(self.path)

    def named(self, name: str) -> list[Person]:
        return [p for p in self.people if p.name == name]

    def of_workshop(self, workshop_id: int) -> list[Person]:
        return [p for p in self.people if p.workshop_id == workshop_id]


def read_people(path: Path) -> tuple[Person, ...]:
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute(
            "SELECT id, workshop_id, name, company, tax_id, phone, status, token "
            "FROM registrations ORDER BY id").fetchall()
    finally:
        conn.close()
    return tuple(Person(*row) for row in rows)


def count(path: Path, table: str, where: str = "1=1") -> int:
    """Rows of a table, read with plain sqlite3 (not through the code under test)."""
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute(f"SELECT count(*) FROM {table} WHERE {where}").fetchone()[0])
    finally:
        conn.close()


def integrity(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
    finally:
        conn.close()


def build_workshop(folder: Path, n: int, *, capacity: int = 50, company_cap: int = 2,
                   company: Callable[[int], tuple[str, str | None]] | None = None,
                   status: Callable[[int], str] | None = None,
                   name: Callable[[int], str] | None = None,
                   phone: Callable[[int], str | None] | None = None) -> Built:
    """The brochure's workshops with ``n`` registrations at workshop 1 (IDB2201).

    ``company(i)`` gives (company name, tax id) of the i-th person; by default every person
    works for a different company so that the company cap does not interfere.
    """
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "desk.sqlite3"
    data = copy.deepcopy(brochure())
    for item in data["workshops"]:
        if item["number"] == 1:
            item["capacity"] = capacity
            item["company_cap"] = company_cap
    store = Store.open(sqlite_url(path), desk_name="builder")
    try:
        with store.sessions.begin() as session:
            install_workshops(session, data)
            session.flush()
            install_default_profile(session)
            for i in range(n):
                token = new_token("IDB2201")
                firm, tax_id = company(i) if company else (f"測試{i:05d}有限公司", None)
                session.add(repo.new_registration_row(
                    workshop_id=1, name=name(i) if name else f"學員{i:05d}", company=firm,
                    tax_id=tax_id, email=None,
                    phone=phone(i) if phone else f"09{i:08d}",
                    token_hash=token_hash(token), token=token,
                    status=status(i) if status else "registered"))
    finally:
        store.close()
    return Built(path=path, workshop_id=1, code="IDB2201", people=read_people(path))



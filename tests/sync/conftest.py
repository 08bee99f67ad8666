"""Fixtures of the sync tests: a fresh central PostgreSQL database per test, desks on it.

One migrated and initialised template database is built per run; each test copies it
(CREATE DATABASE ... TEMPLATE), which takes a fraction of a second. Every database and
role of a run carries a random prefix, so parallel runs on one server never collide.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, time
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import select

from checkin.core.clock import TAIPEI, FixedClock
from checkin.core.tokens import new_token, token_hash
from checkin.db import repo
from checkin.db.engine import open_database, session_maker, sqlite_url
from checkin.db.models import WorkshopRow
from checkin.db.store import Store
from checkin.services.catalogue import install_default_profile, install_workshops
from checkin.sync.central import add_desk, init_central
from checkin.sync.link import DeskLink, write_private_json
from checkin.sync.runner import join

HOST = "127.0.0.1"
PORT = 5432
ADMIN_DSN = f"host={HOST} port={PORT} user=postgres dbname=postgres"
PEOPLE_PER_WORKSHOP = 12
COMPANIES = ("台灣綠能股份有限公司", "中興精密工業", "南港電子", "大安化工")


def pg_url(dbname: str, port: int = PORT) -> str:
    return f"postgresql+psycopg://postgres@{HOST}:{port}/{dbname}"


def _admin(sql: str, *params: object) -> list[tuple[object, ...]]:
    with psycopg.connect(ADMIN_DSN, autocommit=True) as conn:
        cur = conn.execute(sql, params or None)  # type: ignore[arg-type]
        return cur.fetchall() if cur.description else []


@dataclass
class Template:
    prefix: str
    dbname: str
    tokens: dict[int, str] = field(default_factory=dict)  # registration id -> token
    by_workshop: dict[int, list[int]] = field(default_factory=dict)
    counter: int = 0


@pytest.fixture(scope="session")
def pg_template() -> Iterator[Template]:
    try:
        _admin("SELECT 1")
    except psycopg.OperationalError as exc:  # a clear error, not a skip: CI has the server
        pytest.fail(f"PostgreSQL is not reachable at {HOST}:{PORT}: {exc}")
    prefix = f"ckt{secrets.token_hex(4)}_"
    tmpl = Template(prefix=prefix, dbname=f"{prefix}tmpl")
    _admin(f'CREATE DATABASE "{tmpl.dbname}"')
    try:
        engine = init_central(pg_url(tmpl.dbname), prefix=prefix)
        with session_maker(engine).begin() as session:
            install_workshops(session)
            session.flush()
            install_default_profile(session)
            codes = {w.id: w.code for w in session.scalars(select(WorkshopRow))}
            rows = []
            for workshop in (1, 2, 3):
                for n in range(PEOPLE_PER_WORKSHOP):
                    token = new_token(codes[workshop])
                    row = repo.new_registration_row(
                        workshop_id=workshop, name=f"學員{workshop}-{n:02d}",
                        company=COMPANIES[n % len(COMPANIES)], tax_id=None,
                        email=f"p{workshop}{n}@example.tw", phone=f"0912-000-{workshop}{n:02d}",
                        token_hash=token_hash(token), token=token)
                    session.add(row)
                    rows.append((workshop, row, token))
            session.flush()
            for workshop, row, token in rows:
                tmpl.tokens[row.id] = token
                tmpl.by_workshop.setdefault(workshop, []).append(row.id)
        engine.dispose()
        yield tmpl
    finally:
        for (name,) in _admin("SELECT datname FROM pg_database WHERE datname LIKE %s",
                              prefix + "%"):
            _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        for (role,) in _admin("SELECT rolname FROM pg_roles WHERE rolname LIKE %s "
                              "ORDER BY rolname = %s", prefix + "%", prefix + "desk"):
            _admin(f'DROP ROLE IF EXISTS "{role}"')


@dataclass
class Central:
    """One fresh central database of a test."""

    template: Template
    dbname: str

    @property
    def url(self) -> str:
        return pg_url(self.dbname)

    def url_via(self, port: int) -> str:
        """The database behind another port (the cutting proxy), with no user in it."""
        return f"postgresql+psycopg://{HOST}:{port}/{self.dbname}"

    def token(self, registration_id: int) -> str:
        return self.template.tokens[registration_id]

    def people(self, workshop: int) -> list[int]:
        return self.template.by_workshop[workshop]

    def copy(self) -> Central:
        """A copy of this database as it is now (no connections may be open to it)."""
        self.template.counter += 1
        name = f"{self.template.prefix}t{self.template.counter}"
        _admin(f'CREATE DATABASE "{name}" TEMPLATE "{self.dbname}"')
        return Central(self.template, name)

    def scalar(self, sql: str, *params: object) -> object:
        with psycopg.connect(f"host={HOST} port={PORT} user=postgres dbname={self.dbname}",
                             autocommit=True) as conn:
            row = conn.execute(sql, params or None).fetchone()  # type: ignore[arg-type]
            return row[0] if row else None

    def rows(self, sql: str, *params: object) -> list[tuple[object, ...]]:
        with psycopg.connect(f"host={HOST} port={PORT} user=postgres dbname={self.dbname}",
                             autocommit=True) as conn:
            return conn.execute(sql, params or None).fetchall()  # type: ignore[arg-type]


@pytest.fixture
def central(pg_template: Template) -> Iterator[Central]:
    pg_template.counter += 1
    name = f"{pg_template.prefix}t{pg_template.counter}"
    _admin(f'CREATE DATABASE "{name}" TEMPLATE "{pg_template.dbname}"')
    db = Central(pg_template, name)
    yield db
    # Desk roles of this test: drop the databases holding their grants first.
    roles = [str(r[0]) for r in db.rows("SELECT role_name FROM sync_desks")]
    _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    for (other,) in _admin("SELECT datname FROM pg_database WHERE datname LIKE %s "
                           "AND datname <> %s", pg_template.prefix + "t%", pg_template.dbname):
        _admin(f'DROP DATABASE IF EXISTS "{other}" WITH (FORCE)')
    for role in roles:
        _admin(f'DROP ROLE IF EXISTS "{role}"')


WORKSHOP_1_MORNING = datetime.combine(datetime(2022, 4, 29).date(), time(8, 45), TAIPEI)


@dataclass
class Desk:
    store: Store
    link: DeskLink
    url: str
    clock: FixedClock


def open_desk(tmp_path: Path, central: Central, name: str, workshops: tuple[int, ...] = (1,),
              desk_id: str | None = None) -> Desk:
    """Provision a desk centrally and set it up from its provisioning file, as staff would."""
    engine = open_database(central.url)
    try:
        link = add_desk(engine, name, workshops, desk_id=desk_id)
    finally:
        engine.dispose()
    folder = tmp_path / name
    folder.mkdir(parents=True, exist_ok=True)
    provisioning = folder / "provisioning.json"
    write_private_json(provisioning, link.to_json())
    url = sqlite_url(folder / "desk.sqlite3")
    clock = FixedClock(WORKSHOP_1_MORNING)
    store = Store.open(url, clock=clock)
    join(store, url, str(provisioning))
    return Desk(store=store, link=link, url=url, clock=clock)


@pytest.fixture
def desk_factory(tmp_path: Path, central: Central) -> Iterator[object]:
    opened: list[Desk] = []

    def make(name: str, workshops: tuple[int, ...] = (1,), desk_id: str | None = None) -> Desk:
        desk = open_desk(tmp_path, central, name, workshops, desk_id)
        opened.append(desk)
        return desk

    yield make
    for desk in opened:
        desk.store.close()

"""Schema: a fresh file is created at head, an old one is migrated, a newer one refused."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic import command
from enginekit import MORNING
from sqlalchemy import inspect

from checkin.core.clock import FixedClock
from checkin.db.engine import (
    alembic_config,
    current_revision,
    head_revision,
    make_engine,
    sqlite_url,
)
from checkin.db.errors import DatabaseTooNew
from checkin.db.schema import metadata
from checkin.db.store import Store
from checkin.services.checkin import CheckinService, Who
from checkin.services.demo import prepare_demo


def tables(path: Path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    finally:
        conn.close()


def pragma(path: Path, name: str) -> object:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(f"PRAGMA {name}").fetchone()[0]
    finally:
        conn.close()


def test_fresh_file_is_created_at_head_with_every_table(tmp_path: Path) -> None:
    path = tmp_path / "fresh.sqlite3"
    store = Store.open(sqlite_url(path))
    try:
        assert current_revision(store.engine) == head_revision()
        # Every table any area declares in the shared metadata exists in the file.
        assert set(metadata.tables) <= tables(path)
        assert set(inspect(store.engine).get_table_names()) >= {
            "workshops", "registrations", "events", "screenings", "outbox", "followups"}
    finally:
        store.close()
    assert pragma(path, "journal_mode") == "wal"  # WAL is persistent in the file


def test_every_connection_has_the_durability_settings(tmp_path: Path) -> None:
    store = Store.open(sqlite_url(tmp_path / "d.sqlite3"))
    try:
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        store.close()


def test_database_at_0001_is_migrated_and_keeps_its_data(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    engine = make_engine(sqlite_url(path))
    try:
        cfg = alembic_config(engine)
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "0001")  # only the first migration: an old desk's file
        assert current_revision(engine) == "0001"
        with engine.begin() as conn:
            conn.exec_driver_sql("INSERT INTO settings (key, value) VALUES ('desk_id', 'old-1')")
    finally:
        engine.dispose()
    store = Store.open(sqlite_url(path))
    try:
        assert current_revision(store.engine) == head_revision()
        assert store.desk_id == "old-1"
        assert set(metadata.tables) <= tables(path)
    finally:
        store.close()


def test_migrated_demo_still_checks_in(tmp_path: Path) -> None:
    info = prepare_demo(tmp_path)
    store = Store.open(info.url, clock=FixedClock(MORNING))
    try:
        with store.sessions() as session:
            token = session.execute(
                metadata.tables["registrations"].select().where(
                    metadata.tables["registrations"].c.name == "王小明")).first().token
        outcome = CheckinService(store).check_in(1, Who(token=token), temperature="36.5")
        assert outcome.admitted
    finally:
        store.close()


def test_newer_database_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "newer.sqlite3"
    Store.open(sqlite_url(path)).close()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(DatabaseTooNew) as caught:
        Store.open(sqlite_url(path))
    assert caught.value.code == "DATABASE_TOO_NEW"
    assert "9999_from_the_future" in str(caught.value)
    assert path.read_bytes() == before
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [
            ("9999_from_the_future",)]
    finally:
        conn.close()

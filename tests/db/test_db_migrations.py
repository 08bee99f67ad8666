"""Schema: kept files of every earlier version are migrated and the desk works on them.

The files under ``tests/data/`` were written once, each at its own revision, by
``tests/data/make_schema_files.py``; they are never rebuilt by today's code. A new migration
makes its own file (the script adds only what is missing) and is tested against the
previous head's file here.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from enginekit import MORNING, integrity
from sqlalchemy import inspect

from checkin.core.clock import FixedClock
from checkin.core.outcomes import OutcomeCode
from checkin.db import repo
from checkin.db.engine import alembic_config, current_revision, head_revision, sqlite_url
from checkin.db.errors import DatabaseTooNew
from checkin.db.schema import metadata
from checkin.db.store import Store
from checkin.services import desk_queries, supervisor_pin
from checkin.services.checkin import CheckinService, Who

DATA = Path(__file__).resolve().parents[1] / "data"
REVISIONS = [r.revision for r in
             reversed(list(ScriptDirectory.from_config(alembic_config()).walk_revisions()))]
DESK_ID = "5f0c2a51-7d1e-4b8a-9c36-0a2b4c6d8e01"  # as make_schema_files.py wrote it


def kept_file(revision: str) -> Path:
    return DATA / f"desk-{revision}.db"


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


def columns(path: Path) -> dict[str, list[str]]:
    """The columns of every table but alembic's, in order, read with plain sqlite3."""
    conn = sqlite3.connect(path)
    try:
        names = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' "
            "AND name != 'alembic_version'")]
        return {n: [c[1] for c in conn.execute(f'PRAGMA table_info("{n}")')] for n in names}
    finally:
        conn.close()


def snapshot(path: Path, only: dict[str, list[str]] | None = None
             ) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table (or of the ``only`` tables and columns), with plain sqlite3.

    A later migration may add columns: comparing the columns a table had before keeps the
    test to what it means, every old value unchanged.
    """
    wanted = only if only is not None else columns(path)
    conn = sqlite3.connect(path)
    try:
        # Sorted here: the FTS5 shadow tables include WITHOUT ROWID ones.
        return {n: sorted(conn.execute(
            "SELECT " + ", ".join(f'"{c}"' for c in cols) + f' FROM "{n}"').fetchall(),
            key=repr) for n, cols in wanted.items()}
    finally:
        conn.close()


def tokens(path: Path) -> dict[str, str]:
    conn = sqlite3.connect(path)
    try:
        return dict(conn.execute("SELECT name, token FROM registrations").fetchall())
    finally:
        conn.close()


@pytest.fixture(params=REVISIONS)
def old_desk(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A copy of the kept file of one revision (the kept file itself is never opened)."""
    revision = request.param
    path = tmp_path / "desk.sqlite3"
    shutil.copyfile(kept_file(revision), path)
    yield revision, path


def test_every_revision_has_a_kept_file_at_that_revision() -> None:
    assert REVISIONS[0] == "0001" and REVISIONS[-1] == head_revision()
    for revision in REVISIONS:
        path = kept_file(revision)
        assert path.exists(), f"run tests/data/make_schema_files.py to make {path.name}"
        assert path.stat().st_size < 100_000
        # immutable: reading must not leave -wal/-shm files beside the kept file.
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro&immutable=1", uri=True)
        try:
            assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [
                (revision,)]
        finally:
            conn.close()
        assert not Path(f"{path}-wal").exists()


def test_kept_file_is_migrated_to_head_and_keeps_every_row(old_desk: tuple[str, Path]) -> None:
    _revision, path = old_desk
    shape = columns(path)
    before = snapshot(path, shape)
    assert len(before["registrations"]) == 6 and len(before["events"]) == 3
    with Store.open(sqlite_url(path), clock=FixedClock(MORNING)) as store:
        assert current_revision(store.engine) == head_revision()
        assert store.desk_id == DESK_ID
        assert store.desk_name == "台中-1"
    after = snapshot(path, shape)
    for table, rows in before.items():
        assert after[table] == rows, table  # every old value, byte for byte
    assert set(metadata.tables) <= tables(path)
    assert integrity(path) == ["ok"]
    assert pragma(path, "journal_mode") == "wal"


def test_the_desk_checks_in_on_a_migrated_file(old_desk: tuple[str, Path]) -> None:
    _revision, path = old_desk
    known = tokens(path)
    with Store.open(sqlite_url(path), clock=FixedClock(MORNING)) as store:
        desk = CheckinService(store)
        # The old ADMITTED event still counts: a second arrival is ALREADY_IN, with its desk.
        again = desk.check_in(1, Who(token=known["王小明"]), temperature="36.5")
        assert again.code is OutcomeCode.ALREADY_IN
        assert again.first_desk == "台中-1"
        # The old REMEASURE is the first reading: after the rest, a normal second one admits.
        second = desk.check_in(1, Who(token=known["李佳蓉"]), temperature="36.6")
        assert second.code is OutcomeCode.ADMITTED
        fresh = desk.check_in(1, Who(token=known["陳怡君"]), temperature="36.4")
        assert fresh.code is OutcomeCode.ADMITTED and fresh.event_id
        # The old health denial holds for the day; the cancelled stay out; workshop 2's
        # notice is recognised as another session.
        assert desk.check_in(1, Who(token=known["張志豪"]), temperature="36.5").code is \
            OutcomeCode.DENIED_DECLARATION
        assert desk.check_in(1, Who(token=known["林雅婷"]), temperature="36.5").code is \
            OutcomeCode.CANCELLED
        assert desk.check_in(1, Who(token=known["黃建宏"])).code is OutcomeCode.WRONG_SESSION
        # Denied: the old health denial and the cancelled attempt just recorded.
        assert desk.counters(1) == {"arrived": 3, "registered": 4, "seats": 50, "denied": 2,
                                    "followups": 1}
    conn = sqlite3.connect(path)
    try:
        # New events continue the desk's sequence and each has its outbox row.
        assert conn.execute("SELECT max(seq) FROM events").fetchone()[0] > 3
        assert conn.execute("SELECT count(*) FROM events e LEFT JOIN outbox o "
                            "ON o.event_id = e.id WHERE o.event_id IS NULL").fetchone()[0] == 0
    finally:
        conn.close()
    assert integrity(path) == ["ok"]


@pytest.mark.parametrize("text, names", [
    ("陳怡君", ["陳怡君"]),          # three characters or more: the FTS5 index
    ("怡君", ["陳怡君"]),            # two characters: name index, then a scan
    ("王", ["王小明"]),
    ("0447", ["陳怡君"]),            # last digits of a phone number
    ("永光綠能", ["陳怡君"]),        # company
    ("16480894", ["李佳蓉", "王小明"]),  # 統一編號
])
def test_search_finds_old_registrations(old_desk: tuple[str, Path], text: str,
                                        names: list[str]) -> None:
    _revision, path = old_desk
    with Store.open(sqlite_url(path), clock=FixedClock(MORNING)) as store:
        found = CheckinService(store).search(1, text)
    assert sorted(r.name for r in found) == sorted(names)


def test_settings_of_the_desk_window_survive(old_desk: tuple[str, Path]) -> None:
    revision, path = old_desk
    with Store.open(sqlite_url(path), clock=FixedClock(MORNING)) as store:
        if revision >= "0004":  # the supervisor PIN and desk settings came with 0004
            assert supervisor_pin.pin_is_set(store)
            assert supervisor_pin.verify_pin(store, "2468", now=MORNING).ok
            assert desk_queries.get_desk_setting(store, "language") == "zh_TW"
        else:
            assert not supervisor_pin.pin_is_set(store)


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


def test_newer_database_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "newer.sqlite3"
    shutil.copyfile(kept_file(head_revision()), path)
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


def test_a_desk_file_in_a_chinese_folder_is_created_and_migrated(tmp_path: Path) -> None:
    # The URL percent-encodes 台中; Alembic's ConfigParser once read the % as interpolation.
    folder = tmp_path / "台中-1 100%"
    folder.mkdir()
    with Store.open(sqlite_url(folder / "desk.sqlite3")) as store, store.sessions() as session:
        assert repo.get_setting(session, "desk_id")

"""Guarantees 2-4: one scan is one transaction; a full or unwritable disk is NOT_RECORDED;
a corrupt file is detected at start, moved aside byte for byte, and never written to.
"""

from __future__ import annotations

import os
import random
import shutil
import sqlite3
import subprocess
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from diskkit import fill_disk
from enginekit import Built, build_workshop, count, integrity
from sqlalchemy import event
from sqlalchemy.exc import OperationalError

from checkin.core.outcomes import Declaration, OutcomeCode
from checkin.db import repo
from checkin.db.engine import sqlite_url
from checkin.db.errors import CorruptDatabase
from checkin.db.store import Store
from checkin.services.checkin import CheckinService, Who

C = OutcomeCode
TABLES = ("events", "screenings", "outbox", "followups")


def snapshot(path: Path, immutable: bool = False) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the tables a check-in writes, read with plain sqlite3."""
    conn = (sqlite3.connect(f"{path.as_uri()}?immutable=1", uri=True) if immutable
            else sqlite3.connect(path))
    try:
        return {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr)
                for t in TABLES}
    finally:
        conn.close()


# --- 2. one scan is one transaction ---------------------------------------------------------

def _io_error(*_args: object, **_kwargs: object) -> None:
    raise OperationalError("INSERT INTO screenings", {}, Exception("disk I/O error"))


def _bug(*_args: object, **_kwargs: object) -> None:
    raise RuntimeError("a bug between the event and the screening row")


@pytest.mark.parametrize("failing, where", [
    (_io_error, "add_screening"),
    (_bug, "add_screening"),
    (_io_error, "open_followup"),
])
def test_failure_between_event_and_rest_stores_nothing(
        demo: Built, desk: CheckinService, monkeypatch: pytest.MonkeyPatch,
        failing: Callable[..., None], where: str) -> None:
    first = demo.named("王小明")[0]
    assert desk.check_in(1, Who(token=first.token), temperature="36.5").admitted
    before = snapshot(demo.path)
    monkeypatch.setattr(repo, where, failing)
    person = demo.named("蔡承恩")[0]
    if failing is _bug:
        # A programming error may surface, but it must not leave half a scan behind.
        with pytest.raises(RuntimeError):
            desk.check_in(1, Who(token=person.token), temperature="36.5",
                          declared=[Declaration.SYMPTOMS])
    else:
        outcome = desk.check_in(1, Who(token=person.token), temperature="36.5",
                                declared=[Declaration.SYMPTOMS])
        assert outcome.code is C.NOT_RECORDED
        assert outcome.event_id is None
    assert snapshot(demo.path) == before
    monkeypatch.undo()
    # The desk carries on: the same person can be scanned again and is stored whole.
    again = desk.check_in(1, Who(token=person.token), temperature="36.5",
                          declared=[Declaration.SYMPTOMS])
    assert again.code is C.DENIED_DECLARATION
    assert count(demo.path, "events") == 2
    assert count(demo.path, "outbox") == 2
    assert count(demo.path, "followups") == 1


def test_failure_writing_the_outbox_row_stores_no_event(demo: Built, desk: CheckinService
                                                        ) -> None:
    # A trigger makes the outbox insert fail inside the scan's transaction.
    conn = sqlite3.connect(demo.path)
    conn.execute("CREATE TRIGGER no_outbox BEFORE INSERT ON outbox "
                 "BEGIN SELECT RAISE(ABORT, 'outbox refused'); END")
    conn.commit()
    conn.close()
    outcome = desk.check_in(1, Who(token=demo.named("王小明")[0].token), temperature="36.5")
    assert outcome.code is C.NOT_RECORDED
    # Staff are told whom to put on the paper list.
    assert outcome.name == "王小明"
    assert all(not rows for rows in snapshot(demo.path).values())


# --- 3. full disk, unwritable file ----------------------------------------------------------

def _limit_pages(store: Store) -> int:
    """Cap the file at its current size, on every new connection of the store's engine."""
    with store.engine.connect() as conn:
        pages = int(conn.exec_driver_sql("PRAGMA page_count").scalar() or 0)

    def cap(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.execute(f"PRAGMA max_page_count = {pages}")

    event.listen(store.engine, "connect", cap)
    store.engine.dispose()  # pooled connections were opened before the listener
    return pages


def test_full_disk_is_not_recorded_and_nothing_half_written(
        tmp_path: Path, open_store: Callable[..., Store]) -> None:
    built = build_workshop(tmp_path, 400, capacity=1000, company_cap=1000)
    store = open_store(built.url)
    desk = CheckinService(store)
    _limit_pages(store)
    admitted: list[str] = []
    not_recorded = 0
    for person in built.people:
        before = snapshot(built.path)
        outcome = desk.check_in(1, Who(token=person.token), temperature="36.5",
                                declared=[Declaration.SYMPTOMS] if len(admitted) % 3 else [])
        if outcome.code is C.NOT_RECORDED:
            not_recorded += 1
            assert outcome.event_id is None
            assert snapshot(built.path) == before  # nothing half-written
            if not_recorded == 5:
                break
        else:
            assert outcome.event_id is not None
            admitted.append(outcome.event_id)
    assert not_recorded == 5, "the page cap never filled the file"
    assert admitted  # some scans fitted in the free space first
    assert integrity(built.path) == ["ok"]
    # Space freed (the cap lifted): earlier data intact, the desk records again.
    store.close()
    fresh = CheckinService(open_store(built.url, desk_name="desk-1"))
    stored = {r[0] for r in sqlite3.connect(built.path).execute("SELECT id FROM events")}
    assert set(admitted) == stored
    late = built.people[-1]
    assert fresh.check_in(1, Who(token=late.token), temperature="36.5").code is C.ADMITTED


def test_real_full_file_system(tiny_tmpfs: Path, tmp_path: Path,
                               open_store: Callable[..., Store]) -> None:
    built = build_workshop(tmp_path / "src", 300, capacity=1000, company_cap=1000)
    path = tiny_tmpfs / "desk.sqlite3"
    shutil.copyfile(built.path, path)
    store = open_store(sqlite_url(path))
    desk = CheckinService(store)
    first = desk.check_in(1, Who(token=built.people[0].token), temperature="36.5")
    assert first.code is C.ADMITTED
    fill_disk(tiny_tmpfs)
    outcomes = []
    for person in built.people[1:200]:
        before = snapshot(path)
        outcome = desk.check_in(1, Who(token=person.token), temperature="36.5")
        outcomes.append(outcome.code)
        if outcome.code is C.NOT_RECORDED:
            assert snapshot(path) == before
            break
    assert C.NOT_RECORDED in outcomes
    assert all(code in (C.ADMITTED, C.NOT_RECORDED) for code in outcomes)
    store.close()
    (tiny_tmpfs / "ballast").unlink()
    assert integrity(path) == ["ok"]
    stored = {r[0] for r in sqlite3.connect(path).execute("SELECT id FROM events")}
    assert first.event_id in stored
    assert len(stored) == outcomes.count(C.ADMITTED) + 1


def test_read_only_database_is_not_recorded(demo: Built, desk: CheckinService) -> None:
    # SQLITE_READONLY on every new connection, as an unwritable file or medium gives.
    def read_only(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.execute("PRAGMA query_only = ON")

    event.listen(desk.store.engine, "connect", read_only)
    desk.store.engine.dispose()
    outcome = desk.check_in(1, Who(token=demo.named("王小明")[0].token), temperature="36.5")
    assert outcome.code is C.NOT_RECORDED
    assert not outcome.admitted
    assert all(not rows for rows in snapshot(demo.path).values())


def test_unwritable_database_file_is_not_recorded(
        tmp_path: Path, open_store: Callable[..., Store]) -> None:
    """A file the desk cannot write (permissions; a read-only medium when run as root)."""
    built = build_workshop(tmp_path / "src", 3)
    if os.geteuid() != 0:
        path = built.path
        store = open_store(built.url)
        desk = CheckinService(store)
        store.engine.dispose()
        path.chmod(0o444)
        path.parent.chmod(0o555)
        try:
            outcome = desk.check_in(1, Who(token=built.people[0].token), temperature="36.5")
        finally:
            path.parent.chmod(0o755)
            path.chmod(0o644)
    else:
        # Root writes through file permissions: remount a tmpfs read-only instead.
        mount_point = tmp_path / "ro"
        mount_point.mkdir()
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs",
                               str(mount_point)], capture_output=True, check=False)
        if done.returncode != 0:
            pytest.skip("root without mount rights: the query_only test covers this case")
        try:
            path = mount_point / "desk.sqlite3"
            shutil.copyfile(built.path, path)
            store = open_store(sqlite_url(path))
            desk = CheckinService(store)
            store.engine.dispose()
            subprocess.run(["mount", "-o", "remount,ro", str(mount_point)], check=True)
            outcome = desk.check_in(1, Who(token=built.people[0].token), temperature="36.5")
            store.engine.dispose()
            snap = snapshot(path, immutable=True)  # a read-only medium has no -shm
        finally:
            subprocess.run(["umount", "-l", str(mount_point)], check=False)
        assert all(not rows for rows in snap.values())
    assert outcome.code is C.NOT_RECORDED


# --- 4. a corrupt file is detected at start and moved aside untouched ----------------------

def _many_events(built: Built, open_store: Callable[..., Store]) -> None:
    store = open_store(built.url)
    desk = CheckinService(store)
    for person in built.people:
        desk.check_in(1, Who(token=person.token), temperature="36.5")
    store.close()


def _corrupt_middle(path: Path) -> None:
    data = bytearray(path.read_bytes())
    page = 4096
    pages = len(data) // page
    assert pages >= 8
    rng = random.Random(4)
    for n in range(pages // 3, 2 * pages // 3):
        start = n * page
        data[start:start + page] = bytes(rng.randrange(256) for _ in range(page))
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("case", ["garbage-pages", "not-sqlite", "truncated-header"])
def test_corrupt_file_detected_at_open_and_moved_aside(
        tmp_path: Path, open_store: Callable[..., Store], case: str) -> None:
    built = build_workshop(tmp_path, 150, capacity=1000, company_cap=1000)
    _many_events(built, open_store)
    path = built.path
    assert not Path(f"{path}-wal").exists()  # cleanly closed
    if case == "garbage-pages":
        _corrupt_middle(path)
    elif case == "not-sqlite":
        path.write_text("registrations exported by a spreadsheet\n王小明,三豐\n", "utf-8")
    else:
        path.write_bytes(path.read_bytes()[:10])
    original = path.read_bytes()
    original_stat = path.stat()
    with pytest.raises(CorruptDatabase) as caught:
        Store.open(built.url)
    assert caught.value.code == "DATABASE_CORRUPT"
    moved = Path(caught.value.path or "")
    assert moved != path and moved.parent == path.parent
    assert moved.read_bytes() == original  # byte for byte
    assert moved.stat().st_mtime_ns == original_stat.st_mtime_ns  # never written
    assert moved.stat().st_ino == original_stat.st_ino  # renamed, not copied
    assert not path.exists()  # nothing was created in its place by the failed open
    # The read-only check may leave an empty WAL beside it, but never a frame in it.
    moved_wal = Path(f"{moved}-wal")
    assert not moved_wal.exists() or moved_wal.stat().st_size == 0
    # Starting again gives a fresh, empty database; the damaged one stays as it was.
    store = Store.open(built.url)
    store.close()
    assert moved.read_bytes() == original
    assert count(path, "events") == 0


def test_corrupt_file_with_pending_wal_keeps_its_companions(
        tmp_path: Path, open_store: Callable[..., Store]) -> None:
    built = build_workshop(tmp_path, 60, capacity=1000, company_cap=1000)
    _many_events(built, open_store)
    path = built.path
    _corrupt_middle(path)
    wal = Path(f"{path}-wal")
    wal.write_bytes(b"\x37\x7f\x06\x82" + uuid.uuid4().bytes * 8)  # a WAL left by a crash
    original, original_wal = path.read_bytes(), wal.read_bytes()
    with pytest.raises(CorruptDatabase) as caught:
        Store.open(built.url)
    moved = Path(caught.value.path or "")
    assert moved.read_bytes() == original
    assert Path(f"{moved}-wal").read_bytes() == original_wal
    assert not wal.exists()


@pytest.mark.parametrize("errorcode, message", [(5, "database is locked"),
                                                (14, "unable to open database file")])
def test_a_busy_or_unopenable_database_is_not_taken_for_a_damaged_one(
        demo: Built, monkeypatch: pytest.MonkeyPatch, errorcode: int, message: str) -> None:
    """Another program holding the file, or a permission problem: leave the file in place."""
    from checkin.db import engine as engine_module
    from checkin.db.errors import DatabaseUnavailable

    before = Path(demo.path).read_bytes()

    def refuse(*_args: Any, **_kwargs: Any) -> sqlite3.Connection:
        exc = sqlite3.OperationalError(message)
        exc.sqlite_errorcode = errorcode  # type: ignore[attr-defined]
        raise exc

    monkeypatch.setattr(engine_module.sqlite3, "connect", refuse)
    with pytest.raises(DatabaseUnavailable, match=message):
        Store.open(sqlite_url(demo.path))
    assert Path(demo.path).read_bytes() == before
    assert not list(Path(demo.path).parent.glob("*.corrupt-*"))

"""A damaged index is damage: the full integrity check at start-up, before sync and export.

The attack: one byte changed in a key of the unique index on ``registrations.token_hash``.
The file still passes ``PRAGMA quick_check`` (which never compares an index with its table),
and a desk that trusted it would answer NOT_REGISTERED for a registered person and go on
writing into the damaged file.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from enginekit import Built, build_workshop

from checkin.core.outcomes import OutcomeCode
from checkin.core.tokens import token_hash
from checkin.db import engine as engine_module
from checkin.db.engine import integrity_problem, make_engine, session_maker, verify_integrity
from checkin.db.errors import CorruptDatabase
from checkin.db.store import Store
from checkin.services.checkin import CheckinService, Who


def unique_index_page(path: Path) -> tuple[int, int]:
    """(page size, root page) of the unique index on registrations.token_hash."""
    conn = sqlite3.connect(path)
    try:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        names = [row[1] for row in conn.execute("PRAGMA index_list(registrations)")
                 if row[2] == 1 and [c[2] for c in conn.execute(
                     f"PRAGMA index_info('{row[1]}')")] == ["token_hash"]]
        assert len(names) == 1
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?",
                            (names[0],)).fetchone()[0]
        return page_size, root
    finally:
        conn.close()


def damage_index_key(path: Path, digest: str) -> None:
    """Change the last character of ``digest`` where the index (not the table) holds it."""
    page_size, root = unique_index_page(path)
    data = bytearray(path.read_bytes())
    start = (root - 1) * page_size
    page = data[start:start + page_size]
    at = page.find(digest.encode("ascii"))
    assert at >= 0, "the index's root page is a leaf holding every key"
    last = start + at + len(digest) - 1
    # A neighbouring hex digit: the key keeps its place in the sort order, only wrong.
    data[last] = ord("0") if data[last] != ord("0") else ord("1")
    path.write_bytes(bytes(data))


@pytest.fixture
def damaged(tmp_path: Path) -> tuple[Built, str]:
    """A cleanly closed desk file (30 registrations) with one index key damaged."""
    built = build_workshop(tmp_path, 30)
    assert not Path(f"{built.path}-wal").exists()
    token = built.people[7].token
    damage_index_key(built.path, token_hash(token))
    return built, token


def test_the_damage_passes_quick_check_but_not_integrity_check(
        damaged: tuple[Built, str]) -> None:
    built, _token = damaged
    conn = sqlite3.connect(f"{built.path.as_uri()}?mode=ro&immutable=1", uri=True)
    try:
        assert integrity_problem(conn, full=False) is None  # why quick_check is not enough
        assert integrity_problem(conn, full=True)
    finally:
        conn.close()


def test_without_the_full_check_a_registered_person_is_not_registered(
        damaged: tuple[Built, str], monkeypatch: pytest.MonkeyPatch,
        open_store: Callable[..., Store]) -> None:
    """The attack, shown: with only quick_check (as for a file above the size limit)."""
    built, token = damaged
    monkeypatch.setattr(engine_module, "FULL_CHECK_MAX_BYTES", 0)
    desk = CheckinService(open_store(built.url))
    assert desk.check_in(1, Who(token=token), temperature="36.5").code is \
        OutcomeCode.NOT_REGISTERED


def test_a_damaged_index_is_refused_at_start_and_moved_aside_untouched(
        damaged: tuple[Built, str]) -> None:
    built, _token = damaged
    path = built.path
    original, original_stat = path.read_bytes(), path.stat()
    with pytest.raises(CorruptDatabase) as caught:
        Store.open(built.url)
    assert caught.value.code == "DATABASE_CORRUPT"
    moved = Path(caught.value.path or "")
    assert moved != path and moved.parent == path.parent
    assert moved.read_bytes() == original
    assert moved.stat().st_ino == original_stat.st_ino  # renamed, not copied
    assert moved.stat().st_mtime_ns == original_stat.st_mtime_ns
    assert not path.exists()


def test_verify_integrity_before_a_sync_moves_a_damaged_open_file_aside(
        damaged: tuple[Built, str]) -> None:
    """Damage after start-up: found before the data leaves the desk, file and WAL kept."""
    built, _token = damaged
    engine = make_engine(built.url)  # opened as if the damage came after the start-up check
    with engine.begin() as conn:  # an open desk: a committed write still in the WAL
        conn.exec_driver_sql("INSERT INTO settings (key, value) VALUES ('desk.note', 'x')")
    wal = Path(f"{built.path}-wal")
    assert wal.stat().st_size > 0
    original, original_wal = built.path.read_bytes(), wal.read_bytes()
    with pytest.raises(CorruptDatabase) as caught:
        verify_integrity(engine)
    moved = Path(caught.value.path or "")
    assert moved.read_bytes() == original  # not checkpointed into on close
    assert Path(f"{moved}-wal").read_bytes() == original_wal
    assert not built.path.exists()


def test_verify_integrity_passes_a_sound_file(tmp_path: Path) -> None:
    built = build_workshop(tmp_path, 5)
    with Store.open(built.url) as store:
        verify_integrity(store.engine)
        assert CheckinService(store).counters(1)["registered"] == 5
    verify_integrity(make_engine("sqlite://"))  # in memory: nothing to check


def test_an_export_of_a_file_damaged_since_start_up_is_refused(
        damaged: tuple[Built, str], tmp_path: Path) -> None:
    from checkin.sync.transfer import export_events

    built, _token = damaged
    engine = make_engine(built.url)
    store = Store(engine=engine, sessions=session_maker(engine), desk_id="d", desk_name="d")
    out = tmp_path / "day.json"
    with pytest.raises(CorruptDatabase):
        export_events(store, out)
    assert not out.exists() and not built.path.exists()

"""The sync tables exist in a fresh desk file (migration 0003), no PostgreSQL needed."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import inspect

from checkin.db.engine import sqlite_url
from checkin.db.store import Store
from checkin.sync.runner import desk_status


def test_fresh_desk_file_has_the_sync_tables(tmp_path: Path) -> None:
    store = Store.open(sqlite_url(tmp_path / "desk.sqlite3"))
    try:
        tables = set(inspect(store.engine).get_table_names())
        assert {"sync_watermarks", "sync_log", "sync_desks", "sync_desk_workshops",
                "sync_changes"} <= tables
        status = desk_status(store, None)
        assert (status.linked, status.pending, status.last_sync_at) == (False, 0, None)
    finally:
        store.close()

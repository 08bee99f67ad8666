"""Start-up: a wrong or empty database is explained in words, not a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from checkin.cli import build_parser
from checkin.db.engine import sqlite_url
from checkin.ui import app


@pytest.fixture
def explained(monkeypatch):  # type: ignore[no-untyped-def]
    said: list[str] = []
    monkeypatch.setattr(app, "_explain", lambda _title, text: said.append(text))
    return said


def test_unknown_workshop_lists_what_the_database_holds(demo_template, tmp_path, explained,
                                                        qapp):
    import shutil

    path = tmp_path / "d.sqlite3"
    shutil.copy(demo_template, path)
    assert app.run_desk(sqlite_url(path), "IDB9999") == 2
    assert "IDB9999" in explained[0] and "IDB2201" in explained[0]


def test_empty_database_is_explained(tmp_path: Path, explained, qapp):
    assert app.run_desk(sqlite_url(tmp_path / "new.sqlite3"), "IDB2201") == 2
    assert "checkin demo" in explained[0]


def test_damaged_file_is_explained(tmp_path: Path, explained, qapp):
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"this is not a database" * 100)
    assert app.run_desk(sqlite_url(bad), "IDB2201", lang="en") == 2
    assert "damaged" in explained[0]


def test_cli_desk_arguments():
    args = build_parser().parse_args(
        ["desk", "--workshop", "IDB2201", "--db", "sqlite:///x.sqlite3", "--kiosk",
         "--lang", "en", "--desk", "front-2"])
    assert (args.workshop, args.db, args.kiosk, args.lang, args.desk) == (
        "IDB2201", "sqlite:///x.sqlite3", True, "en", "front-2")
    assert callable(args.func)

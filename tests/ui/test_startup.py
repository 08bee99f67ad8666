"""Start-up: a wrong or empty database is explained in words, not a traceback."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel

from checkin.cli import build_parser
from checkin.core.outcomes import OutcomeCode
from checkin.db.engine import sqlite_url
from checkin.ui import app

from .staff import scan, screen


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


@pytest.mark.parametrize("problem", ["too_open", "malformed"])
def test_unusable_credentials_file_leaves_the_desk_working_offline(qtbot, make_desk, store,
                                                                   tokens, problem):
    from checkin.sync.link import credentials_path
    from checkin.sync.runner import DeskStatus
    from checkin.ui import app
    from checkin.ui.sync_status import SyncStatusWidget

    desk = make_desk()
    url = f"sqlite:///{store.engine.url.database}"
    path = credentials_path(url)
    path.write_text("{}" if problem == "too_open" else "not json", "utf-8")
    os.chmod(path, 0o644 if problem == "too_open" else 0o600)
    app._add_sync(desk, store, url, kiosk=False)
    label = desk.findChild(QLabel, "sync_problem")
    assert label is not None and label.isVisible()
    assert "憑證檔無法使用" in label.text()
    status = desk.findChild(SyncStatusWidget)
    qtbot.waitUntil(lambda: isinstance(status.status, DeskStatus))
    assert not status.status.linked
    # ... and check-in goes on.
    scan(qtbot, desk, tokens["王小明"])
    screen(qtbot, desk, "36.5")
    qtbot.waitUntil(lambda: desk.banner.code is OutcomeCode.ADMITTED)


def test_a_desk_started_on_another_day_says_so_before_the_first_scan(qtbot, make_desk, clock):
    clock.advance(days=1)  # the desk's clock (demo time on a demo) is past the workshop
    desk = make_desk()
    assert desk.day_warning.isVisible()
    text = desk.day_warning.text()
    assert "2022-04-29" in text and "2022-04-30" in text
    assert desk.banner.title.text() == "不是今天的場次"  # on the banner at rest, too


def test_a_desk_started_on_its_day_shows_no_day_warning(qtbot, make_desk):
    desk = make_desk()
    assert not desk.day_warning.isVisible()

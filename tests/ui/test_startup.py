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
    from checkin.ui import desk_sync
    from checkin.ui.sync_status import SyncStatusWidget

    desk = make_desk()
    url = f"sqlite:///{store.engine.url.database}"
    path = credentials_path(url)
    path.write_text("{}" if problem == "too_open" else "not json", "utf-8")
    os.chmod(path, 0o644 if problem == "too_open" else 0o600)
    desk_sync.add_sync(desk, store, url, kiosk=False)
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


def test_the_desk_answers_a_scan_at_once_then_purges_and_adds_its_sync(
        demo_template, tmp_path, monkeypatch, qapp):
    """run_desk as `checkin demo` runs it: the window answers a scan made the moment it
    shows; the health-data purge and the sync status come after it, on the desk's worker."""
    import shutil

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    from sqlalchemy import select

    from checkin.db.models import RegistrationRow
    from checkin.db.models_sync import SyncLogRow
    from checkin.db.store import Store
    from checkin.ui.main_window import DeskWindow
    from checkin.ui.sync_status import SyncStatusWidget

    monkeypatch.setenv("CHECKIN_HOME", str(tmp_path))
    path = tmp_path / "d.sqlite3"
    shutil.copy(demo_template, path)
    with Store.open(sqlite_url(path)) as store, store.sessions() as session:
        token = session.scalars(select(RegistrationRow.token).where(
            RegistrationRow.workshop_id == 1, RegistrationRow.token.is_not(None))).first()
    seen: dict[str, object] = {}

    def drive() -> None:
        desks = [w for w in QApplication.topLevelWidgets()
                 if isinstance(w, DeskWindow) and w.isVisible()]
        if desks:
            desk = desks[0]
            if "scanned" not in seen:  # the first thing, before any background work ran
                seen["scanned"] = desk.findChild(SyncStatusWidget) is None
                desk.submit_token(token)
            elif desk.banner.code is OutcomeCode.READY_FOR_SCREENING \
                    and desk.findChild(SyncStatusWidget) is not None:
                seen["answered"] = desk.banner.code
                desk.close()
                return
        if len(seen) < 2:
            QTimer.singleShot(5, drive)

    QTimer.singleShot(0, drive)
    QTimer.singleShot(20_000, QApplication.quit)  # a failing test ends, not hangs
    assert app.run_desk(sqlite_url(path), "IDB2201", lang="en") == 0
    assert seen == {"scanned": True, "answered": OutcomeCode.READY_FOR_SCREENING}
    with Store.open(sqlite_url(path)) as store, store.sessions() as session:
        assert session.scalars(select(SyncLogRow.kind)).all().count("purge") == 1


def test_opening_the_desk_loads_neither_decoder_nor_pdf_nor_sync() -> None:
    """Issue 12: what the desk needs for its first scan only. The camera's decoder (numpy,
    zxing-cpp) loads with the first frame, the PDF fonts when a sheet is printed, the sync
    machinery once the window is shown."""
    import json
    import subprocess
    import sys

    probe = ("import json, sys; import checkin.ui.app; "
             "print(json.dumps(sorted(sys.modules)))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          timeout=120, check=True)
    loaded = set(json.loads(done.stdout.strip().splitlines()[-1]))
    later = {"numpy", "zxingcpp", "PIL", "fontTools", "fpdf", "alembic", "openpyxl",
             "checkin.scanning.desk", "checkin.sync.runner", "checkin.sync.exchange",
             "checkin.ui.desk_sync", "checkin.services.signin_sheet"}
    assert not later & loaded, later & loaded
    assert {"checkin.ui.main_window", "checkin.db.store"} <= loaded

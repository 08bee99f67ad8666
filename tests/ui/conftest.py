"""Desk window tests: real widgets under the offscreen platform, a fixed clock, demo data."""

from __future__ import annotations

import os

# Before anything imports Qt: no display, no audio device needed.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_MEDIA_BACKEND", "ffmpeg")

import shutil
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from checkin.core.clock import TAIPEI, FixedClock
from checkin.db.engine import sqlite_url
from checkin.db.models import RegistrationRow
from checkin.db.store import Store
from checkin.services import desk_queries, supervisor_pin
from checkin.services.demo import prepare_demo

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
# The demo workshop (IDB2201) is on 2022-04-29; 08:45 is inside the check-in window.
MORNING = datetime(2022, 4, 29, 8, 45, tzinfo=TAIPEI)
PIN = "2468"


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("demo-template")
    info = prepare_demo(home)
    return Path(info.url.removeprefix("sqlite:///"))


@pytest.fixture
def chinese(qapp: object) -> None:
    """The desk's default language, installed afresh for each test that shows words: a test
    that switched language (a start-up with --lang en) must not leak into the next. Qt-free
    tests do not ask for it, so they run without a QApplication."""
    from checkin.ui import i18n

    i18n.install_language("zh_TW")


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(MORNING)


@pytest.fixture
def store(demo_template: Path, tmp_path: Path, clock: FixedClock) -> Iterator[Store]:
    path = tmp_path / "desk.sqlite3"
    shutil.copy(demo_template, path)
    store = Store.open(sqlite_url(path), clock=clock, desk_name="front-1")
    yield store
    store.close()


@pytest.fixture
def tokens(store: Store) -> dict[str, str]:
    """Name -> notice token of the demo workshop's registrations."""
    with store.sessions() as session:
        rows = session.scalars(select(RegistrationRow).where(RegistrationRow.workshop_id == 1))
        return {r.name: r.token for r in rows if r.token}


@pytest.fixture
def make_desk(qtbot, chinese, store: Store, tmp_path: Path):  # type: ignore[no-untyped-def]
    from checkin.ui.backend import DeskBackend
    from checkin.ui.main_window import DeskWindow
    from checkin.ui.sounds import SoundBoard
    from checkin.ui.tasks import SyncRunner

    made = []

    def make(kiosk: bool = False, pin: bool = True, runner=None, scanner=None,  # type: ignore[no-untyped-def]
             use_camera: bool = False):
        if pin and not supervisor_pin.pin_is_set(store):
            supervisor_pin.set_pin(store, PIN)
        info = desk_queries.startup_report(store, "IDB2201").info
        assert info is not None
        window = DeskWindow(DeskBackend.create(store, info.workshop_id), info,
                            runner or SyncRunner(), kiosk=kiosk,
                            sounds=SoundBoard(tmp_path / "sounds", enabled=False),
                            use_camera=use_camera, scanner=scanner)
        qtbot.addWidget(window)
        if not kiosk:
            window.resize(1400, 860)
            window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        made.append(window)
        return window

    yield make
    for window in made:
        window._leaving = True
        window.shutdown()


def screenshot(widget, name: str) -> Path:  # type: ignore[no-untyped-def]
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"desk-{name}.png"
    widget.grab().save(str(path))
    return path

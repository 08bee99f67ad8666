"""Office window and page tests: an embedded office file in a private data folder, or a
fresh central PostgreSQL database (made, migrated and initialised per test)."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from checkin.core.clock import TAIPEI, FixedClock
from checkin.db.engine import sqlite_url
from checkin.db.office_home import OfficeDatabase, office_database, remember_central
from checkin.db.store import Store
from checkin.services.catalogue import install_catalogue
from checkin.sync.central import drop_desk_roles, init_central
from checkin.ui.office.app import build_window, open_office_store
from checkin.ui.office.window import OfficeWindow
from checkin.ui.tasks import SyncRunner
from tests.services.conftest import Mailbox, mailbox  # noqa: F401  (the loopback SMTP server)
from tests.sync.conftest import _admin, pg_url

from ..conftest import ARTIFACTS

__all__ = ["Mailbox"]

# IDB2201 is on 2022-04-29; 08:45 is inside its check-in window.
MORNING = datetime(2022, 4, 29, 8, 45, tzinfo=TAIPEI)


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "home"
    monkeypatch.setenv("CHECKIN_HOME", str(folder))
    return folder


@pytest.fixture
def embedded(home: Path) -> Iterator[tuple[Store, OfficeDatabase]]:
    database = office_database()
    store = open_office_store(database)
    store.clock_override = FixedClock(MORNING)
    yield store, database
    store.close()


@pytest.fixture
def central_url(home: Path) -> Iterator[str]:
    prefix = f"cko{secrets.token_hex(4)}_"
    name = f"{prefix}office"
    _admin(f'CREATE DATABASE "{name}"')
    engine = None
    try:
        engine = init_central(pg_url(name), prefix=prefix)
        yield pg_url(name)
    finally:
        if engine is not None:
            drop_desk_roles(engine)
            engine.dispose()
        _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def central(central_url: str) -> Iterator[tuple[Store, OfficeDatabase]]:
    database = office_database(central_url)
    store = open_office_store(database)
    remember_central(central_url)  # as run_office does once it is open
    install_catalogue(store)
    yield store, database
    store.close()


def window_on(qtbot, store: Store, database: OfficeDatabase) -> OfficeWindow:  # type: ignore[no-untyped-def]
    window = build_window(store, database, SyncRunner())
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def office(tmp_path: Path) -> Iterator[Store]:
    store = Store.open(sqlite_url(tmp_path / "office.sqlite3"))
    install_catalogue(store)
    yield store
    store.close()


def shot(widget, name: str) -> Path:  # type: ignore[no-untyped-def]
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"office-{name}.png"
    widget.grab().save(str(path))
    return path


def office_shot(widget, name: str, lang: str) -> Path:  # type: ignore[no-untyped-def]
    """Save what the page shows; the language is in the file name."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"office-{name}-{lang}.png"
    widget.grab().save(str(path))
    return path


@pytest.fixture(params=["zh_TW", "en"])
def language(request: pytest.FixtureRequest, qapp: object) -> object:
    """Each screenshot test runs in both languages; zh_TW is put back afterwards."""
    from checkin.ui import i18n

    i18n.install_language(request.param)
    yield request.param
    i18n.install_language("zh_TW")

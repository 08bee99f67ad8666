"""Session-wide test set-up: no real display, no writes into the user's data folder.

Also the fixtures of the db and services tests: the demo database, stores on a fixed clock.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

# Qt must not look for a display, and must know this before any Qt module is imported.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Anything that falls back to the user's data folder writes into a throw-away one instead.
os.environ.setdefault("CHECKIN_HOME", tempfile.mkdtemp(prefix="checkin-tests-"))

import pytest
from diskkit import mount_tiny_tmpfs
from enginekit import MORNING, Built, read_people

from checkin.core.clock import FixedClock
from checkin.db.store import Store
from checkin.services.checkin import CheckinService
from checkin.services.demo import prepare_demo


@pytest.fixture
def tiny_tmpfs(tmp_path: Path) -> Iterator[Path]:
    """A 512 KiB tmpfs: a real full disk. Needs mount rights (root, as in CI)."""
    yield from mount_tiny_tmpfs(tmp_path / "tiny")


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo database, prepared once; tests get a copy."""
    home = tmp_path_factory.mktemp("demo-template")
    info = prepare_demo(home)
    assert info.workshop_id == 1
    return home / "demo.sqlite3"


@pytest.fixture
def demo(demo_template: Path, tmp_path: Path) -> Built:
    """A fresh copy of the demo database (workshop 1 = IDB2201 on 2022-04-29)."""
    path = tmp_path / "demo.sqlite3"
    shutil.copyfile(demo_template, path)
    return Built(path=path, workshop_id=1, code="IDB2201", people=read_people(path))


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(MORNING)


@pytest.fixture
def open_store(clock: FixedClock) -> Iterator[Callable[..., Store]]:
    """Open stores on the test clock; all are closed after the test."""
    opened: list[Store] = []

    def _open(url: str, desk_name: str = "desk-1", at: FixedClock | None = None) -> Store:
        store = Store.open(url, clock=at or clock, desk_name=desk_name)
        opened.append(store)
        return store

    yield _open
    for store in opened:
        store.close()


@pytest.fixture
def desk(demo: Built, open_store: Callable[..., Store]) -> CheckinService:
    """The check-in service on the demo database at 08:45 on the workshop's day."""
    return CheckinService(open_store(demo.url))

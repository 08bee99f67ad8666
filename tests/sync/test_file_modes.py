"""The desk's and the demo's databases hold health data: the user's alone, folder and files."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from checkin.db.engine import sqlite_url
from checkin.db.store import Store, default_url

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "share" / "checkin"
    monkeypatch.setenv("CHECKIN_HOME", str(folder))
    previous = os.umask(0o022)  # the usual desktop umask, which made them 0644
    yield folder
    os.umask(previous)


def test_desk_database_and_data_folder_are_private(home: Path) -> None:
    with Store.open(default_url()) as store:
        with store.sessions.begin():
            pass  # -wal and -shm exist while the database is open
        files = [home / "desk.sqlite3", home / "desk.sqlite3-wal", home / "desk.sqlite3-shm"]
        assert all(f.exists() for f in files)
        assert [mode(f) for f in files] == [0o600] * 3
    assert mode(home) == 0o700
    assert os.umask(0o022) == 0o022  # narrowed only while the file was made


def test_demo_database_and_folder_are_private(home: Path) -> None:
    from checkin.services.demo import prepare_demo

    prepare_demo()
    assert mode(home) == 0o700 and mode(home / "demo") == 0o700
    assert mode(home / "demo" / "demo.sqlite3") == 0o600


def test_an_open_database_of_an_earlier_version_is_tightened(home: Path) -> None:
    home.mkdir(parents=True)
    home.chmod(0o755)
    with Store.open(default_url()):
        pass
    (home / "desk.sqlite3").chmod(0o644)
    with Store.open(default_url()) as store:
        with store.sessions.begin():
            pass
        assert mode(home / "desk.sqlite3") == 0o600
        assert mode(home / "desk.sqlite3-wal") == 0o600
    assert mode(home) == 0o700


def test_a_folder_of_the_users_choosing_is_left_alone(home: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "usb"
    elsewhere.mkdir(mode=0o755)
    elsewhere.chmod(0o755)
    with Store.open(sqlite_url(elsewhere / "desk.sqlite3")):
        pass
    assert mode(elsewhere) == 0o755
    assert mode(elsewhere / "desk.sqlite3") == 0o600

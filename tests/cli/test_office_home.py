"""The office commands default to the office window's database, never the desk's file."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from checkin.db.engine import sqlite_url
from checkin.db.office_home import embedded_url, office_url, remember_central, remembered_url
from checkin.sync.link import DeskLink, link_text, load_link

from .conftest import run


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CHECKIN_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def test_office_commands_use_the_office_file(capsys, home):
    assert run(capsys, "workshops", "install")[0] == 0
    assert (home / "office.sqlite3").exists() and not (home / "desk.sqlite3").exists()
    code, out, _ = run(capsys, "workshops", "list", "--json")
    assert code == 0 and len(json.loads(out)) == 10
    assert run(capsys, "workshops", "cancel", "3")[0] == 0
    code, _, err = run(capsys, "workshops", "reschedule", "3", "--date", "2022-06-01")
    assert code == 2 and ("--reinstate" in err or "CANCELLED_NEEDS_REINSTATE" in err), err
    assert run(capsys, "workshops", "reschedule", "3", "--date", "2022-06-01",
               "--reinstate")[0] == 0


def test_the_remembered_central_database_is_the_default_and_db_still_wins(home, tmp_path):
    assert office_url() == embedded_url() == sqlite_url(home / "office.sqlite3")
    remember_central("postgresql+psycopg://office:secret@db.example.tw/checkin")
    assert remembered_url() == office_url() == \
        "postgresql+psycopg://office:secret@db.example.tw/checkin"
    assert (home / "office.json").stat().st_mode & 0o077 == 0  # it may hold a password
    other = sqlite_url(tmp_path / "other.sqlite3")
    assert office_url(other) == other
    remember_central(None)
    assert office_url() == embedded_url()


def test_sync_join_takes_the_join_codes_text_from_standard_input(capsys, home, monkeypatch):
    link = DeskLink(url="postgresql+psycopg://db.example.tw/checkin", role="checkin_desk_f1",
                    password="pw-" + "x" * 30, desk_id="6f1c1d1e-8f3a-4c55-9b7e-0a1b2c3d4e5f",
                    desk_name="front-1", workshops=(1, 2), export_key="ab" * 32)
    monkeypatch.setattr("sys.stdin", io.StringIO(link_text(link) + "\n"))
    desk = sqlite_url(home / "desk.sqlite3")
    code, out, err = run(capsys, "sync", "join", "-", "--db", desk)
    assert code == 0, err
    assert "front-1" in out and load_link(desk) == link

"""A whole demo day on the command line: demo --at, admit, admit --leave, signin-sheet."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import run


def _json(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict]:
    code, out, err = run(capsys, *argv)
    assert out, err
    return code, json.loads(out)


def test_walk_through_a_whole_demo_day(tmp_path: Path, capsys) -> None:
    home = str(tmp_path / "demo")
    code, demo = _json(capsys, "demo", "--no-gui", "--json", "--home", home)
    assert code == 0 and "08:35" <= demo["demo_time"] < "16:00"
    db = demo["db_url"]
    person = ("--db", db, "--workshop", "1", "--registration", "1", "--json")

    _code, demo = _json(capsys, "demo", "--no-gui", "--json", "--home", home, "--at", "08:40")
    assert demo["demo_time"] == "08:40" and demo["created"] is False
    code, out = _json(capsys, "admit", *person, "--temperature", "36.5")
    assert (code, out["code"]) == (0, "ADMITTED")

    _json(capsys, "demo", "--no-gui", "--json", "--home", home, "--at", "12:00")
    code, out = _json(capsys, "admit", *person, "--leave")
    assert (code, out["code"]) == (0, "LEFT")
    code, out = _json(capsys, "admit", *person)  # back from lunch: no screening asked
    assert (code, out["code"]) == (0, "RETURNED")
    assert out["left_at"].startswith("2022-04-29T12:00")

    _json(capsys, "demo", "--no-gui", "--json", "--home", home, "--at", "16:05")
    code, out = _json(capsys, "admit", *person, "--leave")
    assert (code, out["code"]) == (0, "LEFT")
    code, line, _ = run(capsys, "admit", *person[:-1], "--leave")
    assert code == 1 and line.startswith("ALREADY_LEFT") and "checked out 2022-04-29T16:05" in line
    code, out = _json(capsys, "admit", "--db", db, "--workshop", "1", "--registration", "2",
                      "--leave", "--json")
    assert (code, out["code"]) == (1, "NOT_IN")

    # Arrivals and departures are kept by --at, and dropped by --reset.
    _json(capsys, "demo", "--no-gui", "--json", "--home", home, "--at", "16:10")
    code, out = _json(capsys, "admit", *person, "--leave")
    assert out["code"] == "ALREADY_LEFT"
    _code, demo = _json(capsys, "demo", "--no-gui", "--json", "--home", home, "--reset")
    assert demo["created"] is True and demo["demo_time"] < "08:40"


def test_leave_takes_no_screening_and_bad_hours_are_refused(tmp_path: Path, capsys) -> None:
    with pytest.raises(SystemExit):
        run(capsys, "demo", "--no-gui", "--home", str(tmp_path), "--at", "25:00")
    code, _out, err = run(capsys, "admit", "--db", "sqlite:///nowhere.sqlite3", "--workshop",
                          "1", "--registration", "1", "--leave", "--temperature", "36.5")
    assert code != 0 and "LEAVE_TAKES_NO_SCREENING" in err


def test_signin_sheet_command(tmp_path: Path, capsys) -> None:
    _code, demo = _json(capsys, "demo", "--no-gui", "--json", "--home", str(tmp_path / "d"))
    out = tmp_path / "list.pdf"
    code, result = _json(capsys, "signin-sheet", "--db", demo["db_url"], "--workshop",
                         "IDB2201", "--out", str(out), "--json")
    # The 21 registered and the one on the waiting list (a supervisor may let them in).
    assert code == 0 and result["pages"] == 2 and result["people"] == 22
    assert out.read_bytes().startswith(b"%PDF")
    assert not list(tmp_path.glob(".list.pdf.*"))  # no half-written file left behind

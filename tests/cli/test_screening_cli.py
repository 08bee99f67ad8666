"""``checkin screening show|set`` and ``checkin purge --dry-run`` (issue 10 item 7)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from checkin.db.engine import sqlite_url

from .conftest import run


def test_set_and_show_the_rules(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                demo_template: Path) -> None:
    path = tmp_path / "office.sqlite3"
    shutil.copyfile(demo_template, path)
    db = sqlite_url(path)
    code, out, _ = run(capsys, "screening", "show", "--db", db, "--day", "2022-04-29")
    assert code == 0 and "second reading after 5 min" in out
    code, out, _ = run(capsys, "screening", "set", "--db", db, "--from", "2022-04-01",
                       "--no-second-reading")
    assert code == 0 and "no second reading" in out
    code, out, _ = run(capsys, "screening", "show", "--db", db, "--day", "2022-04-29")
    assert "over 37.5 °C; no second reading" in out
    code, _, err = run(capsys, "screening", "set", "--db", db, "--from", "2022-04-01",
                       "--threshold", "35")
    assert code != 0 and "THRESHOLD" in err


def test_purge_dry_run_deletes_nothing(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                       demo_template: Path) -> None:
    path = tmp_path / "desk.sqlite3"
    shutil.copyfile(demo_template, path)
    db = sqlite_url(path)
    code, out, _ = run(capsys, "purge", "--db", db, "--today", "2022-06-30", "--dry-run")
    assert code == 0 and "would delete" in out
    code, out, _ = run(capsys, "purge", "--db", db, "--today", "2022-06-30")
    assert code == 0 and "purged" in out

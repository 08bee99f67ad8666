"""`checkin scores`, `checkin certificates`, `checkin report` from the command line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from checkin.db.engine import sqlite_url

from .conftest import run


def test_scores_certificates_report(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                    demo_template: Path) -> None:
    path = tmp_path / "office.sqlite3"
    shutil.copyfile(demo_template, path)
    db = sqlite_url(path)
    code, out, err = run(capsys, "scores", "set", "--db", db, "--workshop", "1",
                         "--registration", "1", "--score", "101")
    assert code == 2 and "0-100" in err
    code, out, err = run(capsys, "scores", "set", "--db", db, "--workshop", "1",
                         "--registration", "23", "--score", "90")
    assert code == 2 and "not in this workshop" in err
    code, out, _ = run(capsys, "scores", "set", "--db", db, "--workshop", "IDB2201",
                       "--registration", "1", "--score", "85", "--by", "林小姐")
    assert code == 0 and "85" in out
    scores = tmp_path / "s.csv"
    scores.write_text("姓名,公司名稱,成績\n陳怡君,,80\n無此人,x,70\n", encoding="utf-8")
    code, out, _ = run(capsys, "scores", "import", str(scores), "--db", db, "--workshop", "1",
                       "--dry-run")
    assert code == 1 and "ambiguous" in out and "no such person" in out
    code, out, _ = run(capsys, "certificates", "--db", db, "--workshop", "1",
                       "--out", str(tmp_path / "c"))
    assert code == 0 and "未到 absent" in out
    code, out, _ = run(capsys, "certificates", "verify", "IDB2201-0001", "--db", db)
    assert code == 1 and "查無此證明編號" in out
    code, out, _ = run(capsys, "report", "--db", db, "--all", "--format", "csv",
                       "--out", str(tmp_path / "r.csv"))
    assert code == 0 and (tmp_path / "r-summary.csv").exists()

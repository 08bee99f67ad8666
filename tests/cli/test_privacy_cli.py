"""`checkin privacy show / set / reset` (issue 9 item 7)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from checkin.db.engine import sqlite_url

from .conftest import run


@pytest.fixture
def db(demo: dict[str, object], tmp_path: Path) -> str:
    path = tmp_path / "office.sqlite3"
    shutil.copyfile(str(demo["db_url"]).removeprefix("sqlite:///"), path)
    return sqlite_url(path)


def test_show_set_and_reset(capsys: pytest.CaptureFixture[str], db: str, tmp_path: Path) -> None:
    code, out, _ = run(capsys, "privacy", "show", "--db", db)
    assert code == 0 and "# 預設 default" in out and "28 天" in out
    code, out, _ = run(capsys, "privacy", "show", "--db", db, "--lang", "en")
    assert code == 0 and "28 days" in out
    text = tmp_path / "notice.txt"
    text.write_text("\ufeff本會個資告知：體溫僅供防疫，28 天後刪除。\n\n全文。\n", "utf-8")
    code, out, _ = run(capsys, "privacy", "set", "--file", str(text), "--db", db)
    assert code == 0 and "next sync" in out
    code, out, _ = run(capsys, "privacy", "show", "--db", db)
    assert out.splitlines()[:2] == ["# 已設定 set by the office",
                                    "本會個資告知：體溫僅供防疫，28 天後刪除。"]
    code, out, _ = run(capsys, "privacy", "reset", "--db", db)
    assert code == 0
    assert "# 預設 default" in run(capsys, "privacy", "show", "--db", db)[1]


def test_a_bad_text_is_one_line_and_changes_nothing(capsys: pytest.CaptureFixture[str],
                                                     db: str, tmp_path: Path) -> None:
    text = tmp_path / "notice.txt"
    text.write_text("\x1b]0;pwned\x07 notice", "utf-8")
    code, out, err = run(capsys, "privacy", "set", "--file", str(text), "--db", db)
    assert code == 2 and "control characters" in err and "\x1b" not in err + out
    assert len(err.strip().splitlines()) == 1
    code, _, err = run(capsys, "privacy", "set", "--file", str(tmp_path / "none.txt"),
                       "--db", db)
    assert code == 2
    assert "# 預設 default" in run(capsys, "privacy", "show", "--db", db)[1]

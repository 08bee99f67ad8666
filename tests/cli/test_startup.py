"""Start-up: a command loads only what it needs (issue 12).

Each check runs the command in a fresh interpreter, so nothing this test process has already
imported (pytest-qt, the office tests' openpyxl) can hide a heavy import.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from checkin.db import engine as db_engine

HEAVY = {"fpdf", "fontTools", "alembic", "PySide6", "shiboken6", "openpyxl"}

_PROBE = """
import contextlib, io, json, sys
from checkin.cli import main
out = io.StringIO()
with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
    try:
        status = main(json.loads(sys.argv[1]))
    except SystemExit as exc:  # argparse's --help
        status = exc.code
print(json.dumps({"status": status, "output": out.getvalue(),
                  "modules": sorted({m.split(".")[0] for m in sys.modules})}))
"""


def run_fresh(*argv: str) -> tuple[int, str, set[str]]:
    """`checkin ARGV` in a new interpreter: exit status, output, top-level modules loaded."""
    done = subprocess.run([sys.executable, "-c", _PROBE, json.dumps(argv)],
                          capture_output=True, text=True, timeout=120, check=True)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    return result["status"], result["output"], set(result["modules"])


def test_help_loads_no_heavy_library() -> None:
    status, output, loaded = run_fresh("--help")
    assert status == 0 and "admit" in output and "notices" in output and "sync" in output
    assert not HEAVY & loaded
    # Not even the database layer: the help text needs argparse and the command modules.
    assert "sqlalchemy" not in loaded


@pytest.mark.parametrize("group", ["notices", "workshops", "central", "sync", "desk"])
def test_each_group_help_loads_no_heavy_library(group: str) -> None:
    status, _output, loaded = run_fresh(group, "--help")
    assert status == 0 and not HEAVY & loaded


def test_admit_and_export_on_a_current_database_load_no_heavy_library(demo) -> None:
    status, output, loaded = run_fresh("admit", "--db", demo["db_url"], "--workshop", "1",
                                       "--registration", "3", "--temperature", "36.5")
    assert status == 0 and output.startswith("ADMITTED"), output
    assert not HEAVY & loaded, HEAVY & loaded
    status, output, loaded = run_fresh("export", "--db", demo["db_url"], "--workshop", "1",
                                       "--format", "csv")
    assert (status == 0 and output.startswith("registration_id")) or "name" in output
    assert not HEAVY & loaded, HEAVY & loaded


def test_scan_loads_no_heavy_library(demo) -> None:
    qr = next(Path(demo["qr_dir"]).glob("w01-r001-*.png"))
    status, output, loaded = run_fresh("scan", str(qr))
    assert status == 0 and "CK1-IDB2201-" in output
    assert not HEAVY & loaded, HEAVY & loaded


def test_an_old_database_is_still_migrated(tmp_path: Path) -> None:
    from alembic import command

    old = db_engine.make_engine(db_engine.sqlite_url(tmp_path / "old.sqlite3"))
    cfg = db_engine.alembic_config(old)
    with old.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
    assert db_engine.current_revision(old) == "0001"
    db_engine.upgrade(old)
    assert db_engine.current_revision(old) == db_engine.head_revision()
    old.dispose()


def test_the_head_known_without_alembic_is_alembics_head() -> None:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(db_engine.alembic_config())
    assert db_engine.head_revision() == script.get_current_head()
    ours = db_engine.known_revisions()
    assert ours == sorted(rev.revision for rev in script.walk_revisions())
    # The file-name rule the fast check relies on: <revision>_<what>.py, revision in the file.
    for path in (Path(db_engine.__file__).with_name("migrations") / "versions").glob("*.py"):
        declared = re.search(r"^revision\s*=\s*['\"]([^'\"]+)['\"]", path.read_text("utf-8"),
                             re.MULTILINE)
        assert declared and path.name.startswith(declared.group(1) + "_"), path.name

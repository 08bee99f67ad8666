"""The import rule of ARCHITECTURE.md: only checkin.ui imports PySide6; core is pure.

Each check imports modules in a fresh interpreter, so nothing the test runner (pytest-qt)
has already imported can hide a leak.
"""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys

import checkin

_PROBE = """
import importlib, json, sys
failed = {}
for name in json.loads(sys.argv[1]):
    try:
        importlib.import_module(name)
    except Exception as exc:  # report, so a broken module is not a silent pass
        failed[name] = f"{type(exc).__name__}: {exc}"
print(json.dumps({"failed": failed, "modules": sorted(m.split(".")[0] for m in sys.modules)}))
"""


def modules(prefix: str = "checkin") -> list[str]:
    """Every module of the package except ui/ and ``__main__`` (which runs the program)."""
    found = [checkin.__name__]
    for info in pkgutil.walk_packages(checkin.__path__, prefix="checkin."):
        name = info.name
        if name == "checkin.ui" or name.startswith("checkin.ui.") or name.endswith("__main__"):
            continue
        if name.startswith(prefix):
            found.append(name)
    return sorted(found)


def import_in_fresh_interpreter(names: list[str]) -> tuple[dict[str, str], set[str]]:
    done = subprocess.run([sys.executable, "-c", _PROBE, json.dumps(names)],
                          capture_output=True, text=True, timeout=120, check=True)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    return result["failed"], set(result["modules"])


def test_walk_finds_the_layers() -> None:
    names = modules()
    for expected in ["checkin.core.rules", "checkin.db.repo", "checkin.services.checkin",
                     "checkin.cli"]:
        assert expected in names
    assert not [n for n in names if n.startswith("checkin.ui")]


def test_non_ui_modules_do_not_import_pyside6() -> None:
    names = modules()
    failed, loaded = import_in_fresh_interpreter(names)
    assert failed == {}
    assert "PySide6" not in loaded
    assert "shiboken6" not in loaded


def test_core_imports_neither_sqlalchemy_nor_qt() -> None:
    names = [n for n in modules() if n == "checkin.core" or n.startswith("checkin.core.")]
    assert "checkin.core.rules" in names
    failed, loaded = import_in_fresh_interpreter(names)
    assert failed == {}
    assert not {"sqlalchemy", "alembic", "PySide6", "psycopg", "sqlite3"} & loaded


def test_the_probe_would_see_a_leak() -> None:
    # The check itself can fail: importing Qt in the probe is visible.
    _failed, loaded = import_in_fresh_interpreter(["PySide6.QtCore"])
    assert "PySide6" in loaded

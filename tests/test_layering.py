"""The import rule of ARCHITECTURE.md, checked two ways.

Statically, every module's imports (at the top, inside functions, under TYPE_CHECKING,
relative ones, ``importlib.import_module("...")``) are parsed with ``ast`` and held to the
layer order::

    core < db < notices, scanning < services, sync < ui, cli

Peers on one level (notices and scanning; services and sync) do not import each other;
nothing imports ``cli`` (``checkin.cli``, its package, or a ``checkin.cli_*`` module) but
``checkin/__main__.py``; only ``ui`` imports PySide6, and not even ui's Qt-free flow modules.

Dynamically, modules are imported in a fresh interpreter, so nothing the test runner
(pytest-qt) has already imported can hide a Qt leak that comes in through a third-party
package.
"""

from __future__ import annotations

import ast
import json
import pkgutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import checkin

PACKAGE = Path(checkin.__file__).resolve().parent

# What each layer may import from the package (itself included).
ALLOWED: dict[str, frozenset[str]] = {
    "core": frozenset({"core"}),
    "db": frozenset({"core", "db"}),
    "notices": frozenset({"core", "db", "notices"}),
    "scanning": frozenset({"core", "db", "scanning"}),
    "services": frozenset({"core", "db", "notices", "scanning", "services"}),
    "sync": frozenset({"core", "db", "notices", "scanning", "sync"}),
    "ui": frozenset({"core", "db", "notices", "scanning", "services", "sync", "ui"}),
    "cli": frozenset({"core", "db", "notices", "scanning", "services", "sync", "ui", "cli"}),
}
QT = ("PySide6", "shiboken6")
# ui/ modules that are plain objects the windows render: they must stay Qt-free.
QT_FREE_UI = ("checkin.ui.attempt", "checkin.ui.remeasure", "checkin.ui.desk_flow")
# The package root (only a version) and the program entry (which runs the cli).
ROOT_MODULES = {"checkin": "core", "checkin.__main__": "cli"}


@dataclass(frozen=True)
class Violation:
    module: str
    line: int
    imported: str
    rule: str

    def __str__(self) -> str:
        return f"{self.module}:{self.line} imports {self.imported} ({self.rule})"


def layer_of(module: str) -> str | None:
    """The layer of a checkin module; ``checkin.cli``, ``checkin.cli.*`` and ``checkin.cli_*``
    are all the cli layer. None for modules outside the package."""
    if module in ROOT_MODULES:
        return ROOT_MODULES[module]
    parts = module.split(".")
    if parts[0] != "checkin" or len(parts) < 2:
        return None
    top = parts[1]
    if top == "cli" or top.startswith("cli_"):
        return "cli"
    return top


def module_name(path: Path) -> str:
    rel = path.resolve().relative_to(PACKAGE.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(module: str, source: str, is_package: bool = False) -> list[tuple[int, str]]:
    """Every module ``source`` imports, wherever the import statement is: (line, name)."""
    found: list[tuple[int, str]] = []
    package = module if is_package else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: from the module's own package upwards
                base = package.split(".")
                base = base[:len(base) - (node.level - 1)]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            found.append((node.lineno, target))
            # `from checkin import services` / `from checkin.ui import attempt`: submodules.
            found += [(node.lineno, f"{target}.{alias.name}") for alias in node.names
                      if alias.name != "*" and target.split(".")[0] == "checkin"]
        elif isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant) \
                and isinstance(node.args[0].value, str) and (
                (isinstance(node.func, ast.Attribute) and node.func.attr == "import_module")
                or (isinstance(node.func, ast.Name) and node.func.id in {"import_module",
                                                                          "__import__"})):
            found.append((node.lineno, node.args[0].value))
    return found


def violations(module: str, source: str, is_package: bool = False) -> list[Violation]:
    """What in ``source`` (the text of ``module``) breaks the import rule."""
    layer = layer_of(module)
    assert layer in ALLOWED, f"{module} is in no layer of ARCHITECTURE.md"
    found = []
    for line, name in imports_of(module, source, is_package):
        top = name.split(".")[0]
        if top in QT:
            if layer != "ui":
                found.append(Violation(module, line, name, "only ui imports Qt"))
            elif module in QT_FREE_UI:
                found.append(Violation(module, line, name, "a ui flow is Qt-free"))
            continue
        target = layer_of(name)
        if target is None or name == "checkin":
            continue
        if target not in ALLOWED:
            if target.startswith("__"):  # `from checkin import __version__`: a name
                continue
            found.append(Violation(module, line, name, "not a layer of ARCHITECTURE.md"))
        elif target == "cli" and layer == "cli" and module.startswith("checkin.__main__"):
            continue
        elif target == "cli" and layer != "cli":
            found.append(Violation(module, line, name, "nothing imports cli"))
        elif target not in ALLOWED[layer]:
            found.append(Violation(module, line, name, f"{layer} may not import {target}"))
    # `from checkin.sync import runner` is seen as both checkin.sync and checkin.sync.runner.
    return list({(v.line, v.rule): v for v in found}.values())


def package_sources() -> list[tuple[str, Path]]:
    return sorted((module_name(p), p) for p in PACKAGE.rglob("*.py")
                  if "__pycache__" not in p.parts)


def test_every_module_of_the_package_is_in_a_layer() -> None:
    names = [name for name, _path in package_sources()]
    for expected in ["checkin.core.rules", "checkin.db.repo", "checkin.notices.render",
                     "checkin.scanning.wedge", "checkin.services.checkin",
                     "checkin.sync.runner", "checkin.ui.main_window", "checkin.ui.attempt"]:
        assert expected in names
    assert any(layer_of(n) == "cli" for n in names)
    assert [n for n in names if layer_of(n) not in ALLOWED] == []


def test_the_layer_order_holds_for_every_module() -> None:
    found = []
    for name, path in package_sources():
        found += violations(name, path.read_text("utf-8"), path.name == "__init__.py")
    assert [str(v) for v in found] == []


def test_the_checker_sees_each_kind_of_violation() -> None:
    """Synthetic sources: the static check can fail, and says why."""
    def rules(module: str, source: str) -> list[str]:
        return [v.rule for v in violations(module, source)]

    # An import inside a function, a level skipped upwards.
    assert rules("checkin.db.repo", "def f():\n    from checkin.services import checkin\n") \
        == ["db may not import services"]
    # Peers, written relatively and absolutely.
    assert rules("checkin.services.reports", "from ..sync import runner\n") \
        == ["services may not import sync"]
    assert rules("checkin.sync.push", "import checkin.services.checkin\n") \
        == ["sync may not import services"]
    assert rules("checkin.notices.render", "from checkin.scanning.wedge import X\n") \
        == ["notices may not import scanning"]
    # Both spellings of the cli layer, from ui; and a string import.
    assert rules("checkin.ui.app", "from checkin.cli_desk import run\n") \
        == ["nothing imports cli"]
    assert rules("checkin.ui.app", "from checkin.cli.desk import run\n") \
        == ["nothing imports cli"]
    assert rules("checkin.services.demo", "import importlib\n"
                 "importlib.import_module('checkin.cli')\n") == ["nothing imports cli"]
    # Qt: outside ui, and in a Qt-free flow of ui; under TYPE_CHECKING too.
    assert rules("checkin.core.clock", "from PySide6.QtCore import QTimer\n") \
        == ["only ui imports Qt"]
    assert rules("checkin.ui.attempt", "from typing import TYPE_CHECKING\n"
                 "if TYPE_CHECKING:\n    from PySide6.QtWidgets import QWidget\n") \
        == ["a ui flow is Qt-free"]
    # What is allowed stays allowed.
    assert rules("checkin.ui.main_window", "from PySide6.QtWidgets import QWidget\n"
                 "from checkin.sync import runner\nfrom checkin.services import checkin\n") == []
    assert rules("checkin.cli.desk", "from checkin.ui.app import run_desk\n") == []
    assert rules("checkin.cli_sync", "from checkin.cli import main\n") == []
    assert rules("checkin.__main__", "from checkin.cli import main\n") == []


# --- in a fresh interpreter -------------------------------------------------------------

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


def test_non_ui_modules_do_not_import_pyside6() -> None:
    names = modules()
    assert "checkin.services.checkin" in names
    failed, loaded = import_in_fresh_interpreter(names)
    assert failed == {}
    assert "PySide6" not in loaded
    assert "shiboken6" not in loaded


def test_the_qt_free_ui_flows_do_not_import_pyside6() -> None:
    names = [n for n in QT_FREE_UI if (PACKAGE.parent / (n.replace(".", "/") + ".py")).exists()]
    assert "checkin.ui.attempt" in names
    failed, loaded = import_in_fresh_interpreter(names)
    assert failed == {}
    assert not set(QT) & loaded


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

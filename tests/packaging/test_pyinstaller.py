"""The one-folder app built from build/pyinstaller.spec passes its own self-test (issue 12).

Marked ``build``: left out of the default run (about a minute of building on two cores);
``pytest -m build`` runs it, and CI runs it as a step of its own (.ci/run).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import checkin

ROOT = Path(__file__).resolve().parents[2]
# The aim was 150 MB; what is left is what the desk runs on (README, "PyInstaller"). The
# ceiling catches a dependency that drags a new stack in.
CEILING_MB = 290
LEFT_OUT = ("Qt6Pdf", "Qt6Svg", "Qt6VirtualKeyboard", "qgtk3", "qtvirtualkeyboardplugin",
            "mypy", "_pytest", "pygments", "QtOpenGL.abi3", "libavif", "_avif.")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("PyInstaller", reason="pip install pyinstaller (the build extra)")
    out = tmp_path_factory.mktemp("pyinstaller")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm",
                           "--distpath", str(out / "dist"), "--workpath", str(out / "work"),
                           str(ROOT / "build" / "pyinstaller.spec")],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=1200,
                          check=False)
    assert proc.returncode == 0, proc.stderr[-4000:]
    return out / "dist" / "checkin"


def _run(app: Path, tmp_path: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "DISPLAY")}
    env.update(CHECKIN_HOME=str(tmp_path / "home"), QT_QPA_PLATFORM="offscreen")
    exe = app / ("checkin.exe" if sys.platform == "win32" else "checkin")
    return subprocess.run([str(exe), *argv], env=env, cwd=tmp_path, capture_output=True,
                          text=True, timeout=300, check=False)


@pytest.mark.build
def test_the_built_app_passes_its_self_test(built: Path, tmp_path: Path) -> None:
    proc = _run(built, tmp_path, "self-test")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    lines = proc.stdout.splitlines()
    assert "built app" in lines[0] and lines[-1] == "self-test passed", proc.stdout
    for step in ("database", "qr zxing-cpp", "qr zbar", "notice", "desk window",
                 "office window"):
        assert any(line.startswith("ok ") and line[8:21].strip() == step for line in lines)
    # No warning of ours at start: the compiled translations are inside (no lrelease).
    ours = [line for line in proc.stderr.splitlines()
            if line.startswith(("WARNING", "ERROR", "CRITICAL"))]
    assert ours == [], proc.stderr
    assert not (tmp_path / "home").exists()


@pytest.mark.build
def test_the_built_app_knows_its_version(built: Path, tmp_path: Path) -> None:
    proc = _run(built, tmp_path, "--version")
    assert (proc.returncode, proc.stdout.strip()) == (0, f"checkin {checkin.__version__}")


@pytest.mark.build
def test_the_built_app_leaves_out_what_the_desk_does_not_use(built: Path) -> None:
    # PyInstaller links some libraries into place: count each file once, as du does.
    files = [p for p in built.rglob("*") if p.is_file() and not p.is_symlink()]
    size_mb = sum(p.stat().st_size for p in files) / 2**20
    assert size_mb < CEILING_MB, f"{size_mb:.0f} MB"
    names = [p.name for p in files]
    assert not [n for n in names if any(part in n for part in LEFT_OUT)]
    translations = {p.name for p in files if p.suffix == ".qm"}
    assert {"checkin_zh_TW.qm", "checkin_en.qm", "qtbase_zh_TW.qm"} <= translations
    assert all(n.endswith(("_zh_TW.qm", "_en.qm")) for n in translations)
    assert not [p for p in files if p.suffix == ".ts"]

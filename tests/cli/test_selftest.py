"""`checkin --version` and `checkin self-test` (issue 12, item 6).

The self-test runs in a fresh interpreter, as a user or the built app runs it: it starts Qt,
which must not be inherited from (or leak into) this test process.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import checkin
from checkin.cli import main

STEPS = ("database", "qr zxing-cpp", "qr zbar", "notice", "desk window", "office window")


def self_test(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {**os.environ, "CHECKIN_HOME": str(tmp_path / "user-home"),
               "TMPDIR": str(tmp_path / "tmp"), **env}
    (tmp_path / "tmp").mkdir(exist_ok=True)
    return subprocess.run([sys.executable, "-m", "checkin", "self-test"], env=environ,
                          capture_output=True, text=True, timeout=300, check=False)


def step_line(output: str, step: str) -> str:
    """The line of one step: mark (7 wide), step name (13 wide), what happened."""
    return next(line for line in output.splitlines() if line[8:21].strip() == step)


def test_version_prints_the_package_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out.strip() == f"checkin {checkin.__version__}"


def test_self_test_passes_every_step_and_leaves_nothing(tmp_path: Path) -> None:
    proc = self_test(tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0].startswith(f"checkin {checkin.__version__} self-test")
    for step in STEPS:
        assert step_line(proc.stdout, step).startswith("ok "), proc.stdout
    assert lines[-1] == "self-test passed"
    assert "translations not compiled" not in proc.stderr
    # The user's data folder is never touched; the scratch folder is removed.
    assert not (tmp_path / "user-home").exists()
    assert list((tmp_path / "tmp").iterdir()) == []


def test_a_failing_step_is_named_and_makes_the_exit_status_non_zero(tmp_path: Path) -> None:
    proc = self_test(tmp_path, CHECKIN_NOTICE_FONT=str(tmp_path / "no-such-font.ttc"))
    assert proc.returncode == 1, proc.stdout + proc.stderr
    notice = step_line(proc.stdout, "notice")
    assert notice.startswith("FAILED") and "no-such-font.ttc" in notice
    # The other steps still ran and passed.
    assert sum(line.startswith("ok ") for line in proc.stdout.splitlines()) == len(STEPS) - 1
    assert proc.stdout.splitlines()[-1] == "self-test FAILED: 1 step(s)"


def test_a_page_long_error_is_reported_in_one_line() -> None:
    from checkin.cli.selftest import _one_line

    numpy_like = ImportError(
        "\n\nIMPORTANT: PLEASE READ THIS\n\nOriginal error was: libx.so: bad ELF\n")
    assert _one_line(numpy_like) == "ImportError: Original error was: libx.so: bad ELF"

"""Fixtures of the command-line tests: the demo prepared by `checkin demo`, a runner.

Nothing here needs Qt: the commands under test never open a window.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from checkin.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run `checkin ARGV` in this process: exit status, stdout, stderr."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """The demo as `checkin demo --no-gui --json` prints it (one per test module)."""
    home = tmp_path_factory.mktemp("demo")
    proc = subprocess.run([sys.executable, "-m", "checkin", "demo", "--no-gui", "--json",
                           "--home", str(home)], capture_output=True, text=True, check=True)
    return json.loads(proc.stdout)

"""A real full disk for tests: a tiny tmpfs, filled to the last byte."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest


def mount_tiny_tmpfs(mount_point: Path, size: str = "512k") -> Iterator[Path]:
    """Mount a tmpfs of ``size`` at ``mount_point`` for the test. Needs root, as in CI."""
    mount_point.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs",
                           str(mount_point)], capture_output=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({done.stderr.decode().strip()}); the "
                    "max_page_count test covers the desk's full disk")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


def fill_disk(folder: Path) -> None:
    """Fill the file system holding ``folder`` to the last byte."""
    fd = os.open(folder / "ballast", os.O_WRONLY | os.O_CREAT, 0o644)
    try:
        while True:
            os.write(fd, b"\0" * 4096)
    except OSError:
        pass
    finally:
        os.close(fd)

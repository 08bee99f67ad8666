"""Session-wide test set-up: no real display, no writes into the user's data folder."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from diskkit import mount_tiny_tmpfs

# Qt must not look for a display, and must know this before any Qt module is imported.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Anything that falls back to the user's data folder writes into a throw-away one instead.
os.environ.setdefault("CHECKIN_HOME", tempfile.mkdtemp(prefix="checkin-tests-"))


@pytest.fixture
def tiny_tmpfs(tmp_path: Path) -> Iterator[Path]:
    """A 512 KiB tmpfs: a real full disk. Needs mount rights (root, as in CI)."""
    yield from mount_tiny_tmpfs(tmp_path / "tiny")


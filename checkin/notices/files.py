"""Files written for people: complete or not there at all.

A full disk or a kill in the middle of writing a PDF, a CSV or an export must not leave a
truncated file that looks like the real one: write to a temporary name in the same folder,
flush it to disk, then rename it over the final name (atomic on one file system).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO


@contextlib.contextmanager
def atomic_file(path: Path, mode: str = "wb", encoding: str | None = None,
                newline: str | None = None) -> Iterator[IO]:  # type: ignore[type-arg]
    """Open a temporary file beside ``path``; it becomes ``path`` only if the block succeeds."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, mode, encoding=encoding, newline=newline) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` completely, or leave no file (and no half file) behind."""
    with atomic_file(path) as fh:
        fh.write(data)

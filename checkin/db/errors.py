"""Storage errors as values with codes; ui/ and cli turn them into words."""

from __future__ import annotations

import contextlib
import errno
from collections.abc import Iterator

from checkin.core.errors import CodedError


class StoreError(CodedError):
    """Base of the storage errors a user is told about in words."""

    code = "STORE_ERROR"

    def __init__(self, detail: str = "", path: str | None = None) -> None:
        super().__init__(None, detail)
        self.path = path


class DatabaseTooNew(StoreError):
    """The database was written by a newer checkin; this one refuses to touch it."""

    code = "DATABASE_TOO_NEW"


class CorruptDatabase(StoreError):
    """The file failed its integrity check; it was moved aside untouched to ``path``."""

    code = "DATABASE_CORRUPT"


class DatabaseUnavailable(StoreError):
    """The database cannot be opened (missing folder, permissions, server down)."""

    code = "DATABASE_UNAVAILABLE"


class StorageFailed(StoreError):
    """A write failed (disk full, read-only, I/O error); ``detail`` is a storage_problem code.

    Nothing half-written stays: the transaction was rolled back, files are written whole.
    """

    code = "STORAGE_FAILED"


def storage_problem(exc: BaseException) -> str:
    """A stable code for why a write failed: DISK_FULL, READ_ONLY, LOCKED, IO_ERROR, ..."""
    if isinstance(exc, OSError):
        if exc.errno == errno.ENOSPC:
            return "DISK_FULL"
        if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            return "READ_ONLY"
        return "IO_ERROR"
    text = str(getattr(exc, "orig", None) or exc).lower()
    for needle, code in (("disk is full", "DISK_FULL"), ("readonly", "READ_ONLY"),
                         ("read-only", "READ_ONLY"), ("locked", "LOCKED"), ("busy", "LOCKED"),
                         ("i/o error", "IO_ERROR"), ("unable to open", "IO_ERROR")):
        if needle in text:
            return code
    return "DATABASE_ERROR"


@contextlib.contextmanager
def storage_failures() -> Iterator[None]:
    """Turn a failed write (database or file) into :class:`StorageFailed` with its problem."""
    from sqlalchemy.exc import OperationalError

    try:
        yield
    except OperationalError as exc:
        raise StorageFailed(storage_problem(exc)) from exc
    except OSError as exc:
        raise StorageFailed(storage_problem(exc)) from exc

"""Storage errors as values with codes; ui/ and cli turn them into words."""

from __future__ import annotations

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

"""The one error type: a stable code and a detail; front ends turn the code into words.

Every error a user is told about (storage, sync, import files, notices, scanning, mail)
is a :class:`CodedError`. Tests assert on ``code``; the command line and the windows turn
it into words where they print it, never where it is raised.
"""

from __future__ import annotations


class CodedError(Exception):
    """An error with a stable ``code`` (upper case, for callers and tests) and a ``detail``.

    Subclasses may fix their code as a class attribute; the constructor's ``code`` wins when
    given. ``detail`` is free text for the log and for the words around it, never shown alone.
    """

    code: str = "ERROR"

    def __init__(self, code: str | None = None, detail: str = "") -> None:
        if code is not None:
            self.code = code
        self.detail = detail
        super().__init__(f"{self.code}: {detail}" if detail else self.code)

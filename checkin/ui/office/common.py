"""Small helpers the office pages share."""

from __future__ import annotations


def fill(text: str, *values: object) -> str:
    """Qt's %1, %2 ... filled in (PySide's tr() returns a plain str)."""
    for n, value in reversed(list(enumerate(values, 1))):
        text = text.replace(f"%{n}", str(value))
    return text

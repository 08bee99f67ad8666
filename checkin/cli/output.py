r"""What the command prints cannot drive the terminal.

Names, companies and scanned payloads come from outside: an ESC or OSC sequence in them
would set the window title or clear the screen, a right-to-left override would reverse the
rest of the line. :class:`TerminalSafe` wraps stdout and stderr for the whole command and
shows every control, format and bidi character as a ``\uXXXX`` escape (valid inside JSON
strings too), except the line breaks, carriage return (the progress bar) and tab the
command writes itself. Values that may hold a newline of their own (a QR payload) go through
:func:`checkin.core.text.for_terminal` where they are printed.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from typing import TextIO

from checkin.core.text import has_controls

_OWN = frozenset("\n\r\t")


def _escape(text: str) -> str:
    if not has_controls(text):
        return text
    return "".join(ch if ch in _OWN or not has_controls(ch) else f"\\u{ord(ch):04x}"
                   for ch in text)


class TerminalSafe:
    """A text stream that escapes what could move the terminal, then writes to ``inner``."""

    def __init__(self, inner: TextIO) -> None:
        self.inner = inner

    def write(self, text: str) -> int:
        self.inner.write(_escape(text))
        return len(text)

    def __getattr__(self, name: str) -> object:
        return getattr(self.inner, name)


@contextlib.contextmanager
def terminal_safe() -> Iterator[None]:
    """Stdout and stderr escape control and bidi characters while the command runs."""
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = TerminalSafe(out), TerminalSafe(err)  # type: ignore[assignment]
    try:
        yield
    finally:
        sys.stdout, sys.stderr = out, err

"""Text that leaves the system for people: terminals, spreadsheets, file names.

Pure string functions. What a person's name or a scanned code may carry (ESC sequences,
bidi overrides, a leading ``=``) must not move a terminal, run as a formula or reorder a
line; these functions are the one place that decides how such text is neutralised.
"""

from __future__ import annotations

import unicodedata

# Bidi controls (embeddings, overrides, isolates, marks): they reorder what follows them.
BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
                          "\u2066\u2067\u2068\u2069")
# A spreadsheet reads a cell starting with one of these as a formula (or strips the tab and
# then does): OWASP's CSV-injection list.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _is_control(ch: str) -> bool:
    return ch in BIDI_CONTROLS or unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Zl", "Zp")


def has_controls(text: str) -> bool:
    """Whether ``text`` holds control, format or bidi characters (a newline counts)."""
    return any(_is_control(ch) for ch in text)


def strip_controls(text: str) -> str:
    """``text`` without control, format and bidi characters (for names taken in)."""
    return "".join(ch for ch in text if not _is_control(ch))


def for_terminal(text: str) -> str:
    r"""``text`` safe to print on one terminal line: controls shown as ``\x1b``-style escapes.

    Nothing printed can move the cursor, set the title, clear the screen, start a fake
    second line or reverse the rest of the line.
    """
    if not has_controls(text):
        return text
    out = []
    for ch in text:
        if _is_control(ch):
            code = ord(ch)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(ch)
    return "".join(out)


def display_width(text: str) -> int:
    """Columns ``text`` takes in print: CJK (wide and full-width) characters count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def spreadsheet_safe(value: object) -> object:
    """A cell value that a spreadsheet shows as text, never runs as a formula.

    Text starting with ``= + - @``, a tab or a carriage return gets a leading apostrophe,
    as spreadsheet-safe exporters do; numbers and other values pass unchanged.
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value

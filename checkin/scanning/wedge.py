"""Keyboard-wedge scanners: a handheld USB scanner "types" the code, then presses Enter.

A scanner types far faster than a person (a few milliseconds per key, against 80 ms and up
for the fastest typist), so a run of at least ``min_length`` keys, each within
``max_gap_ms`` of the previous one, is a scan; anything slower is a person typing. The
timestamps must be the key events' own (Qt's ``QKeyEvent.timestamp()``), not the time the
GUI thread got round to them, so a busy GUI thread does not turn typing into a burst.

The keys arrive through whatever keyboard state the desk PC is in: a Chinese input method
in full-width mode, Caps Lock, or the Zhuyin (Bopomofo) input method, which turns the key
"1" into "ㄅ". :func:`normalise_scanned` undoes all three. No Qt here.
"""

from __future__ import annotations

import unicodedata

from checkin.core.tokens import looks_like_token

# The standard Taiwanese (Dachen 大千) layout: the Zhuyin symbol each ASCII key types when
# a Zhuyin input method is active. Tones: 3 = ˇ, 4 = ˋ, 6 = ˊ, 7 = ˙, and the space bar is
# the first tone (written ˉ).
_ZHUYIN_KEYS = {
    "ㄅ": "1", "ㄆ": "q", "ㄇ": "a", "ㄈ": "z",
    "ㄉ": "2", "ㄊ": "w", "ㄋ": "s", "ㄌ": "x",
    "ˇ": "3", "ㄍ": "e", "ㄎ": "d", "ㄏ": "c",
    "ˋ": "4", "ㄐ": "r", "ㄑ": "f", "ㄒ": "v",
    "ㄓ": "5", "ㄔ": "t", "ㄕ": "g", "ㄖ": "b",
    "ˊ": "6", "ㄗ": "y", "ㄘ": "h", "ㄙ": "n",
    "˙": "7", "ㄧ": "u", "ㄨ": "j", "ㄩ": "m",
    "ㄚ": "8", "ㄛ": "i", "ㄜ": "k", "ㄝ": ",",
    "ㄞ": "9", "ㄟ": "o", "ㄠ": "l", "ㄡ": ".",
    "ㄢ": "0", "ㄣ": "p", "ㄤ": ";", "ㄥ": "/",
    "ㄦ": "-", "ˉ": " ",
}
_ZHUYIN_TABLE = str.maketrans(_ZHUYIN_KEYS)

# Keys that end a scan. Enter is the factory default; Tab is the other common suffix.
_TERMINATORS = frozenset("\r\n\t")
# Longer bursts are cut here (and then rejected as too long by the token parser): a stuck
# key or a runaway device must not grow memory without bound.
MAX_BURST = 1024


def normalise_scanned(text: str) -> str:
    """What the scanner meant to type, whatever keyboard state the PC was in.

    Zhuyin symbols go back to the keys that typed them (before NFKC, which would take "˙"
    apart), control characters go, NFKC folds full-width characters, and text in our token
    scheme is upper-cased (Caps Lock inverts the case a scanner sends; tokens are upper
    case only). Other text keeps its case: it is reported, then rejected, as it was.
    Never raises.
    """
    text = text[: MAX_BURST + 1].translate(_ZHUYIN_TABLE)
    text = "".join(ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cf", "Cs"))
    text = unicodedata.normalize("NFKC", text).strip()
    if looks_like_token(text):
        text = unicodedata.normalize("NFKC", text.upper())
    return text


class WedgeDetector:
    """Tell scanner bursts from human typing, one key event at a time.

    Feed every key event's text with its timestamp. A burst of at least ``min_length`` keys,
    each within ``max_gap_ms`` of the last, is a scan: :meth:`feed` returns it when Enter
    (or Tab) ends it, :meth:`poll` once ``3 * max_gap_ms`` of silence ended it without one.
    The first key of a burst cannot be told from a keystroke and reaches the focused
    widget; :meth:`is_burst_in_progress` says when the following ones can be swallowed.
    """

    def __init__(self, max_gap_ms: float = 40.0, min_length: int = 12) -> None:
        if max_gap_ms <= 0 or min_length < 1:
            raise ValueError("max_gap_ms must be positive and min_length at least 1")
        self.max_gap_ms = max_gap_ms
        self.min_length = min_length
        self._chars: list[str] = []
        self._count = 0
        self._last_ms = 0.0

    def feed(self, text: str, t_ms: float) -> str | None:
        """One key event's text ("" for a bare modifier, a CR for Enter) at ``t_ms``.

        Returns a completed scan, normalised, or None.
        """
        completed: str | None = None
        for ch in text:
            scan = self._feed_char(ch, t_ms)
            if scan is not None:
                completed = scan
        return completed

    def poll(self, t_ms: float) -> str | None:
        """A burst that ended without Enter, once it has been quiet for ``3 * max_gap_ms``."""
        if self._count and self._gap(t_ms) >= 3 * self.max_gap_ms:
            return self._finish()
        return None

    def is_burst_in_progress(self, t_ms: float) -> bool:
        """True while keys are arriving at scanner speed (at least two so far)."""
        return self._count >= 2 and self._gap(t_ms) <= 3 * self.max_gap_ms

    def reset(self) -> None:
        """Forget any partial burst (e.g. when the desk window loses focus)."""
        self._chars.clear()
        self._count = 0

    def _gap(self, t_ms: float) -> float:
        # Key timestamps can repeat or even step back (events batched by the window system,
        # a 32-bit millisecond counter wrapping); treat that as no gap rather than a huge one.
        return max(0.0, t_ms - self._last_ms)

    def _feed_char(self, ch: str, t_ms: float) -> str | None:
        ended: str | None = None
        if self._count and self._gap(t_ms) > self.max_gap_ms:
            # Silence ended the previous run: a scan without Enter nobody polled for, or
            # (far more often) a person's keystroke, which is dropped here.
            ended = self._finish()
        if ch in _TERMINATORS:
            if self._count:
                self._last_ms = t_ms
                return self._finish()
            return ended
        if len(self._chars) <= MAX_BURST:
            self._chars.append(ch)
        self._count += 1
        self._last_ms = t_ms
        return ended

    def _finish(self) -> str | None:
        long_enough = self._count >= self.min_length
        raw = "".join(self._chars)
        self.reset()
        if not long_enough:
            return None
        return normalise_scanned(raw) or None

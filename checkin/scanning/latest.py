"""A one-item hand-over where the newest item wins (camera frames to the decoding thread).

The camera delivers 30 frames a second whether or not the decoder keeps up; a queue would
grow stale frames and latency. This slot holds at most one: a new frame replaces the one
not yet taken, and the decoder always works on the newest. No Qt.
"""

from __future__ import annotations

import threading
import time
from typing import Generic, TypeVar

T = TypeVar("T")


class LatestSlot(Generic[T]):
    """Thread-safe single slot: :meth:`put` replaces, :meth:`take` blocks until an item."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._item: T | None = None
        self._full = False
        self._closed = False
        self.dropped = 0  # items replaced before anyone took them

    @property
    def closed(self) -> bool:
        return self._closed

    def put(self, item: T) -> bool:
        """Offer ``item``; True when it replaced an older, untaken one (counted in dropped).

        After :meth:`close` the item is discarded and False is returned.
        """
        with self._cond:
            if self._closed:
                return False
            replaced = self._full
            if replaced:
                self.dropped += 1
            self._item = item
            self._full = True
            self._cond.notify()
            return replaced

    def take(self, timeout: float | None = None) -> T | None:
        """The newest item, waiting up to ``timeout`` seconds (None: until one comes).

        Returns None on timeout and once the slot is closed (a pending item is then
        discarded: closing means the consumer should stop).
        """
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._cond:
            while not self._full and not self._closed:
                if deadline is None:
                    self._cond.wait()
                else:
                    remaining = deadline - time.monotonic()
                    if remaining <= 0:
                        return None
                    self._cond.wait(remaining)
            if self._closed:
                return None
            item = self._item
            self._item = None
            self._full = False
            return item

    def close(self) -> None:
        """Wake every waiting :meth:`take` (they return None) and refuse further items."""
        with self._cond:
            self._closed = True
            self._item = None
            self._full = False
            self._cond.notify_all()

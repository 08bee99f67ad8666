"""When a desk exchanges with the central database during the day: a clock-driven plan, no Qt.

The window drives it with a timer (ask :meth:`ExchangeSchedule.due` once a second) and runs
the exchange on a worker thread; tests drive it with plain numbers. Times are seconds on a
monotonic clock, given by the caller.

- Every ``interval`` seconds (30 by default) while the central database answers.
- Soon after an arrival: ``debounce`` seconds after the last of a burst of scans, but never
  more than ``max_delay`` after the first, so a steady queue still gets its exchanges.
- Never two at once: an arrival during an exchange asks for one more right after it.
- Offline: the wait doubles after each failed attempt, up to ``max_backoff``, and arrivals
  do not shorten it; offline is normal at a venue, so the desk does not keep knocking.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class ExchangeSchedule:
    """The plan of one desk's exchanges (not thread-safe: the GUI thread owns it)."""

    interval: float = 30.0
    debounce: float = 2.0
    max_delay: float = 10.0
    max_backoff: float = 300.0
    paused: bool = False  # the end-of-day sync dialog is open: it does the exchange itself

    def __post_init__(self) -> None:
        self.running = False
        self.failures = 0
        self._next: float | None = None  # when the periodic (or back-off) exchange is due
        self._first_arrival: float | None = None  # of the arrivals not yet exchanged
        self._last_arrival: float | None = None
        self._again = False  # an arrival came during the running exchange

    def start(self, now: float) -> None:
        """The desk opened: exchange at once (the others may have admitted people already)."""
        self._next = now

    @property
    def online(self) -> bool:
        return self.failures == 0

    def arrived(self, now: float) -> None:
        """An arrival was recorded at this desk: the others should learn of it soon."""
        if self.running:
            self._again = True
            return
        if self._first_arrival is None:
            self._first_arrival = now
        self._last_arrival = now

    def due_at(self) -> float | None:
        """When the next exchange is due (None: not started, or one is running)."""
        if self.running or self._next is None:
            return None
        if self._last_arrival is None or not self.online:
            return self._next
        assert self._first_arrival is not None
        soon = min(self._last_arrival + self.debounce, self._first_arrival + self.max_delay)
        return min(self._next, soon)

    def due(self, now: float) -> bool:
        """Whether to start an exchange now."""
        at = self.due_at()
        return not self.paused and at is not None and now >= at

    def begin(self, now: float) -> None:
        """An exchange starts now (arrivals up to here go with it)."""
        self.running = True
        self._first_arrival = self._last_arrival = None
        self._again = False

    def finished(self, now: float, reached: bool) -> None:
        """The exchange ended; ``reached``: the central database answered."""
        self.running = False
        self.failures = 0 if reached else self.failures + 1
        self._next = now + self.wait()
        if self._again:  # arrivals during the exchange: another one after the debounce
            self._again = False
            self._first_arrival = self._last_arrival = now

    def wait(self) -> float:
        """Seconds until the next periodic exchange: the interval, longer while offline."""
        if self.failures == 0:
            return self.interval
        return min(self.interval * float(2 ** (self.failures - 1)), self.max_backoff)

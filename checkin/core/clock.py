"""Injectable clocks: the real one, a fixed one for tests, and the demo clock."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

TAIPEI = ZoneInfo("Asia/Taipei")


class Clock(Protocol):
    """Anything that tells the current time as an aware datetime."""

    @property
    def is_demo(self) -> bool: ...

    def now(self) -> datetime: ...


class SystemClock:
    """The computer's clock."""

    is_demo = False

    def now(self) -> datetime:
        return datetime.now(UTC)


@dataclass
class FixedClock:
    """A clock that stands still until told to move; tests use it instead of sleeping."""

    current: datetime
    is_demo: bool = False

    def now(self) -> datetime:
        return self.current

    def advance(self, **kwargs: float) -> None:
        self.current = self.current + timedelta(**kwargs)


@dataclass
class DemoClock:
    """Maps real time onto the morning of a demo workshop, so the demo works at any hour.

    Demo time starts at ``start`` (local time on ``day``) when the demo was prepared
    (``anchor``) and runs at real speed, wrapping every ``span`` so it never leaves the
    working day.
    """

    day: date
    anchor: datetime
    start: time = time(8, 35)
    span: timedelta = timedelta(hours=7)
    tz: ZoneInfo = TAIPEI
    real: Clock = field(default_factory=SystemClock)
    is_demo: bool = True

    def now(self) -> datetime:
        elapsed = (self.real.now() - self.anchor) % self.span
        return datetime.combine(self.day, self.start, tzinfo=self.tz) + elapsed

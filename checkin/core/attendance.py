"""A person's day derived from their door events: arrival, lateness, gaps, full attendance.

Pure: the events come in as plain records (voided ones already left out), the workshop's
rules from :class:`Workshop`. The door (is this person in, or out and coming back?) and the
end-of-day summary both read this one derivation.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from checkin.core.model import Workshop
from checkin.core.outcomes import ADMISSIONS, OutcomeCode

TURNED_AWAY = frozenset({OutcomeCode.DENIED_FEVER, OutcomeCode.DENIED_DECLARATION})


class NotFull(enum.StrEnum):
    """Why someone did not attend the whole course (first reason that applies)."""

    ABSENT = "ABSENT"  # never admitted, not turned away
    DENIED = "DENIED"  # turned away at the door (fever, declaration) and never admitted
    LATE = "LATE"  # arrived after the tolerance
    LEFT_EARLY = "LEFT_EARLY"  # last departure before the end (full_at)
    # Departures are scanned at this workshop, and none was: whether the person stayed to
    # the end is not known, so it is not claimed (nor called leaving early).
    NOT_CHECKED_OUT = "NOT_CHECKED_OUT"


@dataclass(frozen=True)
class DoorEvent:
    """One stored, not voided, door event of one person: what the derivation reads."""

    kind: str  # arrival | departure
    outcome: str
    at: datetime


@dataclass(frozen=True)
class Presence:
    """What a person's events say about their day."""

    arrived_at: datetime | None
    late_minutes: int
    left_at: datetime | None
    gaps: tuple[tuple[datetime, datetime | None], ...]
    turned_away: str | None
    full_attendance: bool
    not_full_reason: NotFull | None

    @property
    def inside(self) -> bool:
        return self.arrived_at is not None and self.left_at is None


def late_minutes(workshop: Workshop, arrived_at: datetime) -> int:
    """Minutes after the start, rounded up, when later than the tolerance; else 0.

    With the default tolerance (0), 09:00:00 is on time and 09:00:30 is 1 minute late.
    """
    if arrived_at <= workshop.late_at:
        return 0
    return max(1, math.ceil((arrived_at - workshop.starts_at).total_seconds() / 60))


def presence(workshop: Workshop, events: Iterable[DoorEvent]) -> Presence:
    """Derive one person's day from their events, in time order.

    The first admitted arrival is the arrival. After it, a departure takes the person out
    and the next admitted or RETURNED arrival brings them back; a second departure while
    out or an arrival while in (two desks offline) changes nothing. ``gaps`` lists every
    time out with when they came back (None: not back; that one is also ``left_at``).
    """
    arrived: datetime | None = None
    out_since: datetime | None = None
    gaps: list[tuple[datetime, datetime | None]] = []
    turned_away: str | None = None
    for event in sorted(events, key=lambda e: e.at):
        if event.kind == "arrival" and event.outcome in TURNED_AWAY:
            turned_away = event.outcome
        elif event.kind == "arrival" and (event.outcome in ADMISSIONS
                                          or event.outcome == OutcomeCode.RETURNED):
            if arrived is None:
                if event.outcome in ADMISSIONS:
                    arrived = event.at
            elif out_since is not None:
                gaps.append((out_since, event.at))
                out_since = None
        elif (event.kind == "departure" and event.outcome == OutcomeCode.LEFT
              and arrived is not None and out_since is None):
            out_since = event.at
    if out_since is not None:
        gaps.append((out_since, None))
    late = late_minutes(workshop, arrived) if arrived is not None else 0
    reason = _not_full(workshop, arrived, late, out_since, turned_away)
    return Presence(arrived_at=arrived, late_minutes=late, left_at=out_since,
                    gaps=tuple(gaps), turned_away=turned_away,
                    full_attendance=reason is None, not_full_reason=reason)


def _not_full(workshop: Workshop, arrived: datetime | None, late: int,
              left_at: datetime | None, turned_away: str | None) -> NotFull | None:
    if arrived is None:
        return NotFull.DENIED if turned_away is not None else NotFull.ABSENT
    if late:
        return NotFull.LATE
    if left_at is not None:
        return None if left_at >= workshop.full_at else NotFull.LEFT_EARLY
    # Still in (never checked out, or came back after the last departure).
    return NotFull.NOT_CHECKED_OUT if workshop.departures_scanned else None

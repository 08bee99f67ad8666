"""Plain domain records: workshops, registrations, and the attendance facts the rules read."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from checkin.core.clock import TAIPEI
from checkin.core.names import company_key
from checkin.core.outcomes import Declaration


class Course(enum.StrEnum):
    GHG_INVENTORY = "ghg_inventory"  # 碳盤查, ISO 14064-1:2018
    CARBON_FOOTPRINT = "carbon_footprint"  # 碳足跡, ISO 14067:2018


class RegistrationStatus(enum.StrEnum):
    REGISTERED = "registered"
    WAITLISTED = "waitlisted"
    CANCELLED = "cancelled"


class WorkshopStatus(enum.StrEnum):
    SCHEDULED = "scheduled"
    CANCELLED = "cancelled"
    ONLINE = "online"  # a Level-3 alert: held online only, nobody is admitted at a door


@dataclass(frozen=True)
class Workshop:
    """One one-day session (場次) at one venue."""

    id: int
    code: str
    number: int
    course: Course
    title: str
    organiser: str
    day: date
    venue: str
    address: str
    checkin_opens: time = time(8, 30)
    starts: time = time(9, 0)
    ends: time = time(16, 0)
    capacity: int = 50
    company_cap: int = 2
    status: WorkshopStatus = WorkshopStatus.SCHEDULED
    # The end of the day's rules (migration 0007): an arrival later than ``late_after``
    # minutes after ``starts`` is late; full attendance needs a departure at or after
    # ``full_until`` (None: ``ends``, the end of the quiz), or, where departures are not
    # scanned, no departure before it.
    late_after: int = 0
    full_until: time | None = None
    departures_scanned: bool = True
    pass_score: int = 80

    def local(self, at: time) -> datetime:
        return datetime.combine(self.day, at, tzinfo=TAIPEI)

    @property
    def opens_at(self) -> datetime:
        return self.local(self.checkin_opens)

    @property
    def ends_at(self) -> datetime:
        return self.local(self.ends)

    @property
    def starts_at(self) -> datetime:
        return self.local(self.starts)

    @property
    def late_at(self) -> datetime:
        """An arrival after this moment is late (at it exactly is on time)."""
        return self.starts_at + timedelta(minutes=self.late_after)

    @property
    def full_at(self) -> datetime:
        """A departure at or after this moment keeps full attendance."""
        return self.local(self.full_until or self.ends)


@dataclass(frozen=True)
class Registration:
    """A person registered for one workshop, as the desk sees it (no token, only its hash)."""

    id: int
    workshop_id: int
    name: str
    company: str
    tax_id: str | None
    status: RegistrationStatus
    phone: str | None = None
    email: str | None = None

    @property
    def company_key(self) -> str:
        """The company cap counts by tax ID when known, else by normalised company name."""
        return company_key(self.tax_id, self.company)


@dataclass(frozen=True)
class Arrival:
    """The first admitted arrival of a registration (derived from events)."""

    at: datetime
    desk: str


@dataclass(frozen=True)
class DoorState:
    """What the door rules need to know about the workshop right now."""

    admitted_total: int
    admitted_same_company: int
    first_arrival: Arrival | None
    # Temperatures over the threshold already read today (drives REMEASURE -> DENIED_FEVER).
    fever_readings: int
    last_fever_at: datetime | None
    denied_fever: bool
    # An earlier DENIED_DECLARATION today: "do not attend" holds for the day unless a
    # supervisor voids that denial. The reasons are known only where the screening record
    # is (the desk that took it): other desks see the denial, not the health data.
    denied_declaration: bool = False
    declared_reasons: tuple[Declaration, ...] = ()
    # Checked out and not back yet: scanning them at the entrance is a return, not ALREADY_IN.
    left_at: datetime | None = None


def remeasure_due(last_fever_at: datetime, rest_minutes: int) -> datetime:
    return last_fever_at + timedelta(minutes=rest_minutes)

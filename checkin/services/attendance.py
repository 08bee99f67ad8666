"""Each registered person's day at one workshop, derived from the events and the rules.

The API the end of the day builds on (summary page, reports, certificates): one
:class:`PersonDay` per registration, from :func:`day_attendance`. Nothing is stored here;
the derivation itself is :func:`checkin.core.attendance.presence`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from checkin.core.attendance import NotFull, presence
from checkin.core.clock import TAIPEI
from checkin.db import convert, repo
from checkin.db.models import RegistrationRow
from checkin.db.store import Store
from checkin.services.checkin import WorkshopNotFound

# The values of PersonDay.not_full_reason, in the order they are decided.
NOT_FULL_REASONS = tuple(r.value for r in NotFull)


@dataclass(frozen=True)
class PersonDay:
    """One registration's day.

    ``status``: registered | waitlisted | cancelled. Times are Asia/Taipei aware.
    ``arrived_at``: the first admitted arrival (voided ones do not count). ``late_minutes``:
    minutes after the start when later than the workshop's tolerance, else 0. ``left_at``:
    the last departure not followed by a return. ``gaps``: every time out (left, back), back
    None for the one not followed by a return. ``turned_away``: DENIED_FEVER or
    DENIED_DECLARATION when denied at the door (no health details). ``not_full_reason``:
    None when ``full_attendance``, else ABSENT, DENIED, LATE, LEFT_EARLY, or
    NOT_CHECKED_OUT (departures are scanned at this workshop and none was: staying to the
    end is not known, so it is not claimed).
    """

    registration_id: int
    name: str
    company: str
    status: str
    arrived_at: datetime | None
    late_minutes: int
    left_at: datetime | None
    gaps: tuple[tuple[datetime, datetime | None], ...]
    turned_away: str | None
    full_attendance: bool
    not_full_reason: str | None


def _local(at: datetime | None) -> datetime | None:
    return at.astimezone(TAIPEI) if at is not None else None


def day_attendance(session: Session, workshop_id: int) -> list[PersonDay]:
    """Everyone registered for the workshop (any status), by name, with their day so far."""
    row = repo.get_workshop(session, workshop_id)
    if row is None:
        raise WorkshopNotFound(str(workshop_id))
    workshop = convert.workshop(row)
    events = repo.door_events(session, workshop_id)
    people = session.scalars(select(RegistrationRow)
                             .where(RegistrationRow.workshop_id == workshop_id)
                             .order_by(RegistrationRow.name_key, RegistrationRow.id))
    days = []
    for reg in people:
        day = presence(workshop, events.get(reg.id, ()))
        days.append(PersonDay(
            registration_id=reg.id, name=reg.name, company=reg.company, status=reg.status,
            arrived_at=_local(day.arrived_at), late_minutes=day.late_minutes,
            left_at=_local(day.left_at),
            gaps=tuple((left.astimezone(TAIPEI), _local(back)) for left, back in day.gaps),
            turned_away=day.turned_away, full_attendance=day.full_attendance,
            not_full_reason=day.not_full_reason.value if day.not_full_reason else None))
    return days


def store_day_attendance(store: Store, workshop_id: int) -> list[PersonDay]:
    """:func:`day_attendance` in a short session of its own (the desk's runner, commands)."""
    with store.sessions() as session:
        return day_attendance(session, workshop_id)

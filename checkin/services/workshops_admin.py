"""Office changes to a workshop: reschedule (typhoon, earthquake), cancel, and an overview.

A cancelled workshop (``status = "cancelled"``) makes every token of it answer
WORKSHOP_CANCELLED at the desk. A rescheduled one keeps its registrations and tokens; its
notices become due again for the new date (see services/notices.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import func, select

from checkin.core.errors import CodedError
from checkin.db import repo
from checkin.db.models import RegistrationRow
from checkin.db.models_office import WorkshopChangeRow
from checkin.db.store import Store
from checkin.services.attendance import day_summary
from checkin.services.notices import delivery_counts, workshop_or_fail


class WorkshopError(CodedError):
    """A workshop change that cannot be made: WORKSHOP_NOT_FOUND, SAME_DAY, ALREADY_CANCELLED."""


@dataclass(frozen=True)
class WorkshopChange:
    code: str
    kind: str
    old_day: date
    new_day: date | None
    registered: int
    was_cancelled: bool = False


@dataclass(frozen=True)
class WorkshopOverview:
    id: int
    code: str
    title: str
    organiser: str
    day: date
    status: str
    registered: int
    waitlisted: int
    cancelled: int
    notices_sent: int


def reschedule_workshop(store: Store, ref: str | int, new_day: date,
                        reason: str | None = None, reinstate: bool = False) -> WorkshopChange:
    """Move a workshop to ``new_day``; same registrations and tokens, notices due again.

    A cancelled workshop is never silently scheduled again: that takes ``reinstate``
    (``WorkshopError("CANCELLED_NEEDS_REINSTATE")`` otherwise).
    """
    with store.sessions.begin() as session:
        workshop = workshop_or_fail(session, ref, WorkshopError)
        if workshop.status == "cancelled" and not reinstate:
            raise WorkshopError("CANCELLED_NEEDS_REINSTATE", workshop.code)
        if workshop.day == new_day and workshop.status != "cancelled":
            raise WorkshopError("SAME_DAY", new_day.isoformat())
        old_day = workshop.day
        was_cancelled = workshop.status == "cancelled"
        workshop.day = new_day
        workshop.status = "scheduled"
        workshop.updated_at = datetime.now(UTC)
        session.add(WorkshopChangeRow(workshop_id=workshop.id, kind="reschedule",
                                      old_day=old_day, new_day=new_day, reason=reason,
                                      changed_at=datetime.now(UTC)))
        registered, _ = delivery_counts(session, workshop)
        return WorkshopChange(workshop.code, "reschedule", old_day, new_day, registered,
                              was_cancelled)


def cancel_workshop(store: Store, ref: str | int, reason: str | None = None) -> WorkshopChange:
    """Cancel a workshop: every token of it answers WORKSHOP_CANCELLED at the desk."""
    with store.sessions.begin() as session:
        workshop = workshop_or_fail(session, ref, WorkshopError)
        if workshop.status == "cancelled":
            raise WorkshopError("ALREADY_CANCELLED", workshop.code)
        workshop.status = "cancelled"
        workshop.updated_at = datetime.now(UTC)
        session.add(WorkshopChangeRow(workshop_id=workshop.id, kind="cancel",
                                      old_day=workshop.day, new_day=None, reason=reason,
                                      changed_at=datetime.now(UTC)))
        registered, _ = delivery_counts(session, workshop)
        return WorkshopChange(workshop.code, "cancel", workshop.day, None, registered)


def workshop_overview(store: Store) -> list[WorkshopOverview]:
    """Every workshop with its registration counts and notices sent for the current date."""
    out = []
    with store.sessions() as session:
        for w in repo.list_workshops(session):
            counts: dict[str, int] = {status: n for status, n in session.execute(
                select(RegistrationRow.status, func.count())
                .where(RegistrationRow.workshop_id == w.id)
                .group_by(RegistrationRow.status))}
            _, sent = delivery_counts(session, w)
            out.append(WorkshopOverview(
                w.id, w.code, w.title, w.organiser, w.day, w.status,
                counts.get("registered", 0), counts.get("waitlisted", 0),
                counts.get("cancelled", 0), sent))
    return out


@dataclass(frozen=True)
class WorkshopBoardRow:
    """One line of the office's workshops page: the session and its live counts.

    ``certified`` is None where this build issues no certificates (left out, not 0).
    """

    id: int
    code: str
    title: str
    day: date
    venue: str
    status: str
    registered: int
    waitlisted: int
    notices_sent: int
    arrived: int
    turned_away: int
    left_early: int
    certified: int | None


def workshop_board(store: Store) -> list[WorkshopBoardRow]:
    """Every workshop with date, venue, status and its counts, for the office window."""
    with store.sessions() as session:
        venues = {w.id: w.venue for w in repo.list_workshops(session)}
    out = []
    for w in workshop_overview(store):
        day = day_summary(store, w.id)
        out.append(WorkshopBoardRow(
            w.id, w.code, w.title, w.day, venues.get(w.id, ""), w.status, w.registered,
            w.waitlisted, w.notices_sent, day.arrived, day.turned_away, day.left_early,
            day.certified))
    return out

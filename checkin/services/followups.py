"""Follow-ups through their life: symptoms at the door, then contact, doctor, result.

A follow-up is opened with the arrival that declared symptoms (services/checkin.py). Each
later change (a status and a note) is a ``FollowupUpdateRow`` with a UUID of its own,
written with its outbox entry in one transaction, so that every change reaches the central
database, also after the first sync; the newest change is the follow-up's state. The
follow-up row itself keeps ``open`` / ``closed`` for the desk's counter: a change to
"result noted" closes it, any other change opens it again. All of it is health data,
purged 28 days after the workshop (services/retention.py).
"""

from __future__ import annotations

import enum
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from checkin.core.errors import CodedError
from checkin.db import repo
from checkin.db.models import EventRow, FollowupRow, RegistrationRow
from checkin.db.models_day import FollowupUpdateRow
from checkin.db.store import Store

MAX_NOTE = 2000
ROW_KIND = "followup_update"  # its kind in the outbox of rows (sync.day_rows)


class FollowupStatus(enum.StrEnum):
    """Where a follow-up stands (ui/ turns it into words)."""

    TO_CONTACT = "to_contact"
    CONTACTED = "contacted"
    SAW_DOCTOR = "saw_doctor"
    RESULT_NOTED = "result_noted"


@dataclass(frozen=True)
class FollowupItem:
    """One follow-up as the desk lists it: the person, and its newest status and note."""

    id: int
    registration_id: int
    name: str
    company: str
    phone: str | None
    opened_at: datetime
    status: FollowupStatus
    note: str | None
    changed_at: datetime | None  # of the newest change; None: none yet

    @property
    def closed(self) -> bool:
        return self.status is FollowupStatus.RESULT_NOTED


def _latest(session: Session, event_ids: list[str]) -> dict[str, FollowupUpdateRow]:
    latest: dict[str, FollowupUpdateRow] = {}
    if not event_ids:
        return latest
    for row in session.scalars(select(FollowupUpdateRow)
                               .where(FollowupUpdateRow.event_id.in_(event_ids))
                               .order_by(FollowupUpdateRow.changed_at, FollowupUpdateRow.id)):
        latest[row.event_id] = row  # ordered: the newest stays
    return latest


def _item(f: FollowupRow, r: RegistrationRow, u: FollowupUpdateRow | None) -> FollowupItem:
    if u is None:
        # Before any change: a follow-up recorded with the old one-shot result is noted.
        status = FollowupStatus.RESULT_NOTED if f.status == "closed" \
            else FollowupStatus.TO_CONTACT
        return FollowupItem(f.id, r.id, r.name, r.company, r.phone, f.opened_at, status,
                            f.result, f.closed_at)
    return FollowupItem(f.id, r.id, r.name, r.company, r.phone, f.opened_at,
                        FollowupStatus(u.status), u.note, u.changed_at)


def followups(store: Store, workshop_id: int, include_closed: bool = False
              ) -> list[FollowupItem]:
    """Follow-ups of a workshop with their status, oldest first; open ones unless told."""
    with store.sessions() as session:
        query = (select(FollowupRow, RegistrationRow)
                 .join(EventRow, EventRow.id == FollowupRow.event_id)
                 .join(RegistrationRow, RegistrationRow.id == FollowupRow.registration_id)
                 .where(EventRow.workshop_id == workshop_id)
                 .order_by(FollowupRow.opened_at, FollowupRow.id))
        if not include_closed:
            query = query.where(FollowupRow.status == "open")
        rows = session.execute(query).all()
        latest = _latest(session, [f.event_id for f, _ in rows])
        return [_item(f, r, latest.get(f.event_id)) for f, r in rows]


class HealthDataRefused(CodedError):
    """The database login may not read health data (a desk's login on the central side)."""

    code = "HEALTH_DATA_REFUSED"


def office_followups(store: Store, workshop_id: int, include_closed: bool = False
                     ) -> list[FollowupItem]:
    """:func:`followups` for the office, where the login decides who may read them.

    PostgreSQL refuses a login without the right (SQLSTATE 42501); that is told as
    :class:`HealthDataRefused`, not as a failure.
    """
    try:
        return followups(store, workshop_id, include_closed)
    except DBAPIError as exc:
        if getattr(exc.orig, "sqlstate", None) == "42501":
            raise HealthDataRefused(detail=str(exc.orig).splitlines()[0]) from None
        raise


def record_followup_update(store: Store, followup_id: int, status: FollowupStatus | str,
                           note: str | None = None, now: datetime | None = None
                           ) -> FollowupItem:
    """Record a change of a follow-up (status and note) and queue it for the central side.

    Raises ValueError for an unknown status or a note with control characters, LookupError
    for an unknown follow-up.
    """
    status = FollowupStatus(status)
    text = (note or "").strip()
    if len(text) > MAX_NOTE:
        raise ValueError(f"a follow-up note is at most {MAX_NOTE} characters")
    if any(ord(ch) < 32 and ch not in "\n\t" for ch in text):
        raise ValueError("control characters in a follow-up note")
    if now is None:
        now = store.clock_override.now() if store.clock_override else datetime.now(UTC)
    at = now.astimezone(UTC)
    with store.sessions.begin() as session:
        row = session.get(FollowupRow, followup_id)
        if row is None:
            raise LookupError(followup_id)
        latest = _latest(session, [row.event_id]).get(row.event_id)
        if latest is not None and latest.changed_at >= at:
            # The newest change is the state: keep the order when the clock did not move.
            at = latest.changed_at + timedelta(microseconds=1)
        update = FollowupUpdateRow(id=str(uuid.uuid4()), event_id=row.event_id,
                                   status=status.value, note=text or None, changed_at=at,
                                   changed_by=store.desk_name, desk_id=store.desk_id)
        session.add(update)
        repo.queue_row(session, ROW_KIND, update.id, at)
        closed = status is FollowupStatus.RESULT_NOTED
        row.status = "closed" if closed else "open"
        row.closed_at = at if closed else None
        if closed:
            row.result = text or None
        session.flush()
        reg = session.get(RegistrationRow, row.registration_id)
        assert reg is not None
        return _item(row, reg, update)

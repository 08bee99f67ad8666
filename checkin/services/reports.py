"""Attendance and event listings of a workshop (the export and the office's reports)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime

from sqlalchemy import select

from checkin.core.clock import TAIPEI
from checkin.db import repo
from checkin.db.models import RegistrationRow
from checkin.db.store import Store


@dataclass(frozen=True)
class AttendanceLine:
    registration_id: int
    name: str
    company: str
    tax_id: str | None
    status: str
    arrived: bool
    first_arrival: str | None  # ISO 8601, Asia/Taipei
    desk: str | None
    duplicates: int  # later admitted arrivals of the same person (another desk, offline)


@dataclass(frozen=True)
class EventLine:
    event_id: str
    wall_time: str
    desk_id: str
    desk_name: str
    seq: int
    kind: str
    outcome: str
    registration_id: int | None
    name: str | None
    reason: str | None
    supervisor: str | None
    target_event_id: str | None


def _local_iso(value: datetime) -> str:
    return value.astimezone(TAIPEI).isoformat(timespec="seconds")


def attendance(store: Store, workshop_id: int) -> list[AttendanceLine]:
    """Every registration of the workshop with its first admitted arrival, if any."""
    with store.sessions() as session:
        arrivals: dict[int, list[tuple[datetime, str]]] = {}
        for event in session.scalars(repo.admitted_arrivals(workshop_id)):
            if event.registration_id is not None:
                arrivals.setdefault(event.registration_id, []).append(
                    (event.wall_time, event.desk_name))
        lines = []
        rows = session.scalars(select(RegistrationRow).where(
            RegistrationRow.workshop_id == workshop_id).order_by(RegistrationRow.id))
        for row in rows:
            seen = sorted(arrivals.get(row.id, []))
            lines.append(AttendanceLine(
                registration_id=row.id, name=row.name, company=row.company,
                tax_id=row.tax_id, status=row.status, arrived=bool(seen),
                first_arrival=_local_iso(seen[0][0]) if seen else None,
                desk=seen[0][1] if seen else None, duplicates=max(len(seen) - 1, 0)))
        return lines


def events(store: Store, workshop_id: int) -> list[EventLine]:
    """The workshop's events in time order, with the person's name."""
    with store.sessions() as session:
        names = dict(session.execute(select(RegistrationRow.id, RegistrationRow.name).where(
            RegistrationRow.workshop_id == workshop_id)).all())
        return [EventLine(
            event_id=e.id, wall_time=_local_iso(e.wall_time), desk_id=e.desk_id,
            desk_name=e.desk_name, seq=e.seq, kind=e.kind, outcome=e.outcome,
            registration_id=e.registration_id,
            name=names.get(e.registration_id) if e.registration_id else None,
            reason=e.reason, supervisor=e.supervisor, target_event_id=e.target_event_id)
            for e in repo.events_for_workshop(session, workshop_id)]


def as_dicts(lines: list[AttendanceLine] | list[EventLine]) -> list[dict[str, object]]:
    return [asdict(line) for line in lines]

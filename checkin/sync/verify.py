"""Verification after a sync, and the supervisor's report of duplicates and overflows.

Both sides count the events of each workshop and hash their sorted ids; the sync is done
only when every workshop matches. Events the desk set aside are left out on the desk side
(they are reported on their own).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, select, text

from checkin.db import repo
from checkin.db.models import EventRow, OutboxRow, RegistrationRow, WorkshopRow
from checkin.db.store import Store
from checkin.sync.rows import EVENTS, digest


@dataclass(frozen=True)
class WorkshopCheck:
    """Count and digest of one workshop's event ids on the desk and on the server."""

    workshop_id: int
    desk_count: int
    desk_digest: str
    central_count: int
    central_digest: str

    @property
    def ok(self) -> bool:
        return (self.desk_count, self.desk_digest) == (self.central_count, self.central_digest)


def local_ids(store: Store, workshops: Sequence[int]) -> dict[int, list[str]]:
    """Event ids per workshop on the desk, without the events set aside."""
    with store.sessions() as session:
        aside = select(OutboxRow.event_id).where(OutboxRow.set_aside_reason.is_not(None))
        rows = session.execute(select(EventRow.workshop_id, EventRow.id).where(
            EventRow.workshop_id.in_(list(workshops)), EventRow.id.not_in(aside))).all()
    out: dict[int, list[str]] = defaultdict(list)
    for workshop_id, event_id in rows:
        out[int(workshop_id)].append(str(event_id))
    return out


def central_digests(central: Engine, workshops: Sequence[int]) -> dict[int, tuple[int, str]]:
    """(count, digest) per workshop, computed by the server when it is PostgreSQL."""
    ws = sorted(set(workshops))
    with central.connect() as conn:
        if central.dialect.name == "postgresql":
            rows = conn.execute(text(
                "SELECT workshop_id, count(*), encode(sha256(convert_to("
                "string_agg(id, E'\\n' ORDER BY id COLLATE \"C\"), 'UTF8')), 'hex')"
                " FROM events WHERE workshop_id = ANY(:ws) GROUP BY workshop_id"),
                {"ws": ws}).all()
            return {int(w): (int(n), str(d)) for w, n, d in rows}
        ids: dict[int, list[str]] = defaultdict(list)
        for w, i in conn.execute(select(EVENTS.c.workshop_id, EVENTS.c.id).where(
                EVENTS.c.workshop_id.in_(ws))):
            ids[int(w)].append(str(i))
        return {w: (len(v), digest(v)) for w, v in ids.items()}


def verify(central: Engine, store: Store, workshops: Sequence[int]) -> list[WorkshopCheck]:
    """Compare count and digest of event ids per workshop on both sides."""
    desk = local_ids(store, workshops)
    server = central_digests(central, workshops)
    empty = digest([])
    checks = []
    for w in sorted(set(workshops)):
        ids = desk.get(w, [])
        count, server_digest = server.get(w, (0, empty))
        checks.append(WorkshopCheck(w, len(ids), digest(ids), count, server_digest))
    return checks


@dataclass(frozen=True)
class ArrivalRecord:
    desk_name: str
    at: datetime
    event_id: str


@dataclass(frozen=True)
class Duplicate:
    """One person admitted more than once (at two desks offline); the first arrival counts."""

    workshop_id: int
    registration_id: int
    name: str
    arrivals: tuple[ArrivalRecord, ...]


@dataclass(frozen=True)
class Overflow:
    """More admitted than a limit allows, across desks: ``kind`` is CAPACITY or COMPANY_CAP."""

    workshop_id: int
    kind: str
    company: str | None
    admitted: int
    limit: int


def conflict_report(store: Store, workshops: Sequence[int]
                    ) -> tuple[list[Duplicate], list[Overflow]]:
    """Duplicates and capacity / company-cap overflows, from every desk's events on hand."""
    duplicates: list[Duplicate] = []
    overflows: list[Overflow] = []
    with store.sessions() as session:
        for w in sorted(set(workshops)):
            workshop = session.get(WorkshopRow, w)
            if workshop is None:
                continue
            arrivals = repo.admitted_arrivals(w).subquery()
            rows = session.execute(
                select(arrivals.c.registration_id, arrivals.c.desk_name, arrivals.c.wall_time,
                       arrivals.c.id, RegistrationRow.name, RegistrationRow.company,
                       RegistrationRow.company_key)
                .join(RegistrationRow, RegistrationRow.id == arrivals.c.registration_id)
                .order_by(arrivals.c.registration_id, arrivals.c.wall_time, arrivals.c.id)
            ).all()
            by_person: dict[int, list[ArrivalRecord]] = defaultdict(list)
            names: dict[int, str] = {}
            companies: dict[str, set[int]] = defaultdict(set)
            company_names: dict[str, str] = {}
            for reg_id, desk, at, event_id, name, company, key in rows:
                by_person[reg_id].append(ArrivalRecord(desk, at, event_id))
                names[reg_id] = name
                companies[key].add(reg_id)
                company_names.setdefault(key, company)
            for reg_id, records in by_person.items():
                if len(records) > 1:
                    duplicates.append(Duplicate(w, reg_id, names[reg_id], tuple(records)))
            if len(by_person) > workshop.capacity:
                overflows.append(Overflow(w, "CAPACITY", None, len(by_person),
                                          workshop.capacity))
            for key, people in sorted(companies.items()):
                if len(people) > workshop.company_cap:
                    overflows.append(Overflow(w, "COMPANY_CAP", company_names[key],
                                              len(people), workshop.company_cap))
    return duplicates, overflows

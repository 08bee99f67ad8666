"""Duplicates and capacity / company-cap overflows across desks, from the events on hand.

One place for both readers: the sync's report to the supervisor (sync/verify.py) and the
office's live view of the day (services/live.py), which are peers and may not import each
other.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from checkin.core.outcomes import OutcomeCode
from checkin.db import repo
from checkin.db.models import RegistrationRow, WorkshopRow
from checkin.db.store import Store


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
class AdmittedPerson:
    """One person counted against a limit: their first admitted arrival."""

    registration_id: int
    name: str
    desk_name: str
    at: datetime
    approved: bool  # admitted by a supervisor's override (ADMITTED_OVERRIDE)


@dataclass(frozen=True)
class Overflow:
    """More admitted than a limit allows, across desks: ``kind`` is CAPACITY or COMPANY_CAP.

    People a supervisor admitted over the limit do not make one: an overflow is more people
    admitted *without* an override than the limit. ``people``: everyone counted (approved
    ones included), in the order of their first arrival, so the report can name who came
    in, when and at which desk.
    """

    workshop_id: int
    kind: str
    company: str | None
    admitted: int
    limit: int
    people: tuple[AdmittedPerson, ...] = ()

    @property
    def over(self) -> tuple[AdmittedPerson, ...]:
        """The people admitted without approval after the limit was reached."""
        plain = [p for p in self.people if not p.approved]
        return tuple(plain[self.limit:])


def conflict_report(store: Store, workshops: Sequence[int]
                    ) -> tuple[list[Duplicate], list[Overflow]]:
    """Duplicates and capacity / company-cap overflows, from every desk's events on hand.

    Names come from this desk's roster, which holds every registration of its workshops.
    """
    duplicates: list[Duplicate] = []
    overflows: list[Overflow] = []
    approved_code = OutcomeCode.ADMITTED_OVERRIDE.value
    with store.sessions() as session:
        for w in sorted(set(workshops)):
            workshop = session.get(WorkshopRow, w)
            if workshop is None:
                continue
            arrivals = repo.admitted_arrivals(w).subquery()
            rows = session.execute(
                select(arrivals.c.registration_id, arrivals.c.desk_name, arrivals.c.wall_time,
                       arrivals.c.id, arrivals.c.outcome, RegistrationRow.name,
                       RegistrationRow.company, RegistrationRow.company_key)
                .join(RegistrationRow, RegistrationRow.id == arrivals.c.registration_id)
                .order_by(arrivals.c.registration_id, arrivals.c.wall_time, arrivals.c.id)
            ).all()
            by_person: dict[int, list[ArrivalRecord]] = defaultdict(list)
            first: dict[int, AdmittedPerson] = {}
            companies: dict[str, set[int]] = defaultdict(set)
            company_names: dict[str, str] = {}
            for reg_id, desk, at, event_id, outcome, name, company, key in rows:
                by_person[reg_id].append(ArrivalRecord(desk, at, event_id))
                first.setdefault(reg_id, AdmittedPerson(reg_id, name, desk, at,
                                                        outcome == approved_code))
                companies[key].add(reg_id)
                company_names.setdefault(key, company)
            for reg_id, records in by_person.items():
                if len(records) > 1:
                    duplicates.append(Duplicate(w, reg_id, first[reg_id].name, tuple(records)))
            everyone = _in_order(first.values())
            if _plain(everyone) > workshop.capacity:
                overflows.append(Overflow(w, "CAPACITY", None, len(everyone),
                                          workshop.capacity, everyone))
            for key, ids in sorted(companies.items()):
                people = _in_order(first[i] for i in ids)
                if _plain(people) > workshop.company_cap:
                    overflows.append(Overflow(w, "COMPANY_CAP", company_names[key],
                                              len(people), workshop.company_cap, people))
    return duplicates, overflows


def _in_order(people: Iterable[AdmittedPerson]) -> tuple[AdmittedPerson, ...]:
    return tuple(sorted(people, key=lambda p: (p.at, p.registration_id)))


def _plain(people: Iterable[AdmittedPerson]) -> int:
    return sum(1 for p in people if not p.approved)

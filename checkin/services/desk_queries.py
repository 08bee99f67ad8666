"""What the desk window reads and records besides check-ins.

One function per user action, each with its own short Session, returning frozen dataclasses
(the window never holds a Session or a live ORM row): the workshop the desk serves, who is
resting before a second reading, recent arrivals, and the desk's preferences.
Check-ins and look-ups are in services/checkin.py, the supervisor PIN in
services/supervisor_pin.py, follow-ups in services/followups.py.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import func, select

from checkin.core.clock import TAIPEI
from checkin.core.model import Registration, remeasure_due
from checkin.core.outcomes import OutcomeCode
from checkin.core.screening import profile_for
from checkin.db import convert, repo
from checkin.db.models import EventRow, RegistrationRow, WorkshopRow
from checkin.db.store import Store


class StartupProblem(enum.StrEnum):
    """Why the desk cannot serve the workshop it was asked for (ui/ turns it into words)."""

    NO_WORKSHOPS = "NO_WORKSHOPS"
    WORKSHOP_NOT_FOUND = "WORKSHOP_NOT_FOUND"


@dataclass(frozen=True)
class WorkshopChoice:
    """A workshop of the catalogue: what staff need to send someone to the right one."""

    id: int
    code: str
    title: str
    day: date
    venue: str = ""


@dataclass(frozen=True)
class DeskInfo:
    """What the window's header shows: which workshop, venue and date, which desk, roster."""

    workshop_id: int
    workshop_code: str
    title: str
    organiser: str
    day: date
    venue: str
    address: str
    capacity: int
    company_cap: int
    desk_name: str
    registered: int
    roster_size: int
    is_demo: bool
    cancelled: bool

    @property
    def has_roster(self) -> bool:
        return self.roster_size > 0


@dataclass(frozen=True)
class StartupReport:
    """Either the desk's info or a problem with the workshops the database does hold."""

    info: DeskInfo | None
    problem: StartupProblem | None = None
    available: tuple[WorkshopChoice, ...] = ()


@dataclass(frozen=True)
class RecentArrival:
    event_id: str
    at: datetime
    registration_id: int
    name: str
    company: str
    desk: str
    outcome: str


@dataclass(frozen=True)
class RestingPerson:
    """Someone whose first reading was high and who has not been decided on since."""

    registration_id: int
    name: str
    company: str
    due: datetime  # when the rest is over and the second reading may be taken


@dataclass(frozen=True)
class SearchHit:
    """A person found by name, phone or company, and how they stand at the door today.

    ``arrived_*``: the first admitted arrival (any desk); ``refused*``: the latest recorded
    refusal (health denial, seat or company limit, ...), shown when not admitted since.
    """

    registration: Registration
    arrived_at: datetime | None = None
    arrived_desk: str | None = None
    refused: OutcomeCode | None = None
    refused_at: datetime | None = None
    refused_desk: str | None = None


@dataclass(frozen=True)
class ScreeningFigures:
    """The screening profile's numbers that staff read in the verdict texts."""

    enabled: bool
    threshold: Decimal  # over this (not at it) is a fever
    rest_minutes: int
    second_reading: bool = True  # False: the first reading over the threshold denies


# Screening decisions that end a rest: after one of these nobody is called back.
_AFTER_REST = (OutcomeCode.ADMITTED.value, OutcomeCode.ADMITTED_OVERRIDE.value,
               OutcomeCode.DENIED_FEVER.value, OutcomeCode.DENIED_DECLARATION.value)


# --- start-up ---------------------------------------------------------------------------

def startup_report(store: Store, workshop_ref: str) -> StartupReport:
    """Find the workshop the desk should serve and say whether the roster is there."""
    with store.sessions() as session:
        row = repo.find_workshop(session, workshop_ref)
        if row is None:
            choices = tuple(_choice(w) for w in repo.list_workshops(session))
            problem = StartupProblem.WORKSHOP_NOT_FOUND if choices \
                else StartupProblem.NO_WORKSHOPS
            return StartupReport(None, problem, choices)
        counts = repo.counters(session, row.id)
        roster = session.scalar(select(func.count()).where(
            RegistrationRow.workshop_id == row.id)) or 0
        info = DeskInfo(
            workshop_id=row.id, workshop_code=row.code, title=row.title,
            organiser=row.organiser, day=row.day, venue=row.venue, address=row.address,
            capacity=row.capacity, company_cap=row.company_cap, desk_name=store.desk_name,
            registered=counts["registered"], roster_size=roster, is_demo=store.is_demo,
            cancelled=row.status == "cancelled")
        return StartupReport(info)


def _choice(row: WorkshopRow) -> WorkshopChoice:
    return WorkshopChoice(row.id, row.code, row.title, row.day, row.venue)


def workshop_catalogue(store: Store) -> dict[str, WorkshopChoice]:
    """Every workshop this database knows, by code: where a notice for another one belongs."""
    with store.sessions() as session:
        return {w.code: _choice(w) for w in repo.list_workshops(session)}


def screening_figures(store: Store, workshop_id: int) -> ScreeningFigures:
    """Fever threshold and rest of the screening profile that applies on the workshop's day."""
    with store.sessions() as session:
        row = session.get(WorkshopRow, workshop_id)
        if row is None:
            raise LookupError(workshop_id)
        profile = profile_for(repo.screening_profiles(session), row.day)
    return ScreeningFigures(profile.enabled, profile.threshold, profile.rest_minutes,
                            profile.second_reading)


def resting(store: Store, workshop_id: int) -> list[RestingPerson]:
    """Who is resting before a second reading: the re-measure list, rebuilt from the events.

    A REMEASURE arrival (not voided) with no later screening decision for the same person;
    due after the profile's rest. Oldest first, so the longest waiting is called first.
    """
    with store.sessions() as session:
        workshop = session.get(WorkshopRow, workshop_id)
        if workshop is None:
            raise LookupError(workshop_id)
        profile = profile_for(repo.screening_profiles(session), workshop.day)
        rows = session.execute(
            select(EventRow.registration_id, EventRow.outcome, EventRow.wall_time,
                   RegistrationRow.name, RegistrationRow.company)
            .join(RegistrationRow, RegistrationRow.id == EventRow.registration_id)
            .where(EventRow.workshop_id == workshop_id, EventRow.kind == "arrival",
                   EventRow.outcome.in_((OutcomeCode.REMEASURE.value, *_AFTER_REST)),
                   EventRow.id.not_in(repo.voided_ids(workshop_id)))
            .order_by(EventRow.wall_time, EventRow.seq)).all()
    open_rests: dict[int, RestingPerson] = {}
    for r in rows:
        if r.outcome == OutcomeCode.REMEASURE.value:
            open_rests[r.registration_id] = RestingPerson(
                registration_id=r.registration_id, name=r.name, company=r.company,
                due=remeasure_due(r.wall_time, profile.rest_minutes).astimezone(TAIPEI))
        else:
            open_rests.pop(r.registration_id, None)
    return sorted(open_rests.values(), key=lambda p: p.due)


# --- search -----------------------------------------------------------------------------

def search_people(store: Store, workshop_id: int, text: str, limit: int = 20
                  ) -> list[SearchHit]:
    """Look-up as you type (repo.search_registrations), each with arrival or refusal."""
    with store.sessions() as session:
        rows = repo.search_registrations(session, workshop_id, text, limit)
        history = repo.door_history(session, workshop_id, [r.id for r in rows])
        hits = []
        for row in rows:
            admitted, refused = history.get(row.id, (None, None))
            hit = SearchHit(convert.registration(row))
            if admitted is not None:
                hit = SearchHit(hit.registration, arrived_at=admitted.wall_time,
                                arrived_desk=admitted.desk_name)
            elif refused is not None:
                hit = SearchHit(hit.registration, refused=OutcomeCode(refused.outcome),
                                refused_at=refused.wall_time, refused_desk=refused.desk_name)
            hits.append(hit)
        return hits


# --- arrivals ------------------------------------------------------------------------

def recent_arrivals(store: Store, workshop_id: int, limit: int = 20) -> list[RecentArrival]:
    """The latest admitted (and not voided) arrivals, newest first."""
    with store.sessions() as session:
        return [RecentArrival(event_id=e.id, at=e.wall_time, registration_id=r.id,
                              name=r.name, company=r.company, desk=e.desk_name,
                              outcome=e.outcome)
                for e, r in repo.recent_arrivals(session, workshop_id, limit)]


# --- the roster page ---------------------------------------------------------------------

class RosterState(enum.StrEnum):
    """Where one registration stands at the door today (ui/ turns it into words)."""

    ARRIVED = "ARRIVED"
    NOT_YET = "NOT_YET"
    TURNED_AWAY = "TURNED_AWAY"
    WAITLISTED = "WAITLISTED"
    CANCELLED = "CANCELLED"


@dataclass(frozen=True)
class RosterRow:
    """One registration of the workshop as the roster page lists it."""

    registration_id: int
    name: str
    company: str
    state: RosterState
    at: datetime | None  # the first admitted arrival, or the latest refusal
    desk: str | None
    outcome: str | None  # the refusal's code when turned away


# Refusals that send a person away for the day; WAITLISTED and CANCELLED refusals leave the
# person in the list of their registration's status.
_TURNED_AWAY = (OutcomeCode.DENIED_FEVER.value, OutcomeCode.DENIED_DECLARATION.value,
                OutcomeCode.SESSION_FULL.value, OutcomeCode.COMPANY_CAP.value)


def roster(store: Store, workshop_id: int) -> list[RosterRow]:
    """Everyone registered for the workshop with where they stand, by name.

    Derived from the events as the door derives them: the earliest admitted, not voided,
    arrival counts; a refusal (not voided) without a later admission is "turned away";
    otherwise the registration's status (waitlisted, cancelled) or "not yet".
    """
    with store.sessions() as session:
        people = session.execute(
            select(RegistrationRow.id, RegistrationRow.name, RegistrationRow.company,
                   RegistrationRow.status)
            .where(RegistrationRow.workshop_id == workshop_id)
            .order_by(RegistrationRow.name_key, RegistrationRow.id)).all()
        events = session.execute(
            select(EventRow.registration_id, EventRow.outcome, EventRow.wall_time,
                   EventRow.desk_name)
            .where(EventRow.workshop_id == workshop_id, EventRow.kind == "arrival",
                   EventRow.registration_id.is_not(None),
                   EventRow.outcome.in_((*repo.ADMITTED_CODES, *_TURNED_AWAY)),
                   EventRow.id.not_in(repo.voided_ids(workshop_id)))
            .order_by(EventRow.wall_time, EventRow.seq)).all()
    admitted: dict[int, tuple[datetime, str]] = {}
    refused: dict[int, tuple[datetime, str, str]] = {}
    for e in events:
        if e.outcome in repo.ADMITTED_CODES:
            admitted.setdefault(e.registration_id, (e.wall_time, e.desk_name))
        else:
            refused[e.registration_id] = (e.wall_time, e.desk_name, e.outcome)
    rows = []
    for p in people:
        if p.id in admitted:
            at, desk = admitted[p.id]
            rows.append(RosterRow(p.id, p.name, p.company, RosterState.ARRIVED, at, desk, None))
        elif p.id in refused:
            at, desk, outcome = refused[p.id]
            rows.append(RosterRow(p.id, p.name, p.company, RosterState.TURNED_AWAY, at, desk,
                                  outcome))
        else:
            state = {"waitlisted": RosterState.WAITLISTED,
                     "cancelled": RosterState.CANCELLED}.get(p.status, RosterState.NOT_YET)
            rows.append(RosterRow(p.id, p.name, p.company, state, None, None, None))
    return rows


# --- desk settings ----------------------------------------------------------------------

def get_desk_setting(store: Store, key: str) -> str | None:
    """A desk preference (camera, language); keys are prefixed so they can't clash."""
    with store.sessions() as session:
        return repo.get_setting(session, f"desk.{key}")


def set_desk_setting(store: Store, key: str, value: str) -> None:
    with store.sessions.begin() as session:
        repo.set_setting(session, f"desk.{key}", value)

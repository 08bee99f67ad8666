"""Check in: token (scanned or typed) or registration in, outcome out, stored in one transaction.

Green means stored: an ADMITTED outcome is returned only after COMMIT returned. Any storage
failure (full disk, I/O error, locked file) turns into NOT_RECORDED and nothing is written.
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime
from decimal import Decimal

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from checkin.core.errors import CodedError
from checkin.core.model import DoorState, Registration, Workshop, remeasure_due
from checkin.core.outcomes import (
    ADMISSIONS,
    RECORDED,
    RECORDED_REFUSALS,
    Decision,
    Declaration,
    Outcome,
    OutcomeCode,
)
from checkin.core.rules import ScreeningAnswers, decide, door_check
from checkin.core.screening import (
    ScreeningProfile,
    TemperatureError,
    parse_temperature,
    profile_for,
)
from checkin.core.tokens import TokenError, parse_token, token_hash
from checkin.db import convert, repo
from checkin.db.errors import storage_problem
from checkin.db.models import EventRow
from checkin.db.store import Store

log = logging.getLogger(__name__)

# Door refusals recorded as attempts. A health denial met again at the door is only shown:
# it was recorded when it was decided.
RECORDED_AT_DOOR = RECORDED_REFUSALS - {OutcomeCode.DENIED_FEVER, OutcomeCode.DENIED_DECLARATION}
# Outcomes decided by screening, which keep their screening record.
_SCREENED = ADMISSIONS | {OutcomeCode.REMEASURE, OutcomeCode.DENIED_FEVER,
                          OutcomeCode.DENIED_DECLARATION}


_SHOW_LEFT = frozenset({OutcomeCode.RETURNING, OutcomeCode.RETURNED, OutcomeCode.ALREADY_LEFT})
# Door answers that say the notice is not one of this workshop's people today: check-out
# gives the same answer as check-in.
_NOT_THIS_DOOR = frozenset({OutcomeCode.WORKSHOP_CANCELLED, OutcomeCode.WORKSHOP_ONLINE,
                            OutcomeCode.NOT_REGISTERED,
                            OutcomeCode.WRONG_SESSION, OutcomeCode.CANCELLED,
                            OutcomeCode.WRONG_DAY})


class WorkshopNotFound(CodedError, LookupError):
    """No workshop with that id or code in this database (detail: what was asked for)."""

    def __init__(self, ref: str) -> None:
        super().__init__("WORKSHOP_NOT_FOUND", ref)


# The workshop a use case is about: the one the desk holds, or its id or code.
WorkshopRef = Workshop | int | str


@dataclass(frozen=True)
class Override:
    """A supervisor lifting door rules (capacity, company cap, ...) for one person."""

    supervisor: str
    reason: str
    lifts: frozenset[OutcomeCode] = field(default_factory=lambda: frozenset({
        OutcomeCode.SESSION_FULL, OutcomeCode.COMPANY_CAP}))

    def __post_init__(self) -> None:
        if not self.reason.strip():
            raise ValueError("an override needs a reason")


@dataclass(frozen=True)
class _AtDoor:
    """Where an attempt stands after the door rules, in the session that decided it."""

    workshop: Workshop  # as stored now
    reg: Registration | None
    state: DoorState | None
    now: datetime
    decision: Decision


@dataclass(frozen=True)
class Who:
    """Who an attempt is about: a scanned/typed token or a registration chosen in search."""

    token: str | None = None
    registration_id: int | None = None


class CheckinService:
    """The desk's check-in use cases on one store.

    Each use case is one user action in one Session. ``workshop`` is the :class:`Workshop`
    the desk holds (or, for the command line and tests, its id or code).
    """

    def __init__(self, store: Store) -> None:
        self.store = store

    # --- helpers -----------------------------------------------------------------------

    def workshop(self, ref: int | str) -> Workshop:
        """The workshop by id or code, read once (the desk at start-up, a command)."""
        with self.store.sessions() as session:
            return _workshop(session, ref)

    def _resolve(self, session: Session, workshop: Workshop, who: Who
                 ) -> tuple[Registration | None, Outcome | None]:
        """Find the registration; an Outcome when the input already decides (bad or foreign)."""
        if who.token is not None:
            try:
                token = parse_token(who.token)
            except TokenError:
                return None, Outcome(OutcomeCode.UNREADABLE)
            row = repo.registration_by_hash(session, token_hash(token))
            if token.workshop_code != workshop.code:
                # Recognised offline from the code alone, even when the roster lacks the person.
                return None, _with_person(Outcome(OutcomeCode.WRONG_SESSION,
                                                  detail=token.workshop_code), row)
            return row, None
        if who.registration_id is not None:
            return repo.registration_by_id(session, who.registration_id), None
        return None, Outcome(OutcomeCode.UNREADABLE)

    def _at_door(self, session: Session, ref: WorkshopRef, who: Who,
                 lifted: Collection[OutcomeCode]) -> _AtDoor | Outcome:
        """Resolve the person, derive the door state, run the door rules: the common start.

        An Outcome when the input decides already (unreadable, another workshop's notice).
        """
        # Read in this session even when the desk holds the workshop: a sync (run by another
        # process, too) may have cancelled or moved it since the desk started.
        # (One row by its key, its conversion remembered while the row is unchanged.)
        workshop = (repo.workshop_by_id(session, ref.id) if isinstance(ref, Workshop)
                    else repo.workshop_by_id(session, ref) if isinstance(ref, int) else None) \
            or _workshop(session, ref.id if isinstance(ref, Workshop) else ref)
        row, early = self._resolve(session, workshop, who)
        if early is not None:
            return early
        reg = row
        state = repo.door_state(session, reg, workshop) \
            if reg and reg.workshop_id == workshop.id else None
        now = self.store.clock_for(workshop).now()
        return _AtDoor(workshop, reg, state, now,
                       door_check(workshop, reg, now, state, lifted))

    # --- use cases ---------------------------------------------------------------------

    def look_up(self, workshop: WorkshopRef, who: Who,
                lifted: Collection[OutcomeCode] = frozenset()) -> Outcome:
        """The door rules only, nothing stored: what the desk shows right after a scan.

        READY_FOR_SCREENING means: ask the screening questions and take the temperature.
        ``lifted`` are rules a supervisor is overriding (the desk asks again after an
        override, so that another rule failing too is shown before the screening).
        """
        with self.store.sessions() as session:
            door = self._at_door(session, workshop, who, lifted)
            if isinstance(door, Outcome):
                return door
            outcome = self._outcome(door.decision, door.reg, door.state)
            if door.decision.code is OutcomeCode.READY_FOR_SCREENING and door.state is not None \
                    and door.state.last_fever_at is not None:
                profile = profile_for(repo.screening_profiles(session), door.workshop.day)
                outcome = _rest_due(outcome, door.state, profile)
            return outcome

    def check_in(self, workshop: WorkshopRef, who: Who, temperature: str | None = None,
                 declared: Iterable[Declaration] = (), override: Override | None = None
                 ) -> Outcome:
        """One check-in attempt, decided and stored in one transaction.

        ``temperature`` is the text staff typed ("36.5", "37,5", full-width digits); an
        implausible reading is TEMPERATURE_ERROR and stores nothing.
        """
        answers_declared = frozenset(declared)
        lifted = override.lifts if override else frozenset()
        person: Registration | None = None
        try:
            with self.store.sessions.begin() as session:
                door = self._at_door(session, workshop, who, lifted)
                if isinstance(door, Outcome):
                    return door
                reg = person = door.reg
                state, now, ws = door.state, door.now, door.workshop
                if door.decision.code is OutcomeCode.RETURNING:
                    # Back after checking out: screened at the first arrival today.
                    decision = Decision(OutcomeCode.RETURNED)
                    profile = None
                    parsed: Decimal | None = None
                elif door.decision.code is not OutcomeCode.READY_FOR_SCREENING:
                    # Refused at the door. Seat and company limits and registration status
                    # are recorded as attempts; an earlier health denial is only shown again.
                    if door.decision.code not in RECORDED_AT_DOOR or reg is None:
                        return self._outcome(door.decision, reg, state)
                    decision = door.decision
                    profile = None
                    parsed = None
                else:
                    assert reg is not None and state is not None
                    profile = profile_for(repo.screening_profiles(session), ws.day)
                    parsed = None
                    if temperature is not None and temperature.strip():
                        try:
                            parsed = parse_temperature(temperature, profile)
                        except TemperatureError:
                            return _with_person(Outcome(OutcomeCode.TEMPERATURE_ERROR,
                                                        detail=temperature[:20]), door.reg)
                    decision = decide(ws, reg, now, state, profile,
                                      ScreeningAnswers(parsed, answers_declared), lifted,
                                      door=door.decision)
                outcome = self._outcome(decision, reg, state)
                if not decision.recorded:
                    # Too early for the second reading: show when it is due, store nothing.
                    return _rest_due(outcome, state, profile)
                if decision.code not in RECORDED:
                    return outcome
                assert reg is not None
                if decision.code is OutcomeCode.ADMITTED_OVERRIDE and override is not None:
                    for rule in decision.lifted:  # one override event per rule it lifted
                        repo.add_event(
                            session, workshop_id=ws.id, registration_id=reg.id,
                            desk_id=self.store.desk_id, desk_name=self.store.desk_name,
                            at=now, kind="override", outcome=rule.value,
                            reason=override.reason, supervisor=override.supervisor)
                event_id = repo.append_event(
                    session, workshop_id=ws.id, registration_id=reg.id,
                    desk_id=self.store.desk_id, desk_name=self.store.desk_name, at=now,
                    # Declared reasons are health data: they go in the screening row (purged
                    # after 28 days, never readable by other desks), not in the event.
                    kind="arrival", outcome=decision.code.value)
                if profile is not None and profile.enabled and decision.code in _SCREENED:
                    repo.add_screening(session, event_id, parsed, answers_declared)
                followup_id = None
                if Declaration.SYMPTOMS in decision.reasons:
                    followup_id = repo.open_followup(session, event_id, reg.id, now).id
                due = remeasure_due(now, profile.rest_minutes) \
                    if profile is not None and decision.code is OutcomeCode.REMEASURE else None
                outcome = _replace(outcome, event_id=event_id, followup_id=followup_id,
                                   remeasure_due=due)
            # The `with` block committed: only now may the desk show the result as stored.
            return outcome
        except (SQLAlchemyError, OSError) as exc:
            log.error("check-in not recorded: %s", exc)
            # Say who was not recorded, so staff can write the person on the paper list.
            return Outcome(OutcomeCode.NOT_RECORDED, detail=storage_problem(exc),
                           registration_id=person.id if person else None,
                           name=person.name if person else None,
                           company=person.company if person else None)

    def _outcome(self, decision: Decision, reg: Registration | None,
                 state: DoorState | None) -> Outcome:
        first = state.first_arrival if state is not None else None
        return Outcome(
            code=decision.code, registration_id=reg.id if reg else None,
            name=reg.name if reg else None, company=reg.company if reg else None,
            reasons=decision.reasons,
            first_arrival=first.at if first and decision.code is OutcomeCode.ALREADY_IN
            else None,
            first_desk=first.desk if first and decision.code is OutcomeCode.ALREADY_IN
            else None,
            detail=",".join(decision.lifted) or None,
            left_at=state.left_at if state is not None and decision.code in _SHOW_LEFT
            else None)

    def check_out(self, workshop: WorkshopRef, who: Who) -> Outcome:
        """A departure (check-out mode): LEFT stored with its outbox row in one transaction.

        Refused, storing nothing: NOT_IN (no admitted arrival today), ALREADY_LEFT (checked
        out and not back; ``left_at`` says when), and what the door says about a notice
        that is not this workshop's (UNREADABLE, WRONG_SESSION, NOT_REGISTERED, ...).
        """
        person: Registration | None = None
        try:
            with self.store.sessions.begin() as session:
                door = self._at_door(session, workshop, who, frozenset())
                if isinstance(door, Outcome):
                    return door
                reg = person = door.reg
                state = door.state
                if reg is None or state is None or door.decision.code in _NOT_THIS_DOOR:
                    return self._outcome(door.decision, reg, state)
                if state.first_arrival is None:
                    return self._outcome(Decision(OutcomeCode.NOT_IN), reg, state)
                if state.left_at is not None:
                    return self._outcome(Decision(OutcomeCode.ALREADY_LEFT), reg, state)
                event = repo.add_event(
                    session, workshop_id=door.workshop.id, registration_id=reg.id,
                    desk_id=self.store.desk_id, desk_name=self.store.desk_name, at=door.now,
                    kind="departure", outcome=OutcomeCode.LEFT.value)
                outcome = _replace(self._outcome(Decision(OutcomeCode.LEFT), reg, state),
                                   event_id=event.id)
            return outcome  # committed: only now may the desk show it as stored
        except (SQLAlchemyError, OSError) as exc:
            log.error("check-out not recorded: %s", exc)
            return Outcome(OutcomeCode.NOT_RECORDED, detail=storage_problem(exc),
                           registration_id=person.id if person else None,
                           name=person.name if person else None,
                           company=person.company if person else None)

    def void_arrival(self, event_id: str, supervisor: str, reason: str) -> str:
        """Undo a mistaken arrival: a void event pointing at it (events are never deleted)."""
        if not reason.strip():
            raise ValueError("a void needs a reason")
        with self.store.sessions.begin() as session:
            target = session.get(EventRow, event_id)
            # A departure scanned by mistake (wrong mode) is undone the same way.
            if target is None or target.kind not in ("arrival", "departure"):
                raise LookupError(event_id)
            workshop = convert.workshop(repo.get_workshop(session, target.workshop_id))  # type: ignore[arg-type]
            void = repo.add_event(
                session, workshop_id=target.workshop_id,
                registration_id=target.registration_id, desk_id=self.store.desk_id,
                desk_name=self.store.desk_name, at=self.store.clock_for(workshop).now(),
                kind="void", outcome="VOID", reason=reason, supervisor=supervisor,
                target_event_id=target.id)
            return void.id

    def counters(self, workshop: WorkshopRef) -> dict[str, int]:
        """Arrived, registered, seats, denied and open follow-ups."""
        with self.store.sessions() as session:
            return repo.counters(session, _workshop_id(session, workshop))

    def search(self, workshop: WorkshopRef, text: str, limit: int = 20
               ) -> list[Registration]:
        """Look-up as you type for people without their notice."""
        with self.store.sessions() as session:
            return [convert.registration(r) for r in repo.search_registrations(
                session, _workshop_id(session, workshop), text, limit)]


def _workshop(session: Session, ref: int | str) -> Workshop:
    row = repo.find_workshop(session, str(ref))
    if row is None:
        raise WorkshopNotFound(str(ref))
    return convert.workshop(row)


def _workshop_id(session: Session, ref: WorkshopRef) -> int:
    return ref.id if isinstance(ref, Workshop) else _workshop(session, ref).id


def _rest_due(outcome: Outcome, state: DoorState | None, profile: ScreeningProfile | None
              ) -> Outcome:
    """Resting after a high reading: say when the second reading is due."""
    if state is None or profile is None or state.last_fever_at is None:
        return outcome
    return _replace(outcome, remeasure_due=remeasure_due(state.last_fever_at,
                                                         profile.rest_minutes))


def _with_person(outcome: Outcome, row: Registration | None) -> Outcome:
    if row is None:
        return outcome
    return _replace(outcome, registration_id=row.id, name=row.name, company=row.company)


def _replace(outcome: Outcome, **changes: object) -> Outcome:
    return replace(outcome, **changes)  # type: ignore[arg-type]

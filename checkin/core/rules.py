"""The door rules and the screening decision, as pure functions."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from checkin.core.clock import TAIPEI
from checkin.core.model import (
    DoorState,
    Registration,
    RegistrationStatus,
    Workshop,
    WorkshopStatus,
    remeasure_due,
)
from checkin.core.outcomes import Decision, Declaration, OutcomeCode
from checkin.core.screening import ScreeningProfile, is_fever

OVERRIDABLE = frozenset({
    OutcomeCode.SESSION_FULL, OutcomeCode.COMPANY_CAP, OutcomeCode.NOT_OPEN_YET,
    OutcomeCode.CHECKIN_CLOSED, OutcomeCode.WAITLISTED,
})


@dataclass(frozen=True)
class ScreeningAnswers:
    """What the desk measured and asked. ``temperature`` is already parsed and plausible."""

    temperature: Decimal | None = None
    declared: frozenset[Declaration] = frozenset()

    @classmethod
    def of(cls, temperature: Decimal | None = None,
           declared: Iterable[Declaration] = ()) -> ScreeningAnswers:
        return cls(temperature, frozenset(declared))


def door_check(workshop: Workshop, registration: Registration | None, now: datetime,
               state: DoorState | None, lifted: Collection[OutcomeCode] = ()) -> Decision:
    """The door rules in the order staff would explain them. ``lifted`` are overridden rules.

    Returns READY_FOR_SCREENING when the person may proceed to screening; the decision's
    ``lifted`` names the rules an override actually lifted. RETURNING: checked out earlier
    today and coming back in (the desk stores a RETURNED arrival, no screening).
    """
    if workshop.status is WorkshopStatus.CANCELLED:
        return Decision(OutcomeCode.WORKSHOP_CANCELLED)
    if workshop.status is WorkshopStatus.ONLINE:
        return Decision(OutcomeCode.WORKSHOP_ONLINE)
    if registration is None:
        return Decision(OutcomeCode.NOT_REGISTERED)
    if registration.workshop_id != workshop.id:
        return Decision(OutcomeCode.WRONG_SESSION)
    if registration.status is RegistrationStatus.CANCELLED:
        return Decision(OutcomeCode.CANCELLED)
    assert state is not None
    if state.first_arrival is not None and state.left_at is None:
        return Decision(OutcomeCode.ALREADY_IN)
    if now.astimezone(TAIPEI).date() != workshop.day:
        return Decision(OutcomeCode.WRONG_DAY)
    if state.first_arrival is not None:
        # Out since a departure and back: screened at the first arrival today, and still
        # holding the seat taken then, so neither screening nor the limits apply again.
        return Decision(OutcomeCode.RETURNING)
    if state.denied_fever:
        return Decision(OutcomeCode.DENIED_FEVER)
    if state.denied_declaration:
        return Decision(OutcomeCode.DENIED_DECLARATION, reasons=state.declared_reasons)
    checks = (
        (registration.status is RegistrationStatus.WAITLISTED, OutcomeCode.WAITLISTED),
        (now < workshop.opens_at, OutcomeCode.NOT_OPEN_YET),
        (now > workshop.ends_at, OutcomeCode.CHECKIN_CLOSED),
        (state.admitted_total >= workshop.capacity, OutcomeCode.SESSION_FULL),
        (state.admitted_same_company >= workshop.company_cap, OutcomeCode.COMPANY_CAP),
    )
    overridden: list[OutcomeCode] = []
    for failed, code in checks:
        if not failed:
            continue
        if code in lifted and code in OVERRIDABLE:
            overridden.append(code)
            continue
        return Decision(code, lifted=tuple(overridden))
    return Decision(OutcomeCode.READY_FOR_SCREENING, lifted=tuple(overridden))


def screen(profile: ScreeningProfile, answers: ScreeningAnswers, state: DoorState,
           now: datetime | None = None) -> Decision:
    """The screening decision for someone who passed the door rules.

    With ``now``, a second reading before the rest after a high one is over is not a
    re-measurement: REMEASURE again, not recorded, whatever it reads. A profile without a
    second reading denies at the first reading over the threshold.
    """
    if not profile.enabled:
        return Decision(OutcomeCode.ADMITTED)
    declared = tuple(q for q in profile.questions if q in answers.declared)
    if declared:
        return Decision(OutcomeCode.DENIED_DECLARATION, reasons=declared)
    if answers.temperature is None:
        return Decision(OutcomeCode.TEMPERATURE_NEEDED)
    if (now is not None and state.last_fever_at is not None
            and now < remeasure_due(state.last_fever_at, profile.rest_minutes)):
        return Decision(OutcomeCode.REMEASURE, recorded=False)
    if is_fever(answers.temperature, profile):
        if state.fever_readings >= 1 or not profile.second_reading:
            return Decision(OutcomeCode.DENIED_FEVER)
        return Decision(OutcomeCode.REMEASURE)
    return Decision(OutcomeCode.ADMITTED)


def decide(workshop: Workshop, registration: Registration | None, now: datetime,
           state: DoorState | None, profile: ScreeningProfile, answers: ScreeningAnswers,
           lifted: Collection[OutcomeCode] = (), door: Decision | None = None) -> Decision:
    """Door rules, then screening: the whole decision for one check-in attempt.

    ``door`` is the result of :func:`door_check` on the same inputs when the caller already
    has it.
    """
    door = door or door_check(workshop, registration, now, state, lifted)
    if door.code is not OutcomeCode.READY_FOR_SCREENING:
        return door
    assert state is not None
    health = screen(profile, answers, state, now)
    if health.code is OutcomeCode.ADMITTED and door.lifted:
        return Decision(OutcomeCode.ADMITTED_OVERRIDE, lifted=door.lifted)
    return health

"""Outcome codes of a check-in attempt. Tests assert on codes; only ui/ turns them into words."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime


class OutcomeCode(enum.StrEnum):
    """Stable codes; never renumber or rename, they are stored in events."""

    ADMITTED = "ADMITTED"
    ADMITTED_OVERRIDE = "ADMITTED_OVERRIDE"
    ALREADY_IN = "ALREADY_IN"
    READY_FOR_SCREENING = "READY_FOR_SCREENING"
    NOT_REGISTERED = "NOT_REGISTERED"
    WRONG_SESSION = "WRONG_SESSION"
    WRONG_DAY = "WRONG_DAY"
    NOT_OPEN_YET = "NOT_OPEN_YET"
    CHECKIN_CLOSED = "CHECKIN_CLOSED"
    CANCELLED = "CANCELLED"
    WORKSHOP_CANCELLED = "WORKSHOP_CANCELLED"
    WORKSHOP_ONLINE = "WORKSHOP_ONLINE"  # Level-3 alert: online only, the link was e-mailed
    WAITLISTED = "WAITLISTED"
    SESSION_FULL = "SESSION_FULL"
    COMPANY_CAP = "COMPANY_CAP"
    TEMPERATURE_NEEDED = "TEMPERATURE_NEEDED"
    TEMPERATURE_ERROR = "TEMPERATURE_ERROR"
    REMEASURE = "REMEASURE"
    DENIED_FEVER = "DENIED_FEVER"
    DENIED_DECLARATION = "DENIED_DECLARATION"
    UNREADABLE = "UNREADABLE"
    NOT_RECORDED = "NOT_RECORDED"
    # Leaving and coming back (issue 9). RETURNING is the door's answer before anything is
    # stored (like READY_FOR_SCREENING); RETURNED is the stored re-entry, LEFT the departure.
    RETURNING = "RETURNING"
    RETURNED = "RETURNED"
    LEFT = "LEFT"
    NOT_IN = "NOT_IN"
    ALREADY_LEFT = "ALREADY_LEFT"

    @property
    def admitted(self) -> bool:
        return self in (OutcomeCode.ADMITTED, OutcomeCode.ADMITTED_OVERRIDE)

    @property
    def let_in(self) -> bool:
        """In the room after this: admitted, or back after leaving."""
        return self.admitted or self is OutcomeCode.RETURNED


ADMISSIONS = frozenset({OutcomeCode.ADMITTED, OutcomeCode.ADMITTED_OVERRIDE})
# Refusals kept as events, so the supervisor and the "denied" counter see who was turned
# away. Other refusals (unreadable, wrong day, already in, ...) change nothing and leave no
# trace.
RECORDED_REFUSALS = frozenset({
    OutcomeCode.DENIED_FEVER, OutcomeCode.DENIED_DECLARATION, OutcomeCode.SESSION_FULL,
    OutcomeCode.COMPANY_CAP, OutcomeCode.CANCELLED, OutcomeCode.WAITLISTED,
})
# Every arrival outcome that is an event: admissions, refusals, the first high reading, and
# a return after leaving. RETURNED is not an admission: the seat is the one taken at the
# first arrival, and sync must not report a return as a second admission.
RECORDED = ADMISSIONS | RECORDED_REFUSALS | {OutcomeCode.REMEASURE, OutcomeCode.RETURNED}


class Declaration(enum.StrEnum):
    """The three screening questions of the brochure."""

    TRAVEL = "travel"
    CONTACT = "contact"
    SYMPTOMS = "symptoms"


@dataclass(frozen=True)
class Decision:
    """What the pure rules decided, before anything is stored."""

    code: OutcomeCode
    reasons: tuple[Declaration, ...] = ()
    # The rules a supervisor's override actually lifted, in the order they were checked.
    lifted: tuple[OutcomeCode, ...] = ()
    # False for a decision that changes nothing worth an event (a reading taken too early).
    recorded: bool = True


@dataclass(frozen=True)
class Outcome:
    """One check-in attempt's result with what the screen needs to show it."""

    code: OutcomeCode
    registration_id: int | None = None
    name: str | None = None
    company: str | None = None
    reasons: tuple[Declaration, ...] = ()
    first_arrival: datetime | None = None
    first_desk: str | None = None
    event_id: str | None = None
    followup_id: int | None = None
    remeasure_due: datetime | None = None
    detail: str | None = None
    # ALREADY_LEFT: when the person was checked out.
    left_at: datetime | None = None

    @property
    def admitted(self) -> bool:
        return self.code.admitted

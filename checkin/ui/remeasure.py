"""The re-measure queue: people resting before their second temperature reading."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

from checkin.core.outcomes import Outcome, OutcomeCode
from checkin.core.rules import OVERRIDABLE
from checkin.services.checkin import Who
from checkin.services.desk_queries import RestingPerson
from checkin.ui.attempt import Attempt


class WaitingRow(NamedTuple):
    """A line of the re-measure list: whose, until when, and whether the rest is over."""

    key: str
    name: str
    due: datetime
    ready: bool


@dataclass
class Waiting:
    """Someone resting before the second temperature reading."""

    attempt: Attempt
    due: datetime
    # Brought back to the screening panel once when due; after that (staff pressed Esc, or
    # the person went away) they stay in the list, highlighted, until staff choose them.
    called: bool = False


class RemeasureQueue:
    """Who is resting and until when, keyed by :meth:`Attempt.key`. Holds no widgets."""

    def __init__(self) -> None:
        self.waiting: dict[str, Waiting] = {}

    def __bool__(self) -> bool:
        return bool(self.waiting)

    def is_resting(self, attempt: Attempt) -> bool:
        return attempt.key() in self.waiting

    def restore(self, people: list[RestingPerson]) -> None:
        """The list outlives a restart: rebuilt from the stored REMEASURE events."""
        for person in people:
            attempt = Attempt(Who(registration_id=person.registration_id), person.name,
                              person.company, person.registration_id)
            self.waiting.setdefault(attempt.key(), Waiting(attempt, person.due))

    def record(self, outcome: Outcome, attempt: Attempt) -> None:
        """After a check-in attempt: rest again, leave the list, or stay as they were."""
        key = attempt.key()
        if outcome.code is OutcomeCode.REMEASURE and outcome.remeasure_due is not None:
            # An override was for the door as the supervisor saw it now, not for a second
            # reading minutes later: the door rules apply afresh then.
            rested = Attempt(attempt.who, attempt.name, attempt.company,
                             attempt.registration_id)
            self.waiting[key] = Waiting(rested, outcome.remeasure_due)
        elif outcome.code not in OVERRIDABLE and outcome.code is not OutcomeCode.NOT_RECORDED:
            # Decided. A refusal at the door or a failed write leaves them resting.
            self.waiting.pop(key, None)

    def rows(self, now: datetime) -> list[WaitingRow]:
        """One row a person for the side panel's list."""
        return [WaitingRow(k, w.attempt.name, w.due, w.due <= now)
                for k, w in self.waiting.items()]

    def call(self, key: str) -> Attempt | None:
        """Staff chose someone from the list."""
        waiting = self.waiting.get(key)
        if waiting is None:
            return None
        waiting.called = True
        return waiting.attempt

    def call_next_due(self, now: datetime) -> Attempt | None:
        """The longest-due person not yet brought back on their own, marked as called."""
        due = sorted((w for w in self.waiting.values() if w.due <= now and not w.called),
                     key=lambda w: w.due)
        if not due:
            return None
        due[0].called = True
        return due[0].attempt

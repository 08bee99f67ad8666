"""The screening rules as the organiser sets them in the office.

A rule set is a screening profile with a first day (core/screening.py): the threshold,
whether a second reading after a rest is allowed, the rest, the questions. Setting rules
from a day on adds a profile from that day (or changes the one that starts that day);
profiles of earlier days stay, so a past workshop keeps the rules it was screened by. The
desks pull every profile with the roster (sync/pull.py) and apply the one valid on the
workshop's day.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal, InvalidOperation

from sqlalchemy import select

from checkin.core.errors import CodedError
from checkin.core.outcomes import Declaration
from checkin.core.screening import ScreeningProfile, profile_for
from checkin.db import convert, repo
from checkin.db.models import ScreeningProfileRow
from checkin.db.store import Store

# A threshold outside this is a typing error, not a rule.
THRESHOLD_RANGE = (Decimal("37.0"), Decimal("39.0"))
MAX_REST_MINUTES = 60


class RulesError(CodedError):
    """Rules that cannot be set: THRESHOLD, REST or QUESTION (``detail`` says which)."""


def rules_on(store: Store, day: date) -> ScreeningProfile:
    """The rules the desks apply on ``day`` (screening off when no profile applies)."""
    with store.sessions() as session:
        return profile_for(repo.screening_profiles(session), day)


def set_rules(store: Store, valid_from: date, *, threshold: str | Decimal,
              second_reading: bool, rest_minutes: int,
              questions: Iterable[Declaration | str], enabled: bool = True
              ) -> ScreeningProfile:
    """Set the rules from ``valid_from`` on; returns the profile as stored.

    Raises :class:`RulesError` for a threshold outside 37.0-39.0 °C, a rest outside
    0-60 minutes, or an unknown question; nothing is changed then.
    """
    try:
        value = Decimal(str(threshold).replace(",", ".").strip())
    except InvalidOperation:
        raise RulesError("THRESHOLD", str(threshold)) from None
    if not THRESHOLD_RANGE[0] <= value <= THRESHOLD_RANGE[1]:
        raise RulesError("THRESHOLD", str(threshold))
    if not 0 <= rest_minutes <= MAX_REST_MINUTES:
        raise RulesError("REST", str(rest_minutes))
    try:
        asked = tuple(Declaration(q) for q in questions)
    except ValueError as exc:
        raise RulesError("QUESTION", str(exc)) from None
    ordered = [q.value for q in Declaration if q in asked]  # one order on every desk
    with store.sessions.begin() as session:
        row = session.scalars(select(ScreeningProfileRow).where(
            ScreeningProfileRow.valid_from == valid_from)).first()
        if row is None:
            row = ScreeningProfileRow(valid_from=valid_from, plausible_min="34.0",
                                      plausible_max="42.0")
            session.add(row)
        row.valid_until = None
        row.enabled = enabled
        row.threshold = f"{value:.1f}"
        row.second_reading = second_reading
        row.rest_minutes = rest_minutes
        row.questions = ",".join(ordered)
        session.flush()
        return convert.screening_profile(row)

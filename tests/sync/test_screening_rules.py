"""Screening rules set in the office reach the desks with the roster (issue 10 item 7).

On the real PostgreSQL: the organiser chooses no second reading centrally; the desk's own
login pulls it with the roster, names it, and denies at the first reading over the
threshold. The same login may not read follow-ups: the office page is told so.
"""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import create_engine

from checkin.core.outcomes import Declaration, OutcomeCode
from checkin.db.engine import session_maker
from checkin.db.store import Store
from checkin.services import screening_rules
from checkin.services.checkin import CheckinService, Who
from checkin.services.desk_queries import screening_figures
from checkin.services.followups import HealthDataRefused, office_followups
from checkin.sync.runner import sync_desk

from .conftest import Central

ALL = list(Declaration)


def test_no_second_reading_travels_to_the_desk_and_denies_at_once(central: Central,
                                                                  desk_factory) -> None:
    office = Store.open(central.url)
    try:
        profile = screening_rules.set_rules(office, date(2022, 4, 1), threshold="37.5",
                                            second_reading=False, rest_minutes=5,
                                            questions=ALL)
        assert not profile.second_reading
        desk = desk_factory("front-1")
        assert sync_desk(desk.store, desk.link).status == "DONE"  # the first roster pull
        assert not screening_figures(desk.store, 1).second_reading
        first, second = (central.token(r) for r in central.people(1)[:2])
        outcome = CheckinService(desk.store).check_in(1, Who(token=first), "37.8")
        assert outcome.code is OutcomeCode.DENIED_FEVER  # the first reading over decides

        # The organiser allows a second reading again: the next sync brings it.
        screening_rules.set_rules(office, date(2022, 4, 1), threshold="37.5",
                                  second_reading=True, rest_minutes=5, questions=ALL)
        assert sync_desk(desk.store, desk.link).status == "DONE"
        assert screening_figures(desk.store, 1).second_reading
        again = CheckinService(desk.store).check_in(1, Who(token=second), "37.8")
        assert again.code is OutcomeCode.REMEASURE
    finally:
        office.close()


def test_a_desk_login_is_told_it_may_not_read_followups(central: Central,
                                                        desk_factory) -> None:
    desk = desk_factory("front-1")
    engine = create_engine(desk.link.connect_url())
    try:
        as_desk = Store(engine=engine, sessions=session_maker(engine),
                        desk_id=desk.store.desk_id, desk_name="front-1")
        with pytest.raises(HealthDataRefused):
            office_followups(as_desk, 1)
    finally:
        engine.dispose()

"""The organiser's screening rules (issue 10 item 7) and the purge's preview."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from enginekit import Built

from checkin.core.outcomes import Declaration, OutcomeCode
from checkin.services import screening_rules
from checkin.services.checkin import CheckinService, Who
from checkin.services.desk_queries import screening_figures
from checkin.services.retention import preview_purge, purge_health_data
from checkin.services.screening_rules import RulesError

DAY = date(2022, 4, 29)


def test_no_second_reading_denies_at_the_first_reading_over(desk: CheckinService,
                                                            demo: Built) -> None:
    store = desk.store
    first, second = (p.token for p in demo.of_workshop(1)[:2])
    assert screening_rules.rules_on(store, DAY).second_reading  # today's desk: one allowed
    profile = screening_rules.set_rules(store, date(2022, 4, 1), threshold="37,5",
                                        second_reading=False, rest_minutes=5,
                                        questions=["symptoms", "travel", "contact"])
    assert (profile.threshold, profile.second_reading) == (profile.threshold, False)
    assert str(profile.threshold) == "37.5"
    assert [q.value for q in profile.questions] == ["travel", "contact", "symptoms"]
    assert not screening_figures(store, 1).second_reading
    assert desk.check_in(1, Who(token=first), "37.6").code is OutcomeCode.DENIED_FEVER
    assert desk.check_in(1, Who(token=second), "37.5").code is OutcomeCode.ADMITTED  # at it

    # Back to a second reading from the same day on: the same profile changes.
    screening_rules.set_rules(store, date(2022, 4, 1), threshold="37.5", second_reading=True,
                              rest_minutes=5, questions=list(Declaration))
    third = demo.of_workshop(1)[2].token
    assert desk.check_in(1, Who(token=third), "37.6").code is OutcomeCode.REMEASURE


@pytest.mark.parametrize(("field", "kwargs"), [
    ("THRESHOLD", {"threshold": "36.0"}), ("THRESHOLD", {"threshold": "abc"}),
    ("REST", {"rest_minutes": 90}), ("QUESTION", {"questions": ["horoscope"]})])
def test_rules_that_cannot_be_set_change_nothing(desk: CheckinService, field: str,
                                                 kwargs: dict[str, object]) -> None:
    args: dict[str, object] = {"threshold": "37.5", "second_reading": False,
                               "rest_minutes": 5, "questions": ["travel"]}
    args.update(kwargs)
    with pytest.raises(RulesError) as raised:
        screening_rules.set_rules(desk.store, date(2022, 4, 1), **args)  # type: ignore[arg-type]
    assert raised.value.code == field
    assert screening_rules.rules_on(desk.store, DAY).second_reading


def test_the_preview_counts_what_the_purge_then_deletes(desk: CheckinService,
                                                        demo: Built) -> None:
    a, b = (p.token for p in demo.of_workshop(1)[:2])
    desk.check_in(1, Who(token=a), "36.5")
    desk.check_in(1, Who(token=b), "36.6", [Declaration.SYMPTOMS])
    engine = desk.store.engine
    assert preview_purge(engine, DAY + timedelta(days=28)).screenings == 0  # not yet
    later = DAY + timedelta(days=29)
    preview = preview_purge(engine, later)
    assert (preview.workshops, preview.screenings, preview.followups) == (1, 2, 1)
    assert preview_purge(engine, later) == preview  # the preview deleted nothing
    assert purge_health_data(engine, later) == preview
    assert preview_purge(engine, later).screenings == 0

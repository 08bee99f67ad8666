"""The day, live (issue 10 item 6): arrivals per desk and per ten minutes, seats, conflicts."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date, datetime, timedelta

from enginekit import Built, Person
from sqlalchemy import func, select

from checkin.core.clock import TAIPEI, FixedClock
from checkin.core.outcomes import OutcomeCode
from checkin.db.models import EventRow
from checkin.db.store import Store
from checkin.services import live
from checkin.services.checkin import CheckinService, Override, Who

CAP_COMPANY = "三豐精密工業股份有限公司"


def arrive(store: Store, person: Person, at: datetime) -> OutcomeCode:
    assert isinstance(store.clock_override, FixedClock)
    store.clock_override.current = at
    return CheckinService(store).check_in(1, Who(token=person.token), "36.5").code


def synced_from_other_desk(store: Store, person: Person, at: datetime,
                           desk: str = "front-2") -> None:
    """An admitted arrival another desk recorded offline, as the sync brings it in."""
    with store.sessions.begin() as session:
        seq = (session.scalar(select(func.max(EventRow.seq))) or 0) + 1
        session.add(EventRow(id=str(uuid.uuid4()), workshop_id=1, registration_id=person.id,
                             desk_id="22222222-2222-2222-2222-222222222222", desk_name=desk,
                             seq=seq, wall_time=at, kind="arrival",
                             outcome=OutcomeCode.ADMITTED.value))


def at(hour: int, minute: int) -> datetime:
    return datetime(2022, 4, 29, hour, minute, tzinfo=TAIPEI)


def test_counts_bins_seats_and_conflicts(demo: Built, open_store: Callable[..., Store]) -> None:
    store = open_store(demo.url, desk_name="front-1")
    people = [p for p in demo.of_workshop(1) if p.status == "registered"]
    same = [p for p in people if p.company == CAP_COMPANY]
    others = [p for p in people if p.company != CAP_COMPANY]

    [day] = live.live_day(store).workshops
    assert (day.code, day.arrived, day.seats_left, day.conflicts) == ("IDB2201", 0, 50, 0)
    assert day.bins[0].start == at(8, 30) and sum(b.arrivals for b in day.bins) == 0

    assert arrive(store, others[0], at(8, 41)) is OutcomeCode.ADMITTED
    assert arrive(store, others[1], at(8, 49)) is OutcomeCode.ADMITTED
    assert arrive(store, same[0], at(8, 52)) is OutcomeCode.ADMITTED
    assert arrive(store, same[1], at(8, 53)) is OutcomeCode.ADMITTED
    # The company's third: the desk refuses, a supervisor admits: not a conflict.
    assert arrive(store, same[2], at(8, 54)) is OutcomeCode.COMPANY_CAP
    store.clock_override.current = at(8, 55)  # type: ignore[union-attr]
    assert CheckinService(store).check_in(1, Who(token=same[2].token), "36.5", override=Override(
        "組長", "主辦同意")).code is OutcomeCode.ADMITTED_OVERRIDE
    day = live.live_day(store).workshops[0]
    assert (day.arrived, day.seats_left, day.conflicts) == (5, 45, 0)
    assert {b.start.strftime("%H:%M"): b.arrivals for b in day.bins} == {
        "08:30": 0, "08:40": 2, "08:50": 3}

    # Another desk, offline, let in someone already in and a company's third without
    # an override: both come in with its sync and are named, with desk and time.
    synced_from_other_desk(store, others[0], at(9, 2))
    [dup] = live.live_day(store).workshops[0].duplicates
    assert dup.name == others[0].name
    assert [(a.desk_name, a.at.astimezone(TAIPEI)) for a in dup.arrivals] == [
        ("front-1", at(8, 41)), ("front-2", at(9, 2))]

    day = live.live_day(store).workshops[0]
    assert day.company_conflicts == ()  # the override does not count against the cap
    assert {d.desk_name: (d.arrived, d.repeats) for d in day.desks} == {
        "front-1": (5, 0), "front-2": (0, 1)}
    assert day.arrived == 5  # a duplicate is one person


def test_company_cap_conflict_names_who_came_in_over(demo: Built,
                                                    open_store: Callable[..., Store]) -> None:
    store = open_store(demo.url, desk_name="front-1")
    same = [p for p in demo.of_workshop(1) if p.company == CAP_COMPANY
            and p.status == "registered"]
    arrive(store, same[0], at(8, 40))
    arrive(store, same[1], at(8, 45))
    synced_from_other_desk(store, same[2], at(8, 50))
    day = live.live_day(store).workshops[0]
    [conflict] = day.company_conflicts
    assert (conflict.company, conflict.admitted, conflict.limit) == (CAP_COMPANY, 3, 2)
    assert [(p.name, p.desk_name) for p in conflict.over] == [(same[2].name, "front-2")]
    assert day.bins[-1].start.astimezone(TAIPEI) == at(8, 50)


def test_no_workshop_that_day(demo: Built, open_store: Callable[..., Store]) -> None:
    store = open_store(demo.url)
    assert live.live_day(store, date(2022, 4, 30)).workshops == ()
    assert live.today(store) == date(2022, 4, 29)
    assert timedelta(minutes=live.BIN_MINUTES) == timedelta(minutes=10)

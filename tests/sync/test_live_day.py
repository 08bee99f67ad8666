"""The office's live day on the central PostgreSQL (issue 10 item 6): two desks sync in,
the day page's service sees each desk's arrivals and the duplicate between them."""

from __future__ import annotations

from datetime import date

from checkin.core.outcomes import OutcomeCode
from checkin.db.store import Store
from checkin.services import live
from checkin.services.checkin import CheckinService, Who
from checkin.sync.runner import sync_desk

from .conftest import Central


def test_arrivals_of_two_desks_as_they_sync_in(central: Central, desk_factory) -> None:
    one, two = desk_factory("front-1"), desk_factory("front-2")
    for desk in (one, two):
        assert sync_desk(desk.store, desk.link).status == "DONE"
    people = central.people(1)
    office = Store.open(central.url)
    try:
        [day] = live.live_day(office, date(2022, 4, 29)).workshops
        assert (day.arrived, day.desks) == (0, ())
        assert CheckinService(one.store).check_in(1, Who(token=central.token(people[0])),
                                                  "36.5").code is OutcomeCode.ADMITTED
        one.clock.advance(minutes=12)
        assert CheckinService(one.store).check_in(1, Who(token=central.token(people[1])),
                                                  "36.5").code is OutcomeCode.ADMITTED
        # The second desk, offline, admits the first person again, later.
        two.clock.advance(minutes=20)
        assert CheckinService(two.store).check_in(1, Who(token=central.token(people[0])),
                                                  "36.5").code is OutcomeCode.ADMITTED
        sync_desk(one.store, one.link)
        day = live.live_day(office, date(2022, 4, 29)).workshops[0]
        assert day.arrived == 2 and [d.desk_name for d in day.desks] == ["front-1"]
        assert sum(b.arrivals for b in day.bins) == 2
        sync_desk(two.store, two.link)
        day = live.live_day(office, date(2022, 4, 29)).workshops[0]
        assert day.arrived == 2 and day.seats_left == day.capacity - 2
        assert {d.desk_name: (d.arrived, d.repeats) for d in day.desks} == {
            "front-1": (2, 0), "front-2": (0, 1)}
        [dup] = day.duplicates
        assert [a.desk_name for a in dup.arrivals] == ["front-1", "front-2"]
    finally:
        office.close()

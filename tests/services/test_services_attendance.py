"""Departures, re-entry and the day's attendance on a real SQLite file."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime

from enginekit import Built, count

from checkin.core.clock import TAIPEI, FixedClock
from checkin.core.outcomes import Declaration, OutcomeCode
from checkin.db.store import Store
from checkin.services.attendance import PersonDay, day_attendance, store_day_attendance
from checkin.services.checkin import CheckinService, Who

C = OutcomeCode


def at(hh: int, mm: int) -> datetime:
    return datetime(2022, 4, 29, hh, mm, tzinfo=TAIPEI)


def day_of(store: Store, name: str) -> PersonDay:
    return next(p for p in store_day_attendance(store, 1) if p.name == name)


def test_departure_is_an_event_with_its_outbox_row(demo: Built, clock: FixedClock,
                                                    open_store: Callable[..., Store]) -> None:
    store = open_store(demo.url)
    desk = CheckinService(store)
    person = demo.named("王小明")[0]
    assert desk.check_in(1, Who(token=person.token), temperature="36.5").code is C.ADMITTED
    clock.current = at(16, 0)
    left = desk.check_out(1, Who(token=person.token))
    assert left.code is C.LEFT and left.event_id is not None and left.name == "王小明"
    conn = sqlite3.connect(demo.path)
    try:
        assert conn.execute("SELECT kind, outcome FROM events WHERE id = ?",
                            (left.event_id,)).fetchone() == ("departure", "LEFT")
        assert conn.execute("SELECT count(*) FROM outbox WHERE event_id = ?",
                            (left.event_id,)).fetchone() == (1,)
    finally:
        conn.close()
    again = desk.check_out(1, Who(registration_id=person.id))
    assert (again.code, again.left_at, again.event_id) == (C.ALREADY_LEFT, at(16, 0), None)
    day = day_of(store, "王小明")
    assert (day.full_attendance, day.left_at, day.arrived_at) == (True, at(16, 0), at(8, 45))


def test_check_out_refusals_store_nothing(demo: Built, desk: CheckinService) -> None:
    person = demo.named("王小明")[0]
    before = count(demo.path, "events")
    assert desk.check_out(1, Who(token=person.token)).code is C.NOT_IN
    assert desk.check_out(1, Who(token="nonsense")).code is C.UNREADABLE
    other = next(p for p in demo.people if p.workshop_id == 6)
    assert desk.check_out(1, Who(token=other.token)).code is C.WRONG_SESSION
    assert count(demo.path, "events") == before


def test_re_entry_is_returned_not_already_in_and_not_screened(
        demo: Built, clock: FixedClock, open_store: Callable[..., Store]) -> None:
    store = open_store(demo.url)
    desk = CheckinService(store)
    person = demo.named("王小明")[0]
    who = Who(token=person.token)
    desk.check_in(1, who, temperature="36.5")
    clock.current = at(12, 5)
    assert desk.check_out(1, who).code is C.LEFT
    clock.current = at(13, 10)
    looked = desk.look_up(1, who)
    assert (looked.code, looked.left_at) == (C.RETURNING, at(12, 5))
    screenings = count(demo.path, "screenings")
    back = desk.check_in(1, who)  # no temperature, no questions: screened this morning
    assert back.code is C.RETURNED and back.event_id is not None
    assert back.code.let_in and not back.code.admitted
    assert count(demo.path, "screenings") == screenings
    assert desk.look_up(1, who).code is C.ALREADY_IN
    assert desk.counters(1)["arrived"] == 1  # the same seat, not a second arrival
    clock.current = at(16, 2)
    desk.check_out(1, who)
    day = day_of(store, "王小明")
    assert day.gaps == ((at(12, 5), at(13, 10)), (at(16, 2), None))
    assert day.full_attendance


def test_voided_arrival_and_departure_do_not_count(demo: Built, clock: FixedClock,
                                                   open_store: Callable[..., Store]) -> None:
    store = open_store(demo.url)
    desk = CheckinService(store)
    person = demo.named("王小明")[0]
    arrived = desk.check_in(1, Who(token=person.token), temperature="36.5")
    clock.current = at(10, 0)
    left = desk.check_out(1, Who(token=person.token))
    assert left.event_id is not None and arrived.event_id is not None
    desk.void_arrival(left.event_id, "主管", "wrong mode")
    assert day_of(store, "王小明").left_at is None
    assert desk.look_up(1, Who(token=person.token)).code is C.ALREADY_IN
    desk.void_arrival(arrived.event_id, "主管", "wrong person")
    assert day_of(store, "王小明").not_full_reason == "ABSENT"


def test_day_attendance_late_denied_absent_and_statuses(
        demo: Built, clock: FixedClock, open_store: Callable[..., Store]) -> None:
    store = open_store(demo.url)
    desk = CheckinService(store)
    on_time, late, denied = (demo.named(n)[0] for n in ("王小明", "林建宏", "蔡承恩"))
    clock.current = at(9, 0)
    desk.check_in(1, Who(token=on_time.token), temperature="36.5")
    clock.current = at(9, 1)
    desk.check_in(1, Who(token=late.token), temperature="36.5")
    desk.check_in(1, Who(token=denied.token), temperature="36.5",
                  declared=[Declaration.TRAVEL])
    with store.sessions() as session:
        everyone = day_attendance(session, 1)
    days = {p.name: p for p in everyone}
    assert (days["王小明"].late_minutes, days["王小明"].arrived_at) == (0, at(9, 0))
    assert (days["林建宏"].late_minutes, days["林建宏"].not_full_reason) == (1, "LATE")
    assert (days["蔡承恩"].turned_away, days["蔡承恩"].not_full_reason) == (
        "DENIED_DECLARATION", "DENIED")
    # Departures are scanned by default: someone still inside is not claimed as full.
    assert days["王小明"].not_full_reason == "NOT_CHECKED_OUT"
    statuses = {p.status for p in days.values()}
    assert statuses == {"registered", "cancelled", "waitlisted"}
    assert sorted(p.registration_id for p in everyone) == sorted(
        p.id for p in demo.of_workshop(1))
    absent = [p for p in days.values() if p.arrived_at is None and p.turned_away is None]
    assert all(p.not_full_reason == "ABSENT" for p in absent)
    assert all(p.arrived_at is None or p.arrived_at.tzinfo is TAIPEI for p in days.values())


def test_departures_not_scanned_rule(demo: Built, open_store: Callable[..., Store]) -> None:
    conn = sqlite3.connect(demo.path)
    conn.execute("UPDATE workshops SET departures_scanned = 0 WHERE id = 1")
    conn.commit()
    conn.close()
    store = open_store(demo.url)
    person = demo.named("王小明")[0]
    CheckinService(store).check_in(1, Who(token=person.token), temperature="36.5")
    assert day_of(store, "王小明").full_attendance

"""The day derived from door events: lateness, departures, re-entry, full attendance."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time

import pytest

from checkin.core.attendance import DoorEvent, NotFull, late_minutes, presence
from checkin.core.clock import TAIPEI
from checkin.core.model import Course, Workshop

W = Workshop(id=1, code="IDB2201", number=1, course=Course.GHG_INVENTORY, title="碳盤查",
             organiser="TGPF", day=date(2022, 4, 29), venue="v", address="a")


def at(hh: int, mm: int, ss: int = 0) -> datetime:
    return datetime(2022, 4, 29, hh, mm, ss, tzinfo=TAIPEI)


def arrival(t: datetime, code: str = "ADMITTED") -> DoorEvent:
    return DoorEvent("arrival", code, t)


def departure(t: datetime) -> DoorEvent:
    return DoorEvent("departure", "LEFT", t)


@pytest.mark.parametrize(("arrived", "late"), [
    (at(8, 59, 59), 0), (at(9, 0), 0), (at(9, 0, 1), 1), (at(9, 1), 1), (at(9, 30), 30)])
def test_late_at_the_start_with_no_tolerance(arrived: datetime, late: int) -> None:
    assert late_minutes(W, arrived) == late


def test_tolerance_moves_the_boundary_but_minutes_count_from_the_start() -> None:
    w = replace(W, late_after=10)
    assert late_minutes(w, at(9, 10)) == 0
    assert late_minutes(w, at(9, 11)) == 11


@pytest.mark.parametrize(("left", "full", "reason"), [
    (at(15, 59), False, NotFull.LEFT_EARLY),
    (at(15, 59, 59), False, NotFull.LEFT_EARLY),
    (at(16, 0), True, None),
    (at(16, 30), True, None)])
def test_leaving_at_the_end_of_the_quiz(left: datetime, full: bool, reason: NotFull | None
                                        ) -> None:
    day = presence(W, [arrival(at(8, 45)), departure(left)])
    assert (day.full_attendance, day.not_full_reason, day.left_at) == (full, reason, left)


def test_full_until_is_configurable() -> None:
    w = replace(W, full_until=time(15, 40))
    assert presence(w, [arrival(at(8, 45)), departure(at(15, 40))]).full_attendance
    assert not presence(w, [arrival(at(8, 45)), departure(at(15, 39))]).full_attendance


def test_arrived_at_nine_is_full_one_minute_later_is_late() -> None:
    on_time = presence(W, [arrival(at(9, 0)), departure(at(16, 0))])
    late = presence(W, [arrival(at(9, 1)), departure(at(16, 0))])
    assert (on_time.full_attendance, on_time.late_minutes) == (True, 0)
    assert (late.full_attendance, late.not_full_reason, late.late_minutes) == (
        False, NotFull.LATE, 1)


def test_re_entry_makes_a_gap_and_the_last_departure_counts() -> None:
    day = presence(W, [arrival(at(8, 40)), departure(at(12, 5)), arrival(at(13, 10), "RETURNED"),
                       departure(at(16, 1))])
    assert day.gaps == ((at(12, 5), at(13, 10)), (at(16, 1), None))
    assert day.left_at == at(16, 1)
    assert day.full_attendance


def test_back_in_without_checking_out_again() -> None:
    day = presence(W, [arrival(at(8, 40)), departure(at(12, 5)), arrival(at(13, 10), "RETURNED")])
    assert day.left_at is None and day.inside
    assert day.gaps == ((at(12, 5), at(13, 10)),)
    assert day.not_full_reason is NotFull.NOT_CHECKED_OUT


def test_departures_not_scanned_never_checked_out_is_full() -> None:
    w = replace(W, departures_scanned=False)
    assert presence(w, [arrival(at(8, 40))]).full_attendance
    # A departure that was scanned anyway still counts against an early leaver.
    assert presence(w, [arrival(at(8, 40)), departure(at(11, 0))]).not_full_reason \
        is NotFull.LEFT_EARLY


def test_absent_denied_and_events_out_of_order() -> None:
    assert presence(W, []).not_full_reason is NotFull.ABSENT
    denied = presence(W, [arrival(at(8, 40), "DENIED_FEVER")])
    assert (denied.turned_away, denied.not_full_reason) == ("DENIED_FEVER", NotFull.DENIED)
    # A departure before any arrival, a second arrival and a second departure change nothing.
    day = presence(W, [departure(at(8, 31)), arrival(at(9, 30), "ADMITTED"),
                       arrival(at(8, 50), "ADMITTED_OVERRIDE"), departure(at(16, 0)),
                       departure(at(16, 5))])
    assert (day.arrived_at, day.left_at, day.full_attendance) == (at(8, 50), at(16, 0), True)
    # A return with no first arrival is not an arrival.
    assert presence(W, [arrival(at(9, 0), "RETURNED")]).arrived_at is None

"""The desk's own service functions: start-up report, PIN with growing delay, follow-ups."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from enginekit import Built
from sqlalchemy import select

from checkin.core.outcomes import Declaration, OutcomeCode
from checkin.db.engine import sqlite_url
from checkin.db.models import RegistrationRow
from checkin.db.store import Store
from checkin.services import desk_queries, supervisor_pin
from checkin.services.checkin import CheckinService, Who


@pytest.fixture
def store(demo: Built, open_store: Callable[..., Store]) -> Store:
    """A desk on a copy of the demo database, on the test clock (08:45 on the day)."""
    return open_store(sqlite_url(demo.path), desk_name="front-1")


@pytest.fixture
def tokens(demo: Built) -> dict[str, str]:
    """Name -> notice token of the demo workshop's registrations."""
    return {p.name: p.token for p in demo.people if p.workshop_id == 1}


def test_startup_report_for_the_demo_workshop(store):
    report = desk_queries.startup_report(store, "IDB2201")
    assert report.problem is None and report.info is not None
    assert report.info.venue.startswith("潭子")
    assert report.info.has_roster and report.info.registered > 0
    assert report.info.desk_name == "front-1"
    assert desk_queries.startup_report(store, "1").info == report.info


def test_startup_report_explains_unknown_and_empty(store, tmp_path: Path):
    report = desk_queries.startup_report(store, "NOPE9")
    assert report.info is None
    assert report.problem is desk_queries.StartupProblem.WORKSHOP_NOT_FOUND
    assert "IDB2201" in [w.code for w in report.available]
    empty = Store.open(sqlite_url(tmp_path / "empty.sqlite3"))
    try:
        report = desk_queries.startup_report(empty, "IDB2201")
        assert report.problem is desk_queries.StartupProblem.NO_WORKSHOPS
    finally:
        empty.close()


def test_pin_is_hashed_and_checked(store):
    assert not supervisor_pin.pin_is_set(store)
    assert supervisor_pin.verify_pin(store, "1234").not_set
    assert supervisor_pin.set_pin(store, "1357")
    assert supervisor_pin.verify_pin(store, "1357").ok
    assert not supervisor_pin.verify_pin(store, "1358").ok
    with store.sessions() as session:
        from checkin.db import repo

        stored = repo.get_setting(session, supervisor_pin.PIN_HASH)
    assert stored and "1357" not in stored and stored.startswith("$argon2")
    # Changing it needs the current one.
    assert not supervisor_pin.set_pin(store, "2468", current_pin="0000")
    assert supervisor_pin.set_pin(store, "2468", current_pin="1357")
    assert supervisor_pin.verify_pin(store, "2468").ok


def test_wrong_pins_make_the_desk_wait_longer_and_longer(store):
    supervisor_pin.set_pin(store, "1357")
    t = datetime(2022, 4, 29, 1, 0, tzinfo=UTC)
    waits = []
    for _ in range(5):
        check = supervisor_pin.verify_pin(store, "0000", now=t)
        assert not check.ok
        waits.append(check.retry_after_s)
        t += timedelta(seconds=check.retry_after_s + 0.1)
    assert waits == [0, 0, 2, 4, 8]
    # During the wait even the right PIN is not looked at.
    locked = supervisor_pin.verify_pin(store, "1357", now=t - timedelta(seconds=1))
    assert not locked.ok and locked.retry_after_s > 0
    assert supervisor_pin.verify_pin(store, "1357", now=t + timedelta(seconds=20)).ok
    # Success resets the count.
    later = t + timedelta(seconds=21)
    assert supervisor_pin.verify_pin(store, "0000", now=later).retry_after_s == 0


def test_recent_arrivals_are_frozen_rows(store, tokens):
    CheckinService(store).check_in(1, Who(token=tokens["王小明"]), "36.6")
    rows = desk_queries.recent_arrivals(store, 1)
    assert [(r.name, r.desk) for r in rows] == [("王小明", "front-1")]
    assert rows[0].at.tzinfo is not None


def test_pin_answer_stands_when_the_disk_is_full(store, monkeypatch):
    """A failed write of the try counter must not lock the supervisor out of the kiosk."""
    from sqlalchemy.exc import OperationalError

    assert supervisor_pin.set_pin(store, "1357")

    def full(*_args: object) -> None:
        raise OperationalError("UPDATE settings", {}, Exception("database or disk is full"))

    monkeypatch.setattr(supervisor_pin.repo, "set_setting", full)
    wrong = supervisor_pin.verify_pin(store, "0000")
    assert not wrong.ok and not wrong.not_set
    assert supervisor_pin.verify_pin(store, "1357").ok


def test_resting_rows_are_frozen_and_end_with_a_decision(store, clock):
    service = CheckinService(store)
    with store.sessions() as session:
        wang = session.scalars(select(RegistrationRow).where(
            RegistrationRow.name == "王小明")).one().id
    first = service.check_in(1, Who(registration_id=wang), "38.2")
    assert first.code is OutcomeCode.REMEASURE
    rows = desk_queries.resting(store, 1)
    assert [(r.registration_id, r.name, r.due) for r in rows] == [
        (wang, "王小明", first.remeasure_due)]
    with pytest.raises(AttributeError):
        rows[0].name = "x"  # type: ignore[misc]
    clock.advance(minutes=5)
    assert service.check_in(1, Who(registration_id=wang), "36.8").code is OutcomeCode.ADMITTED
    assert desk_queries.resting(store, 1) == []


def test_the_roster_says_where_everyone_stands(store, tokens):
    service = CheckinService(store)
    with store.sessions.begin() as session:
        session.query(RegistrationRow).filter_by(workshop_id=1, name="張志豪").update(
            {"status": "waitlisted"})
    service.check_in(1, Who(token=tokens["王小明"]), "36.6")
    service.check_in(1, Who(token=tokens["李佳蓉"]), "36.5", (Declaration.SYMPTOMS,))
    rows = desk_queries.roster(store, 1)
    by_name = {r.name: r for r in rows}
    with store.sessions() as session:
        registered = session.scalars(select(RegistrationRow.id).where(
            RegistrationRow.workshop_id == 1)).all()
    assert sorted(r.registration_id for r in rows) == sorted(registered)  # everyone, once
    wang = by_name["王小明"]
    assert wang.state is desk_queries.RosterState.ARRIVED and wang.desk == "front-1"
    assert wang.at is not None and wang.at.tzinfo is not None
    lee = by_name["李佳蓉"]
    assert lee.state is desk_queries.RosterState.TURNED_AWAY
    assert lee.outcome == OutcomeCode.DENIED_DECLARATION.value
    assert by_name["張志豪"].state is desk_queries.RosterState.WAITLISTED
    assert {r.state for r in rows} >= {desk_queries.RosterState.NOT_YET}
    # An undone arrival puts the person back among those not yet here.
    event_id = desk_queries.recent_arrivals(store, 1)[0].event_id
    service.void_arrival(event_id, "陳主任", "掃錯人")
    again = {r.name: r for r in desk_queries.roster(store, 1)}
    assert again["王小明"].state is desk_queries.RosterState.NOT_YET

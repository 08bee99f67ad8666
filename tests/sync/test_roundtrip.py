"""Roster down, attendance up, verified: the end-of-day sync of one and of several desks."""

from __future__ import annotations

from sqlalchemy import func, select

from checkin.core.outcomes import OutcomeCode
from checkin.db.models import EventRow, OutboxRow, RegistrationRow, ScreeningRow
from checkin.services.checkin import CheckinService, Who
from checkin.sync.runner import desk_status, sync_desk

from .conftest import Central, Desk


def admit(desk: Desk, central: Central, registration_id: int, temperature: str = "36.4") -> str:
    outcome = CheckinService(desk.store).check_in(
        1, Who(token=central.token(registration_id)), temperature=temperature)
    assert outcome.code is OutcomeCode.ADMITTED, outcome
    assert outcome.event_id
    return outcome.event_id


def test_roster_comes_down_with_hashes_only(central: Central, desk_factory) -> None:
    desk = desk_factory("desk-a")
    report = sync_desk(desk.store, desk.link)
    assert report.status == "DONE", report
    assert report.roster is not None and report.roster.full
    with desk.store.sessions() as session:
        regs = session.scalars(select(RegistrationRow)).all()
    assert sorted(r.id for r in regs) == sorted(central.people(1))
    assert all(r.token is None and len(r.token_hash) == 64 for r in regs)
    # Only the desk's workshop came down; its rules now admit a scanned notice.
    admit(desk, central, central.people(1)[0])


def test_attendance_goes_up_once_and_verifies(central: Central, desk_factory) -> None:
    desk = desk_factory("desk-a")
    assert sync_desk(desk.store, desk.link).done
    ids = [admit(desk, central, rid) for rid in central.people(1)[:5]]
    report = sync_desk(desk.store, desk.link, batch_size=2)
    assert report.status == "DONE", report.summary()
    assert (report.sent, report.confirmed, report.pending) == (5, 5, 0)
    assert all(c.ok for c in report.checks)
    assert central.scalar("SELECT count(*) FROM events") == 5
    assert central.scalar("SELECT count(*) FROM screenings") == 5
    assert sorted(str(i) for (i,) in central.rows("SELECT id FROM events")) == sorted(ids)
    # A second sync sends nothing again and still verifies.
    again = sync_desk(desk.store, desk.link)
    assert again.done and again.sent == 0
    assert desk_status(desk.store, desk.link).pending == 0
    assert desk_status(desk.store, desk.link).last_sync_at is not None


def test_roster_changes_and_removals_follow_the_watermark(central: Central, desk_factory) -> None:
    desk = desk_factory("desk-a")
    assert sync_desk(desk.store, desk.link).done
    first, second, third = central.people(1)[:3]
    admit(desk, central, first)
    assert sync_desk(desk.store, desk.link).done
    central.scalar("UPDATE registrations SET status = 'cancelled' WHERE id = %s RETURNING id",
                   second)
    central.scalar("UPDATE registrations SET workshop_id = 2 WHERE id = %s RETURNING id", third)
    central.scalar("UPDATE registrations SET name = '改名' WHERE id = %s RETURNING id", first)
    report = sync_desk(desk.store, desk.link)
    assert report.done and report.roster is not None
    assert not report.roster.full and report.roster.registrations == 2
    assert report.roster.removed == 1
    with desk.store.sessions() as session:
        assert session.get(RegistrationRow, second).status == "cancelled"
        assert session.get(RegistrationRow, third) is None
        assert session.get(RegistrationRow, first).name == "改名"
    outcome = CheckinService(desk.store).check_in(1, Who(token=central.token(second)),
                                                  temperature="36.5")
    assert outcome.code is OutcomeCode.CANCELLED


def test_other_desks_arrivals_count_at_this_desk(central: Central, desk_factory) -> None:
    a = desk_factory("desk-a")
    b = desk_factory("desk-b")
    for desk in (a, b):
        assert sync_desk(desk.store, desk.link).done
    person = central.people(1)[0]
    admit(a, central, person)
    assert sync_desk(a.store, a.link).done
    report = sync_desk(b.store, b.link)
    assert report.done and report.pulled_events == 1
    outcome = CheckinService(b.store).check_in(1, Who(token=central.token(person)),
                                               temperature="36.5")
    assert outcome.code is OutcomeCode.ALREADY_IN
    assert outcome.first_desk == "desk-a"
    with b.store.sessions() as session:
        # Pulled events are not B's to send, and B received no health data.
        assert session.scalar(select(func.count()).select_from(OutboxRow)) == 0
        assert session.scalar(select(func.count()).select_from(ScreeningRow)) == 0
        assert session.scalar(select(func.count()).select_from(EventRow)) == 1

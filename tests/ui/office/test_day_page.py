"""The day, live (issue 10 item 6): the page's counts and chart move as arrivals come in."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import func, select

from checkin.core.clock import TAIPEI, FixedClock
from checkin.core.outcomes import OutcomeCode
from checkin.db.models import EventRow, RegistrationRow
from checkin.db.store import Store
from checkin.services.checkin import CheckinService, Who
from checkin.ui.office.day import DayPage
from checkin.ui.tasks import SyncRunner

from .conftest import office_shot


def arrive(store: Store, clock: FixedClock, token: str, hour: int, minute: int) -> None:
    clock.current = datetime(2022, 4, 29, hour, minute, tzinfo=TAIPEI)
    assert CheckinService(store).check_in(1, Who(token=token), "36.5").code \
        is OutcomeCode.ADMITTED


def other_desk(store: Store, registration_id: int, hour: int, minute: int) -> None:
    """What another desk's sync leaves in the office database: its own admitted arrival."""
    with store.sessions.begin() as session:
        seq = (session.scalar(select(func.max(EventRow.seq))) or 0) + 1
        session.add(EventRow(
            id=str(uuid.uuid4()), workshop_id=1, registration_id=registration_id,
            desk_id="22222222-2222-2222-2222-222222222222", desk_name="front-2", seq=seq,
            wall_time=datetime(2022, 4, 29, hour, minute, tzinfo=TAIPEI), kind="arrival",
            outcome=OutcomeCode.ADMITTED.value))


def distinct_companies(store: Store, tokens: dict[str, str]) -> list[str]:
    """Tokens of registered people of workshop 1, one per company (no cap in the way)."""
    seen: dict[str, str] = {}
    with store.sessions() as session:
        for r in session.scalars(select(RegistrationRow).where(
                RegistrationRow.workshop_id == 1, RegistrationRow.status == "registered")
                .order_by(RegistrationRow.id)):
            if r.token and r.name not in seen.values():
                seen.setdefault(r.company_key, r.token)
    return list(seen.values())


def test_counts_and_chart_move_when_arrivals_sync_in(qtbot, language, store: Store,
                                                     clock: FixedClock,
                                                     tokens: dict[str, str]) -> None:
    page = DayPage(store, SyncRunner())
    qtbot.addWidget(page)
    page.resize(1300, 760)
    page.show()
    page.refresh()
    assert page.workshop_box.count() == 1
    assert page.current().arrived == 0  # type: ignore[union-attr]
    assert sum(page.chart_counts()) == 0

    names = distinct_companies(store, tokens)
    arrive(store, clock, names[0], 8, 41)
    arrive(store, clock, names[1], 8, 44)
    arrive(store, clock, names[2], 8, 52)
    page.refresh()
    day = page.current()
    assert day is not None and (day.arrived, day.seats_left) == (3, 47)
    assert page.chart_counts() == [0, 2, 1]
    assert "3" in page.figures.text() and "47" in page.figures.text()
    assert page.desks.rowCount() == 1

    # Another desk's arrivals sync in, one of them someone already in: named, with times.
    with store.sessions() as session:
        first_id = session.scalar(select(EventRow.registration_id).order_by(EventRow.wall_time))
        other_id = session.scalar(select(func.max(EventRow.registration_id)).where(
            EventRow.workshop_id == 1)) or 0
    assert first_id is not None
    other_desk(store, first_id, 9, 3)
    arrive(store, clock, names[3], 9, 5)
    page.refresh()
    day = page.current()
    assert day is not None and day.arrived == 4 and len(day.duplicates) == 1
    assert page.chart_counts() == [0, 2, 1, 1]  # 08:30 08:40 08:50 09:00
    assert page.desks.rowCount() == 2
    cells = [[page.conflicts.index(r, c).data() for c in range(5)]
             for r in range(page.conflicts.rowCount())]
    assert [(row[3], row[4]) for row in cells] == [("front-1", "08:41"), ("front-2", "09:03")]
    assert other_id
    qtbot.wait(100)  # the chart lays its axes out on the next turn of the event loop
    office_shot(page, "day", language)
    page.timer.stop()


def test_a_tick_while_a_read_is_out_is_skipped(qtbot, chinese, store: Store) -> None:
    calls = []

    class Held:
        def run(self, fn, *args, on_done=None, on_error=None):  # type: ignore[no-untyped-def]
            calls.append(fn)

    page = DayPage(store, Held())
    qtbot.addWidget(page)
    page.refresh()
    page.refresh()
    assert len(calls) == 1
    page.timer.stop()

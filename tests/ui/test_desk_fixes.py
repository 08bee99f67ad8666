"""Second desk review: overrides lift only what the supervisor saw, a bad credentials file
does not stop the desk, a new scan never silently replaces the person being screened, rule
values in words come from the data, and the re-measure list survives a restart."""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import time
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from sqlalchemy import select, update

from checkin.core.outcomes import OutcomeCode
from checkin.db.models import EventRow, RegistrationRow, ScreeningProfileRow
from checkin.services import desk_ops
from checkin.ui.tasks import SyncRunner

from .conftest import PIN, screenshot
from .test_desk_flow import _fill_company, scan, screen


def _supervisor(qtbot, desk, reason: str, name: str = "陳主任") -> None:  # type: ignore[no-untyped-def]
    assert desk.banner.override_button.isVisible()
    qtbot.mouseClick(desk.banner.override_button, Qt.MouseButton.LeftButton)
    dialog = desk.supervisor_dialog
    qtbot.waitUntil(lambda: dialog.isVisible())
    dialog.supervisor.setText(name)
    dialog.reason.setText(reason)
    dialog.pin.setText(PIN)
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: not dialog.isVisible())


def _set_status(store, name: str, status: str) -> None:  # type: ignore[no-untyped-def]
    with store.sessions.begin() as session:
        session.execute(update(RegistrationRow).where(RegistrationRow.name == name,
                                                      RegistrationRow.workshop_id == 1)
                        .values(status=status))


# --- 1. overrides ---------------------------------------------------------------------------

def test_override_lifts_only_the_refusal_shown_then_shows_the_next(qtbot, make_desk, tokens,
                                                                   store):
    """Waitlisted AND over the company limit: lifting 'waitlisted' does not lift the cap."""
    desk = make_desk()
    _fill_company(qtbot, desk, tokens)
    _set_status(store, "張志豪", "waitlisted")
    scan(qtbot, desk, tokens["張志豪"])
    qtbot.waitUntil(lambda: desk.banner.code is OutcomeCode.WAITLISTED)
    _supervisor(qtbot, desk, "講師特准")
    # The company limit was never shown: it is shown now, not silently lifted.
    qtbot.waitUntil(lambda: desk.banner.code is OutcomeCode.COMPANY_CAP)
    assert not desk.screening.isVisible()
    _supervisor(qtbot, desk, "同公司第三位講師助理")
    screen(qtbot, desk, "36.5")
    qtbot.waitUntil(lambda: desk.banner.code is OutcomeCode.ADMITTED_OVERRIDE)
    assert desk.side.counters.values["arrived"] == 3
    with store.sessions() as session:
        overrides = session.scalars(select(EventRow).where(EventRow.kind == "override")).all()
    # One override event per lifted rule, each with both supervisors' reasons.
    assert sorted(o.outcome for o in overrides) == ["COMPANY_CAP", "WAITLISTED"]
    assert all("講師特准" in o.reason and "同公司第三位講師助理" in o.reason for o in overrides)


def test_override_does_not_carry_over_to_the_second_reading(qtbot, make_desk, tokens, clock):
    desk = make_desk()
    _fill_company(qtbot, desk, tokens)
    scan(qtbot, desk, tokens["張志豪"])
    qtbot.waitUntil(lambda: desk.banner.code is OutcomeCode.COMPANY_CAP)
    _supervisor(qtbot, desk, "同公司第三位講師助理")
    screen(qtbot, desk, "38.2")
    qtbot.waitUntil(lambda: desk.banner.code is OutcomeCode.REMEASURE)
    clock.advance(minutes=5, seconds=6)
    desk.tick()
    qtbot.waitUntil(lambda: desk.screening.isVisible())
    screen(qtbot, desk, "36.5")
    # Minutes later the door rules apply afresh: the company is still at its limit.
    qtbot.waitUntil(lambda: desk.banner.code is OutcomeCode.COMPANY_CAP)
    assert desk.side.counters.values["arrived"] == 2
    assert desk.banner.override_button.isVisible()  # the supervisor may decide again


# --- 2. credentials -------------------------------------------------------------------------

@pytest.mark.parametrize("problem", ["too_open", "malformed"])
def test_unusable_credentials_file_leaves_the_desk_working_offline(qtbot, make_desk, store,
                                                                   tokens, problem):
    from checkin.sync.link import credentials_path
    from checkin.sync.runner import DeskStatus
    from checkin.ui import app
    from checkin.ui.sync_status import SyncStatusWidget

    desk = make_desk()
    url = f"sqlite:///{store.engine.url.database}"
    path = credentials_path(url)
    path.write_text("{}" if problem == "too_open" else "not json", "utf-8")
    os.chmod(path, 0o644 if problem == "too_open" else 0o600)
    app._add_sync(desk, store, url, kiosk=False)
    label = desk.findChild(QLabel, "sync_problem")
    assert label is not None and label.isVisible()
    assert "憑證檔無法使用" in label.text()
    status = desk.findChild(SyncStatusWidget)
    qtbot.waitUntil(lambda: isinstance(status.status, DeskStatus))
    assert not status.status.linked
    # ... and check-in goes on.
    scan(qtbot, desk, tokens["王小明"])
    screen(qtbot, desk, "36.5")
    qtbot.waitUntil(lambda: desk.banner.code is OutcomeCode.ADMITTED)


# --- 3. a new scan during a screening, and call-backs ---------------------------------------

def _start_typing(qtbot, desk, text: str) -> None:  # type: ignore[no-untyped-def]
    field = desk.screening.temperature
    qtbot.keyClicks(field, text)
    qtbot.waitUntil(lambda: field.text() == text)


def test_a_new_scan_waits_named_until_the_screening_is_done(qtbot, make_desk, tokens, clock):
    desk = make_desk()
    scan(qtbot, desk, tokens["王小明"])
    qtbot.waitUntil(lambda: desk.screening.isVisible())
    _start_typing(qtbot, desk, "36.")
    scan(qtbot, desk, tokens["李佳蓉"])
    # 王小明 stays, with what staff typed; the newcomer is named on the panel.
    assert desk.screening.name.text() == "王小明"
    assert desk.screening.temperature.text() == "36."
    assert desk.screening.next_notice.isVisible()
    assert "李佳蓉" in desk.screening.next_notice.text()
    screenshot(desk, "next-up")
    qtbot.keyClicks(desk.screening.temperature, "5")
    qtbot.waitUntil(lambda: desk.screening.temperature.text() == "36.5")
    qtbot.keyClick(desk.screening.temperature, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: desk.banner.code is OutcomeCode.ADMITTED)
    assert "王小明" in desk.banner.person.text()
    desk.tick()  # 王小明's verdict stays on screen first
    assert not desk.screening.isVisible()
    clock.advance(seconds=6)
    desk.tick()
    qtbot.waitUntil(lambda: desk.screening.isVisible())
    assert desk.screening.name.text() == "李佳蓉"
    assert not desk.screening.next_notice.isVisible()


def test_cancel_serves_the_person_scanned_meanwhile(qtbot, make_desk, tokens):
    desk = make_desk()
    scan(qtbot, desk, tokens["王小明"])
    qtbot.waitUntil(lambda: desk.screening.isVisible())
    scan(qtbot, desk, tokens["李佳蓉"])
    assert desk.screening.name.text() == "王小明"
    qtbot.keyClick(desk.screening.temperature, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: desk.screening.isVisible()
                    and desk.screening.name.text() == "李佳蓉")


def _rested(qtbot, desk, tokens, clock) -> None:  # type: ignore[no-untyped-def]
    scan(qtbot, desk, tokens["王小明"])
    screen(qtbot, desk, "38.2")
    qtbot.waitUntil(lambda: desk.banner.code is OutcomeCode.REMEASURE)
    clock.advance(minutes=5, seconds=6)


def test_no_call_back_while_staff_type_in_search(qtbot, make_desk, tokens, clock):
    desk = make_desk()
    _rested(qtbot, desk, tokens, clock)
    desk.search.field.setText("李")
    desk.tick()
    assert not desk.screening.isVisible()
    assert desk.search.field.text() == "李"
    desk.search.field.clear()
    desk.tick()
    assert desk.screening.isVisible() and desk.screening.name.text() == "王小明"


class HeldLookUps(SyncRunner):
    """Runs everything at once except look-ups, which wait for :meth:`release`."""

    def __init__(self) -> None:
        self.held: list[tuple] = []  # type: ignore[type-arg]

    def run(self, fn, *args, on_done=None, on_error=None):  # type: ignore[no-untyped-def]
        if getattr(fn, "__name__", "") == "look_up":
            self.held.append((fn, args, on_done, on_error))
            return
        super().run(fn, *args, on_done=on_done, on_error=on_error)

    def release(self) -> None:
        held, self.held = self.held, []
        for fn, args, on_done, on_error in held:
            super().run(fn, *args, on_done=on_done, on_error=on_error)


def test_no_call_back_while_a_look_up_is_under_way(qtbot, make_desk, tokens, clock):
    runner = HeldLookUps()
    desk = make_desk(runner=runner)
    scan(qtbot, desk, tokens["王小明"])
    runner.release()
    screen(qtbot, desk, "38.2")
    qtbot.waitUntil(lambda: desk.banner.code is OutcomeCode.REMEASURE)
    clock.advance(minutes=5, seconds=6)
    desk.submit_token(tokens["李佳蓉"])  # scanned; the answer has not come back yet
    desk.tick()
    assert not desk.screening.isVisible()
    runner.release()
    assert desk.screening.isVisible() and desk.screening.name.text() == "李佳蓉"
    assert not desk.screening.next_notice.isVisible()


# --- 4. rule values in words ----------------------------------------------------------------

def test_rule_values_in_words_come_from_the_workshop_and_the_profile(store):
    from checkin.services.checkin import CheckinService
    from checkin.ui.messages import message_for

    workshop = replace(CheckinService(store).workshop(1), checkin_opens=time(8, 15),
                       starts=time(9, 0))
    assert "45" in message_for(OutcomeCode.NOT_OPEN_YET, workshop).hint
    assert "60" in message_for(OutcomeCode.NOT_OPEN_YET,
                               replace(workshop, checkin_opens=time(8, 0))).hint
    assert "38.0" in message_for(OutcomeCode.DENIED_FEVER, threshold=Decimal("38.0")).hint
    assert "37.5" not in message_for(OutcomeCode.DENIED_FEVER).hint


def test_fever_banner_states_the_profile_threshold(qtbot, make_desk, tokens, store, clock):
    with store.sessions.begin() as session:
        session.execute(update(ScreeningProfileRow).values(threshold="38.0"))
    desk = make_desk()
    scan(qtbot, desk, tokens["王小明"])
    screen(qtbot, desk, "38.2")
    qtbot.waitUntil(lambda: desk.banner.code is OutcomeCode.REMEASURE)
    clock.advance(minutes=5, seconds=6)
    desk.tick()
    screen(qtbot, desk, "38.4")
    qtbot.waitUntil(lambda: desk.banner.code is OutcomeCode.DENIED_FEVER)
    assert "38.0" in desk.banner.hint.text()
    assert "37.5" not in desk.banner.hint.text()


# --- 5. the re-measure list after a restart -------------------------------------------------

def test_resting_people_are_called_back_after_a_restart(qtbot, make_desk, tokens, clock,
                                                        store):
    first = make_desk()
    scan(qtbot, first, tokens["王小明"])
    screen(qtbot, first, "38.2")
    qtbot.waitUntil(lambda: first.banner.code is OutcomeCode.REMEASURE)
    first._leaving = True
    first.close()
    again = make_desk()  # the desk restarted (a crash, a laptop swapped)
    assert again.side.remeasure.count() == 1
    assert "王小明" in again.side.remeasure.item(0).text()
    clock.advance(minutes=5, seconds=6)
    again.tick()
    assert again.screening.isVisible() and again.screening.name.text() == "王小明"
    assert again.screening.note.isVisible()  # "second reading (after rest)"
    screen(qtbot, again, "38.4")
    qtbot.waitUntil(lambda: again.banner.code is OutcomeCode.DENIED_FEVER)
    assert desk_ops.resting(store, 1) == []


def test_resting_rows_are_frozen_and_end_with_a_decision(store, clock):
    from checkin.services.checkin import CheckinService, Who

    service = CheckinService(store)
    with store.sessions() as session:
        wang = session.scalars(select(RegistrationRow).where(
            RegistrationRow.name == "王小明")).one().id
    first = service.check_in(1, Who(registration_id=wang), "38.2")
    assert first.code is OutcomeCode.REMEASURE
    rows = desk_ops.resting(store, 1)
    assert [(r.registration_id, r.name, r.due) for r in rows] == [
        (wang, "王小明", first.remeasure_due)]
    with pytest.raises(AttributeError):
        rows[0].name = "x"  # type: ignore[misc]
    clock.advance(minutes=5)
    assert service.check_in(1, Who(registration_id=wang), "36.8").code is OutcomeCode.ADMITTED
    assert desk_ops.resting(store, 1) == []


# --- 6. ---------------------------------------------------------------------------------------

def test_a_fresh_desk_has_no_last_outcome(make_desk):
    desk = make_desk()
    assert desk.flow.verdict is None
    desk.tick()

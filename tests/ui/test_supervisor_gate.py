"""Supervisor actions at the desk: overrides lift only the refusal shown, undo, the PIN."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import select

from checkin.core.outcomes import OutcomeCode
from checkin.db.models import EventRow
from checkin.services import supervisor_pin

from .conftest import PIN, screenshot
from .staff import disk_error, fill_company, scan, screen, set_status, supervisor_approves


def test_company_cap_override_needs_the_pin_and_a_reason(qtbot, make_desk, tokens, store):
    desk = make_desk()
    fill_company(qtbot, desk, tokens)
    scan(qtbot, desk, tokens["張志豪"])  # third of the same company (tax ID 16480894)
    qtbot.waitUntil(lambda: desk.banner.code is OutcomeCode.COMPANY_CAP)
    assert desk.banner.override_button.isVisible()
    assert "2" in desk.banner.detail.text()
    screenshot(desk, "company-cap")
    qtbot.mouseClick(desk.banner.override_button, Qt.MouseButton.LeftButton)
    dialog = desk.supervisor_dialog
    qtbot.waitUntil(lambda: dialog.isVisible())
    dialog.supervisor.setText("陳主任")
    dialog.reason.setText("同公司第三位講師助理")
    dialog.pin.setText("0000")
    dialog.buttons.accepted.emit()
    assert dialog.isVisible()
    assert "密碼錯誤" in dialog.error.text()
    assert not desk.screening.isVisible()
    dialog.pin.setText(PIN)
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    screen(qtbot, desk, "36.5")
    qtbot.waitUntil(lambda: desk.banner.code is OutcomeCode.ADMITTED_OVERRIDE)
    assert desk.side.counters.values["arrived"] == 3
    with store.sessions() as session:
        overrides = list(session.scalars(select(EventRow).where(EventRow.kind == "override")))
    assert [(e.supervisor, e.reason) for e in overrides] == [("陳主任", "同公司第三位講師助理")]


def test_override_lifts_only_the_refusal_shown_then_shows_the_next(qtbot, make_desk, tokens,
                                                                   store):
    """Waitlisted AND over the company limit: lifting 'waitlisted' does not lift the cap."""
    desk = make_desk()
    fill_company(qtbot, desk, tokens)
    set_status(store, "張志豪", "waitlisted")
    scan(qtbot, desk, tokens["張志豪"])
    qtbot.waitUntil(lambda: desk.banner.code is OutcomeCode.WAITLISTED)
    supervisor_approves(qtbot, desk, "講師特准")
    # The company limit was never shown: it is shown now, not silently lifted.
    qtbot.waitUntil(lambda: desk.banner.code is OutcomeCode.COMPANY_CAP)
    assert not desk.screening.isVisible()
    supervisor_approves(qtbot, desk, "同公司第三位講師助理")
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
    fill_company(qtbot, desk, tokens)
    scan(qtbot, desk, tokens["張志豪"])
    qtbot.waitUntil(lambda: desk.banner.code is OutcomeCode.COMPANY_CAP)
    supervisor_approves(qtbot, desk, "同公司第三位講師助理")
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


def test_undo_needs_the_pin(qtbot, make_desk, tokens):
    desk = make_desk()
    scan(qtbot, desk, tokens["王小明"])
    screen(qtbot, desk, "36.5")
    qtbot.waitUntil(lambda: desk.side.counters.values.get("arrived") == 1)
    desk.side.recent.selectRow(0)
    qtbot.mouseClick(desk.side.undo_button, Qt.MouseButton.LeftButton)
    dialog = desk.supervisor_dialog
    dialog.supervisor.setText("陳主任")
    dialog.reason.setText("刷錯人")
    dialog.buttons.accepted.emit()  # no PIN typed: refused
    assert desk.side.counters.values["arrived"] == 1
    dialog.pin.setText(PIN)
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: desk.side.counters.values["arrived"] == 0)
    assert desk.side.recent_model.rowCount() == 0


def test_a_failed_undo_is_shown(qtbot, make_desk, tokens, monkeypatch):
    desk = make_desk()
    scan(qtbot, desk, tokens["王小明"])
    screen(qtbot, desk, "36.5")
    qtbot.waitUntil(lambda: desk.side.counters.values.get("arrived") == 1)
    monkeypatch.setattr(desk.backend, "void", disk_error)
    desk.side.recent.selectRow(0)
    qtbot.mouseClick(desk.side.undo_button, Qt.MouseButton.LeftButton)
    dialog = desk.supervisor_dialog
    dialog.supervisor.setText("陳主任")
    dialog.reason.setText("刷錯人")
    dialog.pin.setText(PIN)
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: desk.banner.code is OutcomeCode.NOT_RECORDED)
    assert desk.side.counters.values["arrived"] == 1


def test_first_supervisor_action_sets_the_pin(qtbot, make_desk, store):

    desk = make_desk(pin=False)
    desk.request_leave()  # not kiosk: leaving just closes
    dialog = desk.supervisor_dialog
    assert dialog.create_pin
    dialog.pin.setText("97531")
    dialog.repeat.setText("97531")
    dialog.buttons.accepted.emit()
    assert supervisor_pin.verify_pin(store, "97531").ok


def test_a_failed_pin_check_lets_the_supervisor_try_again(qtbot, make_desk, monkeypatch):
    desk = make_desk(kiosk=True)
    real = desk.backend.verify_pin
    monkeypatch.setattr(desk.backend, "verify_pin", disk_error)
    desk.request_leave()
    dialog = desk.supervisor_dialog
    dialog.pin.setText(PIN)
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: dialog.buttons.isEnabled())
    assert "無法核對密碼" in dialog.error.text()
    monkeypatch.setattr(desk.backend, "verify_pin", real)
    dialog.pin.setText(PIN)
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: not desk.isVisible())


def test_fast_typing_in_the_reason_field_stays_in_the_field(qtbot, make_desk, tokens):
    """Issue 11: 20 ms a key is as fast as a scanner's slowest bursts, but text that is no
    notice code, typed in a dialog's field, is the supervisor's and must land there."""
    desk = make_desk()
    fill_company(qtbot, desk, tokens)
    scan(qtbot, desk, tokens["張志豪"])
    qtbot.waitUntil(lambda: desk.banner.code is OutcomeCode.COMPANY_CAP)
    qtbot.mouseClick(desk.banner.override_button, Qt.MouseButton.LeftButton)
    dialog = desk.supervisor_dialog
    qtbot.waitUntil(lambda: dialog.isVisible())
    dialog.reason.setFocus()
    qtbot.waitUntil(lambda: dialog.reason.hasFocus())
    reason = "speaker assistant third"  # 23 keys, longer than a burst's minimum
    # QTest waits ``delay`` before the press and again before the release: 20 ms a key.
    qtbot.keyClicks(dialog.reason, reason, delay=10)
    qtbot.waitUntil(lambda: dialog.reason.text() == reason)
    assert desk.banner.code is OutcomeCode.COMPANY_CAP  # nothing was taken as a scan
    dialog.supervisor.setText("陳主任")
    dialog.pin.setText(PIN)
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    qtbot.waitUntil(lambda: desk.screening.isVisible())
    assert reason in desk.screening.note.text()


def test_a_fast_burst_in_the_search_field_is_still_a_scan(qtbot, make_desk):
    desk = make_desk()
    desk.search.field.setFocus()
    qtbot.keyClicks(desk.search.field, "https://example.com/x")  # a foreign QR, scanned
    qtbot.keyClick(desk.search.field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: desk.banner.code is OutcomeCode.UNREADABLE)
    assert desk.search.field.text() == ""


def test_the_demos_waitlisted_person_is_held_for_a_supervisor(qtbot, make_desk, tokens):
    """The demo carries someone on the waiting list, so staff can try that answer: the
    notice is held at the door until a supervisor lets them in."""
    desk = make_desk()
    scan(qtbot, desk, tokens["彭子軒"])
    qtbot.waitUntil(lambda: desk.banner.code is OutcomeCode.WAITLISTED)
    assert desk.banner.override_button.isVisible() and not desk.screening.isVisible()
    supervisor_approves(qtbot, desk, "有人未到，候補遞補")
    screen(qtbot, desk, "36.4")
    qtbot.waitUntil(lambda: desk.banner.code is OutcomeCode.ADMITTED_OVERRIDE)
    qtbot.waitUntil(lambda: desk.side.counters.values.get("arrived") == 1)

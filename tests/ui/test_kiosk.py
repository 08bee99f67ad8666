"""Kiosk mode: full screen, close ignored, names and phone numbers masked, idle return."""

from __future__ import annotations

from checkin.core.outcomes import Declaration, OutcomeCode

from .conftest import PIN, screenshot
from .staff import scan, screen


def test_kiosk_ignores_close_masks_names_and_leaves_with_pin(qtbot, make_desk, tokens):
    desk = make_desk(kiosk=True)
    assert desk.isFullScreen()
    desk.close()
    assert desk.isVisible()
    scan(qtbot, desk, tokens["王小明"])
    qtbot.waitUntil(lambda: desk.screening.isVisible())
    assert desk.screening.name.text() == "王○明"
    screen(qtbot, desk, "36.5")
    qtbot.waitUntil(lambda: desk.banner.code is OutcomeCode.ADMITTED)
    assert "王○明" in desk.banner.person.text()
    assert "王小明" not in desk.banner.person.text()
    screenshot(desk, "kiosk-admitted")
    desk.request_leave()
    dialog = desk.supervisor_dialog
    dialog.pin.setText(PIN)
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: not desk.isVisible())


def test_kiosk_idle_returns_to_the_scan_screen(qtbot, make_desk, tokens):
    desk = make_desk(kiosk=True)
    scan(qtbot, desk, tokens["王小明"])
    qtbot.waitUntil(lambda: desk.screening.isVisible())
    desk.idle.timeout.emit()
    assert not desk.screening.isVisible()
    assert desk.banner.code is None


def test_kiosk_idle_return_after_a_camera_scan(qtbot, make_desk, tokens):
    """A camera scan types no key, yet the attendee's name must not stay up forever."""
    desk = make_desk(kiosk=True)
    desk.idle.stop()
    desk.submit_token(tokens["王小明"])
    qtbot.waitUntil(lambda: desk.screening.isVisible())
    assert desk.idle.isActive()
    desk.request_leave()  # a supervisor started to leave, then walked away
    dialog = desk.supervisor_dialog
    assert dialog.isVisible()
    desk.idle.timeout.emit()
    assert not dialog.isVisible()
    assert not desk.screening.isVisible() and desk.banner.code is None
    assert desk.isVisible()


def test_kiosk_follow_up_list_hides_the_phone_number(qtbot, make_desk, tokens):
    desk = make_desk(kiosk=True)
    scan(qtbot, desk, tokens["王小明"])
    qtbot.waitUntil(lambda: desk.screening.isVisible())
    desk.screening.checks[Declaration.SYMPTOMS].setChecked(True)
    screen(qtbot, desk, "36.8")
    qtbot.waitUntil(lambda: desk.side.followups.count() == 1)
    text = desk.side.followups.item(0).text()
    assert "王○明" in text and "678" in text
    assert "0912" not in text and "345" not in text


def test_staff_desk_follow_up_list_shows_the_phone_number(qtbot, make_desk, tokens):
    desk = make_desk()
    scan(qtbot, desk, tokens["王小明"])
    qtbot.waitUntil(lambda: desk.screening.isVisible())
    desk.screening.checks[Declaration.SYMPTOMS].setChecked(True)
    screen(qtbot, desk, "36.8")
    qtbot.waitUntil(lambda: desk.side.followups.count() == 1)
    assert "0912-345-678" in desk.side.followups.item(0).text()
    assert desk.side.followups.isVisible()

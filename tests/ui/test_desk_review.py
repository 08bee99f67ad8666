"""What a fresh review of the desk found: failures the desk must not hide, the re-measure
queue, kiosk privacy and idle return, Qt's own words in Chinese, and a 1366x768 screen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from sqlalchemy.exc import OperationalError

from checkin.core.outcomes import Declaration, OutcomeCode

from .conftest import PIN
from .test_desk_flow import scan, screen


def _disk_error(*_args: object) -> None:
    raise OperationalError("INSERT", {}, Exception("disk I/O error"))


def test_a_failed_look_up_is_shown_not_swallowed(qtbot, make_desk, tokens, monkeypatch):
    """Scanning while the database cannot be read: a red banner, not silence."""
    desk = make_desk()
    monkeypatch.setattr(desk.backend, "look_up", _disk_error)
    scan(qtbot, desk, tokens["王小明"])
    qtbot.waitUntil(lambda: desk.banner.code is OutcomeCode.NOT_RECORDED)
    assert "磁碟讀寫錯誤" in desk.banner.detail.text()  # disk I/O error, in words
    assert not desk.screening.isVisible()


def test_a_failed_undo_is_shown(qtbot, make_desk, tokens, monkeypatch):
    desk = make_desk()
    scan(qtbot, desk, tokens["王小明"])
    screen(qtbot, desk, "36.5")
    qtbot.waitUntil(lambda: desk.side.counters.values.get("arrived") == 1)
    monkeypatch.setattr(desk.backend, "void", _disk_error)
    desk.side.recent.selectRow(0)
    qtbot.mouseClick(desk.side.undo_button, Qt.MouseButton.LeftButton)
    dialog = desk.supervisor_dialog
    dialog.supervisor.setText("陳主任")
    dialog.reason.setText("刷錯人")
    dialog.pin.setText(PIN)
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: desk.banner.code is OutcomeCode.NOT_RECORDED)
    assert desk.side.counters.values["arrived"] == 1


def test_a_failed_pin_check_lets_the_supervisor_try_again(qtbot, make_desk, monkeypatch):
    desk = make_desk(kiosk=True)
    real = desk.backend.verify_pin
    monkeypatch.setattr(desk.backend, "verify_pin", _disk_error)
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


def test_due_remeasure_waits_for_the_verdict_and_is_called_once(qtbot, make_desk, tokens,
                                                                clock):
    desk = make_desk()
    scan(qtbot, desk, tokens["王小明"])
    screen(qtbot, desk, "38.2")
    qtbot.waitUntil(lambda: desk.banner.code is OutcomeCode.REMEASURE)
    clock.advance(minutes=5)
    # Someone else is checked in just as the rest ends: their verdict stays on screen.
    scan(qtbot, desk, tokens["李佳蓉"])
    screen(qtbot, desk, "36.5")
    qtbot.waitUntil(lambda: desk.banner.code is OutcomeCode.ADMITTED)
    desk.tick()
    assert desk.banner.code is OutcomeCode.ADMITTED
    assert not desk.screening.isVisible()
    clock.advance(seconds=6)
    desk.tick()
    assert desk.screening.isVisible() and desk.screening.name.text() == "王小明"
    # Staff press Esc (the person stepped out): the desk does not reopen it every second.
    qtbot.keyClick(desk.screening.temperature, Qt.Key.Key_Escape)
    assert not desk.screening.isVisible()
    clock.advance(seconds=2)
    desk.tick()
    assert not desk.screening.isVisible()
    assert desk.side.remeasure.count() == 1
    # ... and staff bring them back from the list when they return.
    desk.side.remeasure.itemActivated.emit(desk.side.remeasure.item(0))
    assert desk.screening.isVisible() and desk.screening.name.text() == "王小明"


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


def test_qt_dialog_buttons_speak_chinese(qtbot, make_desk):
    desk = make_desk()
    desk.set_language("zh_TW")
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                           | QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    cancel = box.button(QDialogButtonBox.StandardButton.Cancel).text()
    assert cancel.replace("&", "") != "Cancel"
    assert any("\u4e00" <= ch <= "\u9fff" for ch in cancel), cancel


def test_recent_arrivals_fit_a_1366x768_screen(qtbot, make_desk, tokens):
    desk = make_desk()
    desk.resize(1366, 745)  # maximised under a 23-pixel panel
    qtbot.wait(20)
    rows = desk.side.recent.verticalHeader().defaultSectionSize()
    assert desk.side.recent.viewport().height() >= 4 * rows
    # With someone resting and a follow-up open, everything is still on screen.
    scan(qtbot, desk, tokens["王小明"])
    screen(qtbot, desk, "38.2")
    qtbot.waitUntil(lambda: desk.banner.code is OutcomeCode.REMEASURE)
    scan(qtbot, desk, tokens["李佳蓉"])
    qtbot.waitUntil(lambda: desk.screening.isVisible())
    desk.screening.checks[Declaration.SYMPTOMS].setChecked(True)
    screen(qtbot, desk, "36.8")
    qtbot.waitUntil(lambda: desk.side.followups.count() == 1)
    qtbot.wait(20)
    central = desk.centralWidget()
    for widget in (desk.side.remeasure, desk.side.recent, desk.side.undo_button,
                   desk.side.followups):
        assert widget.isVisible()
        bottom = widget.mapTo(central, widget.rect().bottomLeft()).y()
        assert bottom <= central.height(), type(widget).__name__
    assert desk.side.recent.viewport().height() >= 3 * rows


def test_storage_failure_stays_visible_until_a_check_in_is_stored(qtbot, make_desk, tokens,
                                                                  monkeypatch):
    desk = make_desk()
    real = desk.backend.check_in

    def full(*_args: object) -> object:
        from checkin.core.outcomes import Outcome

        return Outcome(OutcomeCode.NOT_RECORDED, detail="OperationalError")

    monkeypatch.setattr(desk.backend, "check_in", full)
    scan(qtbot, desk, tokens["王小明"])
    screen(qtbot, desk, "36.5")
    qtbot.waitUntil(lambda: desk.banner.code is OutcomeCode.NOT_RECORDED)
    # The next person's screening looks normal, but the warning stays on screen.
    scan(qtbot, desk, tokens["李佳蓉"])
    qtbot.waitUntil(lambda: desk.screening.isVisible())
    assert desk.storage_warning.isVisible()
    assert "紙本名單" in desk.storage_warning.text()
    monkeypatch.setattr(desk.backend, "check_in", real)
    screen(qtbot, desk, "36.5")
    qtbot.waitUntil(lambda: desk.banner.code is OutcomeCode.ADMITTED)
    assert not desk.storage_warning.isVisible()


def test_a_denial_from_another_desk_is_explained_without_health_details(qtbot, make_desk):
    from checkin.core.outcomes import Outcome

    desk = make_desk()
    desk.show_outcome(Outcome(OutcomeCode.DENIED_DECLARATION, name="王小明",
                              company="三豐精密工業股份有限公司"))
    assert "今日已因旅遊史、接觸史或症狀勸返" in desk.banner.detail.text()

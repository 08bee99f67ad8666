"""The desk as staff use it: scan, screen, verdict, counters; real widgets, fixed clock."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import select

from checkin.core.outcomes import OutcomeCode
from checkin.db.models import EventRow, FollowupRow

from .conftest import PIN, screenshot


def scan(qtbot, desk, token: str, enter: bool = True) -> None:  # type: ignore[no-untyped-def]
    """A USB scanner: the whole code in one burst into whatever has the focus."""
    target = desk.focusWidget() or desk.search.field
    qtbot.keyClicks(target, token)
    if enter:
        qtbot.keyClick(target, Qt.Key.Key_Return)


def screen(qtbot, desk, temperature: str) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: desk.screening.isVisible() and desk.screening.isEnabled())
    field = desk.screening.temperature
    assert desk.focusWidget() is field  # no mouse needed: the focus is already there
    qtbot.keyClicks(field, temperature)
    # Typed keys are held back for one scanner gap, then replayed into the field.
    qtbot.waitUntil(lambda: field.text() == temperature)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def test_scanner_burst_then_temperature_and_enter_admits(qtbot, make_desk, tokens):
    desk = make_desk()
    desk.search.field.setFocus()
    scan(qtbot, desk, tokens["王小明"])
    qtbot.waitUntil(lambda: desk.screening.isVisible())
    # The burst went to the check-in, not into the focused search field.
    assert desk.search.field.text() == ""
    assert desk.screening.name.text() == "王小明"
    assert not any(box.isChecked() for box in desk.screening.checks.values())
    screenshot(desk, "screening")
    screen(qtbot, desk, "36.5")
    qtbot.waitUntil(lambda: desk.banner.code is OutcomeCode.ADMITTED)
    assert desk.banner.title.text() == "報到完成，歡迎入場"
    assert "王小明" in desk.banner.person.text()
    assert desk.side.counters.values["arrived"] == 1
    assert desk.side.recent_model.rowCount() == 1
    screenshot(desk, "admitted")


def test_scanner_through_a_chinese_input_method_without_enter(qtbot, make_desk, tokens):
    """An active IME commits full-width characters instead of key presses; no Enter sent."""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    desk = make_desk()
    token = tokens["李佳蓉"]
    full_width = "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in token)
    desk.search.field.setFocus()
    for ch in full_width:
        event = QInputMethodEvent("", [])
        event.setCommitString(ch)
        QApplication.sendEvent(desk.search.field, event)
    qtbot.waitUntil(lambda: desk.screening.isVisible())
    assert desk.screening.name.text() == "李佳蓉"
    assert desk.search.field.text() == ""


def test_slow_typing_reaches_the_field(qtbot, make_desk):
    """A person typing (80 ms between keys) is not a scanner: the text lands in the field."""
    desk = make_desk()
    desk.search.field.setFocus()
    for ch in "CK1-IDB2201":
        qtbot.keyClicks(desk.search.field, ch)
        qtbot.wait(80)
    qtbot.waitUntil(lambda: desk.search.field.text() == "CK1-IDB2201")


def test_remeasure_then_denied_fever(qtbot, make_desk, tokens, clock):
    desk = make_desk()
    scan(qtbot, desk, tokens["王小明"])
    screen(qtbot, desk, "38.2")
    qtbot.waitUntil(lambda: desk.banner.code is OutcomeCode.REMEASURE)
    assert "複測" in desk.banner.detail.text()  # the rest countdown
    assert desk.side.remeasure.count() == 1
    screenshot(desk, "remeasure")
    clock.advance(minutes=5)
    desk.tick()  # the once-a-second timer, without waiting a second
    # Due: the person is back at the top, in the screening panel.
    qtbot.waitUntil(lambda: desk.screening.isVisible())
    assert desk.screening.name.text() == "王小明"
    assert "請現在複測" in desk.side.remeasure.item(0).text()
    screen(qtbot, desk, "38.4")
    qtbot.waitUntil(lambda: desk.banner.code is OutcomeCode.DENIED_FEVER)
    assert desk.side.counters.values["denied"] == 1
    assert desk.side.remeasure.count() == 0
    screenshot(desk, "denied-fever")


def test_already_in_shows_first_time_and_desk(qtbot, make_desk, tokens, clock):
    desk = make_desk()
    scan(qtbot, desk, tokens["王小明"])
    screen(qtbot, desk, "36.4")
    qtbot.waitUntil(lambda: desk.banner.code is OutcomeCode.ADMITTED)
    clock.advance(minutes=20)
    scan(qtbot, desk, tokens["王小明"])
    qtbot.waitUntil(lambda: desk.banner.code is OutcomeCode.ALREADY_IN)
    assert "08:45" in desk.banner.detail.text()
    assert "front-1" in desk.banner.detail.text()
    assert not desk.screening.isVisible()
    screenshot(desk, "already-in")


def test_search_then_admit(qtbot, make_desk):
    desk = make_desk()
    desk.search.field.setFocus()
    qtbot.keyClicks(desk.search.field, "6102")  # last phone digits of 李佳蓉 (0921-556-102)
    qtbot.waitUntil(lambda: desk.search.results.count() > 0, timeout=3000)
    assert "李佳蓉" in desk.search.results.item(0).text()
    screenshot(desk, "search")
    qtbot.keyClick(desk.search.field, Qt.Key.Key_Return)
    screen(qtbot, desk, "36,6")
    qtbot.waitUntil(lambda: desk.banner.code is OutcomeCode.ADMITTED)
    assert desk.side.counters.values["arrived"] == 1


def test_symptoms_deny_and_open_a_followup(qtbot, make_desk, tokens, store):
    desk = make_desk()
    scan(qtbot, desk, tokens["王小明"])
    qtbot.waitUntil(lambda: desk.screening.isVisible())
    desk.screening.checks[next(iter(desk.screening.checks))].setChecked(False)
    from checkin.core.outcomes import Declaration

    desk.screening.checks[Declaration.SYMPTOMS].setChecked(True)
    screen(qtbot, desk, "36.8")
    qtbot.waitUntil(lambda: desk.banner.code is OutcomeCode.DENIED_DECLARATION)
    assert "呼吸道症狀" in desk.banner.detail.text()
    assert desk.side.followups.count() == 1
    assert desk.side.counters.values["followups"] == 1
    with store.sessions() as session:
        assert len(list(session.scalars(select(FollowupRow)))) == 1
    screenshot(desk, "denied-symptoms")


def test_implausible_temperature_keeps_the_person(qtbot, make_desk, tokens):
    desk = make_desk()
    scan(qtbot, desk, tokens["王小明"])
    screen(qtbot, desk, "365")
    qtbot.waitUntil(lambda: desk.banner.code is OutcomeCode.TEMPERATURE_ERROR)
    assert desk.screening.isVisible()
    assert desk.side.counters.values["arrived"] == 0


def test_unreadable_and_foreign_codes(qtbot, make_desk):
    desk = make_desk()
    desk.submit_token("https://example.com/not-a-notice")
    qtbot.waitUntil(lambda: desk.banner.code is OutcomeCode.UNREADABLE)
    desk.submit_token("CK1-IDB2206-" + "A" * 27)
    qtbot.waitUntil(lambda: desk.banner.code is OutcomeCode.WRONG_SESSION)
    assert "IDB2206" in desk.banner.detail.text()


def _fill_company(qtbot, desk, tokens) -> None:  # type: ignore[no-untyped-def]
    for name in ("王小明", "李佳蓉"):
        scan(qtbot, desk, tokens[name])
        screen(qtbot, desk, "36.5")
        qtbot.waitUntil(lambda: desk.banner.code is OutcomeCode.ADMITTED)


def test_company_cap_override_needs_the_pin_and_a_reason(qtbot, make_desk, tokens, store):
    desk = make_desk()
    _fill_company(qtbot, desk, tokens)
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


def test_first_supervisor_action_sets_the_pin(qtbot, make_desk, store):
    from checkin.services import supervisor_pin

    desk = make_desk(pin=False)
    desk.request_leave()  # not kiosk: leaving just closes
    dialog = desk.supervisor_dialog
    assert dialog.create_pin
    dialog.pin.setText("97531")
    dialog.repeat.setText("97531")
    dialog.buttons.accepted.emit()
    assert supervisor_pin.verify_pin(store, "97531").ok


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


def test_switch_to_english_and_back(qtbot, make_desk):
    desk = make_desk()
    desk.set_language("en")
    try:
        assert desk.banner.title.text() == "Ready: scan a notice or search by name"
        assert desk.screening.submit_button.text() == "Check in (Enter)"
        assert desk.roster.text() == "Roster: 21 registered"
        screenshot(desk, "english")
    finally:
        desk.set_language("zh_TW")
    assert desk.banner.title.text() == "請掃描出席通知，或以姓名搜尋"


def test_header_says_what_the_desk_serves(make_desk):
    desk = make_desk()
    assert "IDB2201" in desk.title.text()
    assert "2022-04-29" in desk.place.text()
    assert "front-1" in desk.desk.text()
    assert desk.roster.text() == "名單：已報名 21 人"
    # A FixedClock is not the demo clock: no demo banner.
    assert not desk.demo.isVisible()


def test_add_status_widget(make_desk):
    from PySide6.QtWidgets import QLabel

    desk = make_desk()
    label = QLabel("sync: ok")
    desk.add_status_widget(label)
    assert label.parent() is not None
    assert label.isVisible()

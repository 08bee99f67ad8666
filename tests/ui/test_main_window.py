"""The desk window as staff use it: scan, screen, verdict, counters, who waits, what fails.

Real widgets under the offscreen platform, a fixed clock, the demo data.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from sqlalchemy import select

from checkin.core.outcomes import Declaration, Outcome, OutcomeCode
from checkin.db.models import FollowupRow
from checkin.services import desk_queries
from checkin.ui.tasks import SyncRunner

from .conftest import screenshot
from .staff import disk_error, rested, scan, screen, start_typing


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


def test_search_results_say_who_arrived_and_who_was_turned_away(qtbot, make_desk, tokens):
    desk = make_desk()
    scan(qtbot, desk, tokens["李佳蓉"])
    screen(qtbot, desk, "36.5")
    qtbot.waitUntil(lambda: desk.banner.code is OutcomeCode.ADMITTED)
    scan(qtbot, desk, tokens["王小明"])
    qtbot.waitUntil(lambda: desk.screening.isVisible())
    from checkin.core.outcomes import Declaration

    desk.screening.checks[Declaration.TRAVEL].setChecked(True)
    screen(qtbot, desk, "36.5")
    qtbot.waitUntil(lambda: desk.banner.code is OutcomeCode.DENIED_DECLARATION)
    desk.search.field.setFocus()
    qtbot.keyClicks(desk.search.field, "0921-556")  # 李佳蓉's number, as she says it
    qtbot.waitUntil(lambda: desk.search.results.count() > 0, timeout=3000)
    assert desk.search.results.count() == 1
    assert "已於 08:45 在報到桌 front-1 報到" in desk.search.results.item(0).text()
    desk.search.clear()
    desk.search.field.setText("王小明")  # typed through an input method
    qtbot.waitUntil(lambda: desk.search.results.count() > 0, timeout=3000)
    item = desk.search.results.item(0).text()
    assert "未准入場" in item and "今日不能入場" in item and "08:45" in item
    desk.search.clear()
    desk.search.field.setText("張志豪")  # not come yet: nothing more to say
    qtbot.waitUntil(lambda: desk.search.results.count() > 0, timeout=3000)
    assert "\n" not in desk.search.results.item(0).text()


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
    # Issue 11: say where and when that session is, not only its code.
    detail = desk.banner.detail.text()
    assert "IDB2206" in detail and "2022-04-28" in detail
    assert "集思台中新烏日會議中心 303 會議室" in detail and "碳足跡" in detail
    desk.submit_token("CK1-IDB2299-" + "A" * 27)  # a session this database does not know
    qtbot.waitUntil(lambda: "IDB2299" in desk.banner.detail.text())
    assert desk.banner.code is OutcomeCode.WRONG_SESSION


# --- a new scan during a screening --------------------------------------------------------


def test_a_new_scan_waits_named_until_the_screening_is_done(qtbot, make_desk, tokens, clock):
    desk = make_desk()
    scan(qtbot, desk, tokens["王小明"])
    qtbot.waitUntil(lambda: desk.screening.isVisible())
    start_typing(qtbot, desk, "36.")
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


# --- re-measure and call-backs ------------------------------------------------------------


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


def test_no_call_back_while_staff_type_in_search(qtbot, make_desk, tokens, clock):
    desk = make_desk()
    rested(qtbot, desk, tokens, clock)
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
    assert desk_queries.resting(store, 1) == []


# --- failures the desk must not hide ------------------------------------------------------


def test_a_failed_look_up_is_shown_not_swallowed(qtbot, make_desk, tokens, monkeypatch):
    """Scanning while the database cannot be read: a red banner, not silence."""
    desk = make_desk()
    monkeypatch.setattr(desk.backend, "look_up", disk_error)
    scan(qtbot, desk, tokens["王小明"])
    qtbot.waitUntil(lambda: desk.banner.code is OutcomeCode.NOT_RECORDED)
    assert "磁碟讀寫錯誤" in desk.banner.detail.text()  # disk I/O error, in words
    assert not desk.screening.isVisible()


def test_storage_failure_stays_visible_until_a_check_in_is_stored(qtbot, make_desk, tokens,
                                                                  monkeypatch):
    desk = make_desk()
    real = desk.backend.check_in

    def full(*_args: object) -> object:

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


# --- layout -------------------------------------------------------------------------------


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


class HeldSettings(SyncRunner):
    """Runs everything at once except reading a desk setting, which waits."""

    def __init__(self) -> None:
        self.held: list[tuple] = []  # type: ignore[type-arg]

    def run(self, fn, *args, on_done=None, on_error=None):  # type: ignore[no-untyped-def]
        if getattr(fn, "__name__", "") == "get_setting":
            self.held.append((fn, args, on_done, on_error))
            return
        super().run(fn, *args, on_done=on_done, on_error=on_error)


def test_the_camera_setting_is_read_off_the_gui_thread(make_desk):
    runner = HeldSettings()
    desk = make_desk(runner=runner, use_camera=True)
    assert [args for _fn, args, _done, _error in runner.held] == [("camera",)]
    _fn, _args, on_done, _error = runner.held.pop()
    on_done(None)  # the default camera; there is none under the offscreen platform
    assert desk.camera_notice.text()  # "no camera found: scan with the USB scanner ..."


def test_add_status_widget(make_desk):

    desk = make_desk()
    label = QLabel("sync: ok")
    desk.add_status_widget(label)
    assert label.parent() is not None
    assert label.isVisible()


def test_a_second_reading_before_the_rest_is_over_says_too_early_and_when(qtbot, make_desk,
                                                                          tokens, clock):
    desk = make_desk()
    scan(qtbot, desk, tokens["王小明"])
    screen(qtbot, desk, "38.2")
    qtbot.waitUntil(lambda: desk.banner.code is OutcomeCode.REMEASURE)
    clock.advance(minutes=2)
    desk.side.remeasure.itemActivated.emit(desk.side.remeasure.item(0))
    qtbot.waitUntil(lambda: desk.screening.isVisible())
    screen(qtbot, desk, "36.4")
    qtbot.waitUntil(lambda: "太早" in desk.banner.title.text())
    assert desk.banner.code is OutcomeCode.REMEASURE
    assert "未記錄" in desk.banner.hint.text()
    assert "08:50" in desk.banner.detail.text()  # rest of 5 minutes from 08:45
    assert desk.side.remeasure.count() == 1


def test_check_out_mode_colours_the_desk_and_records_departures(qtbot, make_desk, tokens,
                                                                 clock):
    from datetime import datetime

    from checkin.core.clock import TAIPEI
    from checkin.ui.messages import CHECK_OUT_COLOURS

    desk = make_desk()
    assert "09:00" in desk.header.rule.text() and "16:00" in desk.header.rule.text()
    scan(qtbot, desk, tokens["王小明"])
    qtbot.waitUntil(lambda: desk.screening.isVisible())
    screen(qtbot, desk, "36.5")
    qtbot.waitUntil(lambda: desk.banner.code is OutcomeCode.ADMITTED)
    qtbot.mouseClick(desk.mode_button, Qt.MouseButton.LeftButton)
    assert desk.flow.mode.value == "check_out"
    assert desk.banner.background == CHECK_OUT_COLOURS[0]
    assert desk.frame.palette().color(desk.frame.backgroundRole()).name() \
        == CHECK_OUT_COLOURS[0]
    screenshot(desk, "check-out-ready")
    scan(qtbot, desk, tokens["李佳蓉"])  # never came in
    qtbot.waitUntil(lambda: desk.banner.code is OutcomeCode.NOT_IN)
    clock.current = datetime(2022, 4, 29, 12, 5, tzinfo=TAIPEI)
    scan(qtbot, desk, tokens["王小明"])
    qtbot.waitUntil(lambda: desk.banner.code is OutcomeCode.LEFT)
    assert "12:05" in desk.banner.detail.text()
    assert not desk.screening.isVisible()
    screenshot(desk, "check-out-left")
    qtbot.mouseClick(desk.mode_button, Qt.MouseButton.LeftButton)
    assert desk.flow.mode.value == "check_in"
    assert desk.frame.palette().color(desk.frame.backgroundRole()).name() \
        != CHECK_OUT_COLOURS[0]
    clock.current = datetime(2022, 4, 29, 13, 0, tzinfo=TAIPEI)
    scan(qtbot, desk, tokens["王小明"])
    qtbot.waitUntil(lambda: desk.banner.code is OutcomeCode.RETURNED)
    assert not desk.screening.isVisible()
    assert "12:05" in desk.banner.detail.text()


def test_end_of_day_summary_page(qtbot, make_desk, tokens, clock):
    from datetime import datetime

    from checkin.core.clock import TAIPEI
    from checkin.ui.desk_flow import Mode

    desk = make_desk()
    for name, at in (("王小明", (8, 50)), ("林建宏", (9, 12))):
        clock.current = datetime(2022, 4, 29, *at, tzinfo=TAIPEI)
        scan(qtbot, desk, tokens[name])
        qtbot.waitUntil(lambda: desk.screening.isVisible())
        screen(qtbot, desk, "36.5")
        qtbot.waitUntil(lambda: desk.banner.code is OutcomeCode.ADMITTED)
    desk.follow(desk.flow.mode_chosen(Mode.CHECK_OUT))
    clock.current = datetime(2022, 4, 29, 16, 3, tzinfo=TAIPEI)
    scan(qtbot, desk, tokens["王小明"])
    qtbot.waitUntil(lambda: desk.banner.code is OutcomeCode.LEFT)
    qtbot.mouseClick(desk.header.summary_button, Qt.MouseButton.LeftButton)
    page = desk.summary_page
    assert desk.pages.currentWidget() is page
    summary = page.summary
    assert summary is not None
    assert (summary.arrived, summary.late, summary.full_attendance) == (2, 1, 1)
    assert page.figures["arrived"][0].text() == "2"
    from checkin.services.attendance import issues_certificates
    assert page.figures["certified"][0].isVisibleTo(page) is issues_certificates()
    assert page.model.rowCount() == summary.registered + summary.waitlisted + sum(
        p.status == "cancelled" for p in summary.people)
    screenshot(desk, "summary")
    qtbot.mouseClick(page.back_button, Qt.MouseButton.LeftButton)
    assert desk.pages.currentWidget() is desk.desk_page


def test_paper_list_button_writes_the_pdf(qtbot, make_desk, tmp_path):
    desk = make_desk()
    out = tmp_path / "list.pdf"
    desk.write_signin_sheet(str(out))
    assert out.read_bytes().startswith(b"%PDF")
    assert str(out) in desk.camera_notice.text()


def test_typing_on_a_fresh_desk_goes_into_the_search_field(qtbot, make_desk):
    """Staff who start typing a name on a desk just opened type into the search field. The
    focus went to the first button (seen under Xvfb: the space of "Emily Chou" pressed
    'Roster…' and the rest searched the roster table)."""
    desk = make_desk()
    qtbot.waitUntil(lambda: desk.isActiveWindow())
    assert desk.focusWidget() is desk.search.field
    for ch in "Emily Chou":
        qtbot.keyClicks(desk.focusWidget(), ch)
        qtbot.wait(60)
    qtbot.waitUntil(lambda: desk.search.field.text() == "Emily Chou")
    assert desk.pages.currentWidget() is desk.desk_page


def test_after_a_header_dialog_typing_goes_into_the_search_field(qtbot, make_desk):
    """A click on a header button leaves the keyboard where staff type: after the settings
    dialog closes, a name typed goes into the search field, not to the Settings button
    (whose space bar would open it again)."""
    desk = make_desk()
    qtbot.waitUntil(lambda: desk.isActiveWindow())
    qtbot.mouseClick(desk.settings_button, Qt.MouseButton.LeftButton)
    dialog = desk.settings_dialog
    qtbot.waitUntil(lambda: dialog is not None and dialog.isVisible())
    dialog.reject()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    qtbot.waitUntil(lambda: desk.isActiveWindow())
    for ch in "Chou ":
        qtbot.keyClicks(desk.focusWidget(), ch)
        qtbot.wait(60)
    qtbot.waitUntil(lambda: desk.search.field.text() == "Chou ")
    assert desk.settings_dialog is dialog and not dialog.isVisible()

"""The roster page: everyone of the workshop, filtered, counts on top; the desk's verdict
returns to 'ready' on its own while the recent list keeps it."""

from __future__ import annotations

from PySide6.QtCore import Qt

from checkin.core.outcomes import Declaration, OutcomeCode
from checkin.services.desk_queries import RosterState

from .conftest import screenshot
from .staff import scan, screen, set_status


def test_the_roster_page_filters_and_counts(qtbot, make_desk, tokens, store):
    set_status(store, "張志豪", "waitlisted")
    desk = make_desk()
    scan(qtbot, desk, tokens["王小明"])
    screen(qtbot, desk, "36.5")
    qtbot.waitUntil(lambda: desk.banner.code is OutcomeCode.ADMITTED)
    scan(qtbot, desk, tokens["李佳蓉"])
    qtbot.waitUntil(lambda: desk.screening.isVisible())
    desk.screening.checks[Declaration.SYMPTOMS].setChecked(True)
    screen(qtbot, desk, "36.8")
    qtbot.waitUntil(lambda: desk.banner.code is OutcomeCode.DENIED_DECLARATION)
    qtbot.mouseClick(desk.roster_button, Qt.MouseButton.LeftButton)
    page = desk.roster_page
    assert desk.pages.currentWidget() is page
    buttons = page.filter_buttons
    assert buttons[RosterState.ARRIVED].text() == "已報到 1"
    assert buttons[RosterState.TURNED_AWAY].text() == "勸返 1"
    assert buttons[RosterState.WAITLISTED].text() == "候補 2"  # and the demo's 彭子軒
    everyone = len(page.shown_rows())
    assert buttons[None].text() == f"全部 {everyone}"
    qtbot.mouseClick(buttons[RosterState.TURNED_AWAY], Qt.MouseButton.LeftButton)
    assert [r.name for r in page.shown_rows()] == ["李佳蓉"]
    assert "今日不能入場" in page.model.state_text(page.shown_rows()[0])
    page.show_only(RosterState.ARRIVED)
    assert [r.name for r in page.shown_rows()] == ["王小明"]
    screenshot(desk, "roster-arrived")
    page.show_only(RosterState.NOT_YET)
    assert "王小明" not in {r.name for r in page.shown_rows()}
    # A scan while the roster is open: the screening comes up on the desk page.
    scan(qtbot, desk, tokens["林建宏"])
    qtbot.waitUntil(lambda: desk.screening.isVisible())
    assert desk.pages.currentWidget() is desk.desk_page
    qtbot.keyClick(desk.screening.temperature, Qt.Key.Key_Escape)
    desk.open_roster()
    qtbot.keyClick(page.table, Qt.Key.Key_Escape)
    assert desk.pages.currentWidget() is desk.desk_page


def test_a_verdict_returns_to_ready_and_stays_in_the_recent_list(qtbot, make_desk, tokens,
                                                                 clock):
    desk = make_desk()
    scan(qtbot, desk, tokens["王小明"])
    screen(qtbot, desk, "36.5")
    qtbot.waitUntil(lambda: desk.banner.code is OutcomeCode.ADMITTED)
    clock.advance(seconds=14)
    desk.tick()
    assert desk.banner.code is OutcomeCode.ADMITTED
    clock.advance(seconds=1)
    desk.tick()
    assert desk.banner.code is None
    assert desk.banner.title.text() == "請掃描出席通知，或以姓名搜尋"
    assert desk.side.recent_model.rows[0].name == "王小明"

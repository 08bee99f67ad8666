"""The desk fits the screens it runs on, in both languages, in every state it can be in.

A laptop's 1366x768 screen with a task bar and a title bar leaves about 1366x700 for the
window's contents; a 1280x720 screen with the same leaves 1280x652. In each state: no two
visible widgets overlap, every text fits its widget (by the font's metrics), the status bar
is on screen. A screenshot of each state goes to test-artifacts/ to be looked at.
"""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import QModelIndex, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QApplication,
    QCheckBox,
    QDialog,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QWidget,
)

from checkin.core.clock import TAIPEI
from checkin.core.outcomes import Declaration, Outcome, OutcomeCode
from checkin.core.rules import OVERRIDABLE
from checkin.ui import i18n
from checkin.ui.camera import HINT_FLAGS

from .conftest import screenshot
from .staff import scan, screen

SCREENS = {"1366x700": QSize(1366, 700), "1280x720": QSize(1280, 652)}
LANGUAGES = ("zh_TW", "en")
LONG_COMPANY = "台灣精密機械工業股份有限公司台中分公司"


# --- what is checked --------------------------------------------------------------------

def _leaves(top: QWidget) -> list[QWidget]:
    """The visible widgets a person reads or uses; the insides of lists, tables and line
    edits (viewports, scroll bars, headers, clear buttons) belong to their owner."""
    found = []

    def walk(widget: QWidget) -> None:
        direct = Qt.FindChildOption.FindDirectChildrenOnly
        for child in widget.findChildren(QWidget, options=direct):
            if not child.isVisible() or child.isWindow() or child.width() <= 0:
                continue
            if isinstance(child, (QLabel, QAbstractButton, QLineEdit, QAbstractScrollArea)) \
                    or not child.findChildren(QWidget):
                found.append(child)
                if isinstance(child, (QAbstractScrollArea, QLineEdit)):
                    continue
            walk(child)

    walk(top)
    return found


def _rect(widget: QWidget, top: QWidget) -> QRect:
    return QRect(widget.mapTo(top, widget.rect().topLeft()), widget.size())


def overlaps(top: QWidget) -> list[str]:
    leaves = _leaves(top)
    rects = [(w, _rect(w, top)) for w in leaves]
    found = []
    for i, (a, ra) in enumerate(rects):
        for b, rb in rects[i + 1:]:
            if a.isAncestorOf(b) or b.isAncestorOf(a):
                continue
            inter = ra.intersected(rb)
            if inter.width() > 0 and inter.height() > 0:
                found.append(f"{_name(a)} {ra.getRect()} over {_name(b)} {rb.getRect()}")
    return found


def _name(widget: QWidget) -> str:
    text = widget.text() if isinstance(widget, (QLabel, QAbstractButton)) else ""
    return f"{type(widget).__name__}({widget.objectName() or text[:20]!r})"


def _clipped_text(widget: QWidget) -> str | None:
    if isinstance(widget, QLabel):
        text = widget.text()
        if not text or widget.textFormat() == Qt.TextFormat.RichText:
            return None
        metrics = widget.fontMetrics()
        area = widget.contentsRect().adjusted(widget.margin(), widget.margin(),
                                              -widget.margin(), -widget.margin())
        if widget.wordWrap():
            need = metrics.boundingRect(QRect(0, 0, area.width(), 10_000),
                                        int(Qt.TextFlag.TextWordWrap), text)
            fits = need.height() <= area.height() and need.width() <= area.width()
        else:
            need = metrics.boundingRect(QRect(0, 0, 10_000, 10_000), 0, text)
            fits = need.width() <= area.width() and need.height() <= area.height()
        return None if fits else f"{need.width()}x{need.height()} in {area.width()}x{area.height()}"
    if isinstance(widget, (QPushButton, QCheckBox)) and widget.text():
        # The style's own measure of what the words need, padding included.
        need = widget.sizeHint()
        if need.width() > widget.width() + 1 or widget.fontMetrics().height() > widget.height():
            return f"{need.width()}x{need.height()} in {widget.width()}x{widget.height()}"
    return None


def clipped(top: QWidget) -> list[str]:
    found = []
    for widget in _leaves(top):
        problem = _clipped_text(widget)
        if problem:
            found.append(f"{_name(widget)}: {problem}")
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            found += _clipped_cells(widget)
    return found


def _clipped_cells(view: QAbstractItemView) -> list[str]:
    """Every visible cell shows its whole text (company names wrap, never cut)."""
    model, found = view.model(), []
    metrics = view.fontMetrics()
    root = QModelIndex()
    for row in range(model.rowCount(root)):
        columns = 1 if isinstance(view, QListView) else model.columnCount(root)
        for column in range(columns):
            index = model.index(row, column, root)
            rect = view.visualRect(index)
            if not rect.isValid() or not view.viewport().rect().contains(rect.topLeft()):
                continue
            text = str(model.data(index) or "")
            need = metrics.boundingRect(rect.adjusted(3, 0, -3, 0),
                                        int(Qt.TextFlag.TextWordWrap), text)
            if need.height() > rect.height() + 1 or need.width() > rect.width():
                found.append(f"cell {row},{column} {text!r}: {need.width()}x{need.height()} "
                             f"in {rect.width()}x{rect.height()}")
    return found


def check(window: QWidget, name: str) -> None:
    QApplication.processEvents()
    problems = overlaps(window) + clipped(window)
    status = window.statusBar() if hasattr(window, "statusBar") else None
    if status is not None:
        bar = _rect(status, window)
        if not (status.isVisible() and window.rect().contains(bar)):
            problems.append(f"status bar {bar.getRect()} not inside {window.rect().getRect()}")
    screenshot(window, name)
    assert problems == [], name


# --- the desk in each state ---------------------------------------------------------------

@pytest.fixture(params=[(lang, size) for lang in LANGUAGES for size in SCREENS],
                ids=lambda p: f"{p[0]}-{p[1]}")
def sized_desk(request, make_desk):  # type: ignore[no-untyped-def]
    lang, size = request.param
    desk = make_desk()
    if lang != "zh_TW":
        desk.set_language(lang)
    desk.resize(SCREENS[size])
    QApplication.processEvents()
    # The window could take the size: its minimum is not larger than the screen.
    assert desk.size() == SCREENS[size], desk.minimumSize()
    yield desk, f"{lang}-{size}"
    i18n.install_language("zh_TW")


def test_the_window_fits_both_screens_in_both_languages(make_desk):
    desk = make_desk()
    for lang in LANGUAGES:
        desk.set_language(lang)
        QApplication.processEvents()
        smallest = desk.minimumSizeHint()
        assert smallest.width() <= 1280 and smallest.height() <= 652, (lang, smallest)
        # The demo's clock label is shown too (a desk on demo time): in English on one line
        # it pushed the header's buttons off a 1280-pixel screen.
        desk.header.demo.setVisible(True)
        desk.header.show_demo_clock(datetime(2022, 4, 29, 9, 50, 48, tzinfo=TAIPEI))
        QApplication.processEvents()
        smallest = desk.minimumSizeHint()
        assert smallest.width() <= 1280, ("demo", lang, smallest)
        desk.header.demo.setVisible(False)
    desk.set_language("zh_TW")


def test_idle_and_the_roster_page(qtbot, sized_desk, tokens):
    desk, tag = sized_desk
    check(desk, f"layout-{tag}-idle")
    for name in ("王小明", "Emily Chou 周", "林建宏", "許家瑋", "邱冠廷"):
        scan(qtbot, desk, tokens[name])
        screen(qtbot, desk, "36.5")
        qtbot.waitUntil(lambda: desk.banner.code is OutcomeCode.ADMITTED)
    desk.back_to_scan()
    check(desk, f"layout-{tag}-recent")
    desk.open_roster()
    check(desk, f"layout-{tag}-roster")
    desk.close_roster()


def test_screening_with_a_second_reading_and_someone_waiting(qtbot, sized_desk, tokens,
                                                             clock):
    desk, tag = sized_desk
    scan(qtbot, desk, tokens["王小明"])
    check(desk, f"layout-{tag}-screening")
    screen(qtbot, desk, "38.2")
    qtbot.waitUntil(lambda: desk.banner.code is OutcomeCode.REMEASURE)
    clock.advance(minutes=5, seconds=6)
    desk.tick()
    qtbot.waitUntil(lambda: desk.screening.isVisible())
    desk.submit_token(tokens["李佳蓉"])  # scanned while 王小明 has his second reading
    assert desk.screening.next_notice.isVisible() and desk.screening.note.isVisible()
    check(desk, f"layout-{tag}-screening-next")


def test_remeasure_queue_and_followups_together(qtbot, sized_desk, tokens):
    desk, tag = sized_desk
    for name in ("王小明", "林建宏"):
        scan(qtbot, desk, tokens[name])
        screen(qtbot, desk, "38.2")
        qtbot.waitUntil(lambda: desk.banner.code is OutcomeCode.REMEASURE)
    for name in ("李佳蓉", "黃淑芬", "劉雅婷"):
        scan(qtbot, desk, tokens[name])
        qtbot.waitUntil(lambda: desk.screening.isVisible())
        desk.screening.checks[Declaration.SYMPTOMS].setChecked(True)
        screen(qtbot, desk, "36.8")
        qtbot.waitUntil(lambda: desk.banner.code is OutcomeCode.DENIED_DECLARATION)
    assert desk.side.remeasure.isVisible() and desk.side.followups.isVisible()
    check(desk, f"layout-{tag}-lists")
    rows = desk.side.recent.verticalHeader().defaultSectionSize()
    assert desk.side.recent.viewport().height() >= 3 * rows


def _outcome(code: OutcomeCode) -> Outcome:
    return Outcome(code, name="歐陽志明", company=LONG_COMPANY,
                   first_arrival=datetime(2022, 4, 29, 8, 41, tzinfo=TAIPEI),
                   first_desk="front-2", reasons=tuple(Declaration),
                   remeasure_due=datetime(2022, 4, 29, 8, 50, tzinfo=TAIPEI),
                   detail="IDB2206")


def test_every_verdict_at_one_height(sized_desk):
    """The banner keeps its height for every verdict; long words shrink or wrap inside it."""
    desk, tag = sized_desk
    height = desk.banner.height()
    below = desk.pages.mapTo(desk, desk.pages.rect().topLeft())
    for code in OutcomeCode:
        desk.show_outcome(_outcome(code), can_override=code in OVERRIDABLE, sound=False)
        QApplication.processEvents()
        assert desk.banner.height() == height, code
        assert desk.pages.mapTo(desk, desk.pages.rect().topLeft()) == below, code
        check(desk, f"layout-{tag}-verdict-{code.value.lower()}")


def test_supervisor_dialogs(qtbot, sized_desk, tokens):
    desk, tag = sized_desk
    scan(qtbot, desk, tokens["王小明"])
    screen(qtbot, desk, "36.5")
    qtbot.waitUntil(lambda: desk.side.recent_model.rowCount() == 1)
    desk.side.recent.selectRow(0)
    qtbot.mouseClick(desk.side.undo_button, Qt.MouseButton.LeftButton)
    undo = desk.supervisor_dialog
    qtbot.waitUntil(lambda: undo.isVisible())
    check(undo, f"layout-{tag}-dialog-undo")
    assert not undo.repeat.isVisible() and not undo.repeat_label.isVisible()
    undo.reject()
    desk.supervisor.leave_kiosk(lambda: None)
    leave = desk.supervisor_dialog
    qtbot.waitUntil(lambda: leave.isVisible())
    assert not leave.reason.isVisible() and not leave.repeat_label.isVisible()
    leave.refused(30)
    check(leave, f"layout-{tag}-dialog-leave")
    leave.reject()


def test_the_first_pin_dialog(qtbot, make_desk):
    from checkin.ui.supervisor import SupervisorDialog

    desk = make_desk(pin=False)
    for lang in LANGUAGES:
        desk.set_language(lang)
        dialog = SupervisorDialog("Undo a mistaken arrival.", True, create_pin=True,
                                  parent=desk)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        assert isinstance(dialog, QDialog)
        check(dialog, f"layout-{lang}-dialog-first-pin")
        dialog.reject()
    desk.set_language("zh_TW")


def test_check_out_mode_and_the_end_of_day_page(qtbot, sized_desk, tokens, clock):
    from datetime import datetime

    from checkin.core.clock import TAIPEI

    desk, tag = sized_desk
    scan(qtbot, desk, tokens["王小明"])
    screen(qtbot, desk, "36.5")
    qtbot.waitUntil(lambda: desk.banner.code is OutcomeCode.ADMITTED)
    desk.set_check_out(True)
    check(desk, f"layout-{tag}-check-out")
    clock.current = datetime(2022, 4, 29, 15, 10, tzinfo=TAIPEI)
    scan(qtbot, desk, tokens["王小明"])
    qtbot.waitUntil(lambda: desk.banner.code is OutcomeCode.LEFT)
    check(desk, f"layout-{tag}-left")
    desk.open_summary()
    check(desk, f"layout-{tag}-summary")


def test_every_camera_hint_fits_the_preview(sized_desk):
    """A hint on the preview is read in full (it wraps), and leaves most of the picture:
    the English 'Move the whole notice into the picture' ran off a 1280-pixel desk's view."""
    from checkin.scanning.desk import Hint

    desk, tag = sized_desk
    view = desk.camera_view
    for hint in Hint:
        view.show_hint(hint.value)
        text = view.hint_text()
        assert text, hint
        font, band, area = view.hint_band()
        needed = QFontMetrics(font).boundingRect(area.toRect(), HINT_FLAGS, text)
        assert needed.width() <= view.width() - 16, (hint, text, needed.width(), view.width())
        assert area.contains(QRectF(needed)) and band.contains(area), (hint, text)
        assert band.height() < view.height() / 3, (hint, band.height(), view.height())
    view.show_hint(Hint.CUT_AT_EDGE.value)
    check(desk, f"layout-{tag}-camera-hint")
    view.show_hint("")


def test_a_screening_rule_too_long_for_the_header_ends_in_an_ellipsis(sized_desk):
    """English beside the demo clock at 1280 px: the rule was cut mid-sentence ("measure
    again" without "after 5 min rest": another rule, as read). Now it ends in "…" and the
    whole rule is its tooltip; where it fits it is whole."""
    desk, tag = sized_desk
    label = desk.header.screening_rule
    desk.header.demo.setVisible(True)
    desk.header.show_demo_clock(datetime(2022, 4, 29, 9, 50, 48, tzinfo=TAIPEI))
    QApplication.processEvents()
    whole = label.full_text()
    assert whole and label.toolTip() == whole
    shown = label.text()
    assert shown == whole or (shown.endswith("…") and whole.startswith(shown[:-1])), shown
    assert label.fontMetrics().horizontalAdvance(shown) <= label.contentsRect().width()
    check(desk, f"layout-{tag}-demo-header")
    desk.header.demo.setVisible(False)

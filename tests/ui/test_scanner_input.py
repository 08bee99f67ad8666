"""The USB scanner's keys are timed by the window system's stamps, not by when a busy GUI
thread got round to them (key events built here carry stamps, as the X server's do)."""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from checkin.core.outcomes import OutcomeCode


class Keyboard:
    """Key presses stamped on the window system's clock (ms since its start)."""

    def __init__(self, start: int = 5_000_000) -> None:
        self.stamp = start

    def press(self, target: QWidget, text: str, after_ms: int) -> None:
        self.stamp += after_ms
        key = Qt.Key.Key_Return if text == "\r" else Qt.Key(ord(text.upper()))
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, text)
            event.setTimestamp(self.stamp)
            QApplication.sendEvent(target, event)


def test_a_scan_stays_one_burst_when_the_gui_thread_stalls_in_the_middle(qtbot, make_desk,
                                                                        tokens):
    """The scanner types 4 ms a key; the GUI thread is busy for 90 ms half-way through, so
    the second half is handled 90 ms after the first. Timed on arrival, the scan broke in
    two: the first half went into the search field as typing."""
    desk = make_desk()
    field = desk.search.field
    field.setFocus()
    keys = Keyboard()
    token = tokens["王小明"]
    half = len(token) // 2
    for ch in token[:half]:
        keys.press(field, ch, 4)
    time.sleep(0.09)  # the GUI thread busy: the next keys are stamped 4 ms later all the same
    for ch in token[half:] + "\r":
        keys.press(field, ch, 4)
    qtbot.waitUntil(lambda: desk.screening.isVisible())
    assert desk.screening.name.text() == "王小明"
    assert field.text() == ""


def test_typing_handled_late_is_still_typing(qtbot, make_desk):
    """A person types 150 ms a key while the GUI thread is busy; the keys are then handled
    in one go. By their stamps they are typing: the text lands in the search field, not
    answered as a scan of something that is no notice."""
    desk = make_desk()
    field = desk.search.field
    field.setFocus()
    keys = Keyboard()
    for ch in "chen 0912 345":
        keys.press(field, ch, 150)
    qtbot.waitUntil(lambda: field.text() == "chen 0912 345")
    assert desk.banner.code is not OutcomeCode.UNREADABLE
    assert not desk.screening.isVisible()


def test_a_late_gap_timer_waits_for_the_keys_still_queued(qtbot, make_desk, tokens):
    """The gap timer fires late because the GUI thread was busy while the rest of the scan
    sat in the queue: it waits one gap more, and the scan completes."""
    desk = make_desk()
    field = desk.search.field
    field.setFocus()
    keys = Keyboard()
    token = tokens["李佳蓉"]
    for ch in token[:10]:
        keys.press(field, ch, 4)
    time.sleep(0.12)  # busy: the gap timer is overdue when events are next processed
    QApplication.processEvents()
    assert field.text() == ""  # nothing replayed as typing yet
    for ch in token[10:] + "\r":
        keys.press(field, ch, 4)
    qtbot.waitUntil(lambda: desk.screening.isVisible())
    assert desk.screening.name.text() == "李佳蓉"
    assert field.text() == ""

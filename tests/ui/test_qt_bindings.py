"""The Qt bindings the desk ships with must not leak or steal references.

PySide6 6.12 on CPython 3.11 took a reference away from None on every call of a Qt method
returning void; the camera preview's 30 repaints a second then aborted the desk within the
hour ("none_dealloc"). pyproject.toml keeps PySide6 below 6.12; this test fails if a
version with that fault comes back.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel


def test_void_qt_calls_leave_none_alone(qtbot):
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for i in range(20_000):
        label.update()
        label.setText("x" if i % 2 else "y")
    assert abs(sys.getrefcount(None) - before) < 100

"""Kiosk mode's return to the scan screen once the desk has been left alone a while."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication


class IdleReturn(QObject):
    """``timer`` fires after ``idle_ms`` without a key press or click anywhere in the app.

    Only in kiosk mode (``active``), where attendees walk away from the desk.
    """

    def __init__(self, idle_ms: int, active: bool, parent: QObject) -> None:
        super().__init__(parent)
        self.active = active
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(idle_ms)

    def install(self) -> None:
        QApplication.instance().installEventFilter(self)  # type: ignore[union-attr]

    def uninstall(self) -> None:
        self.timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if self.active and event.type() in (QEvent.Type.KeyPress,
                                            QEvent.Type.MouseButtonPress):
            self.timer.start()
        return False

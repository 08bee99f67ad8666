"""The privacy notice on the desk: one line in the status bar, the whole text on a page."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontMetrics, QResizeEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from checkin.services.privacy import PrivacyNotice

LINE_MAX_WIDTH = 460  # pixels: the status bar keeps room for the camera and the sync status


class PrivacyLine(QPushButton):
    """The notice's short form, flat, elided to its width; a click opens the page."""

    opened = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFlat(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setMaximumWidth(LINE_MAX_WIDTH)
        self.line = ""
        self.clicked.connect(self.opened.emit)

    def set_line(self, line: str) -> None:
        self.line = line
        self.setToolTip(line)
        self._elide()

    def _elide(self) -> None:
        room = max(40, min(self.width(), LINE_MAX_WIDTH) - 16)
        self.setText(QFontMetrics(self.font()).elidedText(
            self.line, Qt.TextElideMode.ElideRight, room))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()


class PrivacyDialog(QDialog):
    """The whole notice, read only."""

    def __init__(self, notice: PrivacyNotice, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Privacy notice"))
        self.text = QTextBrowser(self)
        self.text.setPlainText(notice.text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addWidget(self.text)
        box.addWidget(buttons)
        self.resize(560, 380)

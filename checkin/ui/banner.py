"""The verdict banner: full width, readable from two metres; colour + icon + words."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from checkin.core.outcomes import OutcomeCode
from checkin.ui.icons import paint_icon
from checkin.ui.messages import Message, Tone

IDLE_COLOURS = ("#3c4043", "#ffffff")


class _Icon(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tone: Tone | None = None
        self.colour = QColor("#ffffff")
        self.setFixedSize(120, 120)

    def set_tone(self, tone: Tone | None, colour: str) -> None:
        self.tone, self.colour = tone, QColor(colour)
        self.update()

    def paintEvent(self, _event: object) -> None:
        if self.tone is None:
            return
        painter = QPainter(self)
        paint_icon(painter, QRectF(self.rect()).adjusted(4, 4, -4, -4), self.tone,
                   self.colour)
        painter.end()


class VerdictBanner(QFrame):
    """Shows the last outcome; ``override_requested`` when staff ask to lift a door rule."""

    override_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("verdict")
        self.setAutoFillBackground(True)
        self.background = ""
        self.code: OutcomeCode | None = None
        self.icon = _Icon(self)
        self.title = QLabel(self)
        self.person = QLabel(self)
        self.detail = QLabel(self)
        self.hint = QLabel(self)
        for label, size, bold in ((self.title, 40, True), (self.person, 28, True),
                                  (self.detail, 22, False), (self.hint, 16, False)):
            font = label.font()
            font.setPointSize(size)
            font.setBold(bold)
            label.setFont(font)
            label.setWordWrap(True)
        self.override_button = QPushButton(self)
        self.override_button.setVisible(False)
        self.override_button.clicked.connect(self.override_requested)
        text = QVBoxLayout()
        for label in (self.title, self.person, self.detail, self.hint):
            text.addWidget(label)
        row = QHBoxLayout(self)
        row.setContentsMargins(24, 16, 24, 16)
        row.setSpacing(24)
        row.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignVCenter)
        row.addLayout(text, 1)
        row.addWidget(self.override_button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.setMinimumHeight(180)
        self.retranslate()
        self.show_idle()

    def retranslate(self) -> None:
        self.override_button.setText(self.tr("Supervisor\noverride…"))
        if self.code is None:
            self.show_idle()

    def _colours(self, background: str, foreground: str) -> None:
        # A palette, not a style sheet: re-polishing a style sheet on every verdict costs
        # tens of milliseconds, a palette change only a repaint.
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor(background))
        palette.setColor(QPalette.ColorRole.WindowText, QColor(foreground))
        self.setPalette(palette)
        self.background = background

    def show_idle(self, text: str | None = None) -> None:
        self.code = None
        self._colours(*IDLE_COLOURS)
        self.icon.set_tone(None, IDLE_COLOURS[1])
        self.title.setText(text or self.tr("Ready: scan a notice or search by name"))
        for label in (self.person, self.detail, self.hint):
            label.clear()
            label.setVisible(False)
        self.override_button.setVisible(False)

    def show_message(self, message: Message, person: str = "", detail: str = "",
                     can_override: bool = False) -> None:
        self.code = message.code
        self._colours(message.background, message.foreground)
        self.icon.set_tone(message.tone, message.foreground)
        self.title.setText(message.title)
        for label, text in ((self.person, person), (self.detail, detail),
                            (self.hint, message.hint)):
            label.setText(text)
            label.setVisible(bool(text))
        self.override_button.setVisible(can_override)

    def set_detail(self, text: str) -> None:
        self.detail.setText(text)
        self.detail.setVisible(bool(text))

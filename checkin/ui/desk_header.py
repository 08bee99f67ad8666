"""The top row of the desk: which workshop, day, venue and desk; the roster; buttons.

Texts keep the "DeskWindow" translation context they were written under.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from checkin.services.desk_queries import DeskInfo


class ElidedLabel(QLabel):
    """One line of text that ends in "…" where it does not fit; the whole text is its
    tooltip. ``text()`` is what is shown, ``full_text()`` the whole."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""

    def setText(self, text: str) -> None:
        self._full = text
        self.setToolTip(text)
        self._elide()

    def full_text(self) -> str:
        return self._full

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight,
                                              max(0, self.contentsRect().width()))
        super().setText(shown)


class DeskHeader(QWidget):
    """What the desk serves, the demo clock, and the settings and leave-kiosk buttons."""

    def __init__(self, info: DeskInfo, kiosk: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.info = info
        self.title = QLabel(self)
        self.place = QLabel(self)
        self.desk = QLabel(self)
        self.roster = QLabel(self)
        self.demo = QLabel(self)
        self.demo.setStyleSheet("background: #fff3b0; color: #5b4500; padding: 4px 10px;"
                                "font-weight: bold; border-radius: 4px;")
        self.demo.setVisible(info.is_demo)
        # Two lines when needed (the English "Demo mode (simulated time)" and the clock):
        # on one line it pushed the header's buttons off a 1280-pixel screen.
        self.demo.setWordWrap(True)
        self.demo.setMaximumWidth(190)
        font = self.title.font()
        font.setPointSize(16)
        font.setBold(True)
        self.title.setFont(font)
        # The workshop's full-attendance rule, all day (set by the window from the workshop).
        self.rule = QLabel(self)
        self.rule.setObjectName("rule")
        # The screening rule in force (the organiser's, pulled with the roster).
        self.screening_rule = ElidedLabel(self)
        self.screening_rule.setObjectName("screeningRule")
        # It takes the room the row has and never widens the window: where the whole text
        # does not fit (English beside the demo clock at 1280 px) it ends in "…" and the
        # whole text is its tooltip; cut off mid-sentence it would read as another rule.
        self.screening_rule.setSizePolicy(QSizePolicy.Policy.Ignored,
                                          QSizePolicy.Policy.Preferred)
        self.roster_button = QPushButton(self)
        # Check-in or check-out: a toggle in the desk's check-out colour when on.
        self.mode_button = QPushButton(self)
        self.mode_button.setObjectName("mode")
        self.mode_button.setCheckable(True)
        self.mode_button.setStyleSheet(
            # The same border and padding in both states: the button keeps its size.
            "QPushButton#mode { padding: 3px 12px; font-weight: bold; background: #f4f4f4; "
            "color: #1a1a1a; border: 2px solid #5b2a86; border-radius: 4px; }"
            "QPushButton#mode:checked { background: #5b2a86; color: #ffffff; "
            "border: 2px solid #ffffff; }")
        self.sheet_button = QPushButton(self)
        self.summary_button = QPushButton(self)
        self.settings_button = QPushButton(self)
        self.leave_button = QPushButton(self)
        self.leave_button.setVisible(kiosk)
        # Clicked with the mouse, they leave the keyboard where staff type (the search
        # field): a name typed after a dialog closed went to the button, whose space bar
        # pressed it again. Tab still reaches them.
        for button in (self.roster_button, self.mode_button, self.sheet_button,
                       self.summary_button, self.settings_button, self.leave_button):
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)

        header = QHBoxLayout(self)
        header.setContentsMargins(0, 0, 0, 0)  # laid out as a row of the window's own layout
        names = QVBoxLayout()
        # The screening rule sits on the title's line, where there is room: a header row
        # more would squeeze the screening panel on a 1280x720 screen.
        first = QHBoxLayout()
        first.setSpacing(24)
        first.addWidget(self.title)
        first.addWidget(self.screening_rule, 1)
        names.addLayout(first)
        names.addWidget(self.place)
        names.addWidget(self.rule)
        header.addLayout(names, 1)
        status = QVBoxLayout()
        status.addWidget(self.desk)
        status.addWidget(self.roster)
        header.addLayout(status)
        header.addWidget(self.demo)
        header.addWidget(self.mode_button)
        header.addWidget(self.roster_button)
        header.addWidget(self.summary_button)
        header.addWidget(self.sheet_button)
        header.addWidget(self.settings_button)
        header.addWidget(self.leave_button)

    def retranslate(self) -> None:
        info = self.info
        self.title.setText(f"{info.title} · {info.workshop_code}")
        self.place.setText(f"{info.day.isoformat()} · {info.venue}")
        self.desk.setText(QCoreApplication.translate("DeskWindow", "Desk: %1").replace(
            "%1", info.desk_name))
        if info.has_roster:
            self.roster.setText(QCoreApplication.translate(
                "DeskWindow", "Roster: %n registered", "", info.registered))
            self.roster.setStyleSheet("")
        else:
            self.roster.setText(QCoreApplication.translate(
                "DeskWindow", "No roster for this workshop in this database"))
            self.roster.setStyleSheet("color: #b0201b; font-weight: bold;")
        self.roster_button.setText(QCoreApplication.translate("DeskWindow", "Roster…"))
        self.mode_button.setText(QCoreApplication.translate("DeskWindow", "Check-out mode"))
        self.summary_button.setText(QCoreApplication.translate("DeskWindow", "End of day…"))
        self.sheet_button.setText(QCoreApplication.translate("DeskWindow", "Paper list (PDF)…"))
        self.settings_button.setText(QCoreApplication.translate("DeskWindow", "Settings…"))
        self.leave_button.setText(QCoreApplication.translate("DeskWindow", "Leave kiosk…"))

    def show_demo_clock(self, now: datetime) -> None:
        self.demo.setText(QCoreApplication.translate(
            "DeskWindow", "Demo mode (simulated time) %1").replace("%1", now.strftime("%H:%M:%S")))

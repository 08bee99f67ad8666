"""The end-of-day page: the day's numbers, then everyone's day (late, gaps, full or why not)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from checkin.core.clock import TAIPEI
from checkin.services.attendance import DaySummary, PersonDay
from checkin.ui.side import add_figure
from checkin.ui.tables import RowsModel


def _clock(at: datetime | None) -> str:
    return at.astimezone(TAIPEI).strftime("%H:%M") if at is not None else ""


class DayModel(RowsModel):
    """Everyone's day over frozen PersonDay rows."""

    columns = 6
    tooltips = True

    def set_rows(self, rows: Sequence[PersonDay]) -> None:
        # Who did not attend the whole course first: that is what staff check before sync.
        super().set_rows(sorted(rows, key=lambda p: (p.full_attendance, p.arrived_at is None)))

    def reason_text(self, row: PersonDay) -> str:
        if row.full_attendance:
            return self.tr("Full attendance")
        return {
            "ABSENT": self.tr("Absent"),
            "DENIED": self.tr("Turned away"),
            "LATE": self.tr("Late"),
            "LEFT_EARLY": self.tr("Left early"),
            "NOT_CHECKED_OUT": self.tr("Not checked out"),
        }.get(row.not_full_reason or "", row.not_full_reason or "")

    def headers(self) -> tuple[str, ...]:
        return (self.tr("Name"), self.tr("Company"), self.tr("Arrived"), self.tr("Out and back"),
                self.tr("Left"), self.tr("Whole course"))

    def cells(self, row: PersonDay) -> tuple[object, ...]:
        arrived = ""
        if row.arrived_at is not None:
            late = self.tr("(%1 min late)").replace("%1", str(row.late_minutes)) \
                if row.late_minutes else ""
            arrived = f"{_clock(row.arrived_at)} {late}".strip()
        gaps = ", ".join(f"{_clock(left)}–{_clock(back)}" for left, back in row.gaps
                         if back is not None)
        return (self.shown_name(row.name), row.company, arrived, gaps, _clock(row.left_at),
                self.reason_text(row))


class SummaryPage(QWidget):
    """The summary of the day, a page of the desk window before the sync."""

    back_requested = Signal()

    def __init__(self, shown_name: Callable[[str], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary: DaySummary | None = None
        self.heading = QLabel(self)
        font = self.heading.font()
        font.setPointSize(15)
        font.setBold(True)
        self.heading.setFont(font)
        self.back_button = QPushButton(self)
        self.back_button.clicked.connect(self.back_requested)
        self.figures: dict[str, tuple[QLabel, QLabel]] = {}
        grid = QGridLayout()
        for column, key in enumerate(("registered", "waitlisted", "arrived", "turned_away",
                                      "late", "left_early", "full_attendance", "certified")):
            number, label = add_figure(grid, column, self, point_size=22)
            number.setObjectName(f"figure_{key}")
            self.figures[key] = (number, label)
        self.model = DayModel(shown_name)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.back_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(grid)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("End of the day: before the sync"))
        self.back_button.setText(self.tr("Back to the desk"))
        words = {
            "registered": self.tr("Registered"), "waitlisted": self.tr("Waiting list"),
            "arrived": self.tr("Arrived"), "turned_away": self.tr("Turned away"),
            "late": self.tr("Late"), "left_early": self.tr("Left early"),
            "full_attendance": self.tr("Full attendance"), "certified": self.tr("Certified"),
        }
        for key, (_number, label) in self.figures.items():
            label.setText(words[key])
        self.note.setText(self.tr("Out and back: left and came back in (lunch, a call). "
                                  "Whole course: the workshop's full-attendance rule above."))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 5)
        self._show()

    def set_summary(self, summary: DaySummary) -> None:
        self.summary = summary
        self.model.set_rows(summary.people)
        self._show()

    def _show(self) -> None:
        summary = self.summary
        for key, (number, label) in self.figures.items():
            value = getattr(summary, key) if summary is not None else None
            # Certified is left out where this build issues no certificates.
            shown = summary is not None and value is not None
            number.setVisible(shown)
            label.setVisible(shown)
            number.setText(str(value) if shown else "")

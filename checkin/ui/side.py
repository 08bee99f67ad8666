"""The desk's side column: counters, re-measure queue, recent arrivals, follow-ups."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from checkin.core.clock import TAIPEI
from checkin.services.followups import FollowupItem
from checkin.ui.followup_dialog import status_text
from checkin.ui.tables import RowsModel, fit_rows, wrap_column

# The re-measure and follow-up lists take two rows' height (more scroll): with both shown the
# recent arrivals keep at least MIN_RECENT_ROWS rows on a 1280x720 screen.
LIST_LINES = 4  # lines of text: two follow-ups (two lines each) or four people resting
MIN_RECENT_ROWS = 3


def _lines_high(box: QListWidget, lines: int) -> None:
    """A list exactly ``lines`` lines of text high, its words wrapped, never cut: its
    minimum is its size, so nothing is drawn over it."""
    box.setFixedHeight(lines * box.fontMetrics().lineSpacing() + 2 * box.frameWidth() + 8)
    box.setWordWrap(True)
    box.setTextElideMode(Qt.TextElideMode.ElideNone)
    box.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)


def add_figure(grid: QGridLayout, column: int, parent: QWidget,
               point_size: int) -> tuple[QLabel, QLabel]:
    """A big bold number over its centred, wrapping label, in ``column`` of ``grid``."""
    number, label = QLabel(parent), QLabel(parent)
    big = number.font()
    big.setPointSize(point_size)
    big.setBold(True)
    number.setFont(big)
    number.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setWordWrap(True)
    grid.addWidget(number, 0, column)
    grid.addWidget(label, 1, column)
    return number, label


class Counters(QWidget):
    """Arrived / registered / seats, denied, follow-ups: always visible."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.values: dict[str, int] = {}
        self.labels: dict[str, QLabel] = {}
        self.numbers: dict[str, QLabel] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setVerticalSpacing(0)
        for col, key in enumerate(("arrived", "denied", "followups")):
            number, label = add_figure(grid, col, self, point_size=20)
            number.setText("–")
            self.labels[key], self.numbers[key] = label, number
        self.retranslate()

    def retranslate(self) -> None:
        self.labels["arrived"].setText(self.tr("arrived / registered / seats"))
        self.labels["denied"].setText(self.tr("denied"))
        self.labels["followups"].setText(self.tr("follow-ups"))

    def set_values(self, values: dict[str, int]) -> None:
        self.values = dict(values)
        self.numbers["arrived"].setText(
            f"{values.get('arrived', 0)} / {values.get('registered', 0)} / "
            f"{values.get('seats', 0)}")
        self.numbers["denied"].setText(str(values.get("denied", 0)))
        self.numbers["followups"].setText(str(values.get("followups", 0)))


class RecentModel(RowsModel):
    """Recent arrivals (RecentArrival rows): time, name, company."""

    columns = 3
    tooltips = True

    def headers(self) -> tuple[str, ...]:
        return (self.tr("Time"), self.tr("Name"), self.tr("Company"))

    def cells(self, row: Any) -> tuple[object, ...]:
        return (row.at.astimezone(TAIPEI).strftime("%H:%M"), self.shown_name(row.name),
                row.company)


class SidePanel(QWidget):
    """``undo_requested(event_id)``, ``remeasure_chosen(key)``, ``followup_chosen(item)``."""

    undo_requested = Signal(str)
    remeasure_chosen = Signal(str)
    followup_chosen = Signal(object)  # the FollowupItem

    def __init__(self, shown_name: Callable[[str], str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.counters = Counters(self)
        self.remeasure_label = QLabel(self)
        self.remeasure = QListWidget(self)
        _lines_high(self.remeasure, LIST_LINES)
        self.remeasure.itemActivated.connect(
            lambda item: self.remeasure_chosen.emit(item.data(Qt.ItemDataRole.UserRole)))
        self.recent_label = QLabel(self)
        self.recent_model = RecentModel(shown_name)
        self.recent = QTableView(self)
        self.recent.setModel(self.recent_model)
        self.recent.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.recent.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.recent.verticalHeader().setVisible(False)
        # Time and name as wide as they are; the company takes the rest, whole, wrapping
        # onto a second line when it is longer than the column.
        header = self.recent.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        wrap_column(self.recent, 2)
        self.recent_model.modelReset.connect(lambda: fit_rows(self.recent, 2))
        # Even with both lists shown, a 1280x720 screen keeps a few arrivals for undo.
        self.recent.setMinimumHeight(header.sizeHint().height() + 2 * self.recent.frameWidth()
                                     + MIN_RECENT_ROWS
                                     * self.recent.verticalHeader().defaultSectionSize())
        self.undo_button = QPushButton(self)
        self.undo_button.clicked.connect(self._undo)
        self.followup_label = QLabel(self)
        self.followups = QListWidget(self)
        _lines_high(self.followups, LIST_LINES)
        self.followups.itemActivated.connect(
            lambda item: self.followup_chosen.emit(item.data(Qt.ItemDataRole.UserRole)))
        # Counters; the two short lists side by side (shown when they hold someone); the
        # recent arrivals, with their undo button on their heading's row, take the rest.
        self.attention = QWidget(self)
        lists = QHBoxLayout(self.attention)
        lists.setContentsMargins(0, 0, 0, 0)
        for label, box in ((self.remeasure_label, self.remeasure),
                           (self.followup_label, self.followups)):
            label.setWordWrap(True)
            column = QVBoxLayout()
            column.setSpacing(2)
            column.addWidget(label)
            column.addWidget(box)
            column.addStretch(1)
            lists.addLayout(column, 1)
        heading = QHBoxLayout()
        heading.addWidget(self.recent_label, 1)
        heading.addWidget(self.undo_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.counters)
        layout.addWidget(self.attention)
        layout.addLayout(heading)
        layout.addWidget(self.recent, 1)
        # The re-measure and follow-up lists take room only when they hold someone (their
        # numbers stay in the counters).
        for label, box in ((self.remeasure_label, self.remeasure),
                           (self.followup_label, self.followups)):
            label.setVisible(False)
            box.setVisible(False)
        self.attention.setVisible(False)
        self.retranslate()

    def retranslate(self) -> None:
        self.counters.retranslate()
        self.remeasure_label.setText(self.tr("Waiting to measure again"))
        self.recent_label.setText(self.tr("Recent arrivals"))
        self.undo_button.setText(self.tr("Undo selected arrival…"))
        self.followup_label.setText(self.tr("Follow-ups (symptoms)"))
        self.recent_model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 2)

    def _undo(self) -> None:
        rows = self.recent.selectionModel().selectedRows()
        if rows:
            self.undo_requested.emit(self.recent_model.rows[rows[0].row()].event_id)

    def set_followups(self, items: list[FollowupItem], shown_name: Callable[[str], str],
                      mask_phone: bool = False) -> None:
        """The open follow-ups; ``mask_phone`` (kiosk) shows only a phone's last digits."""
        self.followups.clear()
        for item in items:
            when = item.opened_at.astimezone(TAIPEI).strftime("%H:%M")
            phone = ""
            if item.phone:
                phone = f"  …{item.phone[-3:]}" if mask_phone else f"  {item.phone}"
            # Two lines: who and how to reach them, then where it stands and the company.
            entry = QListWidgetItem(f"{when}  {shown_name(item.name)}{phone}\n"
                                    f"[{status_text(item.status)}]  {item.company}")
            entry.setData(Qt.ItemDataRole.UserRole, item)
            self.followups.addItem(entry)
        self.followup_label.setVisible(bool(items))
        self.followups.setVisible(bool(items))
        self._show_attention()

    def set_remeasure(self, waiting: list[tuple[str, str, datetime, bool]]) -> None:
        """Rows of (key, shown name, due time, due now); due ones first, highlighted."""
        self.remeasure.clear()
        for key, name, due, ready in sorted(waiting, key=lambda w: (not w[3], w[2])):
            text = (self.tr("%1: measure again now").replace("%1", name) if ready else
                    self.tr("%1: rest until %2").replace("%1", name)
                    .replace("%2", due.astimezone(TAIPEI).strftime("%H:%M:%S")))
            entry = QListWidgetItem(text)
            entry.setData(Qt.ItemDataRole.UserRole, key)
            if ready:
                font = entry.font()
                font.setBold(True)
                entry.setFont(font)
            self.remeasure.addItem(entry)
        self.remeasure_label.setVisible(bool(waiting))
        self.remeasure.setVisible(bool(waiting))
        self._show_attention()

    def _show_attention(self) -> None:
        # isHidden(): what each list was told, whatever its (hidden) row is now.
        shown = not self.remeasure.isHidden() or not self.followups.isHidden()
        if shown == self.attention.isHidden():
            self.attention.setVisible(shown)

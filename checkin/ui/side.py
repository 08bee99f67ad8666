"""The desk's side column: counters, re-measure queue, recent arrivals, follow-ups."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
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
from checkin.services.desk_queries import FollowupItem, RecentArrival

Index = QModelIndex | QPersistentModelIndex
LIST_HEIGHT = 90  # re-measure and follow-up lists: about three rows


class Counters(QWidget):
    """Arrived / registered / seats, denied, follow-ups: always visible."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.values: dict[str, int] = {}
        self.labels: dict[str, QLabel] = {}
        self.numbers: dict[str, QLabel] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        for col, key in enumerate(("arrived", "denied", "followups")):
            label, number = QLabel(self), QLabel("–", self)
            font = number.font()
            font.setPointSize(26)
            font.setBold(True)
            number.setFont(font)
            number.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            grid.addWidget(number, 0, col)
            grid.addWidget(label, 1, col)
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


class RecentModel(QAbstractTableModel):
    """Recent arrivals as a table over frozen rows."""

    def __init__(self, shown_name: Callable[[str], str]) -> None:
        super().__init__()
        self.rows: list[RecentArrival] = []
        self.shown_name = shown_name

    def set_rows(self, rows: list[RecentArrival]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else 3

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or not index.isValid():
            return None
        row = self.rows[index.row()]
        return (row.at.astimezone(TAIPEI).strftime("%H:%M"), self.shown_name(row.name),
                row.company)[index.column()]

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        return (self.tr("Time"), self.tr("Name"), self.tr("Company"))[section]


class SidePanel(QWidget):
    """``undo_requested(event_id)``, ``remeasure_chosen(key)``, ``followup_chosen(id)``."""

    undo_requested = Signal(str)
    remeasure_chosen = Signal(str)
    followup_chosen = Signal(int)

    def __init__(self, shown_name: Callable[[str], str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.counters = Counters(self)
        self.remeasure_label = QLabel(self)
        self.remeasure = QListWidget(self)
        self.remeasure.setMaximumHeight(LIST_HEIGHT)
        self.remeasure.itemActivated.connect(
            lambda item: self.remeasure_chosen.emit(item.data(Qt.ItemDataRole.UserRole)))
        self.recent_label = QLabel(self)
        self.recent_model = RecentModel(shown_name)
        self.recent = QTableView(self)
        self.recent.setModel(self.recent_model)
        self.recent.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.recent.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.recent.verticalHeader().setVisible(False)
        self.recent.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        # A 1366x768 screen must still show several recent arrivals for undo.
        self.recent.setMinimumHeight(self.recent.horizontalHeader().sizeHint().height()
                                     + 4 * self.recent.verticalHeader().defaultSectionSize())
        self.undo_button = QPushButton(self)
        self.undo_button.clicked.connect(self._undo)
        self.followup_label = QLabel(self)
        self.followups = QListWidget(self)
        self.followups.setMaximumHeight(LIST_HEIGHT)
        self.followups.itemActivated.connect(
            lambda item: self.followup_chosen.emit(int(item.data(Qt.ItemDataRole.UserRole))))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.counters)
        layout.addWidget(self.remeasure_label)
        layout.addWidget(self.remeasure)
        layout.addWidget(self.recent_label)
        layout.addWidget(self.recent, 1)
        layout.addWidget(self.undo_button)
        layout.addWidget(self.followup_label)
        layout.addWidget(self.followups)
        # The re-measure and follow-up lists take room only when they hold someone (their
        # numbers stay in the counters), so the recent arrivals fit on a 1366x768 screen.
        for label, box in ((self.remeasure_label, self.remeasure),
                           (self.followup_label, self.followups)):
            label.setVisible(False)
            box.setVisible(False)
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
            entry = QListWidgetItem(f"{when}  {shown_name(item.name)}  {item.company}{phone}")
            entry.setData(Qt.ItemDataRole.UserRole, item.id)
            self.followups.addItem(entry)
        self.followup_label.setVisible(bool(items))
        self.followups.setVisible(bool(items))

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

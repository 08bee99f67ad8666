"""The roster page: everyone of the workshop, filtered by where they stand, counts on top."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from checkin.core.clock import TAIPEI
from checkin.core.outcomes import OutcomeCode
from checkin.services.desk_queries import RosterRow, RosterState
from checkin.ui.messages import message_for
from checkin.ui.tables import RowsModel, fit_rows, wrap_column

# The filters offered, in this order; None is everyone.
FILTERS: tuple[RosterState | None, ...] = (
    None, RosterState.ARRIVED, RosterState.NOT_YET, RosterState.TURNED_AWAY,
    RosterState.WAITLISTED)


class RosterModel(RowsModel):
    """The roster (RosterRow rows): name, company, where they stand, time, desk."""

    columns = 5
    tooltips = True

    def state_text(self, row: RosterRow) -> str:
        text = {
            RosterState.ARRIVED: self.tr("Arrived"),
            RosterState.NOT_YET: self.tr("Not yet"),
            RosterState.TURNED_AWAY: self.tr("Turned away"),
            RosterState.WAITLISTED: self.tr("On the waiting list"),
            RosterState.CANCELLED: self.tr("Cancelled"),
        }[row.state]
        if row.outcome:
            text += f" · {message_for(OutcomeCode(row.outcome)).title}"
        return text

    def headers(self) -> tuple[str, ...]:
        return (self.tr("Name"), self.tr("Company"), self.tr("Status"), self.tr("Time"),
                self.tr("Desk"))

    def cells(self, row: RosterRow) -> tuple[object, ...]:
        when = row.at.astimezone(TAIPEI).strftime("%H:%M") if row.at else ""
        return (self.shown_name(row.name), row.company, self.state_text(row), when,
                row.desk or "")

    def extra(self, row: RosterRow, column: int, role: int) -> Any:
        return row.state.value if role == Qt.ItemDataRole.UserRole else None


class RosterPage(QWidget):
    """``back_requested`` when staff return to the desk (button or Esc)."""

    back_requested = Signal()

    def __init__(self, shown_name: Callable[[str], str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel(self)
        font = self.heading.font()
        font.setPointSize(16)
        font.setBold(True)
        self.heading.setFont(font)
        self.back_button = QPushButton(self)
        self.back_button.clicked.connect(self.back_requested)
        self.filters = QButtonGroup(self)
        self.filters.setExclusive(True)
        self.filter_buttons: dict[RosterState | None, QPushButton] = {}
        counts = QHBoxLayout()
        for i, state in enumerate(FILTERS):
            button = QPushButton(self)
            button.setCheckable(True)
            button.setMinimumHeight(44)
            bold = button.font()
            bold.setPointSize(13)
            bold.setBold(True)
            button.setFont(bold)
            self.filters.addButton(button, i)
            self.filter_buttons[state] = button
            counts.addWidget(button, 1)
        self.filter_buttons[None].setChecked(True)
        self.filters.idToggled.connect(self._toggled)
        self.model = RosterModel(shown_name)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterRole(Qt.ItemDataRole.UserRole)
        self.proxy.setFilterKeyColumn(0)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # the query's order: by name
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        for column, mode in enumerate((QHeaderView.ResizeMode.ResizeToContents,
                                       QHeaderView.ResizeMode.Stretch,
                                       QHeaderView.ResizeMode.ResizeToContents,
                                       QHeaderView.ResizeMode.ResizeToContents,
                                       QHeaderView.ResizeMode.ResizeToContents)):
            header.setSectionResizeMode(column, mode)
        wrap_column(self.table, 1)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.back_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(counts)
        layout.addWidget(self.table, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Roster"))
        self.back_button.setText(self.tr("Back to the desk (Esc)"))
        self._count()
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 4)

    def set_rows(self, rows: list[RosterRow]) -> None:
        self.model.set_rows(rows)
        self._count()
        self._fit_rows()

    def show_only(self, state: RosterState | None) -> None:
        self.filter_buttons[state].setChecked(True)

    def shown_rows(self) -> list[RosterRow]:
        """The rows the filter lets through, in the order on screen."""
        return [self.model.rows[self.proxy.mapToSource(self.proxy.index(i, 0)).row()]
                for i in range(self.proxy.rowCount())]

    def _toggled(self, _id: int, on: bool) -> None:
        if on:
            self._filter()

    def _filter(self) -> None:
        state = FILTERS[self.filters.checkedId()]
        self.proxy.setFilterRegularExpression(f"^{state.value}$" if state is not None else "")
        self._fit_rows()

    def _fit_rows(self) -> None:
        fit_rows(self.table, 1)

    def _count(self) -> None:
        rows = self.model.rows
        words = {None: self.tr("Everyone %1"), RosterState.ARRIVED: self.tr("Arrived %1"),
                 RosterState.NOT_YET: self.tr("Not yet %1"),
                 RosterState.TURNED_AWAY: self.tr("Turned away %1"),
                 RosterState.WAITLISTED: self.tr("Waiting list %1")}
        for state, button in self.filter_buttons.items():
            count = len(rows) if state is None else sum(r.state is state for r in rows)
            button.setText(words[state].replace("%1", str(count)))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.back_requested.emit()
        else:
            super().keyPressEvent(event)

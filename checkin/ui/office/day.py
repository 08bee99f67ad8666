"""The day, live: today's workshops as the desks' arrivals sync in (services/live.py).

The page asks for the day every ``INTERVAL_MS`` through the runner (never on the GUI
thread) and skips a tick while the previous read is still out.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QValueAxis
from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtGui import QFont, QPainter
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from checkin.core.clock import TAIPEI
from checkin.db.conflicts import Overflow
from checkin.db.store import Store
from checkin.services import live
from checkin.services.live import DeskArrivals, LiveDay, LiveWorkshop
from checkin.ui.office.common import fill
from checkin.ui.tables import RowsModel
from checkin.ui.tasks import Runner

INTERVAL_MS = 30_000


def _hhmm(at: Any) -> str:
    return at.astimezone(TAIPEI).strftime("%H:%M") if at is not None else ""


class DayDesksModel(RowsModel):
    """Per desk: admitted arrivals, repeats (duplicates), the last arrival's time."""

    columns = 4

    def headers(self) -> tuple[str, ...]:
        return (self.tr("Desk"), self.tr("Arrivals"), self.tr("Admitted again"),
                self.tr("Last arrival"))

    def cells(self, row: DeskArrivals) -> tuple[object, ...]:
        return row.desk_name, row.arrived, row.repeats, _hhmm(row.last_at)


class ConflictLine:
    """One line of the conflicts table: what, who, where and when."""

    def __init__(self, kind: str, name: str, company: str, desk: str, at: Any,
                 counted: bool) -> None:
        self.kind, self.name, self.company = kind, name, company
        self.desk, self.at, self.counted = desk, at, counted


def conflict_lines(day: LiveWorkshop) -> list[ConflictLine]:
    """Each duplicate's arrivals, and everyone counted in each overflow (the ones over
    the limit marked), in the order the report gives them."""
    lines: list[ConflictLine] = []
    for dup in day.duplicates:
        for n, arrival in enumerate(dup.arrivals):
            lines.append(ConflictLine("DUPLICATE", dup.name, "", arrival.desk_name,
                                      arrival.at, n == 0))
    overflows: tuple[Overflow, ...] = (*day.company_conflicts, *day.capacity_conflicts)
    for over in overflows:
        late = {p.registration_id for p in over.over}
        for p in over.people:
            lines.append(ConflictLine(over.kind, p.name, over.company or "", p.desk_name, p.at,
                                      p.registration_id not in late))
    return lines


class DayConflictsModel(RowsModel):
    columns = 5

    def kind_text(self, line: ConflictLine) -> str:
        if line.kind == "DUPLICATE":
            return self.tr("Admitted twice") if not line.counted else self.tr("First arrival")
        if line.kind == "COMPANY_CAP":
            return self.tr("Over the company cap") if not line.counted \
                else self.tr("Within the company cap")
        return self.tr("Over capacity") if not line.counted else self.tr("Within capacity")

    def headers(self) -> tuple[str, ...]:
        return (self.tr("Conflict"), self.tr("Name"), self.tr("Company"), self.tr("Desk"),
                self.tr("Time"))

    def cells(self, line: ConflictLine) -> tuple[object, ...]:
        return (self.kind_text(line), self.shown_name(line.name), line.company, line.desk,
                _hhmm(line.at))

    def extra(self, line: ConflictLine, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.FontRole and not line.counted:
            font = QFont()
            font.setBold(True)
            return font
        return None


class DayPage(QWidget):
    """Today's workshops, refreshed on a timer: figures, desks, a chart, conflicts."""

    def __init__(self, store: Store, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.runner = store, runner
        self.loading = False
        self.shown: LiveDay | None = None

        self.day_edit = QDateEdit()
        self.day_edit.setCalendarPopup(True)
        self.day_edit.setDisplayFormat("yyyy-MM-dd")
        today = live.today(store)
        self.day_edit.setDate(QDate(today.year, today.month, today.day))
        self.day_edit.dateChanged.connect(lambda _d: self.refresh())
        self.workshop_box = QComboBox()
        self.workshop_box.currentIndexChanged.connect(lambda _i: self.show_workshop())
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.clicked.connect(self.refresh)
        self.updated = QLabel()
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Day")))
        top.addWidget(self.day_edit)
        top.addWidget(self.workshop_box, 1)
        self.updated.setMinimumWidth(self.updated.fontMetrics().horizontalAdvance("0") * 18)
        top.addWidget(self.updated)
        top.addWidget(self.refresh_button)

        self.figures = QLabel()
        self.figures.setObjectName("dayFigures")
        font = self.figures.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.figures.setFont(font)
        self.empty = QLabel(self.tr("No workshop on this day."))
        self.empty.setVisible(False)

        self.desks = DayDesksModel(lambda name: name)
        self.desks_view = QTableView()
        self.desks_view.setModel(self.desks)
        self.desks_view.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.Stretch)
        self.desks_view.verticalHeader().hide()

        self.bars = QBarSet(self.tr("Arrivals"))
        self.chart = QChart()
        self.chart.setTitle(self.tr("Arrivals per ten minutes"))
        self.chart.legend().hide()
        self.chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self.chart_view = QChartView(self.chart)
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart_view.setMinimumHeight(220)

        self.conflicts = DayConflictsModel(lambda name: name)
        self.conflicts_view = QTableView()
        self.conflicts_view.setModel(self.conflicts)
        self.conflicts_view.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.conflicts_view.horizontalHeader().setStretchLastSection(True)
        self.conflicts_view.verticalHeader().hide()
        self.conflicts_title = QLabel()

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel(self.tr("Arrivals per desk")))
        left_layout.addWidget(self.desks_view)
        left_layout.addWidget(self.conflicts_title)
        left_layout.addWidget(self.conflicts_view, 2)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(self.chart_view)
        split.setChildrenCollapsible(False)
        self.chart_view.setMinimumWidth(420)
        split.setSizes([600, 700])

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.figures)
        layout.addWidget(self.empty)
        layout.addWidget(split, 1)

        self.timer = QTimer(self)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self.refresh)
        self.timer.start()

    def day(self) -> date:
        d = self.day_edit.date()
        return date(d.year(), d.month(), d.day())

    def refresh(self) -> None:
        if self.loading:
            return  # the last read is still out: skip this tick
        self.loading = True
        self.runner.run(live.live_day, self.store, self.day(), on_done=self._loaded,
                        on_error=self._failed)

    def _loaded(self, day: LiveDay) -> None:
        self.loading = False
        self.shown = day
        current = self.workshop_box.currentData()
        self.workshop_box.blockSignals(True)
        self.workshop_box.clear()
        for w in day.workshops:
            self.workshop_box.addItem(f"{w.code} {w.title}", w.workshop_id)
        found = self.workshop_box.findData(current)
        self.workshop_box.setCurrentIndex(found if found >= 0 else 0)
        self.workshop_box.blockSignals(False)
        self.updated.setText(fill(self.tr("Updated %1"),
                                  live.now_in_taipei(self.store).strftime("%H:%M:%S")))
        self.show_workshop()

    def _failed(self, exc: BaseException) -> None:
        self.loading = False
        self.updated.setText(fill(self.tr("Could not read the day: %1"), type(exc).__name__))

    def current(self) -> LiveWorkshop | None:
        if self.shown is None:
            return None
        wanted = self.workshop_box.currentData()
        for w in self.shown.workshops:
            if w.workshop_id == wanted:
                return w
        return None

    def show_workshop(self) -> None:
        w = self.current()
        self.empty.setVisible(w is None)
        if w is None:
            self.figures.setText("")
            self.desks.set_rows([])
            self.conflicts.set_rows([])
            self.conflicts_title.setText(self.tr("Conflicts across desks: none"))
            self._chart([], [])
            return
        self.figures.setText(fill(self.tr("Arrived %1 of %2 · seats left %3 · conflicts %4"),
                                  w.arrived, w.capacity, w.seats_left, w.conflicts))
        self.desks.set_rows(w.desks)
        lines = conflict_lines(w)
        self.conflicts.set_rows(lines)
        self.conflicts_title.setText(
            fill(self.tr("Conflicts across desks: %1 (a supervisor's override is not one)"),
                 w.conflicts) if w.conflicts
            else self.tr("Conflicts across desks: none"))
        self._chart([b.start.strftime("%H:%M") for b in w.bins], [b.arrivals for b in w.bins])

    def _chart(self, labels: list[str], counts: list[int]) -> None:
        self.chart.removeAllSeries()
        for axis in self.chart.axes():
            self.chart.removeAxis(axis)
        self.bars = QBarSet(self.tr("Arrivals"))
        self.bars.append([float(c) for c in counts])
        series = QBarSeries()
        series.append(self.bars)
        self.chart.addSeries(series)
        x = QBarCategoryAxis()
        x.append(labels)
        x.setLabelsAngle(-90 if len(labels) > 12 else 0)
        y = QValueAxis()
        y.setRange(0, max([5, *counts]))
        y.setLabelFormat("%d")
        y.setTickCount(min(6, max([5, *counts]) + 1))
        self.chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        self.chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(x)
        series.attachAxis(y)

    def chart_counts(self) -> list[int]:
        """What the chart shows, bar by bar (tests read it)."""
        return [int(self.bars.at(i)) for i in range(self.bars.count())]

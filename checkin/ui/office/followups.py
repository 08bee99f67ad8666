"""Follow-ups and health data: the follow-up list with its changes, the 28-day purge (what
it will delete, then the purge), and the screening rules the desks apply.

Health data is read only where the login may read it: a login the database refuses gets a
sentence, not an error.
"""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from checkin.core.clock import TAIPEI
from checkin.core.errors import CodedError
from checkin.db.store import Store
from checkin.services import live, retention
from checkin.services.followups import (
    FollowupItem,
    FollowupStatus,
    HealthDataRefused,
    office_followups,
    record_followup_update,
)
from checkin.services.retention import PurgeResult
from checkin.services.workshops_admin import WorkshopOverview, workshop_overview
from checkin.ui.followup_dialog import status_text
from checkin.ui.office.common import fill
from checkin.ui.office.screening_rules import ScreeningRulesBox
from checkin.ui.tables import RowsModel
from checkin.ui.tasks import Runner


class FollowupsModel(RowsModel):
    """Follow-ups (FollowupItem rows): the person, when opened, status, note, last change."""

    columns = 7

    tooltips = True

    def headers(self) -> tuple[str, ...]:
        return (self.tr("Name"), self.tr("Company"), self.tr("Phone"), self.tr("Opened"),
                self.tr("Status"), self.tr("Note"), self.tr("Changed"))

    def cells(self, row: FollowupItem) -> tuple[object, ...]:
        changed = row.changed_at.astimezone(TAIPEI).strftime("%m-%d %H:%M") \
            if row.changed_at else ""
        return (row.name, row.company, row.phone or "",
                row.opened_at.astimezone(TAIPEI).strftime("%m-%d %H:%M"),
                status_text(row.status), row.note or "", changed)


class FollowupsPage(QWidget):
    def __init__(self, store: Store, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.runner = store, runner
        self.preview: PurgeResult | None = None

        self.workshop_box = QComboBox()
        self.workshop_box.currentIndexChanged.connect(lambda _i: self.load_followups())
        self.closed_box = QCheckBox(self.tr("Show closed ones too"))
        self.closed_box.toggled.connect(lambda _on: self.load_followups())
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Workshop")))
        top.addWidget(self.workshop_box, 1)
        top.addWidget(self.closed_box)

        self.model = FollowupsModel(lambda name: name)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._selected())
        self.refused = QLabel()
        self.refused.setWordWrap(True)
        self.refused.setVisible(False)

        self.status_box = QComboBox()
        for status in FollowupStatus:
            self.status_box.addItem(status_text(status), status.value)
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("Note (what was said, the result)"))
        self.save_button = QPushButton(self.tr("Save the change"))
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self.save_change)
        change = QHBoxLayout()
        change.addWidget(QLabel(self.tr("New status")))
        change.addWidget(self.status_box)
        change.addWidget(self.note, 1)
        change.addWidget(self.save_button)
        self.message = QLabel()

        follow = QGroupBox(self.tr("Follow-ups"))
        follow_layout = QVBoxLayout(follow)
        follow_layout.addLayout(top)
        follow_layout.addWidget(self.refused)
        follow_layout.addWidget(self.view, 1)
        follow_layout.addLayout(change)
        follow_layout.addWidget(self.message)

        self.purge_text = QLabel(self.tr("Check first what the purge will delete."))
        self.purge_text.setWordWrap(True)
        self.preview_button = QPushButton(self.tr("Check what it will delete"))
        self.preview_button.clicked.connect(self.preview_purge)
        self.purge_button = QPushButton(self.tr("Delete it now"))
        self.purge_button.setEnabled(False)
        self.purge_button.clicked.connect(self.purge)
        purge = QGroupBox(fill(self.tr("Health data older than %1 days"),
                               retention.RETENTION_DAYS))
        purge_layout = QHBoxLayout(purge)
        purge_layout.addWidget(self.purge_text, 1)
        purge_layout.addWidget(self.preview_button)
        purge_layout.addWidget(self.purge_button)

        self.rules = ScreeningRulesBox(store, runner)

        lower = QHBoxLayout()
        lower.addWidget(self.rules, 3)
        lower.addWidget(purge, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(follow, 1)
        layout.addLayout(lower)

    # --- follow-ups -----------------------------------------------------------------------

    def refresh(self) -> None:
        self.runner.run(workshop_overview, self.store, on_done=self._workshops,
                        on_error=self._failed)
        self.rules.refresh()

    def _workshops(self, rows: list[WorkshopOverview]) -> None:
        current = self.workshop_box.currentData()
        self.workshop_box.blockSignals(True)
        self.workshop_box.clear()
        for w in rows:
            self.workshop_box.addItem(f"{w.code} {w.title} · {w.day.isoformat()}", w.id)
        found = self.workshop_box.findData(current)
        if found < 0:
            today = live.today(self.store)
            held = [w for w in rows if w.day <= today]
            latest = max(held, key=lambda w: (w.day, w.code), default=None)
            found = self.workshop_box.findData(latest.id) if latest else 0
        self.workshop_box.setCurrentIndex(max(0, found))
        self.workshop_box.blockSignals(False)
        self.load_followups()

    def load_followups(self) -> None:
        workshop = self.workshop_box.currentData()
        if workshop is None:
            return
        self.runner.run(office_followups, self.store, int(workshop),
                        self.closed_box.isChecked(), on_done=self._followups,
                        on_error=self._failed)

    def _followups(self, items: list[FollowupItem]) -> None:
        self.refused.setVisible(False)
        self.view.setVisible(True)
        selected = self.selected()
        self.model.set_rows(items)
        for row, item in enumerate(items):
            if selected is not None and item.id == selected.id:
                self.view.selectRow(row)
        self._selected()

    def selected(self) -> FollowupItem | None:
        index = self.view.selectionModel().currentIndex() if self.view.selectionModel() \
            else None
        if index is None or not index.isValid() or index.row() >= len(self.model.rows):
            return None
        item: FollowupItem = self.model.rows[index.row()]
        return item

    def _selected(self) -> None:
        item = self.selected()
        self.save_button.setEnabled(item is not None)
        if item is not None:
            self.status_box.setCurrentIndex(self.status_box.findData(item.status.value))

    def save_change(self) -> None:
        item = self.selected()
        if item is None:
            return
        status = FollowupStatus(self.status_box.currentData())
        self.save_button.setEnabled(False)
        self.runner.run(record_followup_update, self.store, item.id, status,
                        self.note.text(), on_done=self._saved, on_error=self._failed)

    def _saved(self, item: FollowupItem) -> None:
        self.note.clear()
        self.message.setText(fill(self.tr("Saved: %1, %2"), item.name,
                                  status_text(item.status)))
        self.load_followups()

    def _failed(self, exc: BaseException) -> None:
        self._selected()
        if isinstance(exc, HealthDataRefused):
            self.model.set_rows([])
            self.view.setVisible(False)
            self.refused.setText(self.tr(
                "This database login may not read health data. Follow-ups are shown only "
                "to the organiser's office login."))
            self.refused.setVisible(True)
            return
        code = exc.code if isinstance(exc, CodedError) else type(exc).__name__
        self.message.setText(fill(self.tr("Not saved (%1): %2"), code, exc))

    # --- the purge ------------------------------------------------------------------------

    def preview_purge(self) -> None:
        self.purge_button.setEnabled(False)
        self.runner.run(retention.preview_purge, self.store.engine, live.today(self.store),
                        on_done=self._previewed, on_error=self._purge_failed)

    def _previewed(self, result: PurgeResult) -> None:
        self.preview = result
        cutoff = live.today(self.store) - timedelta(days=retention.RETENTION_DAYS)
        if not (result.screenings or result.followups or result.followup_updates):
            self.purge_text.setText(fill(self.tr(
                "Nothing to delete: no health data of workshops held before %1."),
                cutoff.isoformat()))
            return
        self.purge_text.setText(fill(self.tr(
            "The purge will delete, of %1 workshops held before %2: %3 screenings "
            "(temperatures and declarations), %4 follow-ups and %5 changes of them. "
            "Attendance stays."), result.workshops, cutoff.isoformat(), result.screenings,
            result.followups, result.followup_updates))
        self.purge_button.setEnabled(True)

    def purge(self) -> None:
        self.purge_button.setEnabled(False)
        self.runner.run(retention.purge_health_data, self.store.engine,
                        live.today(self.store), on_done=self._purged,
                        on_error=self._purge_failed)

    def _purged(self, result: PurgeResult) -> None:
        self.preview = None
        self.purge_text.setText(fill(self.tr(
            "Deleted: %1 screenings, %2 follow-ups and %3 changes of %4 workshops."),
            result.screenings, result.followups, result.followup_updates, result.workshops))
        self.load_followups()

    def _purge_failed(self, exc: BaseException) -> None:
        self.purge_text.setText(fill(self.tr("The purge could not run (%1): nothing was "
                                             "deleted."), type(exc).__name__))

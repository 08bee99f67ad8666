"""The office's registrations page: the import wizard and a workshop's roster.

The import is the command line's: a dry run fills the report (row by row, with the
issues), Apply runs the same import for real. Nothing here talks SQL.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import ClassVar

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
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

from checkin.core.errors import CodedError
from checkin.db.store import Store
from checkin.services.office_queries import RosterLine, workshop_roster
from checkin.services.registrations import Action, ImportReport, RowResult, import_registrations
from checkin.services.workshops_admin import workshop_overview
from checkin.ui.tables import RowsModel
from checkin.ui.tasks import Runner

Index = QModelIndex | QPersistentModelIndex
SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample-registrations.csv"


translate = QCoreApplication.translate  # lupdate reads translate("context", "text")


def status_words() -> dict[str, str]:
    return {
        "registered": translate("RegistrationsPage", "Registered"),
        "waitlisted": translate("RegistrationsPage", "Waitlisted"),
        "cancelled": translate("RegistrationsPage", "Cancelled"),
    }


def action_words() -> dict[str, str]:
    return {
        "new": translate("RegistrationsPage", "New"),
        "updated": translate("RegistrationsPage", "Updated"),
        "unchanged": translate("RegistrationsPage", "Unchanged"),
        "rejected": translate("RegistrationsPage", "Not imported"),
        "cancelled": translate("RegistrationsPage", "Cancelled"),
    }


def issue_words() -> dict[str, str]:
    return {
        "NAME_MISSING": translate("RegistrationsPage", "Name missing"),
        "COMPANY_MISSING": translate("RegistrationsPage", "Company missing"),
        "EMAIL_MISSING": translate("RegistrationsPage", "E-mail missing"),
        "EMAIL_INVALID": translate("RegistrationsPage", "Malformed e-mail"),
        "TAX_ID_INVALID": translate("RegistrationsPage", "Bad tax ID (ignored)"),
        "PHONE_NORMALISED": translate("RegistrationsPage", "Phone normalised"),
        "PHONE_INVALID": translate("RegistrationsPage", "Phone not recognised"),
        "DUPLICATE_PERSON": translate("RegistrationsPage", "Same person twice"),
        "COMPANY_CAP": translate("RegistrationsPage", "Company limit reached: waitlisted"),
        "CAPACITY": translate("RegistrationsPage", "Seats full: waitlisted"),
        "OTHER_WORKSHOP": translate("RegistrationsPage", "Another workshop"),
        "CANCELLED_IN_FILE": translate("RegistrationsPage", "Cancelled in the file"),
        "ROW_INCOMPLETE": translate("RegistrationsPage", "Incomplete row"),
        "CONTROL_CHARACTERS": translate("RegistrationsPage", "Control characters removed"),
        "NAME_TOO_LONG": translate("RegistrationsPage", "Name too long"),
        "COMPANY_TOO_LONG": translate("RegistrationsPage", "Company name too long"),
    }


def issues_text(row: RowResult) -> str:
    words = issue_words()
    return "; ".join(words.get(i.value, i.value) + (f" [{d}]" if d else "") for i, d in row.issues)


class ReportModel(RowsModel):
    columns: ClassVar[int] = 6

    def headers(self) -> tuple[str, ...]:
        return (
            translate("RegistrationsPage", "Line"),
            translate("RegistrationsPage", "Name"),
            translate("RegistrationsPage", "Company"),
            translate("RegistrationsPage", "Result"),
            translate("RegistrationsPage", "Status"),
            translate("RegistrationsPage", "Issues"),
        )

    def cells(self, r: RowResult) -> tuple[object, ...]:
        return (r.line or "-", r.name, r.company,
                action_words().get(r.action.value, r.action.value),
                status_words().get(r.status or "", r.status or ""), issues_text(r))


class RosterModel(RowsModel):
    columns: ClassVar[int] = 5

    def headers(self) -> tuple[str, ...]:
        return (
            translate("RegistrationsPage", "Name"),
            translate("RegistrationsPage", "Company"),
            translate("RegistrationsPage", "E-mail"),
            translate("RegistrationsPage", "Phone"),
            translate("RegistrationsPage", "Status"),
        )

    def cells(self, r: RosterLine) -> tuple[object, ...]:
        return (r.name, r.company, r.email or "", r.phone or "",
                status_words().get(r.status, r.status))


def _table(model: RowsModel, stretch: int) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.verticalHeader().hide()
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return view


class RegistrationsPage(QWidget):
    """Choose a file, read the dry-run report, apply; below, the workshop's roster."""

    def __init__(self, store: Store, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.runner = store, runner
        self.path: Path | None = None
        self.report: ImportReport | None = None

        self.workshop = QComboBox()
        self.workshop.currentIndexChanged.connect(lambda _i: self._workshop_changed())
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Workshop")))
        top.addWidget(self.workshop, 1)

        self.choose = QPushButton(self.tr("Choose file…"))
        self.choose.clicked.connect(self._choose)
        self.sample = QPushButton(self.tr("Try the sample file"))
        self.sample.clicked.connect(lambda: self.open_file(SAMPLE))
        self.file_label = QLabel(self.tr("No file chosen"))
        self.apply = QPushButton(self.tr("Apply import"))
        self.apply.setEnabled(False)
        self.apply.clicked.connect(self._apply)
        self.report_model = ReportModel(str)
        self.report_view = _table(self.report_model, 5)
        self.totals = QLabel()
        self.totals.setWordWrap(True)
        steps = QHBoxLayout()
        for w in (self.choose, self.sample, self.file_label):
            steps.addWidget(w)
        steps.addStretch(1)
        steps.addWidget(self.apply)
        wizard = QGroupBox(self.tr("Import the registration website's file"))
        box = QVBoxLayout(wizard)
        box.addLayout(steps)
        box.addWidget(self.report_view, 1)
        box.addWidget(self.totals)

        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search name, company, e-mail or phone"))
        self.search.textChanged.connect(lambda _t: self.refresh())
        self.status = QComboBox()
        self.status.addItem(self.tr("All"), None)
        for key, word in status_words().items():
            self.status.addItem(word, key)
        self.status.currentIndexChanged.connect(lambda _i: self.refresh())
        self.count = QLabel()
        self.roster_model = RosterModel(str)
        self.roster_view = _table(self.roster_model, 1)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 1)
        filters.addWidget(self.status)
        filters.addWidget(self.count)
        roster = QGroupBox(self.tr("Roster"))
        rbox = QVBoxLayout(roster)
        rbox.addLayout(filters)
        rbox.addWidget(self.roster_view, 1)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(wizard, 3)
        layout.addWidget(roster, 2)
        self._load_workshops()

    # --- workshops and roster ---------------------------------------------------------

    def _load_workshops(self) -> None:
        self.workshop.blockSignals(True)
        self.workshop.clear()
        for w in workshop_overview(self.store):
            self.workshop.addItem(f"{w.code} {w.title} {w.day:%m-%d}", w.id)
        self.workshop.blockSignals(False)
        self.refresh()

    def workshop_id(self) -> int | None:
        value = self.workshop.currentData()
        return int(value) if value is not None else None

    def _workshop_changed(self) -> None:
        if self.path is not None:
            self._dry_run()  # the report depends on the workshop's roster
        self.refresh()

    def refresh(self) -> None:
        workshop = self.workshop_id()
        if workshop is None:
            return
        self.runner.run(
            workshop_roster,
            self.store,
            workshop,
            self.search.text(),
            self.status.currentData(),
            on_done=self._show_roster,
        )

    def _show_roster(self, rows: list[RosterLine]) -> None:
        self.roster_model.set_rows(rows)
        self.count.setText(self.tr("%1 people").replace("%1", str(len(rows))))

    # --- the import wizard --------------------------------------------------------------

    def _choose(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Registration file"),
            str(Path.home()),
            self.tr("Registration exports (*.csv *.xlsx)"),
        )
        if name:
            self.open_file(Path(name))

    def open_file(self, path: Path) -> None:
        """Step 2: read the file and show the dry-run report; nothing is written yet."""
        self.path = path
        self.file_label.setText(path.name)
        self._dry_run()

    def _dry_run(self) -> None:
        workshop, path = self.workshop_id(), self.path
        if workshop is None or path is None:
            return
        self.apply.setEnabled(False)
        self.totals.setText(self.tr("Reading…"))
        self.runner.run(
            partial(import_registrations, self.store, path, workshop, dry_run=True),
            on_done=self._show_report,
            on_error=self._failed,
        )

    def _apply(self) -> None:
        workshop, path = self.workshop_id(), self.path
        if workshop is None or path is None:
            return
        self.apply.setEnabled(False)
        self.runner.run(
            partial(import_registrations, self.store, path, workshop),
            on_done=self._applied,
            on_error=self._failed,
        )

    def _show_report(self, report: ImportReport) -> None:
        self.report = report
        self.report_model.set_rows(report.rows)
        self.totals.setText(self._totals(report))
        self.apply.setEnabled(not report.truncated)

    def _applied(self, report: ImportReport) -> None:
        self._show_report(report)
        self.apply.setEnabled(False)
        self.totals.setText(self.tr("Imported.") + " " + self._totals(report))
        self.refresh()

    def _failed(self, exc: BaseException) -> None:
        code = exc.code if isinstance(exc, CodedError) else type(exc).__name__
        self.report_model.set_rows([])
        self.totals.setText(
            self.tr("This file cannot be imported (%1); nothing was changed.").replace("%1", code)
        )

    def _totals(self, report: ImportReport) -> str:
        text = self.tr(
            "New %1, updated %2, unchanged %3, cancelled %4, waitlisted %5, not imported %6."
        )
        for n, value in enumerate(
            (
                report.count(Action.NEW),
                report.count(Action.UPDATED),
                report.count(Action.UNCHANGED),
                report.count(Action.CANCELLED),
                report.waitlisted,
                report.count(Action.REJECTED),
            ),
            start=1,
        ):
            text = text.replace(f"%{n}", str(value))
        if not report.applied:
            text = self.tr("Dry run: nothing written yet.") + " " + text
        return text

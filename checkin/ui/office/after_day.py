"""After the day: score import, certificates, the report and the summary across workshops.

Each button runs the service the command line runs (``checkin scores import``,
``checkin certificates``, ``checkin report [--all]``), off the GUI thread, and lists what
it did and the files it wrote.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from checkin.core.errors import CodedError
from checkin.db.store import Store
from checkin.services import live
from checkin.services.certificates import IssueResult, issue_certificates
from checkin.services.organiser_report import FORMATS, write_report
from checkin.services.scores import RowResult, ScoreImportReport, import_scores
from checkin.services.workshops_admin import WorkshopOverview, workshop_overview
from checkin.ui.office.common import fill
from checkin.ui.tasks import Runner


def report_language() -> str:
    """The report's language follows the window's (the report writer knows zh and en)."""
    return "en" if QLocale().name().startswith("en") else "zh"


class AfterDayPage(QWidget):
    """One workshop chosen at the top, an output folder, one button per end-of-day job."""

    def __init__(self, store: Store, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.runner = store, runner
        self.busy = False

        self.workshop_box = QComboBox()
        self.out_dir = QLineEdit(str(Path.home() / "checkin-office"))
        choose = QPushButton(self.tr("Choose…"))
        choose.clicked.connect(self.choose_folder)
        self.format_box = QComboBox()
        for fmt in FORMATS:
            self.format_box.addItem(fmt.upper(), fmt)
        self.format_box.setCurrentIndex(FORMATS.index("pdf"))

        self.scores_button = QPushButton(self.tr("Import scores…"))
        self.scores_button.clicked.connect(self.import_scores)
        self.certificates_button = QPushButton(self.tr("Issue certificates"))
        self.certificates_button.clicked.connect(self.issue_certificates)
        self.report_button = QPushButton(self.tr("Write the workshop's report"))
        self.report_button.clicked.connect(self.write_report)
        self.summary_button = QPushButton(self.tr("Write the summary across workshops"))
        self.summary_button.clicked.connect(self.write_summary)
        self.buttons = (self.scores_button, self.certificates_button, self.report_button,
                        self.summary_button)

        self.log = QPlainTextEdit()
        self.log.setReadOnly(True)
        self.status = QLabel()

        grid = QGridLayout()
        grid.addWidget(QLabel(self.tr("Workshop")), 0, 0)
        grid.addWidget(self.workshop_box, 0, 1, 1, 2)
        grid.addWidget(QLabel(self.tr("Save files in")), 1, 0)
        grid.addWidget(self.out_dir, 1, 1)
        grid.addWidget(choose, 1, 2)
        grid.addWidget(QLabel(self.tr("Report format")), 2, 0)
        grid.addWidget(self.format_box, 2, 1)
        grid.setColumnStretch(1, 1)
        row = QHBoxLayout()
        for button in self.buttons:
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addWidget(self.log, 1)

    # --- choices ------------------------------------------------------------------------

    def refresh(self) -> None:
        self.runner.run(workshop_overview, self.store, on_done=self._workshops,
                        on_error=self._failed)

    def _workshops(self, rows: list[WorkshopOverview]) -> None:
        current = self.workshop_box.currentData()
        self.workshop_box.clear()
        for w in rows:
            self.workshop_box.addItem(f"{w.code} {w.title} · {w.day.isoformat()}", w.code)
        found = self.workshop_box.findData(current)
        if found < 0:
            # The day just held: today's workshop, else the latest one before today.
            today = live.today(self.store)
            held = [w for w in rows if w.day <= today]
            latest = max(held, key=lambda w: (w.day, w.code), default=None)
            found = self.workshop_box.findData(latest.code) if latest else 0
        self.workshop_box.setCurrentIndex(max(0, found))

    def workshop(self) -> str | None:
        code = self.workshop_box.currentData()
        return str(code) if code else None

    def folder(self) -> Path:
        return Path(self.out_dir.text().strip() or ".").expanduser()

    def choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Save files in"),
                                                  str(self.folder()))
        if chosen:
            self.out_dir.setText(chosen)

    def choose_scores_file(self) -> Path | None:
        """The file of scores (CSV or XLSX); tests answer for the dialog."""
        chosen, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import scores"), str(self.folder()),
            self.tr("Score files (*.csv *.xlsx)"))
        return Path(chosen) if chosen else None

    # --- the jobs ------------------------------------------------------------------------

    def _start(self, fn: Any, *args: Any, on_done: Any) -> None:
        self.busy = True
        for button in self.buttons:
            button.setEnabled(False)
        self.status.setText(self.tr("Working…"))

        def done(result: Any) -> None:
            self._finish()
            on_done(result)

        self.runner.run(fn, *args, on_done=done, on_error=self._failed)

    def _finish(self) -> None:
        self.busy = False
        for button in self.buttons:
            button.setEnabled(True)
        self.status.setText("")

    def _failed(self, exc: BaseException) -> None:
        self._finish()
        code = exc.code if isinstance(exc, CodedError) else type(exc).__name__
        detail = getattr(exc, "detail", "") or str(exc)
        self.say(fill(self.tr("Failed (%1): %2"), code, detail))

    def say(self, text: str) -> None:
        self.log.appendPlainText(text)

    def import_scores(self) -> None:
        ref = self.workshop()
        path = self.choose_scores_file()
        if ref is None or path is None:
            return
        self._start(import_scores, self.store, path, ref, on_done=self._scores_done)

    def _scores_done(self, report: ScoreImportReport) -> None:
        self.say(fill(self.tr("%1: scores imported: %2 new, %3 corrected, %4 unchanged"),
                      report.workshop_code, report.count(RowResult.NEW),
                      report.count(RowResult.CORRECTED), report.count(RowResult.UNCHANGED)))
        for row in report.problems:
            self.say(fill(self.tr("  line %1: %2 / %3: not imported (%4)"), row.line,
                          row.name or "-", row.company or "-", self.result_text(row.result)))
        for row in report.rows:
            if row.certificate_withdrawn:
                self.say(fill(self.tr("  certificate %1 withdrawn"), row.certificate_withdrawn))

    def result_text(self, result: RowResult) -> str:
        return {
            RowResult.UNMATCHED: self.tr("nobody of this workshop"),
            RowResult.AMBIGUOUS: self.tr("more than one person matches"),
            RowResult.DUPLICATE: self.tr("the same person with another score on another row"),
            RowResult.INVALID: self.tr("not a whole number 0-100"),
        }.get(result, result.value)

    def issue_certificates(self) -> None:
        ref = self.workshop()
        if ref is None:
            return
        self._start(issue_certificates, self.store, ref, self.folder(),
                    on_done=self._certificates_done)

    def _certificates_done(self, result: IssueResult) -> None:
        self.say(fill(self.tr("%1: %2 certificates (%3 new), %4 withdrawn"),
                      result.workshop_code, len(result.issued), len(result.newly_issued),
                      len(result.withdrawn)))
        for path in result.files:
            self.say(f"  {path}")
        for path in result.removed_files:
            self.say(fill(self.tr("  removed the withdrawn certificate's file %1"), path))

    def _report(self, ref: str | None) -> None:
        fmt = str(self.format_box.currentData())
        name = f"report-{'all' if ref is None else ref}.{fmt}"
        self._start(write_report, self.store, ref, fmt, self.folder() / name,
                    report_language(), on_done=self._report_done)

    def write_report(self) -> None:
        ref = self.workshop()
        if ref is not None:
            self._report(ref)

    def write_summary(self) -> None:
        self._report(None)

    def _report_done(self, paths: list[Path]) -> None:
        self.say(self.tr("Report written:"))
        for path in paths:
            self.say(f"  {path}")

"""End-of-day sync dialog: one button, a progress bar, then the report.

The sync runs off the GUI thread; its progress callback (called on the worker thread)
emits a signal, which Qt delivers on the GUI thread to move the bar.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from checkin.core.clock import TAIPEI
from checkin.sync.push import Progress
from checkin.sync.runner import SyncReport
from checkin.sync.verify import Overflow
from checkin.ui.tasks import Runner, ThreadRunner

STAGES = ("connect", "push", "roster", "events", "verify", "done")


class _ProgressRelay(QObject):
    moved = Signal(str, int, int)


class SyncDialog(QDialog):
    """Runs ``sync_fn(progress)`` and shows the report: sent, confirmed, duplicates, ..."""

    finished_report = Signal(object)

    def __init__(self, sync_fn: Callable[[Progress], SyncReport], runner: Runner | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sync_fn = sync_fn
        self.runner: Runner = runner or ThreadRunner()
        self.report: SyncReport | None = None
        self.setWindowTitle(self.tr("End-of-day sync"))
        self.stage_label = QLabel(self.tr("Send today's check-ins to the central database."))
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 100)
        self.bar.setValue(0)
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        self.start_button = QPushButton(self.tr("Sync now"), self)
        self.start_button.clicked.connect(self.start)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        layout = QVBoxLayout(self)
        for widget in (self.stage_label, self.bar, self.start_button, self.text, buttons):
            layout.addWidget(widget)
        self.relay = _ProgressRelay()
        self.relay.moved.connect(self._moved)

    def start(self) -> None:
        self.start_button.setEnabled(False)
        self.close_button.setEnabled(False)  # closing mid-sync is safe, but confusing
        self.text.clear()
        self.bar.setValue(0)
        self.runner.run(self.sync_fn, self.relay.moved.emit, on_done=self._done,
                        on_error=self._failed)

    def _moved(self, stage: str, done: int, total: int) -> None:
        names = {
            "connect": self.tr("Connecting…"), "push": self.tr("Sending check-ins…"),
            "roster": self.tr("Updating the roster…"),
            "events": self.tr("Receiving other desks' check-ins…"),
            "verify": self.tr("Verifying…"), "done": self.tr("Finished"),
            "stopped": self.tr("Stopped"),
        }
        self.stage_label.setText(names.get(stage, stage))
        if stage == "stopped":
            stage = "done"  # the end, not a success: the label and the report say which
        index = STAGES.index(stage) if stage in STAGES else 0
        share = 100 / (len(STAGES) - 1)
        fraction = (done / total) if total else 1.0
        self.bar.setValue(min(100, int(index * share + (fraction * share if stage != "done"
                                                       else 0))))

    def _done(self, report: Any) -> None:
        self.report = report
        self.bar.setValue(100)
        self.text.setPlainText(self.describe(report))
        self.start_button.setEnabled(True)
        self.close_button.setEnabled(True)
        self.finished_report.emit(report)

    def _failed(self, exc: BaseException) -> None:
        self.text.setPlainText(self.tr("The sync failed: %1. Nothing was lost; try again.")
                               .replace("%1", type(exc).__name__))
        self.start_button.setEnabled(True)
        self.close_button.setEnabled(True)

    def describe(self, report: SyncReport) -> str:
        """The report in the staff's words (zh_TW by default)."""
        status = {
            "DONE": self.tr("Sync complete and verified."),
            "MISMATCH": self.tr("Sync NOT complete: the central copy does not match yet."),
            "OFFLINE": self.tr("No connection to the central database. Nothing was lost."),
            "DESK_REVOKED": self.tr("This desk's access was revoked. Its check-ins stay here; "
                                    "call the office."),
            "LOCAL_STORAGE": self.tr("This computer could not write: its disk is full or "
                                     "read-only. The check-ins stay here; free some space, "
                                     "then sync again."),
        }.get(report.status, report.status)
        lines = [status,
                 self.tr("Sent: %1").replace("%1", str(report.sent)),
                 self.tr("Confirmed: %1").replace("%1", str(report.confirmed)),
                 self.tr("Still to send: %1").replace("%1", str(report.pending)),
                 self.tr("Duplicates: %1").replace("%1", str(len(report.duplicates))),
                 self.tr("Set aside: %1").replace("%1", str(len(report.set_aside))),
                 self.tr("Conflicts (over capacity or company cap): %1")
                 .replace("%1", str(len(report.overflows)))]
        if report.requeued:
            lines.append(self.tr("Sent again (missing centrally): %1")
                         .replace("%1", str(report.requeued)))
        for dup in report.duplicates:
            first = dup.arrivals[0]
            lines.append(self.tr("Admitted twice: %1, first at %2 (%3)")
                         .replace("%1", dup.name)
                         .replace("%2", _hhmm(first.at)).replace("%3", first.desk_name))
            lines += ["    " + self.tr("again at %1 (%2)").replace("%1", _hhmm(again.at))
                      .replace("%2", again.desk_name) for again in dup.arrivals[1:]]
        for over in report.overflows:
            lines += self._overflow(over)
        if report.quarantined:
            lines.append(self.tr("Left out (central check-ins this desk cannot store; tell "
                                 "the office): %1").replace("%1", str(len(report.quarantined))))
            lines += [f"    {event_id[:8]} ({reason})" for event_id, reason in report.quarantined]
        for event_id, reason in report.set_aside:
            lines.append(self.tr("Set aside: %1 (%2)").replace("%1", event_id[:8])
                         .replace("%2", reason))
        if report.ready_for_offline is False:
            lines.append(self.tr("This computer's clock is more than 5 minutes off: set it "
                                 "before working offline."))
        return "\n".join(lines)

    def _overflow(self, over: Overflow) -> list[str]:
        """A conflict in words: which limit, and who came in when and at which desk.

        A company's people are all listed (a handful); for the seat limit only those admitted
        past it. Someone a supervisor let in over the limit is marked so: not a conflict.
        """
        if over.kind == "COMPANY_CAP":
            head = (self.tr("Over the company cap: %1, %2 admitted, limit %3")
                    .replace("%2", str(over.admitted)).replace("%3", str(over.limit))
                    .replace("%1", over.company or "?"))
            people = over.people
        else:
            head = (self.tr("Over capacity: %1 admitted, limit %2")
                    .replace("%1", str(over.admitted)).replace("%2", str(over.limit)))
            people = over.over
        lines = [head]
        past = {p.registration_id for p in over.over}
        for person in people:
            line = (self.tr("%1 at %2 (%3)").replace("%1", person.name)
                    .replace("%2", _hhmm(person.at)).replace("%3", person.desk_name))
            if person.approved:
                line += " · " + self.tr("approved by a supervisor")
            elif person.registration_id in past:
                line += " · " + self.tr("over the limit")
            lines.append("    " + line)
        return lines


def _hhmm(at: datetime) -> str:
    """Taipei time, as everything the staff read: not the laptop's own zone."""
    return at.astimezone(TAIPEI).strftime("%H:%M")

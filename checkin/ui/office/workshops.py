"""The workshops page: the ten sessions with their live counts; reschedule and cancel."""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
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
from checkin.db.office_home import is_embedded
from checkin.db.store import Store
from checkin.services.workshops_admin import (
    WorkshopBoardRow,
    WorkshopChange,
    cancel_workshop,
    reschedule_workshop,
    workshop_board,
)
from checkin.ui.tables import RowsModel, fit_rows, wrap_column
from checkin.ui.tasks import Runner

REFRESH_MS = 15_000
VENUE = 2


class WorkshopsModel(RowsModel):
    columns: ClassVar[int] = 11

    def __init__(self) -> None:
        super().__init__(lambda name: name)

    def headers(self) -> tuple[str, ...]:
        return (self.tr("Workshop"), self.tr("Date"), self.tr("Venue"), self.tr("Status"),
                self.tr("Registered"), self.tr("Waitlisted"), self.tr("Notices sent"),
                self.tr("Arrived"), self.tr("Turned away"), self.tr("Left early"),
                self.tr("Certified"))

    def status_text(self, status: str) -> str:
        return {"scheduled": self.tr("scheduled"),
                "cancelled": self.tr("cancelled")}.get(status, status)

    def cells(self, row: WorkshopBoardRow) -> tuple[object, ...]:
        return (f"{row.code} {row.title}", row.day.isoformat(), row.venue,
                self.status_text(row.status), row.registered, row.waitlisted,
                row.notices_sent, row.arrived, row.turned_away, row.left_early,
                "—" if row.certified is None else row.certified)

    def extra(self, row: WorkshopBoardRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= 4:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and row.status == "cancelled":
            return Qt.GlobalColor.darkRed
        return None


class RescheduleDialog(QDialog):
    """A new date and a reason; a cancelled workshop also needs the reinstate box ticked."""

    def __init__(self, row: WorkshopBoardRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.row = row
        self.setWindowTitle(self.tr("Reschedule %1").replace("%1", row.code))
        self.setMinimumWidth(460)
        form = QFormLayout(self)
        self.day = QDateEdit(QDate(row.day.year, row.day.month, row.day.day), self)
        self.day.setObjectName("reschedule_day")
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.reason = QLineEdit(self)
        self.reason.setObjectName("reschedule_reason")
        self.reason.setPlaceholderText(self.tr("e.g. typhoon day off"))
        form.addRow(self.tr("New date"), self.day)
        form.addRow(self.tr("Reason"), self.reason)
        self.reinstate = QCheckBox(self.tr("Schedule this cancelled workshop again: its notices "
                                           "admit people again"), self)
        self.reinstate.setObjectName("reinstate")
        self.reinstate.setVisible(row.status == "cancelled")
        if row.status == "cancelled":
            warning = QLabel(self.tr("%1 is cancelled. It becomes scheduled again only if you "
                                     "say so here.").replace("%1", row.code), self)
            warning.setWordWrap(True)
            form.addRow(warning)
            form.addRow(self.reinstate)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("Reschedule"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.reinstate.toggled.connect(self._enable)
        self._enable()

    def _enable(self) -> None:
        self.ok.setEnabled(self.row.status != "cancelled" or self.reinstate.isChecked())

    def chosen_day(self) -> date:
        day = self.day.date()
        return date(day.year(), day.month(), day.day())


class CancelDialog(QDialog):
    """Asks once more, says what follows, and takes a reason."""

    def __init__(self, row: WorkshopBoardRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Cancel %1").replace("%1", row.code))
        self.setMinimumWidth(460)
        form = QFormLayout(self)
        what = QLabel(self.tr("Cancel %1 on %2? The QR codes of its %3 registrants will answer "
                              "“workshop cancelled” at the desk once the desks have synced.")
                      .replace("%1", f"{row.code} {row.title}")
                      .replace("%2", row.day.isoformat()).replace("%3", str(row.registered)),
                      self)
        what.setWordWrap(True)
        form.addRow(what)
        self.reason = QLineEdit(self)
        self.reason.setObjectName("cancel_reason")
        self.reason.setPlaceholderText(self.tr("e.g. level 3 alert"))
        form.addRow(self.tr("Reason"), self.reason)
        self.buttons = QDialogButtonBox(self)
        self.ok = self.buttons.addButton(self.tr("Cancel the workshop"),
                                         QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.tr("Keep it"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)


class WorkshopsPage(QWidget):
    """Refreshed every 15 s while shown, through the runner (widgets run no SQL)."""

    # After a reschedule or cancel: (workshop code, cancelled); the notices page follows.
    notices_due = Signal(str, bool)

    def __init__(self, store: Store, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.runner = store, runner
        self.dialog: QDialog | None = None
        self._loading = False
        layout = QVBoxLayout(self)
        if is_embedded(store):
            note = QLabel(self.tr(
                "This office works on this computer's own database, without a central server. "
                "Registrations imported here stay here: the desks know them only when they are "
                "imported into the central database the desks sync with."), self)
            note.setObjectName("embedded_note")
            note.setWordWrap(True)
            note.setStyleSheet("color: #8a5a00;")
            layout.addWidget(note)
        self.model = WorkshopsModel()
        self.table = QTableView(self)
        self.table.setObjectName("workshops_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(VENUE, QHeaderView.ResizeMode.Stretch)
        wrap_column(self.table, VENUE)
        self.table.selectionModel().selectionChanged.connect(self._selection)
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.reschedule_button = QPushButton(self.tr("Reschedule…"), self)
        self.reschedule_button.setObjectName("reschedule")
        self.reschedule_button.clicked.connect(self.ask_reschedule)
        self.cancel_button = QPushButton(self.tr("Cancel workshop…"), self)
        self.cancel_button.setObjectName("cancel_workshop")
        self.cancel_button.clicked.connect(self.ask_cancel)
        refresh = QPushButton(self.tr("Refresh"), self)
        refresh.clicked.connect(self.refresh)
        for button in (self.reschedule_button, self.cancel_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(refresh)
        layout.addLayout(buttons)
        self.message = QLabel("", self)
        self.message.setObjectName("workshops_message")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self._tick)
        self.timer.start()
        self._selection()
        self.refresh()

    # --- loading ----------------------------------------------------------------------------

    def refresh(self) -> None:
        if self._loading:
            return  # the one under way brings the news
        self._loading = True
        self.runner.run(workshop_board, self.store, on_done=self._loaded, on_error=self._failed)

    def _tick(self) -> None:
        if self.isVisible():
            self.refresh()

    def _loaded(self, rows: list[WorkshopBoardRow]) -> None:
        self._loading = False
        chosen = self.selected()
        self.model.set_rows(rows)
        fit_rows(self.table, VENUE)
        if chosen is not None:
            self.select(chosen.id)
        self._selection()

    def _failed(self, exc: BaseException) -> None:
        self._loading = False
        self._show_error(exc)

    # --- choosing ---------------------------------------------------------------------------

    def selected(self) -> WorkshopBoardRow | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.model.rows[rows[0].row()] if rows else None

    def select(self, workshop_id: int) -> None:
        for n, row in enumerate(self.model.rows):
            if row.id == workshop_id:
                self.table.selectRow(n)
                return

    def _selection(self, *_args: object) -> None:
        row = self.selected()
        self.reschedule_button.setEnabled(row is not None)
        self.cancel_button.setEnabled(row is not None and row.status != "cancelled")

    # --- changing ---------------------------------------------------------------------------

    def ask_reschedule(self) -> None:
        row = self.selected()
        if row is None:
            return
        dialog = RescheduleDialog(row, self)
        dialog.accepted.connect(lambda: self.reschedule(
            row.id, dialog.chosen_day(), dialog.reason.text().strip() or None,
            reinstate=dialog.reinstate.isChecked()))
        self.dialog = dialog
        dialog.open()

    def ask_cancel(self) -> None:
        row = self.selected()
        if row is None:
            return
        dialog = CancelDialog(row, self)
        dialog.accepted.connect(lambda: self.cancel(row.id, dialog.reason.text().strip() or None))
        self.dialog = dialog
        dialog.open()

    def reschedule(self, workshop_id: int, day: date, reason: str | None,
                   reinstate: bool = False) -> None:
        self.runner.run(reschedule_workshop, self.store, workshop_id, day, reason, reinstate,
                        on_done=self._changed, on_error=self._show_error)

    def cancel(self, workshop_id: int, reason: str | None) -> None:
        self.runner.run(cancel_workshop, self.store, workshop_id, reason,
                        on_done=self._changed, on_error=self._show_error)

    def _changed(self, change: WorkshopChange) -> None:
        if change.kind == "cancel":
            text = self.tr("%1 cancelled. The QR codes of its %2 registrants now answer "
                           "“workshop cancelled” at the desk, once the desks have synced.")
        elif change.was_cancelled:
            text = self.tr("%1 is scheduled again on %3: its %2 registrants’ notices admit "
                           "again and are due to be sent again (same QR codes).")
        else:
            text = self.tr("%1 moved from %4 to %3: the notices of its %2 registrants are due "
                           "again (same QR codes); send them from the notices page.")
        # The notices that follow: the notices page opens on this workshop, ready to send.
        self.notices_due.emit(change.code, change.kind == "cancel")
        self.message.setStyleSheet("")
        self.message.setText(text.replace("%1", change.code).replace("%2", str(change.registered))
                             .replace("%3", change.new_day.isoformat() if change.new_day else "")
                             .replace("%4", change.old_day.isoformat()))
        self.refresh()

    def _show_error(self, exc: BaseException) -> None:
        code = exc.code if isinstance(exc, CodedError) else ""
        texts = {
            "CANCELLED_NEEDS_REINSTATE": self.tr(
                "This workshop is cancelled: it is scheduled again only when you tick "
                "“schedule this cancelled workshop again”."),
            "SAME_DAY": self.tr("The workshop is already on that date."),
            "ALREADY_CANCELLED": self.tr("The workshop is already cancelled."),
            "WORKSHOP_NOT_FOUND": self.tr("No such workshop in this database."),
        }
        text = texts.get(code) or self.tr("Could not do it: %1").replace("%1", str(exc))
        self.message.setStyleSheet("color: #b0201b; font-weight: bold;")
        self.message.setText(text)

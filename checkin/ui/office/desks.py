"""The desks page: provision a desk (file and join QR code), revoke one, see what each sent.

Desks exist only on a central PostgreSQL database; on the embedded office file the page
says so and shows nothing else.
"""

from __future__ import annotations

import io
from typing import Any, ClassVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from checkin.core.clock import TAIPEI
from checkin.core.errors import CodedError
from checkin.db.office_home import is_embedded
from checkin.db.store import Store, data_dir
from checkin.notices.qr import text_qr_image
from checkin.services.workshops_admin import WorkshopOverview, workshop_overview
from checkin.sync.central import DeskActivity, desk_activity, revoke_desk
from checkin.sync.desks_admin import ProvisionedDesk, provision_desk
from checkin.ui.tables import RowsModel
from checkin.ui.tasks import Runner


def desks_folder() -> Any:
    return data_dir() / "desks"


class DesksModel(RowsModel):
    columns: ClassVar[int] = 6

    def __init__(self) -> None:
        super().__init__(lambda name: name)
        self.codes: dict[int, str] = {}

    def headers(self) -> tuple[str, ...]:
        return (self.tr("Desk"), self.tr("Workshops"), self.tr("Status"),
                self.tr("Events received"), self.tr("Last sync"),
                self.tr("Events still on the desk"))

    def cells(self, row: DeskActivity) -> tuple[object, ...]:
        last = (row.last_sync_at.astimezone(TAIPEI).strftime("%Y-%m-%d %H:%M")
                if row.last_sync_at else "—")
        return (row.name, " ".join(self.codes.get(w, str(w)) for w in row.workshops),
                self.tr("revoked") if row.revoked else self.tr("active"),
                row.events_received, last,
                self.tr("not reported") if row.held is None else row.held)


class AddDeskDialog(QDialog):
    """A name and the workshops the desk serves."""

    def __init__(self, workshops: list[WorkshopOverview], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add a desk"))
        form = QFormLayout(self)
        self.name = QLineEdit(self)
        self.name.setObjectName("desk_name")
        self.name.setPlaceholderText(self.tr("e.g. front-1"))
        form.addRow(self.tr("Desk name"), self.name)
        self.workshops = QListWidget(self)
        self.workshops.setObjectName("desk_workshops")
        for w in workshops:
            item = QListWidgetItem(f"{w.code} {w.title} {w.day.isoformat()}")
            item.setData(Qt.ItemDataRole.UserRole, w.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.workshops.addItem(item)
        form.addRow(self.tr("Workshops"), self.workshops)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("Add desk"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.name.textChanged.connect(self._enable)
        self.workshops.itemChanged.connect(self._enable)
        self._enable()

    def chosen(self) -> list[int]:
        return [int(self.workshops.item(i).data(Qt.ItemDataRole.UserRole))
                for i in range(self.workshops.count())
                if self.workshops.item(i).checkState() == Qt.CheckState.Checked]

    def check(self, workshop_id: int) -> None:
        for i in range(self.workshops.count()):
            if self.workshops.item(i).data(Qt.ItemDataRole.UserRole) == workshop_id:
                self.workshops.item(i).setCheckState(Qt.CheckState.Checked)

    def _enable(self, *_args: object) -> None:
        self.ok.setEnabled(bool(self.name.text().strip()) and bool(self.chosen()))


def qr_pixmap(text: str) -> QPixmap:
    buffer = io.BytesIO()
    text_qr_image(text, box_size=4).save(buffer, format="PNG")
    return QPixmap.fromImage(QImage.fromData(buffer.getvalue()))


class DesksPage(QWidget):
    def __init__(self, store: Store, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.runner = store, runner
        self.central = not is_embedded(store)
        self.dialog: QDialog | QMessageBox | None = None
        self.workshops: list[WorkshopOverview] = []
        self.provisioned: ProvisionedDesk | None = None
        layout = QVBoxLayout(self)
        if not self.central:
            note = QLabel(self.tr(
                "Desks need a central server. This office works on this computer's own "
                "database: start it with “checkin office --central URL” (PostgreSQL) to add "
                "desks, give them registrations and receive their arrivals."), self)
            note.setObjectName("desks_need_central")
            note.setWordWrap(True)
            layout.addWidget(note)
            layout.addStretch(1)
            return
        body = QHBoxLayout()
        self.model = DesksModel()
        self.table = QTableView(self)
        self.table.setObjectName("desks_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().selectionChanged.connect(self._selection)
        body.addWidget(self.table, 1)
        self.join_panel = QWidget(self)
        panel = QVBoxLayout(self.join_panel)
        panel.setContentsMargins(0, 0, 0, 0)
        self.qr = QLabel(self.join_panel)
        self.qr.setObjectName("join_qr")
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.join_text = QLabel(self.join_panel)
        self.join_text.setObjectName("join_text")
        self.join_text.setWordWrap(True)
        self.join_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        hide = QPushButton(self.tr("Hide the code"), self.join_panel)
        hide.clicked.connect(lambda: self.join_panel.setVisible(False))
        self.join_text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        panel.addWidget(self.qr)
        panel.addWidget(self.join_text)
        panel.addWidget(hide)
        panel.addStretch(1)
        self.join_panel.setFixedWidth(380)
        self.join_panel.setVisible(False)
        body.addWidget(self.join_panel)
        layout.addLayout(body, 1)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Add desk…"), self)
        self.add_button.setObjectName("add_desk")
        self.add_button.clicked.connect(self.ask_add)
        self.revoke_button = QPushButton(self.tr("Revoke…"), self)
        self.revoke_button.setObjectName("revoke_desk")
        self.revoke_button.clicked.connect(self.ask_revoke)
        refresh = QPushButton(self.tr("Refresh"), self)
        refresh.clicked.connect(self.refresh)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.revoke_button)
        buttons.addStretch(1)
        buttons.addWidget(refresh)
        layout.addLayout(buttons)
        self.message = QLabel("", self)
        self.message.setObjectName("desks_message")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self._selection()
        self.refresh()

    def refresh(self) -> None:
        if not self.central:
            return
        self.runner.run(workshop_overview, self.store, on_done=self._workshops,
                        on_error=self._show_error)
        self.runner.run(desk_activity, self.store.engine, on_done=self._loaded,
                        on_error=self._show_error)

    def _workshops(self, rows: list[WorkshopOverview]) -> None:
        self.workshops = rows
        self.model.codes = {w.id: w.code for w in rows}

    def _loaded(self, rows: list[DeskActivity]) -> None:
        self.model.set_rows(rows)
        self._selection()

    def selected(self) -> DeskActivity | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()] if rows else None

    def select(self, name: str) -> None:
        for n, row in enumerate(self.model.rows):
            if row.name == name:
                self.table.selectRow(n)

    def _selection(self, *_args: object) -> None:
        row = self.selected()
        self.revoke_button.setEnabled(row is not None and not row.revoked)

    # --- adding -----------------------------------------------------------------------------

    def ask_add(self) -> None:
        dialog = AddDeskDialog(self.workshops, self)
        dialog.accepted.connect(lambda: self.add(dialog.name.text().strip(), dialog.chosen()))
        self.dialog = dialog
        dialog.open()

    def add(self, name: str, workshops: list[int]) -> None:
        self.runner.run(provision_desk, self.store.engine, name, workshops, desks_folder(),
                        on_done=self._added, on_error=self._show_error)

    def _added(self, desk: ProvisionedDesk) -> None:
        self.provisioned = desk
        self.message.setStyleSheet("")
        self.message.setText(self.tr("Desk %1 added. Its provisioning file: %2").replace(
            "%1", desk.name).replace("%2", str(desk.path)))
        if desk.qr_text is not None:
            self.qr.setPixmap(qr_pixmap(desk.qr_text))
            self.qr.setVisible(True)
            self.join_text.setText(self.tr(
                "Let desk %1 scan this code, or copy its provisioning file to it on a USB "
                "stick; there run “checkin sync join” with the file or the code's text. The "
                "code holds the desk's password: hide it when done, delete the file once "
                "handed over.").replace("%1", desk.name))
        else:
            self.qr.clear()
            self.qr.setVisible(False)
            self.join_text.setText(self.tr(
                "This provisioning (%1 bytes, with the server's certificate) is too big for a "
                "camera to read: copy the file to the desk on a USB stick and run “checkin "
                "sync join FILE” there.").replace("%1", str(desk.size)))
        self.join_panel.setVisible(True)
        self.refresh()

    # --- revoking ---------------------------------------------------------------------------

    def ask_revoke(self) -> None:
        row = self.selected()
        if row is None:
            return
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Revoke %1").replace("%1", row.name),
                          self.tr("Revoke desk %1? It can no longer sync; the events it has not "
                                  "synced stay on it (checkin sync export).")
                          .replace("%1", row.name), parent=self)
        yes = box.addButton(self.tr("Revoke"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Keep it"), QMessageBox.ButtonRole.RejectRole)
        name = row.name
        box.buttonClicked.connect(lambda button: self.revoke(name) if button is yes else None)
        self.dialog = box
        box.open()

    def revoke(self, name: str) -> None:
        self.runner.run(revoke_desk, self.store.engine, name,
                        on_done=lambda _none: self._revoked(name), on_error=self._show_error)

    def _revoked(self, name: str) -> None:
        self.message.setStyleSheet("")
        self.message.setText(self.tr("Desk %1 revoked: it can no longer sync; its unsynced "
                                     "events stay on it.").replace("%1", name))
        self.refresh()

    def _show_error(self, exc: BaseException) -> None:
        code = exc.code if isinstance(exc, CodedError) else ""
        texts = {
            "DESK_EXISTS": self.tr("A desk of that name exists: revoke it first to provision "
                                   "it again (%1).").replace("%1", str(exc)),
            "UNKNOWN_WORKSHOP": self.tr("Choose at least one workshop of this database."),
            "UNKNOWN_DESK": self.tr("No such desk."),
        }
        text = texts.get(code) or self.tr("Could not do it: %1").replace("%1", str(exc))
        self.message.setStyleSheet("color: #b0201b; font-weight: bold;")
        self.message.setText(text)

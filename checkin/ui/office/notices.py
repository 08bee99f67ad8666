"""The office's notices page: preview, render, send with pause and resume, the day's e-mails.

Each button is one service call shared with the command line. A send runs off the GUI
thread; Pause asks it to stop before the next message, Resume sends again and the service
skips what was sent. Failures stay listed with their reason until a later send succeeds.
"""

from __future__ import annotations

import tempfile
import threading
from functools import partial
from pathlib import Path
from typing import Any, ClassVar

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from checkin.core.errors import CodedError
from checkin.db.store import Store
from checkin.notices.mail import SmtpSettings
from checkin.services.day_mail import level3_alert, online_link, send_online_link, set_online_link
from checkin.services.notices import SendReport, SendRow, render_notices, send_notices
from checkin.services.office_queries import workshop_roster
from checkin.services.workshops_admin import workshop_overview
from checkin.ui.tables import RowsModel
from checkin.ui.tasks import Runner

Index = QModelIndex | QPersistentModelIndex


translate = QCoreApplication.translate  # lupdate reads translate("context", "text")


def reason_text(error: str | None) -> str:
    """A failure's words: its code translated, the server's own words kept after it."""
    if not error:
        return ""
    code, _, detail = error.partition(" ")
    words = {
        "EMAIL_MISSING": translate("NoticesPage", "No e-mail address"),
        "EMAIL_INVALID": translate("NoticesPage", "Malformed e-mail address"),
        "RECIPIENT_REFUSED": translate("NoticesPage", "The mail server refused the address"),
        "REFUSED": translate("NoticesPage", "The mail server refused the message"),
        "CONNECTION": translate("NoticesPage", "Connection lost"),
        "SMTP": translate("NoticesPage", "Mail server error"),
    }.get(code)
    if words is None:
        return error
    return f"{words} ({detail})" if detail else words


class FailuresModel(RowsModel):
    columns: ClassVar[int] = 3

    def headers(self) -> tuple[str, ...]:
        return (translate("NoticesPage", "Name"), translate("NoticesPage", "E-mail"),
                translate("NoticesPage", "Reason"))

    def cells(self, r: SendRow) -> tuple[object, ...]:
        return r.name, r.email or "", reason_text(r.error)


class NoticesPage(QWidget):
    """Preview, render and send a workshop's notices; the online link and a Level-3 alert."""

    progressed = Signal(int, int)  # emitted from the worker; queued to the GUI thread

    def __init__(self, store: Store, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.runner = store, runner
        self.stop = threading.Event()
        self.sending = False
        self.last_kind = "notices"
        self.report: SendReport | None = None

        self.workshop = QComboBox()
        self.workshop.currentIndexChanged.connect(lambda _i: self.refresh())
        self.smtp = QLineEdit("localhost:587")
        self.sender_field = QLineEdit()
        self.sender_field.setPlaceholderText("desk@example.org")
        self.security = QComboBox()
        for value in ("starttls", "ssl", "none"):
            self.security.addItem(value, value)
        self.user = QLineEdit()
        self.link = QLineEdit()
        self.link.setPlaceholderText("https://")
        form = QGridLayout()
        rows = (
            (self.tr("Workshop"), self.workshop),
            (self.tr("SMTP server"), self.smtp),
            (self.tr("Sender"), self.sender_field),
            (self.tr("Security"), self.security),
            (self.tr("SMTP user"), self.user),
            (self.tr("Online course link"), self.link),
        )
        for n, (label, widget) in enumerate(rows):
            form.addWidget(QLabel(label), n, 0)
            form.addWidget(widget, n, 1)

        self.preview_button = QPushButton(self.tr("Preview"))
        self.preview_button.clicked.connect(self.preview)
        self.render_button = QPushButton(self.tr("Render to folder…"))
        self.render_button.clicked.connect(self._render)
        self.send_button = QPushButton(self.tr("Send notices"))
        self.send_button.clicked.connect(lambda: self.send("notices"))
        self.pause_button = QPushButton(self.tr("Pause"))
        self.pause_button.setEnabled(False)
        self.pause_button.clicked.connect(self.pause_or_resume)
        self.save_link = QPushButton(self.tr("Save link"))
        self.save_link.clicked.connect(self._save_link)
        self.link_button = QPushButton(self.tr("Send online link"))
        self.link_button.clicked.connect(lambda: self.send("online_link"))
        self.level3_button = QPushButton(self.tr("Level-3 alert: online only"))
        self.level3_button.clicked.connect(self._confirm_level3)
        buttons = QHBoxLayout()
        for b in (
            self.preview_button,
            self.render_button,
            self.send_button,
            self.pause_button,
            self.save_link,
            self.link_button,
            self.level3_button,
        ):
            buttons.addWidget(b)
        buttons.addStretch(1)

        self.progress = QProgressBar()
        self.progressed.connect(self._progress)
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.failures = FailuresModel(str)
        self.failures_view = QTableView()
        self.failures_view.setModel(self.failures)
        self.failures_view.verticalHeader().hide()
        self.failures_view.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.failures_view.horizontalHeader().setSectionResizeMode(
            2, QHeaderView.ResizeMode.Stretch
        )
        self.picture = QLabel()
        self.picture.setMinimumWidth(320)
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)

        left = QVBoxLayout()
        left.addLayout(form)
        left.addLayout(buttons)
        left.addWidget(self.progress)
        left.addWidget(self.state)
        left.addWidget(QLabel(self.tr("Not sent (retried by the next send)")))
        left.addWidget(self.failures_view, 1)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 3)
        layout.addWidget(self.picture, 2)
        for w in workshop_overview(store):
            self.workshop.addItem(f"{w.code} {w.title} {w.day:%m-%d}", w.id)

    def workshop_id(self) -> int:
        return int(self.workshop.currentData())

    def notices_due(self, code: str, cancelled: bool) -> None:
        """After a reschedule or cancel on the workshops page: that workshop, ready to send."""
        for index in range(self.workshop.count()):
            if self.workshop.itemText(index).startswith(f"{code} "):
                self.workshop.setCurrentIndex(index)
        if cancelled:
            self.state.setText(self.tr("The workshop was cancelled: “Send notices” now sends "
                                       "its registrants and waiting list the cancellation."))
        else:
            self.state.setText(self.tr("The workshop was moved: “Send notices” now sends its "
                                       "registrants the new date (same QR codes)."))

    def refresh(self) -> None:
        self.runner.run(
            online_link,
            self.store,
            self.workshop_id(),
            on_done=lambda url: self.link.setText(url or ""),
        )

    def settings(self) -> SmtpSettings:
        return SmtpSettings.parse(
            self.smtp.text().strip(),
            self.sender_field.text().strip(),
            username=self.user.text().strip() or None,
            security=self.security.currentData(),
        )

    # --- preview and render -----------------------------------------------------------

    def preview(self) -> None:
        self.runner.run(
            self._preview_file,
            self.workshop_id(),
            on_done=self._show_preview,
            on_error=self._failed,
        )

    def _preview_file(self, workshop: int) -> bytes | None:
        people = workshop_roster(self.store, workshop, status="registered")
        if not people:
            return None
        with tempfile.TemporaryDirectory() as folder:
            result = render_notices(
                self.store, workshop, Path(folder), ("png",), chosen=[str(people[0].id)], dpi=60
            )
            return result.files[0].read_bytes()

    def _show_preview(self, png: bytes | None) -> None:
        if png is None:
            self.picture.setText(self.tr("Nobody registered yet"))
            return
        pixmap = QPixmap()
        pixmap.loadFromData(png)
        self.picture.setPixmap(
            pixmap.scaledToWidth(320, Qt.TransformationMode.SmoothTransformation)
        )

    def _render(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder for the notices"))
        if folder:
            self.render_to(Path(folder))

    def render_to(self, folder: Path) -> None:
        self.state.setText(self.tr("Rendering…"))
        self.runner.run(
            render_notices,
            self.store,
            self.workshop_id(),
            folder,
            on_done=lambda r: self.state.setText(
                self.tr("%1 notices written.").replace("%1", str(r.notices))
            ),
            on_error=self._failed,
        )

    def _save_link(self) -> None:
        self.runner.run(
            set_online_link,
            self.store,
            self.workshop_id(),
            self.link.text(),
            on_done=lambda url: self.state.setText(self.tr("Link saved.")),
            on_error=self._failed,
        )

    def _confirm_level3(self) -> None:
        answer = QMessageBox.question(
            self,
            self.tr("Level-3 alert"),
            self.tr(
                "Hold %1 online only? Its QR codes will no longer admit anyone at the "
                "door, and every registrant and the waitlist will be e-mailed the link."
            ).replace("%1", self.workshop.currentText()),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.send("level3")

    # --- sending ------------------------------------------------------------------------

    def send(self, kind: str) -> None:
        """Send ``kind`` (notices, online_link, level3) to those not reached yet."""
        try:
            settings = self.settings()
        except CodedError as exc:
            self._failed(exc)
            return
        self.last_kind = kind
        self.stop.clear()
        self.sending = True
        self.pause_button.setText(self.tr("Pause"))
        self.pause_button.setEnabled(True)
        self.state.setText(self.tr("Sending…"))
        options: dict[str, Any] = {
            "should_stop": self.stop.is_set,
            "progress": self.progressed.emit,
            "throttle": 0.2,
        }
        workshop = self.workshop_id()
        if kind == "notices":
            job = partial(send_notices, self.store, workshop, settings, **options)
        elif kind == "online_link":
            job = partial(send_online_link, self.store, workshop, settings, **options)
        else:
            job = partial(
                lambda: (
                    level3_alert(self.store, workshop, self.link.text(), settings, **options).report
                )
            )
        self.runner.run(job, on_done=self._sent, on_error=self._failed)

    def pause_or_resume(self) -> None:
        if self.sending:
            self.stop.set()  # the worker stops before its next message
            self.pause_button.setEnabled(False)
        else:
            self.send(self.last_kind)

    def _progress(self, done: int, total: int) -> None:
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)

    def _sent(self, report: SendReport) -> None:
        self.sending = False
        self.report = report
        self.failures.set_rows([r for r in report.rows if r.status == "failed"])
        left = report.count("not_reached")
        text = self.tr("Sent %1, failed %2, sent before %3, not reached %4.")
        for n, value in enumerate(
            (report.count("sent"), report.count("failed"), report.count("skipped"), left), start=1
        ):
            text = text.replace(f"%{n}", str(value))
        if left:
            self.pause_button.setText(self.tr("Resume"))
            self.pause_button.setEnabled(True)
            text = self.tr("Paused.") + " " + text
        else:
            self.pause_button.setEnabled(False)
        self.state.setText(text)

    def _failed(self, exc: BaseException) -> None:
        self.sending = False
        self.pause_button.setEnabled(False)
        code = exc.code if isinstance(exc, CodedError) else type(exc).__name__
        self.state.setText(self.tr("Stopped: %1").replace("%1", code))

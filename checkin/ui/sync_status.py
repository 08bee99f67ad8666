"""Status-bar widget: online or offline, events waiting to be sent, last verified sync.

It never touches the database: it calls ``status_fn`` (pending counts from the desk's
store) and ``probe_fn`` (can the central database be reached?) off the GUI thread, every
``interval_ms`` and whenever :meth:`refresh` is called (after a scan, after a sync).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from checkin.core.clock import TAIPEI
from checkin.sync.runner import DeskStatus
from checkin.ui.tasks import Runner, ThreadRunner


class SyncStatusWidget(QWidget):
    """● Online / ○ Offline · N to send · last sync HH:MM."""

    def __init__(self, status_fn: Callable[[], DeskStatus], probe_fn: Callable[[], bool],
                 runner: Runner | None = None, interval_ms: int = 30_000,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.status_fn, self.probe_fn = status_fn, probe_fn
        # Its own worker: a slow network probe must never delay a scan's decision.
        self.runner: Runner = runner or ThreadRunner()
        self.online: bool | None = None
        self.status: DeskStatus | None = None
        self.link_label = QLabel(self)
        self.pending_label = QLabel(self)
        self.last_label = QLabel(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        for label in (self.link_label, self.pending_label, self.last_label):
            layout.addWidget(label)
        self._busy = False
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.refresh)
        if interval_ms > 0:
            self.timer.start(interval_ms)
        self._show()

    def refresh(self) -> None:
        """Ask again (off the GUI thread); the labels change when the answers arrive."""
        if self._busy:
            return
        self._busy = True
        self.runner.run(self._gather, on_done=self._gathered, on_error=self._failed)

    def _gather(self) -> tuple[DeskStatus, bool]:
        status = self.status_fn()
        return status, (self.probe_fn() if status.linked else False)

    def _gathered(self, result: Any) -> None:
        self._busy = False
        self.status, self.online = result
        self._show()

    def _failed(self, _exc: BaseException) -> None:
        self._busy = False
        self.online = False
        self._show()

    def _show(self) -> None:
        status = self.status
        if status is not None and not status.linked:
            self.link_label.setText(self.tr("Not linked to central"))
            self.link_label.setStyleSheet("color: #666;")
        elif self.online:
            self.link_label.setText("● " + self.tr("Online"))
            self.link_label.setStyleSheet("color: #1b7f3b;")
        else:
            self.link_label.setText("○ " + self.tr("Offline"))
            self.link_label.setStyleSheet("color: #a15c00;")
        pending = status.pending if status else 0
        text = self.tr("%n event(s) to send", "", pending)
        if status is not None and status.set_aside:
            text += " · " + self.tr("%n set aside", "", status.set_aside)
        self.pending_label.setText(text)
        if status is not None and status.last_sync_at is not None:
            # Taipei time, as everything the staff read: not the laptop's own zone.
            when = status.last_sync_at.astimezone(TAIPEI).strftime("%H:%M")
            self.last_label.setText(self.tr("Last sync %1").replace("%1", when))
        else:
            self.last_label.setText(self.tr("Never synced"))
        if status is not None and status.ready_for_offline is False:
            self.last_label.setText(self.last_label.text() + " · "
                                    + self.tr("Clock is off: not ready for offline"))

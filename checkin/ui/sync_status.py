"""Status-bar widget and the exchanges during the day.

:class:`SyncStatusWidget`: online or offline, events waiting to be sent, last exchange, last
verified sync. It never touches the database: it calls ``status_fn`` (pending counts from
the desk's store) and ``probe_fn`` (can the central database be reached?) off the GUI
thread, every ``interval_ms`` and whenever :meth:`refresh` is called (after a scan, after a
sync, after an exchange).

:class:`ExchangeDriver`: runs the desk's exchanges (``exchange_fn``, on a worker thread of
its own, never the GUI thread nor the one deciding scans) when the Qt-free
:class:`~checkin.sync.schedule.ExchangeSchedule` says so; a timer asks it once a second.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from checkin.core.clock import TAIPEI
from checkin.sync.exchange import ExchangeReport
from checkin.sync.runner import DeskStatus
from checkin.sync.schedule import ExchangeSchedule
from checkin.ui.tasks import Runner, ThreadRunner

log = logging.getLogger(__name__)


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
        self.exchange_label = QLabel(self)
        self.last_label = QLabel(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        for label in (self.link_label, self.pending_label, self.exchange_label,
                      self.last_label):
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

    def exchanged(self, report: ExchangeReport) -> None:
        """An exchange ended: its answer says online or not; the counts are asked again."""
        self.online = report.reached
        self._show()
        self.refresh()

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
        if status is not None and status.last_exchange_at is not None:
            when = status.last_exchange_at.astimezone(TAIPEI).strftime("%H:%M:%S")
            self.exchange_label.setText(self.tr("Last exchange %1").replace("%1", when))
        self.exchange_label.setVisible(status is not None and status.linked
                                       and status.last_exchange_at is not None)
        if status is not None and status.last_sync_at is not None:
            # Taipei time, as everything the staff read: not the laptop's own zone.
            when = status.last_sync_at.astimezone(TAIPEI).strftime("%H:%M")
            self.last_label.setText(self.tr("Last sync %1").replace("%1", when))
        else:
            self.last_label.setText(self.tr("Never synced"))
        if status is not None and status.ready_for_offline is False:
            self.last_label.setText(self.last_label.text() + " · "
                                    + self.tr("Clock is off: not ready for offline"))


class ExchangeDriver(QObject):
    """Runs ``exchange_fn`` when ``schedule`` says so, off the GUI thread; quiet offline.

    :meth:`arrived` may be called from any thread (the desk's worker records arrivals): a
    queued signal brings it to the GUI thread, which owns the schedule.
    """

    exchanged = Signal(object)  # the ExchangeReport, on the GUI thread
    _arrival = Signal()

    def __init__(self, exchange_fn: Callable[[], ExchangeReport],
                 schedule: ExchangeSchedule | None = None, runner: Runner | None = None,
                 clock: Callable[[], float] = time.monotonic, tick_ms: int = 1000,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.exchange_fn = exchange_fn
        self.schedule = schedule or ExchangeSchedule()
        # Its own worker: an exchange waiting on a slow network never delays a scan, and
        # the end-of-day sync can share it so the two never run at once.
        self.runner: Runner = runner or ThreadRunner()
        self.clock = clock
        self.last: ExchangeReport | None = None
        self._arrival.connect(self._arrived)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.tick)
        self.tick_ms = tick_ms

    def start(self) -> None:
        """Exchange now, then as planned."""
        self.schedule.start(self.clock())
        self.tick()
        if self.tick_ms > 0:
            self.timer.start(self.tick_ms)

    def stop(self) -> None:
        self.timer.stop()

    def arrived(self) -> None:
        """An arrival was recorded (any thread)."""
        self._arrival.emit()

    def _arrived(self) -> None:
        self.schedule.arrived(self.clock())

    def tick(self) -> None:
        now = self.clock()
        if not self.schedule.due(now):
            return
        self.schedule.begin(now)
        self.runner.run(self.exchange_fn, on_done=self._done, on_error=self._failed)

    def _done(self, report: Any) -> None:
        was_online = self.schedule.online
        self.schedule.finished(self.clock(), report.reached)
        if was_online != self.schedule.online or (not report.reached and self.last is None):
            # Logged once per change: a desk offline all day writes two lines, not 900.
            log.info("exchange with central: %s %s", report.status, report.detail or "")
        self.last = report
        self.exchanged.emit(report)

    def _failed(self, exc: BaseException) -> None:
        log.error("exchange failed unexpectedly: %s: %s", type(exc).__name__, exc)
        self._done(ExchangeReport(status="FAILED", detail=type(exc).__name__))

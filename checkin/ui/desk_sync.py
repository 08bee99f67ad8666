"""The desk's sync in its window: the status-bar state, the exchanges with central every
30 s and after each arrival, and the end-of-day sync button.

Loaded after the desk window is shown (app.py), so the sync machinery (the central pull
and push, about 90 ms to import) never delays the first scan.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QLabel, QPushButton

from checkin.core.outcomes import Outcome
from checkin.db.store import Store
from checkin.sync.errors import SyncError
from checkin.sync.exchange import DeskExchange
from checkin.sync.link import DeskLink, credentials_path, load_link
from checkin.sync.runner import desk_status, probe, sync_desk
from checkin.ui.backend import DeskBackend
from checkin.ui.main_window import DeskWindow
from checkin.ui.sync_dialog import SyncDialog
from checkin.ui.sync_status import ExchangeDriver, SyncStatusWidget
from checkin.ui.tasks import ThreadRunner

log = logging.getLogger(__name__)


def add_sync(window: DeskWindow, store: Store, db_url: str, kiosk: bool) -> None:
    """Status-bar sync state, and the end-of-day sync for a desk linked to central.

    A credentials file that cannot be used (readable by others, damaged) never stops the
    desk: check-in works offline; the desk shows itself not linked and says why. A desk
    linked later by a join QR code (``window.linked``) starts its sync there and then.
    """
    problem: QLabel | None = None
    try:
        link = load_link(db_url)
    except SyncError as exc:
        log.error("central credentials unusable, desk runs unlinked: %s", exc)
        link = None
        problem = QLabel(QCoreApplication.translate(
            "app", "Central credentials file unusable (%1): not linked; check-in works "
                   "offline.").replace(
            "%1", str(credentials_path(db_url).name)), window)
        problem.setObjectName("sync_problem")
        problem.setToolTip(exc.detail or exc.code)
        problem.setStyleSheet("color: #b0201b; font-weight: bold;")
        window.add_status_widget(problem)
    sync = DeskSync(window, store, kiosk, link, problem)
    window.desk_url = db_url
    window.linked.connect(sync.link_to)
    window.live_sync = True


class DeskSync:
    """A desk's sync in the window: status, exchanges and the end-of-day sync button.

    Started at once for a linked desk, or when a join QR code links it (then the exchanges
    of an earlier link stop first: they spoke for another identity or server).
    """

    def __init__(self, window: DeskWindow, store: Store, kiosk: bool, link: DeskLink | None,
                 problem: QLabel | None = None) -> None:
        self.window, self.store, self.kiosk, self.link = window, store, kiosk, link
        self.problem = problem
        self.driver: ExchangeDriver | None = None
        self.stop_driver: Callable[[], None] | None = None
        # Arrivals tell whichever exchanges run now (none before the desk is linked).
        _after_each_arrival(window.backend, self._arrived)
        self.status = SyncStatusWidget(lambda: desk_status(store, self.link), self._probe)
        window.add_status_widget(self.status)
        self.status.refresh()
        if link is not None:
            self._start()

    def _arrived(self) -> None:
        driver = self.driver  # read once: the worker thread calls this
        if driver is not None:
            with contextlib.suppress(RuntimeError):  # replaced and deleted meanwhile
                driver.arrived()

    def _probe(self) -> bool:
        link = self.link
        return probe(link) if link is not None else False

    def link_to(self, link: DeskLink) -> None:
        """A join QR code linked the desk: sync with that central database from now on."""
        if self.stop_driver is not None:
            self.stop_driver()
            if self.driver is not None:
                self.driver.deleteLater()
        self.driver = self.stop_driver = None
        self.link = link
        if self.problem is not None:
            self.problem.setVisible(False)  # a usable link was written over that file
        self._start()
        self.status.refresh()

    def _start(self) -> None:
        assert self.link is not None
        self.driver, self.stop_driver = _start_exchanges(self.window, self.store, self.link,
                                                         self.status)
        if self.kiosk or self.window.findChild(QPushButton, "end_of_day_sync"):
            return  # a kiosk syncs after a supervisor has left kiosk mode and restarted it
        button = QPushButton(QCoreApplication.translate("SyncDialog", "End-of-day sync"),
                             self.window)
        button.setObjectName("end_of_day_sync")
        button.clicked.connect(self.open_dialog)
        self.window.add_status_widget(button)

    def open_dialog(self) -> None:
        link, driver = self.link, self.driver
        if link is None or driver is None:
            return
        # On the exchanges' worker: a sync never runs beside an exchange, and none starts
        # while the dialog is open (the sync exchanges itself).
        dialog = SyncDialog(lambda progress: sync_desk(self.store, link, progress=progress),
                            runner=driver.runner, parent=self.window)
        dialog.finished_report.connect(lambda _report: self.status.refresh())
        driver.schedule.paused = True
        try:
            dialog.exec()
        finally:
            driver.schedule.paused = False


def _start_exchanges(window: DeskWindow, store: Store, link: DeskLink,
                     status: SyncStatusWidget) -> tuple[ExchangeDriver, Callable[[], None]]:
    """Desks that talk: exchange events with central every 30 s and soon after an arrival
    (the caller tells ``driver.arrived``).

    Kiosks too: it is quiet and needs no one. Offline it only waits longer between tries.
    Returns the driver and what stops it (also run when the application quits).
    """
    exchange = DeskExchange(store, link)
    runner = ThreadRunner()
    driver = ExchangeDriver(exchange.run, runner=runner, parent=window)
    driver.exchanged.connect(status.exchanged)
    stopped: list[bool] = []

    def stop() -> None:
        if stopped:
            return
        stopped.append(True)
        with contextlib.suppress(RuntimeError):  # the window (and the driver) was deleted
            driver.stop()
        runner.wait()  # an exchange under way finishes: what it sent is then marked sent
        exchange.close()

    QApplication.instance().aboutToQuit.connect(stop)  # type: ignore[union-attr]
    driver.start()
    return driver, stop


def _after_each_arrival(backend: DeskBackend, tell: Callable[[], None]) -> None:
    """Call ``tell`` (on the desk's worker thread) after each check-in that stored an event.

    Wrapped here rather than in the window, so the desk's flow and layout stay unaware of
    the central database.
    """
    check_in = backend.check_in

    def check_in_and_tell(*args: Any, **kwargs: Any) -> Outcome:
        outcome = check_in(*args, **kwargs)
        if outcome.event_id:
            tell()
        return outcome

    setattr(backend, "check_in", check_in_and_tell)  # noqa: B010 (an instance's method)

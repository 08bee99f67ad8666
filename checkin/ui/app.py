"""Start the desk window: open the store, find the workshop, explain what is wrong if not."""

from __future__ import annotations

import importlib
import logging
import sys
from types import ModuleType
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy.exc import SQLAlchemyError

from checkin.core.clock import TAIPEI
from checkin.db.errors import StoreError
from checkin.db.store import Store, data_dir
from checkin.services import desk_queries
from checkin.ui import i18n
from checkin.ui.backend import DeskBackend
from checkin.ui.main_window import DeskWindow
from checkin.ui.messages import startup_problem_text, store_problem_text
from checkin.ui.sounds import SoundBoard
from checkin.ui.tasks import Runner, ThreadRunner

if TYPE_CHECKING:
    from checkin.services.retention import PurgeResult

log = logging.getLogger(__name__)

# The purge and the sync start this long after the window is shown: the first scans come
# first (the imports and the purge would share the desk's worker and Python's lock with them).
BACKGROUND_AFTER_MS = 1000


def application() -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
        app.setApplicationName("checkin")
        app.setOrganizationName("checkin")
    assert isinstance(app, QApplication)
    return app


def _explain(title: str, text: str) -> None:
    print(f"checkin: {text}", file=sys.stderr)
    box = QMessageBox(QMessageBox.Icon.Critical, title, text)
    box.exec()


def run_desk(db_url: str, workshop: str, kiosk: bool = False, lang: str | None = None,
             desk_name: str | None = None) -> int:
    """Open the desk window on ``workshop`` of the database at ``db_url``; blocks until closed.

    Returns the exit status: 0 after a normal close, 2 when the database or the workshop
    cannot be used (explained in a dialog and on stderr, never as a traceback).
    """
    app = application()
    try:
        store = Store.open(db_url, desk_name=desk_name)
    except StoreError as exc:
        i18n.install_language(lang)
        _explain(app.translate("app", "Check-in desk"),
                 store_problem_text(exc.code, exc.detail, exc.path))
        return 2
    with store:
        chosen = lang or desk_queries.get_desk_setting(store, "language")
        chosen = i18n.install_language(chosen)
        app.setProperty("checkin_lang", chosen)
        report = desk_queries.startup_report(store, workshop)
        if report.info is None:
            _explain(app.translate("app", "Check-in desk"),
                     startup_problem_text(report, workshop))
            return 2
        backend = DeskBackend.create(store, report.info.workshop_id)
        runner = ThreadRunner()
        window = DeskWindow(backend, report.info, runner, kiosk=kiosk,
                            sounds=SoundBoard(data_dir() / "sounds"))
        # The window first; then, on the desk's worker (in order with the scans), the
        # health-data purge and the sync machinery.
        QTimer.singleShot(BACKGROUND_AFTER_MS,
                          lambda: start_background(window, store, db_url, kiosk, runner))
        if not kiosk:
            # Many desk laptops have 1366x768 screens: never open larger than the screen.
            screen = app.primaryScreen().availableGeometry()
            window.resize(min(1400, screen.width()), min(860, screen.height()))
            if window.width() >= screen.width() or window.height() >= screen.height():
                window.showMaximized()
            else:
                window.show()
        status = app.exec()
        runner.wait()
        return int(status)


def start_background(window: DeskWindow, store: Store, db_url: str, kiosk: bool,
                     runner: Runner) -> None:
    """What the desk does once it is on screen: purge old health data, then add its sync.

    Both run on ``runner``, the desk's one worker, so a scan made meanwhile waits for at
    most one of them and never meets a half-started sync.
    """
    backend = window.backend
    runner.run(_purge, backend, on_error=lambda exc: log.warning(
        "health-data purge postponed: %s", exc))

    def add(module: ModuleType) -> None:
        if window.isVisible():  # not closed meanwhile
            module.add_sync(window, store, db_url, kiosk)

    runner.run(importlib.import_module, "checkin.ui.desk_sync", on_done=add)


def _purge(backend: DeskBackend) -> PurgeResult | None:
    """Guarantee 8, desk side: health data goes 28 days after its workshop. "Today" is the
    desk's clock, so a demo on demo time keeps its own screenings."""
    from checkin.services.retention import purge_health_data

    try:
        return purge_health_data(backend.store.engine,
                                 today=backend.now().astimezone(TAIPEI).date())
    except SQLAlchemyError as exc:
        log.warning("health-data purge postponed: %s", exc)
        return None

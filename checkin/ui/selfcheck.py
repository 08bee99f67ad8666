"""The windows' part of ``checkin self-test``: build and paint each once, report what loaded.

Here because only ``ui`` imports Qt; the command (checkin/cli/selftest.py) prints the result.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QCoreApplication
from PySide6.QtMultimedia import QMediaDevices

from checkin.db.store import Store
from checkin.services import desk_queries
from checkin.ui import i18n
from checkin.ui.app import application
from checkin.ui.backend import DeskBackend
from checkin.ui.main_window import DeskWindow
from checkin.ui.sounds import SoundBoard
from checkin.ui.tasks import ThreadRunner


@dataclass(frozen=True)
class DeskCheck:
    """What building the desk window showed; ``problem`` is empty when all went well."""

    problem: str = ""
    platform: str = ""
    pyside: str = pyside_version
    language: str = ""
    words: str = ""
    cameras: int = 0


def check_desk_window(store: Store, workshop: str, folder: Path) -> DeskCheck:
    """Build the desk window on ``workshop`` with the zh_TW translations, paint it, close it.

    The camera is listed, never opened: a self-test on a working desk must not take it away.
    Sounds are written to ``folder``.
    """
    app = application()
    lang = i18n.install_language("zh_TW")
    words = QCoreApplication.translate("app", "Check-in desk")
    found = DeskCheck(platform=app.platformName(), language=lang, words=words,
                      cameras=len(QMediaDevices.videoInputs()))
    if words == "Check-in desk":
        return _with(found, f"no {lang} translations ({i18n.qm_path(lang)} not loaded)")
    info = desk_queries.startup_report(store, workshop).info
    if info is None:
        return _with(found, "the workshop is not ready for a desk")
    runner = ThreadRunner()
    window = DeskWindow(DeskBackend.create(store, info.workshop_id), info, runner,
                        sounds=SoundBoard(folder / "sounds"), use_camera=False)
    try:
        window.resize(1366, 768)
        if window.grab().isNull():
            return _with(found, "the window painted nothing")
    finally:
        window._leaving = True
        window.shutdown()
        window.deleteLater()
        app.processEvents()
        runner.wait()
    return found


def _with(check: DeskCheck, problem: str) -> DeskCheck:
    return replace(check, problem=problem)


def check_office_window(store: Store, url: str) -> str:
    """Build the office window on ``store`` and paint each page (the live day page draws
    with Qt Charts); the names of the pages painted, or raise what went wrong."""
    from PySide6.QtCharts import QChartView

    from checkin.db.office_home import OfficeDatabase
    from checkin.ui.office.app import build_window

    app = application()
    runner = ThreadRunner()
    window = build_window(store, OfficeDatabase(url, True, url), runner)
    try:
        window.resize(1366, 768)
        pages = []
        for index in range(window.tabs.count()):
            window.tabs.setCurrentIndex(index)
            if window.grab().isNull():
                raise RuntimeError(f"the page {window.tabs.tabText(index)} painted nothing")
            pages.append(window.tabs.tabText(index))
        if not window.findChildren(QChartView):
            raise RuntimeError("the live day page has no chart")
    finally:
        window.close()
        window.deleteLater()
        app.processEvents()
        runner.wait()
    return f"{len(pages)} pages painted, the day's chart included"

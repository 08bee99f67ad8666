"""The office window: pages in tabs, the database it works on named in the status bar."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtWidgets import QLabel, QMainWindow, QTabWidget, QWidget

from checkin.db.office_home import OfficeDatabase


class Page(Protocol):
    """What the window asks of a page (besides being a QWidget)."""

    def refresh(self) -> None: ...


class OfficeWindow(QMainWindow):
    """Tabs of pages; the page shown is refreshed when it is chosen."""

    def __init__(self, database: OfficeDatabase, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.setWindowTitle(self.tr("Check-in office"))
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("office_tabs")
        self.tabs.setDocumentMode(True)
        self.tabs.currentChanged.connect(self._shown)
        self.setCentralWidget(self.tabs)
        self.database_label = QLabel(self._database_text(), self)
        self.database_label.setObjectName("office_database")
        self.database_label.setToolTip(database.shown)
        self.statusBar().addWidget(self.database_label, 1)

    def _database_text(self) -> str:
        if self.database.embedded:
            return self.tr("Database: this computer's office file (no central server): %1"
                           ).replace("%1", self.database.shown)
        return self.tr("Database: central server %1").replace("%1", self.database.shown)

    def add_page(self, page: QWidget, title: str) -> int:
        """Add ``page`` (a widget with ``refresh()``) as a tab; returns its index."""
        return self.tabs.addTab(page, title)

    def pages(self) -> list[QWidget]:
        return [w for i in range(self.tabs.count()) if (w := self.tabs.widget(i)) is not None]

    def _shown(self, index: int) -> None:
        page = self.tabs.widget(index)
        refresh = getattr(page, "refresh", None)
        if callable(refresh):
            refresh()

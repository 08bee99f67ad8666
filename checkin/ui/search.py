"""Search as you type for people without their notice; choosing a row starts a check-in."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from checkin.core.clock import TAIPEI
from checkin.services.desk_queries import SearchHit
from checkin.ui.messages import message_for


class SearchPanel(QWidget):
    """``query(text)`` after a short pause in typing; ``chosen(registration_id)``."""

    query = Signal(str)
    chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel(self)
        self.field = QLineEdit(self)
        self.field.setClearButtonEnabled(True)
        self.field.setMaxLength(100)  # a name or company, never a pasted novel
        self.results = QListWidget(self)
        self.results.itemActivated.connect(self._activated)
        self.field.textChanged.connect(self._typed)
        self.field.returnPressed.connect(self._enter)
        self.field.installEventFilter(self)
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(150)
        self._pause.timeout.connect(lambda: self.query.emit(self.field.text()))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.field)
        layout.addWidget(self.results, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.label.setText(self.tr("Search (no notice)"))
        self.field.setPlaceholderText(self.tr("Name, phone digits, company or tax ID"))

    def _typed(self, text: str) -> None:
        if text.strip():
            self._pause.start()
        else:
            self._pause.stop()
            self.results.clear()

    def set_results(self, hits: list[SearchHit], shown_name: dict[int, str]) -> None:
        self.results.clear()
        for hit in hits:
            row = hit.registration
            phone = f" …{row.phone[-3:]}" if row.phone else ""
            text = f"{shown_name[row.id]}  ·  {row.company}{phone}"
            standing = self.standing(hit)
            if standing:
                text += f"\n    {standing}"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            self.results.addItem(item)
        if hits:
            self.results.setCurrentRow(0)

    def standing(self, hit: SearchHit) -> str:
        """Already in (when, where) or turned away (when, why), before staff choose them."""
        if hit.arrived_at is not None:
            return self.tr("Already arrived %1 at desk %2").replace(
                "%1", hit.arrived_at.astimezone(TAIPEI).strftime("%H:%M")).replace(
                "%2", hit.arrived_desk or "?")
        if hit.refused is not None and hit.refused_at is not None:
            return self.tr("Turned away %1 at desk %2: %3").replace(
                "%1", hit.refused_at.astimezone(TAIPEI).strftime("%H:%M")).replace(
                "%2", hit.refused_desk or "?").replace("%3", message_for(hit.refused).title)
        return ""

    def _activated(self, item: QListWidgetItem) -> None:
        self.chosen.emit(int(item.data(Qt.ItemDataRole.UserRole)))

    def _enter(self) -> None:
        item = self.results.currentItem()
        if item is not None:
            self._activated(item)

    def clear(self) -> None:
        self.field.clear()
        self.results.clear()

    def eventFilter(self, obj: object, event: object) -> bool:
        # Up/Down in the field move through the results without leaving the field.
        if obj is self.field and isinstance(event, QKeyEvent) \
                and event.type() == QKeyEvent.Type.KeyPress \
                and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            step = 1 if event.key() == Qt.Key.Key_Down else -1
            row = max(0, min(self.results.count() - 1, self.results.currentRow() + step))
            self.results.setCurrentRow(row)
            return True
        return False

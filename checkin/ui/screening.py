"""The screening panel: temperature (focused, Enter submits) and the three declarations."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from checkin.core.outcomes import Declaration
from checkin.ui.messages import declaration_text


class ScreeningPanel(QFrame):
    """Emits ``submitted(temperature_text, declarations)``; a normal attendee needs no mouse."""

    submitted = Signal(str, frozenset)
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("screening")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.heading = QLabel(self)
        self.name = QLabel(self)
        self.company = QLabel(self)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        # Someone else scanned while this person is screened: named here, served next.
        self.next_notice = QLabel(self)
        self.next_notice.setWordWrap(True)
        self.next_notice.setStyleSheet("background: #f2b705; color: #1a1a1a; padding: 6px;"
                                       "font-weight: bold; border-radius: 4px;")
        self.next_notice.setVisible(False)
        self.heading.setVisible(False)  # the banner above says "health screening", larger
        self.company.setWordWrap(True)
        for label, size in ((self.heading, 14), (self.name, 22), (self.company, 13)):
            font = label.font()
            font.setPointSize(size)
            font.setBold(label is self.name)
            label.setFont(font)
        self.temperature = QLineEdit(self)
        self.temperature.setMaxLength(12)
        font = self.temperature.font()
        font.setPointSize(22)
        self.temperature.setFont(font)
        self.temperature.returnPressed.connect(self.submit)
        self.temperature_label = QLabel(self)
        self.checks = {item: QCheckBox(self) for item in Declaration}
        self.submit_button = QPushButton(self)
        self.submit_button.setDefault(True)
        self.submit_button.clicked.connect(self.submit)
        self.cancel_button = QPushButton(self)
        self.cancel_button.clicked.connect(self.cancelled)
        form = QFormLayout()
        form.addRow(self.temperature_label, self.temperature)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(5)
        for label in (self.next_notice, self.heading, self.name, self.company, self.note):
            layout.addWidget(label)
        layout.addLayout(form)
        for box in self.checks.values():
            layout.addWidget(box)
        buttons = QHBoxLayout()
        buttons.addWidget(self.submit_button, 1)
        buttons.addWidget(self.cancel_button)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Health screening"))
        self.temperature_label.setText(self.tr("Temperature °C"))
        self.temperature.setPlaceholderText(self.tr("e.g. 36.5"))
        for item, box in self.checks.items():
            box.setText(declaration_text(item))
        self.submit_button.setText(self.tr("Check in (Enter)"))
        self.cancel_button.setText(self.tr("Cancel (Esc)"))

    def start(self, name: str, company: str, note: str = "") -> None:
        """Show the panel for one person: fresh answers, focus on the temperature."""
        self.name.setText(name)
        self.company.setText(company)
        self.note.setText(note)
        self.note.setVisible(bool(note))
        self.show_next("")
        self.temperature.clear()
        for box in self.checks.values():
            box.setChecked(False)
        self.setEnabled(True)
        self.setVisible(True)
        self.temperature.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_next(self, text: str) -> None:
        """A notice above this person's name (someone else was scanned meanwhile)."""
        self.next_notice.setText(text)
        self.next_notice.setVisible(bool(text))

    def retry(self, note: str) -> None:
        """Keep the person, ask for the temperature again."""
        self.note.setText(note)
        self.note.setVisible(bool(note))
        self.setEnabled(True)
        self.temperature.selectAll()
        self.temperature.setFocus(Qt.FocusReason.OtherFocusReason)

    def declared(self) -> frozenset[Declaration]:
        return frozenset(item for item, box in self.checks.items() if box.isChecked())

    def submit(self) -> None:
        if not self.isEnabled() or not self.isVisible():
            return
        # Disabled until the verdict arrives, so a double Enter cannot submit twice.
        self.setEnabled(False)
        self.submitted.emit(self.temperature.text(), self.declared())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.submit()
        elif event.key() == Qt.Key.Key_Escape:
            self.cancelled.emit()
        else:
            super().keyPressEvent(event)

"""The supervisor dialog: name, PIN and (when the action needs one) a reason.

The dialog does not check the PIN itself; the window checks it off the GUI thread (the
hash is deliberately slow) and calls :meth:`refused` or closes the dialog.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)


class SupervisorDialog(QDialog):
    """``submitted(supervisor, pin, reason)``; in ``create_pin`` mode the PIN is typed twice."""

    submitted = Signal(str, str, str)

    def __init__(self, purpose: str, needs_reason: bool, create_pin: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.needs_reason = needs_reason
        self.create_pin = create_pin
        self.purpose = QLabel(purpose, self)
        self.purpose.setWordWrap(True)
        self.supervisor = QLineEdit(self)
        self.pin = QLineEdit(self)
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit(self)
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.reason = QLineEdit(self)
        self.reason.setMaxLength(200)
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #b0201b; font-weight: bold;")
        self.error.setWordWrap(True)
        form = QFormLayout()
        self.supervisor_label, self.pin_label = QLabel(self), QLabel(self)
        self.repeat_label, self.reason_label = QLabel(self), QLabel(self)
        form.addRow(self.supervisor_label, self.supervisor)
        form.addRow(self.pin_label, self.pin)
        if create_pin:
            form.addRow(self.repeat_label, self.repeat)
        if needs_reason:
            form.addRow(self.reason_label, self.reason)
        # Rows this action has no use for stay hidden: a child outside the layout would be
        # drawn at the dialog's top-left corner, over the purpose line.
        for label, field, used in ((self.repeat_label, self.repeat, create_pin),
                                   (self.reason_label, self.reason, needs_reason)):
            label.setVisible(used)
            field.setVisible(used)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.purpose)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.retranslate()
        self.pin.setFocus()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Supervisor"))
        self.supervisor_label.setText(self.tr("Supervisor name"))
        self.pin_label.setText(self.tr("New supervisor PIN") if self.create_pin
                               else self.tr("Supervisor PIN"))
        self.repeat_label.setText(self.tr("Repeat the PIN"))
        self.reason_label.setText(self.tr("Reason"))

    def _submit(self) -> None:
        pin = self.pin.text()
        if self.create_pin and pin != self.repeat.text():
            self.error.setText(self.tr("The two PINs differ."))
            return
        if self.create_pin and len(pin.strip()) < 4:
            self.error.setText(self.tr("A PIN has at least 4 characters."))
            return
        if self.needs_reason and not self.reason.text().strip():
            self.error.setText(self.tr("A reason is required."))
            return
        if self.needs_reason and not self.supervisor.text().strip():
            self.error.setText(self.tr("The supervisor's name is required."))
            return
        self.error.clear()
        self.buttons.setEnabled(False)
        self.submitted.emit(self.supervisor.text().strip(), pin, self.reason.text().strip())

    def failed(self, detail: str) -> None:
        """The PIN could not be checked (the database failed): say so, allow another try."""
        self.buttons.setEnabled(True)
        self.pin.setFocus()
        self.error.setText(self.tr("The PIN could not be checked (%1). Try again.").replace(
            "%1", detail))

    def refused(self, wait_s: float) -> None:
        """Wrong PIN: say so, and how long the desk will refuse to check another one."""
        self.buttons.setEnabled(True)
        self.pin.clear()
        self.pin.setFocus()
        if wait_s > 0:
            self.error.setText(self.tr("Wrong PIN. Try again in %n second(s).", "",
                                       max(1, round(wait_s))))
        else:
            self.error.setText(self.tr("Wrong PIN."))

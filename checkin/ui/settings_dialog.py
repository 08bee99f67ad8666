"""The desk's settings dialog: which camera, which language.

Texts keep the "DeskWindow" translation context they were written under.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtMultimedia import QCameraDevice
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QVBoxLayout,
    QWidget,
)


class SettingsDialog(QDialog):
    """Choices only; the window applies them when the dialog is accepted."""

    def __init__(self, cameras: list[QCameraDevice], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(QCoreApplication.translate("DeskWindow", "Settings"))
        self.cameras = QComboBox(self)
        self.cameras.addItem(QCoreApplication.translate("DeskWindow", "Default camera"), "")
        for device in cameras:
            self.cameras.addItem(device.description(), bytes(device.id().data()).decode(
                errors="replace"))
        self.language = QComboBox(self)
        self.language.addItem("繁體中文", "zh_TW")
        self.language.addItem("English", "en")
        current = QApplication.instance().property("checkin_lang") or "zh_TW"  # type: ignore[union-attr]
        self.language.setCurrentIndex(max(0, self.language.findData(current)))
        form = QFormLayout()
        form.addRow(QCoreApplication.translate("DeskWindow", "Camera"), self.cameras)
        form.addRow(QCoreApplication.translate("DeskWindow", "Language"), self.language)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addLayout(form)
        box.addWidget(buttons)

    def camera_id(self) -> str:
        """The chosen camera's id; empty for the system's default camera."""
        return str(self.cameras.currentData() or "")

    def language_code(self) -> str:
        return str(self.language.currentData())

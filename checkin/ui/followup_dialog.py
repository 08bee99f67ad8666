"""The follow-up dialog: where a follow-up stands (status) and a note, one change at a time."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from checkin.services.followups import MAX_NOTE, FollowupItem, FollowupStatus


def status_text(status: FollowupStatus) -> str:
    """A status in the desk's language."""
    texts = {
        FollowupStatus.TO_CONTACT: QCoreApplication.translate("FollowupDialog", "To contact"),
        FollowupStatus.CONTACTED: QCoreApplication.translate("FollowupDialog", "Contacted"),
        FollowupStatus.SAW_DOCTOR: QCoreApplication.translate("FollowupDialog",
                                                              "Saw a doctor"),
        FollowupStatus.RESULT_NOTED: QCoreApplication.translate("FollowupDialog",
                                                                "Result noted"),
    }
    return texts[status]


class FollowupDialog(QDialog):
    """Status and note of one follow-up; the window records them when accepted."""

    def __init__(self, item: FollowupItem, shown_name: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item = item
        self.setWindowTitle(self.tr("Follow-up"))
        who = QLabel(f"{shown_name}  ·  {item.company}", self)
        who.setWordWrap(True)
        self.status = QComboBox(self)
        for status in FollowupStatus:
            self.status.addItem(status_text(status), status.value)
        self.status.setCurrentIndex(max(0, self.status.findData(item.status.value)))
        self.note = QPlainTextEdit(self)
        self.note.setPlainText(item.note or "")
        self.note.setPlaceholderText(self.tr("Advice given, doctor's visit, result…"))
        self.note.textChanged.connect(self._limit)
        form = QFormLayout()
        form.addRow(self.tr("Status"), self.status)
        form.addRow(self.tr("Note"), self.note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addWidget(who)
        box.addLayout(form)
        box.addWidget(buttons)

    def _limit(self) -> None:
        text = self.note.toPlainText()
        if len(text) > MAX_NOTE:
            self.note.setPlainText(text[:MAX_NOTE])

    def chosen_status(self) -> FollowupStatus:
        return FollowupStatus(str(self.status.currentData()))

    def note_text(self) -> str:
        return self.note.toPlainText().strip()

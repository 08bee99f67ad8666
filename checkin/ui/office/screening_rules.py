"""The screening rules box of the health page: the organiser sets, the desks apply.

Saved through services/screening_rules.py (the same call as ``checkin screening set``);
the desks receive them with their next roster pull and name them in their header.
"""

from __future__ import annotations

from datetime import date
from functools import partial

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from checkin.core.errors import CodedError
from checkin.core.outcomes import Declaration
from checkin.core.screening import ScreeningProfile
from checkin.db.store import Store
from checkin.services import live, screening_rules
from checkin.services.desk_queries import ScreeningFigures
from checkin.ui.messages import declaration_text, screening_rule_text
from checkin.ui.office.common import fill
from checkin.ui.tasks import Runner


class ScreeningRulesBox(QGroupBox):
    def __init__(self, store: Store, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.runner = store, runner
        self.setTitle(self.tr("Screening rules for the desks"))

        self.from_day = QDateEdit()
        self.from_day.setCalendarPopup(True)
        self.from_day.setDisplayFormat("yyyy-MM-dd")
        today = live.today(store)
        self.from_day.setDate(QDate(today.year, today.month, today.day))
        self.from_day.dateChanged.connect(lambda _d: self.refresh())
        self.enabled_box = QCheckBox(self.tr("Screen at the door"))
        self.threshold = QDoubleSpinBox()
        self.threshold.setDecimals(1)
        self.threshold.setSingleStep(0.1)
        lo, hi = screening_rules.THRESHOLD_RANGE
        self.threshold.setRange(float(lo), float(hi))
        self.threshold.setSuffix(" °C")
        self.second = QRadioButton(self.tr("A second reading after a rest"))
        self.no_second = QRadioButton(self.tr("No second reading: the first one over denies"))
        self.rest = QSpinBox()
        self.rest.setRange(0, screening_rules.MAX_REST_MINUTES)
        self.rest.setSuffix(self.tr(" min"))
        self.second.toggled.connect(self.rest.setEnabled)
        self.questions = {q: QCheckBox(declaration_text(q)) for q in Declaration}
        self.save_button = QPushButton(self.tr("Save the rules"))
        self.save_button.clicked.connect(self.save)
        self.shown = QLabel()
        self.shown.setWordWrap(True)

        reading = QVBoxLayout()
        reading.addWidget(self.second)
        reading.addWidget(self.no_second)
        asked = QVBoxLayout()
        for box in self.questions.values():
            asked.addWidget(box)
        form = QFormLayout()
        form.addRow(self.tr("From"), self.from_day)
        form.addRow("", self.enabled_box)
        form.addRow(self.tr("Fever: over"), self.threshold)
        form.addRow(self.tr("Reading"), reading)
        form.addRow(self.tr("Rest before it"), self.rest)
        form.addRow(self.tr("Questions"), asked)
        bottom = QHBoxLayout()
        bottom.addWidget(self.shown, 1)
        bottom.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(bottom)

    def day(self) -> date:
        d = self.from_day.date()
        return date(d.year(), d.month(), d.day())

    def refresh(self) -> None:
        self.runner.run(screening_rules.rules_on, self.store, self.day(),
                        on_done=self._show, on_error=self._failed)

    def _show(self, profile: ScreeningProfile) -> None:
        self.enabled_box.setChecked(profile.enabled)
        self.threshold.setValue(float(profile.threshold))
        (self.second if profile.second_reading else self.no_second).setChecked(True)
        self.rest.setValue(profile.rest_minutes)
        self.rest.setEnabled(profile.second_reading)
        for q, box in self.questions.items():
            box.setChecked(q in profile.questions)
        self.shown.setText(fill(self.tr("The desks show: %1"), screening_rule_text(
            ScreeningFigures(profile.enabled, profile.threshold, profile.rest_minutes,
                             profile.second_reading))))

    def save(self) -> None:
        # Read the widgets here, on the GUI thread; the worker gets plain values.
        call = partial(screening_rules.set_rules, self.store, self.day(),
                       threshold=f"{self.threshold.value():.1f}",
                       second_reading=self.second.isChecked(), rest_minutes=self.rest.value(),
                       questions=[q for q, box in self.questions.items() if box.isChecked()],
                       enabled=self.enabled_box.isChecked())
        self.runner.run(call, on_done=self._saved, on_error=self._failed)

    def _saved(self, profile: ScreeningProfile) -> None:
        self._show(profile)
        self.shown.setText(self.shown.text() + "\n" + self.tr(
            "Saved. Desks take the rules with their next roster pull."))

    def _failed(self, exc: BaseException) -> None:
        code = exc.code if isinstance(exc, CodedError) else type(exc).__name__
        self.shown.setText(fill(self.tr("The rules were not saved (%1)."), code))

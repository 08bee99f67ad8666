"""The check-in desk window: scan or search, screen, verdict; counters and lists beside."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtMultimedia import QVideoSink
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from checkin.core.names import mask_name
from checkin.core.outcomes import Declaration, Outcome, OutcomeCode
from checkin.core.rules import OVERRIDABLE
from checkin.core.tokens import looks_like_token
from checkin.services.checkin import Who, storage_problem
from checkin.services.desk_queries import DeskInfo, RestingPerson
from checkin.ui import i18n
from checkin.ui.attempt import Attempt
from checkin.ui.backend import DeskBackend
from checkin.ui.banner import VerdictBanner
from checkin.ui.camera import CameraSource, CameraView, FrameScanner
from checkin.ui.desk_header import DeskHeader
from checkin.ui.kiosk import IdleReturn
from checkin.ui.messages import (
    SoundClass,
    detail_for,
    message_for,
    remeasure_text,
    storage_problem_text,
)
from checkin.ui.remeasure import RemeasureQueue
from checkin.ui.scanner_input import ScannerInput
from checkin.ui.screening import ScreeningPanel
from checkin.ui.search import SearchPanel
from checkin.ui.settings_dialog import SettingsDialog
from checkin.ui.side import SidePanel
from checkin.ui.sounds import SoundBoard
from checkin.ui.supervisor import SupervisorDialog
from checkin.ui.supervisor_gate import SupervisorGate
from checkin.ui.tasks import Runner

KEEP_SCREENING = frozenset({OutcomeCode.TEMPERATURE_ERROR, OutcomeCode.TEMPERATURE_NEEDED})
# A verdict stays on the banner at least this long (desk time) before a person whose rest is
# over is brought back to the screening panel on their own: staff must see the verdict.
VERDICT_HOLD_S = 5.0


class DeskWindow(QMainWindow):
    """The desk. Holds a :class:`DeskBackend` and a runner, never a database Session."""

    def __init__(self, backend: DeskBackend, info: DeskInfo, runner: Runner, *,
                 kiosk: bool = False, sounds: SoundBoard | None = None,
                 use_camera: bool = True, scanner: FrameScanner | None = None,
                 idle_ms: int = 60_000) -> None:
        super().__init__()
        self.backend, self.info, self.runner, self.kiosk = backend, info, runner, kiosk
        self.sounds = sounds
        self.attempt: Attempt | None = None
        self.offer: Attempt | None = None  # who an override would admit
        self.offer_code: OutcomeCode | None = None  # the refusal the supervisor would lift
        # Scanned while someone else's screening was open: screened after that one is done.
        self.next_up: Who | None = None
        self.lookups_pending = 0
        self.last_outcome: Outcome | None = None
        self.remeasure = RemeasureQueue()
        self.supervisor = SupervisorGate(backend, runner, self)
        self.settings_dialog: SettingsDialog | None = None
        self.camera_problem = ""
        self._leaving = False
        self.verdict_at: datetime | None = None

        self.header = DeskHeader(info, kiosk, self)
        head = self.header
        self.title, self.place, self.desk = head.title, head.place, head.desk
        self.roster, self.demo = head.roster, head.demo
        self.settings_button, self.leave_button = head.settings_button, head.leave_button
        self.settings_button.clicked.connect(self.open_settings)
        self.leave_button.clicked.connect(self.request_leave)
        # Stays up after a NOT_RECORDED until something is stored again: the next person's
        # screening must not look like business as usual while the disk is failing.
        self.storage_warning = QLabel(self)
        self.storage_warning.setStyleSheet("background: #5c0a0a; color: #ffffff; "
                                           "padding: 4px 10px; font-weight: bold;")
        self.storage_warning.setWordWrap(True)
        self.storage_warning.setVisible(False)
        self.storage_failed_at: datetime | None = None

        self.banner = VerdictBanner(self)
        self.banner.override_requested.connect(self.request_override)
        self.camera_view = CameraView(self)
        self.screening = ScreeningPanel(self)
        self.screening.submitted.connect(self._screening_submitted)
        self.screening.cancelled.connect(self._screening_cancelled)
        self.search = SearchPanel(self)
        self.search.query.connect(self._search)
        self.search.chosen.connect(self.choose_registration)
        self.search.field.returnPressed.connect(self._typed_token)
        self.middle = QStackedWidget(self)
        self.middle.addWidget(self.search)
        self.middle.addWidget(self.screening)
        self.side = SidePanel(self.shown, self)
        self.side.undo_requested.connect(self.request_undo)
        self.side.remeasure_chosen.connect(self._remeasure_chosen)
        self.side.followup_chosen.connect(self.record_followup)

        body = QHBoxLayout()
        body.addWidget(self.camera_view, 4)
        body.addWidget(self.middle, 3)
        body.addWidget(self.side, 3)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.addWidget(self.header)
        layout.addWidget(self.storage_warning)
        layout.addWidget(self.banner)
        layout.addLayout(body, 1)
        self.setCentralWidget(central)
        self.camera_notice = QLabel(self)
        self.statusBar().addWidget(self.camera_notice, 1)

        self.scanner = scanner or FrameScanner(parent=self)
        self.scanner.payload.connect(self.submit_token)
        self.scanner.preview.connect(self.camera_view.show_image)
        self.camera = CameraSource(self.scanner, self)
        self.camera.problem.connect(self._camera_problem)
        self.camera.started.connect(self._camera_started)
        self.wedge = ScannerInput(self)
        self.wedge.scanned.connect(self.submit_token)
        self.wedge.install()

        self.ticker = QTimer(self)
        self.ticker.setInterval(1000)
        self.ticker.timeout.connect(self.tick)
        self.ticker.start()
        self.idle_return = IdleReturn(idle_ms, kiosk, self)
        self.idle = self.idle_return.timer
        self.idle.timeout.connect(self._idle)
        self.idle_return.install()

        self.retranslate()
        self.back_to_scan()
        self.refresh()
        # The re-measure list outlives a restart: rebuilt from the stored REMEASURE events.
        self.runner.run(self.backend.resting, on_done=self._restore_waiting)
        if use_camera:
            self.camera.start(backend.get_setting("camera"))
        if kiosk:
            self.showFullScreen()

    # --- text -----------------------------------------------------------------------------

    def shown(self, name: str) -> str:
        """Names as this screen may show them: masked (王○明) when the attendee can see it."""
        return mask_name(name) if self.kiosk else name

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Check-in desk") + f" · {self.info.workshop_code}")
        self.header.retranslate()
        self._update_demo()
        self._show_storage_warning()
        for part in (self.banner, self.screening, self.search, self.side):
            part.retranslate()
        self._show_camera_problem()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _show_storage_warning(self) -> None:
        failed = self.storage_failed_at
        self.storage_warning.setVisible(failed is not None)
        if failed is not None:
            self.storage_warning.setText(self.tr(
                "Since %1 the desk cannot store check-ins: use the paper list until a "
                "check-in shows as stored again.").replace("%1", failed.strftime("%H:%M")))

    def _update_demo(self) -> None:
        if self.info.is_demo:
            self.header.show_demo_clock(self.backend.now())

    @property
    def supervisor_dialog(self) -> SupervisorDialog | None:
        """The supervisor PIN dialog opened last, if any."""
        return self.supervisor.dialog

    # --- status bar and camera ---------------------------------------------------------------

    def add_status_widget(self, widget: QWidget) -> None:
        """A place in the status bar for other areas' widgets (sync status)."""
        self.statusBar().addPermanentWidget(widget)

    def attach_video_sink(self, sink: QVideoSink) -> None:
        """Feed another video source (a recorded clip) into the same frame handler."""
        self.scanner.connect_sink(sink)

    def _camera_problem(self, problem: str) -> None:
        self.camera_problem = problem
        self._show_camera_problem()

    def _camera_started(self, description: str) -> None:
        self.camera_problem = ""
        self.camera_notice.setText(self.tr("Camera: %1").replace("%1", description))
        self.camera_view.set_notice("")

    def _show_camera_problem(self) -> None:
        if not self.camera_problem:
            return
        if self.camera_problem == "no_camera":
            text = self.tr("No camera found: scan with the USB scanner or search by name.")
        else:
            text = self.tr("Camera error (%1): scan with the USB scanner or search by name."
                           ).replace("%1", self.camera_problem.removeprefix("error:"))
        self.camera_notice.setText(text)
        self.camera_view.set_notice(text)

    # --- the flow: look up, screen, verdict ------------------------------------------------

    def submit_token(self, text: str) -> None:
        """A scanned or typed notice code."""
        who = Who(token=text)
        if self.attempt is not None and self.attempt.who == who and self.screening.isVisible():
            return  # the same notice still in front of the camera while staff type
        self._look_up(who)

    def choose_registration(self, registration_id: int) -> None:
        self._look_up(Who(registration_id=registration_id))

    def _look_up(self, who: Who) -> None:
        self.lookups_pending += 1

        def done(outcome: Outcome) -> None:
            self.lookups_pending -= 1
            self._looked_up(outcome, who)

        def failed(exc: BaseException) -> None:
            self.lookups_pending -= 1
            self._lookup_failed(exc)

        self.runner.run(self.backend.look_up, who, on_done=done, on_error=failed)

    def _typed_token(self) -> None:
        # Staff may type the notice's code by hand when a scan fails.
        text = self.search.field.text().strip()
        if looks_like_token(text):
            self.search.clear()
            self.submit_token(text)

    def _failed(self, exc: BaseException) -> None:
        """The database could not answer (I/O error, locked, gone): say so, never stay mute."""
        self.attempt = None
        self._set_offer(None, None)
        self.middle.setCurrentWidget(self.search)
        self.show_outcome(Outcome(OutcomeCode.NOT_RECORDED, detail=storage_problem(exc)))

    def _lookup_failed(self, exc: BaseException) -> None:
        if self.attempt is not None:
            # Someone is being screened: keep them, say that the other scan went nowhere.
            self.screening.show_next(self.tr("A scan could not be looked up (%1): scan it "
                                             "again after this person.").replace(
                "%1", storage_problem_text(storage_problem(exc))))
            return
        self._failed(exc)

    def _set_offer(self, attempt: Attempt | None, code: OutcomeCode | None) -> None:
        """Who a supervisor override would admit, and the one refusal it would lift."""
        if attempt is None or code not in OVERRIDABLE or attempt.registration_id is None:
            self.offer, self.offer_code = None, None
        else:
            self.offer, self.offer_code = attempt, code

    def _looked_up(self, outcome: Outcome, who: Who) -> None:
        current = self.attempt
        if current is not None:
            # Someone is being screened: a new scan never silently takes their place (the
            # temperature being typed would be stored for the wrong person). It waits, named.
            if outcome.registration_id is not None \
                    and outcome.registration_id == current.registration_id:
                return  # the same person again (their notice still under the camera)
            self.next_up = who
            name = self.shown(outcome.name) if outcome.name else self.tr("an unknown code")
            self.screening.show_next(self.tr(
                "Next: %1 was scanned. Finish %2 first (Enter), or cancel (Esc) to "
                "serve %1 now.").replace("%1", name).replace("%2", self.shown(current.name)))
            if self.sounds is not None:
                self.sounds.play(SoundClass.ATTENTION)
            return
        attempt = Attempt(who, outcome.name or "", outcome.company or "",
                          outcome.registration_id)
        if outcome.code is OutcomeCode.READY_FOR_SCREENING:
            self.begin_screening(attempt, outcome)
            return
        self._show_refusal(outcome, attempt)

    def _show_refusal(self, outcome: Outcome, attempt: Attempt) -> None:
        self._set_offer(attempt, outcome.code)
        self.attempt = None
        self.middle.setCurrentWidget(self.search)
        self.show_outcome(outcome, can_override=self.offer is not None)

    def begin_screening(self, attempt: Attempt, outcome: Outcome | None = None) -> None:
        self.attempt = attempt
        self._set_offer(None, None)
        note = ""
        if self.remeasure.is_resting(attempt):
            note = self.tr("Second reading (after rest).")
        self.middle.setCurrentWidget(self.screening)
        self.screening.start(self.shown(attempt.name), attempt.company, note)
        ready = outcome or Outcome(OutcomeCode.READY_FOR_SCREENING, name=attempt.name,
                                   company=attempt.company)
        self.show_outcome(ready, sound=False)

    def _screening_submitted(self, temperature: str, declared: frozenset[Declaration]
                             ) -> None:
        attempt = self.attempt
        if attempt is None:
            return
        self.runner.run(self.backend.check_in, attempt.who, temperature, declared,
                        attempt.override,
                        on_done=lambda outcome: self._checked_in(outcome, attempt),
                        on_error=lambda exc: self._checked_in(
                            Outcome(OutcomeCode.NOT_RECORDED, detail=storage_problem(exc)),
                            attempt))

    def _checked_in(self, outcome: Outcome, attempt: Attempt) -> None:
        if outcome.code in KEEP_SCREENING:
            self.show_outcome(outcome)
            self.screening.retry(message_for(outcome.code).title)
            return
        self.remeasure.record(outcome, attempt)
        self.attempt = None
        self.middle.setCurrentWidget(self.search)
        self.search.clear()
        # A refusal on submitting (a seat went while the form was filled in, a second rule
        # after an override) can be overridden too; earlier lifts of this attempt stay.
        self._set_offer(attempt, outcome.code)
        self.show_outcome(outcome, can_override=self.offer is not None)
        self._show_waiting()
        self.refresh()

    def show_outcome(self, outcome: Outcome, can_override: bool = False,
                     sound: bool = True) -> None:
        message = message_for(outcome.code)
        person = ""
        if outcome.name:
            person = self.shown(outcome.name)
            if outcome.company:
                person += f"  ·  {outcome.company}"
        figures = self.backend.screening
        message = message_for(outcome.code, self.backend.workshop,
                              figures.threshold if figures and figures.enabled else None)
        detail = detail_for(outcome, self.backend.workshop, self.backend.now())
        self.banner.show_message(message, person, detail, can_override)
        self.last_outcome = outcome
        self.verdict_at = self.backend.now()
        if outcome.code is OutcomeCode.NOT_RECORDED:
            self.storage_failed_at = self.storage_failed_at or self.verdict_at
        elif outcome.event_id is not None:
            self.storage_failed_at = None  # stored again
        self._show_storage_warning()
        if self.kiosk:
            self.idle.start()  # a camera scan has no key press: still return when idle
        if sound and self.sounds is not None:
            self.sounds.play(message.sound)

    def back_to_scan(self) -> None:
        """The scan screen: no one at the desk, search cleared, banner ready."""
        self.attempt = None
        self._set_offer(None, None)
        self.next_up = None
        self.middle.setCurrentWidget(self.search)
        self.search.clear()
        self.banner.show_idle()

    def _screening_cancelled(self) -> None:
        """Esc: this person is not checked in now; whoever was scanned meanwhile comes next."""
        waiting = self.next_up
        self.back_to_scan()
        if waiting is not None:
            self._look_up(waiting)

    # --- lists and counters ---------------------------------------------------------------

    def refresh(self) -> None:
        self.runner.run(self.backend.counters, on_done=self.side.counters.set_values)
        self.runner.run(self.backend.recent, on_done=self.side.recent_model.set_rows)
        self.runner.run(self.backend.followups,
                        on_done=lambda items: self.side.set_followups(
                            items, self.shown, mask_phone=self.kiosk))

    def _search(self, text: str) -> None:
        def show(rows: list) -> None:  # type: ignore[type-arg]
            if self.search.field.text() == text:  # ignore answers to older keystrokes
                self.search.set_results(rows, {r.id: self.shown(r.name) for r in rows})
        self.runner.run(self.backend.search, text, on_done=show)

    def _show_waiting(self) -> None:
        self.side.set_remeasure(self.remeasure.rows(self.backend.now(), self.shown))

    def _restore_waiting(self, people: list[RestingPerson]) -> None:
        self.remeasure.restore(people)
        self._show_waiting()

    def _remeasure_chosen(self, key: str) -> None:
        attempt = self.remeasure.call(key)
        if attempt is not None:
            self.begin_screening(attempt)

    def tick(self) -> None:
        """Once a second: demo clock, re-measure countdowns, bring the next person up."""
        self._update_demo()
        if not self.remeasure and self.next_up is None:
            return
        now = self.backend.now()
        last = self.last_outcome
        if self.banner.code is OutcomeCode.REMEASURE and last is not None \
                and last.remeasure_due is not None:
            self.banner.set_detail(remeasure_text(last.remeasure_due, now))
        if self.remeasure:
            self._show_waiting()
        held = self.verdict_at is not None and self.banner.code is not None \
            and (now - self.verdict_at).total_seconds() < VERDICT_HOLD_S
        # Never while staff type in the search field or a look-up is under way: their keys
        # would land in someone else's temperature field.
        busy = self.attempt is not None or self.lookups_pending > 0 \
            or bool(self.search.field.text())
        if busy or held:
            return
        if self.next_up is not None:  # scanned during the last screening: at the desk now
            who, self.next_up = self.next_up, None
            self._look_up(who)
            return
        due = self.remeasure.call_next_due(now)
        if due is not None:
            self.begin_screening(due)

    # --- supervisor actions (the PIN itself: supervisor_gate.py) --------------------------

    def request_override(self) -> None:
        offer, code = self.offer, self.offer_code
        if offer is None or code is None or code not in OVERRIDABLE:
            return
        self.supervisor.override(offer, code, self.shown(offer.name), self._ask_door_lifting)

    def _ask_door_lifting(self, offer: Attempt, lifts: frozenset[OutcomeCode]) -> None:
        self._set_offer(None, None)
        # Ask the door again with the lift: another rule may refuse too.
        self.runner.run(self.backend.look_up, offer.who, lifts,
                        on_done=lambda outcome: self._override_checked(outcome, offer),
                        on_error=self._failed)

    def _override_checked(self, outcome: Outcome, offer: Attempt) -> None:
        if outcome.code is not OutcomeCode.READY_FOR_SCREENING:
            self._show_refusal(outcome, offer)
            return
        self.begin_screening(offer, outcome)
        if offer.override is not None:
            self.screening.note.setText(self.tr("Supervisor override: %1").replace(
                "%1", offer.override.reason))
            self.screening.note.setVisible(True)

    def request_undo(self, event_id: str) -> None:
        self.supervisor.undo(event_id, self._undone, self._failed)

    def _undone(self) -> None:
        self.storage_failed_at = None  # the void event was stored
        self._show_storage_warning()
        self.banner.show_idle(self.tr("Arrival undone"))
        self.refresh()

    def request_leave(self) -> None:
        def granted() -> None:
            self._leaving = True
            self.close()

        self.supervisor.leave_kiosk(granted)

    def open_settings(self) -> None:
        if self.kiosk:
            self.supervisor.open_settings(self._settings)
        else:
            self._settings()

    def _settings(self) -> None:
        dialog = SettingsDialog(CameraSource.devices(), self)

        def apply() -> None:
            self.set_language(dialog.language_code())
            camera_id = dialog.camera_id()
            self.runner.run(self.backend.set_setting, "camera", camera_id)
            self.camera.start(camera_id or None)

        dialog.accepted.connect(apply)
        self.settings_dialog = dialog
        dialog.open()

    def set_language(self, lang: str) -> None:
        lang = i18n.install_language(lang)
        QApplication.instance().setProperty("checkin_lang", lang)  # type: ignore[union-attr]
        # Qt posts LanguageChange; retranslate now so the switch is visible at once.
        self.retranslate()
        self.runner.run(self.backend.set_setting, "language", lang)

    def record_followup(self, followup_id: int) -> None:
        text, ok = QInputDialog.getText(self, self.tr("Follow-up"),
                                        self.tr("Result of the follow-up:"))
        if ok and text.strip():
            self.runner.run(self.backend.record_followup, followup_id, text,
                            on_done=lambda _item: self.refresh(), on_error=self._failed)

    # --- kiosk ----------------------------------------------------------------------------

    def _idle(self) -> None:
        """Kiosk idle: back to the scan screen; a supervisor's open dialog is closed too."""
        for dialog in (self.supervisor_dialog, self.settings_dialog):
            if dialog is not None and dialog.isVisible():
                dialog.reject()
        self.back_to_scan()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.kiosk and not self._leaving:
            event.ignore()  # staff leave through the supervisor PIN, not the window's X
            return
        self.shutdown()
        super().closeEvent(event)

    def shutdown(self) -> None:
        self.ticker.stop()
        self.idle_return.uninstall()
        self.wedge.uninstall()
        self.camera.stop()
        self.scanner.stop()

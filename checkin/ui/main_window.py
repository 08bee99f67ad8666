"""The check-in desk window: layout and rendering. What happens next is desk_flow.py's."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QColor, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from checkin.core.names import mask_name
from checkin.core.outcomes import Outcome, OutcomeCode
from checkin.services.desk_queries import DeskInfo, RecentArrival, SearchHit
from checkin.services.followups import FollowupItem
from checkin.services.privacy import PrivacyNotice
from checkin.sync.link import DeskLink
from checkin.ui import i18n
from checkin.ui.attempt import Attempt
from checkin.ui.backend import DeskBackend
from checkin.ui.banner import VerdictBanner
from checkin.ui.camera import CameraSource, CameraView, FrameScanner
from checkin.ui.desk_flow import (
    AskAgain,
    AskJoin,
    CheckIn,
    CheckOut,
    Command,
    DeskFlow,
    Join,
    JoinCode,
    JoinRefusal,
    LoadResting,
    LookUp,
    Mode,
    Note,
    Refresh,
    ShowCountdown,
    ShowIdle,
    ShowJoined,
    ShowJoinRefused,
    ShowMode,
    ShowNextUp,
    ShowNotToday,
    ShowScan,
    ShowScanLost,
    ShowScreening,
    ShowStorageWarning,
    ShowVerdict,
    ShowWaiting,
)
from checkin.ui.desk_header import DeskHeader
from checkin.ui.followup_dialog import FollowupDialog
from checkin.ui.kiosk import IdleReturn
from checkin.ui.messages import (
    CHECK_OUT_COLOURS,
    SoundClass,
    Tone,
    detail_for,
    early_reading_message,
    full_attendance_rule,
    message_for,
    remeasure_text,
    screening_rule_text,
    storage_problem_text,
)
from checkin.ui.privacy_dialog import PrivacyDialog, PrivacyLine
from checkin.ui.roster import RosterPage
from checkin.ui.scanner_input import ScannerInput
from checkin.ui.screening import ScreeningPanel
from checkin.ui.search import SearchPanel
from checkin.ui.settings_dialog import SettingsDialog
from checkin.ui.side import SidePanel
from checkin.ui.sounds import SoundBoard
from checkin.ui.summary import SummaryPage
from checkin.ui.supervisor import SupervisorDialog
from checkin.ui.supervisor_gate import SupervisorGate
from checkin.ui.tasks import Runner

if TYPE_CHECKING:
    from PySide6.QtMultimedia import QVideoSink


class DeskWindow(QMainWindow):
    """The desk. Holds a :class:`DeskBackend` and a runner, never a database Session.

    ``linked(DeskLink)``: a join QR code linked the desk to a central database (app.py
    then starts its sync); ``live_sync`` says that someone does.
    """

    linked = Signal(object)

    def __init__(self, backend: DeskBackend, info: DeskInfo, runner: Runner, *,
                 kiosk: bool = False, sounds: SoundBoard | None = None,
                 use_camera: bool = True, scanner: FrameScanner | None = None,
                 idle_ms: int = 60_000, desk_url: str | None = None) -> None:
        super().__init__()
        self.backend, self.info, self.runner, self.kiosk = backend, info, runner, kiosk
        # The desk's database URL: its central credentials are kept next to it.
        self.desk_url = desk_url or backend.store.engine.url.render_as_string(
            hide_password=False)
        self.live_sync = False
        self.sounds = sounds
        self.flow = DeskFlow(backend.now, day=info.day)
        self.supervisor = SupervisorGate(backend, runner, self)
        self.settings_dialog: SettingsDialog | None = None
        self.followup_dialog: FollowupDialog | None = None
        self.privacy_dialog: PrivacyDialog | None = None
        self.camera_problem = ""
        self._leaving = False
        self._shut = False
        self._focused_once = False

        self.header = DeskHeader(info, kiosk, self)
        head = self.header
        self.title, self.place, self.desk = head.title, head.place, head.desk
        self.roster, self.demo = head.roster, head.demo
        self.settings_button, self.leave_button = head.settings_button, head.leave_button
        self.roster_button = head.roster_button
        self.roster_button.clicked.connect(self.open_roster)
        self.mode_button = head.mode_button
        self.mode_button.toggled.connect(self.set_check_out)
        head.summary_button.clicked.connect(self.open_summary)
        head.sheet_button.clicked.connect(self.save_signin_sheet)
        self.settings_button.clicked.connect(self.open_settings)
        self.leave_button.clicked.connect(self.request_leave)
        self.storage_warning = QLabel(self)
        self.storage_warning.setStyleSheet("background: #5c0a0a; color: #ffffff; "
                                           "padding: 4px 10px; font-weight: bold;")
        self.storage_warning.setWordWrap(True)
        self.storage_warning.setVisible(False)
        self.storage_failed_at: datetime | None = None  # as the flow last said
        # A desk started for a workshop that is not today (by the desk's clock): all day.
        self.day_warning = QLabel(self)
        self.day_warning.setStyleSheet("background: #f2b705; color: #1a1a1a; "
                                       "padding: 4px 10px; font-weight: bold;")
        self.day_warning.setWordWrap(True)
        self.day_warning.setVisible(False)
        self.not_today: ShowNotToday | None = None

        self.banner = VerdictBanner(self)
        self.banner.override_requested.connect(self.request_override)
        self.camera_view = CameraView(self)
        self.screening = ScreeningPanel(self)
        self.screening.submitted.connect(
            lambda temperature, declared: self.follow(self.flow.submitted(temperature, declared)))
        self.screening.cancelled.connect(lambda: self.follow(self.flow.cancelled()))
        self.search = SearchPanel(self)
        self.search.query.connect(self._search)
        self.search.chosen.connect(self.choose_registration)
        self.search.field.returnPressed.connect(
            lambda: self.follow(self.flow.typed(self.search.field.text())))
        self.middle = QStackedWidget(self)
        self.middle.addWidget(self.search)
        self.middle.addWidget(self.screening)
        self.side = SidePanel(self.shown, self)
        self.side.undo_requested.connect(self.request_undo)
        self.side.remeasure_chosen.connect(
            lambda key: self.follow(self.flow.chose_resting(key)))
        self.side.followup_chosen.connect(self.record_followup)

        self.roster_page = RosterPage(self.shown, self)
        self.roster_page.back_requested.connect(self.close_roster)
        self.summary_page = SummaryPage(self.shown, self)
        self.summary_page.back_requested.connect(self.close_roster)

        # Below the banner: the desk (camera, search or screening, side column) or the roster.
        self.desk_page = QWidget(self)
        body = QHBoxLayout(self.desk_page)
        body.setContentsMargins(0, 0, 0, 0)
        body.addWidget(self.camera_view, 3)
        body.addWidget(self.middle, 3)
        body.addWidget(self.side, 4)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.desk_page)
        self.pages.addWidget(self.roster_page)
        self.pages.addWidget(self.summary_page)
        # The frame around the whole desk wears the check-out colour in check-out mode; the
        # desk inside keeps the usual background, so its texts stay readable.
        self.frame = QWidget(self)
        self.frame.setAutoFillBackground(True)
        frame_layout = QVBoxLayout(self.frame)
        frame_layout.setContentsMargins(5, 5, 5, 5)
        central = QWidget(self.frame)
        central.setAutoFillBackground(True)
        inside = central.palette()
        inside.setColor(QPalette.ColorRole.Window, inside.color(QPalette.ColorRole.Window))
        central.setPalette(inside)
        self.frame_colour = self.frame.palette().color(QPalette.ColorRole.Window)
        frame_layout.addWidget(central)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(8, 6, 8, 4)
        layout.setSpacing(6)
        layout.addWidget(self.header)
        layout.addWidget(self.storage_warning)
        layout.addWidget(self.day_warning)
        layout.addWidget(self.banner)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(self.frame)
        self.camera_notice = QLabel(self)
        self.statusBar().addWidget(self.camera_notice, 1)
        # What is collected at the door, why and for how long: one line, a click for the page.
        self.privacy_line = PrivacyLine(self)
        self.privacy_line.opened.connect(self.open_privacy_notice)
        self.statusBar().addWidget(self.privacy_line)
        self.privacy: PrivacyNotice | None = None

        self.scanner = scanner or FrameScanner(parent=self)
        self.scanner.payload.connect(self.submit_token)
        self.scanner.preview.connect(self.camera_view.show_image)
        self.camera = CameraSource(self.scanner, self)
        self.camera.problem.connect(self._camera_problem)
        self.camera.started.connect(self._camera_started)
        self.wedge = ScannerInput(self)
        self.wedge.scanned.connect(self.submit_token)
        self.wedge.scan_fields = {self.search.field, self.screening.temperature}
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
        self.follow(self.flow.opened())
        if use_camera:
            self.runner.run(backend.get_setting, "camera", on_done=self._start_camera,
                            on_error=lambda _exc: self._start_camera(None))
        if kiosk:
            self.showFullScreen()

    # --- text -----------------------------------------------------------------------------

    def shown(self, name: str) -> str:
        """Names as this screen may show them: masked (王○明) when the attendee can see it."""
        return mask_name(name) if self.kiosk else name

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Check-in desk") + f" · {self.info.workshop_code}")
        self.header.retranslate()
        self.header.rule.setText(full_attendance_rule(self.backend.workshop))
        rule = screening_rule_text(self.backend.screening)
        self.header.screening_rule.setText(rule)
        self._update_demo()
        self._show_storage_warning()
        self._show_day_warning()
        for part in (self.banner, self.screening, self.search, self.side, self.roster_page,
                     self.summary_page):
            part.retranslate()
        self._show_camera_problem()
        self._load_privacy_notice()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._focused_once:
            # Typing on a desk just opened goes into the search field, not into the first
            # button (whose space bar would open the roster).
            self._focused_once = True
            self.search.field.setFocus(Qt.FocusReason.ActiveWindowFocusReason)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _show_storage_warning(self) -> None:
        # Stays up after a NOT_RECORDED until something is stored again: the next person's
        # screening must not look like business as usual while the disk is failing.
        failed = self.storage_failed_at
        self.storage_warning.setVisible(failed is not None)
        if failed is not None:
            self.storage_warning.setText(self.tr(
                "Since %1 the desk cannot store check-ins: use the paper list until a "
                "check-in shows as stored again.").replace("%1", failed.strftime("%H:%M")))

    def _show_day_warning(self) -> None:
        shown = self.not_today
        self.day_warning.setVisible(shown is not None)
        if shown is not None:
            self.day_warning.setText(self.tr(
                "This desk serves %1 on %2, but by this desk's clock today is %3: every "
                "notice will be refused as not today's. Check the workshop chosen at start "
                "or the computer's date.").replace("%1", self.info.title)
                .replace("%2", shown.day.isoformat()).replace("%3", shown.today.isoformat()))

    def _update_demo(self) -> None:
        if self.info.is_demo:
            self.header.show_demo_clock(self.backend.now())

    @property
    def supervisor_dialog(self) -> SupervisorDialog | None:
        """The supervisor PIN dialog opened last, if any."""
        return self.supervisor.dialog

    # --- privacy notice ----------------------------------------------------------------

    def _load_privacy_notice(self) -> None:
        lang = str(QApplication.instance().property("checkin_lang") or "zh_TW")  # type: ignore[union-attr]

        def show(notice: PrivacyNotice) -> None:
            if self._shut:  # the answer may come back after the window closed
                return
            self.privacy = notice
            self.privacy_line.set_line(notice.line)

        self.runner.run(self.backend.privacy_notice, lang, on_done=show,
                        on_error=lambda _exc: None)

    def open_privacy_notice(self) -> None:
        if self.privacy is None:
            return
        self.privacy_dialog = PrivacyDialog(self.privacy, self)
        self.privacy_dialog.open()

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

    def _start_camera(self, device_id: str | None) -> None:
        if not self._shut:  # the setting may come back after the window closed
            self.camera.start(device_id)

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

    # --- input: forwarded to the flow ---------------------------------------------------------

    def submit_token(self, text: str) -> None:
        """A scanned notice code (camera or USB scanner)."""
        self.follow(self.flow.scanned(text))

    def choose_registration(self, registration_id: int) -> None:
        self.follow(self.flow.chose(registration_id))

    def back_to_scan(self) -> None:
        """The scan screen: no one at the desk, search cleared, banner ready."""
        self.follow(self.flow.back_to_scan())

    def tick(self) -> None:
        """Once a second: demo clock, re-measure countdowns, bring the next person up."""
        self._update_demo()
        self.follow(self.flow.tick(staff_typing=bool(self.search.field.text())))

    # --- rendering what the flow says -------------------------------------------------------

    def follow(self, commands: list[Command]) -> None:
        """Carry out what the flow returned: draw it, or run the operation it asks for."""
        for command in commands:
            match command:
                case ShowScan(clear=clear):
                    self.middle.setCurrentWidget(self.search)
                    if clear:
                        self.search.clear()
                case ShowIdle(undone=undone):
                    self.banner.show_idle(self.tr("Arrival undone") if undone else None)
                case ShowScreening(attempt=attempt, note=note):
                    self.pages.setCurrentWidget(self.desk_page)  # the panel must be seen
                    self.middle.setCurrentWidget(self.screening)
                    self.screening.start(self.shown(attempt.name), attempt.company,
                                         self._note(note, attempt))
                case ShowVerdict(outcome=outcome, can_override=can_override, sound=sound,
                                 early=early):
                    self.show_outcome(outcome, can_override, sound, early)
                case ShowCountdown(due=due, now=now):
                    self.banner.set_detail(remeasure_text(due, now))
                case ShowNextUp(name=name, current=current):
                    self.screening.show_next(self.tr(
                        "Next: %1 was scanned. Finish %2 first (Enter), or cancel (Esc) to "
                        "serve %1 now.").replace(
                        "%1", self.shown(name) if name else self.tr("an unknown code"))
                        .replace("%2", self.shown(current)))
                    if self.sounds is not None:
                        self.sounds.play(SoundClass.ATTENTION)
                case ShowScanLost(problem=problem):
                    self.screening.show_next(self.tr(
                        "A scan could not be looked up (%1): scan it again after this "
                        "person.").replace("%1", storage_problem_text(problem)))
                case AskAgain(code=code):
                    self.screening.retry(message_for(code).title)
                case ShowWaiting(rows=rows):
                    self.side.set_remeasure([row._replace(name=self.shown(row.name))
                                             for row in rows])
                case ShowNotToday():
                    self.not_today = command
                    self._show_day_warning()
                    self.banner.show_idle(message_for(OutcomeCode.WRONG_DAY).title)
                case ShowMode(mode=mode):
                    self._show_mode(mode)
                case ShowStorageWarning(since=since):
                    self.storage_failed_at = since
                    self._show_storage_warning()
                case AskJoin(code=code):
                    self._ask_join(code)
                case ShowJoined(desk_name=desk_name, server=server):
                    self._show_joined(desk_name, server)
                case ShowJoinRefused(why=why, detail=detail):
                    self._show_join_refused(why, detail)
                case Join(code=code):
                    self._join(code)
                case Refresh():
                    self.refresh()
                case LookUp():
                    self._look_up(command)
                case CheckIn():
                    self._check_in(command)
                case CheckOut():
                    self._check_out(command)
                case LoadResting():
                    self.runner.run(self.backend.resting, on_done=lambda people: self.follow(
                        self.flow.restored(people)))

    def _look_up(self, request: LookUp) -> None:
        self.runner.run(self.backend.look_up, request.who, request.lifted,
                        on_done=lambda outcome: self.follow(self.flow.looked_up(request,
                                                                                outcome)),
                        on_error=lambda exc: self.follow(self.flow.look_up_failed(request,
                                                                                  exc)))

    def _check_in(self, request: CheckIn) -> None:
        attempt = request.attempt
        self.runner.run(self.backend.check_in, attempt.who, request.temperature,
                        request.declared, attempt.override,
                        on_done=lambda outcome: self.follow(self.flow.checked_in(request,
                                                                                 outcome)),
                        on_error=lambda exc: self.follow(self.flow.check_in_failed(request,
                                                                                   exc)))

    def _check_out(self, request: CheckOut) -> None:
        self.runner.run(self.backend.check_out, request.who,
                        on_done=lambda outcome: self.follow(self.flow.checked_out(request,
                                                                                  outcome)),
                        on_error=lambda exc: self.follow(self.flow.check_out_failed(request,
                                                                                    exc)))

    # --- joining a central database (a join QR code) --------------------------------------

    def _ask_join(self, code: JoinCode) -> None:
        self.supervisor.join(
            code.server, code.desk_name,
            lambda: self.follow(self.flow.join_approved(code)),
            lambda: self.follow(self.flow.join_cancelled(code)))

    def _join(self, code: JoinCode) -> None:
        from checkin.sync.runner import join  # the sync machinery loads when it is needed

        self.runner.run(join, self.backend.store, self.desk_url, code.text,
                        on_done=lambda link: self._joined(code, link),
                        on_error=lambda exc: self.follow(self.flow.join_failed(code, exc)))

    def _joined(self, code: JoinCode, link: DeskLink) -> None:
        self.info = dataclasses.replace(self.info, desk_name=link.desk_name)
        self.header.info = self.info
        self.header.retranslate()
        self.linked.emit(link)
        self.follow(self.flow.joined(code, link))

    def _show_joined(self, desk_name: str, server: str) -> None:
        then = (self.tr("Sync with it has started.") if self.live_sync
                else self.tr("Sync with it starts when the desk is next started."))
        self.banner.show_notice(
            Tone.GO, self.tr("Desk linked: %1").replace("%1", desk_name),
            self.tr("Central database %1.").replace("%1", server) + " " + then)
        if self.sounds is not None:
            self.sounds.play(SoundClass.OK)

    def _show_join_refused(self, why: JoinRefusal, detail: str) -> None:
        match why:
            case JoinRefusal.DAMAGED:
                text = self.tr("This code is not a checkin desk link (damaged, or another "
                               "program's): nothing changed. Show the desk the join code "
                               "on the office's desks page again.")
            case JoinRefusal.CANCELLED:
                text = self.tr("The supervisor PIN was cancelled: nothing changed.")
            case JoinRefusal.STORAGE:
                text = self.tr("The desk could not store the link (%1): nothing changed."
                               ).replace("%1", storage_problem_text(detail))
            case JoinRefusal.REFUSED:
                text = self.tr("The link was refused: %1").replace("%1", detail)
        self.banner.show_notice(Tone.STOP, self.tr("Desk not linked"), text)

    # --- check-in or check-out ------------------------------------------------------------

    def set_check_out(self, on: bool) -> None:
        """The header's toggle: scans record departures (on) or arrivals (off)."""
        self.follow(self.flow.mode_chosen(Mode.CHECK_OUT if on else Mode.CHECK_IN))

    def _show_mode(self, mode: Mode) -> None:
        out = mode is Mode.CHECK_OUT
        palette = self.frame.palette()
        palette.setColor(QPalette.ColorRole.Window,
                         QColor(CHECK_OUT_COLOURS[0]) if out else self.frame_colour)
        self.frame.setPalette(palette)
        self.banner.set_check_out(CHECK_OUT_COLOURS if out else None)
        if self.mode_button.isChecked() != out:
            self.mode_button.blockSignals(True)
            self.mode_button.setChecked(out)
            self.mode_button.blockSignals(False)
        self.pages.setCurrentWidget(self.desk_page)
        self.search.field.setFocus()

    def _failed(self, exc: BaseException) -> None:
        self.follow(self.flow.failed(exc))

    def _note(self, note: Note | None, attempt: Attempt) -> str:
        if note is Note.SECOND_READING:
            return self.tr("Second reading (after rest).")
        if note is Note.OVERRIDE and attempt.override is not None:
            return self.tr("Supervisor override: %1").replace("%1", attempt.override.reason)
        return ""

    def show_outcome(self, outcome: Outcome, can_override: bool = False,
                     sound: bool = True, early: bool = False) -> None:
        """The verdict banner: words, colour, icon and sound for ``outcome``.

        ``early``: a second reading taken before the rest was over (not counted).
        """
        person = ""
        if outcome.name:
            person = self.shown(outcome.name)
            if outcome.company:
                person += f"  ·  {outcome.company}"
        figures = self.backend.screening
        message = early_reading_message() if early else message_for(
            outcome.code, self.backend.workshop,
            figures.threshold if figures and figures.enabled else None,
            figures.second_reading if figures else True)
        detail = detail_for(outcome, self.backend.workshop, self.backend.now(),
                            self.backend.catalogue)
        self.banner.show_message(message, person, detail, can_override)
        if self.kiosk:
            self.idle.start()  # a camera scan has no key press: still return when idle
        if sound and self.sounds is not None:
            self.sounds.play(message.sound)

    # --- lists and counters ---------------------------------------------------------------

    def refresh(self) -> None:
        """The side column again (counters, recent arrivals, follow-ups): one job."""
        if self._shut:
            return
        backend = self.backend

        def gather() -> tuple[dict[str, int], list[RecentArrival], list[FollowupItem]]:
            return backend.counters(), backend.recent(), backend.followups()

        def show(found: tuple[dict[str, int], list[RecentArrival], list[FollowupItem]]) -> None:
            if self._shut:
                return
            counters, recent, followups = found
            self.side.counters.set_values(counters)
            self.side.recent_model.set_rows(recent)
            self.side.set_followups(followups, self.shown, mask_phone=self.kiosk)

        self.runner.run(gather, on_done=show)

        if self.pages.currentWidget() is self.roster_page:
            self._load_roster()

    # --- the roster page ------------------------------------------------------------------

    def open_roster(self) -> None:
        """Everyone of the workshop, filtered by where they stand; the banner stays above."""
        self._load_roster()
        self.pages.setCurrentWidget(self.roster_page)
        self.roster_page.table.setFocus()

    # --- the end of the day and the paper list --------------------------------------------

    def open_summary(self) -> None:
        """The day's numbers and everyone's day, before the sync."""
        self.runner.run(self.backend.day_summary, on_done=self.summary_page.set_summary,
                        on_error=self._failed)
        self.pages.setCurrentWidget(self.summary_page)

    def save_signin_sheet(self) -> None:
        """The paper list to fall back on (NOT recorded): the roster with a column to sign."""
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save the paper sign-in list"),
            f"signin-{self.info.workshop_code}.pdf", "PDF (*.pdf)")
        if path:
            self.write_signin_sheet(path)

    def write_signin_sheet(self, path: str) -> None:
        def done(pages: int) -> None:
            self.camera_notice.setText(self.tr("Paper list saved: %1 (%n page(s))", "", pages)
                                       .replace("%1", path))

        def failed(exc: BaseException) -> None:
            self.camera_notice.setText(self.tr("Paper list not saved: %1").replace(
                "%1", str(exc) or type(exc).__name__))

        self.runner.run(self.backend.signin_sheet, path, on_done=done, on_error=failed)

    def close_roster(self) -> None:
        self.pages.setCurrentWidget(self.desk_page)
        self.search.field.setFocus()

    def _load_roster(self) -> None:
        self.runner.run(self.backend.roster, on_done=self.roster_page.set_rows,
                        on_error=self._failed)

    def _search(self, text: str) -> None:
        def show(rows: list[SearchHit]) -> None:
            if self.search.field.text() == text:  # ignore answers to older keystrokes
                self.search.set_results(rows, {r.registration.id: self.shown(r.registration.name)
                                               for r in rows})
        self.runner.run(self.backend.search, text, on_done=show)

    # --- supervisor actions (the PIN itself: supervisor_gate.py) --------------------------

    def request_override(self) -> None:
        offer = self.flow.offer
        if offer is None:
            return
        self.supervisor.override(
            self.shown(offer.attempt.name),
            lambda name, reason: self.follow(self.flow.override_approved(offer, name, reason)))

    def request_undo(self, event_id: str) -> None:
        self.supervisor.undo(event_id, lambda: self.follow(self.flow.undone()), self._failed)

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

    def record_followup(self, item: FollowupItem) -> None:
        """Change a follow-up's status and note: each change is recorded and synced."""
        dialog = FollowupDialog(item, self.shown(item.name), self)

        def record() -> None:
            self.runner.run(self.backend.record_followup, item.id, dialog.chosen_status(),
                            dialog.note_text(), on_done=lambda _item: self.refresh(),
                            on_error=self._failed)

        dialog.accepted.connect(record)
        self.followup_dialog = dialog
        dialog.open()

    # --- kiosk ----------------------------------------------------------------------------

    def _idle(self) -> None:
        """Kiosk idle: back to the scan screen; a supervisor's open dialog is closed too."""
        for dialog in (self.supervisor_dialog, self.settings_dialog, self.followup_dialog,
                       self.privacy_dialog):
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
        self._shut = True
        self.ticker.stop()
        self.idle_return.uninstall()
        self.wedge.uninstall()
        self.camera.stop()
        self.scanner.stop()

"""The desk's flow: who is at the desk, who waits, what the screen shows next. No Qt.

The window forwards each user action (a scan, a typed temperature, Esc, a supervisor's
approval, the once-a-second timer) and the answer to each look-up or check-in it ran. Every
method returns the commands to carry out, in order: what to show, and which operation to run
off the GUI thread. Operations always come last, so an answer that arrives at once (the
synchronous runner of the tests) finds the screen already drawn.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum

from checkin.core.clock import TAIPEI
from checkin.core.outcomes import Declaration, Outcome, OutcomeCode
from checkin.core.rules import OVERRIDABLE
from checkin.core.tokens import looks_like_token
from checkin.db.errors import storage_problem
from checkin.services.checkin import Override, Who
from checkin.services.desk_queries import RestingPerson
from checkin.sync.errors import BadProvisioning, SyncError
from checkin.sync.link import DeskLink, read_link_text, server_name
from checkin.ui.attempt import Attempt
from checkin.ui.remeasure import RemeasureQueue, WaitingRow

KEEP_SCREENING = frozenset({OutcomeCode.TEMPERATURE_ERROR, OutcomeCode.TEMPERATURE_NEEDED})
# A verdict stays on the banner at least this long (desk time) before a person whose rest is
# over is brought back to the screening panel on their own: staff must see the verdict.
VERDICT_HOLD_S = 5.0
# After this long (desk time) a verdict leaves the banner, which says "ready" again: the next
# person must not read the previous one's. The recent list keeps what was decided.
VERDICT_TIMEOUT_S = 15.0


class Mode(Enum):
    """What a scanned or chosen person means at this desk."""

    CHECK_IN = "check_in"
    CHECK_OUT = "check_out"  # a scan records a departure


class Note(Enum):
    """Why the screening panel says something above the temperature field."""

    SECOND_READING = "second_reading"
    OVERRIDE = "override"


# --- what to show ---------------------------------------------------------------------------

@dataclass(frozen=True)
class ShowScan:
    """The search panel in the middle; ``clear`` empties the search field."""

    clear: bool = True


@dataclass(frozen=True)
class ShowIdle:
    """The banner at rest; ``undone`` when an arrival was just voided."""

    undone: bool = False


@dataclass(frozen=True)
class ShowScreening:
    """The screening panel for ``attempt``, fresh answers, focus on the temperature."""

    attempt: Attempt
    note: Note | None = None


@dataclass(frozen=True)
class ShowVerdict:
    """The verdict banner; ``early``: a second reading taken before the rest was over."""

    outcome: Outcome
    can_override: bool = False
    sound: bool = True
    early: bool = False


@dataclass(frozen=True)
class ShowCountdown:
    """The REMEASURE banner's time left of the rest."""

    due: datetime
    now: datetime


@dataclass(frozen=True)
class ShowNextUp:
    """Someone else was scanned during ``current``'s screening; ``name`` empty if unknown."""

    name: str
    current: str


@dataclass(frozen=True)
class ShowScanLost:
    """A scan during a screening could not be looked up (``problem``: storage problem code)."""

    problem: str


@dataclass(frozen=True)
class AskAgain:
    """Keep the person on the screening panel: the temperature was refused (``code``)."""

    code: OutcomeCode


@dataclass(frozen=True)
class ShowWaiting:
    """The re-measure list."""

    rows: tuple[WaitingRow, ...]


@dataclass(frozen=True)
class ShowNotToday:
    """The desk serves a workshop on ``day`` but its clock says ``today``: every notice
    would be refused, so it says so before the first one."""

    day: date
    today: date


@dataclass(frozen=True)
class ShowMode:
    """What a scan means at this desk now: the window's colours and the banner at rest."""

    mode: Mode


@dataclass(frozen=True)
class ShowStorageWarning:
    """Since when nothing could be stored; None once something was stored again."""

    since: datetime | None


@dataclass(frozen=True)
class JoinCode:
    """A scanned join QR code: the provisioning's text, where it leads and as whom."""

    text: str
    server: str  # host and database, never a password
    desk_name: str


@dataclass(frozen=True)
class AskJoin:
    """Ask the supervisor PIN before linking the desk to ``code``'s central database; then
    :meth:`DeskFlow.join_approved`, or :meth:`DeskFlow.join_cancelled`."""

    code: JoinCode


class JoinRefusal(Enum):
    """Why a join code did not link the desk."""

    DAMAGED = "damaged"  # not a provisioning (damaged, or another program's code)
    CANCELLED = "cancelled"  # the supervisor PIN was cancelled
    REFUSED = "refused"  # join() said no (``detail``: its words)
    STORAGE = "storage"  # the desk's own file failed (``detail``: a storage problem code)


@dataclass(frozen=True)
class ShowJoined:
    """The desk is linked to ``server`` as ``desk_name``."""

    desk_name: str
    server: str


@dataclass(frozen=True)
class ShowJoinRefused:
    """The desk was not linked, and why."""

    why: JoinRefusal
    detail: str = ""


# --- what to run off the GUI thread -----------------------------------------------------------

@dataclass(frozen=True)
class LookUp:
    """Ask the door about ``who``; hand the answer to :meth:`DeskFlow.looked_up`."""

    who: Who
    lifted: frozenset[OutcomeCode] = frozenset()
    # The person a supervisor just lifted ``lifted`` for: their answer is not a new scan.
    approved: Attempt | None = None


@dataclass(frozen=True)
class CheckIn:
    """Store the screening; hand the answer to :meth:`DeskFlow.checked_in`."""

    attempt: Attempt
    temperature: str
    declared: frozenset[Declaration]


@dataclass(frozen=True)
class CheckOut:
    """Store a departure; hand the answer to :meth:`DeskFlow.checked_out`."""

    who: Who


@dataclass(frozen=True)
class Join:
    """Link the desk (sync.runner.join); hand the answer to :meth:`DeskFlow.joined`."""

    code: JoinCode


@dataclass(frozen=True)
class Refresh:
    """Counters, recent arrivals and follow-ups."""


@dataclass(frozen=True)
class LoadResting:
    """The stored re-measure list; hand it to :meth:`DeskFlow.restored`."""


Command = (ShowScan | ShowIdle | ShowScreening | ShowVerdict | ShowCountdown | ShowNextUp
           | ShowScanLost | AskAgain | ShowWaiting | ShowStorageWarning | ShowNotToday | ShowMode
           | AskJoin | ShowJoined | ShowJoinRefused
           | LookUp | CheckIn | CheckOut | Join | Refresh | LoadResting)


def is_join_text(text: str) -> bool:
    """A join QR code's text (a JSON object), never a notice: tokens start with ``CK1-``."""
    return text.lstrip().startswith("{")


@dataclass(frozen=True)
class Offer:
    """Who a supervisor override would admit, and the one refusal it would lift."""

    attempt: Attempt
    code: OutcomeCode


def combined_override(earlier: Override | None, code: OutcomeCode, name: str,
                      reason: str) -> Override:
    """The override for one more refusal of the same attempt; earlier lifts stay lifted."""
    lifts = frozenset({code})
    if earlier is not None:
        lifts |= earlier.lifts
        if name.strip() and name.strip() != earlier.supervisor:
            name = f"{earlier.supervisor} / {name}"
        else:
            name = earlier.supervisor
        reason = f"{earlier.reason}; {reason}"
    return Override(supervisor=name, reason=reason, lifts=lifts)


def _too_early(outcome: Outcome) -> bool:
    """A reading typed before the rest was over: REMEASURE again, and nothing stored.

    Every REMEASURE the door counts is an event; the one it stored nothing for is the
    reading it did not count (services/checkin.py, ``Decision.recorded``).
    """
    return outcome.code is OutcomeCode.REMEASURE and outcome.event_id is None \
        and outcome.remeasure_due is not None


def _offer(attempt: Attempt, code: OutcomeCode) -> Offer | None:
    if code not in OVERRIDABLE or attempt.registration_id is None:
        return None
    return Offer(attempt, code)


class DeskFlow:
    """The desk between scans: the attempt, the next-up, the re-measure queue, the verdict.

    ``now`` is the desk's clock (demo time on a demo database); ``day`` the workshop's date.
    """

    def __init__(self, now: Callable[[], datetime], mode: Mode = Mode.CHECK_IN,
                 day: date | None = None,
                 verdict_timeout_s: float = VERDICT_TIMEOUT_S) -> None:
        self.now, self.mode, self.day = now, mode, day
        self.verdict_timeout_s = verdict_timeout_s
        self.attempt: Attempt | None = None  # whose temperature is being typed
        self.offer: Offer | None = None
        # Scanned while someone else's screening was open: screened after that one is done.
        self.next_up: Who | None = None
        self.lookups_pending = 0
        self.verdict: Outcome | None = None  # on the banner now; None when it is at rest
        self.verdict_at: datetime | None = None
        # Since when the banner shows something other than "ready" (a verdict, "arrival
        # undone"); None while it is at rest.
        self.banner_since: datetime | None = None
        # Set by a NOT_RECORDED until something is stored again: the next person's screening
        # must not look like business as usual while the disk is failing.
        self.storage_failed_at: datetime | None = None
        self.remeasure = RemeasureQueue()
        self.joining: JoinCode | None = None  # a join code waiting for the supervisor

    # --- user actions -----------------------------------------------------------------------

    def opened(self) -> list[Command]:
        """The window is up: the scan screen, the lists, and who was resting before.

        A desk started on the wrong day says so now, not at the first person in the queue.
        """
        commands: list[Command] = self.back_to_scan()
        today = self.now().astimezone(TAIPEI).date()
        if self.day is not None and today != self.day:
            commands.append(ShowNotToday(self.day, today))
        return [*commands, Refresh(), LoadResting()]

    def mode_chosen(self, mode: Mode) -> list[Command]:
        """Staff switched between check-in and check-out.

        A screening under way ends as Esc would (nothing stored for that person); the
        re-measure list stays, and is served again back in check-in mode.
        """
        if mode is self.mode:
            return []
        self.mode = mode
        return [ShowMode(mode), *self.back_to_scan()]

    def scanned(self, text: str) -> list[Command]:
        """A notice's code from the camera or the USB scanner (or a join QR code)."""
        if is_join_text(text):
            return self._join_scanned(text.strip())
        who = Who(token=text)
        if self.attempt is not None and self.attempt.who == who:
            return []  # the same notice still in front of the camera while staff type
        return self._came(who)

    def typed(self, text: str) -> list[Command]:
        """Enter in the search field: staff may type the notice's code when a scan fails."""
        text = text.strip()
        if not looks_like_token(text):
            return []
        return [ShowScan(clear=True), *self.scanned(text)]

    def chose(self, registration_id: int) -> list[Command]:
        """A person chosen in the search results."""
        return self._came(Who(registration_id=registration_id))

    def chose_resting(self, key: str) -> list[Command]:
        """A person chosen in the re-measure list: screened now."""
        attempt = self.remeasure.call(key)
        return [] if attempt is None else self._screen(attempt)

    def submitted(self, temperature: str, declared: frozenset[Declaration]
                  ) -> list[Command]:
        """Enter on the screening panel."""
        if self.attempt is None:
            return []
        return [CheckIn(self.attempt, temperature, declared)]

    def cancelled(self) -> list[Command]:
        """Esc: this person is not checked in now; whoever was scanned meanwhile comes next."""
        waiting = self.next_up
        commands = self.back_to_scan()
        if waiting is not None:
            commands += self._look_up(waiting)
        return commands

    def back_to_scan(self) -> list[Command]:
        """The scan screen: no one at the desk, search cleared, banner at rest."""
        self.attempt, self.offer, self.next_up, self.verdict = None, None, None, None
        self.banner_since = None
        return [ShowScan(clear=True), ShowIdle()]

    def override_approved(self, offer: Offer, supervisor: str, reason: str
                          ) -> list[Command]:
        """A supervisor lifted the refusal of ``offer``: ask the door again with the lift.

        Lifts exactly the refusal the supervisor saw (plus those of this same attempt lifted a
        moment ago), never a rule nobody was shown: another rule may refuse now.
        """
        attempt = offer.attempt
        attempt.override = combined_override(attempt.override, offer.code, supervisor, reason)
        self.offer = None
        return self._look_up(attempt.who, attempt.override.lifts, approved=attempt)

    def undone(self) -> list[Command]:
        """A supervisor voided a mistaken arrival (the void event was stored)."""
        self.verdict, self.banner_since = None, self.now()
        commands: list[Command] = [ShowIdle(undone=True)]
        commands += self._storage(None)
        return [*commands, Refresh()]

    def tick(self, staff_typing: bool = False) -> list[Command]:
        """Once a second: re-measure countdowns, and bring the next person up.

        Never while staff type in the search field (``staff_typing``) or a look-up is under
        way: their keys would land in someone else's temperature field. A verdict left
        alone for ``verdict_timeout_s`` gives way to the banner at rest.
        """
        commands = self._expire_verdict()
        if not self.remeasure and self.next_up is None:
            return commands
        now = self.now()
        verdict = self.verdict
        if verdict is not None and verdict.code is OutcomeCode.REMEASURE \
                and verdict.remeasure_due is not None:
            commands.append(ShowCountdown(verdict.remeasure_due, now))
        if self.remeasure:
            commands.append(self._waiting())
        held = verdict is not None and self.verdict_at is not None \
            and (now - self.verdict_at).total_seconds() < VERDICT_HOLD_S
        busy = self.attempt is not None or self.lookups_pending > 0 or staff_typing
        if busy or held or self.mode is Mode.CHECK_OUT:
            return commands
        if self.next_up is not None:  # scanned during the last screening: at the desk now
            who, self.next_up = self.next_up, None
            return commands + self._look_up(who)
        due = self.remeasure.call_next_due(now)
        if due is not None:
            commands += self._screen(due)
        return commands

    def _expire_verdict(self) -> list[Command]:
        since = self.banner_since
        if since is None or self.attempt is not None or self.lookups_pending > 0:
            return []  # at rest already, or someone is being screened or looked up
        if (self.now() - since).total_seconds() < self.verdict_timeout_s:
            return []
        # The person has gone: the override on offer went with them.
        self.verdict, self.offer, self.banner_since = None, None, None
        return [ShowIdle()]

    # --- joining a central database (a join QR code from the office's desks page) --------

    def _join_scanned(self, text: str) -> list[Command]:
        """A join code re-links the desk: only with the supervisor PIN, never a look-up."""
        if self.joining is not None:
            return []  # the PIN is being asked for already (the code still in view)
        try:
            link = read_link_text(text)
        except BadProvisioning as exc:
            return self._join_refused(JoinRefusal.DAMAGED, exc.detail)
        self.joining = JoinCode(text, server_name(link.url), link.desk_name)
        return [AskJoin(self.joining)]

    def join_approved(self, code: JoinCode) -> list[Command]:
        """The supervisor approved: link the desk, off the GUI thread."""
        return [Join(code)]

    def join_cancelled(self, code: JoinCode) -> list[Command]:
        self.joining = None
        return self._join_refused(JoinRefusal.CANCELLED)

    def joined(self, code: JoinCode, link: DeskLink) -> list[Command]:
        self.joining = None
        self._join_shown()
        return [ShowJoined(link.desk_name, code.server)]

    def join_failed(self, code: JoinCode, exc: BaseException) -> list[Command]:
        self.joining = None
        if isinstance(exc, SyncError):
            return self._join_refused(JoinRefusal.REFUSED, exc.detail or exc.code)
        return self._join_refused(JoinRefusal.STORAGE, storage_problem(exc))

    def _join_refused(self, why: JoinRefusal, detail: str = "") -> list[Command]:
        self._join_shown()
        return [ShowJoinRefused(why, detail)]

    def _join_shown(self) -> None:
        # On the banner like a verdict: it gives way to "ready" after the same time.
        self.verdict, self.offer = None, None
        self.banner_since = self.now()

    # --- answers to what the window ran -----------------------------------------------------

    def restored(self, people: list[RestingPerson]) -> list[Command]:
        """The re-measure list outlives a restart: rebuilt from the stored REMEASURE events."""
        self.remeasure.restore(people)
        return [self._waiting()]

    def looked_up(self, request: LookUp, outcome: Outcome) -> list[Command]:
        self.lookups_pending -= 1
        if request.approved is not None:
            if outcome.code is not OutcomeCode.READY_FOR_SCREENING:
                return self._refusal(outcome, request.approved)
            return self._screen(request.approved, outcome, Note.OVERRIDE)
        current = self.attempt
        if current is not None:
            # Someone is being screened: a new scan never silently takes their place (the
            # temperature being typed would be stored for the wrong person). It waits, named.
            if outcome.registration_id is not None \
                    and outcome.registration_id == current.registration_id:
                return []  # the same person again (their notice still under the camera)
            self.next_up = request.who
            return [ShowNextUp(outcome.name or "", current.name)]
        attempt = Attempt(request.who, outcome.name or "", outcome.company or "",
                          outcome.registration_id)
        if outcome.code is OutcomeCode.READY_FOR_SCREENING:
            return self._screen(attempt, outcome)
        if outcome.code is OutcomeCode.RETURNING:
            # Back after checking out: screened this morning, so stored at once (RETURNED),
            # green only once that is stored.
            return [CheckIn(attempt, "", frozenset())]
        return self._refusal(outcome, attempt)

    def look_up_failed(self, request: LookUp, exc: BaseException) -> list[Command]:
        self.lookups_pending -= 1
        if request.approved is None and self.attempt is not None:
            # Someone is being screened: keep them, say that the other scan went nowhere.
            return [ShowScanLost(storage_problem(exc))]
        return self.failed(exc)

    def checked_in(self, request: CheckIn, outcome: Outcome) -> list[Command]:
        if outcome.code in KEEP_SCREENING:
            return [*self._verdict(outcome), AskAgain(outcome.code)]
        attempt = request.attempt
        self.remeasure.record(outcome, attempt)
        self.attempt = None
        # A refusal on submitting (a seat went while the form was filled in, a second rule
        # after an override) can be overridden too; earlier lifts of this attempt stay.
        self.offer = _offer(attempt, outcome.code)
        return [ShowScan(clear=True),
                *self._verdict(outcome, can_override=self.offer is not None,
                               early=_too_early(outcome)),
                self._waiting(), Refresh()]

    def checked_out(self, request: CheckOut, outcome: Outcome) -> list[Command]:
        """A departure stored (LEFT) or refused (NOT_IN, ALREADY_LEFT, another notice)."""
        self.lookups_pending -= 1
        return [ShowScan(clear=outcome.code is not OutcomeCode.NOT_RECORDED),
                *self._verdict(outcome), Refresh()]

    def check_out_failed(self, request: CheckOut, exc: BaseException) -> list[Command]:
        return self.checked_out(request, Outcome(OutcomeCode.NOT_RECORDED,
                                                 detail=storage_problem(exc)))

    def check_in_failed(self, request: CheckIn, exc: BaseException) -> list[Command]:
        return self.checked_in(request, Outcome(OutcomeCode.NOT_RECORDED,
                                                detail=storage_problem(exc)))

    def failed(self, exc: BaseException) -> list[Command]:
        """The database could not answer (I/O error, locked, gone): say so, never stay mute."""
        self.attempt, self.offer = None, None
        return [ShowScan(clear=False),
                *self._verdict(Outcome(OutcomeCode.NOT_RECORDED, detail=storage_problem(exc)))]

    # --- steps ------------------------------------------------------------------------------

    def _came(self, who: Who) -> list[Command]:
        """Someone scanned or chosen: what that means depends on what this desk does now."""
        match self.mode:
            case Mode.CHECK_IN:
                return self._look_up(who)
            case Mode.CHECK_OUT:
                self.lookups_pending += 1  # busy until stored: no one is brought up meanwhile
                return [CheckOut(who)]

    def _look_up(self, who: Who, lifted: frozenset[OutcomeCode] = frozenset(),
                 approved: Attempt | None = None) -> list[Command]:
        self.lookups_pending += 1
        return [LookUp(who, lifted, approved)]

    def _screen(self, attempt: Attempt, outcome: Outcome | None = None,
                note: Note | None = None) -> list[Command]:
        self.attempt, self.offer = attempt, None
        if note is None and self.remeasure.is_resting(attempt):
            note = Note.SECOND_READING
        ready = outcome or Outcome(OutcomeCode.READY_FOR_SCREENING, name=attempt.name,
                                   company=attempt.company)
        return [ShowScreening(attempt, note), *self._verdict(ready, sound=False)]

    def _refusal(self, outcome: Outcome, attempt: Attempt) -> list[Command]:
        self.attempt = None
        self.offer = _offer(attempt, outcome.code)
        return [ShowScan(clear=False),
                *self._verdict(outcome, can_override=self.offer is not None)]

    def _verdict(self, outcome: Outcome, can_override: bool = False, sound: bool = True,
                 early: bool = False) -> list[Command]:
        self.verdict, self.verdict_at = outcome, self.now()
        self.banner_since = self.verdict_at
        failed_at = self.storage_failed_at
        if outcome.code is OutcomeCode.NOT_RECORDED:
            failed_at = failed_at or self.verdict_at
        elif outcome.event_id is not None:
            failed_at = None  # stored again
        return [ShowVerdict(outcome, can_override, sound, early), *self._storage(failed_at)]

    def _storage(self, failed_at: datetime | None) -> list[Command]:
        if failed_at == self.storage_failed_at:
            return []
        self.storage_failed_at = failed_at
        return [ShowStorageWarning(failed_at)]

    def _waiting(self) -> ShowWaiting:
        return ShowWaiting(tuple(self.remeasure.rows(self.now())))

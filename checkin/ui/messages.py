"""Outcome code -> translated words, colour, icon and sound class.

The only place where an outcome becomes something a person reads or hears. Colour never
carries the meaning alone: every verdict also has an icon and words, so colour-blind staff
are not misled.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from PySide6.QtCore import QCoreApplication

from checkin.core.clock import TAIPEI
from checkin.core.model import Workshop
from checkin.core.outcomes import Declaration, Outcome, OutcomeCode
from checkin.services.desk_queries import (
    ScreeningFigures,
    StartupProblem,
    StartupReport,
    WorkshopChoice,
)

translate = QCoreApplication.translate


class Tone(enum.StrEnum):
    """Colour and icon family of a banner: one per class of outcome, each its own pair."""

    GO = "go"  # green, check mark: admitted and stored
    STOP = "stop"  # red, cross: may not enter
    SCREEN = "screen"  # blue, thermometer: health check, staff act now
    WAIT = "wait"  # amber, hourglass: not yet, on the waiting list, rest and measure again
    DONE = "done"  # pale blue-grey, double check: already in, nothing to do
    RETRY = "retry"  # white, circling arrow: the code was not a notice, scan again
    FAULT = "fault"  # dark red, "!": the desk could not do its job (not recorded)
    LEAVE = "leave"  # purple, arrow out of a door: departure stored; the check-out mode


class SoundClass(enum.StrEnum):
    OK = "ok"
    ATTENTION = "attention"
    DENIED = "denied"
    ERROR = "error"


# Background and text colour per tone; text contrast >= 4.5:1 on every background. Colour
# never carries the meaning alone (each tone has its own icon shape too), and the pale tones
# (DONE, RETRY, and amber WAIT) are told from the dark ones by lightness, not hue.
COLOURS: dict[Tone, tuple[str, str]] = {
    Tone.GO: ("#1b7a34", "#ffffff"),
    Tone.STOP: ("#b0201b", "#ffffff"),
    Tone.SCREEN: ("#1f4fa0", "#ffffff"),
    Tone.WAIT: ("#f2b705", "#1a1a1a"),
    Tone.DONE: ("#c9d6e3", "#10243e"),
    Tone.RETRY: ("#f4f4f4", "#1a1a1a"),
    Tone.FAULT: ("#5c0a0a", "#ffffff"),
    Tone.LEAVE: ("#5b2a86", "#ffffff"),
}
# The check-out mode wears the LEAVE colour around the whole desk, so a glance tells staff
# that a scan now records someone leaving.
CHECK_OUT_COLOURS = COLOURS[Tone.LEAVE]

SOUNDS: dict[Tone, SoundClass] = {
    Tone.GO: SoundClass.OK, Tone.STOP: SoundClass.DENIED, Tone.SCREEN: SoundClass.ATTENTION,
    Tone.WAIT: SoundClass.ATTENTION, Tone.DONE: SoundClass.ATTENTION,
    Tone.RETRY: SoundClass.ATTENTION, Tone.FAULT: SoundClass.ERROR,
    Tone.LEAVE: SoundClass.OK,
}


@dataclass(frozen=True)
class Message:
    """What a banner shows for one outcome code."""

    code: OutcomeCode
    tone: Tone
    title: str
    hint: str

    @property
    def background(self) -> str:
        return COLOURS[self.tone][0]

    @property
    def foreground(self) -> str:
        return COLOURS[self.tone][1]

    @property
    def sound(self) -> SoundClass:
        return SOUNDS[self.tone]




def message_for(code: OutcomeCode, workshop: Workshop | None = None,
                threshold: Decimal | None = None, second_reading: bool = True) -> Message:
    """Translated title and hint, tone (colour + icon) and sound class of an outcome code.

    Rule values in the hints come from ``workshop`` (when check-in opens) and ``threshold``
    (the screening profile's fever threshold); without them the hint names no number.
    ``second_reading``: False when the profile denies at the first reading over it.
    """
    c = OutcomeCode
    table: dict[OutcomeCode, tuple[Tone, str, str]] = {
        c.ADMITTED: (Tone.GO, translate("messages",
                "Admitted: welcome"), translate("messages", "Arrival stored.")),
        c.ADMITTED_OVERRIDE: (Tone.GO, translate("messages", "Admitted by supervisor override"),
                              translate("messages", "Arrival and override stored.")),
        c.ALREADY_IN: (Tone.DONE, translate("messages", "Already checked in"),
                       translate("messages", "This notice was already used.")),
        c.READY_FOR_SCREENING: (Tone.SCREEN, translate("messages", "Health screening"),
                                translate("messages",
                                        "Measure the temperature and ask the three "
                                        "health questions.")),
        c.NOT_REGISTERED: (Tone.STOP, translate("messages", "Not registered"),
                           translate("messages",
                                   "No registration for this notice. Ask for name or phone.")),
        c.WRONG_SESSION: (Tone.STOP, translate("messages", "Notice for another workshop"),
                          translate("messages", "This notice is for a different session.")),
        c.WRONG_DAY: (Tone.STOP, translate("messages", "Not today's workshop"),
                      translate("messages", "This workshop is not held today.")),
        c.NOT_OPEN_YET: (Tone.WAIT, translate("messages", "Check-in not open yet"),
                         _opening_hint(workshop)),
        c.CHECKIN_CLOSED: (Tone.STOP, translate("messages", "Check-in closed"),
                           translate("messages", "The workshop has ended.")),
        c.CANCELLED: (Tone.STOP, translate("messages", "Registration cancelled"),
                      translate("messages", "This registration was cancelled.")),
        c.WORKSHOP_CANCELLED: (Tone.STOP, translate("messages", "Workshop cancelled"),
                               translate("messages", "This session was cancelled.")),
        c.WORKSHOP_ONLINE: (Tone.STOP, translate("online_messages", "Online only"),
                            translate("online_messages",
                                      "This session is held online only; the link was "
                                      "e-mailed to every registrant.")),
        c.WAITLISTED: (Tone.WAIT, translate("messages", "On the waiting list"),
                       translate("messages", "No seat confirmed; a supervisor may override.")),
        c.SESSION_FULL: (Tone.STOP, translate("messages", "All seats taken"),
                         translate("messages",
                                 "The on-site seats are full; a supervisor may override.")),
        c.COMPANY_CAP: (Tone.STOP, translate("messages", "Company limit reached"),
                        translate("messages",
                                "This company already has its maximum on site; a supervisor "
                           "may override.")),
        c.TEMPERATURE_NEEDED: (Tone.SCREEN, translate("messages", "Temperature needed"),
                               translate("messages", "Type the temperature and press Enter.")),
        c.TEMPERATURE_ERROR: (Tone.SCREEN, translate("messages", "Implausible temperature"),
                              translate("messages",
                                      "That reading is not a body temperature. Measure again.")),
        c.REMEASURE: (Tone.WAIT, translate("messages",
                "Temperature high: rest, then measure again"),
                      translate("messages", "Please sit down for a few minutes.")),
        c.DENIED_FEVER: (Tone.STOP, translate("messages", "Fever: may not attend"),
                         _fever_hint(threshold, second_reading)),
        c.DENIED_DECLARATION: (Tone.STOP, translate("messages", "May not attend today"),
                               translate("messages", "Did not pass the health declaration. "
                                         "Offer the online course link.")),
        c.UNREADABLE: (Tone.RETRY, translate("messages", "Code not recognised"),
                       translate("messages",
                               "Not a check-in notice. Scan again or search by name.")),
        c.NOT_RECORDED: (Tone.FAULT, translate("messages", "NOT recorded"),
                         translate("messages",
                                 "The desk could not store this. Use the paper list.")),
        c.RETURNED: (Tone.GO, translate("messages", "Welcome back"),
                     translate("messages", "Return stored; screened at the first arrival "
                               "today.")),
        c.RETURNING: (Tone.SCREEN, translate("messages", "Coming back in"),
                      translate("messages", "Left earlier today; the return is being "
                                "stored.")),
        c.LEFT: (Tone.LEAVE, translate("messages", "Checked out: goodbye"),
                 translate("messages", "Departure stored.")),
        c.NOT_IN: (Tone.WAIT, translate("messages", "Not checked in"),
                   translate("messages", "No arrival today for this person: nothing was "
                             "recorded. Check them in first if they are here.")),
        c.ALREADY_LEFT: (Tone.DONE, translate("messages", "Already checked out"),
                         translate("messages", "Nothing to do; switch to check-in if they "
                                   "are coming back in.")),
    }
    tone, title, hint = table.get(code, (Tone.FAULT, code.value, ""))
    return Message(code=code, tone=tone, title=title, hint=hint)


def early_reading_message() -> Message:
    """A second reading typed before the rest was over: not counted, measure again later.

    The banner's detail line says when (:func:`remeasure_text`).
    """
    return Message(code=OutcomeCode.REMEASURE, tone=Tone.WAIT,
                   title=translate("messages", "Too early: this reading does not count"),
                   hint=translate("messages", "The rest is not over yet, so nothing was "
                                  "recorded. Measure again when it is."))


def _opening_hint(workshop: Workshop | None) -> str:
    if workshop is None:
        return translate("messages", "Check-in has not opened yet.")
    minutes = int((workshop.local(workshop.starts) - workshop.opens_at).total_seconds() // 60)
    return QCoreApplication.translate("messages",
                                      "Check-in opens %n minute(s) before the start.", "",
                                      minutes)


def _fever_hint(threshold: Decimal | None, second_reading: bool = True) -> str:
    if not second_reading:
        # The organiser's rules allow no second reading: the first one over decides.
        if threshold is None:
            return translate("messages", "The reading is a fever; the rules allow no second "
                             "reading. Offer the online course link.")
        return translate("messages", "The reading is over %1 °C; the rules allow no second "
                         "reading. Offer the online course link.").replace("%1", f"{threshold:f}")
    if threshold is None:
        return translate("messages", "The second reading is a fever too. Offer the online "
                         "course link.")
    return translate("messages", "The second reading is still over %1 °C. Offer the online "
                     "course link.").replace(
        "%1", f"{threshold:f}")


def screening_rule_text(figures: ScreeningFigures | None) -> str:
    """The screening rule in force, as the desk names it all day (e.g. 篩檢：>37.5°C
    不得入場（不複測）)."""
    if figures is None or not figures.enabled:
        return translate("messages", "Screening: off")
    if not figures.second_reading:
        return translate("messages", "Screening: >%1 °C may not attend (no "
                         "re-measure)").replace("%1", f"{figures.threshold:f}")
    return translate("messages", "Screening: >%1 °C: measure again after %2 min "
                     "rest").replace("%1", f"{figures.threshold:f}").replace(
        "%2", str(figures.rest_minutes))


def declaration_text(item: Declaration) -> str:
    """The screening question as staff ask it."""
    return {
        Declaration.TRAVEL: translate("messages", "Travel abroad in the last 14 days"),
        Declaration.CONTACT: translate("messages", "Contact with a confirmed case"),
        Declaration.SYMPTOMS: translate("messages",
                "Respiratory symptoms (cough, sore throat, fever)"),
    }[item]


def declaration_reason(item: Declaration) -> str:
    """Short reason shown on a DENIED_DECLARATION banner."""
    return {
        Declaration.TRAVEL: translate("messages", "travel history"),
        Declaration.CONTACT: translate("messages", "contact with a confirmed case"),
        Declaration.SYMPTOMS: translate("messages", "respiratory symptoms"),
    }[item]


def symptoms_advice() -> str:
    return translate("messages",
            "Wear a mask, defer attendance and see a doctor; staff will follow up.")


def _clock(value: datetime) -> str:
    return value.astimezone(TAIPEI).strftime("%H:%M")


def detail_for(outcome: Outcome, workshop: Workshop, now: datetime,
               catalogue: Mapping[str, WorkshopChoice] | None = None) -> str:
    """The banner's detail line: what staff need to act on this particular outcome.

    ``catalogue``: the workshops the desk's database knows, by code; a notice for one of
    them is answered with its date and venue, for any other with its code.
    """
    code = outcome.code
    if code is OutcomeCode.ALREADY_IN and outcome.first_arrival is not None:
        return translate("messages", "First arrival %1 at desk %2").replace(
            "%1", _clock(outcome.first_arrival)).replace("%2", outcome.first_desk or "?")
    if code is OutcomeCode.REMEASURE and outcome.remeasure_due is not None:
        return remeasure_text(outcome.remeasure_due, now)
    if code in (OutcomeCode.ALREADY_LEFT, OutcomeCode.RETURNED) and outcome.left_at is not None:
        return translate("messages", "Checked out at %1").replace("%1", _clock(outcome.left_at))
    if code is OutcomeCode.LEFT:
        if now < workshop.full_at:
            return translate("messages", "Left at %1, before the end (%2)").replace(
                "%1", _clock(now)).replace("%2", _clock(workshop.full_at))
        return translate("messages", "Left at %1").replace("%1", _clock(now))
    if code is OutcomeCode.COMPANY_CAP:
        return QCoreApplication.translate("messages", "At most %n per company", "",
                                          workshop.company_cap)
    if code is OutcomeCode.SESSION_FULL:
        return QCoreApplication.translate("messages", "All %n on-site seats are taken", "",
                                          workshop.capacity)
    if code is OutcomeCode.WRONG_SESSION and outcome.detail:
        other = (catalogue or {}).get(outcome.detail)
        if other is None:
            return translate("messages", "Notice for workshop %1").replace("%1", outcome.detail)
        return translate("messages", "This notice is for %1 (%2) on %3 at %4").replace(
            "%1", other.title).replace("%2", other.code).replace(
            "%3", other.day.isoformat()).replace("%4", other.venue or "?")
    if code is OutcomeCode.NOT_OPEN_YET:
        return translate("messages", "Check-in opens at %1").replace(
            "%1", workshop.checkin_opens.strftime("%H:%M"))
    if code is OutcomeCode.WRONG_DAY:
        return translate("messages", "This desk serves the workshop on %1").replace(
            "%1", workshop.day.isoformat())
    if code is OutcomeCode.DENIED_DECLARATION:
        if not outcome.reasons:  # denied at another desk: the reasons stayed there
            return translate("messages", "Already sent home today (travel, contact or "
                             "symptoms); a supervisor can review it")
        reasons = "、".join(declaration_reason(r) for r in outcome.reasons)
        text = translate("messages", "Reason: %1").replace("%1", reasons)
        if Declaration.SYMPTOMS in outcome.reasons:
            text += "\n" + symptoms_advice()
        return text
    if code is OutcomeCode.TEMPERATURE_ERROR and outcome.detail:
        return translate("messages", "Typed: %1").replace("%1", outcome.detail)
    if code is OutcomeCode.NOT_RECORDED and outcome.detail:
        return translate("messages", "Error: %1").replace("%1", storage_problem_text(
            outcome.detail))
    return ""


def remeasure_text(due: datetime, now: datetime) -> str:
    left = int((due - now).total_seconds())
    if left <= 0:
        return translate("messages", "Measure again now")
    return translate("messages",
            "Measure again at %1 (in %2:%3)").replace("%1", _clock(due)).replace(
        "%2", str(left // 60)).replace("%3", f"{left % 60:02d}")


def startup_problem_text(report: StartupReport, asked: str) -> str:
    """Why the desk cannot start on the asked workshop, and what to do."""
    if report.problem is StartupProblem.NO_WORKSHOPS:
        return translate("messages",
                "This database holds no workshops, so there is no roster to check "
                  "against. Pull the roster for this desk (checkin sync) or try the demo "
                  "(checkin demo).")
    listing = "\n".join(f"  {w.code}  {w.day.isoformat()}  {w.title}" for w in report.available)
    return translate("messages",
            "Workshop \"%1\" is not in this database. It holds:").replace("%1", asked) \
        + "\n" + listing


def store_problem_text(code: str, detail: str, path: str | None) -> str:
    """A database that cannot be used, in words (codes from checkin.db.errors)."""
    if code == "DATABASE_CORRUPT":
        return translate("messages",
                "The database file is damaged (%1). It was moved aside untouched to %2. "
                  "Start from a fresh copy and keep the damaged file.").replace(
            "%1", detail).replace("%2", path or "?")
    if code == "DATABASE_TOO_NEW":
        return translate("messages",
                "This database was written by a newer version of checkin. Install the "
                  "newer version; nothing was changed.")
    return translate("messages", "Cannot open the database: %1").replace("%1", detail or code)


def full_attendance_rule(workshop: Workshop) -> str:
    """The workshop's rule for full attendance, as the desk shows it all day."""
    if workshop.departures_scanned:
        text = translate("messages", "Full attendance: in by %1, checked out at %2 or later")
    else:
        text = translate("messages", "Full attendance: in by %1, stays to %2 (departures "
                         "not scanned)")
    return text.replace("%1", _clock(workshop.late_at)).replace("%2", _clock(workshop.full_at))


def storage_problem_text(code: str) -> str:
    """Words for the storage failure codes of ``db.errors.storage_problem``."""
    texts = {
        "DISK_FULL": translate("messages", "the disk is full"),
        "READ_ONLY": translate("messages", "the database cannot be written (read-only)"),
        "LOCKED": translate("messages", "the database is locked by another program"),
        "IO_ERROR": translate("messages", "disk read/write error"),
    }
    return texts.get(code, translate("messages", "database error"))

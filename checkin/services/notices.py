"""Attendance notices: render them to files, e-mail them (resumable), and tell which are due.

Each registrant's e-mail state is stored per notice date (``notice_deliveries``): a re-run
sends only what was not sent; rescheduling makes everyone due again with the same token.
A refused recipient or a bad address is recorded for that row and the batch goes on.
"""

from __future__ import annotations

import logging
import smtplib
import time
import zipfile
from collections.abc import Callable, Container, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from email.message import EmailMessage
from pathlib import Path
from typing import Protocol, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from checkin.core.clock import TAIPEI, Clock, SystemClock
from checkin.core.contact import is_plausible_email
from checkin.core.errors import CodedError
from checkin.core.text import has_controls
from checkin.db import repo
from checkin.db.errors import storage_failures
from checkin.db.models import RegistrationRow, WorkshopRow
from checkin.db.models_office import NoticeDeliveryRow, WorkshopChangeRow
from checkin.db.store import Store
from checkin.notices import mail
from checkin.notices.files import atomic_file, atomic_write_bytes
from checkin.notices.render import NoticeData, NoticeRenderer
from checkin.services.privacy import notice_from

log = logging.getLogger(__name__)

DUE_DAYS_BEFORE = 2  # the brochure: notices go out two days before the workshop
FORMATS = ("pdf", "png")


class NoticeError(CodedError):
    """A notice use case that cannot run; ``code`` says why."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(code, detail)


# --- building notices from the office record ----------------------------------------------

def workshop_or_fail(session: Session, ref: str | int,
                     error: type[CodedError] = NoticeError) -> WorkshopRow:
    """The workshop by id or code; ``error`` WORKSHOP_NOT_FOUND when there is none."""
    row = repo.find_workshop(session, str(ref))
    if row is None:
        raise error("WORKSHOP_NOT_FOUND", str(ref))
    return row


def previous_day(session: Session, workshop: WorkshopRow) -> date | None:
    """The date a rescheduled workshop was moved from (None when never rescheduled)."""
    change = session.scalar(
        select(WorkshopChangeRow)
        .where(WorkshopChangeRow.workshop_id == workshop.id,
               WorkshopChangeRow.kind == "reschedule",
               WorkshopChangeRow.new_day == workshop.day)
        .order_by(WorkshopChangeRow.id.desc()).limit(1))
    return change.old_day if change else None


def notice_for(workshop: WorkshopRow, reg: RegistrationRow, moved_from: date | None,
               privacy_line: str | None = None) -> NoticeData:
    if not reg.token:
        raise NoticeError("TOKEN_NOT_KEPT", str(reg.id))
    return NoticeData(
        token=reg.token, name=reg.name, company=reg.company, workshop_code=workshop.code,
        workshop_title=workshop.title, course=workshop.course, organiser=workshop.organiser,
        day=workshop.day, venue=workshop.venue, address=workshop.address,
        checkin_opens=workshop.checkin_opens, starts=workshop.starts, ends=workshop.ends,
        contact_name=workshop.contact_name, contact_phone=workshop.contact_phone,
        contact_email=workshop.contact_email, previous_day=moved_from, privacy=privacy_line)


def _registered(session: Session, workshop_id: int) -> list[RegistrationRow]:
    # Waitlisted and cancelled registrants get no notice: they have no seat.
    return list(session.scalars(
        select(RegistrationRow)
        .where(RegistrationRow.workshop_id == workshop_id,
               RegistrationRow.status == "registered")
        .order_by(RegistrationRow.id)))


def _select(rows: list[RegistrationRow], chosen: Sequence[str]) -> list[RegistrationRow]:
    """Registrations matching any of ``chosen``: id, e-mail, name or token."""
    wanted = {c.strip().casefold() for c in chosen if c.strip()}
    return [r for r in rows if {str(r.id), (r.email or "").casefold(), r.name.casefold(),
                                (r.token or "").casefold()} & wanted]


def load_notices(session: Session, workshop: WorkshopRow, chosen: Sequence[str] = ()
                 ) -> tuple[list[RegistrationRow], dict[int, NoticeData]]:
    """Who gets a notice (the registered, or those ``chosen``) and each one's notice.

    The one loader for rendering and sending, so both print the same notice.
    """
    rows = _registered(session, workshop.id)
    if chosen:
        rows = _select(rows, chosen)
    moved_from = previous_day(session, workshop)
    line = notice_from(session, "zh_TW").line  # the notice is in Chinese
    return rows, {r.id: notice_for(workshop, r, moved_from, line) for r in rows}


# --- rendering -----------------------------------------------------------------------------

@dataclass
class RenderResult:
    workshop_code: str
    files: list[Path] = field(default_factory=list)
    zip_path: Path | None = None
    missing_glyphs: dict[int, str] = field(default_factory=dict)  # registration id -> chars

    @property
    def notices(self) -> int:
        return len({p.stem for p in self.files})


def safe_file_part(text: str) -> str:
    """A name usable in a file name on Windows, macOS and Linux."""
    # Control and bidi characters (an ESC, a right-to-left override) never reach a file name.
    cleaned = "".join("_" if ch in '<>:"/\\|?*' or has_controls(ch) else ch for ch in text)
    return cleaned.strip(" .")[:40] or "_"


def render_notices(store: Store, workshop_ref: str | int, out_dir: Path,
                   formats: Sequence[str] = FORMATS, zip_batch: bool = False,
                   chosen: Sequence[str] = (), dpi: int = 150) -> RenderResult:
    """Write one notice per registered person (PDF and/or PNG), optionally zipped."""
    unknown = set(formats) - set(FORMATS)
    if unknown or not formats:
        raise NoticeError("FORMAT_UNKNOWN", ",".join(sorted(unknown)))
    with store.sessions() as session:
        workshop = workshop_or_fail(session, workshop_ref)
        _, notices = load_notices(session, workshop, chosen)
        code = workshop.code
    result = RenderResult(workshop_code=code)
    # A full disk is one line for the user; each file is written whole or not at all.
    with storage_failures(), NoticeRenderer() as renderer:
        out_dir.mkdir(parents=True, exist_ok=True)
        layouts = renderer.prepare(list(notices.values()))
        rendered = renderer.render_all(list(notices.values()), layouts,
                                       [f for f in FORMATS if f in formats], dpi=dpi)
        for (reg_id, notice), documents in zip(notices.items(), rendered, strict=True):
            missing = renderer.missing_glyphs(notice)
            if missing:
                result.missing_glyphs[reg_id] = "".join(sorted(missing))
            stem = f"{code}-{reg_id:05d}-{safe_file_part(notice.name)}"
            for suffix, data in (("pdf", documents.pdf), ("png", documents.png)):
                if data is not None:
                    path = out_dir / f"{stem}.{suffix}"
                    atomic_write_bytes(path, data)
                    result.files.append(path)
    if zip_batch:
        result.zip_path = out_dir / f"{code}-notices.zip"
        # PDFs and PNGs are compressed already; storing them keeps zipping instant.
        with storage_failures(), atomic_file(result.zip_path) as fh, \
                zipfile.ZipFile(fh, "w", compression=zipfile.ZIP_STORED) as archive:
            for path in result.files:
                archive.write(path, arcname=path.name)
    return result


# --- sending ---------------------------------------------------------------------------------

@dataclass
class SendRow:
    registration_id: int
    name: str
    email: str | None
    status: str  # sent | failed | skipped (already sent) | would_send (dry run) | not_reached
    error: str | None = None
    message_id: str | None = None


@dataclass
class SendReport:
    workshop_code: str
    notice_day: date
    rows: list[SendRow] = field(default_factory=list)
    aborted: str | None = None  # the connection failed: the rest stays pending for a re-run

    def count(self, status: str) -> int:
        return sum(1 for r in self.rows if r.status == status)


def _delivery(session: Session, reg: RegistrationRow, day: date) -> NoticeDeliveryRow:
    row = session.scalar(select(NoticeDeliveryRow).where(
        NoticeDeliveryRow.registration_id == reg.id, NoticeDeliveryRow.notice_day == day))
    if row is None:
        row = NoticeDeliveryRow(registration_id=reg.id, workshop_id=reg.workshop_id,
                                notice_day=day, status="pending", attempts=0)
        session.add(row)
    return row


def _record(store: Store, reg: RegistrationRow, day: date, status: str, email: str | None,
            error: str | None = None, message_id: str | None = None) -> None:
    # One short transaction per registrant: a crash mid-batch loses at most the one in flight.
    now = datetime.now(UTC)
    with store.sessions.begin() as session:
        row = _delivery(session, reg, day)
        row.attempts = (row.attempts or 0) + 1
        row.last_error = error
        row.updated_at = now
        if status == "failed" and row.status == "sent":
            return  # a failed --resend: the notice sent before still reached the person
        row.status = status
        row.email = email
        if status == "sent":
            row.message_id = message_id
            row.sent_at = now


Connector = Callable[[mail.SmtpSettings], smtplib.SMTP]


def send_notices(store: Store, workshop_ref: str | int, settings: mail.SmtpSettings | None, *,
                 resend: Sequence[str] = (), dry_run: bool = False, throttle: float = 1.0,
                 sleep: Callable[[float], None] = time.sleep,
                 connect: Connector = mail.connect,
                 should_stop: Callable[[], bool] | None = None,
                 progress: Callable[[int, int], None] | None = None) -> SendReport:
    """E-mail every registered person's notice that was not sent yet for the current date.

    ``resend`` names people (id, e-mail, name or token) to send to again even if sent.
    ``throttle`` seconds pass between two messages so a provider does not block the batch.
    ``should_stop`` is asked before each message: a pause leaves the rest ``not_reached``
    for the next run; ``progress(done, total)`` is told before each one and at the end.
    A cancelled workshop's people get the cancellation letter instead, an online-only
    one's the Level-3 letter with the link (services/day_mail.py): nobody goes untold.
    SMTP login problems (refused login, no STARTTLS or AUTH offered) propagate before the
    message in hand is recorded.
    """
    with store.sessions() as session:
        workshop = workshop_or_fail(session, workshop_ref)
        letter = {"cancelled": "cancellation", "online": "level3"}.get(workshop.status)
    if letter is not None:
        from checkin.services.day_mail import send_letters  # it builds on this module

        return send_letters(store, workshop_ref, letter, settings, dry_run=dry_run,
                            throttle=throttle, sleep=sleep, connect=connect,
                            should_stop=should_stop, progress=progress)
    with store.sessions() as session:
        workshop = workshop_or_fail(session, workshop_ref)
        rows, notices = load_notices(session, workshop)
        sent_ids = set(session.scalars(select(NoticeDeliveryRow.registration_id).where(
            NoticeDeliveryRow.workshop_id == workshop.id,
            NoticeDeliveryRow.notice_day == workshop.day,
            NoticeDeliveryRow.status == "sent")))
        again = {r.id for r in _select(rows, resend)} if resend else set()
        day = workshop.day
        code = workshop.code
    report = SendReport(workshop_code=code, notice_day=day)
    todo = still_to_send(report, rows, sent_ids - again, dry_run)
    if todo is None:
        return report
    if settings is None:
        raise NoticeError("SMTP_MISSING")

    sender = SmtpSender(settings, connect, throttle, sleep)
    renderer = NoticeRenderer()
    try:
        # Laid out once for the batch (fonts subset once); each message reuses its layout.
        layouts = dict(zip((r.id for r in todo),
                           renderer.prepare([notices[r.id] for r in todo]), strict=True))
        for index, reg in enumerate(todo):
            if report.aborted or (should_stop is not None and should_stop()):
                report.rows.append(SendRow(reg.id, reg.name, reg.email, "not_reached"))
                continue
            if progress is not None:
                progress(index, len(todo))
            problem = address_problem(reg.email)
            if problem:
                _record(store, reg, day, "failed", reg.email, problem)
                report.rows.append(SendRow(reg.id, reg.name, reg.email, "failed", problem))
                continue
            assert reg.email is not None
            notice = notices[reg.id]
            pdf = renderer.pdf(notice, layouts[reg.id])
            message = mail.build_message(notice, reg.email, settings, pdf)
            error = sender.send(message)
            report.aborted = sender.aborted
            if error is None:
                _record(store, reg, day, "sent", reg.email, message_id=message["Message-ID"])
                report.rows.append(SendRow(reg.id, reg.name, reg.email, "sent",
                                           message_id=message["Message-ID"]))
            else:
                log.warning("notice for registration %s not sent: %s", reg.id, error)
                _record(store, reg, day, "failed", reg.email, error[:500])
                report.rows.append(SendRow(reg.id, reg.name, reg.email, "failed", error))
        if progress is not None:
            progress(len(todo), len(todo))
    finally:
        renderer.close()
        sender.close()
    return report


def address_problem(email: str | None) -> str | None:
    if not email:
        return "EMAIL_MISSING"
    if not is_plausible_email(email):
        return "EMAIL_INVALID"
    return None


class Addressee(Protocol):
    """Someone a batch writes to (a registration row, a day letter's person)."""

    @property
    def id(self) -> int: ...
    @property
    def name(self) -> str: ...
    @property
    def email(self) -> str | None: ...


A = TypeVar("A", bound=Addressee)


def still_to_send(report: SendReport, people: Sequence[A], done: Container[int],
                  dry_run: bool) -> list[A] | None:
    """Those of ``people`` not in ``done``; the others are listed in ``report`` as skipped.

    On a dry run, what would happen to each goes into the report and None comes back.
    """
    todo: list[A] = []
    for person in people:
        if person.id in done:
            report.rows.append(SendRow(person.id, person.name, person.email, "skipped"))
        else:
            todo.append(person)
    if not dry_run:
        return todo
    for person in todo:
        problem = address_problem(person.email)
        report.rows.append(SendRow(person.id, person.name, person.email,
                                   "failed" if problem else "would_send", problem))
    return None


class SmtpSender:
    """One batch's messages over one SMTP connection, made on the first message.

    ``throttle`` seconds pass between two messages so a provider does not block the batch.
    A dropped connection is made again once; when that fails too, ``aborted`` says why and
    the batch stops (the rest are sent by the next run). Login problems (refused login, no
    STARTTLS or AUTH offered) propagate: no message of this batch can go out.
    """

    def __init__(self, settings: mail.SmtpSettings, connect: Connector, throttle: float,
                 sleep: Callable[[float], None]) -> None:
        self.settings, self.connect = settings, connect
        self.throttle, self.sleep = throttle, sleep
        self.client: smtplib.SMTP | None = None
        self.aborted: str | None = None
        self._tried = False

    def send(self, message: EmailMessage) -> str | None:
        """Send ``message``: None once the server took it, else what its row says."""
        if self.client is not None and self._tried and self.throttle > 0:
            self.sleep(self.throttle)
        self._tried = True
        error = None
        for attempt in (1, 2):
            try:
                if self.client is None:
                    self.client = self.connect(self.settings)
                self.client.send_message(message)
                return None
            except (smtplib.SMTPAuthenticationError, smtplib.SMTPNotSupportedError):
                raise
            except OSError as exc:  # SMTPException is an OSError too
                if isinstance(exc, smtplib.SMTPException) and not isinstance(
                        exc, smtplib.SMTPServerDisconnected | smtplib.SMTPConnectError):
                    return smtp_failure(exc)  # this message refused: the next may go
                self.close()
                error = f"CONNECTION {type(exc).__name__}: {exc}"
                if attempt == 2:
                    self.aborted = error
        return error

    def close(self) -> None:
        close_client(self.client)
        self.client = None


def smtp_failure(exc: smtplib.SMTPException) -> str:
    """What a refused message's row says (the connection errors are handled apart)."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return "RECIPIENT_REFUSED " + _smtp_detail(exc.recipients)
    if isinstance(exc, smtplib.SMTPSenderRefused | smtplib.SMTPDataError):
        return f"REFUSED {exc.smtp_code} {_decode(exc.smtp_error)}"
    return f"SMTP {type(exc).__name__}: {exc}"


def _smtp_detail(recipients: dict[str, tuple[int, bytes]]) -> str:
    return "; ".join(f"{code} {_decode(text)}" for code, text in recipients.values())


def _decode(value: bytes | str) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


def close_client(client: smtplib.SMTP | None) -> None:
    if client is None:
        return
    try:
        client.quit()
    except (smtplib.SMTPException, OSError):
        client.close()


# --- due -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class DueWorkshop:
    workshop_id: int
    code: str
    title: str
    day: date
    due_on: date
    registered: int
    sent: int

    @property
    def pending(self) -> int:
        return self.registered - self.sent


def today_in_taipei(clock: Clock | None = None) -> date:
    return (clock or SystemClock()).now().astimezone(TAIPEI).date()


def notices_due(store: Store, today: date | None = None) -> list[DueWorkshop]:
    """Scheduled workshops from two days before until their day with notices not all sent."""
    today = today or today_in_taipei()
    out = []
    with store.sessions() as session:
        for workshop in repo.list_workshops(session):
            due_on = workshop.day - timedelta(days=DUE_DAYS_BEFORE)
            if workshop.status != "scheduled" or not due_on <= today <= workshop.day:
                continue
            registered, sent = delivery_counts(session, workshop)
            if registered > sent:
                out.append(DueWorkshop(workshop.id, workshop.code, workshop.title,
                                       workshop.day, due_on, registered, sent))
    return out


def delivery_counts(session: Session, workshop: WorkshopRow) -> tuple[int, int]:
    """(registered people, of whom sent a notice for the current date)."""
    registered = session.scalar(select(func.count()).where(
        RegistrationRow.workshop_id == workshop.id,
        RegistrationRow.status == "registered")) or 0
    sent = session.scalar(
        select(func.count()).select_from(NoticeDeliveryRow)
        .join(RegistrationRow, RegistrationRow.id == NoticeDeliveryRow.registration_id)
        .where(NoticeDeliveryRow.workshop_id == workshop.id,
               NoticeDeliveryRow.notice_day == workshop.day,
               NoticeDeliveryRow.status == "sent",
               RegistrationRow.status == "registered")) or 0
    return registered, sent

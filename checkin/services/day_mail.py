"""The day's other e-mails: the online course link, a Level-3 alert, a cancellation.

The online link is kept per workshop in the settings (``online_link.<code>``): no schema
change for one string. Who was sent which letter is kept the same way
(``mail_sent.<kind>.<code>``: the registration ids), so a re-run sends only to those not
reached yet, as ``notices send`` does; a failure is reported with its reason and retried by
the next run.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.orm import Session

from checkin.core.model import WorkshopStatus
from checkin.core.text import has_controls
from checkin.db import repo
from checkin.db.models import RegistrationRow, WorkshopRow
from checkin.db.models_office import WorkshopChangeRow
from checkin.db.store import Store
from checkin.notices import mail, texts
from checkin.services.notices import (
    Connector,
    NoticeError,
    SendReport,
    SendRow,
    SmtpSender,
    address_problem,
    still_to_send,
    workshop_or_fail,
)

log = logging.getLogger(__name__)

MAX_LINK_CHARS = 500
KINDS = ("online_link", "level3", "cancellation")
StopFlag = Callable[[], bool]
Progress = Callable[[int, int], None]


def link_key(code: str) -> str:
    return f"online_link.{code}"


def _sent_key(kind: str, code: str) -> str:
    return f"mail_sent.{kind}.{code}"


def check_link(url: str) -> str:
    """The link as stored: http(s) with a host, no spaces or control characters."""
    url = url.strip()
    parts = urlsplit(url)
    if (parts.scheme not in ("http", "https") or not parts.netloc or has_controls(url)
            or " " in url or len(url) > MAX_LINK_CHARS):
        raise NoticeError("LINK_INVALID", url[:80])
    return url


def set_online_link(store: Store, workshop_ref: str | int, url: str) -> str:
    """Keep the workshop's online course link; returns it as stored."""
    url = check_link(url)
    with store.sessions.begin() as session:
        workshop = workshop_or_fail(session, workshop_ref)
        repo.set_setting(session, link_key(workshop.code), url)
    return url


def online_link(store: Store, workshop_ref: str | int) -> str | None:
    """The workshop's online course link, None when none was set."""
    with store.sessions() as session:
        workshop = workshop_or_fail(session, workshop_ref)
        return repo.get_setting(session, link_key(workshop.code))


@dataclass(frozen=True)
class _Person:
    id: int
    name: str
    email: str | None


def _people(session: Session, workshop: WorkshopRow) -> list[_Person]:
    # Registered and waitlisted: the online course has room for the waitlist too.
    rows = session.scalars(
        select(RegistrationRow)
        .where(RegistrationRow.workshop_id == workshop.id,
               RegistrationRow.status.in_(("registered", "waitlisted")))
        .order_by(RegistrationRow.id))
    return [_Person(r.id, r.name, r.email) for r in rows]


def _sent_ids(session: Session, kind: str, code: str) -> set[int]:
    stored = repo.get_setting(session, _sent_key(kind, code))
    return set(json.loads(stored)) if stored else set()


def _mark_sent(store: Store, kind: str, code: str, reg_id: int) -> None:
    # One short transaction per letter: a crash loses at most the one in flight.
    with store.sessions.begin() as session:
        ids = _sent_ids(session, kind, code) | {reg_id}
        repo.set_setting(session, _sent_key(kind, code), json.dumps(sorted(ids)))


def _letter(kind: str, workshop: WorkshopRow, person: _Person, link: str | None
            ) -> mail.Letter:
    subject, body, english = {
        "online_link": (texts.ONLINE_LINK_SUBJECT, texts.ONLINE_LINK_BODY,
                        "The online course link for today's session is above."),
        "level3": (texts.LEVEL3_SUBJECT, texts.LEVEL3_BODY,
                   "Epidemic alert Level 3: this session is held online only; join with "
                   "the link above. The check-in desk is closed."),
        "cancellation": (texts.CANCEL_SUBJECT, texts.CANCEL_BODY,
                         "This session is cancelled; the QR code of your notice no longer "
                         "applies. You will be told if a new date is set."),
    }[kind]
    day = workshop.day
    facts = (("課程", workshop.title),
             ("日期", f"{texts.roc_date(day)}　{texts.gregorian_date(day)}"),
             ("課程時間", f"{workshop.starts:%H:%M}–{workshop.ends:%H:%M}"),
             ("聯絡窗口", " ".join(p for p in (workshop.organiser, workshop.contact_name,
                                               workshop.contact_phone) if p)))
    return mail.Letter(
        subject=f"{subject}{texts.PROGRAMME} {workshop.title} {texts.short_roc_date(day)}",
        name=person.name, paragraphs=body, link=link, facts=facts,
        organiser=workshop.organiser, contact_email=workshop.contact_email, english=english)


def send_letters(store: Store, workshop_ref: str | int, kind: str,
                 settings: mail.SmtpSettings | None, *, link: str | None = None,
                 dry_run: bool = False, throttle: float = 1.0,
                 sleep: Callable[[float], None] = time.sleep,
                 connect: Connector = mail.connect, should_stop: StopFlag | None = None,
                 progress: Progress | None = None) -> SendReport:
    """E-mail ``kind`` (online_link, level3, cancellation) to those not sent it yet.

    Goes to the registered and the waitlisted; ``should_stop`` is asked before each
    message (a pause), ``progress(done, total)`` told before each one and at the end.
    """
    if kind not in KINDS:
        raise NoticeError("KIND_UNKNOWN", kind)
    with store.sessions() as session:
        workshop = workshop_or_fail(session, workshop_ref)
        if kind != "cancellation":
            link = link or repo.get_setting(session, link_key(workshop.code))
            if not link:
                raise NoticeError("LINK_MISSING", workshop.code)
        people = _people(session, workshop)
        done = _sent_ids(session, kind, workshop.code)
        letters = {p.id: _letter(kind, workshop, p, link) for p in people}
        code, day = workshop.code, workshop.day
    report = SendReport(workshop_code=code, notice_day=day)
    todo = still_to_send(report, people, done, dry_run)
    if todo is None:
        return report
    if settings is None:
        raise NoticeError("SMTP_MISSING")
    sender = SmtpSender(settings, connect, throttle, sleep)
    try:
        for index, p in enumerate(todo):
            if report.aborted or (should_stop is not None and should_stop()):
                report.rows.append(SendRow(p.id, p.name, p.email, "not_reached"))
                continue
            if progress is not None:
                progress(index, len(todo))
            problem = address_problem(p.email)
            if problem:
                report.rows.append(SendRow(p.id, p.name, p.email, "failed", problem))
                continue
            assert p.email is not None
            message = mail.build_letter(letters[p.id], p.email, settings)
            error = sender.send(message)
            report.aborted = sender.aborted
            if error is None:
                _mark_sent(store, kind, code, p.id)
                report.rows.append(SendRow(p.id, p.name, p.email, "sent",
                                           message_id=message["Message-ID"]))
            else:
                log.warning("%s for registration %s not sent: %s", kind, p.id, error)
                report.rows.append(SendRow(p.id, p.name, p.email, "failed", error))
        if progress is not None:
            progress(len(todo), len(todo))
    finally:
        sender.close()
    return report


def send_online_link(store: Store, workshop_ref: str | int,
                     settings: mail.SmtpSettings | None, **kwargs: object) -> SendReport:
    """On the day: the stored online course link to every registrant and the waitlist."""
    return send_letters(store, workshop_ref, "online_link", settings,
                        **kwargs)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Level3Result:
    code: str
    link: str
    report: SendReport


def level3_alert(store: Store, workshop_ref: str | int, link: str,
                 settings: mail.SmtpSettings | None, **kwargs: object) -> Level3Result:
    """A Level-3 alert: the workshop goes online only and everyone is told, with the link.

    Its tokens answer WORKSHOP_ONLINE at a door; the link is kept; the registered and the
    waitlist get the letter. Run again after a failure, it sends only to those not reached yet.
    """
    link = check_link(link)
    with store.sessions.begin() as session:
        workshop = workshop_or_fail(session, workshop_ref)
        if workshop.status == WorkshopStatus.CANCELLED:
            raise NoticeError("WORKSHOP_CANCELLED", workshop.code)
        repo.set_setting(session, link_key(workshop.code), link)
        if workshop.status != WorkshopStatus.ONLINE:
            workshop.status = WorkshopStatus.ONLINE.value
            workshop.updated_at = datetime.now(UTC)
            session.add(WorkshopChangeRow(workshop_id=workshop.id, kind="level3",
                                          old_day=workshop.day, new_day=workshop.day,
                                          reason="三級警戒 Level-3 alert: online only",
                                          changed_at=datetime.now(UTC)))
        code = workshop.code
    report = send_letters(store, code, "level3", settings, link=link,
                          **kwargs)  # type: ignore[arg-type]
    return Level3Result(code, link, report)

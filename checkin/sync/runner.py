"""One sync as the desk runs it: check, push, pull, verify, report. The CLI and UI call this.

Order matters: this desk's own events the server holds and this database lacks come down
first, with the roster they refer to (a replaced laptop under the same desk id must know
whom it admitted and continue its numbering after them); then the outbox goes up (the
day's work is the precious part), then the roster and every desk's events come down, then
both sides are compared. The sync is recorded as done only when every workshop verifies.

Errors are told apart by where they come from: one raised through the central engine is
the network or the server (OFFLINE, DESK_REVOKED); any other database error is this
computer's own file (LOCAL_STORAGE: disk full, read-only). Either way nothing is lost: an
outbox row is marked sent only after the server confirmed the event.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime

from sqlalchemy import Engine, create_engine, event, func, select, text
from sqlalchemy.engine import ExceptionContext
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.pool import NullPool

from checkin.core.clock import Clock, SystemClock
from checkin.db import repo
from checkin.db.engine import verify_integrity
from checkin.db.models import EventRow, FollowupRow, OutboxRow, ScreeningRow
from checkin.db.models_sync import RowOutboxRow, SyncLogRow
from checkin.db.store import Store
from checkin.sync.day_rows import (
    FOLLOWUP_UPDATE,
    pending_rows,
    pull_scores,
    push_rows,
    requeue_lost_rows,
)
from checkin.sync.errors import (
    BadProvisioning,
    CentralUnreachable,
    DeskRevoked,
    LocalStorage,
    PlaintextHealthData,
    SyncError,
)
from checkin.sync.link import DeskLink, public_url, read_link, read_link_text, save_link
from checkin.sync.pull import (
    RosterPull,
    missing_own_events,
    pull_events,
    pull_own_events,
    pull_roster,
)
from checkin.sync.push import BATCH_SIZE, Progress, push_outbox, requeue_lost
from checkin.sync.verify import Duplicate, Overflow, WorkshopCheck, conflict_report, verify

log = logging.getLogger(__name__)

LAST_SYNC = "sync.last_sync_at"
READY = "sync.ready_for_offline"
LAST_EXCHANGE = "sync.last_exchange_at"  # the last exchange during the day (sync.exchange)


@dataclass
class SyncReport:
    """What one sync did.

    ``status``: DONE, MISMATCH, OFFLINE, DESK_REVOKED, NOT_LINKED, or LOCAL_STORAGE (this
    computer could not write its own database: disk full or read-only).
    """

    status: str = "STARTED"
    detail: str | None = None
    sent: int = 0
    confirmed: int = 0
    repeats: int = 0
    set_aside: list[tuple[str, str]] = field(default_factory=list)
    pending: int = 0
    requeued: int = 0  # own events and rows the server had lost (restored backup), sent again
    rows_sent: int = 0  # scores and follow-up changes (sync.day_rows)
    rows_confirmed: int = 0
    pulled_scores: int = 0
    roster: RosterPull | None = None
    pulled_events: int = 0
    renumbered: int = 0  # unsent own events moved past seqs another computer already used
    # Central events this desk cannot store (event id, reason): left out, synced the rest.
    quarantined: list[tuple[str, str]] = field(default_factory=list)
    checks: list[WorkshopCheck] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    overflows: list[Overflow] = field(default_factory=list)
    ready_for_offline: bool | None = None

    @property
    def done(self) -> bool:
        return self.status == "DONE"

    def summary(self) -> dict[str, object]:
        """Counts and codes only (safe for logs): no names, tokens or health data."""
        return {
            "status": self.status, "sent": self.sent, "confirmed": self.confirmed,
            "repeats": self.repeats, "set_aside": len(self.set_aside),
            "set_aside_reasons": sorted({r for _, r in self.set_aside}),
            "pending": self.pending, "requeued": self.requeued,
            "pulled_events": self.pulled_events, "renumbered": self.renumbered,
            "rows_sent": self.rows_sent, "rows_confirmed": self.rows_confirmed,
            "pulled_scores": self.pulled_scores,
            "quarantined": len(self.quarantined),
            "quarantine_reasons": sorted({r for _, r in self.quarantined}),
            "registrations": self.roster.registrations if self.roster else 0,
            "removed": self.roster.removed if self.roster else 0,
            "skew_seconds": round(self.roster.skew_seconds, 1) if self.roster else None,
            "mismatched_workshops": [c.workshop_id for c in self.checks if not c.ok],
            "duplicates": len(self.duplicates), "overflows": len(self.overflows),
            "ready_for_offline": self.ready_for_offline,
        }

    def as_dict(self) -> dict[str, object]:
        data = asdict(self)
        data["done"] = self.done
        return data


def central_engine(link: DeskLink, override: str | None = None) -> Engine:
    """An engine logged in as the desk; short timeouts so an offline desk learns it fast."""
    url = link.connect_url(override)
    args: dict[str, object] = {}
    if url.get_backend_name() == "postgresql":
        args = {"connect_timeout": 5, "application_name": "checkin-desk"}
    return create_engine(url, connect_args=args, pool_pre_ping=True)


CENTRAL_ERROR = "_checkin_central"


def _mark_central(context: ExceptionContext) -> None:
    """Tag every error raised through the central engine (connecting included)."""
    if context.sqlalchemy_exception is not None:
        setattr(context.sqlalchemy_exception, CENTRAL_ERROR, True)


def from_central(exc: BaseException) -> bool:
    """Whether a database error came from the central engine (not the desk's own file)."""
    return bool(getattr(exc, CENTRAL_ERROR, False))


def watch_central(engine: Engine) -> Engine:
    if not event.contains(engine, "handle_error", _mark_central):
        event.listen(engine, "handle_error", _mark_central)
    return engine


def _local_storage(exc: SQLAlchemyError) -> LocalStorage:
    orig = getattr(exc, "orig", None) or exc
    first = (str(orig).splitlines() or [""])[0][:200]
    return LocalStorage(f"{type(orig).__name__}: {first}" if first else type(orig).__name__)


def _classify(exc: DBAPIError) -> SyncError:
    state = getattr(exc.orig, "sqlstate", None) or ""
    message = str(exc.orig or exc).lower()
    if state in ("28000", "28P01") or "not permitted to log in" in message:
        return DeskRevoked(state)
    return CentralUnreachable(type(exc.orig or exc).__name__)


def sync_error(exc: SQLAlchemyError) -> SyncError:
    """A database error as the user is told it: the central side's, or this computer's file."""
    if isinstance(exc, DBAPIError) and from_central(exc):
        return _classify(exc)
    return _local_storage(exc)


def check_desk(central: Engine) -> None:
    """Refuse early when the central side no longer knows this desk."""
    if central.dialect.name != "postgresql":
        return
    with central.connect() as conn:
        if conn.execute(text("SELECT checkin_desk_id()")).scalar() is None:
            raise DeskRevoked("unknown or revoked desk")


def sync_desk(store: Store, link: DeskLink, *, central_url: str | None = None,
              progress: Progress | None = None, clock: Clock | None = None,
              batch_size: int = BATCH_SIZE,
              after_commit: Callable[[], None] | None = None,
              engine: Engine | None = None) -> SyncReport:
    """Run one full sync of this desk; never raises for network or revocation trouble.

    Whatever happens, events not confirmed by the server stay in the outbox.
    """
    # A desk file damaged since start-up must not be pushed: CorruptDatabase, moved aside.
    verify_integrity(store.engine)
    report = SyncReport()
    started = datetime.now(UTC)
    try:
        central = watch_central(engine or central_engine(link, central_url))
    except SyncError as exc:  # a link refused before connecting (clear text to elsewhere)
        report.status, report.detail = exc.code, exc.detail
        log.warning("sync stopped: %s %s", report.status, report.detail or "")
        return report
    workshops = list(link.workshops)
    try:
        if progress:
            progress("connect", 0, 1)
        if link.in_clear(central_url):
            held = health_pending(store)
            if held:
                raise PlaintextHealthData(f"{held} events with health data stay on this desk")
        check_desk(central)
        # Skew is judged against the computer's clock (what the door rules run on in
        # production), not a test's or demo's frozen clock.
        desk_now = (clock or SystemClock()).now
        missing = missing_own_events(central, store, workshops)
        if missing:  # this desk id worked in another database: catch up before pushing
            report.roster = pull_roster(central, store, workshops, desk_now())
            own = pull_own_events(central, store, workshops, missing)
            report.pulled_events, report.renumbered = own.new, own.renumbered
            report.quarantined += own.quarantined
        pushed = push_outbox(central, store, batch_size=batch_size, progress=progress,
                             after_commit=after_commit)
        report.sent, report.confirmed, report.repeats = (
            pushed.sent, pushed.confirmed, pushed.repeats)
        report.set_aside, report.pending = pushed.set_aside, pushed.pending
        # Scores and follow-up changes after the events they may name.
        rows = push_rows(central, store)
        report.rows_sent, report.rows_confirmed = rows.sent, rows.confirmed
        report.set_aside = report.set_aside + rows.set_aside
        report.pending += rows.pending
        if progress:
            progress("roster", 0, 1)
        report.roster = pull_roster(central, store, workshops, desk_now())
        report.ready_for_offline = report.roster.ready_for_offline
        if progress:
            progress("events", 0, 1)
        pulled = pull_events(central, store, workshops)
        report.pulled_events += pulled.new
        scores = pull_scores(central, store, workshops)
        report.pulled_scores = scores.new
        report.quarantined = sorted(set(report.quarantined) | set(pulled.quarantined)
                                    | set(scores.quarantined))
        if report.quarantined:
            log.warning("sync: %d central events quarantined (%s)", len(report.quarantined),
                        ", ".join(sorted({r for _, r in report.quarantined})))
        skip = [event_id for event_id, _ in report.quarantined]
        if progress:
            progress("verify", 0, 1)
        report.checks = verify(central, store, workshops, skip)
        bad = [c.workshop_id for c in report.checks if not c.ok]
        if bad:
            lost_events = requeue_lost(central, store, bad)
            lost_rows = requeue_lost_rows(central, store)
            report.requeued = lost_events + lost_rows
            if lost_events:
                again = push_outbox(central, store, batch_size=batch_size, progress=progress)
                report.sent += again.sent
                report.confirmed += again.confirmed
                report.repeats += again.repeats
                report.set_aside += again.set_aside
            if lost_rows:  # after the events they may name
                rows = push_rows(central, store)
                report.rows_sent += rows.sent
                report.rows_confirmed += rows.confirmed
                report.set_aside = report.set_aside + rows.set_aside
            if report.requeued:
                report.pending = pending_count(store)
                if progress:
                    progress("verify", 0, 1)
                report.checks = verify(central, store, workshops, skip)
        report.duplicates, report.overflows = conflict_report(store, workshops)
        report.status = "DONE" if all(c.ok for c in report.checks) and not report.pending \
            else "MISMATCH"
        _tell_office(central, pending_count(store))
    except SyncError as exc:
        report.status, report.detail = exc.code, exc.detail
    except SQLAlchemyError as exc:
        err = sync_error(exc)
        report.status, report.detail = err.code, err.detail
    finally:
        if engine is None:
            central.dispose()
    # The bookkeeping writes to the desk's own file too: a full disk must not turn a
    # report into a traceback. The outbox is untouched by it, so nothing is lost.
    try:
        report.pending = pending_count(store)
        _log(store, "sync", started, report.status, report.done, report.summary())
    except SQLAlchemyError as exc:
        err = sync_error(exc)
        report.status, report.detail = err.code, err.detail
    if report.status not in ("DONE", "MISMATCH"):
        log.warning("sync stopped: %s %s", report.status, report.detail or "")
    if progress:  # "done" only for a sync that is done: OFFLINE or MISMATCH stopped short
        progress("done" if report.done else "stopped", 1, 1)
    return report


def _tell_office(central: Engine, held: int) -> None:
    """The desk's last sync and the events it still holds, for the office's desks page.

    Bookkeeping only: a central database not yet given the function (``central init`` not
    run again after an upgrade) must not turn a finished sync into a failure.
    """
    try:
        with central.begin() as conn:
            conn.execute(text("SELECT checkin_desk_seen(:held)"), {"held": held})
    except SQLAlchemyError as exc:
        log.info("the office was not told of this sync: %s", type(exc).__name__)


def _log(store: Store, kind: str, started: datetime, status: str, ok: bool,
         summary: dict[str, object]) -> None:
    now = datetime.now(UTC)
    with store.sessions.begin() as session:
        session.add(SyncLogRow(kind=kind, started_at=started, finished_at=now, status=status,
                               ok=ok, summary=json.dumps(summary, ensure_ascii=False)))
        if ok and kind == "sync":
            repo.set_setting(session, LAST_SYNC, now.isoformat())
            repo.set_setting(session, LAST_EXCHANGE, now.isoformat())  # a sync exchanges too
        ready = summary.get("ready_for_offline")
        if ready is not None:
            repo.set_setting(session, READY, "1" if ready else "0")


def health_pending(store: Store) -> int:
    """Unsent events carrying health data (screening, follow-up), and follow-up changes."""
    with store.sessions() as session:
        pending = select(OutboxRow.event_id).where(OutboxRow.sent_at.is_(None),
                                                   OutboxRow.set_aside_reason.is_(None))
        screened = select(ScreeningRow.event_id).where(ScreeningRow.event_id.in_(pending))
        followed = select(FollowupRow.event_id).where(FollowupRow.event_id.in_(pending))
        events = len(set(session.scalars(screened)) | set(session.scalars(followed)))
    return events + pending_rows(store, FOLLOWUP_UPDATE)


def pending_count(store: Store) -> int:
    """Events, scores and follow-up changes waiting for the server (not set aside)."""
    with store.sessions() as session:
        events = int(session.scalar(select(func.count()).select_from(OutboxRow).where(
            OutboxRow.sent_at.is_(None), OutboxRow.set_aside_reason.is_(None))) or 0)
    return events + pending_rows(store)


@dataclass(frozen=True)
class DeskStatus:
    """What the status bar shows: link, pending, set aside, last sync, last exchange."""

    linked: bool
    desk_name: str
    pending: int
    set_aside: int
    last_sync_at: datetime | None
    ready_for_offline: bool | None
    last_exchange_at: datetime | None = None


def desk_status(store: Store, link: DeskLink | None) -> DeskStatus:
    with store.sessions() as session:
        aside = int(session.scalar(select(func.count()).select_from(OutboxRow).where(
            OutboxRow.set_aside_reason.is_not(None))) or 0)
        aside += int(session.scalar(select(func.count()).select_from(RowOutboxRow).where(
            RowOutboxRow.set_aside_reason.is_not(None))) or 0)
        last = repo.get_setting(session, LAST_SYNC)
        ready = repo.get_setting(session, READY)
        exchanged = repo.get_setting(session, LAST_EXCHANGE)
    return DeskStatus(linked=link is not None, desk_name=store.desk_name,
                      pending=pending_count(store), set_aside=aside,
                      last_sync_at=datetime.fromisoformat(last) if last else None,
                      ready_for_offline=None if ready is None else ready == "1",
                      last_exchange_at=datetime.fromisoformat(exchanged) if exchanged else None)


def probe(link: DeskLink, central_url: str | None = None, timeout: int = 3) -> bool:
    """Whether the central database is reachable right now (as this desk)."""
    try:
        url = link.connect_url(central_url)
    except SyncError:
        return False
    args: dict[str, object] = {}
    if url.get_backend_name() == "postgresql":
        args = {"connect_timeout": timeout}
    engine = create_engine(url, connect_args=args, poolclass=NullPool)
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        return True
    except DBAPIError:
        return False
    finally:
        engine.dispose()


def join(store: Store, desk_url: str, provisioning: str) -> DeskLink:
    """Import a provisioning file: store the credentials (0600) and adopt the desk identity.

    A desk that already recorded events under another identity keeps it and is refused,
    since renaming would orphan those events. A fresh database adopting a desk id that
    already worked elsewhere learns that desk's events at its next sync, before anything
    is pushed (see :func:`sync_desk`).
    """
    from pathlib import Path

    # A scanned join QR code carries the provisioning itself (a JSON object), not a path.
    link = (read_link_text(provisioning) if provisioning.lstrip().startswith("{")
            else read_link(Path(provisioning)))
    with store.sessions.begin() as session:
        if store.desk_id != link.desk_id:
            own = session.scalar(select(func.count()).select_from(EventRow).where(
                EventRow.desk_id == store.desk_id)) or 0
            if own:
                raise BadProvisioning(
                    f"this desk already recorded {own} events as desk {store.desk_id}; "
                    "provision it with that desk id (central add-desk --desk-id)")
            repo.set_setting(session, "desk_id", link.desk_id)
        repo.set_setting(session, "desk_name", link.desk_name)
    store.desk_id, store.desk_name = link.desk_id, link.desk_name
    save_link(desk_url, link)
    log.info("desk %s linked to %s", link.desk_name, public_url(link.url))
    return link

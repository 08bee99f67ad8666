"""Attendance up: the outbox pushed in batches, idempotently, confirmed event by event.

- The event UUID is the key: ``INSERT ... ON CONFLICT (id) DO NOTHING`` makes a repeat a
  no-op, so a batch can be sent again after any failure.
- An outbox row is marked sent only after the server, asked afterwards, shows that event
  id under this desk. A connection cut after COMMIT and before the answer therefore costs
  one more round trip, never a lost or doubled event.
- A permanently rejected event (unknown registration, not this desk's workshop, invalid
  data) is set aside with a reason code and counted in the report; it is neither retried
  for ever nor dropped silently. Anything else (network, server restart) is retried later.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, select, text, update
from sqlalchemy.exc import DBAPIError

from checkin.db.models import EventRow, OutboxRow
from checkin.db.store import Store
from checkin.sync.errors import DeskRevoked
from checkin.sync.rows import (
    EVENT_COLUMNS,
    EVENTS,
    FOLLOWUP_COLUMNS,
    FOLLOWUPS,
    FOLLOWUPS_PUSH,
    SCREENING_COLUMNS,
    SCREENINGS,
    chunks,
    insert_for,
    pg_copy_insert,
    pg_unnest_insert,
)

Progress = Callable[[str, int, int], None]
BATCH_SIZE = 2000
COPY_FROM = 200  # events in a batch from which COPY is worth its extra round trips


@dataclass
class Batch:
    """Events with their screening and follow-up rows, ready to insert centrally."""

    events: list[dict[str, Any]]
    screenings: list[dict[str, Any]] = field(default_factory=list)
    followups: list[dict[str, Any]] = field(default_factory=list)

    def ids(self) -> list[str]:
        return [e["id"] for e in self.events]

    def only(self, event_id: str) -> Batch:
        return Batch([e for e in self.events if e["id"] == event_id],
                     [s for s in self.screenings if s["event_id"] == event_id],
                     [f for f in self.followups if f["event_id"] == event_id])


@dataclass
class PushResult:
    """Counts of one push; ``set_aside`` lists (event id, reason code)."""

    sent: int = 0
    confirmed: int = 0
    repeats: int = 0  # confirmed events the server already had (an earlier, cut attempt)
    set_aside: list[tuple[str, str]] = field(default_factory=list)
    pending: int = 0


def rejection_reason(exc: DBAPIError) -> str | None:
    """A reason code when the server refuses the data itself; None for transient errors."""
    if exc.connection_invalidated:
        return None
    state = getattr(exc.orig, "sqlstate", None) or ""
    if state == "23503":
        return "UNKNOWN_REFERENCE"
    if state in ("23505", "23P01"):
        return "CONFLICTING_EVENT"
    if state.startswith("23") or state.startswith("22"):
        return "INVALID_EVENT"
    if state == "42501":  # insufficient privilege, including a row-level security refusal
        return "NOT_PERMITTED"
    return None


def load_batch(store: Store, event_ids: Sequence[str]) -> Batch:
    # Core rows, not ORM objects: building 10,000 instances cost half of a push.
    with store.engine.connect() as conn:
        def rows(table: Any, key: Any, columns: Sequence[str], order: Any = None
                 ) -> list[dict[str, Any]]:
            query = select(*(table.c[c] for c in columns)).where(key.in_(event_ids))
            if order is not None:
                query = query.order_by(order)
            # Times come back aware in UTC from both databases (db/types.UtcDateTime).
            # Plain tuples zipped with the names: a mapping per row cost as much again.
            names = list(columns)
            return [dict(zip(names, r, strict=True)) for r in conn.execute(query)]

        return Batch(rows(EVENTS, EVENTS.c.id, EVENT_COLUMNS, EVENTS.c.seq),
                     rows(SCREENINGS, SCREENINGS.c.event_id, SCREENING_COLUMNS),
                     rows(FOLLOWUPS, FOLLOWUPS.c.event_id, FOLLOWUP_COLUMNS))


def insert_batch(conn: Connection, batch: Batch) -> set[str]:
    """Insert a batch in the caller's transaction; returns ids new to the server."""
    if not batch.events:
        return set()
    if conn.dialect.name == "postgresql":
        # A big batch goes by COPY into a temporary table and one INSERT ... SELECT; the
        # few events of an exchange during the day by one INSERT ... unnest (one round trip
        # instead of four). Either way one INSERT per table, judged by the same policies.
        put = pg_copy_insert if len(batch.events) >= COPY_FROM else pg_unnest_insert
        inserted = {str(i) for i in put(conn, EVENTS, batch.events, "(id)", "id")}
        # No conflict target for health rows: a desk's login may insert them but not read
        # them back, and naming a target would need SELECT on it.
        put(conn, SCREENINGS, batch.screenings)
        put(conn, FOLLOWUPS_PUSH, batch.followups)
        return inserted
    stmt = insert_for(conn, EVENTS).on_conflict_do_nothing(index_elements=["id"])
    inserted = {str(r[0]) for r in conn.execute(stmt.returning(EVENTS.c.id), batch.events)}
    if batch.screenings:
        conn.execute(insert_for(conn, SCREENINGS).on_conflict_do_nothing(), batch.screenings)
    if batch.followups:
        conn.execute(insert_for(conn, FOLLOWUPS_PUSH).on_conflict_do_nothing(), batch.followups)
    return inserted


def send_batch(central: Engine, batch: Batch, as_desk: bool = True,
               as_role: str | None = None) -> tuple[set[str], dict[str, str]]:
    """Send one batch in one central transaction: (ids inserted, {rejected id: reason}).

    When the whole batch is refused for its data, each event is retried on its own behind a
    savepoint, so one bad event cannot hold the others back. ``as_role``: the office sends
    a desk's file under that desk's role (``SET LOCAL ROLE``), so the same grants and
    policies judge it as when the desk sends online.
    """
    return send_sifted(central, insert_batch, batch, batch.ids, batch.only, as_desk=as_desk,
                       as_role=as_role)


B = TypeVar("B")
K = TypeVar("K")


def send_sifted(central: Engine, insert: Callable[[Connection, B], set[K]], batch: B,
                keys: Callable[[], Iterable[K]], only: Callable[[K], B], *, as_desk: bool,
                as_role: str | None) -> tuple[set[K], dict[K, str]]:
    """``insert`` the batch in one central transaction: (keys inserted, {refused: reason}).

    A batch refused for its data is retried row by row (``only(key)`` for each of
    ``keys()``) behind savepoints, so one bad row cannot hold the others back. ``as_role``
    runs it under that desk's role (``SET LOCAL ROLE``).
    """
    with central.begin() as conn:
        if as_role is not None:
            quoted = conn.dialect.identifier_preparer.quote_identifier(as_role)
            conn.execute(text(f"SET LOCAL ROLE {quoted}"))
        try:
            with conn.begin_nested():
                return insert(conn, batch), {}
        except DBAPIError as exc:
            if rejection_reason(exc) is None:
                raise
        inserted: set[K] = set()
        rejected: dict[K, str] = {}
        for key in keys():
            try:
                with conn.begin_nested():
                    inserted |= insert(conn, only(key))
            except DBAPIError as exc:
                reason = rejection_reason(exc)
                if reason is None:
                    raise
                rejected[key] = reason
        # A revoked desk is refused by the policies too: that is no fault of the rows.
        if (as_desk and rejected and conn.dialect.name == "postgresql"
                and conn.execute(text("SELECT checkin_desk_id()")).scalar() is None):
            raise DeskRevoked("revoked during the sync")
        return inserted, rejected


def confirmed_ids(central: Engine, event_ids: Sequence[str], desk_id: str) -> set[str]:
    """The ids the server holds as events of this desk."""
    with central.connect() as conn:
        if conn.dialect.name == "postgresql":
            # One array parameter, not 2,000 bound values to expand into the statement.
            return {str(i) for i in conn.exec_driver_sql(
                "SELECT id FROM events WHERE id = ANY(%s::varchar[]) AND desk_id = %s",
                (list(event_ids), desk_id)).scalars()}
        return {str(i) for i in conn.execute(select(EVENTS.c.id).where(
            EVENTS.c.id.in_(list(event_ids)), EVENTS.c.desk_id == desk_id)).scalars()}


def pending_ids(store: Store) -> list[str]:
    with store.sessions() as session:
        return list(session.scalars(
            select(OutboxRow.event_id).join(EventRow, EventRow.id == OutboxRow.event_id)
            .where(OutboxRow.sent_at.is_(None), OutboxRow.set_aside_reason.is_(None))
            .order_by(EventRow.seq)))


def _record(store: Store, ids: Sequence[str], confirmed: set[str],
            rejected: dict[str, str], error: str | None) -> None:
    now = datetime.now(UTC)
    with store.sessions.begin() as session:
        session.execute(update(OutboxRow).where(OutboxRow.event_id.in_(list(ids)))
                        .values(attempts=OutboxRow.attempts + 1, last_error=error))
        if confirmed:
            session.execute(update(OutboxRow).where(OutboxRow.event_id.in_(list(confirmed)))
                            .values(sent_at=now, last_error=None))
        for event_id, reason in rejected.items():
            session.execute(update(OutboxRow).where(OutboxRow.event_id == event_id)
                            .values(set_aside_reason=reason, last_error=reason))


def push_outbox(central: Engine, store: Store, *, batch_size: int = BATCH_SIZE,
                progress: Progress | None = None,
                after_commit: Callable[[], None] | None = None) -> PushResult:
    """Push every unsent, not set-aside outbox event; safe to interrupt and run again.

    ``after_commit`` runs between the central COMMIT and the confirmation (tests cut the
    connection or kill the process there).
    """
    ids = pending_ids(store)
    result = PushResult()
    total = len(ids)
    if progress:
        progress("push", 0, total)
    done = 0
    for part in chunks(ids, batch_size):
        batch = load_batch(store, part)
        try:
            inserted, rejected = send_batch(central, batch)
            result.sent += len(part)
            if after_commit is not None:
                after_commit()
            confirmed = confirmed_ids(central, [i for i in part if i not in rejected],
                                      store.desk_id)
        except DBAPIError as exc:
            _record(store, part, set(), {}, type(exc.orig or exc).__name__)
            raise
        _record(store, part, confirmed, rejected, None)
        result.confirmed += len(confirmed)
        result.repeats += len(confirmed - inserted)
        result.set_aside.extend(rejected.items())
        done += len(part)
        if progress:
            progress("push", done, total)
    result.pending = len(pending_ids(store))
    return result


def requeue_lost(central: Engine, store: Store, workshops: Sequence[int]) -> int:
    """Put back in the outbox this desk's events the server no longer holds.

    An outbox row marked sent stays sent; but a central database restored from a backup
    taken before the sync has lost what it confirmed. Verification finds the difference;
    this makes the desk send those events again (idempotently) instead of reporting the
    mismatch for ever.
    """
    with store.sessions() as session:
        sent = list(session.scalars(
            select(OutboxRow.event_id).join(EventRow, EventRow.id == OutboxRow.event_id)
            .where(OutboxRow.sent_at.is_not(None), OutboxRow.set_aside_reason.is_(None),
                   EventRow.desk_id == store.desk_id,
                   EventRow.workshop_id.in_(list(workshops)))))
    lost: list[str] = []
    for part in chunks(sent, BATCH_SIZE):
        held = confirmed_ids(central, part, store.desk_id)
        lost += [i for i in part if i not in held]
    if lost:
        with store.sessions.begin() as session:
            for part in chunks(lost, 500):
                session.execute(update(OutboxRow).where(OutboxRow.event_id.in_(list(part)))
                                .values(sent_at=None, last_error="LOST_CENTRALLY"))
    return len(lost)

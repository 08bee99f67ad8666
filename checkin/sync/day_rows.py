"""Scores and follow-up changes: rows that are not events, up through their own outbox.

Events ride ``outbox`` (keyed by event id). A score or a follow-up change is a row of its
own table with its own client-generated UUID, so it rides ``outbox_rows``: one entry per
row, ``(kind, row_id)``, written with the row (repo.queue_row). The rules are the events':

- ``INSERT ... ON CONFLICT DO NOTHING`` on the UUID makes a repeat a no-op;
- an entry is marked sent only when the server, asked afterwards, shows that row under this
  desk (a follow-up change through a SECURITY DEFINER function: the desk's login cannot
  read health data back);
- a row the server refuses for its data is set aside with a reason, the others go on.

A row of this desk without an entry (written by code that did not queue it, or by an older
version) is queued by :func:`sweep` before each push, so nothing of this desk is left
behind. Scores come down to every desk of the workshop (:func:`pull_scores`); follow-up
changes never come down (health data stays where it was recorded, and at the office).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Engine, insert, select, text, update
from sqlalchemy.exc import DBAPIError

from checkin.db.models import RegistrationRow
from checkin.db.models_day import FollowupUpdateRow, ScoreRow
from checkin.db.models_sync import RowOutboxRow
from checkin.db.store import Store
from checkin.sync.fingerprint import digest_lines, followup_update_line, score_line
from checkin.sync.push import send_sifted
from checkin.sync.rows import (
    EVENTS,
    FOLLOWUP_UPDATE_COLUMNS,
    FOLLOWUP_UPDATES,
    SCORE_COLUMNS,
    SCORES,
    chunks,
    insert_for,
    pg_unnest_insert,
)

SCORE = "score"
FOLLOWUP_UPDATE = "followup_update"
Key = tuple[str, str]  # (kind, row id)


@dataclass
class RowBatch:
    """Scores and follow-up changes, ready to insert centrally."""

    scores: list[dict[str, Any]] = field(default_factory=list)
    updates: list[dict[str, Any]] = field(default_factory=list)

    def keys(self) -> list[Key]:
        return ([(SCORE, str(r["id"])) for r in self.scores]
                + [(FOLLOWUP_UPDATE, str(r["id"])) for r in self.updates])

    def only(self, key: Key) -> RowBatch:
        kind, row_id = key
        return RowBatch([r for r in self.scores if kind == SCORE and r["id"] == row_id],
                        [r for r in self.updates
                         if kind == FOLLOWUP_UPDATE and r["id"] == row_id])

    def __bool__(self) -> bool:
        return bool(self.scores or self.updates)


@dataclass
class RowsPush:
    """Counts of one push of rows; ``set_aside`` lists (row id, reason code)."""

    sent: int = 0
    confirmed: int = 0
    set_aside: list[tuple[str, str]] = field(default_factory=list)
    pending: int = 0


def sweep(store: Store) -> int:
    """Queue this desk's scores and follow-up changes that have no outbox entry yet."""
    now = datetime.now(UTC)
    added = 0
    with store.sessions.begin() as session:
        for kind, model in ((SCORE, ScoreRow), (FOLLOWUP_UPDATE, FollowupUpdateRow)):
            queued = select(RowOutboxRow.row_id).where(RowOutboxRow.kind == kind)
            missing = list(session.scalars(select(model.id).where(
                model.desk_id == store.desk_id, model.id.not_in(queued))))
            for part in chunks(missing, 500):
                session.execute(insert(RowOutboxRow), [
                    {"kind": kind, "row_id": i, "created_at": now, "attempts": 0}
                    for i in part])
            added += len(missing)
    return added


def pending_keys(store: Store) -> list[Key]:
    with store.sessions() as session:
        return [(str(k), str(i)) for k, i in session.execute(
            select(RowOutboxRow.kind, RowOutboxRow.row_id)
            .where(RowOutboxRow.sent_at.is_(None), RowOutboxRow.set_aside_reason.is_(None))
            .order_by(RowOutboxRow.created_at, RowOutboxRow.kind, RowOutboxRow.row_id))]


def load_rows(store: Store, keys: Sequence[Key]) -> RowBatch:
    score_ids = [i for k, i in keys if k == SCORE]
    update_ids = [i for k, i in keys if k == FOLLOWUP_UPDATE]
    with store.engine.connect() as conn:
        def rows(table: Any, columns: Sequence[str], ids: list[str]) -> list[dict[str, Any]]:
            if not ids:
                return []
            query = select(*(table.c[c] for c in columns)).where(table.c.id.in_(ids))
            return [dict(r) for r in conn.execute(query).mappings()]

        return RowBatch(rows(SCORES, SCORE_COLUMNS, score_ids),
                        rows(FOLLOWUP_UPDATES, FOLLOWUP_UPDATE_COLUMNS, update_ids))


def insert_rows(conn: Connection, batch: RowBatch) -> set[Key]:
    """Insert in the caller's transaction; returns the keys new to the server.

    Scores only: a desk's login cannot read follow-up changes back, so those are not told.
    """
    if conn.dialect.name == "postgresql":
        new = {(SCORE, str(i)) for i in pg_unnest_insert(conn, SCORES, batch.scores, "(id)",
                                                         "id")}
        # No conflict target: naming one needs SELECT, which a desk has not got here.
        pg_unnest_insert(conn, FOLLOWUP_UPDATES, batch.updates)
        return new
    new = set()
    if batch.scores:
        stmt = insert_for(conn, SCORES).on_conflict_do_nothing(index_elements=["id"])
        new = {(SCORE, str(r[0])) for r in conn.execute(stmt.returning(SCORES.c.id),
                                                          batch.scores)}
    if batch.updates:
        conn.execute(insert_for(conn, FOLLOWUP_UPDATES).on_conflict_do_nothing(),
                     batch.updates)
    return new


def send_rows(central: Engine, batch: RowBatch, *, as_desk: bool = True,
              as_role: str | None = None) -> tuple[set[Key], dict[Key, str]]:
    """One central transaction: (keys inserted, {refused key: reason}).

    As :func:`checkin.sync.push.send_batch`: a batch refused for its data is retried row by
    row behind savepoints; ``as_role`` takes a desk's file in under that desk's role.
    """
    if not batch:
        return set(), {}
    return send_sifted(central, insert_rows, batch, batch.keys, batch.only, as_desk=as_desk,
                       as_role=as_role)


def confirmed_keys(central: Engine, keys: Sequence[Key], desk_id: str) -> set[Key]:
    """The keys the server holds as rows of this desk."""
    score_ids = [i for k, i in keys if k == SCORE]
    update_ids = [i for k, i in keys if k == FOLLOWUP_UPDATE]
    held: set[Key] = set()
    with central.connect() as conn:
        if score_ids:
            held |= {(SCORE, str(i)) for i in conn.execute(select(SCORES.c.id).where(
                SCORES.c.id.in_(score_ids), SCORES.c.desk_id == desk_id)).scalars()}
        if update_ids:
            if conn.dialect.name == "postgresql":
                found = conn.execute(text("SELECT * FROM checkin_held_followup_updates(:ids)"),
                                     {"ids": update_ids}).scalars()
            else:
                found = conn.execute(select(FOLLOWUP_UPDATES.c.id).where(
                    FOLLOWUP_UPDATES.c.id.in_(update_ids),
                    FOLLOWUP_UPDATES.c.desk_id == desk_id)).scalars()
            held |= {(FOLLOWUP_UPDATE, str(i)) for i in found}
    return held


def _record(store: Store, keys: Sequence[Key], confirmed: set[Key],
            rejected: dict[Key, str], error: str | None) -> None:
    now = datetime.now(UTC)
    with store.sessions.begin() as session:
        for kind, row_id in keys:
            where = (RowOutboxRow.kind == kind, RowOutboxRow.row_id == row_id)
            values: dict[str, Any] = {"attempts": RowOutboxRow.attempts + 1,
                                      "last_error": error}
            if (kind, row_id) in confirmed:
                values.update(sent_at=now, last_error=None)
            if (kind, row_id) in rejected:
                reason = rejected[(kind, row_id)]
                values.update(set_aside_reason=reason, last_error=reason)
            session.execute(update(RowOutboxRow).where(*where).values(**values))


def push_rows(central: Engine, store: Store, batch_size: int = 500) -> RowsPush:
    """Push every unsent, not set-aside score and follow-up change of this desk.

    Runs after the events' push: a follow-up change names its follow-up's event, which
    must be on the server first (a change whose event was set aside is set aside too).
    """
    sweep(store)
    keys = pending_keys(store)
    result = RowsPush()
    for part in chunks(keys, batch_size):
        batch = load_rows(store, part)
        try:
            _inserted, rejected = send_rows(central, batch)
            result.sent += len(part)
            confirmed = confirmed_keys(central, [k for k in part if k not in rejected],
                                       store.desk_id)
        except DBAPIError as exc:
            _record(store, part, set(), {}, type(exc.orig or exc).__name__)
            raise
        _record(store, part, confirmed, rejected, None)
        result.confirmed += len(confirmed)
        result.set_aside.extend((row_id, reason) for (_, row_id), reason in rejected.items())
    result.pending = len(pending_keys(store))
    return result


def requeue_lost_rows(central: Engine, store: Store) -> int:
    """Put back in the outbox rows of this desk marked sent that the server no longer holds.

    As :func:`checkin.sync.push.requeue_lost` for events: a central database restored from
    a backup taken before the sync has lost what it confirmed; verification finds it.
    """
    with store.sessions() as session:
        sent = [(str(k), str(i)) for k, i in session.execute(
            select(RowOutboxRow.kind, RowOutboxRow.row_id).where(
                RowOutboxRow.sent_at.is_not(None), RowOutboxRow.set_aside_reason.is_(None)))]
    lost: list[Key] = []
    for part in chunks(sent, 500):
        held = confirmed_keys(central, part, store.desk_id)
        lost += [k for k in part if k not in held]
    if lost:
        with store.sessions.begin() as session:
            for kind, row_id in lost:
                session.execute(update(RowOutboxRow).where(
                    RowOutboxRow.kind == kind, RowOutboxRow.row_id == row_id)
                    .values(sent_at=None, last_error="LOST_CENTRALLY"))
    return len(lost)


def pending_rows(store: Store, kind: str | None = None) -> int:
    """Rows waiting for the server (not set aside); of one kind when given."""
    with store.sessions() as session:
        query = select(RowOutboxRow.row_id).where(RowOutboxRow.sent_at.is_(None),
                                                  RowOutboxRow.set_aside_reason.is_(None))
        if kind is not None:
            query = query.where(RowOutboxRow.kind == kind)
        return len(list(session.scalars(query)))


# --- scores down ---------------------------------------------------------------------------

@dataclass(frozen=True)
class ScoresPull:
    received: int
    new: int
    quarantined: tuple[tuple[str, str], ...] = ()


def pull_scores(central: Engine, store: Store, workshops: Sequence[int]) -> ScoresPull:
    """Copy every desk's scores of these workshops (a set union, as for events).

    A score naming a registration this desk has not got in that workshop is quarantined
    (FOREIGN_REGISTRATION), reported, and the rest goes in.
    """
    ws = sorted(set(workshops))
    with central.connect() as conn:
        rows = [dict(r) for r in conn.execute(
            select(*(SCORES.c[c] for c in SCORE_COLUMNS)).where(
                SCORES.c.workshop_id.in_(ws))).mappings()]
    if not rows:
        return ScoresPull(0, 0)
    with store.sessions.begin() as session:
        local = set(session.scalars(select(ScoreRow.id).where(ScoreRow.workshop_id.in_(ws))))
        fresh = [r for r in rows if r["id"] not in local]
        wanted = sorted({int(r["registration_id"]) for r in fresh})
        registered: dict[int, int] = {}
        for part in chunks(wanted, 500):
            registered.update((int(i), int(w)) for i, w in session.execute(
                select(RegistrationRow.id, RegistrationRow.workshop_id).where(
                    RegistrationRow.id.in_(list(part)))))
        good, bad = [], []
        for r in fresh:
            if registered.get(int(r["registration_id"])) == r["workshop_id"]:
                good.append(r)
            else:
                bad.append((str(r["id"]), "FOREIGN_REGISTRATION"))
        stmt = insert_for(session, SCORES).on_conflict_do_nothing(index_elements=["id"])
        for part in chunks(good, 500):
            session.execute(stmt, list(part))
    return ScoresPull(len(rows), len(good), tuple(bad))


# --- verification -----------------------------------------------------------------------

def _aside(kind: str) -> Any:
    return select(RowOutboxRow.row_id).where(RowOutboxRow.kind == kind,
                                             RowOutboxRow.set_aside_reason.is_not(None))


def _digests(lines: dict[int, dict[str, str]]) -> dict[int, str]:
    return {w: digest_lines(v[i] for i in sorted(v)) for w, v in lines.items()}


def local_score_digests(store: Store, workshops: Sequence[int], skip: Sequence[str] = ()
                        ) -> dict[int, str]:
    """Digest of every score of these workshops on the desk, without those set aside."""
    skipped = set(skip)
    lines: dict[int, dict[str, str]] = defaultdict(dict)
    with store.sessions() as session:
        for row in session.execute(select(SCORES).where(
                SCORES.c.workshop_id.in_(list(workshops)),
                SCORES.c.id.not_in(_aside(SCORE)))).mappings():
            if row["id"] not in skipped:
                lines[int(row["workshop_id"])][str(row["id"])] = score_line(row)
    return _digests(lines)


def central_score_digests(central: Engine, workshops: Sequence[int], skip: Sequence[str] = ()
                          ) -> dict[int, str]:
    """The same over the server's scores (a desk may read its workshops' scores)."""
    skipped = set(skip)
    lines: dict[int, dict[str, str]] = defaultdict(dict)
    with central.connect() as conn:
        for row in conn.execute(select(SCORES).where(
                SCORES.c.workshop_id.in_(list(workshops)))).mappings():
            if row["id"] not in skipped:
                lines[int(row["workshop_id"])][str(row["id"])] = score_line(row)
    return _digests(lines)


def local_update_lines(store: Store, workshops: Sequence[int]) -> dict[int, dict[str, str]]:
    """Lines of this desk's own follow-up changes, per workshop (set-aside ones left out)."""
    lines: dict[int, dict[str, str]] = defaultdict(dict)
    with store.sessions() as session:
        for row in session.execute(
                select(EVENTS.c.workshop_id, FOLLOWUP_UPDATES)
                .join(EVENTS, EVENTS.c.id == FOLLOWUP_UPDATES.c.event_id)
                .where(EVENTS.c.workshop_id.in_(list(workshops)),
                       FOLLOWUP_UPDATES.c.desk_id == store.desk_id,
                       FOLLOWUP_UPDATES.c.id.not_in(_aside(FOLLOWUP_UPDATE)))).mappings():
            lines[int(row["workshop_id"])][str(row["id"])] = followup_update_line(row)
    return lines


def central_update_digests(central: Engine, ids: Sequence[str], desk_id: str
                           ) -> dict[int, str]:
    """Digest of the server's copies of these follow-up changes of this desk, per workshop.

    The desk reads the digest, never the changes (a SECURITY DEFINER function).
    """
    if not ids:
        return {}
    with central.connect() as conn:
        if conn.dialect.name == "postgresql":
            rows = conn.execute(text(
                "SELECT workshop_id, digest FROM checkin_own_followup_updates(:ids)"),
                {"ids": list(ids)})
            return {int(w): str(d) for w, d in rows}
        wanted = set(ids)
        lines: dict[int, dict[str, str]] = defaultdict(dict)
        for row in conn.execute(
                select(EVENTS.c.workshop_id, FOLLOWUP_UPDATES)
                .join(EVENTS, EVENTS.c.id == FOLLOWUP_UPDATES.c.event_id)
                .where(FOLLOWUP_UPDATES.c.desk_id == desk_id)).mappings():
            if row["id"] in wanted:
                lines[int(row["workshop_id"])][str(row["id"])] = followup_update_line(row)
        return _digests(lines)


def local_update_digests(lines: dict[int, dict[str, str]]) -> dict[int, str]:
    return _digests(lines)

"""Roster down and the workshops' events: what a desk pulls from the central database.

The roster is read incrementally: the central change log numbers every registration
written or removed, and the desk keeps the highest number it has seen (its watermark). A
logged registration the desk can no longer see was removed or moved away: a tombstone.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Engine, delete, func, insert, select, text, update
from sqlalchemy.orm import Session

from checkin.db import repo
from checkin.db.models import (
    EventRow,
    OutboxRow,
    RegistrationRow,
    ScreeningProfileRow,
    Setting,
    WorkshopRow,
)
from checkin.db.models_sync import SyncChangeRow, SyncWatermarkRow
from checkin.db.store import Store
from checkin.db.types import UtcDateTime
from checkin.notices import privacy
from checkin.sync.central import DESK_EVENT_COLUMNS, DESK_REGISTRATION_COLUMNS, ROSTER_LOCK
from checkin.sync.rows import EVENTS, REGISTRATIONS, WORKSHOPS, insert_for

MAX_SKEW = timedelta(minutes=5)
ROSTER_WATERMARK = "roster"


@dataclass(frozen=True)
class RosterPull:
    """What a roster pull brought and whether the desk may work offline on it."""

    workshops: int
    registrations: int
    removed: int
    watermark: int
    full: bool
    server_time: datetime | None
    skew_seconds: float
    ready_for_offline: bool
    not_ready_reason: str | None = None  # CLOCK_SKEW


def clock_skew(server: datetime | None, desk: datetime) -> float:
    """Desk clock minus server clock, in seconds (0 when the server did not say)."""
    if server is None:
        return 0.0
    return (desk - server).total_seconds()


def watermark_name(workshops: Sequence[int]) -> str:
    """The watermark of one set of workshops.

    A desk provisioned again for more workshops must not read the change log from where it
    stopped for fewer: the new workshop's older registrations lie below that mark and would
    never come down. A new set starts with a full pull.
    """
    name = f"{ROSTER_WATERMARK}:{','.join(str(w) for w in sorted(set(workshops)))}"
    if len(name) > 64:
        name = f"{ROSTER_WATERMARK}:#{hashlib.sha256(name.encode()).hexdigest()[:40]}"
    return name


def _watermark(session: Session, name: str) -> int:
    row = session.get(SyncWatermarkRow, name)
    return int(row.value) if row else 0


def pull_roster(central: Engine, store: Store, workshops: Sequence[int],
                desk_now: datetime | None = None) -> RosterPull:
    """Bring the desk's workshops, their registrations and the screening profiles down.

    Registrations arrive with their token hash only; the token column stays NULL on the
    desk. The desk refuses to call itself ready for offline work when its clock is more
    than five minutes off the server's: the door rules run on that clock all day.
    """
    ws = sorted(set(workshops))
    mark_name = watermark_name(ws)
    with store.sessions() as session:
        since = _watermark(session, mark_name)
    is_pg = central.dialect.name == "postgresql"
    with central.begin() as conn:
        server_time = None
        if is_pg:
            # Wait for roster writers in flight, so no change-log number is skipped.
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": ROSTER_LOCK})
            server_time = conn.execute(select(func.clock_timestamp(type_=UtcDateTime()))
                                       ).scalar_one()
        mark = conn.execute(select(func.coalesce(func.max(SyncChangeRow.seq), 0)).where(
            SyncChangeRow.workshop_id.in_(ws))).scalar_one()
        workshop_rows = [dict(r._mapping) for r in conn.execute(
            select(WORKSHOPS).where(WORKSHOPS.c.id.in_(ws)))]
        profiles = [dict(r._mapping) for r in conn.execute(select(ScreeningProfileRow.__table__))]
        # The privacy notice the office set (the desk's login reads it through a function).
        if is_pg:
            notice = {str(k): str(v) for k, v in conn.execute(
                text("SELECT key, value FROM checkin_privacy_notice()"))}
        else:
            notice = {r.key: r.value for r in conn.execute(
                select(Setting.key, Setting.value).where(Setting.key.in_(privacy.KEYS)))}
        cols = [REGISTRATIONS.c[name] for name in DESK_REGISTRATION_COLUMNS]
        full = since == 0 or since > mark  # a reset central database starts over
        if full:
            changed: list[int] | None = None
            regs = [dict(r._mapping) for r in conn.execute(
                select(*cols).where(REGISTRATIONS.c.workshop_id.in_(ws)))]
        else:
            changed = sorted(set(conn.execute(
                select(SyncChangeRow.registration_id).where(
                    SyncChangeRow.seq > since, SyncChangeRow.seq <= mark,
                    SyncChangeRow.workshop_id.in_(ws))).scalars()))
            regs = []
            for start in range(0, len(changed), 1000):
                part = changed[start:start + 1000]
                regs.extend(dict(r._mapping) for r in conn.execute(
                    select(*cols).where(REGISTRATIONS.c.id.in_(part),
                                        REGISTRATIONS.c.workshop_id.in_(ws))))
    now = desk_now or datetime.now(UTC)
    skew = clock_skew(server_time, now)
    with store.sessions.begin() as session:
        _apply_workshops(session, workshop_rows)
        _apply_profiles(session, profiles)
        _apply_privacy_notice(session, notice)
        seen = {r["id"] for r in regs}
        if full:
            local = set(session.scalars(select(RegistrationRow.id).where(
                RegistrationRow.workshop_id.in_(ws))))
            gone = sorted(local - seen)
        else:
            gone = sorted(set(changed or ()) - seen)
        removed = _apply_removals(session, gone)
        _apply_registrations(session, regs)
        row = session.get(SyncWatermarkRow, mark_name)
        if row is None:
            row = SyncWatermarkRow(name=mark_name, value=0)
            session.add(row)
        row.value = int(mark)
        row.updated_at = datetime.now(UTC)
    ready = abs(skew) <= MAX_SKEW.total_seconds()
    return RosterPull(workshops=len(workshop_rows), registrations=len(regs), removed=removed,
                      watermark=int(mark), full=full, server_time=server_time,
                      skew_seconds=skew, ready_for_offline=ready,
                      not_ready_reason=None if ready else "CLOCK_SKEW")


def _apply_workshops(session: Session, rows: list[dict[str, Any]]) -> None:
    for data in rows:
        stmt = insert_for(session, WORKSHOPS).values(**data)
        session.execute(stmt.on_conflict_do_update(
            index_elements=["id"], set_={k: stmt.excluded[k] for k in data if k != "id"}))


def _apply_profiles(session: Session, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return  # keep the desk's own default rather than screening with nothing
    session.execute(delete(ScreeningProfileRow))
    session.execute(insert(ScreeningProfileRow), rows)


def _apply_privacy_notice(session: Session, notice: dict[str, str]) -> None:
    """The office's texts, or none (the desk then shows the default)."""
    session.execute(delete(Setting).where(Setting.key.in_(
        [k for k in privacy.KEYS if k not in notice])))
    for key, value in notice.items():
        if key in privacy.KEYS:
            repo.set_setting(session, key, value)


def _apply_removals(session: Session, ids: list[int]) -> int:
    """Delete removed registrations; one with events stays, cancelled, so history holds."""
    if not ids:
        return 0
    referenced = set(session.scalars(select(EventRow.registration_id).where(
        EventRow.registration_id.in_(ids))))
    keep = [i for i in ids if i in referenced]
    drop = [i for i in ids if i not in referenced]
    if keep:
        session.execute(update(RegistrationRow).where(RegistrationRow.id.in_(keep))
                        .values(status="cancelled"))
    if drop:
        session.execute(delete(RegistrationRow).where(RegistrationRow.id.in_(drop)))
    return len(ids)


def _apply_registrations(session: Session, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    for data in rows:
        data["token"] = None  # the desk never holds tokens
        data.setdefault("source_key", None)
    # A token hash now owned by another id (a re-issued notice) must not block the upsert.
    hashes = [r["token_hash"] for r in rows]
    ids_by_hash = {r["token_hash"]: r["id"] for r in rows}
    for start in range(0, len(hashes), 500):
        clash = session.execute(select(RegistrationRow.id, RegistrationRow.token_hash).where(
            RegistrationRow.token_hash.in_(hashes[start:start + 500]))).all()
        for reg_id, digest in clash:
            if ids_by_hash[digest] != reg_id:
                session.execute(update(RegistrationRow).where(RegistrationRow.id == reg_id)
                                .values(token_hash=f"replaced:{reg_id}"))
    stmt = insert_for(session, REGISTRATIONS)
    names = [c for c in rows[0] if c != "id"]
    upsert = stmt.on_conflict_do_update(
        index_elements=["id"], set_={k: stmt.excluded[k] for k in names})
    for start in range(0, len(rows), 500):
        session.execute(upsert, rows[start:start + 500])


@dataclass(frozen=True)
class EventsPull:
    received: int
    new: int
    renumbered: int = 0  # unsent own events moved past the seqs the server already holds
    # Rows this database cannot store, with a reason code (see :func:`_storable`).
    quarantined: tuple[tuple[str, str], ...] = ()


def pull_events(central: Engine, store: Store, workshops: Sequence[int]) -> EventsPull:
    """Copy every desk's events of these workshops, so the door rules count them.

    This desk's own events come down too: a laptop replaced, or a desk file joined on a
    second computer, starts with an empty database under the same desk id and must learn
    whom that desk already admitted. Events are immutable and keyed by UUID, so this is a
    set union: run it any time.
    """
    ws = sorted(set(workshops))
    cols = [EVENTS.c[name] for name in DESK_EVENT_COLUMNS]
    with central.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(
            select(*cols).where(EVENTS.c.workshop_id.in_(ws)))]
    return EventsPull(len(rows), *_insert_pulled(store, ws, rows))


def missing_own_events(central: Engine, store: Store, workshops: Sequence[int]) -> list[str]:
    """Ids of this desk's events the server holds and this database lacks.

    Only ids are read: cheap once caught up. Non-empty after a laptop was replaced or the
    desk's file joined on a second computer (the same desk id in another database).
    """
    ws = sorted(set(workshops))
    with central.connect() as conn:
        held = [str(i) for i in conn.execute(select(EVENTS.c.id).where(
            EVENTS.c.workshop_id.in_(ws), EVENTS.c.desk_id == store.desk_id)).scalars()]
    if not held:
        return []
    with store.sessions() as session:
        local = set(session.scalars(select(EventRow.id).where(
            EventRow.desk_id == store.desk_id)))
    return [i for i in held if i not in local]


def pull_own_events(central: Engine, store: Store, workshops: Sequence[int],
                    ids: Sequence[str]) -> EventsPull:
    """Bring down these events of this desk (see :func:`missing_own_events`).

    Runs before a push, after the roster they refer to: the desk then numbers its next
    events after the server's instead of colliding with them on (desk_id, seq) for ever,
    and its door rules know whom the desk already admitted elsewhere.
    """
    ws = sorted(set(workshops))
    cols = [EVENTS.c[name] for name in DESK_EVENT_COLUMNS]
    rows: list[dict[str, Any]] = []
    with central.connect() as conn:
        for start in range(0, len(ids), 1000):
            rows.extend(dict(r._mapping) for r in conn.execute(
                select(*cols).where(EVENTS.c.id.in_(list(ids[start:start + 1000])),
                                    EVENTS.c.desk_id == store.desk_id)))
    return EventsPull(len(rows), *_insert_pulled(store, ws, rows))


def _storable(session: Session, rows: list[dict[str, Any]]
              ) -> tuple[list[dict[str, Any]], list[tuple[str, str]]]:
    """Split pulled events into those this database can store and those it cannot.

    A central row naming a workshop or a registration this desk has not got (a registration
    of another workshop, written before the central policies refused it) would fail the
    desk's foreign keys and with it the whole pull, every sync, at every desk of the
    workshop. Such a row is quarantined: left out, reported with a reason, and the rest
    goes on.
    """
    workshops = set(session.scalars(select(WorkshopRow.id)))
    wanted = sorted({int(r["registration_id"]) for r in rows
                     if r["registration_id"] is not None})
    registered: dict[int, int] = {}
    for start in range(0, len(wanted), 500):
        registered.update((int(i), int(w)) for i, w in session.execute(
            select(RegistrationRow.id, RegistrationRow.workshop_id).where(
                RegistrationRow.id.in_(wanted[start:start + 500]))))
    good: list[dict[str, Any]] = []
    bad: list[tuple[str, str]] = []
    for r in rows:
        if r["workshop_id"] not in workshops:
            bad.append((str(r["id"]), "UNKNOWN_WORKSHOP"))
        elif (r["registration_id"] is not None
              and registered.get(int(r["registration_id"])) != r["workshop_id"]):
            bad.append((str(r["id"]), "FOREIGN_REGISTRATION"))
        else:
            good.append(r)
    return good, bad


def _insert_pulled(store: Store, ws: list[int], rows: list[dict[str, Any]]
                   ) -> tuple[int, int, tuple[tuple[str, str], ...]]:
    """Insert the events this database lacks; returns (new, renumbered, quarantined)."""
    if not rows:
        return 0, 0, ()
    with store.sessions.begin() as session:
        ids = [r["id"] for r in rows]
        local: set[str] = set()
        for start in range(0, len(ids), 500):
            local |= set(session.scalars(select(EventRow.id).where(
                EventRow.id.in_(ids[start:start + 500]))))
        fresh, quarantined = _storable(session, [r for r in rows if r["id"] not in local])
        renumbered = _make_room(session, store.desk_id,
                                [r["seq"] for r in fresh if r["desk_id"] == store.desk_id])
        stmt = insert_for(session, EVENTS).on_conflict_do_nothing(index_elements=["id"])
        for start in range(0, len(fresh), 500):
            session.execute(stmt, fresh[start:start + 500])
    return len(fresh), renumbered, tuple(quarantined)


def _make_room(session: Session, desk_id: str, taken: list[int]) -> int:
    """Move this desk's local events off the seqs the server already holds for other ids.

    Such an event was recorded here before this database knew the desk's earlier events
    (a second computer under the same desk id, a laptop replaced). The server cannot hold
    it (its seq belongs to another event there), so it is unsent: it gets the next free
    numbers, and one set aside for that collision is sent again.
    """
    if not taken:
        return 0
    clashes: list[tuple[str, int]] = []
    for start in range(0, len(taken), 500):
        clashes.extend((str(i), int(s)) for i, s in session.execute(
            select(EventRow.id, EventRow.seq).where(
                EventRow.desk_id == desk_id, EventRow.seq.in_(taken[start:start + 500]))))
    if not clashes:
        return 0
    top = max(session.scalar(select(func.max(EventRow.seq)).where(
        EventRow.desk_id == desk_id)) or 0, max(taken))
    for n, (event_id, _) in enumerate(sorted(clashes, key=lambda c: c[1]), start=1):
        session.execute(update(EventRow).where(EventRow.id == event_id)
                        .values(seq=top + n))
    moved = [event_id for event_id, _ in clashes]
    session.execute(update(OutboxRow).where(OutboxRow.event_id.in_(moved),
                                            OutboxRow.sent_at.is_(None),
                                            OutboxRow.set_aside_reason == "CONFLICTING_EVENT")
                    .values(set_aside_reason=None))
    session.execute(update(OutboxRow).where(OutboxRow.event_id.in_(moved))
                    .values(last_error="RENUMBERED"))
    return len(clashes)

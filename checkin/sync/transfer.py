"""No network at all: the day's events in a sealed file, imported at the office.

The file is JSON with a seal over everything else in it: an HMAC-SHA256 with the desk's
export key (from its provisioning) when the desk is provisioned, else a plain SHA-256. A
truncated file does not parse; a changed byte breaks the seal. The import goes through the
same idempotent insert as an online push, so importing twice, or syncing online after an
import, never doubles an event.

Only a file sealed with the key of a desk the central database knows is imported by
default. A plain SHA-256 proves nothing about who wrote the file (anyone can compute one),
so a file from an unprovisioned desk is refused unless the office, having checked where it
came from, asks for it explicitly (``allow_unsealed``); even then its events go in only for
workshops and registrations that exist. A plain seal in a known desk's name is always
refused: that desk seals with its key.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Boolean, DateTime, Engine, Integer, Numeric, String, Table, select
from sqlalchemy.types import TypeDecorator

from checkin.db.engine import verify_integrity
from checkin.db.models import EventRow, OutboxRow, RegistrationRow, WorkshopRow
from checkin.db.models_day import FollowupUpdateRow, ScoreRow
from checkin.db.models_sync import RowOutboxRow, SyncDeskRow
from checkin.db.store import Store
from checkin.sync.day_rows import FOLLOWUP_UPDATE, SCORE, RowBatch, load_rows, send_rows
from checkin.sync.errors import BadExportFile
from checkin.sync.link import DeskLink
from checkin.sync.push import Batch, load_batch, send_batch
from checkin.sync.rows import EVENTS, FOLLOWUP_UPDATES, FOLLOWUPS, SCORES, SCREENINGS, chunks

FORMAT = "checkin-events"
# 2: every row names its person by token hash as well; 3: the desk's scores and follow-up
# changes travel too (sync.day_rows), under the same rights as online.
VERSION = 3
READABLE_VERSIONS = (1, 2, 3)
MAX_TEXT = 2000  # a reason or a follow-up result; longer is not something a desk wrote


def _canonical(body: dict[str, Any]) -> bytes:
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      default=_encode).encode("utf-8")


def _encode(value: object) -> str:
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(type(value).__name__)


def _seal(body: dict[str, Any], key: str | None) -> dict[str, str]:
    data = _canonical(body)
    if key:
        return {"alg": "hmac-sha256",
                "value": hmac.new(bytes.fromhex(key), data, hashlib.sha256).hexdigest()}
    return {"alg": "sha256", "value": hashlib.sha256(data).hexdigest()}


def export_events(store: Store, out: Path, link: DeskLink | None = None,
                  day: date | None = None) -> int:
    """Write this desk's events (of workshops on ``day``, or all) to ``out``; returns count.

    A desk file damaged since start-up is refused (CorruptDatabase, moved aside) before any
    of it leaves the desk.
    """
    verify_integrity(store.engine)
    with store.sessions() as session:
        query = select(EventRow.id).where(EventRow.desk_id == store.desk_id)
        if day is not None:
            query = query.join(WorkshopRow, WorkshopRow.id == EventRow.workshop_id).where(
                WorkshopRow.day == day)
        aside = select(OutboxRow.event_id).where(OutboxRow.set_aside_reason.is_not(None))
        ids = list(session.scalars(query.where(EventRow.id.not_in(aside))
                                   .order_by(EventRow.seq)))
    batch = Batch([])
    for part in chunks(ids, 500):
        loaded = load_batch(store, part)
        batch.events += loaded.events
        batch.screenings += loaded.screenings
        batch.followups += loaded.followups
    # Registration ids are this database's; the token hash is what the office's database
    # shares with it, so each row names its person by both.
    with store.sessions() as session:
        wanted = sorted({r["registration_id"] for r in batch.events + batch.followups
                         if r.get("registration_id") is not None})
        hashes: dict[int, str] = {}
        for part_ids in chunks(wanted, 500):
            hashes.update((int(i), str(h)) for i, h in session.execute(
                select(RegistrationRow.id, RegistrationRow.token_hash)
                .where(RegistrationRow.id.in_(list(part_ids)))))
    rows = _own_rows(store, day)
    with store.sessions() as session:
        for part_ids in chunks(sorted({r["registration_id"] for r in rows.scores}), 500):
            hashes.update((int(i), str(h)) for i, h in session.execute(
                select(RegistrationRow.id, RegistrationRow.token_hash)
                .where(RegistrationRow.id.in_(list(part_ids)))))
    for row in batch.events + batch.followups + rows.scores:
        reg = row.get("registration_id")
        row["registration_hash"] = hashes.get(reg) if reg is not None else None
    body: dict[str, Any] = {
        "format": FORMAT, "version": VERSION, "desk_id": store.desk_id,
        "desk_name": store.desk_name, "created_at": datetime.now(UTC),
        "day": day.isoformat() if day else None, "count": len(batch.events),
        "events": batch.events, "screenings": batch.screenings, "followups": batch.followups,
        "scores": rows.scores, "followup_updates": rows.updates,
    }
    body = json.loads(_canonical(body))
    document = dict(body, seal=_seal(body, link.export_key if link else None))
    tmp = out.with_name(f".{out.name}.tmp")
    tmp.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    tmp.chmod(0o600)  # health data inside: owner only
    tmp.replace(out)
    return len(batch.events)


def _own_rows(store: Store, day: date | None) -> RowBatch:
    """The desk's own scores and follow-up changes (of workshops on ``day``), not set aside."""
    with store.sessions() as session:
        keys: list[tuple[str, str]] = []
        for kind, model, workshop in (
                (SCORE, ScoreRow, ScoreRow.workshop_id),
                (FOLLOWUP_UPDATE, FollowupUpdateRow, EventRow.workshop_id)):
            query = select(model.id).where(model.desk_id == store.desk_id)
            if kind == FOLLOWUP_UPDATE:
                query = query.join(EventRow, EventRow.id == FollowupUpdateRow.event_id)
            if day is not None:
                query = query.join(WorkshopRow, WorkshopRow.id == workshop).where(
                    WorkshopRow.day == day)
            aside = select(RowOutboxRow.row_id).where(RowOutboxRow.kind == kind,
                                                      RowOutboxRow.set_aside_reason.is_not(None))
            keys += [(kind, str(i)) for i in session.scalars(query.where(model.id.not_in(aside))
                                                             .order_by(model.id))]
    return load_rows(store, keys)


@dataclass(frozen=True)
class ImportResult:
    desk_id: str
    events: int
    inserted: int
    already_there: int
    set_aside: list[tuple[str, str]]
    sealed: bool = True  # False: an unprovisioned desk's file taken with allow_unsealed
    scores: int = 0  # new to the server
    followup_updates: int = 0  # sent (the desk's role cannot tell new from repeated)


def read_export(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text("utf-8")
    except OSError as exc:
        raise BadExportFile("FILE_MISSING") from exc
    except UnicodeDecodeError as exc:
        raise BadExportFile("FILE_DAMAGED") from exc
    try:
        document = json.loads(text)
    except ValueError as exc:
        raise BadExportFile("FILE_DAMAGED") from exc
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise BadExportFile("NOT_AN_EXPORT")
    if document.get("version") not in READABLE_VERSIONS:
        raise BadExportFile("UNSUPPORTED_VERSION")
    return document


def _check_row(row: object, table: Table, extra: tuple[str, ...] = ()) -> str | None:
    """The first field of ``row`` that the column it goes into would not take, or None.

    The file is checked here rather than left to the server: PostgreSQL casts would cut a
    long text silently, and a missing key must name the entry, not raise a KeyError.
    """
    if not isinstance(row, dict):
        return "not an object"
    names = [c.name for c in table.columns if c.name != "id" or table is not FOLLOWUPS]
    for key in row:
        if key not in names and key not in extra:
            return f"unknown field {key}"
    for column in table.columns:
        if column.name not in names:
            continue
        if column.name not in row:
            return f"{column.name} missing"
        value = row[column.name]
        if value is None:
            if not column.nullable or column.primary_key:
                return f"{column.name} empty"
            continue
        kind = column.type
        if isinstance(kind, TypeDecorator):  # the UTC column type: judged as its DateTime
            kind = kind.impl_instance
        if isinstance(kind, Boolean):
            ok = isinstance(value, bool)
        elif isinstance(kind, Integer):
            ok = isinstance(value, int) and not isinstance(value, bool)
        elif isinstance(kind, Numeric):
            exponent = (Decimal(str(value)).as_tuple().exponent
                        if isinstance(value, int | float) and not isinstance(value, bool)
                        else "n")
            ok = (isinstance(exponent, int) and exponent >= -(kind.scale or 0)
                  and abs(value) < 10 ** ((kind.precision or 10) - (kind.scale or 0)))
        elif isinstance(kind, DateTime):
            ok = isinstance(value, str) and _is_time(value)
        elif isinstance(kind, String):  # Text too
            limit = kind.length or MAX_TEXT
            ok = (isinstance(value, str) and len(value) <= limit
                  and not any(unicodedata.category(ch) == "Cc" for ch in value))
        else:  # pragma: no cover - a column type this check does not know yet
            ok = False
        if not ok:
            return f"{column.name} invalid"
    for key in extra:
        value = row.get(key)
        if value is not None and not (isinstance(value, str) and len(value) <= 64):
            return f"{key} invalid"
    return None


def _is_time(value: str) -> bool:
    try:
        return datetime.fromisoformat(value).tzinfo is not None
    except ValueError:
        return False


def _parse_times(rows: list[dict[str, Any]], names: tuple[str, ...]) -> None:
    for row in rows:
        for name in names:
            if row.get(name):
                row[name] = datetime.fromisoformat(row[name])


@dataclass
class _Entries:
    """The file's rows, grouped by event, with what is refused before anything is sent."""

    events: list[dict[str, Any]]
    screenings: dict[str, list[dict[str, Any]]]
    followups: dict[str, list[dict[str, Any]]]
    refused: dict[str, str]
    rows: RowBatch = field(default_factory=RowBatch)


def _entries(document: dict[str, Any], desk_id: str) -> _Entries:
    """Check every entry; a malformed one is refused with its name, with its event."""
    try:
        raw_events = list(document["events"])
        raw_screenings = list(document["screenings"])
        raw_followups = list(document["followups"])
    except (KeyError, TypeError) as exc:
        raise BadExportFile("NOT_AN_EXPORT") from exc
    if len(raw_events) != document.get("count"):
        raise BadExportFile("FILE_TRUNCATED")
    refused: dict[str, str] = {}
    events: dict[str, dict[str, Any]] = {}
    for n, row in enumerate(raw_events):
        problem = _check_row(row, EVENTS, ("registration_hash",))
        if problem is not None:
            refused[f"events[{n}]"] = f"MALFORMED: {problem}"
            continue
        if row["desk_id"] != desk_id:
            raise BadExportFile("FOREIGN_EVENTS")  # a file speaks for one desk only
        event_id = str(row["id"])
        if event_id in events:
            refused[f"events[{n}]"] = "MALFORMED: id repeated"
            continue
        events[event_id] = dict(row)
    health: list[dict[str, list[dict[str, Any]]]] = [{}, {}]
    for label, rows, table, extra, store in (
            ("screenings", raw_screenings, SCREENINGS, (), health[0]),
            ("followups", raw_followups, FOLLOWUPS, ("registration_hash",), health[1])):
        for n, row in enumerate(rows):
            problem = _check_row(row, table, extra)
            found = row.get("event_id") if isinstance(row, dict) else None
            event_id = found if isinstance(found, str) else ""
            if problem is None and event_id not in events:
                problem = "event_id names no event of this file"
            if (problem is None and label == "followups"
                    and row["registration_id"] != events[event_id]["registration_id"]):
                problem = "registration_id differs from its event's"
            if problem is None and label == "screenings" and event_id in store:
                problem = "second screening of one event"
            if problem is not None:
                refused[f"{label}[{n}]"] = f"MALFORMED: {problem}"
                if event_id in events:
                    # One scan is one transaction: an event goes in with its health rows.
                    refused[event_id] = f"MALFORMED: {label}[{n}]"
                continue
            store.setdefault(event_id, []).append(dict(row))
    kept = [e for i, e in events.items() if i not in refused]
    return _Entries(kept, health[0], health[1], refused, _day_rows(document, desk_id, refused))


def _day_rows(document: dict[str, Any], desk_id: str, refused: dict[str, str]) -> RowBatch:
    """The file's scores and follow-up changes (version 3), each checked like an event."""
    batch = RowBatch()
    seen: set[str] = set()
    for label, table, extra, into in (
            ("scores", SCORES, ("registration_hash",), batch.scores),
            ("followup_updates", FOLLOWUP_UPDATES, (), batch.updates)):
        raw = document.get(label, [])
        if not isinstance(raw, list):
            raise BadExportFile("NOT_AN_EXPORT")
        for n, row in enumerate(raw):
            problem = _check_row(row, table, extra)
            if problem is None and row["desk_id"] != desk_id:
                problem = "desk_id is another desk's"
            if problem is None and row["id"] in seen:
                problem = "id repeated"
            if problem is not None:
                refused[f"{label}[{n}]"] = f"MALFORMED: {problem}"
                continue
            seen.add(row["id"])
            into.append(dict(row))
    return batch


def _match_people(central: Engine, entries: _Entries, sealed: bool) -> None:
    """Name each event's person by the token hash both databases share.

    A registration id means nothing across databases (the demo desk's 7 is somebody else
    here); the token hash is unique and shared. An unsealed file's events are moved onto
    the id the hash has here; a sealed file's desk pulled its roster from here, so its ids
    must already be the hash's. Anything that does not match is refused and listed.
    """
    wanted = sorted({str(e["registration_hash"]) for e in entries.events + entries.rows.scores
                     if e.get("registration_hash")})
    found: dict[str, tuple[int, int]] = {}
    with central.connect() as conn:
        for part in chunks(wanted, 500):
            found.update((str(h), (int(i), int(w))) for h, i, w in conn.execute(
                select(RegistrationRow.token_hash, RegistrationRow.id,
                       RegistrationRow.workshop_id)
                .where(RegistrationRow.token_hash.in_(list(part)))))
    for event in entries.events:
        if event["registration_id"] is None:
            continue
        digest = event.get("registration_hash")
        if digest is None:
            if not sealed:  # an old file names people by local id only: nothing to match
                entries.refused[event["id"]] = "UNMATCHED_REGISTRATION"
            continue  # a sealed old file: the policies check the id's workshop
        here = found.get(str(digest))
        if here is None or here[1] != event["workshop_id"] or (
                sealed and here[0] != event["registration_id"]):
            entries.refused[event["id"]] = "UNMATCHED_REGISTRATION"
            continue
        event["registration_id"] = here[0]
        for followup in entries.followups.get(event["id"], []):
            followup["registration_id"] = here[0]
    kept = []
    for score in entries.rows.scores:
        here = found.get(str(score.get("registration_hash")))
        if here is None or here[1] != score["workshop_id"] or (
                sealed and here[0] != score["registration_id"]):
            entries.refused[score["id"]] = "UNMATCHED_REGISTRATION"
            continue
        score["registration_id"] = here[0]
        kept.append(score)
    entries.rows.scores = kept


def import_events(central: Engine, path: Path, *, allow_unsealed: bool = False
                  ) -> ImportResult:
    """Verify the seal and take the events in with exactly the rights of their desk.

    A sealed file goes through the same idempotent insert as an online push, under its
    desk's database role: the same grants and row-level security decide, so a file can
    add only that desk's own events for its workshops and their registrations.
    ``allow_unsealed``: also take a file of a desk this central database does not know,
    sealed with a plain SHA-256 (integrity only, no proof of origin); its events go in only
    where their person's token hash matches a registration of the same workshop.
    Everything refused is listed in ``set_aside`` with a reason.
    """
    document = read_export(path)
    seal = document.pop("seal", None)
    if not isinstance(seal, dict):
        raise BadExportFile("NO_SEAL")
    desk_id = str(document.get("desk_id"))
    with central.connect() as conn:
        desk = conn.execute(select(SyncDeskRow.export_key, SyncDeskRow.role_name).where(
            SyncDeskRow.desk_id == desk_id)).first()
    key = str(desk[0]) if desk is not None else None
    if key is None:
        if seal.get("alg") != "sha256":
            raise BadExportFile("UNKNOWN_DESK_KEY")  # sealed by a desk of another database
        if not allow_unsealed:
            raise BadExportFile("UNKNOWN_DESK")
        if document.get("version") != VERSION:
            raise BadExportFile("UNSUPPORTED_VERSION")  # no token hashes to match people by
    elif seal.get("alg") != "hmac-sha256":
        raise BadExportFile("SEAL_MISMATCH")  # a registered desk always seals with its key
    if not hmac.compare_digest(_seal(document, key)["value"], str(seal.get("value"))):
        raise BadExportFile("SEAL_MISMATCH")
    entries = _entries(document, desk_id)
    _match_people(central, entries, sealed=key is not None)
    events = [e for e in entries.events if e["id"] not in entries.refused]
    for event in events:
        event.pop("registration_hash", None)
    _parse_times(events, ("wall_time",))
    for rows in entries.followups.values():
        for row in rows:
            row.pop("registration_hash", None)
        _parse_times(rows, ("opened_at", "closed_at"))
    inserted: set[str] = set()
    rejected: dict[str, str] = dict(entries.refused)
    role = str(desk[1]) if desk is not None and central.dialect.name == "postgresql" else None
    for part in chunks(events, 500):
        batch = Batch(list(part),
                      [s for e in part for s in entries.screenings.get(e["id"], [])],
                      [f for e in part for f in entries.followups.get(e["id"], [])])
        new, bad = send_batch(central, batch, as_desk=False, as_role=role)
        inserted |= new
        rejected.update(bad)
    # Then the scores and follow-up changes, after the events they may name.
    day = entries.rows
    for row in day.scores:
        row.pop("registration_hash", None)
    _parse_times(day.scores, ("entered_at",))
    _parse_times(day.updates, ("changed_at",))
    new_rows: set[tuple[str, str]] = set()
    refused_rows: dict[tuple[str, str], str] = {}
    keys = day.keys()
    for part_keys in chunks(keys, 500):
        wanted = set(part_keys)
        rows_part = RowBatch([r for r in day.scores if (SCORE, r["id"]) in wanted],
                             [r for r in day.updates if (FOLLOWUP_UPDATE, r["id"]) in wanted])
        sent_rows, bad_rows = send_rows(central, rows_part, as_desk=False, as_role=role)
        new_rows |= sent_rows
        refused_rows.update(bad_rows)
    rejected.update((row_id, reason) for (_, row_id), reason in refused_rows.items())
    total = len(document["events"])
    event_ids = {str(e.get("id")) for e in document["events"] if isinstance(e, dict)}
    refused_events = len([k for k in rejected if k in event_ids or k.startswith("events[")])
    return ImportResult(desk_id=desk_id, events=total, inserted=len(inserted),
                        already_there=total - len(inserted) - refused_events,
                        set_aside=sorted(rejected.items()), sealed=key is not None,
                        scores=len(new_rows),
                        followup_updates=len([k for k in keys if k[0] == FOLLOWUP_UPDATE
                                              and k not in refused_rows]))

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
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select

from checkin.db.models import EventRow, OutboxRow, WorkshopRow
from checkin.db.models_sync import SyncDeskRow
from checkin.db.store import Store
from checkin.sync.errors import BadExportFile
from checkin.sync.link import DeskLink
from checkin.sync.push import Batch, load_batch, send_batch
from checkin.sync.rows import chunks

FORMAT = "checkin-events"
VERSION = 1


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
    """Write this desk's events (of workshops on ``day``, or all) to ``out``; returns count."""
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
    body: dict[str, Any] = {
        "format": FORMAT, "version": VERSION, "desk_id": store.desk_id,
        "desk_name": store.desk_name, "created_at": datetime.now(UTC),
        "day": day.isoformat() if day else None, "count": len(batch.events),
        "events": batch.events, "screenings": batch.screenings, "followups": batch.followups,
    }
    body = json.loads(_canonical(body))
    document = dict(body, seal=_seal(body, link.export_key if link else None))
    tmp = out.with_name(f".{out.name}.tmp")
    tmp.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    tmp.chmod(0o600)  # health data inside: owner only
    tmp.replace(out)
    return len(batch.events)


@dataclass(frozen=True)
class ImportResult:
    desk_id: str
    events: int
    inserted: int
    already_there: int
    set_aside: list[tuple[str, str]]
    sealed: bool = True  # False: an unprovisioned desk's file taken with allow_unsealed


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
    if document.get("version") != VERSION:
        raise BadExportFile("UNSUPPORTED_VERSION")
    return document


def _parse_times(rows: list[dict[str, Any]], names: tuple[str, ...]) -> None:
    for row in rows:
        for name in names:
            if row.get(name):
                row[name] = datetime.fromisoformat(row[name])


def import_events(central: Engine, path: Path, *, allow_unsealed: bool = False
                  ) -> ImportResult:
    """Verify the seal and take the events through the idempotent push path.

    ``allow_unsealed``: also take a file of a desk this central database does not know,
    sealed with a plain SHA-256 (integrity only, no proof of origin).
    """
    document = read_export(path)
    seal = document.pop("seal", None)
    if not isinstance(seal, dict):
        raise BadExportFile("NO_SEAL")
    desk_id = str(document.get("desk_id"))
    with central.connect() as conn:
        key = conn.execute(select(SyncDeskRow.export_key).where(
            SyncDeskRow.desk_id == desk_id)).scalar()
    if key is None:
        if seal.get("alg") != "sha256":
            raise BadExportFile("UNKNOWN_DESK_KEY")  # sealed by a desk of another database
        if not allow_unsealed:
            raise BadExportFile("UNKNOWN_DESK")
    elif seal.get("alg") != "hmac-sha256":
        raise BadExportFile("SEAL_MISMATCH")  # a registered desk always seals with its key
    if not hmac.compare_digest(_seal(document, key)["value"], str(seal.get("value"))):
        raise BadExportFile("SEAL_MISMATCH")
    try:
        events = [dict(e) for e in document["events"]]
        screenings = [dict(r) for r in document["screenings"]]
        followups = [dict(r) for r in document["followups"]]
    except (KeyError, TypeError, ValueError) as exc:
        raise BadExportFile("NOT_AN_EXPORT") from exc
    if len(events) != document.get("count"):
        raise BadExportFile("FILE_TRUNCATED")
    if any(e.get("desk_id") != desk_id for e in events):
        raise BadExportFile("FOREIGN_EVENTS")  # a file speaks for one desk only
    try:
        _parse_times(events, ("wall_time",))
        _parse_times(followups, ("opened_at", "closed_at"))
    except (TypeError, ValueError) as exc:
        raise BadExportFile("FILE_DAMAGED") from exc
    inserted: set[str] = set()
    rejected: dict[str, str] = {}
    for part in chunks(events, 500):
        ids = {e["id"] for e in part}
        batch = Batch(list(part), [s for s in screenings if s["event_id"] in ids],
                      [f for f in followups if f["event_id"] in ids])
        new, bad = send_batch(central, batch, as_desk=False)
        inserted |= new
        rejected.update(bad)
    return ImportResult(desk_id=desk_id, events=len(events), inserted=len(inserted),
                        already_there=len(events) - len(inserted) - len(rejected),
                        set_aside=sorted(rejected.items()), sealed=key is not None)

"""Verification after a sync, and the supervisor's report of duplicates and overflows.

Both sides count the events of each workshop and hash them, every field of each (not only
the ids: a value changed on the way would pass an id check); the sync is done only when
every workshop matches. Events the desk set aside are left out on the desk side
(they are reported on their own). The same digests cover the workshop's scores (every
desk's: a desk reads them) and this desk's own follow-up changes (through a function
that answers a digest, never the changes). Certificates are not compared: desks never
hold them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import Engine, select, text

# The sync's report to the supervisor, re-exported: it lives in db/conflicts.py, shared
# with the office's live view of the day.
from checkin.db.conflicts import AdmittedPerson as AdmittedPerson
from checkin.db.conflicts import ArrivalRecord as ArrivalRecord
from checkin.db.conflicts import Duplicate as Duplicate
from checkin.db.conflicts import Overflow as Overflow
from checkin.db.conflicts import conflict_report as conflict_report
from checkin.db.models import OutboxRow
from checkin.db.store import Store
from checkin.sync import day_rows
from checkin.sync.fingerprint import EVENT_LINE_SQL, digest_lines, event_line, screening_line
from checkin.sync.rows import EVENTS, SCREENINGS


@dataclass(frozen=True)
class WorkshopCheck:
    """Count and digest of one workshop's events on the desk and on the server.

    The digests cover every field the events carry (see :mod:`checkin.sync.fingerprint`);
    ``desk_health`` / ``central_health`` do the same for the screenings of this desk's own
    events (empty when either side holds none: purged, or screening off).
    """

    workshop_id: int
    desk_count: int
    desk_digest: str
    central_count: int
    central_digest: str
    desk_health: str = ""
    central_health: str = ""
    # Scores of the workshop, and this desk's follow-up changes (empty when the desk made
    # none).
    desk_scores: str = ""
    central_scores: str = ""
    desk_followups: str = ""
    central_followups: str = ""

    @property
    def ok(self) -> bool:
        return ((self.desk_count, self.desk_digest, self.desk_health, self.desk_scores,
                 self.desk_followups)
                == (self.central_count, self.central_digest, self.central_health,
                    self.central_scores, self.central_followups))


def local_lines(store: Store, workshops: Sequence[int], skip: Iterable[str] = ()
                ) -> dict[int, dict[str, str]]:
    """Event lines per workshop on the desk, without the events set aside."""
    skipped = set(skip)
    with store.sessions() as session:
        aside = select(OutboxRow.event_id).where(OutboxRow.set_aside_reason.is_not(None))
        rows = session.execute(select(EVENTS).where(
            EVENTS.c.workshop_id.in_(list(workshops)), EVENTS.c.id.not_in(aside))).mappings()
        out: dict[int, dict[str, str]] = defaultdict(dict)
        for row in rows:
            if row["id"] not in skipped:
                out[int(row["workshop_id"])][str(row["id"])] = event_line(row)
    return out


def _lines_digest(lines: dict[str, str]) -> str:
    return digest_lines(lines[i] for i in sorted(lines))


def central_digests(central: Engine, workshops: Sequence[int], skip: Sequence[str] = ()
                    ) -> dict[int, tuple[int, str]]:
    """(count, digest of event lines) per workshop, computed by the server when PostgreSQL."""
    ws = sorted(set(workshops))
    with central.connect() as conn:
        if central.dialect.name == "postgresql":
            rows = conn.execute(text(
                "SELECT workshop_id, count(*), encode(sha256(convert_to(string_agg("
                f"{EVENT_LINE_SQL}, E'\\n' ORDER BY id COLLATE \"C\"), 'UTF8')), 'hex')"
                " FROM events WHERE workshop_id = ANY(:ws) AND id <> ALL(:skip)"
                " GROUP BY workshop_id"), {"ws": ws, "skip": list(skip)}).all()
            return {int(w): (int(n), str(d)) for w, n, d in rows}
        skipped = set(skip)
        lines: dict[int, dict[str, str]] = defaultdict(dict)
        for row in conn.execute(select(EVENTS).where(EVENTS.c.workshop_id.in_(ws))).mappings():
            if row["id"] not in skipped:
                lines[int(row["workshop_id"])][str(row["id"])] = event_line(row)
        return {w: (len(v), _lines_digest(v)) for w, v in lines.items()}


def local_health(store: Store, workshops: Sequence[int]) -> dict[int, dict[str, str]]:
    """Screening lines of this desk's own events, per workshop."""
    with store.sessions() as session:
        aside = select(OutboxRow.event_id).where(OutboxRow.set_aside_reason.is_not(None))
        rows = session.execute(
            select(EVENTS.c.workshop_id, SCREENINGS).join(
                SCREENINGS, SCREENINGS.c.event_id == EVENTS.c.id).where(
                EVENTS.c.workshop_id.in_(list(workshops)),
                EVENTS.c.desk_id == store.desk_id, EVENTS.c.id.not_in(aside))).mappings()
        lines: dict[int, dict[str, str]] = defaultdict(dict)
        for row in rows:
            lines[int(row["workshop_id"])][str(row["event_id"])] = screening_line(row)
    return lines


def central_health(central: Engine, ids: Sequence[str], desk_id: str) -> dict[int, str]:
    """Digest of the server's screenings of these events of this desk, per workshop.

    A desk reads the digest, never the readings. Only the events the desk holds screenings
    for are compared: a replaced laptop has its events back but not their health data.
    """
    with central.connect() as conn:
        if central.dialect.name == "postgresql":
            rows = conn.execute(text(
                "SELECT workshop_id, digest FROM checkin_own_screenings(:ids)"),
                {"ids": list(ids)})
            return {int(w): str(d) for w, d in rows}
        wanted = set(ids)
        lines: dict[int, dict[str, str]] = defaultdict(dict)
        for row in conn.execute(select(EVENTS.c.workshop_id, SCREENINGS).join(
                SCREENINGS, SCREENINGS.c.event_id == EVENTS.c.id).where(
                EVENTS.c.desk_id == desk_id)).mappings():
            if row["event_id"] in wanted:
                lines[int(row["workshop_id"])][str(row["event_id"])] = screening_line(row)
        return {w: _lines_digest(v) for w, v in lines.items()}


def verify(central: Engine, store: Store, workshops: Sequence[int],
           skip: Sequence[str] = ()) -> list[WorkshopCheck]:
    """Compare count and digest of the events per workshop on both sides.

    ``skip``: ids of central rows this desk quarantined (it cannot store them; they are
    reported on their own).
    """
    desk = local_lines(store, workshops, skip)
    server = central_digests(central, workshops, skip)
    health_lines = local_health(store, workshops)
    desk_health = {w: _lines_digest(v) for w, v in health_lines.items()}
    server_health = central_health(central, [i for v in health_lines.values() for i in v],
                                   store.desk_id)
    desk_scores = day_rows.local_score_digests(store, workshops, skip)
    server_scores = day_rows.central_score_digests(central, workshops, skip)
    update_lines = day_rows.local_update_lines(store, workshops)
    desk_updates = day_rows.local_update_digests(update_lines)
    server_updates = day_rows.central_update_digests(
        central, [i for v in update_lines.values() for i in v], store.desk_id)
    empty = digest_lines([])
    checks = []
    for w in sorted(set(workshops)):
        lines = desk.get(w, {})
        count, server_digest = server.get(w, (0, empty))
        health = (desk_health.get(w, ""), server_health.get(w, ""))
        if not all(health):  # purged on either side (28 days), or no screening here
            health = ("", "")
        scores = (desk_scores.get(w, empty), server_scores.get(w, empty))
        # Compared whenever the desk holds changes of its own: one missing centrally is a
        # mismatch (the desk purges at start, so after 28 days neither side holds them).
        followups = (desk_updates.get(w, ""), server_updates.get(w, "")) \
            if w in desk_updates else ("", "")
        checks.append(WorkshopCheck(w, len(lines), _lines_digest(lines), count, server_digest,
                                    *health, *scores, *followups))
    return checks

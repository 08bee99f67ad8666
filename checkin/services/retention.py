"""Retention: health-screening details are deleted 28 days after their workshop.

Temperatures, declarations (which live in the screening rows, never in the immutable
events), follow-ups and every change of them (with their outbox entries) go; the
attendance events stay, outcome codes included, since they are the attendance decisions.
The purge is logged with counts only, never content. It runs on the desk at start and by
``checkin purge``, and on the central database by ``checkin purge --central URL`` (an
office login: desks' logins cannot delete anything centrally).
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import Engine, delete, func, select
from sqlalchemy.orm import Session

from checkin.core.clock import TAIPEI
from checkin.db.engine import session_maker
from checkin.db.models import EventRow, FollowupRow, ScreeningRow, WorkshopRow
from checkin.db.models_day import FollowupUpdateRow
from checkin.db.models_sync import RowOutboxRow, SyncLogRow

log = logging.getLogger(__name__)
RETENTION_DAYS = 28


@dataclass(frozen=True)
class PurgeResult:
    """How many health records a purge deleted, and from how many workshops."""

    workshops: int
    screenings: int
    followups: int
    followup_updates: int = 0


def purge_session(session: Session, today: date, days: int = RETENTION_DAYS) -> PurgeResult:
    """Delete health data of workshops held more than ``days`` days before ``today``."""
    cutoff = today - timedelta(days=days)
    old = list(session.scalars(select(WorkshopRow.id).where(WorkshopRow.day < cutoff)))
    if not old:
        return PurgeResult(0, 0, 0)
    events = select(EventRow.id).where(EventRow.workshop_id.in_(old))
    # Count the workshops whose health data actually goes, not every old workshop: a purge
    # that deletes nothing must not say it purged two workshops.
    holding = select(ScreeningRow.event_id).union(
        select(FollowupRow.event_id), select(FollowupUpdateRow.event_id))
    affected = session.scalar(select(func.count(func.distinct(EventRow.workshop_id))).where(
        EventRow.workshop_id.in_(old), EventRow.id.in_(holding))) or 0
    changes = select(FollowupUpdateRow.id).where(FollowupUpdateRow.event_id.in_(events))
    session.execute(delete(RowOutboxRow).where(RowOutboxRow.kind == "followup_update",
                                               RowOutboxRow.row_id.in_(changes)))
    updates = session.execute(delete(FollowupUpdateRow).where(
        FollowupUpdateRow.event_id.in_(events)))
    followups = session.execute(delete(FollowupRow).where(FollowupRow.event_id.in_(events)))
    screenings = session.execute(delete(ScreeningRow).where(ScreeningRow.event_id.in_(events)))
    return PurgeResult(int(affected), int(screenings.rowcount or 0),  # type: ignore[attr-defined]
                       int(followups.rowcount or 0),  # type: ignore[attr-defined]
                       int(updates.rowcount or 0))  # type: ignore[attr-defined]


def preview_purge(engine: Engine, today: date | None = None,
                  days: int = RETENTION_DAYS) -> PurgeResult:
    """What :func:`purge_health_data` would delete today, deleting nothing.

    The same deletions run and are rolled back, so the preview counts exactly what the
    purge will (no second copy of the rules to drift apart); nothing is logged.
    """
    today = today or datetime.now(TAIPEI).date()
    with session_maker(engine)() as session:
        try:
            return purge_session(session, today, days)
        finally:
            session.rollback()


def purge_health_data(engine: Engine, today: date | None = None,
                      days: int = RETENTION_DAYS) -> PurgeResult:
    """Purge in one transaction and record it (counts only) in the sync log."""
    today = today or datetime.now(TAIPEI).date()  # workshop dates are Taiwan dates
    started = datetime.now(UTC)
    with session_maker(engine).begin() as session:
        result = purge_session(session, today, days)
        session.add(SyncLogRow(
            kind="purge", started_at=started, finished_at=datetime.now(UTC), status="DONE",
            ok=True, summary=json.dumps({"workshops": result.workshops,
                                         "screenings": result.screenings,
                                         "followups": result.followups,
                                         "followup_updates": result.followup_updates,
                                         "days": days})))
    if result.screenings or result.followups or result.followup_updates:
        log.info("purged health data: %d screenings, %d follow-ups (%d changes) of %d "
                 "workshops", result.screenings, result.followups, result.followup_updates,
                 result.workshops)
    return result

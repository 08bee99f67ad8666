"""The day, live, for the office: today's workshops as the desks' arrivals sync in.

For each workshop held on the day: the admitted arrivals per desk, arrivals per ten minutes
(for the chart), the seats left, and the conflicts across desks (one person admitted at two
desks; more people from one company, or more people in all, than the limit allows). A
supervisor's override is not a conflict (:mod:`checkin.db.conflicts` counts only people
admitted without one). Frozen rows only; the office window reads them on a timer.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select

from checkin.core.clock import TAIPEI
from checkin.db import repo
from checkin.db.conflicts import Duplicate, Overflow, conflict_report
from checkin.db.models import EventRow, WorkshopRow
from checkin.db.store import Store

BIN_MINUTES = 10


@dataclass(frozen=True)
class DeskArrivals:
    """One desk's admitted arrivals at a workshop.

    ``repeats``: admissions there of someone already in (duplicates, counted once in
    ``arrived``).
    """

    desk_name: str
    arrived: int
    repeats: int
    last_at: datetime | None


@dataclass(frozen=True)
class ArrivalBin:
    """Arrivals (first ones) whose time falls in ``[start, start + 10 min)``, Asia/Taipei."""

    start: datetime
    arrivals: int


@dataclass(frozen=True)
class LiveWorkshop:
    """One workshop's day so far. ``arrived`` counts each person once (first arrival)."""

    workshop_id: int
    code: str
    title: str
    day: date
    capacity: int
    company_cap: int
    arrived: int
    seats_left: int
    desks: tuple[DeskArrivals, ...]
    bins: tuple[ArrivalBin, ...]
    duplicates: tuple[Duplicate, ...]
    company_conflicts: tuple[Overflow, ...]
    capacity_conflicts: tuple[Overflow, ...]

    @property
    def conflicts(self) -> int:
        return len(self.duplicates) + len(self.company_conflicts) + len(self.capacity_conflicts)


@dataclass(frozen=True)
class LiveDay:
    day: date
    workshops: tuple[LiveWorkshop, ...]


def now_in_taipei(store: Store) -> datetime:
    """The office's clock in Taiwan (the store's clock when a test fixes it)."""
    if store.clock_override is not None:
        return store.clock_override.now().astimezone(TAIPEI)
    return datetime.now(TAIPEI)


def today(store: Store) -> date:
    """The office's today in Taiwan: the day whose workshops the page shows first."""
    return now_in_taipei(store).date()


def _floor(at: datetime) -> datetime:
    local = at.astimezone(TAIPEI)
    return local.replace(minute=local.minute - local.minute % BIN_MINUTES, second=0,
                         microsecond=0)


def _bins(opens: datetime, firsts: list[datetime]) -> tuple[ArrivalBin, ...]:
    counts = Counter(_floor(at) for at in firsts)
    start = min([_floor(opens), *counts])
    end = max([_floor(opens), *counts])
    out = []
    while start <= end:
        out.append(ArrivalBin(start, counts.get(start, 0)))
        start += timedelta(minutes=BIN_MINUTES)
    return tuple(out)


def _workshop(store: Store, row: WorkshopRow, duplicates: list[Duplicate],
              overflows: list[Overflow]) -> LiveWorkshop:
    with store.sessions() as session:
        events = session.execute(
            repo.admitted_arrivals(row.id)
            .with_only_columns(EventRow.registration_id, EventRow.desk_name,
                               EventRow.wall_time)
            .order_by(EventRow.wall_time, EventRow.id)).all()
    first: dict[int, tuple[str, datetime]] = {}
    per_desk: dict[str, list[int]] = {}
    last: dict[str, datetime] = {}
    for reg_id, desk, at in events:
        at = at if at.tzinfo else at.replace(tzinfo=UTC)
        counts = per_desk.setdefault(desk, [0, 0])
        if reg_id in first:
            counts[1] += 1
        else:
            first[reg_id] = (desk, at)
            counts[0] += 1
        last[desk] = at.astimezone(TAIPEI)
    desks = tuple(DeskArrivals(d, c[0], c[1], last.get(d)) for d, c in sorted(per_desk.items()))
    opens = datetime.combine(row.day, row.checkin_opens, TAIPEI)
    mine = [o for o in overflows if o.workshop_id == row.id]
    return LiveWorkshop(
        workshop_id=row.id, code=row.code, title=row.title, day=row.day,
        capacity=row.capacity, company_cap=row.company_cap, arrived=len(first),
        seats_left=max(0, row.capacity - len(first)), desks=desks,
        bins=_bins(opens, [at for _, at in first.values()]),
        duplicates=tuple(d for d in duplicates if d.workshop_id == row.id),
        company_conflicts=tuple(o for o in mine if o.kind == "COMPANY_CAP"),
        capacity_conflicts=tuple(o for o in mine if o.kind == "CAPACITY"))


def live_day(store: Store, day: date | None = None) -> LiveDay:
    """Every workshop held on ``day`` (default: today) with its arrivals and conflicts.

    Reads only; run it as often as the window likes (each call is a few short sessions).
    """
    day = day or today(store)
    with store.sessions() as session:
        rows = list(session.scalars(select(WorkshopRow).where(WorkshopRow.day == day)
                                    .order_by(WorkshopRow.number, WorkshopRow.id)))
        session.expunge_all()
    if not rows:
        return LiveDay(day, ())
    duplicates, overflows = conflict_report(store, [r.id for r in rows])
    return LiveDay(day, tuple(_workshop(store, r, duplicates, overflows) for r in rows))

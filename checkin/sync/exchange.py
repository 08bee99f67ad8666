"""Desks that talk during the day: a short exchange of events with the central database.

An exchange is the push and pull part of a sync, without the verification: this desk's new
events go up, the roster changes and every other desk's events come down, so a person
admitted at the next desk is ALREADY_IN here and the company cap counts both desks. It runs
on a worker thread every half minute and right after an arrival (see
:mod:`checkin.sync.schedule`); the end-of-day sync still verifies everything.

It must never hold up a check-in: every write to the desk's file is its own short
transaction taken after the network answered (none waits on the network while holding
SQLite's write lock), and WAL lets the door rules read meanwhile. Offline is normal: the
result says OFFLINE and nothing else happens.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from checkin.core.clock import Clock, SystemClock
from checkin.db import repo
from checkin.db.store import Store
from checkin.sync.day_rows import pull_scores, push_rows
from checkin.sync.errors import SyncError
from checkin.sync.link import DeskLink
from checkin.sync.pull import missing_own_events, pull_events, pull_own_events, pull_roster
from checkin.sync.push import push_outbox
from checkin.sync.runner import (
    LAST_EXCHANGE,
    central_engine,
    check_desk,
    health_pending,
    sync_error,
    watch_central,
)

log = logging.getLogger(__name__)


@dataclass
class ExchangeReport:
    """What one exchange did.

    ``status``: DONE (events went both ways), OFFLINE, DESK_REVOKED, LOCAL_STORAGE, or
    PLAINTEXT_HEALTH_DATA (a clear-text link: the others' events came down, this desk's
    events with health data stayed here).
    """

    status: str = "STARTED"
    detail: str | None = None
    sent: int = 0
    confirmed: int = 0
    pulled_events: int = 0
    set_aside: list[tuple[str, str]] = field(default_factory=list)
    quarantined: list[tuple[str, str]] = field(default_factory=list)
    at: datetime | None = None

    @property
    def ok(self) -> bool:
        """The central database answered and both directions ran."""
        return self.status == "DONE"

    @property
    def reached(self) -> bool:
        """The central database answered (even if not everything could go up)."""
        return self.status in ("DONE", "PLAINTEXT_HEALTH_DATA")


class DeskExchange:
    """Exchanges of one desk, over one central engine kept between them.

    Keeping the engine (and its pooled, pre-pinged connection) saves a TLS handshake and a
    login every half minute; after a failure the pool is dropped, so the next exchange
    connects afresh. Not thread-safe: one worker thread runs the exchanges.
    """

    def __init__(self, store: Store, link: DeskLink, *, central_url: str | None = None,
                 clock: Clock | None = None, engine: Engine | None = None) -> None:
        self.store, self.link = store, link
        self.central_url, self.clock = central_url, clock or SystemClock()
        self._engine = engine
        self._own_engine = engine is None

    def _central(self) -> Engine:
        if self._engine is None:
            self._engine = central_engine(self.link, self.central_url)
        return watch_central(self._engine)

    def run(self) -> ExchangeReport:
        """One exchange; never raises for the network, the server or the local disk."""
        report = ExchangeReport()
        try:
            self._exchange(self._central(), report)
        except SyncError as exc:
            report.status, report.detail = exc.code, exc.detail
        except SQLAlchemyError as exc:
            err = sync_error(exc)
            report.status, report.detail = err.code, err.detail
        if not report.reached and self._engine is not None and self._own_engine:
            self._engine.dispose()  # dead connections: start afresh next time
        if report.reached:
            try:
                report.at = datetime.now(UTC)
                with self.store.sessions.begin() as session:
                    repo.set_setting(session, LAST_EXCHANGE, report.at.isoformat())
            except SQLAlchemyError as exc:
                err = sync_error(exc)
                report.status, report.detail = err.code, err.detail
        return report

    def _exchange(self, central: Engine, report: ExchangeReport) -> None:
        workshops = list(self.link.workshops)
        check_desk(central)
        missing = missing_own_events(central, self.store, workshops)
        if missing:  # this desk id worked in another database: as sync_desk, catch up first
            pull_roster(central, self.store, workshops, self.clock.now())
            own = pull_own_events(central, self.store, workshops, missing)
            report.pulled_events += own.new
            report.quarantined += own.quarantined
        held = health_pending(self.store) if self.link.in_clear(self.central_url) else 0
        if not held:
            pushed = push_outbox(central, self.store)
            report.sent, report.confirmed = pushed.sent, pushed.confirmed
            report.set_aside = pushed.set_aside
            rows = push_rows(central, self.store)
            report.set_aside = report.set_aside + rows.set_aside
        # The roster first: an arrival of someone registered since the last pull would
        # otherwise be quarantined for naming a registration this desk has not got.
        pull_roster(central, self.store, workshops, self.clock.now())
        pulled = pull_events(central, self.store, workshops)
        report.pulled_events += pulled.new
        scores = pull_scores(central, self.store, workshops)
        report.quarantined = sorted(set(report.quarantined) | set(pulled.quarantined)
                                    | set(scores.quarantined))
        report.status = "PLAINTEXT_HEALTH_DATA" if held else "DONE"
        if held:
            report.detail = f"{held} events with health data stay on this desk"

    def close(self) -> None:
        if self._engine is not None and self._own_engine:
            self._engine.dispose()


def exchange_desk(store: Store, link: DeskLink, *, central_url: str | None = None,
                  engine: Engine | None = None) -> ExchangeReport:
    """One exchange with a fresh engine (or the given one): tests and the command line."""
    exchange = DeskExchange(store, link, central_url=central_url, engine=engine)
    try:
        return exchange.run()
    finally:
        exchange.close()

"""Desks that talk during the day: exchanges between two desks on the real PostgreSQL."""

from __future__ import annotations

import threading

import psycopg
from sqlalchemy import func, select

from checkin.core.clock import TAIPEI
from checkin.core.outcomes import OutcomeCode
from checkin.db.models import OutboxRow
from checkin.services.checkin import CheckinService, Who
from checkin.sync.central import ROSTER_LOCK
from checkin.sync.exchange import DeskExchange, exchange_desk
from checkin.sync.runner import desk_status, sync_desk

from .conftest import ADMIN_DSN, Central, Desk
from .test_roundtrip import admit


def scan(desk: Desk, central: Central, registration_id: int) -> OutcomeCode:
    return CheckinService(desk.store).check_in(
        1, Who(token=central.token(registration_id)), temperature="36.5").code


def two_desks(central: Central, desk_factory) -> tuple[Desk, Desk]:  # type: ignore[no-untyped-def]
    a, b = desk_factory("desk-a"), desk_factory("desk-b")
    for desk in (a, b):  # the morning's sync: roster down
        assert sync_desk(desk.store, desk.link).done
    return a, b


def test_second_desk_answers_already_in_after_one_exchange(central: Central,
                                                           desk_factory) -> None:
    a, b = two_desks(central, desk_factory)
    person = central.people(1)[0]
    admit(a, central, person)
    sent = exchange_desk(a.store, a.link)
    assert sent.ok and (sent.sent, sent.confirmed) == (1, 1)
    got = exchange_desk(b.store, b.link)
    assert got.ok and got.pulled_events == 1
    outcome = CheckinService(b.store).check_in(1, Who(token=central.token(person)),
                                               temperature="36.5")
    assert outcome.code is OutcomeCode.ALREADY_IN
    assert outcome.first_desk == "desk-a"
    assert outcome.first_arrival is not None
    assert outcome.first_arrival.astimezone(TAIPEI).strftime("%H:%M") == "08:45"
    # No verification digest on the way, but nothing lost: the end-of-day sync verifies.
    with a.store.sessions() as session:
        assert session.scalar(select(func.count()).select_from(OutboxRow).where(
            OutboxRow.sent_at.is_(None))) == 0
    assert sync_desk(a.store, a.link).done and sync_desk(b.store, b.link).done
    assert desk_status(b.store, b.link).last_exchange_at is not None


def test_company_cap_counts_both_desks(central: Central, desk_factory) -> None:
    a, b = two_desks(central, desk_factory)
    first, second, third = central.people(1)[0], central.people(1)[4], central.people(1)[8]
    with a.store.sessions() as session:  # the same company, cap 2 (fixture: n % 4)
        from checkin.db.models import RegistrationRow

        keys = {session.get(RegistrationRow, r).company_key  # type: ignore[union-attr]
                for r in (first, second, third)}
    assert len(keys) == 1
    assert scan(a, central, first) is OutcomeCode.ADMITTED
    assert scan(b, central, second) is OutcomeCode.ADMITTED
    for desk in (a, b, a):  # A's exchange before B's, then A learns of B's arrival
        assert exchange_desk(desk.store, desk.link).ok
    assert scan(a, central, third) is OutcomeCode.COMPANY_CAP
    assert exchange_desk(b.store, b.link).ok
    assert scan(b, central, third) is OutcomeCode.COMPANY_CAP


def test_offline_is_quiet_and_keeps_everything(central: Central, desk_factory) -> None:
    a = desk_factory("desk-a")
    assert sync_desk(a.store, a.link).done
    admit(a, central, central.people(1)[0])
    report = exchange_desk(a.store, a.link,
                           central_url=f"postgresql+psycopg://127.0.0.1:1/{central.dbname}")
    assert report.status == "OFFLINE" and not report.reached and report.at is None
    assert desk_status(a.store, a.link).pending == 1
    assert desk_status(a.store, a.link).last_exchange_at is not None  # from the morning sync
    assert exchange_desk(a.store, a.link).ok
    assert desk_status(a.store, a.link).pending == 0


def test_a_scan_is_decided_while_an_exchange_waits_on_the_server(central: Central,
                                                                 desk_factory) -> None:
    """The exchange holds no write lock on the desk's file while the network is slow."""
    a, b = two_desks(central, desk_factory)
    admit(b, central, central.people(1)[1])
    admit(a, central, central.people(1)[0])
    assert exchange_desk(b.store, b.link).ok
    results: list[object] = []
    exchange = DeskExchange(a.store, a.link)
    # The roster writers' lock, held by "the office": A's exchange has pushed and now waits.
    with psycopg.connect(ADMIN_DSN.replace("dbname=postgres", f"dbname={central.dbname}"),
                         autocommit=True) as office:
        office.execute("SELECT pg_advisory_lock(%s)", (ROSTER_LOCK,))
        worker = threading.Thread(target=lambda: results.append(exchange.run()))
        worker.start()
        waiting = "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
        for _ in range(200):
            if office.execute(waiting).fetchone() == (1,):
                break
            worker.join(0.05)
        assert worker.is_alive()
        # Meanwhile the desk decides and stores scans as usual.
        assert scan(a, central, central.people(1)[2]) is OutcomeCode.ADMITTED
        office.execute("SELECT pg_advisory_unlock(%s)", (ROSTER_LOCK,))
    worker.join(30)
    exchange.close()
    assert len(results) == 1
    report = results[0]
    assert report.ok and report.sent == 1 and report.pulled_events == 1  # type: ignore[attr-defined]
    assert desk_status(a.store, a.link).pending == 1  # the scan made meanwhile goes next time


def test_a_kept_engine_reconnects_after_the_server_dropped_it(central: Central,
                                                              desk_factory) -> None:
    a, b = two_desks(central, desk_factory)
    exchange = DeskExchange(a.store, a.link)
    try:
        assert exchange.run().ok
        central.rows("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                     "WHERE datname = %s AND pid <> pg_backend_pid()", central.dbname)
        admit(b, central, central.people(1)[3])
        assert exchange_desk(b.store, b.link).ok
        report = exchange.run()
        assert report.ok and report.pulled_events == 1
    finally:
        exchange.close()

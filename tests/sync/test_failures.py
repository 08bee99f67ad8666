"""Guarantee 5: cut the connection anywhere, retry, and every event is there exactly once."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy import event, select, update

from checkin.cli.sync import describe_report as cli_describe
from checkin.core.clock import SystemClock
from checkin.db.models import EventRow, OutboxRow
from checkin.db.store import Store
from checkin.services.catalogue import install_workshops
from checkin.services.checkin import CheckinService, Who
from checkin.sync.runner import pending_count, sync_desk

from .conftest import Central, Desk
from .proxy import CuttingProxy
from .test_roundtrip import admit


@pytest.fixture
def proxy() -> Iterator[CuttingProxy]:
    p = CuttingProxy()
    yield p
    p.close()


def exactly_once(central: Central, ids: list[str]) -> None:
    rows = central.rows("SELECT id, count(*) FROM events GROUP BY id")
    assert sorted(str(i) for i, _ in rows) == sorted(ids)
    assert all(n == 1 for _, n in rows)


def day_of_scans(desk: Desk, central: Central, n: int) -> list[str]:
    return [admit(desk, central, rid) for rid in central.people(1)[:n]]


def test_cut_after_server_commit_before_desk_hears(central: Central, desk_factory,
                                                   proxy: CuttingProxy) -> None:
    desk = desk_factory("desk-a")
    assert sync_desk(desk.store, desk.link).done
    ids = day_of_scans(desk, central, 6)
    proxy.cut_on_commit = True
    report = sync_desk(desk.store, desk.link, central_url=central.url_via(proxy.port),
                       batch_size=4)
    assert report.status == "OFFLINE" and proxy.cuts >= 1
    # The server committed the first batch, the desk never heard: nothing is marked sent.
    assert central.scalar("SELECT count(*) FROM events") == 4
    assert pending_count(desk.store) == 6
    proxy.cut_on_commit = False
    report = sync_desk(desk.store, desk.link, central_url=central.url_via(proxy.port),
                       batch_size=4)
    assert report.done, report.summary()
    assert report.repeats == 4 and report.confirmed == 6
    exactly_once(central, ids)
    assert central.scalar("SELECT count(*) FROM screenings") == 6


def test_cut_at_every_step_then_retry(central: Central, desk_factory,
                                      proxy: CuttingProxy) -> None:
    desk = desk_factory("desk-a")
    assert sync_desk(desk.store, desk.link).done
    ids = day_of_scans(desk, central, 4)
    via = central.url_via(proxy.port)
    cut_at = 1
    while True:
        proxy.chunks = 0
        proxy.cut_after_chunks = cut_at
        report = sync_desk(desk.store, desk.link, central_url=via, batch_size=2)
        proxy.cut_after_chunks = None
        if proxy.cuts == 0:
            break  # the whole sync fitted before this step: every step has been cut once
        proxy.cuts = 0
        assert report.status in ("OFFLINE", "DONE"), report.summary()
        retry = sync_desk(desk.store, desk.link, central_url=via, batch_size=2)
        assert retry.done, (cut_at, retry.summary())
        exactly_once(central, ids)
        assert pending_count(desk.store) == 0
        # Start the next round from an unsent outbox again: the repeats must stay no-ops.
        with desk.store.sessions.begin() as session:
            session.execute(update(OutboxRow).values(sent_at=None))
        cut_at += 1
    assert cut_at > 5
    exactly_once(central, ids)


KILL_SCRIPT = textwrap.dedent("""
    import os, sys
    from checkin.db.store import Store
    from checkin.sync.link import load_link
    from checkin.sync.runner import sync_desk
    url = sys.argv[1]
    store = Store.open(url)
    batches = []
    def die():
        batches.append(1)
        if len(batches) == 2:
            os._exit(9)  # killed mid-sync: second batch committed centrally, not confirmed
    sync_desk(store, load_link(url), batch_size=3, after_commit=die)
    sys.exit(0)
""")


def test_desk_killed_mid_batch(central: Central, desk_factory) -> None:
    desk = desk_factory("desk-a")
    assert sync_desk(desk.store, desk.link).done
    ids = day_of_scans(desk, central, 8)
    desk.store.close()
    done = subprocess.run([sys.executable, "-c", KILL_SCRIPT, desk.url], env=os.environ.copy(),
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 9, done.stderr
    assert central.scalar("SELECT count(*) FROM events") == 6
    from checkin.db.store import Store

    desk.store = Store.open(desk.url, clock=desk.clock)
    assert pending_count(desk.store) == 5  # only the first batch was confirmed
    report = sync_desk(desk.store, desk.link, batch_size=3)
    assert report.done and report.repeats == 3
    exactly_once(central, ids)


def test_two_desks_in_either_order_give_the_same_central_state(central: Central, desk_factory,
                                                               tmp_path) -> None:
    a = desk_factory("desk-a")
    b = desk_factory("desk-b")
    for desk in (a, b):
        assert sync_desk(desk.store, desk.link).done
    people = central.people(1)
    # Offline: both desks admit the same two people (b later), plus one each of their own.
    a_ids = [admit(a, central, p) for p in (people[0], people[1], people[2])]
    b.clock.advance(minutes=3)
    b_ids = [admit(b, central, p) for p in (people[0], people[1], people[3])]
    # The same four people at B's desk make company "台灣綠能" (people 0 and 4...) legit;
    # the duplicate report is what a supervisor sees.
    second = central.copy()

    def run(order: tuple[Desk, ...], url: str) -> tuple[list[tuple], list, list]:
        for desk in order:
            sync_desk(desk.store, desk.link, central_url=nouser(url))
        reports = [sync_desk(d.store, d.link, central_url=nouser(url)) for d in order]
        assert all(r.done for r in reports), [r.summary() for r in reports]
        state = central_state(url)
        dups = [(d.registration_id, [x.event_id for x in d.arrivals])
                for d in reports[-1].duplicates]
        return state, dups, [r.duplicates == reports[0].duplicates for r in reports]

    # Run the two orders on two copies of the same central database, from copies of the
    # same desk files.
    import shutil

    from checkin.db.store import Store
    from checkin.sync.link import load_link

    copies = []
    for desk in (a, b):
        desk.store.close()
        folder = tmp_path / f"copy-{desk.link.desk_name}"
        folder.mkdir()
        for suffix in ("", "-wal", "-shm", ".central.json"):
            src = desk.url.removeprefix("sqlite:///") + suffix
            if os.path.exists(src):
                shutil.copy2(src, folder / f"desk.sqlite3{suffix}")
        url = f"sqlite:///{folder / 'desk.sqlite3'}"
        copies.append(Desk(Store.open(url, clock=desk.clock), load_link(url), url, desk.clock))
        desk.store = Store.open(desk.url, clock=desk.clock)
    state_ab, dups_ab, same_ab = run((a, b), central.url)
    state_ba, dups_ba, same_ba = run((copies[1], copies[0]), second.url)
    for desk in copies:
        desk.store.close()
    assert state_ab == state_ba
    assert len(state_ab) == 6
    assert dups_ab == dups_ba and len(dups_ab) == 2
    assert all(same_ab) and all(same_ba)
    # Earliest admitted arrival counts: desk A's, three minutes before B's.
    assert {d[1][0] for d in dups_ab} <= set(a_ids)
    assert {d[1][1] for d in dups_ab} <= set(b_ids)


def nouser(url: str) -> str:
    return url.replace("postgres@", "")


def central_state(url: str) -> list[tuple]:
    import psycopg

    from .conftest import HOST, PORT

    dbname = url.rsplit("/", 1)[1]
    with psycopg.connect(host=HOST, port=PORT, user="postgres", dbname=dbname) as conn:
        return conn.execute(
            "SELECT id, workshop_id, registration_id, desk_id, desk_name, seq, wall_time,"
            " kind, outcome FROM events ORDER BY id").fetchall()


def test_clock_skew_refuses_ready_for_offline(central: Central, desk_factory) -> None:
    desk = desk_factory("desk-a")

    class Skewed(SystemClock):
        def now(self):  # type: ignore[no-untyped-def]
            return super().now() + timedelta(minutes=7)

    report = sync_desk(desk.store, desk.link, clock=Skewed())
    assert report.roster is not None and report.ready_for_offline is False
    assert report.roster.not_ready_reason == "CLOCK_SKEW"
    assert report.roster.skew_seconds > 400
    assert sync_desk(desk.store, desk.link).ready_for_offline is True


def test_rejected_event_is_set_aside_with_its_reason(central: Central, desk_factory) -> None:
    desk = desk_factory("desk-a")
    assert sync_desk(desk.store, desk.link).done
    good = day_of_scans(desk, central, 3)
    # An arrival recorded for a workshop this desk does not serve (a desk set up from the
    # brochure's catalogue and pointed at the wrong session).
    with desk.store.sessions.begin() as session:
        install_workshops(session)
        session.flush()
        session.execute(update(EventRow).where(EventRow.id == good[1]).values(workshop_id=2))
    report = sync_desk(desk.store, desk.link, batch_size=10)
    assert report.set_aside == [(good[1], "NOT_PERMITTED")]
    assert report.status == "DONE", report.summary()
    exactly_once(central, [good[0], good[2]])
    again = sync_desk(desk.store, desk.link)
    assert again.sent == 0 and again.set_aside == []  # not retried for ever
    with desk.store.sessions() as session:
        row = session.get(OutboxRow, good[1])
        assert row is not None and row.set_aside_reason == "NOT_PERMITTED" and row.sent_at is None
    # The desk keeps working: the same person scanned again is already in.
    outcome = CheckinService(desk.store).check_in(
        1, Who(token=central.token(central.people(1)[0])), temperature="36.5")
    assert outcome.code.value == "ALREADY_IN"


def _disk_full(store: Store) -> object:
    """From now on every write to the desk's own file fails as SQLite does on a full disk.

    (Reads still work, as they do on a full disk; SQLite's own error, raised at the driver.)
    """
    def refuse_writes(conn, cursor, statement, params, context, many):  # type: ignore[no-untyped-def]
        if statement.lstrip().split(None, 1)[0].upper() in ("INSERT", "UPDATE", "DELETE"):
            raise sqlite3.OperationalError("database or disk is full")
        return statement, params

    event.listen(store.engine, "before_cursor_execute", refuse_writes, retval=True)
    return refuse_writes


def test_a_desk_that_cannot_write_is_told_so_not_offline_and_loses_nothing(
        central: Central, desk_factory) -> None:
    desk: Desk = desk_factory("desk-a")
    assert sync_desk(desk.store, desk.link).done
    ids = [admit(desk, central, rid) for rid in central.people(1)[:3]]
    listener = _disk_full(desk.store)
    report = sync_desk(desk.store, desk.link)
    assert report.status == "LOCAL_STORAGE", report.summary()
    assert report.detail and "disk is full" in report.detail
    # The server has the events; the desk could not mark them sent, so they stay pending.
    assert central.scalar("SELECT count(*) FROM events") == 3
    assert pending_count(desk.store) == 3
    words = cli_describe(report)
    assert "本機無法寫入" in words and "disk full or read-only" in words
    event.remove(desk.store.engine, "before_cursor_execute", listener)
    again = sync_desk(desk.store, desk.link)
    assert again.done and again.repeats == 3, again.summary()
    assert sorted(str(i) for (i,) in central.rows("SELECT id FROM events")) == sorted(ids)
    with desk.store.sessions() as session:
        assert all(r.sent_at is not None for r in session.scalars(select(OutboxRow)))

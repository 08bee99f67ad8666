"""Issue 13: every path into the central database has the desk's rights, no more (guarantee 10).

Each test replays an attack that worked against the real PostgreSQL, logging in as the desk
where the attack did; tests/ATTACKS.md lists them with their results before and now.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from datetime import UTC, datetime
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import select

from checkin.cli import main
from checkin.core.outcomes import OutcomeCode
from checkin.core.tokens import new_token, token_hash
from checkin.db import repo
from checkin.db.engine import open_database, sqlite_url
from checkin.db.models import EventRow, WorkshopRow
from checkin.db.store import Store
from checkin.services.catalogue import install_default_profile, install_workshops
from checkin.services.checkin import CheckinService, Who
from checkin.sync.central import add_desk, drop_desk_roles, init_central
from checkin.sync.runner import central_engine, join, sync_desk
from checkin.sync.transfer import _canonical, _seal, export_events, import_events
from checkin.sync.verify import verify

from .conftest import HOST, PORT, WORKSHOP_1_MORNING, Central, Desk, _admin, pg_url
from .test_roundtrip import admit
from .test_security import as_desk

EVENT_INSERT = ("INSERT INTO events (id, workshop_id, registration_id, desk_id, desk_name, seq,"
                " wall_time, kind, outcome) VALUES (:id, :w, :r, :desk, :name, :seq, :at,"
                " 'arrival', 'ADMITTED')")


def _import(central: Central, path: Path, allow_unsealed: bool = False):  # type: ignore[no-untyped-def]
    engine = open_database(central.url)
    try:
        return import_events(engine, path, allow_unsealed=allow_unsealed)
    finally:
        engine.dispose()


def _reseal(path: Path, doc: dict, key: str | None) -> None:
    body = {k: v for k, v in doc.items() if k != "seal"}
    body = json.loads(_canonical(body))
    path.write_text(json.dumps(dict(body, seal=_seal(body, key)), ensure_ascii=False), "utf-8")


# --- 1. an unsealed file names people by the token hash, not by a local number -----------

def test_unsealed_import_attaches_each_arrival_to_the_same_person(central: Central,
                                                                  tmp_path: Path) -> None:
    """A demo desk numbered its registrations itself: its 1 is somebody else centrally."""
    from checkin.core.clock import FixedClock

    url = sqlite_url(tmp_path / "demo.sqlite3")
    store = Store.open(url, clock=FixedClock(WORKSHOP_1_MORNING))
    try:
        people = list(reversed(central.people(1)))  # local ids 1.. are central ids ..1
        with store.sessions.begin() as session:
            install_workshops(session)
            session.flush()
            install_default_profile(session)
            for n, rid in enumerate(people):
                token = central.token(rid)
                session.add(repo.new_registration_row(
                    workshop_id=1, name=f"demo{n}", company="c", tax_id=None, email=None,
                    phone=None, token_hash=token_hash(token), token=token))
            # Somebody the central database does not know at all.
            stranger = new_token(session.get_one(WorkshopRow, 1).code)
            session.add(repo.new_registration_row(
                workshop_id=1, name="stranger", company="c", tax_id=None, email=None,
                phone=None, token_hash=token_hash(stranger), token=stranger))
        service = CheckinService(store)
        admitted = service.check_in(1, Who(token=central.token(people[0])), temperature="36.5")
        fever = service.check_in(1, Who(token=central.token(people[1])), temperature="38.2")
        unknown = service.check_in(1, Who(token=stranger), temperature="36.5")
        assert (admitted.code, fever.code, unknown.code) == (
            OutcomeCode.ADMITTED, OutcomeCode.REMEASURE, OutcomeCode.ADMITTED)
        out = tmp_path / "demo.json"
        export_events(store, out)  # no provisioning: a plain seal
    finally:
        store.close()
    result = _import(central, out, allow_unsealed=True)
    rows = dict(central.rows("SELECT id, registration_id FROM events"))
    assert rows == {admitted.event_id: people[0], fever.event_id: people[1]}
    assert float(central.scalar("SELECT temperature FROM screenings WHERE event_id = %s",
                                fever.event_id)) == 38.2  # type: ignore[arg-type]
    assert result.set_aside == [(unknown.event_id, "UNMATCHED_REGISTRATION")]


# --- 2. a desk cannot write a row the other desks cannot store ---------------------------

def test_desk_cannot_name_another_workshops_registration_or_another_name(
        central: Central, desk_factory) -> None:
    desk: Desk = desk_factory("desk-a", (1,))
    assert sync_desk(desk.store, desk.link).done
    row = {"id": str(uuid.uuid4()), "w": 1, "r": central.people(2)[0], "desk": desk.link.desk_id,
           "name": desk.link.desk_name, "seq": 900, "at": datetime.now(UTC)}
    with pytest.raises(Exception, match="registration of another workshop"):
        as_desk(desk, EVENT_INSERT, row)
    row.update(id=str(uuid.uuid4()), r=central.people(1)[0], name="desk-b")
    with pytest.raises(Exception, match="row-level security"):
        as_desk(desk, EVENT_INSERT, row)
    row.update(id=str(uuid.uuid4()), name=desk.link.desk_name)
    as_desk(desk, EVENT_INSERT, row)  # its own name, its own workshop's person: fine
    assert central.scalar("SELECT count(*) FROM events") == 1


def test_a_row_a_desk_cannot_store_is_quarantined_and_the_rest_syncs(
        central: Central, desk_factory, capsys) -> None:
    """Rows written before the policy (or by an admin) must not stop every desk's sync."""
    a: Desk = desk_factory("desk-a", (1,))
    b: Desk = desk_factory("desk-b", (1,))
    assert sync_desk(a.store, a.link).done
    bad = str(uuid.uuid4())
    # Such a row can no longer be written (not even by an admin): put it in as it was.
    with psycopg.connect(host=HOST, port=PORT, user="postgres", dbname=central.dbname,
                         autocommit=True) as conn:
        conn.execute("ALTER TABLE events DISABLE TRIGGER checkin_event_registrations")
    central.scalar("INSERT INTO events (id, workshop_id, registration_id, desk_id, desk_name,"
                   " seq, wall_time, kind, outcome) VALUES (%s, 1, %s, %s, 'spoof', 1, now(),"
                   " 'arrival', 'ADMITTED') RETURNING id", bad, central.people(2)[0],
                   str(uuid.uuid4()))
    good = admit(a, central, central.people(1)[0])
    report = sync_desk(a.store, a.link)
    assert report.status == "DONE", report
    assert report.quarantined == [(bad, "FOREIGN_REGISTRATION")]
    report = sync_desk(b.store, b.link)
    assert report.status == "DONE" and report.quarantined == [(bad, "FOREIGN_REGISTRATION")]
    with b.store.sessions() as session:
        assert session.get(EventRow, good) is not None  # the rest came down
    from checkin.cli.sync import describe_report as describe

    text = describe(report)
    assert "quarantined 1" in text and bad in text and "disk full" not in text


# --- 3. a file resealed with the desk's own key has the desk's rights, no more -----------

def test_resealed_file_gets_exactly_the_desks_rights(central: Central, desk_factory,
                                                    tmp_path: Path) -> None:
    a: Desk = desk_factory("desk-a", (1,))
    b: Desk = desk_factory("desk-b", (1, 2))
    assert sync_desk(a.store, a.link).done and sync_desk(b.store, b.link).done
    other = admit(b, central, central.people(1)[5])
    assert sync_desk(b.store, b.link).done
    own = admit(a, central, central.people(1)[0])
    out = tmp_path / "day.json"
    export_events(a.store, out, a.link)
    doc = json.loads(out.read_text("utf-8"))
    template = doc["events"][0]
    foreign_workshop = dict(template, id=str(uuid.uuid4()), workshop_id=2, seq=50,
                            registration_id=central.people(2)[0], registration_hash=None)
    long_outcome = dict(template, id=str(uuid.uuid4()), seq=51, outcome="A" * 1000)
    doc["events"] += [foreign_workshop, long_outcome]
    followup_at = f"followups[{len(doc['followups'])}]"
    screening_at = f"screenings[{len(doc['screenings'])}]"
    doc["followups"] += [
        {"event_id": other, "registration_id": central.people(1)[5], "opened_at":
         "2022-04-29T01:00:00+00:00", "status": "open", "result": None, "closed_at": None,
         "registration_hash": None}]
    doc["screenings"].append({"temperature": 36.5, "travel": False, "contact": False,
                              "symptoms": False})
    doc["count"] = len(doc["events"])
    _reseal(out, doc, a.link.export_key)  # the key from the desk's provisioning file
    result = _import(central, out)
    refused = dict(result.set_aside)
    assert refused[foreign_workshop["id"]] == "NOT_PERMITTED"
    assert refused["events[2]"].startswith("MALFORMED: outcome")
    assert refused[followup_at].startswith("MALFORMED")
    assert refused[screening_at] == "MALFORMED: event_id missing"
    assert result.inserted == 1
    assert {r[0] for r in central.rows("SELECT id FROM events")} == {own, other}
    assert central.scalar("SELECT count(*) FROM followups") == 0
    assert central.scalar("SELECT max(length(outcome)) FROM events") < 32


def test_desk_cannot_attach_a_followup_to_another_desks_event(central: Central,
                                                              desk_factory) -> None:
    a: Desk = desk_factory("desk-a", (1,))
    b: Desk = desk_factory("desk-b", (1,))
    assert sync_desk(b.store, b.link).done
    other = admit(b, central, central.people(1)[3])
    assert sync_desk(b.store, b.link).done
    with pytest.raises(Exception, match="row-level security"):
        as_desk(a, "INSERT INTO followups (event_id, registration_id, opened_at, status)"
                   " VALUES (:e, :r, now(), 'open')", {"e": other, "r": central.people(1)[3]})


def test_a_revoked_desks_last_file_still_goes_in_as_that_desk(central: Central, desk_factory,
                                                             tmp_path: Path) -> None:
    from checkin.sync.central import revoke_desk

    a: Desk = desk_factory("desk-a", (1,))
    assert sync_desk(a.store, a.link).done
    event = admit(a, central, central.people(1)[0])
    out = tmp_path / "day.json"
    export_events(a.store, out, a.link)
    engine = open_database(central.url)
    try:
        revoke_desk(engine, "desk-a")
    finally:
        engine.dispose()
    result = _import(central, out)
    assert (result.inserted, result.set_aside) == (1, [])
    assert central.rows("SELECT id FROM events") == [(event,)]


# --- 4. desk logins of two central databases on one server ------------------------------

def test_two_central_databases_keep_their_desk_logins_apart(pg_template) -> None:
    names = [f"{pg_template.prefix}own{n}" for n in (1, 2)]
    engines = []
    try:
        for name in names:
            _admin(f'CREATE DATABASE "{name}"')
            engine = init_central(pg_url(name))  # the default prefix, as the README says
            from checkin.db.engine import session_maker

            with session_maker(engine).begin() as session:
                install_workshops(session)
            engines.append(engine)
        first = add_desk(engines[0], "desk-a", (1,))
        second = add_desk(engines[1], "desk-a", (1,))
        assert first.role != second.role
        # The first desk still logs in with its own password, and only into its database.
        with psycopg.connect(host=HOST, port=PORT, user=first.role, password=first.password,
                             dbname=names[0]) as conn:
            assert conn.execute("SELECT checkin_desk_id()").fetchone() == (first.desk_id,)
        with (psycopg.connect(host=HOST, port=PORT, user=second.role,
                              password=second.password, dbname=names[0]) as conn,
              pytest.raises(psycopg.errors.InsufficientPrivilege)):
            conn.execute("SELECT checkin_desk_id()")
        # The same prefix on purpose: refused, nothing re-keyed.
        from checkin.sync.central import CentralError, role_prefix

        with engines[0].connect() as conn:
            prefix = role_prefix(conn)
        _admin(f'CREATE DATABASE "{pg_template.prefix}own3"')
        with pytest.raises(CentralError, match="in use"):
            init_central(pg_url(f"{pg_template.prefix}own3"), prefix=prefix).dispose()
    finally:
        for engine in engines:
            drop_desk_roles(engine)
            engine.dispose()


def test_an_existing_login_is_never_rekeyed(central: Central) -> None:
    from checkin.sync.central import DeskExists, desk_role, role_prefix

    engine = open_database(central.url)
    try:
        with engine.connect() as conn:
            role = desk_role(role_prefix(conn), "desk-z")
        _admin(f"CREATE ROLE \"{role}\" LOGIN PASSWORD 'theirs'")
        try:
            with pytest.raises(DeskExists, match="left as it was"):
                add_desk(engine, "desk-z", (1,))
            with psycopg.connect(host=HOST, port=PORT, user=role, password="theirs",
                                 dbname=central.dbname):
                pass
        finally:
            _admin(f'DROP ROLE "{role}"')
    finally:
        engine.dispose()


# --- 5. any Unicode desk name gets a login of its own ------------------------------------

def test_unicode_desk_names_do_not_collide(central: Central, desk_factory, tmp_path: Path,
                                           capsys) -> None:
    assert main(["central", "add-desk", "台中-1", "--workshops", "1", "--url", central.url,
                 "--out", str(tmp_path / "taichung.json")]) == 0, capsys.readouterr().err
    assert main(["central", "add-desk", "台北-1", "--workshops", "1", "--url", central.url,
                 "--out", str(tmp_path / "taipei.json")]) == 0, capsys.readouterr().err
    roles = dict(central.rows("SELECT name, role_name FROM sync_desks"))
    assert set(roles) == {"台中-1", "台北-1"} and len(set(roles.values())) == 2
    # (The desk's folder is ASCII: a non-ASCII database path is a separate bug.)
    url = sqlite_url(tmp_path / "taipei.sqlite3")
    store = Store.open(url)
    try:
        link = join(store, url, str(tmp_path / "taipei.json"))
        assert sync_desk(store, link).done
    finally:
        store.close()


# --- 7. one precision at both ends, and verification compares what events carry -----------

def test_temperature_is_stored_as_read_and_a_changed_event_fails_verification(
        central: Central, desk_factory) -> None:
    desk: Desk = desk_factory("desk-a", (1,))
    assert sync_desk(desk.store, desk.link).done
    outcome = CheckinService(desk.store).check_in(
        1, Who(token=central.token(central.people(1)[0])), temperature="37.51")
    assert outcome.code is OutcomeCode.REMEASURE
    assert sync_desk(desk.store, desk.link).done
    assert float(central.scalar("SELECT temperature FROM screenings")) == 37.51
    engine = central_engine(desk.link)  # verification runs as the desk
    try:
        assert all(c.ok for c in verify(engine, desk.store, [1]))
        central.scalar("UPDATE screenings SET temperature = 37.5 RETURNING 1")
        assert not verify(engine, desk.store, [1])[0].ok
        central.scalar("UPDATE screenings SET temperature = 37.51 RETURNING 1")
        central.scalar("UPDATE events SET outcome = 'ADMITTED' RETURNING 1")
        assert not verify(engine, desk.store, [1])[0].ok
    finally:
        engine.dispose()


def test_both_ends_build_the_same_event_lines(central: Central, desk_factory) -> None:
    from checkin.sync.fingerprint import EVENT_LINE_SQL, event_line
    from checkin.sync.rows import EVENTS

    desk: Desk = desk_factory("desk-a", (1,))
    assert sync_desk(desk.store, desk.link).done
    admit(desk, central, central.people(1)[0])
    assert sync_desk(desk.store, desk.link).done
    [server_line] = [r[0] for r in central.rows(f"SELECT {EVENT_LINE_SQL} FROM events")]
    with desk.store.engine.connect() as conn:
        [row] = conn.execute(select(EVENTS)).mappings().all()
    assert event_line(row) == server_line
    assert hashlib.sha256(server_line.encode()).hexdigest()

"""As a desk's own login: only what a desk needs (guarantee 7), and revocation."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import psycopg
import pytest
from sqlalchemy import create_engine, text

from checkin.db.engine import open_database
from checkin.services.checkin import CheckinService, Who
from checkin.sync.central import revoke_desk
from checkin.sync.link import secure_url
from checkin.sync.runner import pending_count, sync_desk

from .conftest import Central, Desk
from .test_roundtrip import admit


def as_desk(desk: Desk, sql: str, params: dict[str, object] | None = None) -> list[tuple]:
    engine = create_engine(desk.link.connect_url())
    try:
        with engine.begin() as conn:
            result = conn.execute(text(sql), params or {})
            return [tuple(r) for r in result] if result.returns_rows else []
    finally:
        engine.dispose()


@pytest.fixture
def synced(central: Central, desk_factory) -> Desk:
    desk = desk_factory("desk-a", (1,))
    assert sync_desk(desk.store, desk.link).done
    admit(desk, central, central.people(1)[0])
    assert sync_desk(desk.store, desk.link).done
    return desk


def test_desk_cannot_update_or_delete_events(synced: Desk) -> None:
    for sql in ("UPDATE events SET outcome = 'ADMITTED'", "DELETE FROM events",
                "TRUNCATE events", "DELETE FROM registrations", "UPDATE registrations SET "
                "status = 'registered'"):
        with pytest.raises(Exception, match="permission denied"):
            as_desk(synced, sql)


def test_desk_sees_only_its_workshops_and_no_health_data(central: Central, synced: Desk
                                                         ) -> None:
    assert as_desk(synced, "SELECT DISTINCT workshop_id FROM registrations") == [(1,)]
    assert as_desk(synced, "SELECT id FROM workshops") == [(1,)]
    assert as_desk(synced, "SELECT count(*) FROM registrations WHERE workshop_id = 2") == [(0,)]
    for sql in ("SELECT * FROM screenings", "SELECT * FROM followups",
                "SELECT token FROM registrations", "SELECT * FROM sync_desks",
                "SELECT * FROM settings"):
        with pytest.raises(Exception, match="permission denied"):
            as_desk(synced, sql)
    # The central side does hold the screening the desk sent up.
    assert central.scalar("SELECT count(*) FROM screenings") == 1


def test_desk_cannot_ask_about_another_desk(central: Central, synced: Desk,
                                            desk_factory) -> None:
    other = desk_factory("desk-b", (2,))
    # The look-up functions answer only for the login calling them.
    assert as_desk(synced, "SELECT checkin_desk_workshops()") == [(1,)]
    assert as_desk(other, "SELECT checkin_desk_workshops()") == [(2,)]
    assert as_desk(synced, "SELECT checkin_desk_id()") == [(synced.store.desk_id,)]
    with pytest.raises(Exception, match="does not exist"):
        as_desk(synced, "SELECT checkin_desk_workshops(:role)", {"role": other.link.role})


def test_desk_cannot_write_in_another_desks_name_or_workshop(central: Central, synced: Desk,
                                                            desk_factory) -> None:
    other = desk_factory("desk-b", (2,))
    row = {"id": str(uuid.uuid4()), "w": 1, "r": central.people(1)[1], "desk": other.link.desk_id,
           "seq": 99, "at": datetime.now(UTC)}
    insert = ("INSERT INTO events (id, workshop_id, registration_id, desk_id, desk_name, seq,"
              " wall_time, kind, outcome) VALUES (:id, :w, :r, :desk, 'x', :seq, :at,"
              " 'arrival', 'ADMITTED')")
    with pytest.raises(Exception, match="row-level security"):
        as_desk(synced, insert, row)
    # Its own name but a workshop it does not serve: refused as well.
    row.update(desk=synced.link.desk_id, w=2, r=central.people(2)[0])
    with pytest.raises(Exception, match="row-level security"):
        as_desk(synced, insert, row)
    assert central.scalar("SELECT count(*) FROM events") == 1


def test_revoked_desk_is_told_and_keeps_its_events(central: Central, synced: Desk) -> None:
    person = central.people(1)[1]
    admit(synced, central, person)
    engine = open_database(central.url)
    try:
        revoke_desk(engine, "desk-a")
    finally:
        engine.dispose()
    report = sync_desk(synced.store, synced.link)
    assert report.status == "DESK_REVOKED"
    assert pending_count(synced.store) == 1
    # The desk still works offline, and nothing it recorded was lost.
    outcome = CheckinService(synced.store).check_in(1, Who(token=central.token(person)),
                                                    temperature="36.5")
    assert outcome.code.value == "ALREADY_IN"
    with pytest.raises(psycopg.OperationalError, match="not permitted to log in"):
        psycopg.connect(host="127.0.0.1", user=synced.link.role, dbname=central.dbname)


def test_tls_url_is_tightened_to_verify_full() -> None:
    url = secure_url("postgresql+psycopg://h/db?sslmode=require")
    assert url.query["sslmode"] == "verify-full"
    # Another computer: verify-full even when the URL did not ask (see test_tls.py).
    assert secure_url("postgresql+psycopg://h/db").query["sslmode"] == "verify-full"
    assert "sslmode" not in secure_url("postgresql+psycopg://127.0.0.1/db").query
    assert secure_url("postgresql+psycopg://127.0.0.1/db?sslmode=disable"
                      ).query["sslmode"] == "disable"


def test_the_office_sees_each_desks_last_sync_and_what_it_holds(central: Central,
                                                                synced: Desk,
                                                                desk_factory) -> None:
    from checkin.sync.central import desk_activity

    other = desk_factory("desk-b", (2,))
    engine = create_engine(central.url)  # the office's login
    try:
        seen = {d.name: d for d in desk_activity(engine)}
        assert seen["desk-a"].last_sync_at is not None and seen["desk-a"].held == 0
        assert seen["desk-b"].last_sync_at is None and seen["desk-b"].held is None
        # A desk reports for itself only, and still cannot touch the registry.
        as_desk(other, "SELECT checkin_desk_seen(7)")
        with pytest.raises(Exception, match="permission denied"):
            as_desk(other, "UPDATE sync_desks SET held_events = 99")
        seen = {d.name: d for d in desk_activity(engine)}
        assert seen["desk-a"].held == 0 and seen["desk-b"].held == 7
    finally:
        engine.dispose()

"""Found in review: a restored central database, a desk provisioned again, the office CLI."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from checkin.cli import main
from checkin.core.outcomes import Declaration, OutcomeCode
from checkin.db.engine import open_database, sqlite_url
from checkin.db.models import EventRow, RegistrationRow
from checkin.db.store import Store
from checkin.services.checkin import CheckinService, Who
from checkin.sync.central import add_desk, revoke_desk
from checkin.sync.link import write_private_json
from checkin.sync.runner import join, pending_count, sync_desk

from .conftest import Central, Desk
from .test_roundtrip import admit


def test_events_lost_by_a_restored_central_database_are_sent_again(central: Central,
                                                                   desk_factory) -> None:
    desk: Desk = desk_factory("desk-a")
    assert sync_desk(desk.store, desk.link).done
    ids = [admit(desk, central, rid) for rid in central.people(1)[:3]]
    assert sync_desk(desk.store, desk.link).done
    # The office restores last night's backup: the day's events are gone centrally, while
    # the desk's outbox says they were confirmed.
    central.scalar("DELETE FROM screenings RETURNING 1")
    central.scalar("DELETE FROM events RETURNING 1")
    report = sync_desk(desk.store, desk.link)
    assert report.requeued == 3
    assert report.done, report.summary()
    assert sorted(str(r[0]) for r in central.rows("SELECT id FROM events")) == sorted(ids)
    assert central.scalar("SELECT count(*) FROM screenings") == 3
    assert pending_count(desk.store) == 0


def test_a_desk_provisioned_for_another_workshop_pulls_its_whole_roster(
        central: Central, desk_factory, tmp_path: Path) -> None:
    # Workshop 3's registrations were written last: the desk's watermark ends up above
    # every registration of workshop 1.
    desk: Desk = desk_factory("desk-a", workshops=(3,))
    assert sync_desk(desk.store, desk.link).done
    engine = open_database(central.url)
    try:
        revoke_desk(engine, "desk-a")
        # Provisioned again under its name: same desk id, another workshop, new password.
        link = add_desk(engine, "desk-a", (1, 3))
    finally:
        engine.dispose()
    provisioning = tmp_path / "again.json"
    write_private_json(provisioning, link.to_json())
    assert link.desk_id == desk.store.desk_id and link.password != desk.link.password
    join(desk.store, desk.url, str(provisioning))
    report = sync_desk(desk.store, link)
    assert report.done, report.summary()
    with desk.store.sessions() as session:
        ws1 = session.scalars(select(RegistrationRow.id)
                              .where(RegistrationRow.workshop_id == 1)).all()
    assert sorted(ws1) == sorted(central.people(1))
    outcome = CheckinService(desk.store).check_in(
        1, Who(token=central.token(central.people(1)[0])), temperature="36.5")
    assert outcome.code is OutcomeCode.ADMITTED


def test_declared_reasons_stay_health_data_and_go_with_the_purge(central: Central,
                                                                 desk_factory) -> None:
    desk: Desk = desk_factory("desk-a")
    other: Desk = desk_factory("desk-b")
    assert sync_desk(desk.store, desk.link).done
    token = central.token(central.people(1)[0])
    denied = CheckinService(desk.store).check_in(
        1, Who(token=token), temperature="36.6",
        declared=[Declaration.TRAVEL, Declaration.SYMPTOMS])
    assert denied.code is OutcomeCode.DENIED_DECLARATION
    assert sync_desk(desk.store, desk.link).done
    # The event says "denied"; why (travel, symptoms) is only in the screening row.
    assert central.rows("SELECT outcome, reason FROM events") == [("DENIED_DECLARATION", None)]
    assert central.rows("SELECT travel, contact, symptoms FROM screenings") == [
        (True, False, True)]
    # Desk B learns of the denial, not of its reasons, and does not let the person in.
    assert sync_desk(other.store, other.link).done
    at_b = CheckinService(other.store).check_in(1, Who(token=token), temperature="36.5")
    assert at_b.code is OutcomeCode.DENIED_DECLARATION and at_b.reasons == ()
    for target in (["--db", desk.url], ["--central", central.url]):
        assert main(["purge", *target, "--today", "2022-05-28"]) == 0
    assert central.scalar("SELECT count(*) FROM screenings") == 0
    assert central.rows("SELECT outcome FROM events") == [("DENIED_DECLARATION",)]
    with desk.store.sessions() as session:
        assert session.scalars(select(EventRow.outcome)).all() == ["DENIED_DECLARATION"]
    assert sync_desk(desk.store, desk.link).done  # the digest is of ids: still verified


def test_add_desk_refuses_an_existing_file_before_creating_the_login(
        central: Central, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "desk.json"
    out.write_text("{}", "utf-8")
    assert main(["central", "add-desk", "desk-x", "--workshops", "1", "--url", central.url,
                 "--out", str(out)]) == 2
    assert "choose another --out" in capsys.readouterr().err
    # Nothing was provisioned: with another file name the same desk can be set up.
    assert central.scalar("SELECT count(*) FROM sync_desks") == 0
    assert main(["central", "add-desk", "desk-x", "--workshops", "1", "--url", central.url,
                 "--out", str(tmp_path / "other.json")]) == 0


def test_office_commands_say_one_bilingual_line(central: Central, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    dead = "postgresql+psycopg://postgres@127.0.0.1:1/nowhere"
    for argv in (["central", "init", "--url", dead],
                 ["central", "add-desk", "d", "--workshops", "1", "--url", dead,
                  "--out", str(tmp_path / "d.json")],
                 ["sync", "import", str(tmp_path / "missing.json"), "--central", central.url],
                 ["central", "add-desk", "d", "--workshops", "1,99", "--url", central.url,
                  "--out", str(tmp_path / "d.json")]):
        assert main(argv) == 2, argv
        err = capsys.readouterr().err
        assert err.count("\n") == 1, err  # one line, no traceback
        assert any("\u4e00" <= ch <= "\u9fff" for ch in err), err  # Chinese first ...
        assert any("a" <= ch <= "z" for ch in err), err  # ... English second
    assert not (tmp_path / "d.json").exists()


def _second_computer(tmp_path: Path, desk: Desk, folder: str) -> Desk:
    """The same provisioning joined on another (fresh) computer: same desk id."""
    where = tmp_path / folder
    where.mkdir()
    provisioning = where / "provisioning.json"
    write_private_json(provisioning, desk.link.to_json())
    url = sqlite_url(where / "desk.sqlite3")
    store = Store.open(url, clock=desk.clock)
    join(store, url, str(provisioning))
    assert store.desk_id == desk.store.desk_id
    return Desk(store=store, link=desk.link, url=url, clock=desk.clock)


def test_a_replaced_laptop_knows_whom_its_desk_admitted_and_syncs_on(
        central: Central, desk_factory, tmp_path: Path) -> None:
    old: Desk = desk_factory("desk-a")
    assert sync_desk(old.store, old.link).done
    x, y = central.people(1)[:2]
    admit(old, central, x)
    assert sync_desk(old.store, old.link).done
    new = _second_computer(tmp_path, old, "replacement")
    try:
        first = sync_desk(new.store, new.link)
        assert first.done, first.summary()
        # X was admitted on the old laptop: the new one must not let X in a second time.
        again = CheckinService(new.store).check_in(1, Who(token=central.token(x)),
                                                   temperature="36.5")
        assert again.code is OutcomeCode.ALREADY_IN and again.first_desk == "desk-a"
        admit(new, central, y)
        report = sync_desk(new.store, new.link)
        assert report.done and report.set_aside == [], report.summary()
        assert central.rows("SELECT seq FROM events ORDER BY seq") == [(1,), (2,)]
        assert pending_count(new.store) == 0
    finally:
        new.store.close()


def test_two_computers_under_one_desk_id_never_collide(central: Central, desk_factory,
                                                       tmp_path: Path) -> None:
    a: Desk = desk_factory("desk-a")
    assert sync_desk(a.store, a.link).done
    b = _second_computer(tmp_path, a, "second")
    try:
        assert sync_desk(b.store, b.link).done
        people = central.people(1)
        # Offline, both number their next event 1: A syncs first and takes it centrally.
        a_id = admit(a, central, people[0])
        b_id = admit(b, central, people[1])
        assert sync_desk(a.store, a.link).done
        report = sync_desk(b.store, b.link)
        assert report.done and report.set_aside == [], report.summary()
        assert report.renumbered == 1
        assert sorted(central.rows("SELECT id, seq FROM events")) == sorted(
            [(a_id, 1), (b_id, 2)])
        assert sync_desk(a.store, a.link).done  # A learns B's event, and verifies
        with a.store.sessions() as session:
            assert session.scalar(select(EventRow.seq).where(EventRow.id == b_id)) == 2
    finally:
        b.store.close()

"""Issue 9: departures, scores, follow-up changes and the privacy notice through the sync.

Against the real PostgreSQL; the rights are tried logged in as the desk (as_desk), as the
sync issue's tests do. tests/ATTACKS.md lists what was tried.
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import select

from checkin.core.outcomes import Declaration, OutcomeCode
from checkin.db import repo
from checkin.db.engine import open_database
from checkin.db.models_day import ScoreRow
from checkin.db.models_sync import RowOutboxRow
from checkin.services import privacy
from checkin.services.checkin import CheckinService, Who
from checkin.services.followups import FollowupStatus, record_followup_update
from checkin.sync.runner import pending_count, sync_desk
from checkin.sync.transfer import export_events

from .conftest import HOST, PORT, Central, Desk
from .test_rights import _import, _reseal
from .test_roundtrip import admit
from .test_security import as_desk


def _symptoms(desk: Desk, central: Central, registration_id: int) -> tuple[str, int]:
    outcome = CheckinService(desk.store).check_in(
        1, Who(token=central.token(registration_id)), "36.6", [Declaration.SYMPTOMS])
    assert outcome.code is OutcomeCode.DENIED_DECLARATION
    assert outcome.event_id and outcome.followup_id
    return outcome.event_id, outcome.followup_id


def _score(desk: Desk, registration_id: int, score: int, workshop_id: int = 1,
           queue: bool = True) -> str:
    """A score as services/scores.py writes it (queued), or without queueing it."""
    at = datetime.now(UTC)
    with desk.store.sessions.begin() as session:
        row = ScoreRow(id=str(uuid.uuid4()), workshop_id=workshop_id,
                       registration_id=registration_id, score=score, entered_at=at,
                       entered_by="staff", desk_id=desk.store.desk_id, source="desk")
        session.add(row)
        if queue:
            repo.queue_row(session, "score", row.id, at)
    return row.id


def test_a_followup_changed_after_the_first_sync_reaches_the_central_database(
        central: Central, desk_factory) -> None:
    desk: Desk = desk_factory("desk-a", (1,))
    assert sync_desk(desk.store, desk.link).done
    event_id, followup_id = _symptoms(desk, central, central.people(1)[0])
    assert sync_desk(desk.store, desk.link).done
    assert central.scalar("SELECT count(*) FROM followups") == 1
    record_followup_update(desk.store, followup_id, FollowupStatus.CONTACTED, "已電話聯繫")
    assert pending_count(desk.store) == 1
    report = sync_desk(desk.store, desk.link)
    assert report.done, report
    assert report.rows_confirmed == 1 and pending_count(desk.store) == 0
    record_followup_update(desk.store, followup_id, FollowupStatus.RESULT_NOTED, "流感陰性")
    assert sync_desk(desk.store, desk.link).done
    assert central.rows("SELECT event_id, status, note, desk_id FROM followup_updates"
                        " ORDER BY changed_at") == [
        (event_id, "contacted", "已電話聯繫", desk.store.desk_id),
        (event_id, "result_noted", "流感陰性", desk.store.desk_id)]
    # A change the server lost (a backup restored) is found by verification and sent again.
    central.scalar("DELETE FROM followup_updates WHERE status = 'contacted' RETURNING 1")
    report = sync_desk(desk.store, desk.link)
    assert report.done and report.requeued == 1, report
    assert central.scalar("SELECT count(*) FROM followup_updates") == 2
    # One changed centrally cannot be mended by sending it again: a mismatch, not DONE.
    central.scalar("UPDATE followup_updates SET note = 'x' WHERE status = 'contacted'"
                   " RETURNING 1")
    report = sync_desk(desk.store, desk.link)
    assert report.status == "MISMATCH"
    assert [c.workshop_id for c in report.checks if not c.ok] == [1]


def test_scores_go_up_and_come_down_to_the_other_desks_of_the_workshop(
        central: Central, desk_factory) -> None:
    a: Desk = desk_factory("desk-a", (1,))
    b: Desk = desk_factory("desk-b", (1,))
    c: Desk = desk_factory("desk-c", (2,))
    for desk in (a, b, c):
        assert sync_desk(desk.store, desk.link).done
    queued = _score(a, central.people(1)[0], 85)
    swept = _score(a, central.people(1)[1], 70, queue=False)  # a writer that did not queue
    report = sync_desk(a.store, a.link)
    assert report.done and report.rows_confirmed == 2, report
    assert {r[0] for r in central.rows("SELECT id FROM scores")} == {queued, swept}
    report = sync_desk(b.store, b.link)
    assert report.done and report.pulled_scores == 2
    with b.store.sessions() as session:
        assert set(session.scalars(select(ScoreRow.id))) == {queued, swept}
    assert sync_desk(c.store, c.link).done
    with c.store.sessions() as session:
        assert list(session.scalars(select(ScoreRow.id))) == []
    # The score verified field by field: one changed centrally fails verification.
    central.scalar("UPDATE scores SET score = 95 WHERE id = %s RETURNING 1", queued)
    assert sync_desk(b.store, b.link).status == "MISMATCH"


def test_the_exchange_during_the_day_carries_scores_and_followup_changes(
        central: Central, desk_factory) -> None:
    from checkin.sync.exchange import exchange_desk

    a: Desk = desk_factory("desk-a", (1,))
    b: Desk = desk_factory("desk-b", (1,))
    for desk in (a, b):
        assert sync_desk(desk.store, desk.link).done
    _event, followup_id = _symptoms(a, central, central.people(1)[0])
    record_followup_update(a.store, followup_id, FollowupStatus.CONTACTED, "已聯繫")
    score = _score(a, central.people(1)[1], 90)
    assert exchange_desk(a.store, a.link).status == "DONE"
    assert pending_count(a.store) == 0
    assert central.scalar("SELECT count(*) FROM followup_updates") == 1
    assert exchange_desk(b.store, b.link).status == "DONE"
    with b.store.sessions() as session:
        assert list(session.scalars(select(ScoreRow.id))) == [score]


def test_a_departure_is_accepted_centrally(central: Central, desk_factory) -> None:
    desk: Desk = desk_factory("desk-a", (1,))
    assert sync_desk(desk.store, desk.link).done
    person = central.people(1)[0]
    admit(desk, central, person)
    with desk.store.sessions.begin() as session:
        for outcome in ("LEFT", "RETURNED"):
            repo.add_event(session, workshop_id=1, registration_id=person,
                           desk_id=desk.store.desk_id, desk_name=desk.store.desk_name,
                           at=datetime.now(UTC), kind="departure" if outcome == "LEFT"
                           else "arrival", outcome=outcome)
    assert sync_desk(desk.store, desk.link).done
    assert central.rows("SELECT kind, outcome FROM events ORDER BY seq") == [
        ("arrival", "ADMITTED"), ("departure", "LEFT"), ("arrival", "RETURNED")]


SCORE_INSERT = ("INSERT INTO scores (id, workshop_id, registration_id, score, entered_at,"
                " entered_by, desk_id, source) VALUES (:id, :w, :r, 90, now(), 'x', :desk,"
                " 'desk')")


def test_a_desk_cannot_write_scores_for_another_workshop_nor_change_any(
        central: Central, desk_factory) -> None:
    a: Desk = desk_factory("desk-a", (1,))
    b: Desk = desk_factory("desk-b", (2,))
    assert sync_desk(a.store, a.link).done
    own = {"id": str(uuid.uuid4()), "w": 1, "r": central.people(1)[0], "desk": a.link.desk_id}
    as_desk(a, SCORE_INSERT, own)  # its own workshop, its own name: allowed
    for bad, match in (
            (dict(own, id=str(uuid.uuid4()), w=2, r=central.people(2)[0]), "row-level"),
            (dict(own, id=str(uuid.uuid4()), r=central.people(2)[0]), "another workshop"),
            (dict(own, id=str(uuid.uuid4()), desk=b.link.desk_id), "row-level")):
        with pytest.raises(Exception, match=match):
            as_desk(a, SCORE_INSERT, bad)
    for sql in ("UPDATE scores SET score = 100", "DELETE FROM scores", "TRUNCATE scores"):
        with pytest.raises(Exception, match="permission denied"):
            as_desk(a, sql)
    assert as_desk(b, "SELECT count(*) FROM scores") == [(0,)]  # not its workshop's
    assert central.scalar("SELECT count(*) FROM scores") == 1


def test_a_desk_cannot_read_followup_changes_nor_write_them_for_another_workshop(
        central: Central, desk_factory) -> None:
    a: Desk = desk_factory("desk-a", (1,))
    b: Desk = desk_factory("desk-b", (2,))
    for desk in (a, b):
        assert sync_desk(desk.store, desk.link).done
    event_id, followup_id = _symptoms(a, central, central.people(1)[0])
    record_followup_update(a.store, followup_id, FollowupStatus.CONTACTED, "已聯繫")
    assert sync_desk(a.store, a.link).done
    for desk in (a, b):
        with pytest.raises(Exception, match="permission denied"):
            as_desk(desk, "SELECT * FROM followup_updates")
        for sql in ("UPDATE followup_updates SET note = 'x'", "DELETE FROM followup_updates"):
            with pytest.raises(Exception, match="permission denied"):
                as_desk(desk, sql)
    insert = ("INSERT INTO followup_updates (id, event_id, status, note, changed_at,"
              " changed_by, desk_id) VALUES (:id, :e, 'contacted', 'x', now(), 'x', :desk)")
    with pytest.raises(Exception, match="row-level security"):  # not its workshop
        as_desk(b, insert, {"id": str(uuid.uuid4()), "e": event_id, "desk": b.link.desk_id})
    with pytest.raises(Exception, match="row-level security"):  # not its own name
        as_desk(a, insert, {"id": str(uuid.uuid4()), "e": event_id, "desk": b.link.desk_id})
    plain = admit(a, central, central.people(1)[1])
    assert sync_desk(a.store, a.link).done
    with pytest.raises(Exception, match="row-level security"):  # an event with no follow-up
        as_desk(a, insert, {"id": str(uuid.uuid4()), "e": plain, "desk": a.link.desk_id})
    # The digest function answers only for the desk's own changes.
    [(ids,)] = central.rows("SELECT array_agg(id) FROM followup_updates")
    assert as_desk(b, "SELECT count(*) FROM checkin_own_followup_updates(:ids)",
                   {"ids": ids}) == [(0,)]
    assert as_desk(b, "SELECT count(*) FROM checkin_held_followup_updates(:ids)",
                   {"ids": ids}) == [(0,)]
    assert central.scalar("SELECT count(*) FROM followup_updates") == 1


def test_certificates_are_the_offices_alone(central: Central, desk_factory) -> None:
    desk: Desk = desk_factory("desk-a", (1,))
    assert sync_desk(desk.store, desk.link).done
    person = central.people(1)[0]
    central.scalar("INSERT INTO certificates (serial, workshop_id, registration_id, score,"
                   " issued_at, seal, status) VALUES ('C-1', 1, %s, 90, now(), 's', 'issued')"
                   " RETURNING 1", person)
    for sql in ("SELECT * FROM certificates", "SELECT serial FROM certificates",
                "INSERT INTO certificates (serial, workshop_id, registration_id, score,"
                " issued_at, seal, status) VALUES ('C-2', 1, :r, 99, now(), 's', 'issued')",
                "UPDATE certificates SET score = 100", "DELETE FROM certificates"):
        with pytest.raises(Exception, match="permission denied"):
            as_desk(desk, sql, {"r": person})


def test_a_sealed_file_carries_scores_and_followup_changes_with_the_desks_rights(
        central: Central, desk_factory, tmp_path: Path) -> None:
    a: Desk = desk_factory("desk-a", (1,))
    assert sync_desk(a.store, a.link).done
    event_id, followup_id = _symptoms(a, central, central.people(1)[0])
    record_followup_update(a.store, followup_id, FollowupStatus.SAW_DOCTOR, "已就醫")
    score = _score(a, central.people(1)[1], 88)
    out = tmp_path / "day.json"
    export_events(a.store, out, a.link)
    doc = json.loads(out.read_text("utf-8"))
    assert doc["version"] == 3 and len(doc["scores"]) == 1 and len(doc["followup_updates"]) == 1
    # Resealed with the desk's own key: a score for another workshop's person, a score
    # in another desk's name, a change with a control character.
    template = doc["scores"][0]
    foreign = dict(template, id=str(uuid.uuid4()), workshop_id=2,
                   registration_id=central.people(2)[0], registration_hash=None)
    not_mine = dict(template, id=str(uuid.uuid4()), desk_id=str(uuid.uuid4()))
    bad_note = dict(doc["followup_updates"][0], id=str(uuid.uuid4()), note="\x1b[2J")
    doc["scores"] += [foreign, not_mine]
    doc["followup_updates"].append(bad_note)
    _reseal(out, doc, a.link.export_key)
    result = _import(central, out)
    refused = dict(result.set_aside)
    assert refused[foreign["id"]] == "UNMATCHED_REGISTRATION"
    assert refused["scores[2]"] == "MALFORMED: desk_id is another desk's"
    assert refused["followup_updates[1]"].startswith("MALFORMED: note")
    assert (result.scores, result.followup_updates) == (1, 1)
    assert [r[0] for r in central.rows("SELECT id FROM scores")] == [score]
    assert central.rows("SELECT event_id, status FROM followup_updates") == [
        (event_id, "saw_doctor")]
    # The same file again: nothing doubles.
    _import(central, out)
    assert central.scalar("SELECT count(*) FROM followup_updates") == 1
    assert central.scalar("SELECT count(*) FROM scores") == 1


def test_the_privacy_notice_comes_down_with_the_roster(central: Central, desk_factory) -> None:
    desk: Desk = desk_factory("desk-a", (1,))
    engine = open_database(central.url)
    try:
        privacy.set_privacy_notice(engine, "本場次個資告知。\n\n全文。")
        privacy.set_privacy_notice(engine, "Privacy at this workshop.\n\nWhole text.", "en")
    finally:
        engine.dispose()
    assert sync_desk(desk.store, desk.link).done
    assert privacy.privacy_notice(desk.store, "zh_TW").line == "本場次個資告知。"
    assert privacy.privacy_notice(desk.store, "en").text.endswith("Whole text.")
    # The desk reads the notice through its function, never the settings themselves.
    with pytest.raises(Exception, match="permission denied"):
        as_desk(desk, "SELECT * FROM settings")
    assert len(as_desk(desk, "SELECT * FROM checkin_privacy_notice()")) == 2
    # Taken back to the default by the office: the desks follow.
    engine = open_database(central.url)
    try:
        privacy.set_privacy_notice(engine, None)
    finally:
        engine.dispose()
    assert sync_desk(desk.store, desk.link).done
    assert not privacy.privacy_notice(desk.store, "zh_TW").configured


def test_a_refused_row_is_set_aside_and_the_rest_syncs(central: Central, desk_factory) -> None:
    desk: Desk = desk_factory("desk-a", (1,))
    assert sync_desk(desk.store, desk.link).done
    good = _score(desk, central.people(1)[0], 90)
    bad = _score(desk, central.people(1)[1], 1000)  # not a score; stored by a buggy writer
    with psycopg.connect(f"host={HOST} port={PORT} user=postgres dbname={central.dbname}",
                         autocommit=True) as conn:
        conn.execute("ALTER TABLE scores ADD CONSTRAINT ck_test_range CHECK (score <= 100)")
    report = sync_desk(desk.store, desk.link)
    assert (bad, "INVALID_EVENT") in report.set_aside
    assert [r[0] for r in central.rows("SELECT id FROM scores")] == [good]
    with desk.store.sessions() as session:
        aside = session.get(RowOutboxRow, ("score", bad))
        assert aside is not None and aside.set_aside_reason == "INVALID_EVENT"
    assert report.done, report  # the set-aside row is reported, left out of the digests


def test_the_central_purge_deletes_followup_changes_and_keeps_scores(
        central: Central, desk_factory) -> None:
    from datetime import date

    from checkin.services.retention import purge_health_data

    desk: Desk = desk_factory("desk-a", (1,))
    assert sync_desk(desk.store, desk.link).done
    _event, followup_id = _symptoms(desk, central, central.people(1)[0])
    record_followup_update(desk.store, followup_id, FollowupStatus.CONTACTED, "已聯繫")
    _score(desk, central.people(1)[1], 90)
    assert sync_desk(desk.store, desk.link).done
    with pytest.raises(Exception, match="permission denied"):
        as_desk(desk, "DELETE FROM followup_updates")
    engine = open_database(central.url)
    try:
        result = purge_health_data(engine, today=date(2022, 6, 1))
    finally:
        engine.dispose()
    assert (result.followups, result.followup_updates) == (1, 1)
    assert central.scalar("SELECT count(*) FROM followup_updates") == 0
    assert central.scalar("SELECT count(*) FROM scores") == 1
    assert central.scalar("SELECT count(*) FROM events") == 1  # attendance stays

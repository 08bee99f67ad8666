"""Found in review: a desk id joined again, the desk's own disk failing, Taipei time, and
export files of desks the central database does not know."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import event, select

from checkin.cli import main
from checkin.cli.sync import describe_report as cli_describe
from checkin.core.outcomes import OutcomeCode
from checkin.db.engine import open_database, sqlite_url
from checkin.db.models import EventRow, OutboxRow
from checkin.db.store import Store
from checkin.services.checkin import CheckinService, Who
from checkin.sync.errors import BadExportFile
from checkin.sync.link import write_private_json
from checkin.sync.runner import DeskStatus, SyncReport, join, pending_count, sync_desk
from checkin.sync.transfer import _canonical, export_events, import_events
from checkin.sync.verify import ArrivalRecord, Duplicate

from .conftest import Central, Desk
from .test_roundtrip import admit


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


def test_dialog_says_the_disk_is_the_problem(qtbot) -> None:
    from checkin.ui.sync_dialog import SyncDialog

    dialog = SyncDialog(lambda progress: SyncReport())
    qtbot.addWidget(dialog)
    text = dialog.describe(SyncReport(status="LOCAL_STORAGE", pending=2))
    assert "LOCAL_STORAGE" not in text.splitlines()[0]
    assert "disk" in text.splitlines()[0] or "磁碟" in text.splitlines()[0]


@pytest.fixture
def new_york(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """A laptop set to another time zone than the workshop's."""
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_duplicate_arrivals_are_reported_in_taipei_time(new_york) -> None:
    at = datetime(2022, 4, 29, 0, 45, tzinfo=UTC)  # 08:45 in Taipei
    dup = Duplicate(1, 7, "王小明", (ArrivalRecord("desk-a", at, "e1"),
                                     ArrivalRecord("desk-b", at.replace(minute=48), "e2")))
    assert "first 08:45 at desk-a" in cli_describe(SyncReport(status="DONE",
                                                              duplicates=[dup]))


def test_last_sync_is_shown_in_taipei_time_whatever_the_laptop_zone(qtbot, new_york
                                                                    ) -> None:
    from checkin.ui.sync_status import SyncStatusWidget

    status = DeskStatus(linked=True, desk_name="desk-a", pending=0, set_aside=0,
                        last_sync_at=datetime(2022, 4, 29, 9, 30, tzinfo=UTC),
                        ready_for_offline=True)
    widget = SyncStatusWidget(lambda: status, lambda: True, interval_ms=0)
    qtbot.addWidget(widget)
    widget.status = status
    widget._show()
    assert "17:30" in widget.last_label.text()


def _forged(desk: Desk, central: Central, tmp_path: Path, workshop: int | None = None
            ) -> Path:
    """A desk's export rewritten under an unknown desk id and sealed with plain SHA-256."""
    out = tmp_path / "real.json"
    export_events(desk.store, out, desk.link)
    doc = json.loads(out.read_text("utf-8"))
    stranger = str(uuid.uuid4())
    doc["desk_id"] = stranger
    for e in doc["events"]:
        e["desk_id"] = stranger
    if workshop is not None:
        doc["events"][0]["workshop_id"] = workshop
    body = {k: v for k, v in doc.items() if k != "seal"}
    doc["seal"] = {"alg": "sha256", "value": hashlib.sha256(_canonical(body)).hexdigest()}
    forged = tmp_path / "forged.json"
    forged.write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    return forged


def test_an_unknown_desks_plain_sealed_file_is_refused(central: Central, desk_factory,
                                                      tmp_path: Path, capsys) -> None:
    desk: Desk = desk_factory("desk-a")
    assert sync_desk(desk.store, desk.link).done
    admit(desk, central, central.people(1)[0])
    forged = _forged(desk, central, tmp_path)
    engine = open_database(central.url)
    try:
        with pytest.raises(BadExportFile) as refused:
            import_events(engine, forged)
    finally:
        engine.dispose()
    assert refused.value.detail == "UNKNOWN_DESK"
    assert main(["sync", "import", str(forged), "--central", central.url]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--allow-unsealed" in err and "未登記" in err
    assert central.scalar("SELECT count(*) FROM events") == 0


def test_allow_unsealed_takes_only_existing_workshops_and_says_so(
        central: Central, desk_factory, tmp_path: Path, capsys) -> None:
    desk: Desk = desk_factory("desk-a")
    assert sync_desk(desk.store, desk.link).done
    for rid in central.people(1)[:2]:
        admit(desk, central, rid)
    forged = _forged(desk, central, tmp_path, workshop=99)
    capsys.readouterr()
    assert main(["sync", "import", str(forged), "--central", central.url,
                 "--allow-unsealed"]) == 0
    out = capsys.readouterr().out
    assert "--allow-unsealed" in out and "unsealed file of unprovisioned desk" in out
    assert "擱置 set aside" in out and "UNKNOWN_REFERENCE" in out
    assert central.rows("SELECT workshop_id FROM events") == [(1,)]

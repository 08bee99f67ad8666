"""No network: sealed export and import; retention of health data; the command line."""

from __future__ import annotations

import hashlib
import json
import stat
import uuid
from pathlib import Path

import pytest
from sqlalchemy import func, select

from checkin.cli import main
from checkin.db.engine import open_database
from checkin.db.models import EventRow, FollowupRow, ScreeningRow
from checkin.services.checkin import CheckinService, Who
from checkin.sync.errors import BadExportFile
from checkin.sync.runner import pending_count, sync_desk
from checkin.sync.transfer import _canonical, export_events, import_events

from .conftest import Central, Desk
from .test_roundtrip import admit


@pytest.fixture
def offline_day(central: Central, desk_factory) -> tuple[Desk, list[str]]:
    desk = desk_factory("desk-a")
    assert sync_desk(desk.store, desk.link).done
    ids = [admit(desk, central, rid) for rid in central.people(1)[:4]]
    return desk, ids


def _import(central: Central, path: Path):  # type: ignore[no-untyped-def]
    engine = open_database(central.url)
    try:
        return import_events(engine, path)
    finally:
        engine.dispose()


def test_export_import_is_idempotent_and_online_sync_agrees(central: Central, offline_day,
                                                            tmp_path: Path) -> None:
    desk, _ = offline_day
    out = tmp_path / "day.json"
    assert export_events(desk.store, out, desk.link) == 4
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    first = _import(central, out)
    assert (first.inserted, first.already_there, first.set_aside) == (4, 0, [])
    second = _import(central, out)
    assert (second.inserted, second.already_there) == (0, 4)
    assert central.scalar("SELECT count(*) FROM events") == 4
    assert central.scalar("SELECT count(*) FROM screenings") == 4
    # Later the desk gets online: the events are confirmed, not doubled.
    report = sync_desk(desk.store, desk.link)
    assert report.done and report.repeats == 4
    assert central.scalar("SELECT count(*) FROM events") == 4


@pytest.mark.parametrize("damage", ["truncate", "tamper", "reseal_plain", "drop_event"])
def test_damaged_export_is_refused_whole(central: Central, offline_day, tmp_path: Path,
                                         damage: str) -> None:
    desk, _ = offline_day
    out = tmp_path / "day.json"
    export_events(desk.store, out, desk.link)
    text = out.read_text("utf-8")
    if damage == "truncate":
        out.write_text(text[: len(text) * 2 // 3], "utf-8")
    else:
        doc = json.loads(text)
        if damage == "tamper":
            doc["events"][0]["outcome"] = "ADMITTED_OVERRIDE"
        elif damage == "drop_event":
            doc["events"].pop()
        else:  # a forger recomputes a plain digest: the desk's key is what they lack
            import hashlib

            from checkin.sync.transfer import _canonical

            doc["events"][0]["wall_time"] = "2022-04-29T00:01:00+00:00"
            body = {k: v for k, v in doc.items() if k != "seal"}
            doc["seal"] = {"alg": "sha256",
                           "value": hashlib.sha256(_canonical(body)).hexdigest()}
        out.write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    with pytest.raises(BadExportFile):
        _import(central, out)
    assert central.scalar("SELECT count(*) FROM events") == 0


def test_retention_purges_health_data_on_desk_and_central(central: Central, offline_day,
                                                          capsys, caplog) -> None:
    desk, ids = offline_day
    symptoms = CheckinService(desk.store).check_in(
        1, Who(token=central.token(central.people(1)[5])), temperature="36.6",
        declared=[__import__("checkin.core.outcomes", fromlist=["Declaration"])
                  .Declaration.SYMPTOMS])
    assert symptoms.followup_id is not None
    assert sync_desk(desk.store, desk.link).done
    assert central.scalar("SELECT count(*) FROM followups") == 1
    # Workshop 1 was on 2022-04-29: on 05-27 (28 days) nothing goes, on 05-28 it does.
    assert main(["purge", "--db", desk.url, "--today", "2022-05-27"]) == 0
    # Workshop 6 (04-28) is past the limit but holds no health data: nothing is claimed.
    assert "purged 0 screenings and 0 follow-ups of 0 workshops" in capsys.readouterr().out
    caplog.set_level("INFO")
    assert main(["purge", "--db", desk.url, "--today", "2022-05-28"]) == 0
    assert "purged 5 screenings and 1 follow-ups of 1 workshops" in capsys.readouterr().out
    assert main(["purge", "--central", central.url, "--today", "2022-05-28"]) == 0
    with desk.store.sessions() as session:
        assert session.scalar(select(func.count()).select_from(ScreeningRow)) == 0
        assert session.scalar(select(func.count()).select_from(FollowupRow)) == 0
        assert session.scalar(select(func.count()).select_from(EventRow)) == 5
    assert central.scalar("SELECT count(*) FROM screenings") == 0
    assert central.scalar("SELECT count(*) FROM followups") == 0
    assert central.scalar("SELECT count(*) FROM events") == 5
    # Logged without content: counts only.
    assert "學員" not in caplog.text and "36.6" not in caplog.text
    assert central.scalar("SELECT summary FROM sync_log WHERE kind = 'purge'") is not None
    assert ids


def test_command_line_end_to_end(central: Central, tmp_path: Path, capsys) -> None:
    prov = tmp_path / "desk-c.json"
    assert main(["central", "init", "--url", central.url]) == 0
    assert main(["central", "add-desk", "desk-c", "--workshops", "1", "--url", central.url,
                 "--out", str(prov)]) == 0
    assert stat.S_IMODE(prov.stat().st_mode) == 0o600
    desk_db = f"sqlite:///{tmp_path / 'c.sqlite3'}"
    assert main(["sync", "join", str(prov), "--db", desk_db]) == 0
    cred = tmp_path / "c.sqlite3.central.json"
    assert stat.S_IMODE(cred.stat().st_mode) == 0o600
    capsys.readouterr()
    assert main(["sync", "--db", desk_db]) == 0
    captured = capsys.readouterr()
    assert "sync: DONE" in captured.out
    assert "場次 workshop 1: 本機 desk 0 / 中央 central 0" in captured.out  # zh, then en
    assert captured.err.splitlines()[-1] == "完成 done"  # progress: one line per stage
    link_text = cred.read_text("utf-8")
    password = json.loads(link_text)["password"]
    assert password not in captured.out + captured.err
    assert main(["sync", "export", "--db", desk_db, "--out", str(tmp_path / "x.json")]) == 0
    assert main(["sync", "import", str(tmp_path / "x.json"), "--central", central.url]) == 0
    (tmp_path / "bad.json").write_text("{", "utf-8")
    assert main(["sync", "import", str(tmp_path / "bad.json"), "--central", central.url]) == 2
    assert main(["central", "revoke-desk", "desk-c", "--url", central.url]) == 0
    assert main(["sync", "--db", desk_db]) == 1
    assert "DESK_REVOKED" in capsys.readouterr().out
    assert pending_count  # (used by other tests; the desk had nothing pending here)


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
    # Workshop 99 has no registration of that person: refused and listed.
    assert "擱置 set aside" in out and "UNMATCHED_REGISTRATION" in out
    assert central.rows("SELECT workshop_id FROM events") == [(1,)]

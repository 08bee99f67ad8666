"""`checkin demo|scan|admit|export` (cli/engine.py): the scriptable face of the desk."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from .conftest import run


def test_demo_prints_where_things_are_and_writes_one_qr_per_registration(demo):
    assert demo["workshop_id"] == 1 and demo["workshop_code"] == "IDB2201"
    assert demo["demo_clock"] is True
    pngs = sorted(Path(demo["qr_dir"]).glob("*.png"))
    assert len(pngs) == demo["registrations"] == 26
    assert any("王小明" in p.name for p in pngs)


def test_scan_then_admit_then_already_in(demo, capsys):
    qr = next(Path(demo["qr_dir"]).glob("w01-r001-*.png"))
    code, out, _ = run(capsys, "scan", str(qr), "--json")
    assert code == 0
    token = json.loads(out)[str(qr)][0]
    assert token.startswith("CK1-IDB2201-")

    code, out, _ = run(capsys, "admit", "--db", demo["db_url"], "--workshop", "1",
                       "--token", token, "--temperature", "36.5", "--json")
    result = json.loads(out)
    assert code == 0 and result["code"] == "ADMITTED" and result["name"] == "王小明"
    assert result["demo_time"] is True

    code, out, _ = run(capsys, "admit", "--db", demo["db_url"], "--workshop", "IDB2201",
                       "--token", token.lower(), "--temperature", "36.6")
    assert code == 1
    assert out.startswith("ALREADY_IN") and "demo-desk-1" in out and "2022-04-29T08:" in out


def test_admit_fever_asks_to_measure_again_after_the_rest(demo, capsys):
    args = ("admit", "--db", demo["db_url"], "--workshop", "1", "--registration", "12")
    code, out, _ = run(capsys, *args, "--temperature", "37,8")
    assert code == 1 and out.startswith("REMEASURE") and "measure again at" in out
    due = out.split("measure again at ")[1].split()[0]
    # The demo clock runs at real speed: a reading seconds later is still within the rest.
    code, out, _ = run(capsys, *args, "--temperature", "３７．９", "--json")
    result = json.loads(out)
    assert code == 1 and result["code"] == "REMEASURE" and result["remeasure_due"] == due
    assert result["event_id"] is None


def test_admit_symptoms_opens_follow_up(demo, capsys):
    code, out, _ = run(capsys, "admit", "--db", demo["db_url"], "--workshop", "1",
                       "--registration", "13", "--temperature", "36.4",
                       "--declare", "symptoms", "--json")
    result = json.loads(out)
    assert code == 1 and result["code"] == "DENIED_DECLARATION"
    assert result["reasons"] == ["symptoms"] and result["followup_id"]


def test_export_lists_attendance_and_events(demo, capsys):
    run(capsys, "admit", "--db", demo["db_url"], "--workshop", "1", "--registration", "6",
        "--temperature", "36.2")
    code, out, _ = run(capsys, "export", "--db", demo["db_url"], "--workshop", "1",
                       "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["workshop"]["code"] == "IDB2201"
    arrived = {line["name"] for line in data["attendance"] if line["arrived"]}
    assert "林建宏" in arrived
    assert any(e["outcome"] == "ADMITTED" and e["name"] == "林建宏" for e in data["events"])

    code, out, _ = run(capsys, "export", "--db", demo["db_url"], "--workshop", "1",
                       "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and len(rows) == 23  # every registration of workshop 1
    assert {r["name"] for r in rows if r["arrived"] == "True"} >= {"林建宏"}


@pytest.mark.parametrize("argv, expected", [
    (["admit", "--db", "sqlite:////nonexistent-dir/x.sqlite3", "--workshop", "1",
      "--token", "x"], "no database at"),
    (["admit", "--workshop", "99", "--token", "x"], "workshop 99 is not in this database"),
    (["admit", "--workshop", "1", "--registration", "1", "--declare", "fever"],
     "unknown declaration"),
    (["admit", "--db", "postgresql+psycopg://postgres@127.0.0.1:1/checkin", "--workshop", "1",
      "--token", "x"], "cannot open the database: connection failed"),
])
def test_errors_are_one_clear_line(demo, capsys, argv, expected):
    if "--db" not in argv:
        argv = [*argv, "--db", demo["db_url"]]
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert expected in err and err.count("\n") == 1 and "Traceback" not in err


def test_garbage_token_is_unreadable_and_stores_nothing(demo, capsys):
    before = run(capsys, "export", "--db", demo["db_url"], "--workshop", "1")[1]
    code, out, _ = run(capsys, "admit", "--db", demo["db_url"], "--workshop", "1",
                       "--token", "'; DROP TABLE events; --", "--temperature", "36.5")
    assert code == 1 and out.startswith("UNREADABLE")
    assert run(capsys, "export", "--db", demo["db_url"], "--workshop", "1")[1] == before


def test_scan_reports_unreadable_files_without_traceback(tmp_path, capsys):
    junk = tmp_path / "junk.png"
    junk.write_bytes(b"\x89PNG not really")
    code, out, err = run(capsys, "scan", str(junk), str(tmp_path / "missing.png"))
    assert code == 2 and "Traceback" not in out + err
    assert out.count("cannot read") == 2


def test_corrupt_database_is_moved_aside_and_explained(tmp_path, capsys):
    db = tmp_path / "desk.sqlite3"
    db.write_bytes(b"this is not a database at all" * 100)
    code, _, err = run(capsys, "admit", "--db", f"sqlite:///{db}", "--workshop", "1",
                       "--token", "x")
    assert code == 2 and "damaged" in err and "moved aside" in err
    assert not db.exists() and len(list(tmp_path.glob("desk.sqlite3.corrupt-*"))) == 1


def test_admit_desk_name_is_for_that_arrival_only(demo, capsys):
    base = ("admit", "--db", demo["db_url"], "--workshop", "1", "--temperature", "36.5")
    code, _, _ = run(capsys, *base, "--registration", "14", "--desk", "side-door")
    assert code == 0
    code, out, _ = run(capsys, *base, "--registration", "14")
    assert code == 1 and "at side-door" in out  # first arrival shows where it happened
    run(capsys, *base, "--registration", "15")
    _, out, _ = run(capsys, "export", "--db", demo["db_url"], "--workshop", "1")
    desks = {e["name"]: e["desk_name"] for e in json.loads(out)["events"]}
    assert desks["洪詩涵"] == "demo-desk-1"  # the desk keeps its own name afterwards

"""Attacks through the command line: what it prints and writes cannot be turned on its user.

Formula cells in exports, terminal escape sequences in names and QR payloads, numbers too
large for any id, an empty database file, an import report that lists every row.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
import qrcode

from .conftest import run

HEADER = "報名編號,姓名,公司名稱,統一編號,電子郵件,手機,場次\n"
FORMULAS = ['=HYPERLINK("http://evil.example","點我")', "+cmd|' /C calc'!A0", "@SUM(1+1)",
            "-2+3+cmd|' /C calc'!A0"]


@pytest.fixture
def office(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    url = f"sqlite:///{tmp_path / 'office.sqlite3'}"
    assert run(capsys, "workshops", "install", "--db", url)[0] == 0
    return url


def _import(capsys: pytest.CaptureFixture[str], tmp_path: Path, url: str, rows: list[str],
            *extra: str) -> tuple[int, str, str]:
    path = tmp_path / "reg.csv"
    path.write_text(HEADER + "".join(r + "\n" for r in rows), encoding="utf-8")
    return run(capsys, "registrations", "import", str(path), "--workshop", "1", "--db", url,
               *extra)


def test_export_neutralises_formula_names(office: str, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    rows = [f'{n},"{name.replace(chr(34), chr(34) * 2)}",公司{n},,p{n}@example.com,,1'
            for n, name in enumerate(FORMULAS, start=1)]
    rows.append('9,"\t=1+1",公司9,,p9@example.com,,1')  # a tab hides the = from a naive check
    code, out, _ = _import(capsys, tmp_path, office, rows)
    assert code == 0
    code, out, _ = run(capsys, "export", "--db", office, "--workshop", "1", "--format", "csv")
    names = [r["name"] for r in csv.DictReader(io.StringIO(out))]
    assert sorted(names) == sorted(["'" + f for f in FORMULAS] + ["'=1+1"])
    assert not any(n.startswith(("=", "+", "-", "@", "\t", "\r")) for n in names)


def test_escape_sequences_in_names_are_stripped_and_never_printed(
        office: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    hostile = "王\x1b[31m小明\x1b]0;pwned\x07\u202e"
    code, out, err = _import(capsys, tmp_path, office, [f"1,{hostile},甲公司,,w@example.com,,1"])
    assert code == 0
    assert "\x1b" not in out + err and "\u202e" not in out + err and "\x07" not in out
    assert "控制字元 control characters removed" in out
    code, out, _ = run(capsys, "export", "--db", office, "--workshop", "1", "--format", "json")
    assert json.loads(out)["attendance"][0]["name"] == "王[31m小明]0;pwned"


def test_scan_prints_a_hostile_payload_on_one_inert_line(tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]
                                                         ) -> None:
    payload = "\x1b]0;pwned\x07\x1b[2J\nCK1-IDB2201-FAKE LINE\u202e"
    image = tmp_path / "evil.png"
    code = qrcode.QRCode(box_size=8)
    code.add_data(payload.encode("utf-8"))
    code.make_image().save(image)
    code, out, _ = run(capsys, "scan", str(image))
    assert code == 0
    assert out.count("\n") == 1 and "\x1b" not in out and "\u202e" not in out
    assert "\\x1b]0;pwned" in out and "\\x0aCK1-IDB2201-FAKE" in out
    code, out, _ = run(capsys, "scan", "--json", str(image))
    assert "\u202e" not in out and "\x1b" not in out
    assert json.loads(out)[str(image)] == [payload]  # escaped, still the same data


@pytest.mark.parametrize("argv", [
    ["--registration", "9223372036854775808"],
    ["--registration", "99999999999999999999999"],
])
def test_ids_too_large_for_any_row_are_not_registered(demo, argv, capsys) -> None:
    code, out, err = run(capsys, "admit", "--db", demo["db_url"], "--workshop", "1", *argv,
                         "--temperature", "36.5")
    assert code == 1 and "NOT_REGISTERED" in out and "Traceback" not in err


def test_a_workshop_number_too_large_is_not_found(demo, capsys) -> None:
    code, _, err = run(capsys, "admit", "--db", demo["db_url"], "--workshop",
                       "99999999999999999999", "--token", "x")
    assert code == 2 and "is not in this database" in err and err.count("\n") == 1


def test_an_empty_database_file_is_not_silently_a_new_database(tmp_path: Path,
                                                               capsys) -> None:
    empty = tmp_path / "desk.sqlite3"
    empty.touch()
    code, _, err = run(capsys, "admit", "--db", f"sqlite:///{empty}", "--workshop", "1",
                       "--token", "x")
    assert code == 2 and "damaged" in err and "empty file" in err
    assert not empty.exists()  # moved aside, named in the message
    assert len(list(tmp_path.iterdir())) == 1


def test_quiet_import_lists_only_rows_with_something_to_say(
        office: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = [f"{n},學員{n},公司{n},,p{n}@example.com,{phone},1" for n, phone in
            enumerate(["0912345678", "0912-345-678", "0912 345 678", "04-2350-8042",
                       "+886912345679", "912345670"], start=1)]
    code, out, _ = _import(capsys, tmp_path, office, rows, "--quiet")
    assert code == 0
    listed = [line for line in out.splitlines() if "學員" in line]
    # Formatting is not news; a number that changed (+886, a lost leading 0) is.
    assert {n for n in range(1, 7) if any(f"學員{n}" in line for line in listed)} == {5, 6}

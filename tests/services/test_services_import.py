"""Importing registrations from real files: encodings, XLSX, validation, re-import, bad files."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from diskkit import fill_disk
from openpyxl import Workbook
from sqlalchemy import inspect, select

from checkin.cli import main
from checkin.db.engine import sqlite_url
from checkin.db.errors import StorageFailed
from checkin.db.models import RegistrationRow
from checkin.db.models_office import ImportBatchRow
from checkin.db.store import Store
from checkin.services.catalogue import install_workshops
from checkin.services.registration_files import ImportFileError
from checkin.services.registrations import Action, Issue, import_registrations

from .conftest import HEADER, TAX_IDS, write_csv


def _rows(store: Store, workshop_id: int = 1) -> list[RegistrationRow]:
    with store.sessions() as session:
        return list(session.scalars(select(RegistrationRow)
                                    .where(RegistrationRow.workshop_id == workshop_id)
                                    .order_by(RegistrationRow.id)))


def _snapshot(store: Store) -> list[tuple[object, ...]]:
    return [(r.id, r.name, r.email, r.status, r.token_hash, r.source_key) for r in _rows(store)]


def test_fresh_database_has_the_office_tables(db_url: str) -> None:
    store = Store.open(db_url)
    try:
        tables = set(inspect(store.engine).get_table_names())
    finally:
        store.close()
    assert {"notice_deliveries", "import_batches", "workshop_changes"} <= tables


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp950"])
def test_csv_in_each_encoding_excel_writes(store: Store, tmp_path: Path, encoding: str) -> None:
    # Big5 as Excel in Taiwan saves it: 臺/台 variants and full-width digits in phone and 統編.
    path = write_csv(tmp_path / f"reg-{encoding}.csv", [
        "A1,王小明,臺灣綠能股份有限公司,０４５９５２５２,wang@example.com,０９１２－３４５６７８,1",
        "A2,陳美麗,台灣綠能股份有限公司,04595252,chen@example.com,0912 345 679,第1場",
        "A3,林志明,臺北精密工業有限公司,,lin@example.com,02-2345-6789,IDB2201",
    ], encoding=encoding)
    report = import_registrations(store, path, "IDB2201")
    expected = {"utf-8": "utf-8", "utf-8-sig": "utf-8-sig", "cp950": "cp950"}[encoding]
    assert report.encoding == expected
    assert [r.action for r in report.rows] == [Action.NEW] * 3
    rows = _rows(store)
    assert [r.name for r in rows] == ["王小明", "陳美麗", "林志明"]
    assert rows[0].company == "臺灣綠能股份有限公司"
    assert rows[0].tax_id == "04595252"  # full-width digits understood
    assert rows[0].phone == "0912-345-678"
    assert rows[1].phone == "0912-345-679"
    # 臺/台 spellings of one company count as one company for the cap.
    assert rows[0].company_key == rows[1].company_key
    assert all(r.token and r.token.startswith("CK1-IDB2201-") for r in rows)


def test_xlsx_with_a_title_row_and_numeric_cells(store: Store, tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["經濟部工業局 碳盤查講習會 報名名單"])
    sheet.append(["No.", "Name", "Company", "Tax ID", "E-mail", "Mobile"])
    # A spreadsheet stores 統編 and mobile numbers as numbers: leading zeros are lost.
    sheet.append([1, "黃堃", "綠能科技股份有限公司", 4595252, "huang@example.com", 912345678])
    sheet.append([2, "李喆", "精密工業有限公司", "22099131", "li@example.com", "0922-111-222"])
    path = tmp_path / "reg.xlsx"
    book.save(path)
    report = import_registrations(store, path, 1)
    assert report.file_format == "xlsx"
    assert report.mapping["name"] == "Name" and report.mapping["email"] == "E-mail"
    rows = _rows(store)
    assert [(r.name, r.tax_id, r.phone) for r in rows] == [
        ("黃堃", "04595252", "0912-345-678"), ("李喆", "22099131", "0922-111-222")]


def test_validation_report_per_row(store: Store, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "reg.csv", [
        "1,王小明,甲公司,04595252,wang@example.com,0912345678,1",
        "2,陳美麗,甲公司,04595252,not-an-address,0912345679,1",
        "3,林志明,甲公司,04595252,lin@example.com,0912345670,1",  # third from one company
        "4,張大同,乙公司,12345678,,0912,1",  # bad 統編 checksum, no e-mail, odd phone
        "5,王小明,甲公司,04595252,wang2@example.com,0912345678,1",  # same person again
        "6,趙六,丙公司,,zhao@example.com,,2",  # another workshop's row
        "7,,丁公司,,x@example.com,,1",
    ])
    report = import_registrations(store, path, 1)
    by_line = {r.line: r for r in report.rows}
    codes = {line: [i for i, _ in r.issues] for line, r in by_line.items()}
    # 0912345678 is stored as 0912-345-678: formatting, nothing to report (issue 13.16).
    assert codes[2] == []
    assert Issue.EMAIL_INVALID in codes[3]
    assert by_line[4].status == "waitlisted" and Issue.COMPANY_CAP in codes[4]
    assert by_line[4].action is Action.NEW  # waitlisted, not dropped
    assert {Issue.TAX_ID_INVALID, Issue.EMAIL_MISSING, Issue.PHONE_INVALID} <= set(codes[5])
    assert by_line[6].action is Action.REJECTED and Issue.DUPLICATE_PERSON in codes[6]
    assert by_line[7].action is Action.REJECTED and Issue.OTHER_WORKSHOP in codes[7]
    assert by_line[8].action is Action.REJECTED and Issue.NAME_MISSING in codes[8]
    rows = _rows(store)
    assert [r.name for r in rows] == ["王小明", "陳美麗", "林志明", "張大同"]
    assert rows[3].tax_id is None  # a wrong 統編 is not used for the company cap
    assert rows[0].phone == "0912-345-678"


def test_over_fifty_seats_are_waitlisted_in_file_order(store: Store, tmp_path: Path) -> None:
    lines = [f"{n},學員{n:02d},公司{n:02d},,p{n}@example.com,,1" for n in range(1, 56)]
    report = import_registrations(store, write_csv(tmp_path / "big.csv", lines), 1)
    statuses = [r.status for r in report.rows]
    assert statuses == ["registered"] * 50 + ["waitlisted"] * 5
    assert all(Issue.CAPACITY in [i for i, _ in r.issues] for r in report.rows[50:])
    assert report.waitlisted == 5


def test_dry_run_changes_nothing(store: Store, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "reg.csv", ["1,王小明,甲公司,,wang@example.com,,1"])
    report = import_registrations(store, path, 1, dry_run=True)
    assert not report.applied and report.count(Action.NEW) == 1
    assert _rows(store) == []
    with store.sessions() as session:
        assert session.scalars(select(ImportBatchRow)).all() == []


def test_reimport_updates_keeps_tokens_and_records_cancellations(store: Store,
                                                                  tmp_path: Path) -> None:
    first = write_csv(tmp_path / "v1.csv", [
        "1,王小明,甲公司,04595252,wang@example.com,0912345678,1",
        "2,陳美麗,甲公司,04595252,chen@example.com,0912345679,1",
        "3,林志明,甲公司,04595252,lin@example.com,0912345670,1",  # waitlisted (cap)
        "4,張大同,乙公司,22099131,chang@example.com,,1",
    ])
    import_registrations(store, first, 1)
    before = {r.source_key: r for r in _rows(store)}
    # The website's updated export: 陳美麗 cancelled (gone), 王小明 changed e-mail, one new.
    second = write_csv(tmp_path / "v2.csv", [
        "1,王小明,甲公司,04595252,wang.new@example.com,0912345678,1",
        "3,林志明,甲公司,04595252,lin@example.com,0912345670,1",
        "4,張大同,乙公司,22099131,chang@example.com,,1",
        "5,趙六,丙公司,,zhao@example.com,,1",
    ])
    report = import_registrations(store, second, 1)
    actions = {r.name: r.action for r in report.rows}
    assert actions == {"王小明": Action.UPDATED, "林志明": Action.UPDATED,
                       "張大同": Action.UNCHANGED, "趙六": Action.NEW,
                       "陳美麗": Action.CANCELLED}
    after = {r.source_key: r for r in _rows(store)}
    assert len(after) == 5  # updated in place, not duplicated
    for key in ("id:1", "id:2", "id:3", "id:4"):
        assert after[key].token == before[key].token
        assert after[key].token_hash == before[key].token_hash
    assert after["id:1"].email == "wang.new@example.com"
    assert after["id:2"].status == "cancelled"
    assert after["id:3"].status == "registered"  # moved up from the waitlist
    # The same file again changes nothing.
    again = import_registrations(store, second, 1)
    assert {r.action for r in again.rows} == {Action.UNCHANGED}


def test_reimport_without_id_column_matches_by_email_then_name(store: Store,
                                                               tmp_path: Path) -> None:
    header = "姓名,公司名稱,電子郵件\n"
    rows = ["王小明,甲公司,shared@example.com", "陳美麗,甲公司,shared@example.com",
            "林志明,乙公司,lin@example.com"]
    import_registrations(store, write_csv(tmp_path / "a.csv", rows, header=header), 1)
    tokens = {r.name: r.token for r in _rows(store)}
    rows[2] = "林志明,乙公司有限公司,lin@example.com"
    report = import_registrations(store, write_csv(tmp_path / "b.csv", rows, header=header), 1)
    assert [r.action for r in report.rows] == [Action.UNCHANGED, Action.UNCHANGED,
                                               Action.UPDATED]
    assert {r.name: r.token for r in _rows(store)} == tokens


@pytest.mark.parametrize("content, code", [
    (b"\x00\x01\x02\x03binary\xff\xfe junk" * 50, "NOT_A_TABLE"),
    (bytes(range(128, 256)) * 40, "ENCODING_UNKNOWN"),
    ("序,品名,數量\n1,螺絲,3\n".encode(), "UNKNOWN_LAYOUT"),
    (b"", "FILE_EMPTY"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "XLS_NOT_SUPPORTED"),
])
def test_broken_files_leave_the_database_as_it_was(store: Store, tmp_path: Path,
                                                   content: bytes, code: str) -> None:
    import_registrations(store, write_csv(tmp_path / "ok.csv", [
        "1,王小明,甲公司,,wang@example.com,,1"]), 1)
    before = _snapshot(store)
    bad = tmp_path / "bad.csv"
    bad.write_bytes(content)
    with pytest.raises(ImportFileError) as info:
        import_registrations(store, bad, 1)
    assert info.value.code == code
    if code == "UNKNOWN_LAYOUT":
        assert info.value.headers == ("序", "品名", "數量")
    assert _snapshot(store) == before


def test_truncated_xlsx_is_refused(store: Store, tmp_path: Path) -> None:
    book = Workbook()
    book.active.append(["姓名", "公司名稱"])
    book.active.append(["王小明", "甲公司"])
    good = tmp_path / "good.xlsx"
    book.save(good)
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    with pytest.raises(ImportFileError) as info:
        import_registrations(store, bad, 1)
    assert info.value.code == "XLSX_UNREADABLE"
    assert _rows(store) == []
    assert bad.exists()  # the file itself is left alone


def _xlsx_with_sheet(tmp_path: Path, sheet_xml: bytes, name: str) -> Path:
    """A valid workbook whose first sheet's XML is replaced by ``sheet_xml`` (deflated)."""
    book = Workbook()
    book.active.append(["姓名", "公司名稱"])
    plain = tmp_path / "plain.xlsx"
    book.save(plain)
    out = tmp_path / name
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = sheet_xml if info.filename == "xl/worksheets/sheet1.xml" else src.read(info)
            dst.writestr(info.filename, data, compresslevel=9)
    return out


_SHEET = (b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxml'
          b'formats.org/spreadsheetml/2006/main"><sheetData>%s</sheetData></worksheet>')


def _row(n: int, *cells: bytes) -> bytes:
    inner = b"".join(b'<c r="%s%d" t="inlineStr"><is><t>%s</t></is></c>' % (col, n, text)
                     for col, text in zip((b"A", b"B"), cells, strict=False))
    return b'<row r="%d">%s</row>' % (n, inner)


def test_a_zip_bomb_is_refused_before_it_is_unpacked(store: Store, tmp_path: Path) -> None:
    # One 210 MB cell: a few hundred KB on disk.
    cell = b"A" * (210 * 1024 * 1024)
    bomb = _xlsx_with_sheet(tmp_path, _SHEET % (_row(1, "姓名".encode(), "公司".encode())
                                                + _row(2, cell, b"x")), "bomb.xlsx")
    del cell
    assert bomb.stat().st_size < 2 * 1024 * 1024
    with pytest.raises(ImportFileError) as info:
        import_registrations(store, bomb, 1)
    assert info.value.code == "XLSX_TOO_LARGE"
    assert _rows(store) == []


def test_millions_of_rows_and_huge_cells_are_refused(store: Store, tmp_path: Path) -> None:
    rows = b"".join(b'<row r="%d"><c r="A%d"><v>1</v></c></row>' % (n, n)
                    for n in range(2, 300_002))
    many = _xlsx_with_sheet(tmp_path, _SHEET % (_row(1, "姓名".encode(), "公司".encode())
                                                + rows), "many.xlsx")
    with pytest.raises(ImportFileError) as info:
        import_registrations(store, many, 1)
    assert info.value.code == "TOO_MANY_ROWS"
    wide = _xlsx_with_sheet(tmp_path, _SHEET % (_row(1, "姓名".encode(), "公司".encode())
                                                + _row(2, "王".encode() * 5000, b"x")),
                            "wide.xlsx")
    with pytest.raises(ImportFileError) as info:
        import_registrations(store, wide, 1)
    assert info.value.code == "CELL_TOO_LONG" and "row 2" in info.value.detail
    assert _rows(store) == []


def test_truncated_csv_is_shown_on_a_dry_run_and_refused_for_real(store: Store,
                                                                   tmp_path: Path) -> None:
    full = (HEADER + "1,王小明,甲公司,,wang@example.com,0912345678,1\n"
            "2,陳美麗,乙公司,,chen@example.com,0912345679,1\n").encode()
    cut = tmp_path / "cut.csv"
    # Cut inside the last name's multi-byte character and before its other columns.
    cut.write_bytes(full[: full.index("陳美麗".encode()) + 4])
    report = import_registrations(store, cut, 1, dry_run=True)
    assert report.truncated and report.encoding == "utf-8"
    assert report.rows[0].action is Action.NEW and report.rows[0].issues == []
    assert Issue.ROW_INCOMPLETE in [i for i, _ in report.rows[1].issues]
    with pytest.raises(ImportFileError) as info:
        import_registrations(store, cut, 1)
    assert info.value.code == "FILE_TRUNCATED"
    assert _rows(store) == []


def test_truncated_export_cancels_nobody(store: Store, tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    rows = [f"{n},學員{n},公司{n},,p{n}@example.com,,1" for n in range(1, 6)]
    full = write_csv(tmp_path / "full.csv", rows)
    import_registrations(store, full, 1)
    before = _snapshot(store)
    # The download stopped inside line 4 (plain ASCII: no broken character to notice).
    data = full.read_bytes()
    cut = tmp_path / "cut.csv"
    cut.write_bytes(data[: data.index(b"p4@") + 2])
    db_url = str(store.engine.url)
    assert main(["registrations", "import", str(cut), "--workshop", "1", "--db", db_url]) == 2
    err = capsys.readouterr().err
    assert "truncated" in err and "nothing was changed" in err and err.count("\n") == 1
    assert _snapshot(store) == before  # nobody cancelled, no half row stored


def test_corrected_email_keeps_the_person_and_the_token(store: Store, tmp_path: Path) -> None:
    header = "姓名,公司名稱,電子郵件\n"
    rows = ["王小明,甲公司,wang@example.com", "陳美麗,乙公司,chen@example.com"]
    import_registrations(store, write_csv(tmp_path / "a.csv", rows, header=header), 1)
    tokens = {r.name: r.token for r in _rows(store)}
    # The website's next export: 王小明 corrected his address; 陳美麗's colleague registered
    # with her address, so it is shared now.
    rows = ["王小明,甲公司,wang.w@example.com", "陳美麗,乙公司,chen@example.com",
            "林志明,乙公司,chen@example.com"]
    report = import_registrations(store, write_csv(tmp_path / "b.csv", rows, header=header), 1)
    assert [r.action for r in report.rows] == [Action.UPDATED, Action.UNCHANGED, Action.NEW]
    after = {r.name: r for r in _rows(store)}
    assert len(after) == 3
    assert after["王小明"].token == tokens["王小明"]
    assert after["王小明"].status == "registered" and after["王小明"].email == "wang.w@example.com"
    assert after["陳美麗"].token == tokens["陳美麗"] and after["陳美麗"].status == "registered"
    # And the same file again is recognised row by row.
    again = import_registrations(store, write_csv(tmp_path / "b.csv", rows, header=header), 1)
    assert {r.action for r in again.rows} == {Action.UNCHANGED}


def test_cli_import_reports_unknown_layout_and_dry_run(store: Store, db_url: str,
                                                       tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]
                                                       ) -> None:
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("Product,Qty\nbolt,3\n", encoding="utf-8")
    assert main(["registrations", "import", str(wrong), "--workshop", "1", "--db", db_url]) == 2
    err = capsys.readouterr().err
    assert "Product, Qty" in err and "nothing was changed" in err
    good = write_csv(tmp_path / "good.csv", [f"1,王小明,甲公司,{TAX_IDS[1]},w@example.com,,1"])
    assert main(["registrations", "import", str(good), "--workshop", "IDB2201", "--db", db_url,
                 "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "dry run" in out and "王小明" in out
    assert _rows(store) == []


def test_full_disk_during_import_is_one_error_and_changes_nothing(tiny_tmpfs: Path,
                                                                   tmp_path: Path) -> None:
    with Store.open(sqlite_url(tiny_tmpfs / "office.sqlite3")) as office:
        with office.sessions.begin() as session:
            install_workshops(session)
        fill_disk(tiny_tmpfs)
        rows = [f"{n},學員{n:03d},公司{n % 40},,p{n}@example.com,0912-000-{n:03d},1"
                for n in range(1, 41)]
        with pytest.raises(StorageFailed) as failed:
            import_registrations(office, write_csv(tmp_path / "big.csv", rows), 1)
        assert failed.value.detail == "DISK_FULL"
        assert _rows(office) == []
        (tiny_tmpfs / "ballast").unlink()
        # With room again the same file goes in whole.
        report = import_registrations(office, tmp_path / "big.csv", 1)
        assert report.count(Action.NEW) == 40

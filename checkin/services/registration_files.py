"""Reading the registration website's export: CSV in any encoding Excel in Taiwan writes, XLSX.

The encoding is detected, never asked for: a BOM decides (UTF-8, UTF-16); else strict
UTF-8; else Big5 as Windows writes it (CP950), then Big5-HKSCS. Headers in Chinese or
English are mapped to fields; the header row may sit below a title row or two.
Everything here raises :class:`ImportFileError` with a code when the file cannot be read.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from checkin.core.errors import CodedError

MAX_FILE_BYTES = 200 * 1024 * 1024
# An XLSX is a zip: its size on disk says nothing of what it unpacks to (a 2 MB file can hold
# a 2 GiB cell). These limits are checked before and while parsing, far above any real
# registration export (ten workshops of 50 seats and their waitlists).
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_ROWS = 200_000
MAX_COLUMNS = 200
MAX_CELL_CHARS = 4_000
HEADER_SEARCH_ROWS = 10

# Field -> header spellings seen on the website's exports and in organisers' spreadsheets,
# compared after normalisation (NFKC, case, spaces, punctuation and brackets dropped).
HEADER_SYNONYMS: dict[str, tuple[str, ...]] = {
    "source_id": ("報名編號", "報名序號", "報名id", "報名代碼", "registrationid", "regid",
                  "registrationno", "registrationnumber", "id"),
    "name": ("姓名", "學員姓名", "參加者姓名", "參加人員", "參加者", "中文姓名", "name",
             "fullname", "participant", "attendee"),
    "company": ("公司名稱", "公司", "單位名稱", "單位", "服務單位", "服務機關", "公司單位",
                "公司單位名稱", "機關名稱", "company", "companyname", "organisation",
                "organization", "employer"),
    "tax_id": ("統一編號", "統編", "公司統編", "公司統一編號", "taxid", "ubn", "vat",
               "vatnumber", "businessid", "businessno"),
    "email": ("電子郵件", "電子信箱", "電子郵件信箱", "email", "mail", "信箱", "電郵",
              "emailaddress"),
    "phone": ("手機", "手機號碼", "行動電話", "聯絡手機", "mobile", "cellphone", "cell",
              "電話", "聯絡電話", "phone", "tel", "telephone"),
    "workshop": ("場次", "報名場次", "場次名稱", "session", "workshop", "場次編號"),
    "status": ("狀態", "報名狀態", "status"),
}
REQUIRED_FIELDS = ("name", "company")
_BRACKETS = re.compile(r"[(（\[【].*?[)）\]】]")
_NOT_WORD = re.compile(r"[\W_]+")


@dataclass(frozen=True)
class TableSpec:
    """What a file must hold: field -> header spellings, and the fields the header row needs.

    The registration export is one; another import (quiz scores) brings its own and shares
    the reader, its encodings and its limits.
    """

    synonyms: dict[str, tuple[str, ...]]
    required: tuple[str, ...]
    missing_detail: str = "no name and company columns"
    any_of: tuple[str, ...] = ()  # and at least one of these (when given)

    lookup: dict[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "lookup", {syn: name for name, syns in self.synonyms.items()
                                            for syn in syns})


REGISTRATIONS = TableSpec(HEADER_SYNONYMS, REQUIRED_FIELDS)


class ImportFileError(CodedError):
    """A file that cannot be imported at all; ``code`` says why, ``detail`` says more."""

    def __init__(self, code: str, detail: str = "", headers: Iterable[str] = ()) -> None:
        super().__init__(code, detail)
        self.headers = tuple(headers)


@dataclass(frozen=True)
class SourceRow:
    """One data row of the file: its line (1-based, as a spreadsheet shows it) and fields."""

    line: int
    fields: dict[str, str]
    short: bool = False  # fewer cells than headers (a truncated or broken line)


@dataclass
class SourceTable:
    """What was read: format, encoding, the header mapping and the data rows."""

    file_format: str
    encoding: str | None
    headers: list[str]
    mapping: dict[str, str]  # field -> header as written in the file
    rows: list[SourceRow] = field(default_factory=list)
    unmapped: list[str] = field(default_factory=list)
    truncated: bool = False


def header_key(raw: str) -> str:
    """A header as compared with the synonyms."""
    text = unicodedata.normalize("NFKC", raw).casefold().strip()
    text = _BRACKETS.sub("", text)
    return _NOT_WORD.sub("", text)


def map_headers(headers: list[str], spec: TableSpec = REGISTRATIONS
                ) -> tuple[dict[str, int], list[str]]:
    """Field -> column index for recognised headers; the unrecognised headers."""
    lookup = spec.lookup
    mapping: dict[str, int] = {}
    unmapped: list[str] = []
    for index, raw in enumerate(headers):
        key = header_key(raw)
        fieldname = lookup.get(key)
        if fieldname is None and key:
            # "公司名稱全銜", "e-mail address (work)": accept a header that starts with a synonym.
            candidates = [(len(s), f) for s, f in lookup.items() if len(s) >= 2
                          and key.startswith(s)]
            fieldname = max(candidates)[1] if candidates else None
        if fieldname is None or fieldname in mapping:
            if raw.strip():
                unmapped.append(raw.strip())
            continue
        mapping[fieldname] = index
    return mapping, unmapped


def read_table(path: Path, spec: TableSpec = REGISTRATIONS) -> SourceTable:
    """Read a CSV or XLSX export into rows keyed by field name."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ImportFileError("FILE_UNREADABLE", exc.strerror or str(exc)) from exc
    if size == 0:
        raise ImportFileError("FILE_EMPTY")
    if size > MAX_FILE_BYTES:
        raise ImportFileError("FILE_TOO_LARGE", f"{size} bytes")
    data = path.read_bytes()
    if data.startswith(b"PK\x03\x04"):
        return _read_xlsx(data, spec)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportFileError("XLS_NOT_SUPPORTED", "old .xls: save as .xlsx or CSV")
    text, encoding, truncated = decode_text(data)
    table = _read_csv(text, encoding, spec)
    # Cut inside a character, or the last line lacks columns and the file lacks its final
    # line break: the file ends in the middle of a row.
    table.truncated = truncated or (bool(table.rows) and table.rows[-1].short
                                    and not text.endswith(("\n", "\r")))
    return table


def decode_text(data: bytes) -> tuple[str, str, bool]:
    """Decode CSV bytes: (text, encoding name, whether the last character was cut off)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return _decode_utf8(data[3:], "utf-8-sig")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16", False
        except UnicodeDecodeError as exc:
            raise ImportFileError("ENCODING_UNKNOWN", "broken UTF-16") from exc
    if b"\x00" in data[:4096]:
        raise ImportFileError("NOT_A_TABLE", "binary data")
    try:
        return _decode_utf8(data, "utf-8")
    except ImportFileError:
        pass
    for encoding in ("cp950", "big5hkscs"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return text, encoding, False
    raise ImportFileError("ENCODING_UNKNOWN", "neither UTF-8 nor Big5")


def _decode_utf8(data: bytes, name: str) -> tuple[str, str, bool]:
    try:
        return data.decode("utf-8"), name, False
    except UnicodeDecodeError as exc:
        # A file cut off inside a multi-byte character is UTF-8 all the same: keep what is
        # whole and say it was truncated, rather than misreading the file as Big5.
        if exc.reason == "unexpected end of data" and exc.start >= len(data) - 3:
            return data[:exc.start].decode("utf-8"), name, True
        raise ImportFileError("ENCODING_UNKNOWN", str(exc)) from exc


def _sniff_delimiter(text: str) -> str:
    first = next((line for line in text.splitlines()[:HEADER_SEARCH_ROWS] if line.strip()), "")
    counts = {d: first.count(d) for d in (",", "\t", ";")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _read_csv(text: str, encoding: str, spec: TableSpec) -> SourceTable:
    if "\x00" in text:
        raise ImportFileError("NOT_A_TABLE", "NUL characters")
    try:
        records = []
        for record in csv.reader(io.StringIO(text, newline=""),
                                 delimiter=_sniff_delimiter(text)):
            records.append(record[:MAX_COLUMNS])
            _check_limits(records)
    except csv.Error as exc:
        raise ImportFileError("NOT_A_TABLE", str(exc)) from exc
    return _table_from_records("csv", encoding, [[c or "" for c in r] for r in records], spec)


def _check_unpacked_size(data: bytes) -> None:
    """Refuse a zip bomb before the workbook is parsed.

    The directory says what the members unpack to (checked before anything is inflated);
    the rows of each sheet are counted in the raw XML, at C speed, so that a sheet of
    millions of tiny rows is refused in a second rather than parsed for minutes.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            unpacked = sum(info.file_size for info in infos)
            if unpacked > MAX_UNPACKED_BYTES:
                raise ImportFileError("XLSX_TOO_LARGE", f"unpacks to {unpacked} bytes")
            for info in infos:
                if info.filename.startswith("xl/worksheets/") and \
                        _count_rows(archive, info) > MAX_ROWS:
                    raise ImportFileError("TOO_MANY_ROWS", f"more than {MAX_ROWS} rows")
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise ImportFileError("XLSX_UNREADABLE", type(exc).__name__) from exc


def _count_rows(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> int:
    count, tail = 0, b""
    with archive.open(info) as member:
        while chunk := member.read(1 << 20):
            window = tail + chunk
            count += window.count(b"<row ") + window.count(b"<row>")
            tail = window[-5:]
            # A match lying wholly inside the kept tail would be counted twice: subtract it.
            count -= tail.count(b"<row ") + tail.count(b"<row>")
    return count + tail.count(b"<row ") + tail.count(b"<row>")


def _read_xlsx(data: bytes, spec: TableSpec) -> SourceTable:
    from openpyxl import load_workbook  # imported here: only XLSX imports need it

    _check_unpacked_size(data)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as exc:
        raise ImportFileError("XLSX_UNREADABLE", type(exc).__name__) from exc
    except Exception as exc:  # openpyxl raises assorted errors on damaged workbooks
        raise ImportFileError("XLSX_UNREADABLE", type(exc).__name__) from exc
    try:
        sheet = workbook.worksheets[0]
        records = []
        for row in sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS):
            records.append([_cell_text(v) for v in row])
            _check_limits(records)
    except ImportFileError:
        raise
    except Exception as exc:  # a truncated sheet fails while streaming rows
        raise ImportFileError("XLSX_UNREADABLE", type(exc).__name__) from exc
    finally:
        workbook.close()
    return _table_from_records("xlsx", None, records, spec)


def _check_limits(records: list[list[str]]) -> None:
    """The newest record within the row and cell limits, else a one-line refusal."""
    if len(records) > MAX_ROWS:
        raise ImportFileError("TOO_MANY_ROWS", f"more than {MAX_ROWS} rows")
    longest = max((len(c) for c in records[-1]), default=0)
    if longest > MAX_CELL_CHARS:
        raise ImportFileError("CELL_TOO_LONG", f"row {len(records)}: {longest} characters")


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # 12345678.0 -> "12345678"
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def _table_from_records(file_format: str, encoding: str | None,
                        records: list[list[str]], spec: TableSpec) -> SourceTable:
    header_at = None
    for index, record in enumerate(records[:HEADER_SEARCH_ROWS]):
        mapping, _ = map_headers(record, spec)
        if all(f in mapping for f in spec.required) and (
                not spec.any_of or any(f in mapping for f in spec.any_of)):
            header_at = index
            break
    if header_at is None:
        found = next((r for r in records[:HEADER_SEARCH_ROWS] if any(c.strip() for c in r)), [])
        raise ImportFileError("UNKNOWN_LAYOUT", spec.missing_detail,
                              headers=[c.strip() for c in found if c.strip()])
    headers = records[header_at]
    mapping, unmapped = map_headers(headers, spec)
    width = max(mapping.values()) + 1
    rows = []
    for offset, record in enumerate(records[header_at + 1:], start=header_at + 2):
        if not any(c.strip() for c in record):
            continue
        fields = {f: record[i].strip() if i < len(record) else "" for f, i in mapping.items()}
        rows.append(SourceRow(line=offset, fields=fields, short=len(record) < width))
    return SourceTable(file_format=file_format, encoding=encoding, headers=headers,
                       mapping={f: headers[i] for f, i in mapping.items()}, rows=rows,
                       unmapped=unmapped)

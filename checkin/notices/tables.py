"""Tables written for people: the organisers' reports as CSV, XLSX and PDF.

A report is a list of :class:`Table` (a section: attendance, no-shows, ...), each with
column keys and rows of plain values. Here the values become what a person reads: headers
and codes in Chinese (default) or English, booleans as words, times in Taipei time. Every
cell goes through :func:`checkin.core.text.spreadsheet_safe`, so nothing runs as a formula;
every file is written under a temporary name and renamed when complete; CSV carries a
byte-order mark, so that Excel on a zh-TW Windows PC reads it as UTF-8.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from checkin.core.clock import TAIPEI
from checkin.core.text import spreadsheet_safe, strip_controls
from checkin.notices.files import atomic_file, atomic_write_bytes
from checkin.notices.fonts import FontSet, FontSubsets, find_fonts
from checkin.notices.page import A4_MM, Layout, RectOp, TextOp
from checkin.notices.pdf import DocumentInfo, PdfWriter
from checkin.notices.render import Measurer

LANGS = ("zh", "en")


class Code(str):
    """A stable code in a cell (a reason, a status): shown as words in the reader's language."""

    __slots__ = ()


@dataclass
class Table:
    key: str  # attendance | no_shows | turned_away | overrides | duplicates | summary
    columns: list[str]
    rows: list[list[object]] = field(default_factory=list)


# Words: (Chinese, English).
TITLES: dict[str, tuple[str, str]] = {
    "attendance": ("出席紀錄", "Attendance"),
    "no_shows": ("未到", "No-shows"),
    "turned_away": ("報到處拒絕入場", "Turned away at the door"),
    "overrides": ("主管放行與撤銷", "Overrides and voids"),
    "duplicates": ("重複報到（跨報到台）", "Duplicate check-ins across desks"),
    "summary": ("各場次統計", "Summary by workshop"),
}
HEADERS: dict[str, tuple[str, str]] = {
    "workshop": ("場次", "Workshop"),
    "title": ("課程", "Course"),
    "day": ("日期", "Date"),
    "registration_id": ("系統編號", "Registration ID"),
    "name": ("姓名", "Name"),
    "company": ("公司", "Company"),
    "status": ("報名狀態", "Registration"),
    "arrived_at": ("報到時間", "Arrived"),
    "late_minutes": ("遲到（分）", "Late (min)"),
    "left_at": ("離場時間", "Left"),
    "times_out": ("離場時段", "Times out"),
    "full_attendance": ("全程參與", "Full attendance"),
    "not_full_reason": ("未全程原因", "Why not full"),
    "score": ("測驗成績", "Quiz score"),
    "certificate": ("受訓證明編號", "Certificate"),
    "certificate_status": ("證明狀態", "Certificate status"),
    "at": ("時間", "Time"),
    "desk": ("報到台", "Desk"),
    "reason": ("原因", "Reason"),
    "supervisor": ("主管", "Supervisor"),
    "kind": ("動作", "Action"),
    "outcome": ("結果", "Outcome"),
    "first_at": ("首次報到", "First check-in"),
    "first_desk": ("首次報到台", "First desk"),
    "later_at": ("重複報到", "Later check-in"),
    "later_desk": ("重複報到台", "Later desk"),
    "registered": ("報名", "Registered"),
    "waitlisted": ("候補", "Waitlisted"),
    "arrived": ("報到", "Arrived"),
    "turned_away": ("拒絕入場", "Turned away"),
    "left_early": ("提早離場", "Left early"),
    "full": ("全程參與", "Full attendance"),
    "certified": ("發給證明", "Certified"),
}
CODES: dict[str, tuple[str, str]] = {
    "registered": ("已報名", "registered"),
    "waitlisted": ("候補", "waitlisted"),
    "cancelled": ("已取消", "cancelled"),
    "issued": ("有效", "issued"),
    "withdrawn": ("已撤銷", "withdrawn"),
    "ABSENT": ("未到", "absent"),
    "DENIED": ("拒絕入場", "denied at the door"),
    "LATE": ("遲到", "late"),
    "LEFT_EARLY": ("提早離場", "left early"),
    "NOT_CHECKED_OUT": ("未刷離場", "no departure scanned"),
    "NO_SCORE": ("無測驗成績", "no score"),
    "SCORE_BELOW_PASS": ("成績未達標準", "score below pass"),
    "DENIED_FEVER": ("體溫過高", "fever"),
    "DENIED_DECLARATION": ("健康聲明", "health declaration"),
    "override": ("主管放行", "override"),
    "void": ("撤銷報到", "void"),
    "TOTAL": ("合計", "Total"),
}
BOOLEANS = {True: ("是", "yes"), False: ("否", "no")}


def _index(lang: str) -> int:
    return LANGS.index(lang) if lang in LANGS else 0


def title(table: Table, lang: str) -> str:
    return TITLES[table.key][_index(lang)]


def headers(table: Table, lang: str) -> list[str]:
    return [HEADERS.get(c, (c, c))[_index(lang)] for c in table.columns]


def cell_text(value: object, lang: str) -> str:
    """A value as a person reads it (before formula neutralising)."""
    i = _index(lang)
    if value is None:
        return ""
    if isinstance(value, bool):
        return BOOLEANS[value][i]
    if isinstance(value, Code):
        words = CODES.get(str(value))
        return words[i] if words else str(value)
    if isinstance(value, datetime):
        return value.astimezone(TAIPEI).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    # A name from the registration website may carry control or bidi characters.
    return strip_controls(str(value))


def cell_value(value: object, lang: str) -> object:
    """A value for a spreadsheet cell: numbers stay numbers, the rest safe text."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return spreadsheet_safe(cell_text(value, lang))


# --- CSV ---------------------------------------------------------------------------------------

def write_csv(tables: Sequence[Table], stem: Path, lang: str) -> list[Path]:
    """One CSV per table, ``<stem>-<table>.csv``: UTF-8 with BOM, CRLF, formulas neutralised."""
    paths = []
    for table in tables:
        path = stem.with_name(f"{stem.name}-{table.key}.csv")
        with atomic_file(path, "w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh, lineterminator="\r\n")
            writer.writerow([spreadsheet_safe(h) for h in headers(table, lang)])
            for row in table.rows:
                writer.writerow([cell_value(v, lang) for v in row])
        paths.append(path)
    return paths


# --- XLSX --------------------------------------------------------------------------------------

def write_xlsx(tables: Sequence[Table], path: Path, lang: str) -> Path:
    """One workbook, a sheet per table, header row bold and frozen."""
    from openpyxl import Workbook  # imported here: only the XLSX report needs it
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)
    for table in tables:
        sheet = book.create_sheet(title=title(table, lang)[:31])
        sheet.append([spreadsheet_safe(h) for h in headers(table, lang)])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in table.rows:
            sheet.append([cell_value(v, lang) for v in row])
        sheet.freeze_panes = "A2"
        for index in range(1, len(table.columns) + 1):
            longest = max([len(str(c.value or "")) for c in sheet[get_column_letter(index)]],
                          default=8)
            sheet.column_dimensions[get_column_letter(index)].width = min(
                max(8, longest * (2 if lang == "zh" else 1.2) + 2), 50)
    buffer = io.BytesIO()
    book.save(buffer)
    atomic_write_bytes(path, buffer.getvalue())
    return path


# --- PDF ---------------------------------------------------------------------------------------

PAGE_W, PAGE_H = A4_MM[1], A4_MM[0]  # landscape
MARGIN = 12.0
ROW_H = 5.2
SIZE = 7.5
# Relative column widths (characters); the rest of a column's text is cut with an ellipsis.
WIDTHS = {"name": 10, "company": 22, "title": 10, "reason": 24, "registration_id": 7,
          "workshop": 8, "arrived_at": 13, "left_at": 13, "at": 13, "first_at": 13,
          "later_at": 13, "desk": 9, "first_desk": 9, "later_desk": 9, "day": 9,
          "not_full_reason": 10, "certificate": 12, "certificate_status": 7,
          "late_minutes": 8, "times_out": 11}


def _fit(m: Measurer, text: str, width: float, face: str = "regular") -> str:
    if m.width(text, SIZE, face) <= width:  # type: ignore[arg-type]
        return text
    while text and m.width(text + "…", SIZE, face) > width:  # type: ignore[arg-type]
        text = text[:-1]
    return text + "…"


def layout_report(tables: Sequence[Table], lang: str, heading: str,
                  fonts: FontSet) -> list[Layout]:
    """The tables on landscape A4 pages, headers repeated on every page."""
    m = Measurer(fonts)
    pages: list[Layout] = []
    page = Layout()
    y = 0.0

    def new_page() -> None:
        nonlocal page, y
        page = Layout()
        pages.append(page)
        page.ops.append(TextOp(MARGIN, 10, heading, 9, grey=80))
        page.ops.append(TextOp(PAGE_W - MARGIN, 10, f"{len(pages)}", 9, align="right",
                               grey=80))
        y = 18.0

    new_page()
    for table in tables:
        weights = [WIDTHS.get(c, 6) for c in table.columns]
        usable = PAGE_W - 2 * MARGIN
        widths = [usable * w / sum(weights) for w in weights]
        heads = headers(table, lang)

        def header_row(heads: list[str] = heads, widths: list[float] = widths,
                       usable: float = usable) -> None:
            nonlocal y
            page.ops.append(RectOp(MARGIN, y - 3.8, usable, ROW_H, grey=225))
            x = MARGIN
            for text, w in zip(heads, widths, strict=True):
                page.ops.append(TextOp(x + 1, y, _fit(m, text, w - 2, "bold"), SIZE, "bold"))
                x += w
            y += ROW_H

        if y + 10 + 2 * ROW_H > PAGE_H - MARGIN:
            new_page()
        y += 4
        page.ops.append(TextOp(MARGIN, y, f"{title(table, lang)}（{len(table.rows)}）"
                               if lang == "zh" else f"{title(table, lang)} ({len(table.rows)})",
                               11, "bold"))
        y += 7
        header_row()
        for row in table.rows:
            if y + ROW_H > PAGE_H - MARGIN:
                new_page()
                header_row()
            x = MARGIN
            for value, w in zip(row, widths, strict=True):
                text = _fit(m, cell_text(value, lang), w - 2)
                if text:
                    page.ops.append(TextOp(x + 1, y, text, SIZE))
                x += w
            page.ops.append(RectOp(MARGIN, y + 1.4, usable, 0.15, grey=200))
            y += ROW_H
        y += 4
    return pages


def write_pdf(tables: Sequence[Table], path: Path, lang: str, heading: str,
              fonts: FontSet | None = None) -> Path:
    """The report as a landscape A4 PDF through the notices' PDF writer."""
    fonts = fonts or find_fonts()
    layouts = layout_report(tables, lang, heading, fonts)
    needed: dict[str, set[str]] = {}
    for layout in layouts:
        for face, text in layout.text_by_face().items():
            needed.setdefault(face, set()).update(text)
    subsets = FontSubsets(fonts)
    paths = subsets.ensure({face: "".join(chars) for face, chars in needed.items()})
    data = PdfWriter(dict(paths)).pages(layouts, DocumentInfo(title=heading, author="checkin"),
                                        landscape=True)
    atomic_write_bytes(path, data)
    return path

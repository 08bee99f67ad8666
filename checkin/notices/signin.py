"""The paper sign-in list: the roster with a column to sign, printed before the doors open.

It is what staff fall back on when the desk says NOT recorded (disk full, broken laptop).
A multi-page table with a header and page numbers on every page: fpdf2 draws that plainly,
so it is used here rather than the one-page notice writer (:mod:`checkin.notices.pdf`),
whose speed matters for hundreds of notices, not for one list a day.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from checkin.notices.fonts import FontSubsets, find_fonts

ROWS_PER_PAGE = 20
ROW_MM = 11.5
MARGIN_MM = 12.0
# Column widths (mm) on A4 portrait, 186 mm between the margins.
COLUMNS = (("no", 10.0), ("name", 38.0), ("company", 62.0), ("time", 22.0), ("sign", 54.0))


@dataclass(frozen=True)
class SheetLine:
    """One person on the list."""

    registration_id: int
    name: str
    company: str
    waitlisted: bool = False


@dataclass(frozen=True)
class SheetHeader:
    """What every page says at the top."""

    title: str
    code: str
    day: date
    venue: str
    printed_at: datetime


if TYPE_CHECKING:
    from fpdf import FPDF

_LABELS = {"no": "#", "name": "姓名 Name", "company": "公司 Company", "time": "時間 Time",
           "sign": "簽名 Signature"}


def _printable(text: str) -> str:
    # Names are anyone's text: a control character has no glyph and no place on paper.
    return "".join(ch for ch in text if ch.isprintable())


@functools.lru_cache(maxsize=1)
def _sheet_class() -> type:
    """The FPDF subclass, made on first use.

    fpdf2 takes a quarter of a second to import; the desk window, which offers the sheet,
    must not pay that at start-up.
    """
    from fpdf import FPDF

    class _Sheet(FPDF):
        def __init__(self, header: SheetHeader, pages: int) -> None:
            super().__init__(orientation="P", unit="mm", format="A4")
            self.sheet = header
            self.pages_total = pages
            self.set_margins(MARGIN_MM, MARGIN_MM, MARGIN_MM)
            self.set_auto_page_break(False)

        def header(self) -> None:
            head = self.sheet
            self.set_font("cjk", "B", 15)
            self.cell(0, 8, "簽到表 Sign-in sheet (paper fallback)", new_x="LMARGIN", new_y="NEXT")
            self.set_font("cjk", "", 10.5)
            self.cell(0, 6, _fit(self, f"{head.title} · {head.code}", 186), new_x="LMARGIN",
                      new_y="NEXT")
            self.cell(0, 6, _fit(self, f"{head.day.isoformat()} · {head.venue}", 186),
                      new_x="LMARGIN", new_y="NEXT")
            self.set_font("cjk", "", 8.5)
            self.set_text_color(80, 80, 80)
            self.cell(0, 5, "報到系統無法記錄時（NOT recorded）請在此簽名並由工作人員填寫時間。"
                      "  Use when the desk cannot record: sign, staff write the time.",
                      new_x="LMARGIN", new_y="NEXT")
            self.set_text_color(0, 0, 0)
            self.ln(2)
            self.set_font("cjk", "B", 10)
            self.set_fill_color(225, 225, 225)
            for key, width in COLUMNS:
                self.cell(width, 8, _LABELS[key], border=1, fill=True, align="C")
            self.ln(8)

        def footer(self) -> None:
            self.set_y(-12)
            self.set_font("cjk", "", 8.5)
            self.set_text_color(80, 80, 80)
            head = self.sheet
            self.cell(93, 6, f"{head.code} · printed {head.printed_at:%Y-%m-%d %H:%M}")
            self.cell(93, 6, f"第 {self.page_no()} / {self.pages_total} 頁  Page {self.page_no()} "
                      f"of {self.pages_total}", align="R")
            self.set_text_color(0, 0, 0)

    return _Sheet


def _fit(pdf: FPDF, text: str, width: float) -> str:
    """``text`` cut with an ellipsis to fit ``width`` mm at the current font."""
    if pdf.get_string_width(text) <= width:
        return text
    while text and pdf.get_string_width(text + "…") > width:
        text = text[:-1]
    return text + "…"


def page_count(lines: int) -> int:
    return max(1, -(-lines // ROWS_PER_PAGE))


def render_signin_sheet(header: SheetHeader, lines: Sequence[SheetLine]) -> bytes:
    """The PDF: ``lines`` in the order given, ROWS_PER_PAGE a page, numbered "n / N"."""
    header = SheetHeader(_printable(header.title), _printable(header.code), header.day,
                         _printable(header.venue), header.printed_at)
    lines = [SheetLine(line.registration_id, _printable(line.name), _printable(line.company),
                       line.waitlisted) for line in lines]
    text = "".join(f"{line.name}{line.company}" for line in lines) + header.title \
        + header.venue + "".join(_LABELS.values()) \
        + "簽到表報到系統無法記錄時請在此簽名並由工作人員填寫時間。第頁候補，（）·…"
    paths = FontSubsets(find_fonts()).ensure({"regular": text, "bold": text})
    pdf = _sheet_class()(header, page_count(len(lines)))
    pdf.add_font("cjk", "", str(paths["regular"]))
    pdf.add_font("cjk", "B", str(paths["bold"]))
    pdf.set_title(f"簽到表 {header.code}")
    pdf.set_creation_date(header.printed_at)
    pdf.add_page()
    for index, line in enumerate(lines):
        if index and index % ROWS_PER_PAGE == 0:
            pdf.add_page()
        cells: dict[str, Any] = {
            "no": str(index + 1), "name": line.name + ("（候補）" if line.waitlisted else ""),
            "company": line.company, "time": "", "sign": ""}
        for key, width in COLUMNS:
            pdf.set_font("cjk", "B" if key == "name" else "", 10.5 if key == "name" else 9)
            pdf.cell(width, ROW_MM, _fit(pdf, cells[key], width - 2), border=1,
                     align="C" if key == "no" else "L")
        pdf.ln(ROW_MM)
    return bytes(pdf.output())

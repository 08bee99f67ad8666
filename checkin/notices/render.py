"""The attendance notice (出席通知) as an A4 page: one layout, drawn as PDF and as PNG.

The layout is computed once in millimetres (text wrapped with the same font's metrics) as
a list of drawing operations (:mod:`checkin.notices.page`), then drawn by two back-ends:
:mod:`checkin.notices.pdf` (the CJK font embedded as a subset, the QR code drawn as vector
squares so it prints sharp) and :mod:`checkin.notices.raster` for the PNG (the QR modules
on whole pixels, so a phone screen shows crisp edges). No Qt here.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, time
from functools import lru_cache
from pathlib import Path

from PIL import Image

from checkin.core.errors import CodedError
from checkin.notices import texts
from checkin.notices.batch import BatchDrawer, Page, Rendered, draw_all
from checkin.notices.fonts import FontSet, FontSubsets, find_fonts
from checkin.notices.page import (
    A4_MM,
    PT_TO_MM,
    Align,
    Face,
    Layout,
    QrOp,
    RectOp,
    TextOp,
)
from checkin.notices.pdf import DocumentInfo, PdfWriter
from checkin.notices.qr import qr_matrix
from checkin.notices.raster import Rasteriser, png_bytes

__all__ = ["A4_MM", "DEFAULT_DPI", "Align", "Face", "Layout", "NoticeData", "NoticeDoesNotFit",
           "NoticeRenderer", "QrOp", "RectOp", "Rendered", "TextOp", "layout_notice"]

MARGIN = 18.0
BOTTOM_MARGIN = 8.0  # the last line's baseline stays this far above the page's edge
DEFAULT_DPI = 150
QR_SIZE_MM = 62.0
_MEASURE_PX = 200  # size of the font used for measuring text widths


class NoticeDoesNotFit(CodedError):
    """The notice's text does not fit on its A4 page (a field far longer than names are)."""


@dataclass(frozen=True)
class NoticeData:
    """Everything printed on one notice (built by the service from the office record)."""

    token: str
    name: str
    company: str
    workshop_code: str
    workshop_title: str
    course: str
    organiser: str
    day: date
    venue: str
    address: str
    checkin_opens: time
    starts: time
    ends: time
    contact_name: str | None = None
    contact_phone: str | None = None
    contact_email: str | None = None
    previous_day: date | None = None  # set when the workshop was rescheduled
    privacy: str | None = None  # the privacy notice's short form (notices/privacy.py)


class Measurer:
    """Text widths in millimetres, from the font's own metrics."""

    def __init__(self, fonts: FontSet) -> None:
        self.fonts = fonts

    def width(self, text: str, size: float, face: Face = "regular") -> float:
        font = self.fonts.pillow(face, _MEASURE_PX)
        return font.getlength(text) / _MEASURE_PX * size * PT_TO_MM

    def wrap(self, text: str, size: float, width: float, face: Face = "regular") -> list[str]:
        """Break ``text`` into lines no wider than ``width`` mm (cached: the rules repeat)."""
        return list(_wrap(self.fonts, text, size, width, face))

    def _wrap(self, text: str, size: float, width: float, face: Face = "regular") -> list[str]:
        """Break ``text`` into lines no wider than ``width`` mm.

        CJK text may break between any two characters; Latin words and numbers are kept
        whole, and a line never starts with closing punctuation.
        """
        lines: list[str] = []
        current = ""
        for piece in _glue(_pieces(text)):
            trial = current + piece
            if current and self.width(trial.rstrip(), size, face) > width:
                lines.append(current.rstrip())
                current = piece.lstrip()
            else:
                current = trial
        if current.strip():
            lines.append(current.rstrip())
        return lines


@lru_cache(maxsize=4096)
def _wrap(fonts: FontSet, text: str, size: float, width: float, face: Face) -> tuple[str, ...]:
    return tuple(Measurer(fonts)._wrap(text, size, width, face))


_NO_LINE_START = set("，。、；：）」』！？%,.;:)")


def _pieces(text: str) -> Iterator[str]:
    """Breakable units: runs of Latin letters/digits, single CJK characters, punctuation."""
    buffer = ""
    for ch in text:
        if ch.isascii() and (ch.isalnum() or ch in "-@._:/#+°~'"):
            buffer += ch
            continue
        if buffer:
            yield buffer
            buffer = ""
        yield ch
    if buffer:
        yield buffer


def _glue(pieces: Iterator[str]) -> Iterator[str]:
    """Attach closing punctuation to the piece before it so it never starts a line."""
    previous = None
    for piece in pieces:
        if previous is not None and piece in _NO_LINE_START:
            previous += piece
            continue
        if previous is not None:
            yield previous
        previous = piece
    if previous is not None:
        yield previous


def layout_notice(notice: NoticeData, fonts: FontSet | None = None) -> Layout:
    """Place everything on an A4 page (millimetres, origin top left).

    Long names, companies or venues wrap; when the page then overflows, the rules and notes
    are set smaller; when even that overflows, :class:`NoticeDoesNotFit` is raised: a notice
    never loses its notes or its contact section off the page.
    """
    fonts = fonts or find_fonts()
    m = Measurer(fonts)
    layout, bottom = _layout(notice, m, compact=False)
    if bottom > A4_MM[1] - BOTTOM_MARGIN:
        layout, bottom = _layout(notice, m, compact=True)
    if bottom > A4_MM[1] - BOTTOM_MARGIN:
        longest = max(("name", notice.name), ("company", notice.company),
                      ("venue", notice.venue), ("address", notice.address),
                      key=lambda field: len(field[1]))
        raise NoticeDoesNotFit("NOTICE_TOO_LONG", f"{longest[0]}: {len(longest[1])} characters")
    return layout


def _layout(notice: NoticeData, m: Measurer, compact: bool) -> tuple[Layout, float]:
    """The page and the baseline of its last line."""
    out = Layout()
    add = out.ops.append
    width, _height = A4_MM
    left, right = MARGIN, width - MARGIN
    centre = width / 2

    y = 20.0
    add(TextOp(left, y, f"{texts.HOST} {notice.day.year - 1911} 年度", 10.5, grey=60))
    add(TextOp(right, y, notice.organiser, 10.5, align="right", grey=60))
    y += 13
    add(TextOp(centre, y, texts.PROGRAMME, 17, "bold", "center"))
    y += 16
    add(TextOp(centre, y, texts.TITLE, 30, "bold", "center"))
    y += 7.5
    add(TextOp(centre, y, texts.TITLE_EN, 10, align="center", grey=90))
    y += 4
    add(RectOp(left, y, right - left, 0.6))
    y += 10

    if notice.previous_day is not None:
        banner = m.wrap(f"改期通知：原訂 {texts.roc_date(notice.previous_day)}，因故改至下列日期"
                        "辦理；QR Code 與報到代碼不變。", 11.5, right - left - 6, "bold")
        add(RectOp(left, y - 6.5, right - left, 3 + 6.2 * len(banner), grey=225))
        for line in banner:
            add(TextOp(left + 3, y, line, 11.5, "bold"))
            y += 6.2
        y += 6

    for line in m.wrap(f"{notice.name} 君 您好：", 14, right - left, "bold"):
        add(TextOp(left, y, line, 14, "bold"))
        y += 7.5
    for line in m.wrap("您已完成報名，敬請於報到時間內攜帶本通知（紙本或手機畫面皆可），"
                       "至報到處出示下方 QR Code 報到。", 11, right - left):
        add(TextOp(left, y, line, 11))
        y += 6
    y += 4

    # Details on the left, the QR code on the right.
    qr_left = right - QR_SIZE_MM
    label_w = 22.0
    value_x = left + label_w
    value_w = qr_left - 6 - value_x
    course_name, standard = texts.COURSES.get(notice.course, (notice.course, ""))
    rows = [
        ("課程", [f"{notice.workshop_title}", f"{course_name}：{standard}"]),
        ("日期", [texts.roc_date(notice.day), texts.gregorian_date(notice.day)]),
        ("報到時間", [f"{notice.checkin_opens:%H:%M}–{notice.starts:%H:%M}"]),
        ("課程時間", [f"{notice.starts:%H:%M}–{notice.ends:%H:%M}"]),
        ("地點", [notice.venue]),
        ("地址", [notice.address]),
        ("姓名", [notice.name]),
        ("公司", [notice.company]),
    ]
    top = y
    for label, values in rows:
        add(TextOp(left, y, label, 11, "bold", grey=50))
        for value_index, value in enumerate(values):
            size = 12 if value_index == 0 else 10
            for line in m.wrap(value, size, value_w):
                add(TextOp(value_x, y, line, size, grey=0 if value_index == 0 else 70))
                y += 6.2 if value_index == 0 else 5.2
        y += 2.2
    details_bottom = y

    qr_top = top - 6
    add(QrOp(qr_left, qr_top, QR_SIZE_MM, qr_matrix(notice.token)))
    token_y = qr_top + QR_SIZE_MM + 4
    prefix, _, secret = notice.token.rpartition("-")
    add(TextOp(qr_left + QR_SIZE_MM / 2, token_y, "報到代碼 Check-in code", 8, align="center",
               grey=80))
    add(TextOp(qr_left + QR_SIZE_MM / 2, token_y + 5, f"{prefix}-", 10, "mono", "center"))
    groups = " ".join(secret[i:i + 3] for i in range(0, len(secret), 3))
    add(TextOp(qr_left + QR_SIZE_MM / 2, token_y + 10.5, groups, 9.5, "mono", "center"))
    column_bottom = token_y + 14
    # The privacy notice's short form (what is collected, why, for how long) under the code:
    # the column beside the details has room, so a long name does not push the page over.
    if notice.privacy:
        column_bottom += 1.5
        for line in m.wrap(notice.privacy, 7.5, QR_SIZE_MM):
            add(TextOp(qr_left, column_bottom, line, 7.5, grey=70))
            column_bottom += 3.8
    y = max(details_bottom, column_bottom) + 4

    notes_size = 8.8 if compact else 10.0
    y = _section(out, m, "防疫須知 COVID-19", texts.SCREENING_RULES, left, right, y, notes_size)
    y = _section(out, m, "注意事項 Notes", texts.NOTES, left, right, y + 2, notes_size)

    y = y + 4 if compact else max(y + 4, 262.0)
    add(RectOp(left, y, right - left, 0.3, grey=120))
    y += 6
    add(TextOp(left, y, "聯絡窗口 Contact", 10.5, "bold"))
    contact = "　".join(p for p in (
        notice.organiser, notice.contact_name,
        f"電話 {notice.contact_phone}" if notice.contact_phone else None,
        notice.contact_email) if p)
    for line in m.wrap(contact, 10, right - left - 32):
        add(TextOp(left + 32, y, line, 10))
        y += 5.2
    add(TextOp(left + 32, y, "如未收到出席通知或資料有誤，敬請來電洽詢。", 9, grey=70))
    return out, y


def _section(out: Layout, m: Measurer, title: str, items: tuple[str, ...], left: float,
             right: float, y: float, size: float = 10.0) -> float:
    out.ops.append(TextOp(left, y, title, size + 2, "bold"))
    y += size * 0.65
    for item in items:
        lines = m.wrap(item, size, right - left - 6)
        out.ops.append(TextOp(left + 1, y, "•", size))
        for line in lines:
            out.ops.append(TextOp(left + 6, y, line, size))
            y += size * 0.52
        y += size * 0.08
    return y


class NoticeRenderer:
    """Draws notices; reuse one renderer for a batch so the fonts are prepared once.

    :meth:`prepare` lays out a batch and subsets the fonts for all of it; :meth:`pdf` and
    :meth:`png` then draw each notice, reusing what the notices share: the font subsets, and
    each drawing operation that repeats (the header, rules and notes) drawn once.
    """

    def __init__(self, fonts: FontSet | None = None) -> None:
        self.fonts = fonts or find_fonts()
        self.subsets = FontSubsets(self.fonts)
        self._pdf: tuple[dict[str, Path], PdfWriter] | None = None
        self._rasters: dict[int, Rasteriser] = {}

    def __enter__(self) -> NoticeRenderer:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.subsets.close()
        self._pdf = None
        self._rasters.clear()

    def prepare(self, notices: list[NoticeData]) -> list[Layout]:
        """Lay out a batch and subset the fonts once for all of it (else per new character)."""
        layouts = [layout_notice(n, self.fonts) for n in notices]
        needed: dict[str, set[str]] = {}
        for layout in layouts:
            for face, text in layout.text_by_face().items():
                needed.setdefault(face, set()).update(text)
        self.subsets.ensure({face: "".join(chars) for face, chars in needed.items()})
        return layouts

    def missing_glyphs(self, notice: NoticeData) -> set[str]:
        return self.fonts.missing(notice.name + notice.company)

    def render_all(self, notices: Sequence[NoticeData], layouts: Sequence[Layout],
                   formats: Sequence[str] = ("pdf", "png"), dpi: int = DEFAULT_DPI,
                   workers: int | None = None) -> Iterator[Rendered]:
        """Each notice as PDF and/or PNG, in order, from the layouts :meth:`prepare` made.

        A big batch is drawn in worker processes over the machine's cores, a small one here;
        ``workers`` overrides the choice (1: in this process). Documents come back as they
        are done, so the caller can write each one while the next is drawn.
        """
        paths = dict(self.subsets.ensure({}))
        pages = [Page(layout, self._info(notice))
                 for notice, layout in zip(notices, layouts, strict=True)]
        drawer = BatchDrawer(self._pdf_writer(paths) if "pdf" in formats else None,
                             self._raster(dpi) if "png" in formats else None)
        return draw_all(drawer, self.fonts, paths, pages, workers)

    def pdf(self, notice: NoticeData, layout: Layout | None = None) -> bytes:
        """The notice as a one-page A4 PDF with the font embedded."""
        layout = layout or layout_notice(notice, self.fonts)
        paths = dict(self.subsets.ensure(layout.text_by_face()))
        return self._pdf_writer(paths).document(layout, self._info(notice))

    def png(self, notice: NoticeData, dpi: int = DEFAULT_DPI,
            layout: Layout | None = None) -> bytes:
        return png_bytes(self.image(notice, dpi, layout), dpi)

    def image(self, notice: NoticeData, dpi: int = DEFAULT_DPI,
              layout: Layout | None = None) -> Image.Image:
        """The notice as a greyscale A4 image at ``dpi``."""
        layout = layout or layout_notice(notice, self.fonts)
        return self._raster(dpi).image(layout)

    def _pdf_writer(self, paths: dict[str, Path]) -> PdfWriter:
        if self._pdf is None or self._pdf[0] != paths:
            self._pdf = (paths, PdfWriter(paths))  # new characters: a larger batch subset
        return self._pdf[1]

    def _raster(self, dpi: int) -> Rasteriser:
        raster = self._rasters.get(dpi)
        if raster is None:
            raster = self._rasters[dpi] = Rasteriser(self.fonts, dpi)
        return raster

    @staticmethod
    def _info(notice: NoticeData) -> DocumentInfo:
        return DocumentInfo(title=f"{texts.TITLE} {notice.workshop_title} {notice.name}",
                            author=notice.organiser)

"""The training certificate (受訓證明) as an A4 page, drawn by the notices' PDF and PNG back-ends.

Its words are the brochure's (三、開班說明 (1): 學員全程參與課程，並於課堂中通過測驗，達到 80
分以上，將發給受訓證明): no hours, no accreditation. What it prints is exactly
:meth:`CertificateData.printed`, which the seal covers; the QR code carries the serial and
the seal, so a verifier can look the record up and see whether the paper says what was
issued.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from checkin.notices import texts
from checkin.notices.fonts import FontSet, FontSubsets, find_fonts
from checkin.notices.page import A4_MM, Layout, QrOp, RectOp, TextOp
from checkin.notices.pdf import DocumentInfo, PdfWriter
from checkin.notices.qr import qr_matrix
from checkin.notices.raster import Rasteriser, png_bytes
from checkin.notices.render import DEFAULT_DPI, Measurer, NoticeDoesNotFit

TITLE = "受訓證明"
QR_SCHEME = "CKC1"  # certificate QR: CKC1/<serial>/<seal in upper-case hex>
QR_SIZE_MM = 40.0
MARGIN = 22.0


@dataclass(frozen=True)
class CertificateData:
    """Everything a certificate prints (built by the service from the issuing record)."""

    serial: str
    name: str
    company: str
    workshop_title: str
    course: str
    day: date
    venue: str
    host: str
    organiser: str
    pass_score: int
    seal: str = ""  # HMAC over printed(), hex; set once computed

    def printed(self) -> dict[str, str]:
        """The printed facts, as the seal covers them (stable keys and values)."""
        course_name, standard = texts.COURSES.get(self.course, (self.course, ""))
        return {"serial": self.serial, "name": self.name, "company": self.company,
                "programme": texts.PROGRAMME, "workshop": self.workshop_title,
                "course": course_name, "standard": standard, "day": self.day.isoformat(),
                "venue": self.venue, "host": self.host, "organiser": self.organiser,
                "pass_score": str(self.pass_score)}

    @property
    def qr_payload(self) -> str:
        return f"{QR_SCHEME}/{self.serial}/{self.seal.upper()}"


def parse_qr_payload(text: str) -> tuple[str, str] | None:
    """(serial, seal in lower-case hex) from a certificate's QR text; None if it is not one."""
    parts = text.strip().split("/")
    if len(parts) != 3 or parts[0] != QR_SCHEME or not parts[1] or len(parts[1]) > 32:
        return None
    seal = parts[2].lower()
    if len(seal) != 64 or any(ch not in "0123456789abcdef" for ch in seal):
        return None
    return parts[1], seal


def body_sentence(cert: CertificateData) -> str:
    return f"全程參與課程，並於課堂中通過測驗，達到 {cert.pass_score} 分以上，發給{TITLE}。"


def layout_certificate(cert: CertificateData, fonts: FontSet | None = None) -> Layout:
    """Place the certificate on an A4 page (portrait, millimetres, origin top left)."""
    m = Measurer(fonts or find_fonts())
    out = Layout()
    add = out.ops.append
    width, height = A4_MM
    left, right, centre = MARGIN, width - MARGIN, width / 2
    printed = cert.printed()

    add(RectOp(12, 12, width - 24, height - 24, grey=90, filled=False))
    add(RectOp(14, 14, width - 28, height - 28, grey=150, filled=False))
    y = 42.0
    add(TextOp(centre, y, f"{cert.host} {cert.day.year - 1911} 年度", 13, align="center",
               grey=40))
    y += 11
    add(TextOp(centre, y, texts.PROGRAMME, 18, "bold", "center"))
    y += 30
    add(TextOp(centre, y, TITLE, 44, "bold", "center"))
    y += 28

    for line in m.wrap(cert.name, 26, right - left, "bold"):
        add(TextOp(centre, y, line, 26, "bold", "center"))
        y += 12
    for line in m.wrap(cert.company, 14, right - left):
        add(TextOp(centre, y, line, 14, align="center", grey=30))
        y += 7
    y += 9
    for line in m.wrap(body_sentence(cert), 14, right - left - 10):
        add(TextOp(centre, y, line, 14, align="center"))
        y += 8.5
    y += 8

    label_x, value_x = left + 5, left + 33
    value_w = right - value_x - QR_SIZE_MM - 6
    rows = [("課程", [printed["workshop"], f"{printed['course']}：{printed['standard']}"]),
            ("日期", [texts.roc_date(cert.day)]),
            ("地點", [cert.venue]),
            ("主辦單位", [cert.host]),
            ("執行單位", [cert.organiser]),
            ("證明編號", [cert.serial])]
    top = y
    for label, values in rows:
        add(TextOp(label_x, y, label, 12, "bold", grey=50))
        for value in values:
            for line in m.wrap(value, 12, value_w):
                add(TextOp(value_x, y, line, 12))
                y += 6.6
        y += 2.4
    qr_left = right - QR_SIZE_MM
    add(QrOp(qr_left, top - 6, QR_SIZE_MM, qr_matrix(cert.qr_payload, border=4)))
    add(TextOp(qr_left + QR_SIZE_MM / 2, top - 6 + QR_SIZE_MM + 4, cert.serial, 9, "mono",
               "center", grey=60))
    bottom = max(y, top + QR_SIZE_MM + 4)
    if bottom > height - 30:
        raise NoticeDoesNotFit("CERTIFICATE_TOO_LONG", f"name {len(cert.name)}, company "
                               f"{len(cert.company)} characters")
    return out


class CertificateRenderer:
    """Draws certificates with fonts prepared once (one renderer per run)."""

    def __init__(self, fonts: FontSet | None = None) -> None:
        self.fonts = fonts or find_fonts()
        self.subsets = FontSubsets(self.fonts)
        self._pdf: tuple[dict[str, Path], PdfWriter] | None = None
        self._raster: Rasteriser | None = None

    def prepare(self, certs: list[CertificateData]) -> list[Layout]:
        layouts = [layout_certificate(c, self.fonts) for c in certs]
        needed: dict[str, set[str]] = {}
        for layout in layouts:
            for face, text in layout.text_by_face().items():
                needed.setdefault(face, set()).update(text)
        self.subsets.ensure({face: "".join(chars) for face, chars in needed.items()})
        return layouts

    def pdf(self, cert: CertificateData, layout: Layout | None = None) -> bytes:
        layout = layout or layout_certificate(cert, self.fonts)
        paths = dict(self.subsets.ensure(layout.text_by_face()))
        if self._pdf is None or self._pdf[0] != paths:
            self._pdf = (dict(paths), PdfWriter(paths))
        return self._pdf[1].document(layout, _info(cert))

    def png(self, cert: CertificateData, dpi: int = DEFAULT_DPI,
            layout: Layout | None = None) -> bytes:
        layout = layout or layout_certificate(cert, self.fonts)
        if self._raster is None or self._raster.dpi != dpi:
            self._raster = Rasteriser(self.fonts, dpi)
        return png_bytes(self._raster.image(layout), dpi)

    def missing_glyphs(self, cert: CertificateData) -> set[str]:
        return self.fonts.missing(cert.name + cert.company)


def _info(cert: CertificateData) -> DocumentInfo:
    return DocumentInfo(title=f"{TITLE} {cert.serial} {cert.name}", author=cert.host)

"""The notice's PDF back-end: a one-page PDF written directly, its fonts prepared per batch.

Why not a general PDF library: fpdf2 subsets every embedded font again for each document
(fontTools' subsetter, then a save that recompiles each glyph): ~90% of the 115 ms a notice
took. Here each face of the batch subset (see :mod:`checkin.notices.fonts`) is read once
into a :class:`PdfFont`: glyph outlines as bytes, advance widths, the character map and the
tables every document shares. A document then embeds a TrueType font holding only the
glyphs it draws, under the batch subset's glyph ids (unused ids stay as empty outlines), so
the font is assembled by joining bytes, and the content stream of an operation drawn on
every notice (header, rules, notes) is built once per batch.

The page uses the structure fpdf2 wrote: per face a Type0 font, Identity-H encoding, a
CIDFontType2 with its widths and a ToUnicode map (so text can be searched and copied).
"""

from __future__ import annotations

import hashlib
import struct
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from fontTools.ttLib import TTFont

from checkin.notices.page import Layout, QrOp, RectOp, TextOp

A4_PT = (595.28, 841.89)
PT_PER_MM = 72 / 25.4
# Tables a TrueType font embedded in a PDF needs besides glyf/loca/head (ISO 32000-1,
# 9.9); cmap, name and OS/2 are kept for tools that look at them, layout tables dropped.
_SHARED_TABLES = ("OS/2", "cmap", "cvt ", "fpgm", "hhea", "hmtx", "maxp", "name", "prep")
_COMPRESSION = 6
_OPS_KEPT = 50_000


@dataclass(frozen=True)
class DocumentInfo:
    title: str
    author: str
    lang: str = "zh-TW"


class PdfFont:
    """One face of a batch subset, read once, ready to embed per document."""

    def __init__(self, path: Path, resource: str) -> None:
        self.resource = resource  # the name in the page's /Font dictionary: F1, F2, ...
        font = TTFont(str(path), lazy=True, recalcTimestamp=False, recalcBBoxes=False)
        try:
            self._read(font)
        finally:
            font.close()
        self._ops: dict[TextOp, tuple[bytes, dict[int, str]]] = {}

    def _read(self, font: TTFont) -> None:
        order = font.getGlyphOrder()
        gid = {name: i for i, name in enumerate(order)}
        self.glyph_count = len(order)
        upem = font["head"].unitsPerEm
        hmtx = font["hmtx"].metrics
        self.widths = [round(hmtx[name][0] * 1000 / upem) for name in order]
        self.cmap = {code: gid[name] for code, name in (font.getBestCmap() or {}).items()}
        loca = font["loca"]
        raw = font.reader["glyf"]
        self.outlines = [bytes(raw[loca[i]:loca[i + 1]]) for i in range(len(order))]
        glyf = font["glyf"]
        # Composite glyphs (TrueType fallback fonts) need their components embedded too.
        self.components: dict[int, tuple[int, ...]] = {}
        for i, name in enumerate(order):
            if self.outlines[i][:2] == b"\xff\xff":  # numberOfContours < 0
                glyph = glyf[name]
                self.components[i] = tuple(gid[c.glyphName] for c in glyph.components)
        head = bytearray(font.reader["head"])
        head[8:12] = b"\0\0\0\0"  # checkSumAdjustment, set per document
        head[50:52] = struct.pack(">h", 1)  # long loca offsets
        post = bytearray(font.reader["post"][:32])
        post[0:4] = struct.pack(">I", 0x00030000)  # version 3: no glyph names to carry
        self.tables = {tag: bytes(font.reader[tag]) for tag in _SHARED_TABLES if tag in font}
        self.tables["head"] = bytes(head)
        self.tables["post"] = bytes(post)
        os2, hhea, post_t = font["OS/2"], font["hhea"], font["post"]
        scale = 1000 / upem
        self.name = "".join(ch for ch in font["name"].getBestFullName() or "Font"
                            if (ch.isascii() and ch.isalnum()) or ch == "-")
        flags = 4  # symbolic: the glyphs are not in the standard Latin set
        if post_t.isFixedPitch:
            flags |= 1
        if os2.usWeightClass >= 600:
            flags |= 1 << 18
        head_t = font["head"]
        self.descriptor = (
            f"/Ascent {round(hhea.ascent * scale)} /Descent {round(hhea.descent * scale)}"
            f" /CapHeight {round(getattr(os2, 'sCapHeight', hhea.ascent) * scale)}"
            f" /Flags {flags} /FontBBox [{round(head_t.xMin * scale)} "
            f"{round(head_t.yMin * scale)} {round(head_t.xMax * scale)} "
            f"{round(head_t.yMax * scale)}] /ItalicAngle {int(post_t.italicAngle)}"
            f" /StemV {round(50 + (os2.usWeightClass / 65) ** 2)}"
            f" /MissingWidth {self.widths[0]}")

    def width_mm(self, text: str, size: float) -> float:
        units: int = sum(self.widths[self.cmap.get(ord(ch), 0)] for ch in text)
        return units * size / 1000 / PT_PER_MM

    def text(self, op: TextOp) -> tuple[bytes, dict[int, str]]:
        """The operators drawing ``op`` and the glyphs they use (gid -> character)."""
        cached = self._ops.get(op)
        if cached is not None:
            return cached
        if len(self._ops) > _OPS_KEPT:  # a long-lived renderer: names come and go
            self._ops.clear()
        gids = [self.cmap.get(ord(ch), 0) for ch in op.text]
        x = op.x
        if op.align != "left":
            w = self.width_mm(op.text, op.size)
            x -= w if op.align == "right" else w / 2
        stream = (f"{_num(op.grey / 255)} g BT /{self.resource} {_num(op.size)} Tf "
                  f"{_num(x * PT_PER_MM)} {_num(A4_PT[1] - op.y * PT_PER_MM)} Td <"
                  ).encode() + b"".join(struct.pack(">H", g) for g in gids).hex().encode() + (
            b"> Tj ET\n")
        used = {g: ch for g, ch in zip(gids, op.text, strict=True) if g}
        self._ops[op] = (stream, used)
        return stream, used

    def program(self, used: Iterable[int]) -> bytes:
        """A TrueType font holding the outlines of ``used`` (and .notdef) under their ids."""
        wanted = {0, *used}
        todo = [g for g in wanted if g in self.components]
        while todo:
            for c in self.components.get(todo.pop(), ()):
                if c not in wanted:
                    wanted.add(c)
                    todo.append(c)
        glyf = bytearray()
        offsets = [0] * (self.glyph_count + 1)
        outlines = self.outlines
        for g in range(self.glyph_count):
            offsets[g] = len(glyf)
            if g in wanted:
                glyf += outlines[g]
                glyf += b"\0" * (-len(glyf) % 4)
        offsets[self.glyph_count] = len(glyf)
        tables = dict(self.tables)
        tables["glyf"] = bytes(glyf)
        tables["loca"] = struct.pack(f">{len(offsets)}I", *offsets)
        return _sfnt(tables)


def _sfnt(tables: dict[str, bytes]) -> bytes:
    tags = sorted(tables)
    count = len(tags)
    power = 1 << (count.bit_length() - 1)
    header = struct.pack(">IHHHH", 0x00010000, count, power * 16, power.bit_length() - 1,
                         count * 16 - power * 16)
    directory = bytearray()
    body = bytearray()
    offset = 12 + 16 * count
    head_at = 0
    for tag in tags:
        data = tables[tag]
        if tag == "head":
            head_at = offset + len(body)
        directory += struct.pack(">4sIII", tag.encode("latin-1"), _checksum(data),
                                 offset + len(body), len(data))
        body += data
        body += b"\0" * (-len(body) % 4)
    font = bytearray(header + directory + body)
    adjustment = (0xB1B0AFBA - _checksum(bytes(font))) & 0xFFFFFFFF
    font[head_at + 8:head_at + 12] = struct.pack(">I", adjustment)
    return bytes(font)


def _checksum(data: bytes) -> int:
    padded = data + b"\0" * (-len(data) % 4)
    words: tuple[int, ...] = struct.unpack(f">{len(padded) // 4}I", padded)
    return sum(words) & 0xFFFFFFFF


def _num(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text if text not in ("", "-0") else "0"


class PdfWriter:
    """Writes notice layouts as PDFs with one set of prepared faces (one batch)."""

    def __init__(self, faces: dict[str, Path]) -> None:
        self.fonts = {face: PdfFont(path, f"F{i}")
                      for i, (face, path) in enumerate(sorted(faces.items()), start=1)}
        self._rects: dict[RectOp, bytes] = {}

    def document(self, layout: Layout, info: DocumentInfo) -> bytes:
        """One A4 page drawing ``layout``, the glyphs it uses embedded as font subsets."""
        return self.pages([layout], info)

    def pages(self, layouts: Sequence[Layout], info: DocumentInfo,
              landscape: bool = False) -> bytes:
        """A document of one A4 page per layout (a report), the fonts embedded once.

        Landscape pages keep the layouts' coordinates (millimetres from the top left): the
        content is shifted by the difference of the two heights, so the cached operators of
        portrait pages serve unchanged.
        """
        width, height = (A4_PT[1], A4_PT[0]) if landscape else A4_PT
        shift = f"1 0 0 1 0 {_num(height - A4_PT[1])} cm\n".encode() if landscape else b""
        used: dict[str, dict[int, str]] = {face: {} for face in self.fonts}
        streams: list[bytes] = []
        for layout in layouts:
            content: list[bytes] = [shift]
            for op in layout.ops:
                if isinstance(op, TextOp):
                    stream, glyphs = self.fonts[op.face].text(op)
                    used[op.face].update(glyphs)
                    content.append(stream)
                elif isinstance(op, RectOp):
                    content.append(self._rect(op))
                elif isinstance(op, QrOp):
                    content.append(_qr(op))
            streams.append(zlib.compress(b"".join(content), _COMPRESSION))
        objects = _Objects()
        page_fonts = []
        for face, font in self.fonts.items():
            glyphs = used[face]
            if not glyphs and face != "regular":
                continue
            page_fonts.append(f"/{font.resource} {self._font(objects, font, glyphs)} 0 R")
        pages_id = objects.reserve()
        kids = []
        for stream in streams:
            contents = objects.add(
                f"<< /Length {len(stream)} /Filter /FlateDecode >>".encode(), stream)
            kids.append(objects.add(
                f"<< /Type /Page /Parent {pages_id} 0 R /MediaBox [0 0 {width} {height}] "
                f"/Resources << /Font << {' '.join(page_fonts)} >> >> "
                f"/Contents {contents} 0 R >>".encode()))
        objects.set(pages_id, (f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}]"
                               f" /Count {len(kids)} >>").encode())
        catalog = objects.add(f"<< /Type /Catalog /Pages {pages_id} 0 R "
                              f"/Lang {_text_string(info.lang)} >>".encode())
        now = datetime.now(UTC).strftime("D:%Y%m%d%H%M%SZ")
        meta = objects.add(
            f"<< /Title {_text_string(info.title)} /Author {_text_string(info.author)} "
            f"/Creator (checkin) /Producer (checkin) /CreationDate ({now}) >>".encode())
        return objects.pdf(catalog, meta)

    def _rect(self, op: RectOp) -> bytes:
        cached = self._rects.get(op)
        if cached is None:
            y = A4_PT[1] - (op.y + op.h) * PT_PER_MM
            box = (f"{_num(op.x * PT_PER_MM)} {_num(y)} {_num(op.w * PT_PER_MM)} "
                   f"{_num(op.h * PT_PER_MM)} re")
            grey = _num(op.grey / 255)
            cached = (f"{grey} g {box} f\n" if op.filled else f"{grey} G {box} S\n").encode()
            self._rects[op] = cached
        return cached

    def _font(self, objects: _Objects, font: PdfFont, glyphs: dict[int, str]) -> int:
        gids = sorted(glyphs)
        program = font.program(gids)
        # The subset tag: six capitals, different for a different set of glyphs.
        tag = "".join(chr(65 + b % 26) for b in hashlib.sha1(
            font.name.encode() + b"".join(struct.pack(">H", g) for g in gids),
            usedforsecurity=False).digest()[:6])
        base = f"{tag}+{font.name}"
        packed = zlib.compress(program, _COMPRESSION)
        file_id = objects.add(f"<< /Length {len(packed)} /Length1 {len(program)} "
                              "/Filter /FlateDecode >>".encode(), packed)
        descriptor = objects.add(f"<< /Type /FontDescriptor /FontName /{base} "
                                 f"{font.descriptor} /FontFile2 {file_id} 0 R >>".encode())
        cid_font = objects.add(
            f"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /{base} "
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
            f"/FontDescriptor {descriptor} 0 R /DW {font.widths[0]} "
            f"/W [{_widths(font, gids)}] /CIDToGIDMap /Identity >>".encode())
        cmap = zlib.compress(_to_unicode(glyphs), _COMPRESSION)
        to_unicode = objects.add(f"<< /Length {len(cmap)} /Filter /FlateDecode >>".encode(),
                                 cmap)
        return objects.add(
            f"<< /Type /Font /Subtype /Type0 /BaseFont /{base} /Encoding /Identity-H "
            f"/DescendantFonts [{cid_font} 0 R] /ToUnicode {to_unicode} 0 R >>".encode())


def _widths(font: PdfFont, gids: Sequence[int]) -> str:
    # Runs of consecutive ids share one array: "first [w1 w2 ...]".
    parts: list[str] = []
    run: list[int] = []
    for g in gids:
        if run and g != run[-1] + 1:
            parts.append(f"{run[0]} [{' '.join(str(font.widths[x]) for x in run)}]")
            run = []
        run.append(g)
    if run:
        parts.append(f"{run[0]} [{' '.join(str(font.widths[x]) for x in run)}]")
    return " ".join(parts)


def _to_unicode(glyphs: dict[int, str]) -> bytes:
    entries = [f"<{g:04X}> <{ch.encode('utf-16-be').hex().upper()}>"
               for g, ch in sorted(glyphs.items())]
    blocks = []
    for start in range(0, len(entries), 100):  # at most 100 entries per block
        chunk = entries[start:start + 100]
        blocks.append(f"{len(chunk)} beginbfchar\n" + "\n".join(chunk) + "\nendbfchar\n")
    return ("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
            "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
            "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
            + "".join(blocks) + "endcmap\nCMapName currentdict /CMap defineresource pop\n"
            "end\nend").encode("ascii")


def _qr(op: QrOp) -> bytes:
    modules = len(op.matrix)
    unit = op.size / modules * PT_PER_MM
    left = op.x * PT_PER_MM
    top = A4_PT[1] - op.y * PT_PER_MM
    size = op.size * PT_PER_MM
    out = [f"1 g {_num(left)} {_num(top - size)} {_num(size)} {_num(size)} re f\n0 g\n"]
    for r, row in enumerate(op.matrix):
        c = 0
        while c < modules:
            if not row[c]:
                c += 1
                continue
            start = c
            while c < modules and row[c]:
                c += 1
            # One rectangle per horizontal run, a hair taller: no seams between rows.
            out.append(f"{left + start * unit:.3f} {top - (r + 1.001) * unit:.3f} "
                       f"{(c - start) * unit:.3f} {unit * 1.001:.3f} re\n")
    out.append("f\n")
    return "".join(out).encode()


def _text_string(text: str) -> str:
    """A PDF text string: UTF-16BE with its byte-order mark, written in hex."""
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


class _Objects:
    """Numbered PDF objects, then the file with its cross-reference table."""

    def __init__(self) -> None:
        self._bodies: list[bytes | None] = []

    def reserve(self) -> int:
        self._bodies.append(None)
        return len(self._bodies)

    def set(self, number: int, body: bytes) -> None:
        self._bodies[number - 1] = body

    def add(self, dictionary: bytes, stream: bytes | None = None) -> int:
        body = dictionary if stream is None else dictionary + b"\nstream\n" + stream + (
            b"\nendstream")
        self._bodies.append(body)
        return len(self._bodies)

    def pdf(self, root: int, info: int) -> bytes:
        out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
        offsets = []
        for number, body in enumerate(self._bodies, start=1):
            assert body is not None, f"object {number} reserved but never written"
            offsets.append(len(out))
            out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
        xref = len(out)
        out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(offsets) + 1)
        out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
        ident = hashlib.md5(out, usedforsecurity=False).hexdigest()
        out += (f"trailer\n<< /Size {len(offsets) + 1} /Root {root} 0 R /Info {info} 0 R "
                f"/ID [<{ident}> <{ident}>] >>\nstartxref\n{xref}\n%%EOF\n").encode()
        return bytes(out)

"""The notice's PNG back-end: the page drawn with Pillow, written as a greyscale PNG.

Rasterising text is half of a PNG's cost, and most of a notice's text is the same on every
notice of a batch (header, rules, notes, the workshop's date and place), so each text
operation is rasterised once into a coverage mask and pasted from then on. The PNG is
written here, not by Pillow: Pillow tries five row filters per row at zlib level 6 (two
thirds of the time); unfiltered rows at level 3 give the same size for black text on
white in a third of the time.
"""

from __future__ import annotations

import math
import struct
import zlib

from PIL import Image, ImageDraw

from checkin.notices.fonts import FontSet
from checkin.notices.page import A4_MM, PT_TO_MM, Layout, QrOp, RectOp, TextOp

_ANCHORS = {"left": "ls", "center": "ms", "right": "rs"}
_MASKS_KEPT = 50_000
PNG_COMPRESSION = 3


class Rasteriser:
    """Draws layouts at one resolution, keeping the masks of the text it has drawn."""

    def __init__(self, fonts: FontSet, dpi: int) -> None:
        self.fonts = fonts
        self.dpi = dpi
        self.scale = dpi / 25.4
        self.size = (round(A4_MM[0] * self.scale), round(A4_MM[1] * self.scale))
        self._masks: dict[TextOp, tuple[Image.Image, int, int]] = {}

    def image(self, layout: Layout) -> Image.Image:
        """The page as a greyscale image, white where nothing is drawn."""
        scale = self.scale
        image = Image.new("L", self.size, 255)
        draw = ImageDraw.Draw(image)
        for op in layout.ops:
            if isinstance(op, TextOp):
                mask, x, y = self._mask(op)
                image.paste(op.grey, (x, y, x + mask.width, y + mask.height), mask)
            elif isinstance(op, RectOp):
                box = (op.x * scale, op.y * scale, (op.x + op.w) * scale,
                       max((op.y + op.h) * scale, op.y * scale + 1))
                if op.filled:
                    draw.rectangle(box, fill=op.grey)
                else:
                    draw.rectangle(box, outline=op.grey)
            elif isinstance(op, QrOp):
                _qr(image, op, scale)
        return image

    def _mask(self, op: TextOp) -> tuple[Image.Image, int, int]:
        cached = self._masks.get(op)
        if cached is not None:
            return cached
        if len(self._masks) > _MASKS_KEPT:
            self._masks.clear()
        font = self.fonts.pillow(op.face, max(1, round(op.size * PT_TO_MM * self.scale)))
        anchor = _ANCHORS[op.align]
        x, y = op.x * self.scale, op.y * self.scale
        left, top, right, bottom = font.getbbox(op.text, anchor=anchor)
        # Drawn at the same fraction of a pixel as on the page, so the glyphs rasterise
        # exactly as ImageDraw.text would draw them there; one pixel of slack each side.
        fx, fy = x - math.floor(x), y - math.floor(y)
        mask = Image.new("L", (int(right - left) + 3, int(bottom - top) + 3), 0)
        ImageDraw.Draw(mask).text((fx - left + 1, fy - top + 1), op.text, fill=255,
                                  font=font, anchor=anchor)
        cached = (mask, math.floor(x) + int(left) - 1, math.floor(y) + int(top) - 1)
        self._masks[op] = cached
        return cached


def _qr(image: Image.Image, op: QrOp, scale: float) -> None:
    modules = len(op.matrix)
    px = max(1, int(op.size * scale // modules))  # whole pixels per module: crisp edges
    side = px * modules
    x0 = round(op.x * scale + (op.size * scale - side) / 2)
    y0 = round(op.y * scale + (op.size * scale - side) / 2)
    code = Image.new("L", (modules, modules), 255)
    code.putdata([0 if dark else 255 for row in op.matrix for dark in row])
    image.paste(code.resize((side, side), Image.Resampling.NEAREST), (x0, y0))


def png_bytes(image: Image.Image, dpi: int) -> bytes:
    """A greyscale image as PNG (8 bits, unfiltered rows), its resolution recorded."""
    if image.mode != "L":
        image = image.convert("L")
    width, height = image.size
    # Each row starts with its filter type, 0 (none): a zero column on the left is that.
    framed = Image.new("L", (width + 1, height), 0)
    framed.paste(image, (1, 0))
    rows = framed.tobytes()
    per_metre = round(dpi / 0.0254)
    return b"".join((
        b"\x89PNG\r\n\x1a\n",
        _chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)),
        _chunk(b"pHYs", struct.pack(">IIB", per_metre, per_metre, 1)),
        _chunk(b"IDAT", zlib.compress(rows, PNG_COMPRESSION)),
        _chunk(b"IEND", b""),
    ))


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(
        ">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

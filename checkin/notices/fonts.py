"""Finding a Traditional Chinese font on this computer and making batch subsets for PDFs.

Preferred is Noto Sans CJK TC (Debian/Ubuntu ``fonts-noto-cjk``: OpenType collections with
CFF outlines), which covers CJK Extension A (e.g. 㵘) and the rare name characters that
Big5 lacks (堃, 喆, 犇, 綉, 峯). Fallbacks are TrueType CJK fonts (WenQuanYi Zen Hei,
AR PL UMing) and the Windows and macOS system fonts. ``CHECKIN_NOTICE_FONT`` (``PATH`` or
``PATH:INDEX``) overrides the search.

Subsetting a 44,000-glyph CJK font costs seconds, so :class:`FontSubsets` subsets once per
batch to the characters the batch uses and converts that small font to TrueType outlines;
the PDF back-end (:mod:`checkin.notices.pdf`) reads it once and embeds in each document
only the glyphs that document draws.
"""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from fontTools import subset as ft_subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable
from PIL import ImageFont

from checkin.core.errors import CodedError

_NOTO = Path("/usr/share/fonts/opentype/noto")
_PINGFANG = Path("/System/Library/Fonts/PingFang.ttc")
# (regular, bold, mono) as (path, index in the collection).
_CANDIDATES: tuple[tuple[tuple[Path, int], tuple[Path, int], tuple[Path, int]], ...] = (
    ((_NOTO / "NotoSansCJK-Regular.ttc", 3), (_NOTO / "NotoSansCJK-Bold.ttc", 3),
     (_NOTO / "NotoSansCJK-Regular.ttc", 8)),
    ((Path("/usr/share/fonts/opentype/noto/NotoSansCJKtc-Regular.otf"), 0),
     (Path("/usr/share/fonts/opentype/noto/NotoSansCJKtc-Bold.otf"), 0),
     (Path("/usr/share/fonts/opentype/noto/NotoSansMonoCJKtc-Regular.otf"), 0)),
    ((Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"), 0),
     (Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"), 0),
     (Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"), 1)),
    ((Path("/usr/share/fonts/truetype/arphic/uming.ttc"), 0),
     (Path("/usr/share/fonts/truetype/arphic/uming.ttc"), 0),
     (Path("/usr/share/fonts/truetype/arphic/uming.ttc"), 0)),
    ((Path("C:/Windows/Fonts/msjh.ttc"), 0), (Path("C:/Windows/Fonts/msjhbd.ttc"), 0),
     (Path("C:/Windows/Fonts/msjh.ttc"), 0)),
    ((_PINGFANG, 2), (_PINGFANG, 2), (_PINGFANG, 2)),
)


class FontNotFound(CodedError, RuntimeError):
    """No usable Traditional Chinese font on this computer (detail: what to install)."""

    def __init__(self, detail: str) -> None:
        super().__init__("FONT_NOT_FOUND", detail)


@dataclass(frozen=True)
class FontFace:
    path: Path
    index: int = 0


@dataclass(frozen=True)
class FontSet:
    """The faces a notice uses: body text, headings and the hand-typed token."""

    regular: FontFace
    bold: FontFace
    mono: FontFace

    def missing(self, text: str) -> set[str]:
        """Characters of ``text`` the regular face has no glyph for."""
        cmap = _cmap(self.regular)
        return {ch for ch in set(text) if not ch.isspace() and ord(ch) not in cmap}

    def pillow(self, face: str, size_px: int) -> ImageFont.FreeTypeFont:
        chosen: FontFace = getattr(self, face)
        return _pillow_font(chosen.path, chosen.index, size_px)


@lru_cache(maxsize=64)
def _pillow_font(path: Path, index: int, size_px: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(path), size=size_px, index=index)


@lru_cache(maxsize=8)
def _cmap(face: FontFace) -> frozenset[int]:
    font = TTFont(str(face.path), fontNumber=face.index, lazy=True)
    try:
        return frozenset(font.getBestCmap() or {})
    finally:
        font.close()


def _from_env() -> FontSet | None:
    value = os.environ.get("CHECKIN_NOTICE_FONT")
    if not value:
        return None
    path, _, index = value.rpartition(":") if value.rpartition(":")[2].isdigit() else (
        value, "", "0")
    face = FontFace(Path(path), int(index or 0))
    if not face.path.is_file():
        raise FontNotFound(f"CHECKIN_NOTICE_FONT: no such file {face.path}")
    return FontSet(face, face, face)


def _from_fontconfig() -> FontSet | None:
    if shutil.which("fc-match") is None:
        return None
    try:
        out = subprocess.run(["fc-match", "-f", "%{file}\t%{index}", ":lang=zh-tw"],
                             capture_output=True, text=True, timeout=10, check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    path, _, index = out.partition("\t")
    if not path or not Path(path).is_file() or Path(path).suffix.lower() not in (
            ".ttf", ".ttc", ".otf", ".otc"):
        return None
    face = FontFace(Path(path), int(index or 0))
    return FontSet(face, face, face)


@lru_cache(maxsize=1)
def find_fonts() -> FontSet:
    """The best Traditional Chinese fonts found; raises :class:`FontNotFound`."""
    chosen = _from_env()
    if chosen is not None:
        return chosen
    for regular, bold, mono in _CANDIDATES:
        if regular[0].is_file():
            faces = [FontFace(p, i) if p.is_file() else FontFace(*regular)
                     for p, i in (regular, bold, mono)]
            return FontSet(*faces)
    chosen = _from_fontconfig()
    if chosen is not None:
        return chosen
    raise FontNotFound("install fonts-noto-cjk (or set CHECKIN_NOTICE_FONT)")


class FontSubsets:
    """Small per-batch subsets of the font set, for fast PDF embedding.

    Asking for characters not yet covered makes new subsets that cover the union. Subsets
    are cached for the life of the process (a desk renders the same roster repeatedly).
    """

    def __init__(self, fonts: FontSet) -> None:
        self.fonts = fonts
        self._chars: dict[str, set[str]] = {}
        self.paths: dict[str, Path] = {}

    def ensure(self, needed: dict[str, str]) -> dict[str, Path]:
        """Subset files (keys regular/bold/mono) covering the text each face must draw."""
        for role in ("regular", "bold", "mono"):
            have = self._chars.setdefault(role, set(_ALWAYS))
            wanted = set(needed.get(role, ""))
            if wanted <= have and role in self.paths:
                continue
            have |= wanted
            self.paths[role] = _cached_subset(getattr(self.fonts, role),
                                              "".join(sorted(have)))
        return self.paths

    def close(self) -> None:
        """Nothing to release today; kept so callers can scope a renderer's lifetime."""


_ALWAYS = "".join(chr(c) for c in range(0x20, 0x7F))
# Layout and vertical-writing tables (the PDF places glyphs one by one, left to right) and
# FontForge's timestamp.
_NOT_EMBEDDED = ("BASE", "FFTM", "GDEF", "GPOS", "GSUB", "JSTF", "vhea", "vmtx", "VORG")
_CACHE: dict[tuple[FontFace, str], Path] = {}
_CACHE_DIR: list[Path] = []


def _cached_subset(face: FontFace, chars: str) -> Path:
    wanted = set(chars)
    for (cached_face, cached_chars), path in _CACHE.items():
        # Any earlier subset that holds every wanted character will do.
        if cached_face == face and wanted <= set(cached_chars) and path.exists():
            return path
    if not _CACHE_DIR:
        folder = Path(tempfile.mkdtemp(prefix="checkin-fonts-"))
        atexit.register(shutil.rmtree, folder, True)
        _CACHE_DIR.append(folder)
    path = _CACHE_DIR[0] / f"subset-{len(_CACHE)}.ttf"
    _subset(face, chars, path)
    _CACHE[(face, chars)] = path
    return path


def _subset(face: FontFace, chars: str, target: Path) -> None:
    """Subset ``face`` to ``chars`` and save it with TrueType outlines.

    Why TrueType: a TrueType font is cut down per document by joining the used glyphs'
    bytes (glyf/loca), where CFF outlines would need a CFF subsetter per document. The
    cubic-to-quadratic conversion error is kept under 1 font unit (invisible at any size).
    Layout tables are left out: the PDF places glyphs one by one, and Pillow draws with
    the full font, not with this subset.
    """
    font = TTFont(str(face.path), fontNumber=face.index, lazy=True, recalcTimestamp=False,
                  recalcBBoxes=False)
    try:
        cff = "CFF " in font
        for tag in _NOT_EMBEDDED:
            if tag in font:
                del font[tag]  # before subsetting: the subsetter would parse them first
        options = ft_subset.Options()
        options.name_IDs = ["*"]
        options.notdef_outline = True
        # Print and screen sizes render well without hints. CFF hints go with the
        # conversion to TrueType anyway: removing them first would cost a fifth of the time.
        options.hinting = cff
        options.layout_features = []
        subsetter = ft_subset.Subsetter(options)
        subsetter.populate(text=chars)
        subsetter.subset(font)
        if cff:
            _cff_to_glyf(font)
            font.recalcBBoxes = True  # TrueType bounds are cheap (CFF ones were not)
        font.save(str(target))
    finally:
        font.close()


def _cff_to_glyf(font: TTFont) -> None:
    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        # CFF contours run counter-clockwise, TrueType ones clockwise.
        glyph_set[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf
    maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for attr in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs",
                 "maxInstructionDefs", "maxStackElements", "maxSizeOfInstructions",
                 "maxComponentElements"):
        setattr(maxp, attr, 1 if attr == "maxZones" else 0)
    font["maxp"] = maxp
    font["head"].indexToLocFormat = 0
    font["head"].glyphDataFormat = 0
    post = font["post"]
    post.formatType = 2.0
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = order
    for tag in ("CFF ", "VORG"):
        if tag in font:
            del font[tag]
    font.sfntVersion = "\x00\x01\x00\x00"

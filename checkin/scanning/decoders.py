"""QR decoding: camera frames and still images to payload texts. No Qt.

Two engines sit behind one :class:`Decoder` protocol: zbar (through pyzbar) and zxing-cpp.
Both are restricted to plain QR: a notice never carries another symbology, and letting an
engine look for other ones only costs time and opens the door to misreads (zxing-cpp's
Micro QR reader can "find" a Micro QR in a cut-off code). The decoder returns every text it
finds; whether the text is one of our tokens is the check-in service's decision.

:func:`default_decoder` is the per-frame decoder of the desk camera; :func:`decode_image`
and :func:`decode_file` are for still images and try everything.
"""

from __future__ import annotations

import importlib
import logging
import warnings
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any, Protocol, runtime_checkable

import numpy as np
import zxingcpp
from PIL import Image, ImageOps, UnidentifiedImageError

from checkin.core.errors import CodedError
from checkin.scanning import preprocess

log = logging.getLogger(__name__)

# zxing-cpp 3 made ``QRCode`` a family (QR, Micro QR, rMQR); 2.x had only ``QRCode`` for the
# plain one. Ask for Model 2 where it exists, and check every result's format either way.
# (Typed Any: the stubs of 2.x and 3.x disagree on BarcodeFormat vs BarcodeFormats here.)
_ZX_FORMATS: Any = getattr(zxingcpp.BarcodeFormat, "QRCodeModel2", zxingcpp.BarcodeFormat.QRCode)
_ZX_PLAIN_QR = frozenset(
    getattr(zxingcpp.BarcodeFormat, name)
    for name in ("QRCode", "QRCodeModel1", "QRCodeModel2")
    if hasattr(zxingcpp.BarcodeFormat, name)
)

# Still images larger than this are downscaled before the heavy passes (a phone photo of a
# notice is 12 MP; the code is large in it anyway).
_STILL_MAX_SIDE = 2000


class ScanError(CodedError):
    """A still image could not be read at all (as opposed to: read, no code in it).

    ``code`` is stable for callers and tests: ``FILE_NOT_FOUND``, ``NOT_AN_IMAGE``,
    ``UNREADABLE``.
    """

    def __init__(self, code: str, detail: str) -> None:
        super().__init__(code, detail)


@runtime_checkable
class Decoder(Protocol):
    """Anything that turns a grayscale frame into the texts of the QR codes in it."""

    name: str

    def decode(self, gray: np.ndarray) -> list[str]:
        """Texts of every QR code found in ``gray`` (2-D uint8), in reading order."""
        ...


_pyzbar: ModuleType | None = None
_pyzbar_checked = False


def zbar_module() -> ModuleType | None:
    """``pyzbar.pyzbar``, or None when it or the zbar system library is missing.

    zbar is only for still images; the desk camera runs on zxing-cpp alone, so a desk PC
    without libzbar must start (stills then go to zxing-cpp only). Imported on first use,
    not at import time: pyzbar loads the shared library as it is imported.
    """
    global _pyzbar, _pyzbar_checked
    if not _pyzbar_checked:
        _pyzbar_checked = True
        try:
            _pyzbar = importlib.import_module("pyzbar.pyzbar")
        except (ImportError, OSError) as exc:  # OSError: the .so is missing or broken
            log.warning("zbar not available (%s): still images are read by zxing-cpp only",
                        exc)
            _pyzbar = None
    return _pyzbar


def _unique(texts: Iterable[str]) -> list[str]:
    """De-duplicated, first occurrence first (stable across runs)."""
    return list(dict.fromkeys(texts))


class PyzbarDecoder:
    """zbar restricted to QR (several times faster than all symbologies on 720p).

    zbar reads only dark-on-light codes; ``invert_retry`` runs a second pass on the inverted
    frame when the first found nothing (at a desk: most frames, so it doubles the cost of an
    empty frame).
    """

    def __init__(self, invert_retry: bool = True) -> None:
        self.invert_retry = invert_retry
        self.name = "pyzbar+invert" if invert_retry else "pyzbar"

    def decode(self, gray: np.ndarray) -> list[str]:
        gray = preprocess.as_gray(gray)
        found = self._scan(gray)
        if not found and self.invert_retry:
            found = self._scan(preprocess.invert(gray))
        return found

    @staticmethod
    def _scan(gray: np.ndarray) -> list[str]:
        pyzbar = zbar_module()
        if pyzbar is None:
            return []
        symbols = pyzbar.decode(gray, symbols=[pyzbar.ZBarSymbol.QRCODE])
        # zbar hands over UTF-8 (it transcodes the QR's own charset itself).
        return _unique(s.data.decode("utf-8", errors="replace") for s in symbols
                       if s.type == "QRCODE")


class ZxingDecoder:
    """zxing-cpp restricted to plain QR (no Micro QR, no rMQR).

    It reads inverted and mirrored codes by itself. ``try_downscale`` lets it also search a
    reduced image (helps large or blurred codes, costs time on empty frames);
    ``binarizer`` is zxing's ``Binarizer`` name (``LocalAverage`` copes with glare).
    """

    def __init__(self, try_downscale: bool = True, try_invert: bool = True,
                 binarizer: str = "LocalAverage") -> None:
        self.try_downscale = try_downscale
        self.try_invert = try_invert
        self.binarizer = getattr(zxingcpp.Binarizer, binarizer)
        parts = ["zxing"]
        if not try_downscale:
            parts.append("nodownscale")
        if not try_invert:
            parts.append("noinvert")
        if binarizer != "LocalAverage":
            parts.append(binarizer)
        self.name = "-".join(parts)

    def decode(self, gray: np.ndarray) -> list[str]:
        gray = preprocess.as_gray(gray)
        results = zxingcpp.read_barcodes(
            gray, formats=_ZX_FORMATS, try_rotate=True, try_downscale=self.try_downscale,
            try_invert=self.try_invert, binarizer=self.binarizer,
            text_mode=zxingcpp.TextMode.Plain)
        return _unique(r.text for r in results if r.format in _ZX_PLAIN_QR and r.valid)


class Preprocessed:
    """Run ``inner`` on ``step(frame)``: a pre-processing step in front of an engine."""

    def __init__(self, inner: Decoder, step: Callable[[np.ndarray], np.ndarray],
                 step_name: str) -> None:
        self.inner = inner
        self.step = step
        self.name = f"{inner.name}@{step_name}"

    def decode(self, gray: np.ndarray) -> list[str]:
        return self.inner.decode(self.step(preprocess.as_gray(gray)))


class FirstHit:
    """Try decoders in order; the first that finds anything answers."""

    def __init__(self, decoders: Sequence[Decoder], name: str | None = None) -> None:
        self.decoders = list(decoders)
        self.name = name or " > ".join(d.name for d in self.decoders)

    def decode(self, gray: np.ndarray) -> list[str]:
        gray = preprocess.as_gray(gray)
        for decoder in self.decoders:
            found = decoder.decode(gray)
            if found:
                return found
        return []


class EveryNth:
    """``primary`` on every frame; a fallback on every ``n``-th frame the primary missed.

    A heavy pass on every empty frame would blow the frame budget; on one frame in ``n`` it
    costs ``1/n`` of itself on average, and a notice held up for half a second (15 frames)
    still meets it several times. With several fallbacks they take turns, so no single frame
    pays for all of them. Stateful (a frame counter): one instance per decoding thread.
    """

    def __init__(self, primary: Decoder, fallbacks: Decoder | Sequence[Decoder],
                 n: int = 2) -> None:
        if n < 1:
            raise ValueError("n must be at least 1")
        self.primary = primary
        self.fallbacks = [fallbacks] if isinstance(fallbacks, Decoder) else list(fallbacks)
        if not self.fallbacks:
            raise ValueError("at least one fallback")
        self.n = n
        turns = ", ".join(f.name for f in self.fallbacks)
        self.name = f"{primary.name} | every {n}: {turns}"
        self._missed = 0
        self._turn = 0

    def decode(self, gray: np.ndarray) -> list[str]:
        gray = preprocess.as_gray(gray)
        found = self.primary.decode(gray)
        if found:
            self._missed = 0
            return found
        self._missed += 1
        if self._missed % self.n:
            return []
        fallback = self.fallbacks[self._turn % len(self.fallbacks)]
        self._turn += 1
        return fallback.decode(gray)


def fallback_decoders() -> list[Decoder]:
    """The heavier passes for frames the fast path missed, cheapest first.

    Each alone stays under about 12 ms on 1280x720: zxing after local thresholding (glare,
    phone screens, blur) and after a CLAHE-like local contrast stretch (low contrast, dim
    halls). zbar is left out: even restricted to QR it costs 15-70 ms per pass here and
    reads nothing zxing misses on these frames.
    """
    zxing = ZxingDecoder()
    return [Preprocessed(zxing, preprocess.adaptive_threshold, "threshold"),
            Preprocessed(zxing, preprocess.local_stretch, "local-stretch")]


def default_decoder() -> Decoder:
    """The desk camera's per-frame decoder: :class:`checkin.scanning.desk.DeskDecoder`.

    It adds to :func:`zxing_with_fallbacks` (below) region retries, frame averaging and
    hints for hard frames; see ``desk.py`` and the README's decoding tables.
    """
    from checkin.scanning.desk import DeskDecoder  # desk builds on this module

    return DeskDecoder()


def zxing_with_fallbacks() -> Decoder:
    """zxing-cpp, then fallbacks on missed frames (the desk's decoder before issue 12).

    zxing-cpp (plain QR) reads every full frame; on every 2nd frame it misses, the two
    :func:`fallback_decoders` run in turn.

    Why, from ``benchmarks/bench_decode.py`` (200 synthetic 1280x720 frames, seed 20220429,
    2-core machine; rates are % of frames with a code, read within a 4-frame hold):

    ===============================  ========  ======  ======  =============
    decoder                          hard ok   median  p95     empty median
    ===============================  ========  ======  ======  =============
    pyzbar, all symbologies          67 %      52 ms   152 ms  57 ms
    pyzbar, QR only                  67 %      23 ms   32 ms   23 ms
    pyzbar, QR + inversion retry     78 %      23 ms   63 ms   48 ms
    zxing-cpp, plain QR              96 %      1.3 ms  5.9 ms  1.0 ms
    zxing, centre crop (ROI)         79 %      0.5 ms  2.0 ms  0.4 ms
    zxing, half size                 92 %      1.0 ms  1.4 ms  0.9 ms
    zxing after adaptive threshold   97 %      5.4 ms  9.8 ms  5.1 ms
    **this**                         98 %      1.2 ms  11 ms   3.7 ms
    ===============================  ========  ======  ======  =============

    zxing-cpp alone is both the fastest and the most capable engine (it reads inverted,
    dim and JPEG-smeared codes that zbar misses); a centre crop or half size saves under a
    millisecond and loses off-centre and small (phone) codes, so the full frame is kept.
    The threshold / local-contrast passes add the glare, blur and phone-screen codes zxing
    misses, and, taking turns on every 2nd empty frame, keep the p95 far inside the 33 ms
    frame and the median well under 10 ms. Stateful: one instance per decoding thread.
    """
    return EveryNth(ZxingDecoder(), fallback_decoders(), n=2)


def _still_passes() -> list[Decoder]:
    zxing = ZxingDecoder()
    zbar = PyzbarDecoder(invert_retry=True) if zbar_module() is not None else None
    passes: list[Decoder] = [zxing] if zbar is None else [zxing, zbar]
    steps: list[tuple[str, Callable[[np.ndarray], np.ndarray]]] = [
        ("stretch", preprocess.stretch_contrast),
        ("local-stretch", preprocess.local_stretch),
        ("threshold", preprocess.adaptive_threshold),
        ("half", preprocess.downscale2),
    ]
    for step_name, step in steps:
        passes.append(Preprocessed(zxing, step, step_name))
        if zbar is not None:
            passes.append(Preprocessed(zbar, step, step_name))
    return passes


def decode_gray_thoroughly(gray: np.ndarray) -> list[str]:
    """Every engine and every pre-processing step; all texts, de-duplicated, stable order."""
    gray = preprocess.as_gray(gray)
    texts: list[str] = []
    for decoder in _still_passes():
        texts.extend(decoder.decode(gray))
    return _unique(texts)


def decode_image(image: Image.Image) -> list[str]:
    """QR texts in a still image (the ``checkin scan`` command): tries everything.

    The EXIF orientation of phone photos is applied first; transparency is flattened onto
    white (a transparent PNG's "black" would otherwise be read as its colour values).
    """
    image = ImageOps.exif_transpose(image)
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P"
                                              and "transparency" in image.info):
        rgba = image.convert("RGBA")
        flat = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        flat.alpha_composite(rgba)
        image = flat
    gray_image = image.convert("L")
    if max(gray_image.size) > _STILL_MAX_SIDE:
        gray_image = gray_image.copy()
        gray_image.thumbnail((_STILL_MAX_SIDE, _STILL_MAX_SIDE), Image.Resampling.LANCZOS)
    gray = np.asarray(gray_image, dtype=np.uint8)
    texts = decode_gray_thoroughly(gray)
    if not texts and max(image.size) > _STILL_MAX_SIDE:
        # A small code in a huge photo: the reduction may have lost it.
        texts = decode_gray_thoroughly(np.asarray(image.convert("L"), dtype=np.uint8))
    return texts


def decode_file(path: str | Path) -> list[str]:
    """QR texts in an image file; raises :class:`ScanError` when it cannot be read."""
    path = Path(path)
    if not path.is_file():
        raise ScanError("FILE_NOT_FOUND", f"no such file: {path}")
    try:
        with warnings.catch_warnings():
            # Pillow warns of a format it knows but was built without (AVIF in the desk's
            # build): the error below says it in the user's words.
            warnings.simplefilter("ignore", UserWarning)
            image = Image.open(path)
        with image:
            image.load()
            return decode_image(image)
    except UnidentifiedImageError as exc:
        raise ScanError("NOT_AN_IMAGE", f"not an image file, or not one this installation "
                                        f"reads (JPEG and PNG are): {path}") from exc
    except (OSError, ValueError, Image.DecompressionBombError) as exc:
        raise ScanError("UNREADABLE", f"cannot read {path}: {exc}") from exc

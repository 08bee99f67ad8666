"""The desk camera's decoder: hard frames, held notices, and hints for what no decoder reads.

Per frame, cheapest first, stopping at the first read; what costs more than a plain read
runs only on evidence of a code (a symbol zxing saw, or a pair of finder patterns) in this
frame or the last ``evidence_frames``, so an empty desk costs about two zxing reads' worth:

1. zxing-cpp on the 2x2-denoised frame (a 2x2 mean: small modules under sensor noise, and
   smeared ones, read here; clean frames read as well as raw ones), asking also for symbols
   it saw but could not decode (``return_errors``): those give the region to retry.
2. Each such region alone, scaled to 4 px a module: denoised, and deconvolved for a
   defocused lens (Wiener filter, disc of 0.75-1.1 modules; the module size comes from the
   symbol zxing saw). A region is small, so each try costs well under a millisecond.
3. On evidence: the raw frame (a few blurred or phone-screen codes read only there); once
   the picture has stood still for a few frames, the mean of those frames (noise falls with
   the square root of their number: a held notice is worth several frames).
4. On evidence and a still picture, on every 2nd frame, the heavier passes of
   :func:`fallback_decoders` in turn (glare, low contrast). On every 4th frame, a search for
   finder patterns (about 3 ms): evidence for the passes above, and the hint.

What no algorithm reads (a notice cut by the frame's edge, a thumb over a corner square, a
code blurred past recovery) gets a :class:`Hint` instead, once it has been seen in a few
frames, so the person can fix it. Stateful: one instance per decoding thread. No Qt.
"""

from __future__ import annotations

import enum
import functools
import itertools
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
import zxingcpp
from PIL import Image

from checkin.scanning import preprocess
from checkin.scanning.decoders import (
    _ZX_FORMATS,
    _ZX_PLAIN_QR,
    Decoder,
    _unique,
    fallback_decoders,
)
from checkin.scanning.finders import code_outlines, find_finders


class Hint(enum.Enum):
    """What the person holding the notice should change; the UI words it."""

    CUT_AT_EDGE = "cut_at_edge"  # move the whole notice into the picture
    COVERED = "covered"  # a finger (or a fold) is over a corner square
    BLURRED = "blurred"  # out of focus or moving: hold it still, a little further away


@dataclass(frozen=True)
class FrameScan:
    """One frame's outcome: the texts read, and the hint to show (None: nothing to say)."""

    payloads: tuple[str, ...]
    hint: Hint | None = None


@dataclass(frozen=True)
class _Seen:
    """A QR symbol zxing found but could not decode."""

    corners: np.ndarray  # (4, 2) x, y
    version: int


_ROI_MODULE = 4.0  # px per module in a retried region
_DEFOCUS_RADII = (0.75, 0.9, 1.05)  # disc radius, in modules, tried on a region
_EDGE_PX = 3.0


def _read(gray: np.ndarray, binarizer: Any = None) -> list[Any]:
    return list(zxingcpp.read_barcodes(
        np.ascontiguousarray(gray), formats=_ZX_FORMATS, try_rotate=True,
        try_downscale=True, try_invert=True, text_mode=zxingcpp.TextMode.Plain,
        binarizer=binarizer or zxingcpp.Binarizer.LocalAverage, return_errors=True))


def _split(results: list[Any]) -> tuple[list[str], list[_Seen]]:
    texts: list[str] = []
    seen: list[_Seen] = []
    for r in results:
        if r.format not in _ZX_PLAIN_QR:
            continue
        if r.valid:
            texts.append(r.text)
            continue
        p = r.position
        corners = np.array([[p.top_left.x, p.top_left.y], [p.top_right.x, p.top_right.y],
                            [p.bottom_right.x, p.bottom_right.y],
                            [p.bottom_left.x, p.bottom_left.y]], dtype=np.float64)
        try:
            version = int(r.extra.get("Version", 0))
        except (AttributeError, TypeError, ValueError):
            version = 0
        seen.append(_Seen(corners, version))
    return _unique(texts), seen


def mean2x2(gray: np.ndarray) -> np.ndarray:
    """Each pixel averaged with its right, lower and lower-right neighbours (same size).

    One uint16 sum and one copy (about 0.7 ms on 1280x720, a third of summing in a copy);
    the last row and column are left as they are.
    """
    total = np.add(gray[:-1, :-1], gray[1:, :-1], dtype=np.uint16)
    total += gray[:-1, 1:]
    total += gray[1:, 1:]
    total += 2
    total >>= 2
    out = gray.copy()
    out[:-1, :-1] = total
    return out


def _disc_otf(radius: float, shape: tuple[int, int]) -> np.ndarray:
    n = int(np.ceil(radius)) + 1
    yy, xx = np.mgrid[-n:n + 1, -n:n + 1]
    kernel = np.clip(radius + 0.5 - np.hypot(xx, yy), 0.0, 1.0)
    padded = np.zeros(shape)
    padded[:2 * n + 1, :2 * n + 1] = kernel / kernel.sum()
    padded = np.roll(padded, (-n, -n), axis=(0, 1))
    return np.fft.rfft2(padded)


def _fft_size(n: int) -> int:
    """The smallest n' >= n with no prime factor above 5 (pocketfft is slow on large ones)."""
    while True:
        m = n
        for p in (2, 3, 5):
            while m % p == 0:
                m //= p
        if m == 1:
            return n
        n += 1


@functools.lru_cache(maxsize=16)
def _wiener(radius: float, shape: tuple[int, int], noise: float) -> np.ndarray:
    otf = _disc_otf(radius, shape)
    filt: np.ndarray = np.conj(otf) / (np.abs(otf) ** 2 + noise)
    return filt


def deconvolutions(gray: np.ndarray, radii: tuple[float, ...], noise: float = 0.02
                   ) -> Iterator[np.ndarray]:
    """Wiener deconvolutions of a defocus blur (a disc of each of ``radii`` px), lazily.

    The picture's spectrum is taken once for all radii, at a size FFTs are fast for.
    """
    h, w = gray.shape
    # Edge padding keeps the FFT's wrap-around from ringing in from the far side.
    pad = int(np.ceil(max(radii))) * 3
    shape = (_fft_size(h + 2 * pad), _fft_size(w + 2 * pad))
    padded = np.pad(gray.astype(np.float64),
                    ((pad, shape[0] - h - pad), (pad, shape[1] - w - pad)), mode="edge")
    spectrum = np.fft.rfft2(padded)
    for radius in radii:
        out = np.fft.irfft2(spectrum * _wiener(radius, shape, noise), s=shape)
        yield np.clip(out[pad:pad + h, pad:pad + w], 0, 255).astype(np.uint8)


def deconvolve_defocus(gray: np.ndarray, radius: float, noise: float = 0.02) -> np.ndarray:
    """Wiener deconvolution of a defocus blur (a disc of ``radius`` px)."""
    return next(deconvolutions(gray, (radius,), noise))


def _region(gray: np.ndarray, seen: _Seen) -> tuple[np.ndarray, float]:
    """The symbol with a 4-module margin, scaled to ``_ROI_MODULE`` px a module."""
    side = max(float(np.linalg.norm(seen.corners[1] - seen.corners[0])),
               float(np.linalg.norm(seen.corners[3] - seen.corners[0])))
    modules = 17 + 4 * seen.version if seen.version else 29
    module = max(side / max(modules - 1, 1), 1.0)  # a degenerate quad: no division by 0
    lo = np.floor(seen.corners.min(axis=0) - 5 * module).astype(int)
    hi = np.ceil(seen.corners.max(axis=0) + 5 * module).astype(int)
    h, w = gray.shape
    x0, y0 = max(int(lo[0]), 0), max(int(lo[1]), 0)
    x1, y1 = min(int(hi[0]), w), min(int(hi[1]), h)
    crop = gray[y0:y1, x0:x1]
    scale = _ROI_MODULE / module
    if crop.size == 0 or min(crop.shape) < 8:
        return crop, module
    size = (max(8, round(crop.shape[1] * scale)), max(8, round(crop.shape[0] * scale)))
    return np.asarray(Image.fromarray(crop).resize(size, Image.Resampling.BILINEAR)), module


def _touches_edge(seen: _Seen, shape: tuple[int, ...]) -> bool:
    h, w = shape
    xs, ys = seen.corners[:, 0], seen.corners[:, 1]
    return bool(xs.min() < _EDGE_PX or ys.min() < _EDGE_PX or xs.max() > w - 1 - _EDGE_PX
                or ys.max() > h - 1 - _EDGE_PX)


def _busyness(gray: np.ndarray, corners: np.ndarray, module: float) -> float:
    """Grey-level spread around a code's centre (data modules: high; paper or desk: low)."""
    cx, cy = corners.mean(axis=0)
    r = max(int(3 * module), 2)
    h, w = gray.shape
    x, y = int(cx), int(cy)
    if not (0 <= x < w and 0 <= y < h):
        return 0.0
    box = gray[max(y - r, 0):y + r, max(x - r, 0):x + r]
    return float(box.std()) if box.size else 0.0


class DeskDecoder:
    """zxing-cpp plus region retries, frame averaging and hints (see the module text).

    :meth:`decode` satisfies the :class:`Decoder` protocol; :meth:`scan` also returns the
    hint. A hint is given once the same one was found in ``hint_after`` of the last
    ``hint_window`` frames it was looked for in, and dropped as soon as a code is read.
    """

    name = "desk"

    def __init__(self, heavy: list[Decoder] | None = None, hint_after: int = 2,
                 hint_window: int = 3, still_frames: int = 3, average_max: int = 6,
                 evidence_frames: int = 6) -> None:
        self.heavy = fallback_decoders() if heavy is None else heavy
        self.hint_after = hint_after
        self.hint_window = hint_window
        self.still_frames = still_frames
        self.average_max = average_max
        self.evidence_frames = evidence_frames
        self._frames = 0
        self._turn = 0
        self._hints: deque[Hint | None] = deque(maxlen=hint_window)
        self._hint: Hint | None = None
        self._thumb: np.ndarray | None = None
        self._still = 0
        self._recent: deque[np.ndarray] = deque(maxlen=average_max)
        self._since_evidence = evidence_frames + 1  # frames since something QR-like was seen

    def decode(self, gray: np.ndarray) -> list[str]:
        return list(self.scan(gray).payloads)

    def scan(self, gray: np.ndarray) -> FrameScan:
        """Read one frame; the payloads found and the hint to show."""
        gray = preprocess.as_gray(gray)
        if gray.shape[0] < 8 or gray.shape[1] < 8:
            return FrameScan(())
        self._frames += 1
        self._since_evidence += 1
        self._track_stillness(gray)
        # The first read is of the 2x2-denoised frame: as fast as the raw one, it reads
        # small noisy modules and smeared ones too, and tells where a symbol was seen.
        denoised = mean2x2(gray)
        texts, seen = _split(_read(denoised))
        if seen:
            self._evidence()
        if not texts and seen:
            texts = self._retry_regions(gray, seen)
        if not texts and self._since_evidence <= self.evidence_frames:
            # Something QR-like in this frame or a recent one: the raw frame too (a few
            # blurred or phone-screen codes read only there), then the held frames' mean.
            texts, seen_raw = _split(_read(gray))
            if not texts and seen_raw and not seen:
                texts = self._retry_regions(gray, seen_raw)
            seen = seen or seen_raw
            if not texts:
                texts = self._averaged()
        if texts:
            self._hints.clear()
            self._hint = None
            return FrameScan(tuple(texts))
        if seen:
            self._note_hint(Hint.CUT_AT_EDGE if any(_touches_edge(s, gray.shape)
                                                      for s in seen) else Hint.BLURRED)
        elif (self._frames % 2 == 0 and self.heavy and self._still >= 1
              and self._since_evidence <= self.evidence_frames):
            # The heavy passes (glare, low contrast) only for a still picture where a code
            # was seen: never on an empty desk, however long it stands still.
            heavy = self.heavy[self._turn % len(self.heavy)]
            self._turn += 1
            found = heavy.decode(gray)
            if found:
                self._hints.clear()
                self._hint = None
                return FrameScan(tuple(found))
        elif self._frames % 4 == 1:
            # On a fixed quarter of the frames (not right after each read): about 3 ms.
            self._note_hint(self._hint_from_finders(gray))
        return FrameScan((), self._hint)

    def _evidence(self) -> None:
        """Something QR-like was seen in this frame; fresh evidence restarts the heavy passes."""
        if self._since_evidence > self.evidence_frames:
            self._turn = 0
        self._since_evidence = 0

    # --- passes ---------------------------------------------------------------------------

    def _retry_regions(self, gray: np.ndarray, seen: list[_Seen]) -> list[str]:
        for symbol in seen[:2]:
            region, _module = _region(gray, symbol)
            if min(region.shape) < 16:
                continue
            tries = itertools.chain([mean2x2(region)], deconvolutions(
                region, tuple(r * _ROI_MODULE for r in _DEFOCUS_RADII)))
            for attempt in tries:  # lazily: a read stops the deconvolving
                texts, _ = _split(_read(attempt))
                if texts:
                    return texts
        return []

    def _averaged(self) -> list[str]:
        """The mean of the frames the picture has stood still for (noise falls as 1/sqrt n)."""
        if self._still < self.still_frames or len(self._recent) < 2:
            return []
        total = np.zeros(self._recent[0].shape, np.uint16)
        for frame in self._recent:
            total += frame
        mean = ((total + len(self._recent) // 2) // len(self._recent)).astype(np.uint8)
        texts, seen = _split(_read(mean))
        if not texts and seen:
            texts = self._retry_regions(mean, seen)
        return texts

    def _track_stillness(self, gray: np.ndarray) -> None:
        """Count frames the picture has stood still; keep them while a code was seen lately."""
        thumb = gray[::8, ::8].astype(np.int16)
        if self._thumb is not None and self._thumb.shape == thumb.shape:
            # Sensor noise alone moves a pixel a few levels; a moving notice, tens.
            changed = float(np.mean(np.abs(thumb - self._thumb) > 24))
            self._still = self._still + 1 if changed < 0.01 else 0
        else:
            self._still = 0
        self._thumb = thumb
        if self._still == 0 or self._since_evidence > self.evidence_frames:
            self._recent.clear()
        if self._since_evidence <= self.evidence_frames:
            self._recent.append(gray.copy())  # a copy: the caller may reuse its buffer

    # --- hints ----------------------------------------------------------------------------

    def _hint_from_finders(self, gray: np.ndarray) -> Hint | None:
        found = find_finders(gray)
        if sum(1 for f in found if f.module >= 2.0) >= 2:
            self._evidence()  # corner squares: a code may be here (glare, a screen)
        finders = [f for f in found if f.module >= 3.0]
        h, w = gray.shape
        verdicts: set[Hint] = set()
        for hypotheses in code_outlines(finders):
            # The code is where its data modules are: the busiest of the possible centres.
            corners, module = max(hypotheses, key=lambda hyp: _busyness(gray, *hyp))
            if _busyness(gray, corners, module) < 40.0:
                continue
            margin = 3.5 * module
            cut = bool(np.any(corners < margin) or np.any(corners[:, 0] > w - margin)
                       or np.any(corners[:, 1] > h - margin))
            verdicts.add(Hint.CUT_AT_EDGE if cut else Hint.COVERED)
        if verdicts:
            return Hint.CUT_AT_EDGE if Hint.CUT_AT_EDGE in verdicts else Hint.COVERED
        # One corner square near the edge and no other: the rest is beyond the edge.
        if len(finders) == 1:
            f = finders[0]
            if min(f.x, f.y, w - f.x, h - f.y) < 26 * f.module:
                return Hint.CUT_AT_EDGE
        return None

    def _note_hint(self, hint: Hint | None) -> None:
        self._hints.append(hint)
        if hint is not None and sum(1 for h in self._hints if h is hint) >= self.hint_after:
            self._hint = hint
        elif all(h is None for h in self._hints):
            self._hint = None

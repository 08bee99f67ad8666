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
   finder patterns (about 1 ms; evidence for the passes above, and the cut or covered hint)
   and one for a big, defocused code's (about 2.3 ms; the too-close hint); every frame while
   one found something lately, and not again on a still picture where they found nothing.

What no algorithm reads (a notice cut by the frame's edge, a thumb over a corner square, a
code held too close to be in focus) gets a :class:`Hint` instead, once 2 of the last 3
searches agree, so the person can fix it. Stateful: one instance per decoding thread. No Qt.
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

from checkin.scanning import finders as finder_search
from checkin.scanning import preprocess
from checkin.scanning.decoders import (
    _ZX_FORMATS,
    _ZX_PLAIN_QR,
    Decoder,
    _unique,
    fallback_decoders,
)
from checkin.scanning.finders import Finder, find_finders, finders_in, partial_code


class Hint(enum.Enum):
    """What the person holding the notice should change; the UI words it."""

    CUT_AT_EDGE = "cut_at_edge"  # move the whole notice into the picture
    COVERED = "covered"  # a finger (or a fold) is over a corner square
    TOO_CLOSE = "too_close"  # big and out of focus: hold it a little further away
    BLURRED = "blurred"  # seen but not read, smaller: hold it still, a little further away


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
# A code too close to the lens: modules of 10-15 px on 1280x720 blurred over 1.3-1.6 of
# them. On a quarter-size copy deconvolved for a disc of this radius (about 18 px at full
# size) its finder patterns come back; a sharp or a small code's do not come out this way.
_CLOSE_RADIUS = 4.5
_CLOSE_SIDE = 0.35  # ... and the code spans at least this share of the frame's height
_HOT_FRAMES = 3  # after finders were found: search every frame for this many frames


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


def _area(corners: np.ndarray) -> float:
    """The area of a quadrilateral (shoelace; a twisted one comes out small)."""
    x, y = corners[:, 0], corners[:, 1]
    return float(abs(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1))) / 2)


def _seen_module(seen: _Seen) -> float:
    side = max(float(np.linalg.norm(seen.corners[1] - seen.corners[0])),
               float(np.linalg.norm(seen.corners[3] - seen.corners[0])))
    modules = 17 + 4 * seen.version if seen.version else 29
    return side / max(modules - 1, 1)


def _seen_side(seen: _Seen) -> float:
    return max(float(np.linalg.norm(seen.corners[1] - seen.corners[0])),
               float(np.linalg.norm(seen.corners[3] - seen.corners[0])))


def close_finders(denoised: np.ndarray) -> tuple[list[Finder], np.ndarray | None]:
    """Finder patterns of a big, badly defocused code (see ``_CLOSE_RADIUS``), or none.

    ``denoised`` is the 2x2-averaged frame: its even pixels are the half-size copy. Also
    the deconvolved copy searched (None for a frame too small). About 2 ms on 1280x720.
    """
    h = denoised.shape[0]
    factor = 4 if h >= 600 else 2 if h >= 300 else 0
    if not factor:
        return [], None
    small = np.ascontiguousarray(denoised[::2, ::2])
    if factor == 4:
        small = preprocess.downscale2(small)
    sharp = next(deconvolutions(small, (_CLOSE_RADIUS,), 0.01))
    return [f for f in finders_in(sharp, float(factor), min_module=1.8)
            if f.module >= 2 * factor], sharp


def _too_close(found: list[Finder], shape: tuple[int, ...]) -> bool:
    """Two big finders a code apart, the code a good share of the frame."""
    for a, b, neighbours, _diagonal in finder_search._fitting_pairs(found, min_module=3.0):
        m = (a.module + b.module) / 2
        length = float(np.hypot(b.x - a.x, b.y - a.y))
        side = (length if neighbours else length / np.sqrt(2)) + 7 * m
        if side >= _CLOSE_SIDE * min(shape):
            return True
    return False


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
        # Per search (finders, a too-close code's): frames since it found something, and
        # whether it found nothing on the picture that has stood still since.
        self._since_found = [_HOT_FRAMES + 1, _HOT_FRAMES + 1]
        self._idle_still = [False, False]

    def decode(self, gray: np.ndarray) -> list[str]:
        return list(self.scan(gray).payloads)

    def scan(self, gray: np.ndarray) -> FrameScan:
        """Read one frame; the payloads found and the hint to show."""
        gray = preprocess.as_gray(gray)
        if gray.shape[0] < 8 or gray.shape[1] < 8:
            return FrameScan(())
        self._frames += 1
        self._since_evidence += 1
        self._since_found = [n + 1 for n in self._since_found]
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
        if not seen and (self._frames % 2 == 0 and self.heavy and self._still >= 1
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
        # The finders tell what is wrong better than zxing's outline of a symbol it could
        # not read (that may be a chance quadrilateral): the outline is the fallback.
        searched, hint, texts = self._search_hint(gray, denoised, force=bool(seen))
        if texts:
            self._hints.clear()
            self._hint = None
            return FrameScan(tuple(texts))
        if hint is None and seen:
            hint = self._hint_from_seen(seen, gray.shape)
        if searched or seen:
            self._note_hint(hint)
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

    def _due(self, kind: int, force: bool) -> bool:
        """Whether search ``kind`` (0: finders, 1: a too-close code's) runs this frame.

        Both on every 4th frame (about 2 ms each; on alternate odd frames, half the frames
        would pay, and the median with them); every frame while it found something lately
        (a hint to confirm) or ``force``; never again on a picture that has stood still
        since that search found nothing there.
        """
        if force or self._since_found[kind] <= _HOT_FRAMES:
            return True
        if self._still >= 1 and self._idle_still[kind]:
            return False
        return self._frames % 4 == 1

    def _searched(self, kind: int, found: bool) -> None:
        if found:
            self._since_found[kind] = 0
        self._idle_still[kind] = not found and self._still >= 1

    def _search_hint(self, gray: np.ndarray, denoised: np.ndarray, force: bool
                     ) -> tuple[bool, Hint | None, list[str]]:
        """Finder patterns of a code zxing could not see: cut, covered or too close.

        Returns whether a search ran, its hint, and what it read (a too-close code, now
        and then, once deconvolved).
        """
        searched = False
        if self._due(0, force):
            searched = True
            found = find_finders(gray, half=np.ascontiguousarray(denoised[::2, ::2]))
            if sum(1 for f in found if f.module >= 2.0) >= 2:
                self._evidence()  # corner squares: a code may be here (glare, a screen)
            big = [f for f in found if f.module >= 3.0]
            verdict = partial_code(gray, big)
            self._searched(0, verdict is not None or len(big) >= 2)
            if verdict is not None:
                return True, (Hint.CUT_AT_EDGE if verdict == finder_search.CUT
                              else Hint.COVERED), []
        if self._due(1, force):
            searched = True
            close, sharp = close_finders(denoised)
            hit = _too_close(close, gray.shape)
            self._searched(1, hit or len(close) >= 2)
            if hit:
                # Now and then the deconvolved copy reads (about 0.1 ms to try); the other
                # passes are not worth running on such a blur.
                texts = _split(_read(sharp))[0] if sharp is not None else []
                return True, Hint.TOO_CLOSE, texts
        return searched, None, []

    def _hint_from_seen(self, seen: list[_Seen], shape: tuple[int, ...]) -> Hint | None:
        """A symbol zxing saw but could not read: cut by the edge, too close, or blurred."""
        seen = [s for s in seen if _area(s.corners) >= 400.0]  # not a degenerate outline
        if not seen:
            return None
        if any(_touches_edge(s, shape) for s in seen):
            return Hint.CUT_AT_EDGE
        if any(_seen_side(s) + 8 * _seen_module(s) >= _CLOSE_SIDE * min(shape) for s in seen):
            return Hint.TOO_CLOSE
        return Hint.BLURRED

    def _note_hint(self, hint: Hint | None) -> None:
        self._hints.append(hint)
        if hint is not None and sum(1 for h in self._hints if h is hint) >= self.hint_after:
            self._hint = hint
        elif all(h is None for h in self._hints):
            self._hint = None

"""Frame pre-processing steps for the QR engines (numpy only: no OpenCV on the desk).

Every step takes and returns a 2-D uint8 grayscale array. They are cheap enough for a
fallback pass (a few milliseconds on 1280x720) but not free; ``bench_decode.py`` measures
which ones pay for themselves.
"""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageFilter


def as_gray(frame: np.ndarray) -> np.ndarray:
    """Check and coerce a frame to 2-D uint8: colour frames (H, W, 3|4) become luma.

    Raises :class:`ValueError` for anything that is not an image-shaped array.
    """
    array = np.asarray(frame)
    if array.ndim == 3 and array.shape[2] in (3, 4):
        rgb = array[:, :, :3].astype(np.float32)
        array = rgb @ np.array([0.299, 0.587, 0.114], dtype=np.float32)
        luma: np.ndarray = np.clip(array + 0.5, 0, 255).astype(np.uint8)
        return luma
    if array.ndim != 2:
        raise ValueError(f"expected a 2-D grayscale frame, got shape {array.shape}")
    if array.dtype != np.uint8:
        array = np.clip(array, 0, 255).astype(np.uint8)
    return array


def downscale2(gray: np.ndarray) -> np.ndarray:
    """Half size by 2x2 averaging (averaging, unlike skipping pixels, also cuts noise)."""
    h, w = gray.shape[0] // 2 * 2, gray.shape[1] // 2 * 2
    g = gray[:h, :w].astype(np.uint16)
    total = g[0::2, 0::2] + g[1::2, 0::2] + g[0::2, 1::2] + g[1::2, 1::2]
    return ((total + 2) >> 2).astype(np.uint8)


def centre_crop(gray: np.ndarray, fraction: float = 0.6) -> np.ndarray:
    """The centre ``fraction`` of each side: where people hold the notice (a view, no copy)."""
    h, w = gray.shape
    ch, cw = max(1, int(h * fraction)), max(1, int(w * fraction))
    y0, x0 = (h - ch) // 2, (w - cw) // 2
    return gray[y0:y0 + ch, x0:x0 + cw]


def invert(gray: np.ndarray) -> np.ndarray:
    """Light-on-dark to dark-on-light (a dark-mode phone screen)."""
    inverted: np.ndarray = np.subtract(255, gray, dtype=np.uint8)
    return inverted


def stretch_contrast(gray: np.ndarray, low_pct: float = 1.0,
                     high_pct: float = 99.0) -> np.ndarray:
    """Global contrast stretch between two percentiles (faded print, dim halls)."""
    histogram = np.bincount(gray[::4, ::4].ravel(), minlength=256)
    cumulative = np.cumsum(histogram) / histogram.sum()
    lo = int(np.searchsorted(cumulative, low_pct / 100.0))
    hi = int(np.searchsorted(cumulative, high_pct / 100.0))
    if hi - lo < 1:
        return gray
    lut = np.clip((np.arange(256, dtype=np.float32) - lo) * (255.0 / (hi - lo)), 0, 255)
    return np.take(lut.astype(np.uint8), gray)


def local_stretch(gray: np.ndarray, tile: int = 64, min_span: float = 24.0) -> np.ndarray:
    """CLAHE-like local contrast: stretch each pixel between its neighbourhood's min and max.

    The per-tile minimum and scale are interpolated bilinearly over the frame, so a glare
    blob or a shadow across the code is flattened without block edges.
    """
    h, w = gray.shape
    if h < tile or w < tile:
        return stretch_contrast(gray)
    th, tw = h // tile, w // tile
    blocks = gray[:th * tile, :tw * tile].reshape(th, tile, tw, tile)
    # A tile that is all paper (or all ink) must not be stretched into noise: take the
    # neighbours' range too, and insist on a minimum spread.
    lo = _neighbour_reduce(blocks.min(axis=(1, 3)).astype(np.float32), np.minimum)
    hi = _neighbour_reduce(blocks.max(axis=(1, 3)).astype(np.float32), np.maximum)
    scale = 255.0 / np.maximum(hi - lo, min_span)
    lo_full = _resize_float(lo, w, h)
    out = gray.astype(np.float32)
    out -= lo_full
    out *= _resize_float(scale.astype(np.float32), w, h)
    np.clip(out, 0, 255, out=out)
    return out.astype(np.uint8)


def _resize_float(values: np.ndarray, width: int, height: int) -> np.ndarray:
    image = Image.fromarray(values, mode="F").resize((width, height), Image.Resampling.BILINEAR)
    return np.asarray(image)


def _neighbour_reduce(values: np.ndarray, op: np.ufunc) -> np.ndarray:
    padded = np.pad(values, 1, mode="edge")
    out = values.copy()
    for dy in (0, 1, 2):
        for dx in (0, 1, 2):
            out = op(out, padded[dy:dy + values.shape[0], dx:dx + values.shape[1]])
    return out


def adaptive_threshold(gray: np.ndarray, radius: int = 3, offset: int = 7) -> np.ndarray:
    """Binarise against the local mean (glare, uneven light).

    The mean is taken on a quarter-size image over a (2*radius+1) box there (about 28 px
    at full size) and scaled back bilinearly: a few times cheaper than a full-size box
    filter, and the local mean is smooth anyway.
    """
    h, w = gray.shape
    if h < 8 or w < 8:
        return gray
    small = downscale2(downscale2(gray))
    blurred = Image.fromarray(small).filter(ImageFilter.BoxBlur(radius))
    mean = np.asarray(blurred.resize((w, h), Image.Resampling.BILINEAR))
    threshold = np.subtract(mean, np.minimum(mean, offset), dtype=np.uint8)
    return np.where(gray < threshold, np.uint8(0), np.uint8(255))

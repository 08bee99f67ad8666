"""Camera frames to what the decoder and the preview need, without holding the GIL long.

Qt's own conversions (``QVideoFrame.toImage``, ``QImage.convertToFormat``, ``scaled``) run
with Python's global lock held: 4-10 ms a 1280x720 frame, 30 times a second, in which the
GUI thread cannot run a line of Python (the desk felt it as stalls). Here the frame is mapped
and read in place with numpy, whose array work lets the other threads run:

- YUV frames (what webcams and video files deliver): the Y plane *is* the grayscale picture;
  the preview is converted to colour at preview size only.
- 32-bit RGB frames: grayscale by integer luma weights; the preview is every n-th pixel.

Other formats (10-bit, JPEG, textures) go through Qt's conversion as before.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage
from PySide6.QtMultimedia import QVideoFrame, QVideoFrameFormat

PREVIEW_SIZE = QSize(640, 360)
MIN_SIDE = 21  # the smallest QR code is 21 modules wide: no smaller picture can hold one

_F = QVideoFrameFormat.PixelFormat
# Byte offsets of R, G and B in each pixel of the 32-bit formats (Qt names them in byte order).
_RGB32 = {
    _F.Format_BGRA8888: (2, 1, 0), _F.Format_BGRA8888_Premultiplied: (2, 1, 0),
    _F.Format_BGRX8888: (2, 1, 0),
    _F.Format_RGBA8888: (0, 1, 2), _F.Format_RGBX8888: (0, 1, 2),
    _F.Format_ARGB8888: (1, 2, 3), _F.Format_ARGB8888_Premultiplied: (1, 2, 3),
    _F.Format_XRGB8888: (1, 2, 3),
    _F.Format_ABGR8888: (3, 2, 1), _F.Format_XBGR8888: (3, 2, 1),
}
# Planar and semi-planar 8-bit YUV: Y is plane 0; then how chroma is stored.
_NV = {_F.Format_NV12: (0, 1), _F.Format_NV21: (1, 0)}  # U, V offsets in the UV plane
_PLANAR = {_F.Format_YUV420P: (1, 2, 2), _F.Format_YV12: (2, 1, 2),
           _F.Format_YUV422P: (1, 2, 1)}  # U plane, V plane, vertical chroma step
_PACKED = {_F.Format_YUYV: (0, 1, 3), _F.Format_UYVY: (1, 0, 2)}  # Y, U, V byte offsets
_GRAY = {_F.Format_Y8}
_MAPPED = {*_RGB32, *_NV, *_PLANAR, *_PACKED, *_GRAY}


@dataclass(frozen=True)
class Picture:
    """One frame for the decoding thread: 2-D uint8 grayscale and a small colour preview."""

    gray: np.ndarray
    preview: QImage


def picture(frame: QVideoFrame, preview_size: QSize = PREVIEW_SIZE) -> Picture | None:
    """The frame as grayscale plus a preview no larger than ``preview_size``; None when the
    frame holds no picture (or one too small to hold a code)."""
    if frame.width() < MIN_SIDE or frame.height() < MIN_SIDE:
        return None  # and Qt itself divides by zero mapping a 1x1 YV12 frame (SIGFPE)
    fmt = frame.pixelFormat()
    if fmt in _MAPPED and frame.map(QVideoFrame.MapMode.ReadOnly):
        try:
            return _mapped(frame, fmt, preview_size)
        finally:
            frame.unmap()
    return _through_qt(frame, preview_size)


def _plane(frame: QVideoFrame, index: int, rows: int) -> np.ndarray:
    """Plane ``index`` as a (rows, bytes per line) view of the mapped frame; fewer rows when
    the plane holds fewer (odd sizes round the chroma planes down in some formats)."""
    stride = frame.bytesPerLine(index)
    rows = min(rows, frame.mappedBytes(index) // stride) if stride > 0 else 0
    return np.frombuffer(frame.bits(index), np.uint8, count=stride * rows).reshape(rows,
                                                                                   stride)


def _pick(plane: np.ndarray, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """``plane[rows][:, cols]``, the indices held inside the plane (odd frame sizes leave
    the last pixels without a chroma sample of their own: they share the one before)."""
    picked: np.ndarray = plane[np.minimum(rows, plane.shape[0] - 1)][
        :, np.minimum(cols, plane.shape[1] - 1)]
    return picked


def _step(width: int, height: int, size: QSize) -> int:
    return max(1, math.ceil(width / size.width()), math.ceil(height / size.height()))


def _mapped(frame: QVideoFrame, fmt: QVideoFrameFormat.PixelFormat,
            size: QSize) -> Picture:
    width, height = frame.width(), frame.height()
    step = _step(width, height, size)
    plane = _plane(frame, 0, height)
    if fmt in _RGB32:
        r, g, b = _RGB32[fmt]
        pixels = plane[:, :width * 4].reshape(height, width, 4)
        gray = _luma(pixels[..., r], pixels[..., g], pixels[..., b])
        small = pixels[::step, ::step]
        return Picture(gray, _rgb_image(small[..., r], small[..., g], small[..., b]))
    if fmt in _PACKED:
        y, u, v = _PACKED[fmt]
        pairs = plane[:, :width * 2]
        gray = pairs[:, y::2].copy()
        rows = pairs[::step]
        ys = rows[:, y::2][:, ::step]
        every = np.arange(rows.shape[0])
        cols = (np.arange(ys.shape[1]) * step) // 2  # each U, V serves two pixels
        return Picture(gray, _yuv_image(ys, _pick(rows[:, u::4], every, cols),
                                        _pick(rows[:, v::4], every, cols)))
    gray = plane[:, :width].copy()
    ys = gray[::step, ::step]
    if fmt in _GRAY:
        neutral = np.full(ys.shape, 128, np.uint8)
        return Picture(gray, _yuv_image(ys, neutral, neutral))
    rows = (np.arange(ys.shape[0]) * step) // 2
    cols = (np.arange(ys.shape[1]) * step) // 2
    if fmt in _NV:
        u, v = _NV[fmt]
        chroma = _plane(frame, 1, (height + 1) // 2)
        us, vs = chroma[:, u::2], chroma[:, v::2]
    else:
        u_plane, v_plane, vertical = _PLANAR[fmt]
        chroma_rows = (height + vertical - 1) // vertical
        us, vs = _plane(frame, u_plane, chroma_rows), _plane(frame, v_plane, chroma_rows)
        rows = (np.arange(ys.shape[0]) * step) // vertical
    return Picture(gray, _yuv_image(ys, _pick(us, rows, cols), _pick(vs, rows, cols)))


def _luma(r: np.ndarray, g: np.ndarray, b: np.ndarray) -> np.ndarray:
    """BT.601 luma in integers (weights out of 256), as a new 2-D uint8 array."""
    total = r.astype(np.uint16) * 77
    total += g.astype(np.uint16) * 150
    total += b.astype(np.uint16) * 29
    total >>= 8
    return total.astype(np.uint8)


def _rgb_image(r: np.ndarray, g: np.ndarray, b: np.ndarray) -> QImage:
    height, width = r.shape
    out = np.empty((height, width, 4), np.uint8)  # QImage RGB32 is B, G, R, 255 in memory
    out[..., 0], out[..., 1], out[..., 2], out[..., 3] = b, g, r, 255
    return QImage(out.data, width, height, width * 4, QImage.Format.Format_RGB32).copy()


def _yuv_image(y: np.ndarray, u: np.ndarray, v: np.ndarray) -> QImage:
    """BT.601 (video range) YUV to an RGB preview."""
    luma = (y.astype(np.int32) - 16) * 298
    cb, cr = u.astype(np.int32) - 128, v.astype(np.int32) - 128
    r = (luma + 409 * cr + 128) >> 8
    g = (luma - 100 * cb - 208 * cr + 128) >> 8
    b = (luma + 516 * cb + 128) >> 8
    clip = [np.clip(c, 0, 255).astype(np.uint8) for c in (r, g, b)]
    return _rgb_image(*clip)


def _through_qt(frame: QVideoFrame, size: QSize) -> Picture | None:
    image = frame.toImage()
    if image.isNull():
        return None
    gray_image = image.convertToFormat(QImage.Format.Format_Grayscale8)
    width, height, stride = gray_image.width(), gray_image.height(), gray_image.bytesPerLine()
    buffer = np.frombuffer(gray_image.constBits(), dtype=np.uint8, count=stride * height)
    gray = buffer.reshape(height, stride)[:, :width].copy()
    preview = image.scaled(size, Qt.AspectRatioMode.KeepAspectRatio,
                           Qt.TransformationMode.FastTransformation)
    return Picture(gray, preview)

"""Camera frames in the formats webcams and video files deliver, read without Qt's
conversions (which hold Python's lock for milliseconds a frame): the code is read from every
one, and the preview looks as Qt itself would show that frame."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QImage
from PySide6.QtMultimedia import QVideoFrame, QVideoFrameFormat

from checkin.core.tokens import new_token
from checkin.notices.qr import qr_image
from checkin.scanning.decoders import default_decoder
from checkin.ui.frames import picture

F = QVideoFrameFormat.PixelFormat
TOKEN = new_token("IDB2201")
WIDTH, HEIGHT = 1280, 720


@pytest.fixture(scope="module")
def scene() -> np.ndarray:
    """A 1280x720 RGB desk scene: grey table, the notice's QR code, a red and a blue card."""
    rgb = np.full((HEIGHT, WIDTH, 3), (150, 150, 140), np.uint8)
    code = np.asarray(qr_image(TOKEN, box_size=8).convert("RGB"))
    top, left = (HEIGHT - code.shape[0]) // 2, (WIDTH - code.shape[1]) // 2
    rgb[top:top + code.shape[0], left:left + code.shape[1]] = code
    rgb[40:200, 40:240] = (220, 30, 30)
    rgb[40:200, 1040:1240] = (30, 40, 210)
    return rgb


def _yuv(rgb: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """BT.601 video-range Y, U, V at full resolution (how cameras encode)."""
    r, g, b = (rgb[..., i].astype(np.float64) for i in range(3))
    y = 16 + (65.738 * r + 129.057 * g + 25.064 * b) / 256
    u = 128 + (-37.945 * r - 74.494 * g + 112.439 * b) / 256
    v = 128 + (112.439 * r - 94.154 * g - 18.285 * b) / 256
    return tuple(np.clip(np.rint(c), 0, 255).astype(np.uint8) for c in (y, u, v))  # type: ignore[return-value]


def _write(frame: QVideoFrame, index: int, rows: np.ndarray) -> None:
    stride = frame.bytesPerLine(index)
    plane = np.frombuffer(frame.bits(index), np.uint8).reshape(-1, stride)
    plane[:rows.shape[0], :rows.shape[1]] = rows


def make_frame(rgb: np.ndarray, fmt: QVideoFrameFormat.PixelFormat) -> QVideoFrame:
    """``rgb`` as a camera would deliver it in ``fmt``."""
    height, width = rgb.shape[:2]
    frame = QVideoFrame(QVideoFrameFormat(QSize(width, height), fmt))
    assert frame.map(QVideoFrame.MapMode.WriteOnly)
    y, u, v = _yuv(rgb)
    half_u, half_v = u[::2, ::2], v[::2, ::2]
    order = {F.Format_BGRX8888: "bgrx", F.Format_BGRA8888: "bgra", F.Format_RGBX8888: "rgbx",
             F.Format_RGBA8888: "rgba", F.Format_XRGB8888: "xrgb", F.Format_ARGB8888: "argb",
             F.Format_ABGR8888: "abgr", F.Format_XBGR8888: "xbgr"}
    if fmt in order:
        channels = {"r": rgb[..., 0], "g": rgb[..., 1], "b": rgb[..., 2],
                    "x": np.full((height, width), 255, np.uint8)}
        channels["a"] = channels["x"]
        pixels = np.stack([channels[c] for c in order[fmt]], axis=-1)
        _write(frame, 0, pixels.reshape(height, width * 4))
    elif fmt in (F.Format_NV12, F.Format_NV21):
        _write(frame, 0, y)
        pair = (half_u, half_v) if fmt == F.Format_NV12 else (half_v, half_u)
        _write(frame, 1, np.stack(pair, axis=-1).reshape(height // 2, width))
    elif fmt in (F.Format_YUV420P, F.Format_YV12):
        _write(frame, 0, y)
        first, second = (half_u, half_v) if fmt == F.Format_YUV420P else (half_v, half_u)
        _write(frame, 1, first)
        _write(frame, 2, second)
    elif fmt == F.Format_YUV422P:
        _write(frame, 0, y)
        _write(frame, 1, u[:, ::2])
        _write(frame, 2, v[:, ::2])
    elif fmt in (F.Format_YUYV, F.Format_UYVY):
        ys = y.reshape(height, width // 2, 2)
        us, vs = u[:, ::2], v[:, ::2]
        parts = (ys[..., 0], us, ys[..., 1], vs) if fmt == F.Format_YUYV else \
            (us, ys[..., 0], vs, ys[..., 1])
        _write(frame, 0, np.stack(parts, axis=-1).reshape(height, width * 2))
    elif fmt == F.Format_Y8:
        _write(frame, 0, y)
    elif fmt == F.Format_AYUV:  # not read in place: Qt converts it
        alpha = np.full((height, width), 255, np.uint8)
        _write(frame, 0, np.stack((alpha, y, u, v), axis=-1).reshape(height, width * 4))
    else:
        raise AssertionError(fmt)
    frame.unmap()
    return frame


def _array(image: QImage) -> np.ndarray:
    """An image as (height, width, 3) RGB."""
    rgb = image.convertToFormat(QImage.Format.Format_RGB888)
    stride = rgb.bytesPerLine()
    data = np.frombuffer(rgb.constBits(), np.uint8, count=stride * rgb.height())
    return data.reshape(rgb.height(), stride)[:, :rgb.width() * 3].reshape(
        rgb.height(), rgb.width(), 3)


WEBCAM_FORMATS = [F.Format_NV12, F.Format_NV21, F.Format_YUV420P, F.Format_YV12,
                  F.Format_YUV422P, F.Format_YUYV, F.Format_UYVY, F.Format_BGRX8888,
                  F.Format_BGRA8888, F.Format_RGBX8888, F.Format_RGBA8888,
                  F.Format_XRGB8888, F.Format_ARGB8888, F.Format_ABGR8888,
                  F.Format_XBGR8888]


@pytest.mark.parametrize("fmt", [*WEBCAM_FORMATS, F.Format_Y8, F.Format_AYUV],
                         ids=lambda f: f.name)
def test_the_code_is_read_from_every_camera_format(scene, fmt) -> None:
    seen = picture(make_frame(scene, fmt))
    assert seen is not None and seen.gray.shape == (HEIGHT, WIDTH)
    assert default_decoder().decode(seen.gray) == [TOKEN]


@pytest.mark.parametrize("fmt", WEBCAM_FORMATS, ids=lambda f: f.name)
def test_the_preview_shows_what_qt_would_show(scene, fmt) -> None:
    frame = make_frame(scene, fmt)
    seen = picture(frame)
    assert seen is not None
    assert (seen.preview.width(), seen.preview.height()) == (640, 360)
    ours = _array(seen.preview).astype(np.int16)
    qts = _array(frame.toImage().scaled(640, 360)).astype(np.int16)
    assert np.abs(ours - qts).mean() < 6
    # The red card is red and the blue card blue, whatever the byte order.
    red, blue = ours[30:90, 30:110].reshape(-1, 3).mean(0), \
        ours[30:90, 530:610].reshape(-1, 3).mean(0)
    assert red[0] > 180 and red[1] < 70 and red[2] < 70
    assert blue[2] > 170 and blue[0] < 70 and blue[1] < 80


def test_the_gray_picture_follows_the_light_of_rgb_frames(scene) -> None:
    """For RGB frames the gray picture is the frame's luminance, as Qt computes it (their
    weights for saturated colours differ a little: the cards are left out)."""
    frame = make_frame(scene, F.Format_BGRX8888)
    seen = picture(frame)
    assert seen is not None
    qt_gray = frame.toImage().convertToFormat(QImage.Format.Format_Grayscale8)
    stride = qt_gray.bytesPerLine()
    reference = np.frombuffer(qt_gray.constBits(), np.uint8, count=stride * HEIGHT).reshape(
        HEIGHT, stride)[:, :WIDTH]
    difference = np.abs(seen.gray.astype(np.int16) - reference)
    difference[40:200, 40:240] = difference[40:200, 1040:1240] = 0
    assert difference.max() <= 3


def test_an_odd_sized_frame_keeps_its_shape(scene) -> None:
    small = np.ascontiguousarray(scene[:358, :638])
    seen = picture(make_frame(small, F.Format_NV12))
    assert seen is not None and seen.gray.shape == (358, 638)
    assert seen.preview.width() <= 640 and seen.preview.height() <= 360


def test_the_decoder_loads_when_frames_are_coming_not_with_the_first_one(qtbot) -> None:
    """The desk opens without the decoder (numpy, zxing-cpp); once a camera or a clip is
    connected it loads at once, so the first notice shown is not read 150 ms late."""
    from PySide6.QtMultimedia import QVideoSink

    from checkin.ui.camera import FrameScanner

    scanner = FrameScanner()
    try:
        assert scanner.decoder is None
        sink = QVideoSink()
        scanner.connect_sink(sink)
        qtbot.waitUntil(lambda: scanner.decoder is not None, timeout=10_000)
        assert scanner.frames_in == 0
        read: list[str] = []
        scanner.payload.connect(read.append)
        rgb = np.full((HEIGHT, WIDTH, 3), 255, np.uint8)
        code = np.asarray(qr_image(TOKEN, box_size=8).convert("RGB"))
        rgb[100:100 + code.shape[0], 100:100 + code.shape[1]] = code
        sink.videoFrameChanged.emit(make_frame(rgb, F.Format_NV12))
        qtbot.waitUntil(lambda: read == [TOKEN], timeout=5_000)
    finally:
        scanner.stop()


@pytest.mark.parametrize("fmt", [*WEBCAM_FORMATS, F.Format_Y8, F.Format_P010, F.Format_Jpeg,
                                 F.Format_Invalid], ids=lambda f: f.name)
def test_odd_and_empty_frames_give_a_picture_of_their_size_or_none(fmt) -> None:
    """A camera or a hostile clip sends frames of any size: odd sizes leave the last pixels
    without chroma of their own (YUYV 23x23 and YUV420P 25x27 raised IndexError and
    ValueError); a frame too small to hold a code is skipped before Qt maps it (mapping a
    1x1 YV12 frame killed the process with SIGFPE); never an exception."""
    for width, height in ((1, 1), (3, 3), (5, 7), (0, 0), (20, 400)):
        assert picture(QVideoFrame(QVideoFrameFormat(QSize(width, height), fmt))) is None
    for width, height in ((21, 21), (23, 23), (25, 27), (641, 361)):
        seen = picture(QVideoFrame(QVideoFrameFormat(QSize(width, height), fmt)))
        if seen is None:  # nothing to read in it (a JPEG frame without data, no format)
            assert fmt in (F.Format_Jpeg, F.Format_Invalid), (fmt, width, height)
            continue
        assert seen.gray.shape == (height, width), (fmt, width, height)
        assert 0 < seen.preview.width() <= 640 and 0 < seen.preview.height() <= 360
    assert picture(QVideoFrame()) is None

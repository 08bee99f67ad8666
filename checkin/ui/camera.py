"""Camera frames to payloads: the QVideoSink handler, the decoding thread and the preview.

The handler that receives frames does almost nothing on the GUI thread: it drops the frame
into a :class:`LatestSlot` (the newest frame wins, stale ones are dropped). One decoding
thread converts it to grayscale, decodes it, debounces repeated payloads and sends the
payload (and a small preview image) back to the GUI thread through queued signals. The
webcam and the tests' recorded clip feed the same handler.

When the decoder saw a code it cannot read (cut by the edge, a thumb over a corner, out of
focus), ``hint`` says what the person should change; the preview image carries the same
hint as its ``HINT_KEY`` text, so the view shows it with no extra wiring.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRectF, Qt, Signal, Slot
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPainter, QPen
from PySide6.QtMultimedia import (
    QCamera,
    QCameraDevice,
    QMediaCaptureSession,
    QMediaDevices,
    QVideoFrame,
    QVideoSink,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from checkin.scanning.debounce import Debouncer
from checkin.scanning.latest import LatestSlot

if TYPE_CHECKING:
    from checkin.scanning.decoders import Decoder

log = logging.getLogger(__name__)

HINT_FLAGS = (Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
              | Qt.TextFlag.TextWordWrap)
HINT_KEY = "checkin-hint"  # QImage text key: the Hint value for this preview, "" for none


class FrameScanner(QObject):
    """Frames in through :meth:`handle_frame`, ``payload(str)`` out on the GUI thread."""

    payload = Signal(str)
    preview = Signal(QImage)
    hint = Signal(str)  # a Hint value when it changes, "" when there is nothing to say
    decoded_frame = Signal(float)  # seconds the decoding step took (benchmarks)

    def __init__(self, decoder: Decoder | None = None, debounce_s: float = 3.0,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        # The decoder (numpy, zxing-cpp, Pillow: about 150 ms to import) is made by the
        # decoding thread when the first frame arrives, so the desk opens without it.
        self.decoder: Decoder | None = decoder
        # Extend while the code stays in view: a notice held up for 5 s is one scan, not two.
        self.debouncer = Debouncer(window_s=debounce_s, extend_while_seen=True)
        self.slot: LatestSlot[tuple[QVideoFrame, float]] = LatestSlot()
        self.frames_in = 0
        self.frames_decoded = 0
        self.current_hint = ""
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @Slot(QVideoFrame)
    def handle_frame(self, frame: QVideoFrame) -> None:
        """The QVideoSink handler: hand the newest frame to the decoding thread."""
        if not frame.isValid():
            return
        self.frames_in += 1
        self.start()
        # QVideoFrame is implicitly shared: this copies a handle, not the pixels.
        self.slot.put((QVideoFrame(frame), time.perf_counter()))

    def connect_sink(self, sink: QVideoSink) -> None:
        """Frames from ``sink`` from now on: the decoder starts loading at once."""
        sink.videoFrameChanged.connect(self.handle_frame)
        self.start()

    def start(self) -> None:
        """Start the decoding thread (it loads the decoder first); once is enough."""
        if self._thread is None and not self._stop.is_set():
            self._thread = threading.Thread(target=self._loop, name="frame-decoder",
                                            daemon=True)
            self._thread.start()

    def _loop(self) -> None:
        if self.decoder is None:
            try:
                from checkin.scanning.decoders import default_decoder
                self.decoder = default_decoder()
            except Exception:  # an installation without its decoder: say so, scan by hand
                log.exception("no QR decoder: the camera cannot read codes")
                return
        while not self._stop.is_set():
            try:
                item = self.slot.take(0.2)
            except Exception:  # the slot was closed
                break
            if item is None:
                continue
            frame, _arrived = item
            try:
                self._process(frame)
            except Exception as exc:  # a bad frame must never stop scanning
                log.warning("frame skipped: %s", exc)

    def _process(self, frame: QVideoFrame) -> None:
        from checkin.scanning.desk import FrameScan
        from checkin.ui.frames import picture  # numpy: loaded with the first frame

        assert self.decoder is not None  # made by _loop before the first frame
        started = time.perf_counter()
        seen = picture(frame)
        if seen is None:
            return
        gray = seen.gray
        scan = getattr(self.decoder, "scan", None)
        result = scan(gray) if scan is not None else FrameScan(tuple(self.decoder.decode(gray)))
        found = result.payloads
        self.decoded_frame.emit(time.perf_counter() - started)
        self.frames_decoded += 1
        hint = result.hint.value if result.hint is not None else ""
        if hint != self.current_hint:
            self.current_hint = hint
            self.hint.emit(hint)
        small = seen.preview
        small.setText(HINT_KEY, hint)
        self.preview.emit(small)
        now = time.monotonic()
        for text in found:
            if self.debouncer.accept(text, now):
                self.payload.emit(text)

    def stop(self) -> None:
        self._stop.set()
        with contextlib.suppress(Exception):  # close is best effort
            self.slot.close()
        if self._thread is not None:
            self._thread.join(timeout=2.0)


class CameraView(QWidget):
    """The preview with a framing guide, or a quiet notice when there is no picture."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.image: QImage | None = None
        self.notice = ""
        self.hint = ""  # a Hint value; set by show_hint or carried by the preview image
        self.setMinimumSize(320, 180)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    @Slot(QImage)
    def show_image(self, image: QImage) -> None:
        self.image = image
        if HINT_KEY in image.textKeys():
            self.hint = image.text(HINT_KEY)
        self.update()

    @Slot(str)
    def show_hint(self, hint: str) -> None:
        self.hint = hint
        self.update()

    def hint_text(self) -> str:
        """The words for the current hint (what to fix so the code can be read)."""
        if not self.hint:
            return ""
        from checkin.scanning.desk import Hint  # loaded by then: a decoder gave the hint

        texts = {
            Hint.CUT_AT_EDGE.value: self.tr("Move the whole notice into the picture"),
            Hint.COVERED.value: self.tr("Lift your finger off the code"),
            Hint.TOO_CLOSE.value: self.tr("Hold the notice a little further away"),
            Hint.BLURRED.value: self.tr("Hold the notice still, a little further away"),
        }
        return texts.get(self.hint, "")

    def set_notice(self, text: str) -> None:
        self.notice = text
        self.update()

    def hint_band(self) -> tuple[QFont, QRectF, QRectF]:
        """The hint's font, its dark band across the top, and where its words go: wrapped
        to the view's width (a long English hint on a narrow view takes two lines)."""
        font = QFont(self.font())
        font.setPointSize(14)
        font.setBold(True)
        text_area = QRectF(self.rect()).adjusted(8, 6, -8, 0)
        needed = QFontMetrics(font).boundingRect(text_area.toRect(), HINT_FLAGS,
                                                 self.hint_text())
        text_area.setHeight(needed.height())
        band = QRectF(0, 0, self.width(), max(40.0, needed.height() + 12.0))
        return font, band, text_area

    def paintEvent(self, _event: object) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#202124"))
        area = QRectF(self.rect())
        if self.image is not None and not self.image.isNull():
            size = self.image.size().scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
            target = QRectF(0, 0, size.width(), size.height())
            target.moveCenter(area.center())
            painter.drawImage(target, self.image)
        # Framing guide: a square in the middle where the QR should go.
        side = min(area.width(), area.height()) * 0.6
        guide = QRectF(0, 0, side, side)
        guide.moveCenter(area.center())
        pen = QPen(QColor("#ffffff"), 4)
        painter.setPen(pen)
        arm = side * 0.18
        for x, y, dx, dy in ((guide.left(), guide.top(), 1, 1),
                             (guide.right(), guide.top(), -1, 1),
                             (guide.left(), guide.bottom(), 1, -1),
                             (guide.right(), guide.bottom(), -1, -1)):
            painter.drawLine(int(x), int(y), int(x + dx * arm), int(y))
            painter.drawLine(int(x), int(y), int(x), int(y + dy * arm))
        hint = self.hint_text()
        if hint:
            font, band, text_area = self.hint_band()
            painter.setFont(font)
            painter.fillRect(band, QColor(0, 0, 0, 170))
            painter.setPen(QColor("#fdd663"))
            painter.drawText(text_area, HINT_FLAGS, hint)
        if self.notice:
            painter.setPen(QColor("#e8eaed"))
            font = painter.font()
            font.setPointSize(12)
            painter.setFont(font)
            painter.drawText(self.rect().adjusted(12, 12, -12, -12),
                             Qt.AlignmentFlag.AlignBottom | Qt.AlignmentFlag.AlignHCenter
                             | Qt.TextFlag.TextWordWrap, self.notice)
        painter.end()


class CameraSource(QObject):
    """The webcam: QCamera -> QMediaCaptureSession -> QVideoSink -> the frame handler."""

    problem = Signal(str)  # "no_camera" | "error:<text>"
    started = Signal(str)  # camera description

    def __init__(self, scanner: FrameScanner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.scanner = scanner
        # Made when a camera starts (the media backend loads then, not at start-up).
        self.session: QMediaCaptureSession | None = None
        self.sink: QVideoSink | None = None
        self.camera: QCamera | None = None

    @staticmethod
    def devices() -> list[QCameraDevice]:
        try:
            return list(QMediaDevices.videoInputs())
        except Exception:  # pragma: no cover - backend trouble is "no camera"
            return []

    def start(self, device_id: str | None = None) -> None:
        """Start the chosen camera (by id), else the default one; say so when there is none."""
        self.stop()
        devices = self.devices()
        if not devices:
            self.problem.emit("no_camera")
            return
        chosen = next((d for d in devices if bytes(d.id().data()).decode(errors="replace")
                       == device_id), None) or QMediaDevices.defaultVideoInput()
        if chosen.isNull():
            chosen = devices[0]
        if self.session is None:
            self.session = QMediaCaptureSession(self)
            self.sink = QVideoSink(self)
            self.session.setVideoSink(self.sink)
            self.scanner.connect_sink(self.sink)
        self.camera = QCamera(chosen, self)
        self.camera.errorOccurred.connect(self._on_error)
        self.session.setCamera(self.camera)
        self.camera.start()
        self.started.emit(chosen.description())

    def _on_error(self, _error: object, text: str) -> None:
        self.problem.emit(f"error:{text}")

    def stop(self) -> None:
        if self.camera is not None:
            self.camera.stop()
            self.camera.deleteLater()
            self.camera = None

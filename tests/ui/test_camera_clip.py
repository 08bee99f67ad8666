"""The camera path end to end: a recorded clip of a notice QR, played through QMediaPlayer
into the same QVideoSink handler the webcam uses, ends in ADMITTED."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QUrl
from PySide6.QtMultimedia import QMediaPlayer, QVideoSink

from checkin.core.outcomes import OutcomeCode
from checkin.notices.qr import qr_image

from .conftest import screenshot
from .staff import screen


def make_clip(token: str, folder: Path) -> Path:
    """Two seconds of 1280x720 at 30 fps: a desk scene with the notice's QR in the middle."""
    frame = Image.new("L", (1280, 720), 150)
    code = qr_image(token, box_size=8)
    frame.paste(code, ((1280 - code.width) // 2, (720 - code.height) // 2))
    still = folder / "frame.png"
    frame.convert("RGB").save(still)
    clip = folder / "notice.mp4"
    subprocess.run(["ffmpeg", "-loglevel", "error", "-y", "-loop", "1", "-i", str(still),
                    "-t", "2", "-r", "30", "-c:v", "libx264", "-pix_fmt", "yuv420p",
                    str(clip)], check=True, timeout=60)
    return clip


@pytest.fixture
def ffmpeg() -> str:
    path = shutil.which("ffmpeg")
    if path is None:
        pytest.fail("ffmpeg (Debian package ffmpeg) is needed to record the test clip")
    return path


def test_recorded_clip_through_the_video_sink_admits(qtbot, make_desk, tokens, tmp_path,
                                                     ffmpeg):
    from checkin.ui.tasks import ThreadRunner

    clip = make_clip(tokens["王小明"], tmp_path)
    runner = ThreadRunner()
    desk = make_desk(runner=runner)
    sink = QVideoSink()
    desk.attach_video_sink(sink)
    player = QMediaPlayer()
    player.setVideoSink(sink)
    player.setSource(QUrl.fromLocalFile(str(clip)))
    player.play()
    try:
        qtbot.waitUntil(lambda: desk.screening.isVisible(), timeout=15000)
        assert desk.scanner.frames_in > 0
        assert desk.screening.name.text() == "王小明"
        screen(qtbot, desk, "36.5")
        qtbot.waitUntil(lambda: desk.banner.code is OutcomeCode.ADMITTED, timeout=5000)
        qtbot.waitUntil(lambda: desk.side.counters.values.get("arrived") == 1)
        qtbot.waitUntil(lambda: desk.camera_view.image is not None)
        screenshot(desk, "camera-admitted")
    finally:
        player.stop()
        runner.wait()

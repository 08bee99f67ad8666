"""One short sound per class of outcome, generated as WAV files and played with QSoundEffect.

The WAVs are generated with the ``wave`` module on first use (into the user's data folder),
so no binary files are shipped. Failing to play (no audio device, no backend) is silent:
the banner carries the meaning, the sound only draws attention. It is said once, in the
log: without an audio device Qt would print a warning for every verdict otherwise.
"""

from __future__ import annotations

import logging
import math
import struct
import wave
from pathlib import Path

from PySide6.QtCore import QObject, QUrl

from checkin.ui.messages import SoundClass

log = logging.getLogger(__name__)

RATE = 22050
# (frequency Hz, duration s) notes per sound class: rising = good, low buzz = denied.
TUNES: dict[SoundClass, tuple[tuple[float, float], ...]] = {
    SoundClass.OK: ((880.0, 0.09), (1320.0, 0.14)),
    SoundClass.ATTENTION: ((660.0, 0.12), (660.0, 0.12)),
    SoundClass.DENIED: ((220.0, 0.35),),
    SoundClass.ERROR: ((330.0, 0.15), (220.0, 0.15), (330.0, 0.15), (220.0, 0.15)),
}


def write_wav(path: Path, notes: tuple[tuple[float, float], ...], volume: float = 0.5) -> Path:
    """A mono 16-bit WAV of sine notes with short fades (no clicks)."""
    frames = bytearray()
    for freq, duration in notes:
        count = int(RATE * duration)
        fade = max(1, int(RATE * 0.01))
        for i in range(count):
            envelope = min(1.0, i / fade, (count - i) / fade)
            sample = volume * envelope * math.sin(2 * math.pi * freq * i / RATE)
            frames += struct.pack("<h", int(sample * 32767))
        frames += b"\x00\x00" * int(RATE * 0.03)
    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(bytes(frames))
    return path


def ensure_sounds(folder: Path) -> dict[SoundClass, Path]:
    """Write any missing WAV of the sound classes into ``folder``."""
    paths = {}
    for cls, notes in TUNES.items():
        path = folder / f"{cls.value}.wav"
        if not path.exists():
            write_wav(path, notes)
        paths[cls] = path
    return paths


def audio_outputs() -> list[object]:
    """The audio output devices Qt sees (none on a desk PC without sound, or in CI)."""
    from PySide6.QtMultimedia import QMediaDevices

    return list(QMediaDevices.audioOutputs())


class SoundBoard(QObject):
    """Plays the sound of a class; never raises."""

    def __init__(self, folder: Path, enabled: bool = True) -> None:
        super().__init__()
        self.enabled = enabled
        self.played: list[SoundClass] = []  # what was asked for, for tests and logs
        self._effects: dict[SoundClass, object] = {}
        if not enabled:
            return
        try:
            from PySide6.QtMultimedia import QSoundEffect

            if not audio_outputs():
                log.info("no audio output device: verdict sounds are off")
                return
            for cls, path in ensure_sounds(folder).items():
                effect = QSoundEffect(self)
                effect.setSource(QUrl.fromLocalFile(str(path)))
                effect.setVolume(0.8)
                self._effects[cls] = effect
        except Exception as exc:  # no multimedia backend: stay quiet
            log.info("sounds disabled: %s", exc)
            self._effects = {}

    def play(self, cls: SoundClass) -> None:
        self.played.append(cls)
        effect = self._effects.get(cls)
        if effect is None:
            return
        try:
            if effect.status() == effect.Status.Error:  # type: ignore[attr-defined]
                # The device refused the sound (format, device gone): say it once, then
                # stop asking, or Qt warns again on every verdict.
                log.info("sounds off: the audio device cannot play %s", cls)
                self._effects = {}
                return
            effect.play()  # type: ignore[attr-defined]
        except Exception as exc:  # pragma: no cover - depends on the audio stack
            log.info("could not play %s: %s", cls, exc)
            self._effects = {}

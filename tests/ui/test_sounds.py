"""Verdict sounds: without an audio device the desk says so once, in the log, and Qt does
not print a warning for every verdict (issue 11)."""

from __future__ import annotations

import logging

from PySide6.QtMultimedia import QSoundEffect

from checkin.ui import sounds
from checkin.ui.messages import SoundClass


def test_no_audio_device_is_said_once_in_the_log_and_never_on_each_verdict(
        qapp, tmp_path, monkeypatch, capfd, caplog):
    monkeypatch.setattr(sounds, "audio_outputs", lambda: [])
    with caplog.at_level(logging.INFO, logger="checkin.ui.sounds"):
        board = sounds.SoundBoard(tmp_path)
        for _ in range(5):
            board.play(SoundClass.OK)
            qapp.processEvents()
    assert board.played == [SoundClass.OK] * 5  # asked for, as before
    assert "QSoundEffect" not in capfd.readouterr().err
    said = [r.getMessage() for r in caplog.records if r.name == "checkin.ui.sounds"]
    assert said == ["no audio output device: verdict sounds are off"]


class _Refused:
    """A sound effect the device could not load."""

    Status = QSoundEffect.Status

    def __init__(self) -> None:
        self.plays = 0

    def status(self) -> QSoundEffect.Status:
        return QSoundEffect.Status.Error

    def play(self) -> None:
        self.plays += 1


def test_a_sound_the_device_refuses_turns_the_sounds_off_once(qapp, tmp_path, caplog):
    board = sounds.SoundBoard(tmp_path, enabled=False)
    refused = _Refused()
    board._effects = {SoundClass.OK: refused, SoundClass.DENIED: _Refused()}
    with caplog.at_level(logging.INFO, logger="checkin.ui.sounds"):
        for cls in (SoundClass.OK, SoundClass.DENIED, SoundClass.OK):
            board.play(cls)
    assert refused.plays == 0
    assert len([r for r in caplog.records if r.name == "checkin.ui.sounds"]) == 1

"""QR decoding: real rendered notices through each engine, the desk default and still files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
import scankit
import zxingcpp
from PIL import Image

from checkin.core.tokens import parse_token
from checkin.notices.qr import qr_image, write_qr_png
from checkin.scanning import preprocess
from checkin.scanning.decoders import (
    Decoder,
    EveryNth,
    FirstHit,
    Preprocessed,
    PyzbarDecoder,
    ScanError,
    ZxingDecoder,
    decode_file,
    decode_image,
    default_decoder,
)

ENGINES: dict[str, Callable[[], Decoder]] = {
    "pyzbar": PyzbarDecoder,
    "zxing": ZxingDecoder,
    "default": default_decoder,
}
FRAMES = {
    "clean": scankit.clean_frame,
    "small": scankit.small_frame,
    "rotated": scankit.rotated_frame,
    "inverted": scankit.inverted_frame,
}


@pytest.mark.parametrize("frame_name", FRAMES)
@pytest.mark.parametrize("engine", ENGINES)
def test_every_engine_reads_the_notice_code(engine: str, frame_name: str) -> None:
    decoder = ENGINES[engine]()
    found = decoder.decode(FRAMES[frame_name]())
    assert found == [scankit.TOKEN_A]
    assert parse_token(found[0]).workshop_code == "IDB2201"


def test_plain_zbar_misses_an_inverted_code_and_the_retry_reads_it() -> None:
    frame = scankit.inverted_frame()
    assert PyzbarDecoder(invert_retry=False).decode(frame) == []
    assert PyzbarDecoder(invert_retry=True).decode(frame) == [scankit.TOKEN_A]


@pytest.mark.parametrize("engine", ENGINES)
def test_a_foreign_qr_is_returned_as_text(engine: str) -> None:
    frame = scankit.paste(scankit.background(), scankit.foreign_code())
    assert ENGINES[engine]().decode(frame) == [scankit.FOREIGN_URL]


@pytest.mark.parametrize("engine", ENGINES)
def test_two_codes_in_one_frame_are_both_read(engine: str) -> None:
    frame = scankit.paste(scankit.background(), scankit.token_code(scankit.TOKEN_A, 5), 20, 20)
    frame = scankit.paste(frame, scankit.token_code(scankit.TOKEN_B, 5), 400, 250)
    assert sorted(ENGINES[engine]().decode(frame)) == sorted([scankit.TOKEN_A,
                                                              scankit.TOKEN_B])


@pytest.mark.parametrize("fmt", ["MicroQRCode", "DataMatrix", "Code128", "Aztec"])
@pytest.mark.parametrize("engine", ENGINES)
def test_other_symbologies_are_not_read(engine: str, fmt: str) -> None:
    code = scankit.other_symbology(fmt, scale=2 if fmt == "Code128" else 6)
    frame = scankit.paste(scankit.background(), code, 10, 10)
    # The same picture is readable: zxing-cpp with every format finds it.
    assert zxingcpp.read_barcodes(frame), "test image should hold a readable barcode"
    assert ENGINES[engine]().decode(frame) == []


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("frame", [
    scankit.background(), scankit.noise_frame(), np.zeros((480, 640), np.uint8),
    np.full((480, 640), 255, np.uint8), np.zeros((1, 1), np.uint8),
], ids=["desk", "noise", "black", "white", "one-pixel"])
def test_frames_without_a_code_give_nothing(engine: str, frame: np.ndarray) -> None:
    decoder = ENGINES[engine]()
    for _ in range(4):  # the default's fallbacks take turns on missed frames
        assert decoder.decode(frame) == []


@pytest.mark.parametrize("engine", ENGINES)
def test_non_contiguous_and_colour_frames_are_accepted(engine: str) -> None:
    frame = scankit.clean_frame()
    decoder = ENGINES[engine]()
    wide = np.repeat(frame, 2, axis=1)[:, ::2]  # a strided view, not C-contiguous
    assert not wide.flags.c_contiguous
    assert decoder.decode(wide) == [scankit.TOKEN_A]
    bgr = np.dstack([frame, frame, frame])
    assert decoder.decode(bgr) == [scankit.TOKEN_A]


def test_a_frame_that_is_not_an_image_is_refused() -> None:
    with pytest.raises(ValueError, match="2-D"):
        ZxingDecoder().decode(np.zeros((2, 3, 4, 5), np.uint8))


def test_preprocessing_steps_keep_shape_and_type() -> None:
    frame = scankit.clean_frame()
    for step in (preprocess.stretch_contrast, preprocess.local_stretch,
                 preprocess.adaptive_threshold, preprocess.invert):
        out = step(frame)
        assert out.shape == frame.shape and out.dtype == np.uint8
    assert preprocess.downscale2(frame).shape == (240, 320)
    assert preprocess.centre_crop(frame, 0.5).shape == (240, 320)
    binary = preprocess.adaptive_threshold(frame)
    assert set(np.unique(binary)) <= {0, 255}


def test_a_faded_code_needs_the_contrast_fallback() -> None:
    """A grey-on-grey print under glare: the fast path misses it, the fallback reads it."""
    code = scankit.token_code(module=6).astype(np.float64)
    faded = 118 + (code - 128) * 0.06  # 15 grey levels between ink and paper
    frame = scankit.paste(scankit.background(level=120), faded.astype(np.uint8))
    yy, xx = np.mgrid[0:480, 0:640]
    glare = 120 * np.exp(-((xx - 330) ** 2 + (yy - 170) ** 2) / (2 * 70.0 ** 2))
    frame = np.clip(frame + glare, 0, 255).astype(np.uint8)
    assert ZxingDecoder().decode(frame) == []
    decoder = default_decoder()
    seen = [decoder.decode(frame) for _ in range(4)]  # one notice held up for 4 frames
    assert [scankit.TOKEN_A] in seen


class _Counting:
    def __init__(self, name: str, answer: list[str]) -> None:
        self.name = name
        self.answer = answer
        self.calls = 0

    def decode(self, gray: np.ndarray) -> list[str]:
        self.calls += 1
        return list(self.answer)


def test_every_nth_runs_the_fallbacks_in_turn_on_missed_frames_only() -> None:
    primary = _Counting("fast", [])
    first, second = _Counting("a", []), _Counting("b", [])
    decoder = EveryNth(primary, [first, second], n=3)
    frame = scankit.background()
    for _ in range(12):
        decoder.decode(frame)
    assert primary.calls == 12
    assert (first.calls, second.calls) == (2, 2)  # frames 3, 9 and 6, 12
    primary.answer = ["X"]
    assert decoder.decode(frame) == ["X"]
    assert (first.calls, second.calls) == (2, 2)


def test_first_hit_stops_at_the_first_answer() -> None:
    a, b, c = _Counting("a", []), _Counting("b", ["B"]), _Counting("c", ["C"])
    assert FirstHit([a, b, c]).decode(scankit.background()) == ["B"]
    assert (a.calls, b.calls, c.calls) == (1, 1, 0)


def test_preprocessed_names_say_what_runs() -> None:
    decoder = Preprocessed(ZxingDecoder(), preprocess.downscale2, "half")
    assert decoder.name == "zxing@half"
    assert decoder.decode(scankit.clean_frame()) == [scankit.TOKEN_A]


# --- still images -------------------------------------------------------------------------

def test_decode_file_reads_a_notice_png(tmp_path: Path) -> None:
    path = write_qr_png(scankit.TOKEN_A, tmp_path / "notice.png")
    assert decode_file(path) == [scankit.TOKEN_A]
    assert decode_file(str(path)) == [scankit.TOKEN_A]


def test_decode_file_reads_a_transparent_png(tmp_path: Path) -> None:
    mask = qr_image(scankit.TOKEN_A, box_size=6).point(lambda v: 255 - v)
    rgba = Image.new("RGBA", mask.size, (0, 0, 0, 0))
    rgba.putalpha(mask)  # black modules, fully transparent background
    rgba.save(tmp_path / "transparent.png")
    assert decode_file(tmp_path / "transparent.png") == [scankit.TOKEN_A]


def test_decode_image_finds_every_code_once_in_a_stable_order(tmp_path: Path) -> None:
    frame = scankit.paste(scankit.background(), scankit.token_code(scankit.TOKEN_A, 5), 20, 20)
    frame = scankit.paste(frame, scankit.foreign_code(), 380, 200)
    frame = scankit.paste(frame, 255 - scankit.token_code(scankit.TOKEN_B, 4), 250, 300)
    image = Image.fromarray(frame)
    first = decode_image(image)
    assert sorted(first) == sorted([scankit.TOKEN_A, scankit.TOKEN_B, scankit.FOREIGN_URL])
    assert decode_image(image) == first
    image.save(tmp_path / "three.jpg", quality=90)
    assert decode_file(tmp_path / "three.jpg") == first


def test_decode_file_on_an_image_without_a_code(tmp_path: Path) -> None:
    Image.fromarray(scankit.noise_frame()).save(tmp_path / "noise.png")
    assert decode_file(tmp_path / "noise.png") == []


def test_decode_file_on_a_file_that_is_not_an_image(tmp_path: Path) -> None:
    path = tmp_path / "notes.png"
    path.write_text("not a picture\n", encoding="utf-8")
    with pytest.raises(ScanError) as caught:
        decode_file(path)
    assert caught.value.code == "NOT_AN_IMAGE"
    assert "notes.png" in str(caught.value)


def test_decode_file_on_a_truncated_image(tmp_path: Path) -> None:
    whole = write_qr_png(scankit.TOKEN_A, tmp_path / "whole.png").read_bytes()
    (tmp_path / "cut.png").write_bytes(whole[: len(whole) // 2])
    with pytest.raises(ScanError) as caught:
        decode_file(tmp_path / "cut.png")
    assert caught.value.code == "UNREADABLE"


@pytest.mark.parametrize("name", ["missing.png", "."])
def test_decode_file_on_a_missing_file(tmp_path: Path, name: str) -> None:
    with pytest.raises(ScanError) as caught:
        decode_file(tmp_path / name)
    assert caught.value.code == "FILE_NOT_FOUND"

"""Hard frames (issue 12): what plain zxing-cpp misses, held notices, hints, no misreads."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest
import scankit

from checkin.scanning import decoders
from checkin.scanning.decoders import ZxingDecoder, decode_image
from checkin.scanning.desk import DeskDecoder, Hint


@pytest.mark.parametrize("make", [scankit.defocused_frame, scankit.noisy_small_frame],
                         ids=["defocus", "noisy-small"])
def test_the_desk_reads_in_one_frame_what_plain_zxing_misses(make) -> None:  # type: ignore[no-untyped-def]
    frame = make()
    assert ZxingDecoder().decode(frame) == []
    result = DeskDecoder().scan(frame)
    assert result.payloads == (scankit.TOKEN_A,)
    assert result.hint is None


def test_a_held_noisy_notice_is_read_within_ten_frames_of_coming_to_rest() -> None:
    decoder = DeskDecoder()
    rng = np.random.default_rng(11)
    code = scankit.token_code(module=3)
    # Slides in from the left over 5 frames (smeared), then is held with fresh noise.
    read_at = None
    for i in range(20):
        x = min(260, -code.shape[1] + (i + 1) * 90)
        base = scankit.background(1).astype(np.float64)
        if x > -code.shape[1]:
            lo = max(x, 0)
            base[170:170 + code.shape[0], lo:x + code.shape[1]] = code[:, lo - x:]
        frame = base * 0.3 + rng.normal(0, 16.0, base.shape)
        found = decoder.decode(np.clip(frame, 0, 255).astype(np.uint8))
        assert set(found) <= {scankit.TOKEN_A}
        if found:
            read_at = i
            break
    rest = next(i for i in range(20) if -code.shape[1] + (i + 1) * 90 >= 260)
    assert read_at is not None and read_at - rest < 10


@pytest.mark.parametrize("frame", [
    scankit.background(), scankit.noise_frame(), np.zeros((480, 640), np.uint8),
    scankit.disc_blur(scankit.background(4), 6.0),
], ids=["desk", "noise", "black", "blurred-desk"])
def test_no_read_and_no_hint_on_frames_without_a_code(frame: np.ndarray) -> None:
    decoder = DeskDecoder()
    for _ in range(12):
        result = decoder.scan(frame)
        assert result.payloads == ()
        assert result.hint is None


def test_a_foreign_code_is_read_as_itself_never_as_something_else() -> None:
    frame = scankit.paste(scankit.background(), scankit.foreign_code())
    blurred = scankit.disc_blur(frame, 4.5)
    decoder = DeskDecoder()
    for picture in (frame, blurred, blurred):
        assert set(decoder.decode(picture)) <= {scankit.FOREIGN_URL}
    assert decoder.decode(frame) == [scankit.FOREIGN_URL]


def test_a_code_cut_at_the_edge_is_not_read_and_the_hint_says_so_within_a_few_frames() -> None:
    decoder = DeskDecoder()
    frame = scankit.cut_frame()
    hints = []
    for _ in range(8):
        result = decoder.scan(frame)
        assert result.payloads == ()
        hints.append(result.hint)
    assert hints[-1] is Hint.CUT_AT_EDGE
    assert set(hints) <= {None, Hint.CUT_AT_EDGE}
    # The whole notice moved into view: read, and the hint is gone.
    result = decoder.scan(scankit.clean_frame())
    assert result == type(result)((scankit.TOKEN_A,), None)


def test_a_thumb_over_a_corner_square_gives_the_covered_hint() -> None:
    frame = scankit.clean_frame().copy()  # code at (180, 100), 6 px modules, quiet zone 24
    cx, cy = 180 + 24 + 3.5 * 6, 100 + 24 + 3.5 * 6
    yy, xx = np.mgrid[0:480, 0:640]
    thumb = ((xx - cx + 10) / 30.0) ** 2 + ((yy - cy + 10) / 38.0) ** 2 < 1
    frame[thumb] = 160
    decoder = DeskDecoder()
    hints = [decoder.scan(frame) for _ in range(8)]
    assert all(r.payloads == () for r in hints)
    assert hints[-1].hint is Hint.COVERED


def test_stills_are_read_without_zbar(monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = decoders.importlib.import_module

    def no_zbar(name: str, *args: object) -> object:
        if name.startswith("pyzbar"):
            raise OSError("libzbar.so.0: cannot open shared object file")
        return real_import(name, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(decoders.importlib, "import_module", no_zbar)
    monkeypatch.setattr(decoders, "_pyzbar", None)
    monkeypatch.setattr(decoders, "_pyzbar_checked", False)
    from PIL import Image

    assert decode_image(Image.fromarray(scankit.clean_frame())) == [scankit.TOKEN_A]
    assert decoders.PyzbarDecoder().decode(scankit.clean_frame()) == []


def test_the_scanning_package_imports_without_pyzbar_installed() -> None:
    code = ("import sys; sys.modules['pyzbar'] = None; sys.modules['pyzbar.pyzbar'] = None\n"
            "from checkin.scanning import decoders, desk\n"
            "import numpy as np\n"
            "assert decoders.zbar_module() is None\n"
            "print(desk.DeskDecoder().decode(np.zeros((64, 64), np.uint8)))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


class _CountingPass:
    name = "counting"

    def __init__(self) -> None:
        self.calls = 0

    def decode(self, gray: np.ndarray) -> list[str]:
        self.calls += 1
        return []


@pytest.mark.parametrize("frame", [scankit.background(), scankit.noise_frame()],
                         ids=["desk", "noise"])
def test_an_empty_still_desk_never_runs_the_heavy_passes(frame: np.ndarray) -> None:
    counting = _CountingPass()
    decoder = DeskDecoder(heavy=[counting])
    for _ in range(40):
        assert decoder.scan(frame) == type(decoder.scan(frame))(())
    assert counting.calls == 0


def test_a_held_code_zxing_cannot_see_gets_the_heavy_passes_once_finders_are_found() -> None:
    code = scankit.token_code(module=6).astype(np.float64)
    faded = 118 + (code - 128) * 0.06
    frame = scankit.paste(scankit.background(level=120), faded.astype(np.uint8))
    yy, xx = np.mgrid[0:480, 0:640]
    glare = 120 * np.exp(-((xx - 330) ** 2 + (yy - 170) ** 2) / (2 * 70.0 ** 2))
    frame = np.clip(frame + glare, 0, 255).astype(np.uint8)  # grey on grey, under glare
    assert DeskDecoder(heavy=[]).decode(frame) == []
    counting = _CountingPass()
    decoder = DeskDecoder(heavy=[counting])
    for _ in range(6):
        decoder.scan(frame)
    assert counting.calls >= 2

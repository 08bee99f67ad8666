"""Hints for what no decoder reads (issue 12, item 5), on the benchmark's synthetic frames.

The frames come from ``benchmarks/frames.py`` (the generator ``bench_decode.py --hard``
measures with), seeded, at 1280x720: a notice that slides in and is held cut by the edge,
with a thumb on a corner square, or too close to the lens; busy empty desks; readable codes.
What is asserted is what the person at the desk sees: the right hint within a few frames of
holding still, no hint without a code, no hint once a code is read, never a misread.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from checkin.scanning.desk import DeskDecoder, Hint


def _frames_module() -> ModuleType:
    path = Path(__file__).resolve().parents[2] / "benchmarks" / "frames.py"
    spec = importlib.util.spec_from_file_location("bench_frames", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("bench_frames", module)
    spec.loader.exec_module(module)
    return module


frames = _frames_module()
SEED = 20220429
WITHIN = 5  # frames after coming to rest


@pytest.mark.parametrize(("kind", "hint"), [
    ("cut_held", Hint.CUT_AT_EDGE), ("finger_held", Hint.COVERED),
    ("too_close_held", Hint.TOO_CLOSE),
])
def test_a_held_unreadable_notice_gets_its_hint_within_five_frames_of_coming_to_rest(
        kind: str, hint: Hint) -> None:
    for seq in frames.sequence_set(2, SEED + 3, (kind,)):
        decoder = DeskDecoder()
        results = [decoder.scan(frame.gray) for frame in seq.frames]
        for result in results:
            assert set(result.payloads) <= {seq.expected}  # never a misread
        settled = results[seq.rest + WITHIN:]
        # From then on: the right hint, or (a too-close code, now and then) the code read.
        assert all(r.hint is hint or (r.payloads and r.hint is None) for r in settled), \
            [(r.hint, r.payloads) for r in results]
        assert all(r.hint in (None, hint) for r in results)  # no other hint on the way


@pytest.mark.parametrize(("condition", "hint"), [
    ("cut_edge", Hint.CUT_AT_EDGE), ("finger", Hint.COVERED), ("too_close", Hint.TOO_CLOSE),
])
def test_an_unreadable_frame_held_up_gets_the_right_hint_and_no_other(
        condition: str, hint: Hint) -> None:
    for frame in frames.hard_frame_set(3, SEED + 2, (condition,)):
        decoder = DeskDecoder()
        results = [decoder.scan(frame.gray) for _ in range(6)]
        assert all(set(r.payloads) <= {frame.expected} for r in results)
        if any(r.payloads for r in results):
            continue  # a too-close code read after all: better than a hint
        assert results[-1].hint is hint, [r.hint for r in results]
        assert {r.hint for r in results} <= {None, hint}


def test_busy_empty_desks_get_no_hint_and_no_read_held_or_changing() -> None:
    empty = [f.gray for f in frames.frame_set(8, SEED + 1, ("empty",))]
    for gray in empty:  # each held still
        decoder = DeskDecoder()
        for _ in range(10):
            result = decoder.scan(gray)
            assert result.payloads == () and result.hint is None
    decoder = DeskDecoder()
    for gray in empty * 2:  # a changing scene
        result = decoder.scan(gray)
        assert result.payloads == () and result.hint is None


@pytest.mark.parametrize("kind", ["slide_in", "focus_settling"])
def test_a_readable_held_notice_is_read_and_then_never_hinted(kind: str) -> None:
    for seq in frames.sequence_set(2, SEED + 3, (kind,)):
        decoder = DeskDecoder()
        read = False
        for i, frame in enumerate(seq.frames):
            result = decoder.scan(frame.gray)
            assert set(result.payloads) <= {seq.expected}
            read = read or bool(result.payloads)
            if read:
                assert result.hint is None
            if i == seq.rest + 1:
                assert read  # read within a frame of coming to rest


def test_hard_readable_frames_are_read_in_one_call_without_a_hint() -> None:
    hard = list(frames.hard_frame_set(2, SEED, frames.HARD_CONDITIONS))
    read = 0
    for frame in hard:
        result = DeskDecoder().scan(frame.gray)
        assert set(result.payloads) <= {frame.expected}
        if result.payloads:
            read += 1
            assert result.hint is None
    assert read >= len(hard) - 1


def test_a_still_empty_desk_stops_searching_for_finders() -> None:
    gray = next(iter(frames.frame_set(1, SEED + 1, ("empty",)))).gray
    decoder = DeskDecoder()
    calls = []
    original = decoder._search_hint

    def counting(*args: object, **kwargs: object) -> object:
        out = original(*args, **kwargs)  # type: ignore[arg-type]
        calls.append(out[0])
        return out

    decoder._search_hint = counting  # type: ignore[method-assign]
    for _ in range(24):
        decoder.scan(gray)
    # Each search once on the still picture (frames 1 and 3), then never again.
    assert sum(calls) <= 3
    assert not any(calls[8:])
    assert decoder.scan(gray) == type(decoder.scan(gray))(())

"""Keyboard-wedge scanners: bursts, human typing, and keyboards in odd states."""

from __future__ import annotations

import pytest
import scankit
from hypothesis import given, settings
from hypothesis import strategies as st

from checkin.core.tokens import ALPHABET, SCHEME, TokenError, parse_token
from checkin.scanning.wedge import MAX_BURST, WedgeDetector, normalise_scanned

TOKEN = scankit.TOKEN_A

# What the standard Taiwanese layout types for each key while a Zhuyin input method is on.
ZHUYIN_OF_KEY = dict(zip(
    "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik,9ol.0p;/-",
    "ㄅㄆㄇㄈㄉㄊㄋㄌˇㄍㄎㄏˋㄐㄑㄒㄓㄔㄕㄖˊㄗㄘㄙ˙ㄧㄨㄩㄚㄛㄜㄝㄞㄟㄠㄡㄢㄣㄤㄥㄦ",
    strict=True))


def type_keys(detector: WedgeDetector, keys: str, start: float = 1000.0, gap: float = 4.0,
              enter: bool = True) -> tuple[list[str | None], float]:
    """Feed ``keys`` ``gap`` ms apart (then Enter); returns every feed result and the time."""
    results = []
    t = start
    for ch in keys:
        results.append(detector.feed(ch, t))
        t += gap
    if enter:
        results.append(detector.feed("\r", t))
    return results, t


def zhuyin(text: str) -> str:
    return "".join(ZHUYIN_OF_KEY.get(ch, ch) for ch in text.lower())


def test_a_fast_burst_ending_with_enter_is_one_scan() -> None:
    detector = WedgeDetector()
    results, _ = type_keys(detector, TOKEN)
    assert results[:-1] == [None] * len(TOKEN)
    assert results[-1] == TOKEN


def test_a_burst_without_enter_comes_out_of_poll_after_three_gaps() -> None:
    detector = WedgeDetector(max_gap_ms=40)
    _, t = type_keys(detector, TOKEN, enter=False)
    last_key = t - 4.0
    assert detector.poll(last_key + 30) is None
    assert detector.poll(last_key + 119) is None
    assert detector.poll(last_key + 120) == TOKEN
    assert detector.poll(last_key + 500) is None  # delivered once


def test_slow_human_typing_is_never_a_scan() -> None:
    detector = WedgeDetector()
    results, t = type_keys(detector, TOKEN, gap=120.0)
    assert results == [None] * (len(TOKEN) + 1)
    assert detector.poll(t + 1000) is None
    assert not detector.is_burst_in_progress(t)


def test_a_few_fast_keys_from_a_person_are_not_a_scan() -> None:
    """Key rollover gives a person a few keys within 40 ms, never twelve."""
    detector = WedgeDetector()
    results, t = type_keys(detector, "the", gap=15.0)
    assert results == [None] * 4
    results, t = type_keys(detector, "quick brown", start=t + 200, gap=15.0, enter=False)
    assert detector.poll(t + 1000) is None


def test_a_tab_suffix_ends_a_scan_too() -> None:
    detector = WedgeDetector()
    for ch in TOKEN:
        detector.feed(ch, 0.0)
    assert detector.feed("\t", 1.0) == TOKEN


def test_full_width_characters_are_folded() -> None:
    full_width = "".join(chr(ord(ch) + 0xFEE0) for ch in TOKEN)  # Ｃ Ｋ １ － ...
    assert full_width != TOKEN
    results, _ = type_keys(WedgeDetector(), full_width)
    assert results[-1] == TOKEN


def test_caps_lock_lower_case_is_folded() -> None:
    results, _ = type_keys(WedgeDetector(), TOKEN.lower())
    assert results[-1] == TOKEN


def test_a_zhuyin_input_method_burst_maps_back_to_the_token() -> None:
    for token in (scankit.TOKEN_A, scankit.TOKEN_B):
        typed = zhuyin(token)
        assert typed.startswith("ㄏㄜㄅㄦ")  # c k 1 -
        results, _ = type_keys(WedgeDetector(), typed)
        assert results[-1] == token
        assert parse_token(results[-1]).text == token


def test_foreign_text_keeps_its_case() -> None:
    results, _ = type_keys(WedgeDetector(), scankit.FOREIGN_URL)
    assert results[-1] == scankit.FOREIGN_URL


def test_modifier_keys_with_no_text_do_not_break_a_burst() -> None:
    detector = WedgeDetector()
    t = 0.0
    for ch in TOKEN:
        assert detector.feed("", t + 1) is None  # Shift, sent by the scanner before a letter
        assert detector.feed(ch, t + 2) is None
        t += 4
    assert detector.feed("\r", t) == TOKEN


def test_is_burst_in_progress_follows_the_keys() -> None:
    detector = WedgeDetector(max_gap_ms=40)
    assert not detector.is_burst_in_progress(0)
    detector.feed("C", 0)
    assert not detector.is_burst_in_progress(1)  # one key could be anybody's
    detector.feed("K", 5)
    assert detector.is_burst_in_progress(6)
    assert detector.is_burst_in_progress(125)
    assert not detector.is_burst_in_progress(126)
    for i, ch in enumerate(TOKEN[2:]):
        detector.feed(ch, 10 + i)
    assert detector.feed("\r", 50) == TOKEN
    assert not detector.is_burst_in_progress(51)


def test_a_burst_ended_by_silence_is_returned_by_the_next_key() -> None:
    """Nobody polled: the next key, after the gap, ends the previous burst."""
    detector = WedgeDetector()
    _, t = type_keys(detector, TOKEN, enter=False)
    # A second scan starts 60 ms later (more than one gap, less than three).
    results, t = type_keys(detector, scankit.TOKEN_B, start=t + 60)
    assert results[0] == TOKEN
    assert results[-1] == scankit.TOKEN_B


def test_a_late_enter_still_delivers_the_burst_once() -> None:
    detector = WedgeDetector()
    _, t = type_keys(detector, TOKEN, enter=False)
    assert detector.feed("\r", t + 80) == TOKEN
    assert detector.feed("\r", t + 81) is None
    assert detector.poll(t + 1000) is None


def test_a_human_key_long_before_a_scan_is_not_part_of_it() -> None:
    detector = WedgeDetector()
    assert detector.feed("x", 0) is None
    results, _ = type_keys(detector, TOKEN, start=300)
    assert results[-1] == TOKEN


def test_typing_right_after_a_scan_starts_afresh() -> None:
    detector = WedgeDetector()
    _, t = type_keys(detector, TOKEN)
    results, t = type_keys(detector, "hello", start=t + 150, gap=150)
    assert results == [None] * 6


def test_equal_and_backward_timestamps_count_as_no_gap() -> None:
    """Batched key events can share a timestamp; a wrapped counter can step back."""
    detector = WedgeDetector()
    for i, ch in enumerate(TOKEN):
        detector.feed(ch, 5000.0 if i < 20 else 10.0)
    assert detector.feed("\r", 10.0) == TOKEN


def test_text_with_several_characters_is_fed_as_keys() -> None:
    detector = WedgeDetector()
    assert detector.feed(TOKEN[:20], 0.0) is None
    assert detector.feed(TOKEN[20:] + "\r", 1.0) == TOKEN


def test_an_endless_burst_is_cut_and_rejected_by_the_token_parser() -> None:
    detector = WedgeDetector()
    detector.feed(TOKEN * 200, 0.0)
    scan = detector.feed("\r", 0.0)
    assert scan is not None and len(scan) == MAX_BURST + 1
    with pytest.raises(TokenError):
        parse_token(scan)


def test_a_short_code_needs_a_lower_min_length() -> None:
    detector = WedgeDetector(min_length=4)
    results, _ = type_keys(detector, "A123")
    assert results[-1] == "A123"
    with pytest.raises(ValueError):
        WedgeDetector(max_gap_ms=0)


def test_reset_forgets_a_partial_burst() -> None:
    detector = WedgeDetector()
    type_keys(detector, TOKEN[:15], enter=False)
    detector.reset()
    assert detector.feed("\r", 1100) is None


# --- normalise_scanned ----------------------------------------------------------------------

def test_normalise_strips_controls_and_surrounding_space() -> None:
    assert normalise_scanned(f"\x02 {TOKEN}\u200b\r\n") == TOKEN
    assert normalise_scanned("") == ""
    assert normalise_scanned("ˉ") == ""  # the first-tone key is the space bar


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_normalise_never_raises_and_is_idempotent(text: str) -> None:
    once = normalise_scanned(text)
    assert isinstance(once, str)
    assert normalise_scanned(once) == once


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=ALPHABET, min_size=27, max_size=27),
       st.sampled_from(["plain", "caps", "full-width", "zhuyin"]))
def test_every_token_survives_every_keyboard_state(secret: str, state: str) -> None:
    token = f"{SCHEME}-IDB2203-{secret}"
    sent = {
        "plain": token,
        "caps": token.swapcase(),
        "full-width": "".join(chr(ord(ch) + 0xFEE0) for ch in token),
        "zhuyin": zhuyin(token),
    }[state]
    assert normalise_scanned(sent) == token
    results, _ = type_keys(WedgeDetector(), sent, gap=2.0)
    assert results[-1] == token

"""Temperature parsing (bounds, typing forms, junk) and screening profiles with validity."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from checkin.core.outcomes import Declaration
from checkin.core.screening import (
    DEFAULT_PROFILE,
    ScreeningProfile,
    TemperatureError,
    is_fever,
    parse_temperature,
    profile_for,
)


@pytest.mark.parametrize("raw, value", [
    ("36.5", "36.5"),
    ("37.5", "37.5"),
    ("37.6", "37.6"),
    ("37,5", "37.5"),  # decimal comma
    ("３７．５", "37.5"),  # full-width digits and point
    ("３７，５", "37.5"),
    ("36.5°C", "36.5"),
    ("36.5 °C", "36.5"),
    ("36.5℃", "36.5"),
    ("36.5c", "36.5"),
    (" 36.5\n", "36.5"),
    ("36。5", "36.5"),  # ideographic full stop from a Chinese input method
    ("37", "37"),
    ("34.0", "34.0"),  # inclusive lower bound
    ("42.0", "42.0"),  # inclusive upper bound
    ("36.55", "36.55"),
])
def test_readings_accepted(raw: str, value: str) -> None:
    assert parse_temperature(raw) == Decimal(value)


@pytest.mark.parametrize("raw", [
    "33.9",  # just below the plausible range: a measuring error
    "42.1",  # just above
    "0",
    "365",  # 36.5 typed without the point
    "-36.5",
    "",
    "   ",
    "abc",
    "36.5.1",
    "36,5,1",
    "3 6.5",
    "36.5 37.0",
    "nan",
    "inf",
    "1e2",
    "36.555",
    "°C",
    "36.5" + "0" * 100,
    "３６．５" * 50,
    "\x00",
    "'; DROP TABLE events; --",
])
def test_readings_refused(raw: str) -> None:
    with pytest.raises(TemperatureError):
        parse_temperature(raw)


@pytest.mark.parametrize("value, fever", [
    ("37.4", False), ("37.5", False), ("37.50", False), ("37.51", True), ("37.6", True),
    ("39.0", True),
])
def test_fever_is_over_the_threshold_not_at_it(value: str, fever: bool) -> None:
    assert is_fever(Decimal(value), DEFAULT_PROFILE) is fever


def test_profile_threshold_is_data() -> None:
    stricter = ScreeningProfile(valid_from=date(2022, 1, 1), threshold=Decimal("37.0"))
    assert is_fever(Decimal("37.1"), stricter)
    assert not is_fever(Decimal("37.1"), DEFAULT_PROFILE)


def test_plausible_range_is_data() -> None:
    wide = ScreeningProfile(valid_from=date(2022, 1, 1), plausible_min=Decimal("30.0"))
    assert parse_temperature("33.0", wide) == Decimal("33.0")
    with pytest.raises(TemperatureError):
        parse_temperature("33.0")


SPRING = ScreeningProfile(valid_from=date(2022, 1, 1), valid_until=date(2022, 5, 31),
                          threshold=Decimal("37.5"))
SUMMER = ScreeningProfile(valid_from=date(2022, 6, 1), valid_until=date(2022, 6, 30),
                          threshold=Decimal("37.0"), questions=(Declaration.SYMPTOMS,))
OFF = ScreeningProfile(valid_from=date(2022, 7, 1), enabled=False)


@pytest.mark.parametrize("day, expected", [
    (date(2021, 12, 31), None),  # before any profile: no screening
    (date(2022, 1, 1), SPRING),  # first day valid
    (date(2022, 5, 31), SPRING),  # last day valid (inclusive)
    (date(2022, 6, 1), SUMMER),
    (date(2022, 6, 30), SUMMER),
    (date(2022, 7, 1), OFF),  # the health authority lifted screening
    (date(2030, 1, 1), OFF),  # open-ended
])
def test_profile_for_day(day: date, expected: ScreeningProfile | None) -> None:
    chosen = profile_for([SPRING, SUMMER, OFF], day)
    if expected is None:
        assert not chosen.enabled
    else:
        assert chosen == expected


def test_newest_overlapping_profile_wins() -> None:
    base = ScreeningProfile(valid_from=date(2020, 1, 1))
    newer = ScreeningProfile(valid_from=date(2022, 4, 1), threshold=Decimal("37.2"))
    assert profile_for([newer, base], date(2022, 4, 29)) == newer
    assert profile_for([newer, base], date(2022, 3, 31)) == base


def test_profile_applies_on_bounds() -> None:
    assert not SPRING.applies_on(date(2021, 12, 31))
    assert SPRING.applies_on(date(2022, 1, 1))
    assert SPRING.applies_on(date(2022, 5, 31))
    assert not SPRING.applies_on(date(2022, 6, 1))

"""COVID-19 screening at the door: temperature parsing and the screening profile."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from checkin.core.outcomes import Declaration

_NUMBER = re.compile(r"^\d{1,3}([.,]\d{1,2})?$")


class TemperatureError(ValueError):
    """Not a plausible body temperature: a measuring or typing error, not a decision."""


@dataclass(frozen=True)
class ScreeningProfile:
    """The health authority's rules, as data with a validity period."""

    valid_from: date
    valid_until: date | None = None
    enabled: bool = True
    threshold: Decimal = Decimal("37.5")  # over this (not at it) is a fever
    plausible_min: Decimal = Decimal("34.0")
    plausible_max: Decimal = Decimal("42.0")
    rest_minutes: int = 5  # rest before the second reading
    # Whether a reading over the threshold may be taken again after the rest. The
    # brochure's plain words ("over 37.5 °C may not attend") allow none: the organiser
    # chooses.
    second_reading: bool = True
    questions: tuple[Declaration, ...] = (
        Declaration.TRAVEL, Declaration.CONTACT, Declaration.SYMPTOMS)

    def applies_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_until is None or day <= self.valid_until)


DEFAULT_PROFILE = ScreeningProfile(valid_from=date(2020, 1, 1))
NO_SCREENING = ScreeningProfile(valid_from=date(2020, 1, 1), enabled=False)


def profile_for(profiles: list[ScreeningProfile], day: date) -> ScreeningProfile:
    """The newest profile valid on ``day``; no screening when none applies."""
    valid = [p for p in profiles if p.applies_on(day)]
    if not valid:
        return NO_SCREENING
    return max(valid, key=lambda p: p.valid_from)


def parse_temperature(raw: str, profile: ScreeningProfile = DEFAULT_PROFILE) -> Decimal:
    """Parse a typed reading: "36.5", "37,5", full-width "３６．８", with or without "°C".

    Raises :class:`TemperatureError` for text that is not a number or is outside the
    plausible range (a thermometer misread, or 365 typed for 36.5).
    """
    text = unicodedata.normalize("NFKC", raw[:32]).strip()
    text = text.replace("°", "").replace("℃", "").rstrip("cC").strip().replace("。", ".")
    if not _NUMBER.match(text):
        raise TemperatureError("not a number")
    try:
        value = Decimal(text.replace(",", "."))
    except InvalidOperation as exc:  # pragma: no cover - regex already excludes this
        raise TemperatureError("not a number") from exc
    if not profile.plausible_min <= value <= profile.plausible_max:
        raise TemperatureError("outside plausible range")
    return value


def is_fever(value: Decimal, profile: ScreeningProfile) -> bool:
    return value > profile.threshold

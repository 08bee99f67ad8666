"""統一編號 (Taiwan business tax ID): checksum, the seventh-digit-7 case, input forms."""

from __future__ import annotations

import random

import pytest

from checkin.core.taxid import is_valid_tax_id, normalise_tax_id

WEIGHTS = (1, 2, 1, 2, 1, 2, 4, 1)


def reference_valid(number: str, divisor: int = 5) -> bool:
    """Independent textbook implementation (Ministry of Finance description).

    Products are reduced to the sum of their digits; when the seventh digit is 7 the
    reduced product 10 may count as 1 or as 0.
    """
    sums = []
    for digit, weight in zip(number, WEIGHTS, strict=True):
        product = int(digit) * weight
        sums.append(sum(int(c) for c in str(product)))
    total = sum(sums)
    if total % divisor == 0:
        return True
    if number[6] == "7":
        # 7 * 4 = 28 -> 2 + 8 = 10 -> taken as 1 (1 + 0) or as 0.
        return (total - 10 + 1) % divisor == 0 or (total - 10) % divisor == 0
    return False


def seventh_digit_seven_examples() -> list[str]:
    """Numbers valid only because of the seventh-digit-7 alternative, found by brute force."""
    found = []
    for prefix in range(100_000, 100_400):
        for last in range(10):
            number = f"{prefix:06d}7{last}"
            total = sum(sum(int(c) for c in str(int(d) * w))
                        for d, w in zip(number, WEIGHTS, strict=True))
            if total % 5 != 0 and (total - 9) % 5 == 0:
                found.append(number)
    return found


SEVEN_CASES = seventh_digit_seven_examples()


@pytest.mark.parametrize("number", [
    "16480894",  # demo companies (and their checksums are right)
    "81924865",
    "17784483",
    "78106871",
    "04595257",  # Ministry of Finance's commonly cited example
    "10458575",  # seventh digit 7, valid with the 28 -> 10 -> 0 reading
    "10458574",  # seventh digit 7, valid with the 28 -> 10 -> 1 reading
])
def test_known_valid_numbers(number: str) -> None:
    assert is_valid_tax_id(number)


@pytest.mark.parametrize("raw, why", [
    ("16480895", "checksum off by one"),
    ("1648089", "seven digits"),
    ("164808940", "nine digits"),
    ("", "empty"),
    ("ABCDEFGH", "letters"),
    ("1648O894", "letter O for zero"),
    ("+6480894", "sign"),
    ("１２３４５６７８９", "nine full-width digits"),
    ("٠٤٥٩٥٢٥٧", "Arabic-Indic digits are not a 統一編號"),
    ("1 6 4 8 0 8 9 5", "spaces do not rescue a bad checksum"),
])
def test_invalid_numbers(raw: str, why: str) -> None:
    assert not is_valid_tax_id(raw), why


@pytest.mark.parametrize("raw", ["１６４８０８９４", " 16480894 ", "1648-0894", "1648 0894"])
def test_typed_forms_are_normalised(raw: str) -> None:
    assert normalise_tax_id(raw) == "16480894"
    assert is_valid_tax_id(raw)


def test_brute_force_found_seventh_digit_cases() -> None:
    assert len(SEVEN_CASES) > 50
    for number in SEVEN_CASES:
        assert is_valid_tax_id(number), number
        # Without the seventh-digit rule it would fail: prove the case is the special one.
        assert number[6] == "7"


def test_seventh_digit_rule_applies_only_to_seven() -> None:
    # Same totals, but with the seventh digit not 7 the alternative must not rescue it.
    for number in SEVEN_CASES[:50]:
        for other in "0123456789":
            if other == "7":
                continue
            changed = number[:6] + other + number[7:]
            assert is_valid_tax_id(changed) == reference_valid(changed), changed


def test_matches_reference_on_random_numbers() -> None:
    rng = random.Random(20220429)
    numbers = [f"{rng.randrange(100_000_000):08d}" for _ in range(20_000)]
    valid = 0
    for number in numbers:
        expected = reference_valid(number)
        assert is_valid_tax_id(number) == expected, number
        valid += expected
    # Roughly one in five numbers passes a mod-5 check: the check is neither all nor nothing.
    assert 0.15 < valid / len(numbers) < 0.3
    sevens = [f"{n:06d}7{d}" for n in range(2_000) for d in range(10)]
    for number in sevens:
        assert is_valid_tax_id(number) == reference_valid(number), number


def test_old_divisor_ten_numbers_stay_valid() -> None:
    rng = random.Random(7)
    for _ in range(5_000):
        number = f"{rng.randrange(100_000_000):08d}"
        if reference_valid(number, divisor=10):
            assert is_valid_tax_id(number), number

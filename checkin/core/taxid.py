"""Taiwan's business tax ID (統一編號, "unified business number") check."""

from __future__ import annotations

import unicodedata

_WEIGHTS = (1, 2, 1, 2, 1, 2, 4, 1)


def normalise_tax_id(raw: str) -> str:
    """Full-width digits to ASCII, spaces and dashes removed."""
    text = unicodedata.normalize("NFKC", raw)
    return "".join(ch for ch in text if not ch.isspace() and ch != "-")


def is_valid_tax_id(raw: str) -> bool:
    """True when ``raw`` is an 8-digit 統一編號 with a correct checksum.

    Each digit is multiplied by 1,2,1,2,1,2,4,1 and the digits of each product summed.
    The total must be divisible by 5 (the Ministry of Finance's rule since 2023; the old
    divisor 10 implies 5). When the seventh digit is 7 its product 28 may count as 10 or
    as 1, so the number is valid when either choice works.
    """
    digits = normalise_tax_id(raw)
    if len(digits) != 8 or not digits.isascii() or not digits.isdigit():
        return False
    total = 0
    for digit, weight in zip(digits, _WEIGHTS, strict=True):
        product = int(digit) * weight
        total += product // 10 + product % 10
    if total % 5 == 0:
        return True
    # Seventh digit 7: 7*4 = 28 -> 2+8 = 10 -> either 1+0 = 1 or 0.
    return digits[6] == "7" and (total + 1) % 5 == 0

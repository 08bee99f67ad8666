"""E-mail plausibility and phone normalising, shared by the import and the notice sender."""

from __future__ import annotations

import pytest

from checkin.core.contact import is_plausible_email, normalise_phone


@pytest.mark.parametrize("raw, phone", [
    ("0912-345-678", "0912-345-678"),
    ("0912345678", "0912-345-678"),
    ("912345678", "0912-345-678"),  # a spreadsheet number that lost its 0
    ("+886 912 345 678", "0912-345-678"),
    ("０９１２　３４５　６７８", "0912-345-678"),
    ("(04) 2350-8042 #209", "0423508042#209"),
    ("04-23581200", "0423581200"),
    ("+886 4 2358 1200", "0423581200"),
])
def test_phones_are_normalised(raw: str, phone: str) -> None:
    assert normalise_phone(raw) == phone


@pytest.mark.parametrize("raw", ["", "   ", "12345", "call me", "0912-345-678-999"])
def test_not_a_phone(raw: str) -> None:
    assert normalise_phone(raw) is None


@pytest.mark.parametrize("text, ok", [
    ("wang@example.com.tw", True),
    ("a.b+c@sub.example.org", True),
    ("wang@example", False),
    ("wang example.com", False),
    ("a@b@c.com", False),
    ("a@b.com, c@d.com", False),
    ("<a@b.com>", False),
    ("", False),
])
def test_email_plausibility(text: str, ok: bool) -> None:
    assert is_plausible_email(text) is ok

"""E-mail addresses and Taiwanese phone numbers as registrants write them."""

from __future__ import annotations

import re
import unicodedata

from checkin.core.names import digits_only

# Deliberately simple: one @, a dot in the domain, no spaces. The mail server is the judge.
EMAIL_PATTERN = re.compile(r"^[^@\s,;<>]+@[^@\s,;<>]+\.[^@\s,;<>]+$")


def is_plausible_email(text: str) -> bool:
    """Whether ``text`` looks like one e-mail address (not whether it exists)."""
    return EMAIL_PATTERN.match(text) is not None


def normalise_phone(raw: str) -> str | None:
    """A Taiwanese phone as people write it: 0912-345-678 for mobiles, digits otherwise.

    Full-width digits, +886, a mobile that lost its leading 0 in a spreadsheet and an
    extension after ``#`` are understood. None when the text is empty or not a phone number.
    """
    text = unicodedata.normalize("NFKC", raw).strip()
    if not text:
        return None
    digits = digits_only(text.split("#")[0])
    extension = digits_only(text.split("#", 1)[1]) if "#" in text else ""
    if digits.startswith("886"):
        digits = "0" + digits[3:]
    if len(digits) == 9 and digits.startswith("9"):
        digits = "0" + digits  # a spreadsheet that stored the mobile as a number lost the 0
    if len(digits) == 10 and digits.startswith("09"):
        result = f"{digits[:4]}-{digits[4:7]}-{digits[7:]}"
    elif 9 <= len(digits) <= 10 and digits.startswith("0"):
        result = digits
    else:
        return None
    return f"{result}#{extension}" if extension else result

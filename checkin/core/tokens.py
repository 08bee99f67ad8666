"""Attendance tokens: what the QR code on a notice holds.

Format: ``CK1-<WORKSHOP CODE>-<SECRET>``. ``CK1`` is the scheme tag (so a foreign QR
code is recognised), the workshop code lets a desk recognise a notice for another
session even offline, and the secret is 27 characters from a 31-letter alphabet with no
look-alikes (no 0/O, 1/I/L), about 133 random bits. Every character, the dashes
included, is in the QR alphanumeric set, so the code stays small (version 3 at level M).
No personal data is in the token. Desks keep only :func:`token_hash`.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import unicodedata
from dataclasses import dataclass

SCHEME = "CK1"
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
SECRET_LENGTH = 27  # 27 * log2(31) = 133.8 bits
MAX_INPUT = 256  # anything longer than this is not a token; don't even normalise it

_CODE = r"[A-Z0-9]{1,12}"
_TOKEN = re.compile(rf"^{SCHEME}-({_CODE})-([{ALPHABET}]{{{SECRET_LENGTH}}})$")
_WORKSHOP_CODE = re.compile(rf"^{_CODE}$")


class TokenError(ValueError):
    """The text is not a token of this scheme."""


@dataclass(frozen=True)
class Token:
    """A parsed token."""

    workshop_code: str
    secret: str

    @property
    def text(self) -> str:
        return f"{SCHEME}-{self.workshop_code}-{self.secret}"


def is_valid_workshop_code(code: str) -> bool:
    return bool(_WORKSHOP_CODE.match(code))


def new_token(workshop_code: str) -> str:
    """A fresh token for a registration at ``workshop_code``."""
    if not is_valid_workshop_code(workshop_code):
        raise ValueError(f"workshop code must be 1-12 of A-Z 0-9: {workshop_code!r}")
    return f"{SCHEME}-{workshop_code}-{_random_secret()}"


_SPACE = len(ALPHABET) ** SECRET_LENGTH
_BITS = _SPACE.bit_length()


def _random_secret() -> str:
    """A uniform random secret: one big random number written in base 31.

    Rejection sampling keeps it uniform; it is several times faster than one
    ``secrets.choice`` per character, which matters when importing 100,000 registrations.
    """
    while True:
        number = secrets.randbits(_BITS)
        if number < _SPACE:
            break
    chars = []
    for _ in range(SECRET_LENGTH):
        number, digit = divmod(number, len(ALPHABET))
        chars.append(ALPHABET[digit])
    return "".join(chars)


def normalise_token_text(raw: str) -> str:
    """Undo what scanners and hand typing do: full width, lower case, spaces, stray CR/LF.

    A keyboard-wedge scanner with a Chinese input method active may send full-width
    characters; NFKC folds them back.
    """
    text = unicodedata.normalize("NFKC", raw[:MAX_INPUT])
    text = "".join(ch for ch in text if not ch.isspace() and ch.isprintable())
    return text.upper().replace("_", "-").replace("－", "-")


def looks_like_token(text: str) -> bool:
    """Text that starts like one of our tokens (``CK1-``), however it was typed.

    NFKC folding first: a hand-typed full-width ``ＣＫ１－...`` or ``ck1_...`` is a token
    attempt too. Says nothing about validity: :func:`parse_token` decides that.
    """
    head = unicodedata.normalize("NFKC", text[: len(SCHEME) + 8]).strip().upper()
    return head.replace("_", "-").startswith(f"{SCHEME}-")


def parse_token(raw: str) -> Token:
    """Parse scanned or typed text; raises :class:`TokenError` when it is not a token."""
    if len(raw) > MAX_INPUT:
        raise TokenError("too long")
    match = _TOKEN.match(normalise_token_text(raw))
    if match is None:
        raise TokenError("not a token of this scheme")
    return Token(workshop_code=match.group(1), secret=match.group(2))


def token_hash(token: str | Token) -> str:
    """The hash the desk stores in place of the token (SHA-256 of the canonical text)."""
    text = token.text if isinstance(token, Token) else parse_token(token).text
    return hashlib.sha256(text.encode("ascii")).hexdigest()

"""Attendance tokens: alphabet, entropy, scheme tag and workshop code, parsing, QR size."""

from __future__ import annotations

import math

import pytest
from pyzbar.pyzbar import ZBarSymbol, decode

from checkin.core.tokens import (
    ALPHABET,
    SCHEME,
    SECRET_LENGTH,
    TokenError,
    new_token,
    parse_token,
    token_hash,
)
from checkin.notices.qr import qr_image

QR_ALPHANUMERIC = set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:")
LOOK_ALIKES = set("0O1IlL")


def test_alphabet_has_no_look_alikes_and_no_repeats() -> None:
    assert not LOOK_ALIKES & set(ALPHABET)
    assert len(set(ALPHABET)) == len(ALPHABET)


def test_secret_carries_at_least_128_bits() -> None:
    assert SECRET_LENGTH * math.log2(len(ALPHABET)) >= 128


def test_new_token_shape() -> None:
    token = new_token("IDB2201")
    scheme, code, secret = token.split("-")
    assert scheme == SCHEME
    assert code == "IDB2201"
    assert len(secret) == SECRET_LENGTH
    assert set(secret) <= set(ALPHABET)
    assert set(token) <= QR_ALPHANUMERIC


def test_tokens_are_random() -> None:
    tokens = {new_token("IDB2201") for _ in range(2_000)}
    assert len(tokens) == 2_000
    # Every alphabet letter shows up: the secret is drawn from the whole alphabet.
    assert set("".join(t.split("-")[2] for t in tokens)) == set(ALPHABET)


@pytest.mark.parametrize("code", ["", "idb2201", "IDB-2201", "ABCDEFGHIJKLM", "臺中01"])
def test_bad_workshop_codes_are_refused(code: str) -> None:
    with pytest.raises(ValueError):
        new_token(code)


def test_no_personal_data_in_token() -> None:
    token = new_token("IDB2201")
    assert len(token) == len(SCHEME) + 1 + len("IDB2201") + 1 + SECRET_LENGTH


TOKEN = new_token("IDB2201")


def _full_width(text: str) -> str:
    return "".join(chr(ord(ch) + 0xFEE0) if "!" <= ch <= "~" else ch for ch in text)


@pytest.mark.parametrize("typed", [
    TOKEN,
    TOKEN.lower(),
    f"  {TOKEN}\r\n",  # keyboard-wedge scanner sends Enter
    _full_width(TOKEN),  # Chinese input method active on the scanner's keyboard
    _full_width(TOKEN.lower()),
    TOKEN.replace("-", "_"),  # scanner keyboard layout turns - into _
    " ".join(TOKEN[i:i + 4] for i in range(0, len(TOKEN), 4)),  # typed in groups
    TOKEN.replace("-", "－"),  # full-width hyphen-minus
    "\x02" + TOKEN + "\x03\x00",  # scanner framing control characters are dropped
])
def test_parse_typed_and_scanned_forms(typed: str) -> None:
    token = parse_token(typed)
    assert token.text == TOKEN
    assert token.workshop_code == "IDB2201"
    assert token_hash(typed) == token_hash(TOKEN)


@pytest.mark.parametrize("raw", [
    "",
    "CK1",
    "CK1-IDB2201-",
    TOKEN[:-1],  # one character short
    TOKEN + "A",  # one character long
    TOKEN[:-1] + "0",  # look-alike zero is not in the alphabet
    TOKEN[:-1] + "O",
    TOKEN[:-1] + "I",
    TOKEN[:-1] + "L",
    "CK2" + TOKEN[3:],  # another scheme version
    "https://example.com/?t=" + TOKEN,
    "' OR 1=1 --",
    "A" * 10_000,
    TOKEN * 2,
])
def test_not_tokens(raw: str) -> None:
    with pytest.raises(TokenError):
        parse_token(raw)


def test_hash_is_not_the_token_and_differs_per_token() -> None:
    other = new_token("IDB2201")
    assert token_hash(TOKEN) != token_hash(other)
    assert TOKEN not in token_hash(TOKEN)
    assert len(token_hash(TOKEN)) == 64


def _qr_version(image_side: int, box_size: int = 10, border: int = 4) -> int:
    modules = image_side // box_size - 2 * border
    return (modules - 17) // 4


@pytest.mark.parametrize("code", ["IDB2201", "ABCDEFGHJKMN"])  # longest allowed code: 12
def test_qr_of_a_token_is_small_and_reads_back(code: str) -> None:
    token = new_token(code)
    image = qr_image(token, box_size=10, border=4)
    assert image.size[0] == image.size[1]
    assert _qr_version(image.size[0]) <= 3  # version 3 at level M: alphanumeric mode
    decoded = decode(image, symbols=[ZBarSymbol.QRCODE])
    assert [d.data.decode("ascii") for d in decoded] == [token]


def test_qr_lower_case_would_be_bigger() -> None:
    # Why the alphabet matters: byte mode (lower case) does not fit version 3 at level M.
    import qrcode

    token = new_token("ABCDEFGHJKMN")
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M)
    qr.add_data(token.lower())
    qr.make(fit=True)
    assert qr.version > 3

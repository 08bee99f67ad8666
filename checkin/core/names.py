"""Normalisation of person and company names for matching, and masking for display."""

from __future__ import annotations

import re
import unicodedata

# Variant characters that people type interchangeably in Taiwanese names and addresses.
_VARIANTS = str.maketrans({"台": "臺", "着": "著", "峯": "峰", "裡": "裏", "群": "羣"})
_COMPANY_NOISE = re.compile(r"(股份有限公司|有限公司|公司|股份|co\.?,?|ltd\.?|inc\.?|corp\.?)")
_SPACE = re.compile(r"\s+")


def normalise_text(raw: str) -> str:
    """Fold width (NFKC), case and the common 台/臺 variants, and drop all whitespace."""
    text = unicodedata.normalize("NFKC", raw).casefold().translate(_VARIANTS)
    return _SPACE.sub("", text)


def normalise_person(raw: str) -> str:
    """Key for matching a person's name."""
    return normalise_text(raw).replace("·", "").replace("・", "")


def normalise_company(raw: str) -> str:
    """Key for matching a company name: width, case and 台/臺 folded, legal suffixes dropped."""
    text = normalise_text(raw)
    stripped = _COMPANY_NOISE.sub("", text).strip(".,()（）")
    return stripped or text


def company_key(tax_id: str | None, company: str) -> str:
    """What the company cap counts by: the 統一編號 when known, else the normalised name."""
    return f"tax:{tax_id}" if tax_id else f"name:{normalise_company(company)}"


def digits_only(raw: str) -> str:
    """The digits of a phone number, full-width digits included."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", raw) if ch.isdigit())


def _is_ideographic(ch: str) -> bool:
    """A character written one syllable a glyph (Han, kana, Hangul), not a letter of a word."""
    return unicodedata.east_asian_width(ch) == "W" and ch.isalpha()


def _mask_word(word: str) -> str:
    if all(_is_ideographic(ch) or ch in "·・" for ch in word):
        if len(word) == 1:
            return word
        if len(word) == 2:
            return word[0] + "○"
        return word[0] + "○" * (len(word) - 2) + word[-1]
    # Letters: the initial only. One mark whatever the length, so "Emily" and "Al" look
    # alike and the screen gives away no more than the initial.
    return word[0] + "○"


def mask_name(name: str) -> str:
    """Mask a name for screens the attendee can see.

    王小明 -> 王○明, 王明 -> 王○ (the custom on Taiwanese notices); names in letters are
    masked a word at a time to the initial and one mark, whatever the word's length:
    Emily Chou -> E○ C○, Emily Chou 周 -> E○ C○ 周.
    """
    words = name.split()
    if not words:
        return ""
    if all(_is_ideographic(ch) or ch in "·・" for ch in "".join(words)):
        return _mask_word("".join(words))  # 王 小明: a stray space, still one name
    return " ".join(_mask_word(word) for word in words)

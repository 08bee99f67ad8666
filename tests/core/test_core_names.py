"""Name normalisation for matching (width, 台/臺, spaces, case) and masking for display."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checkin.core.model import Registration, RegistrationStatus
from checkin.core.names import (
    digits_only,
    mask_name,
    normalise_company,
    normalise_person,
    normalise_text,
)


@pytest.mark.parametrize("a, b", [
    ("王小明", "王 小明"),  # a space typed in the middle
    ("王小明", " 王小明\u3000"),  # ideographic space from a Chinese input method
    ("Emily Chou", "emily  chou"),  # case and double space
    ("Ｅｍｉｌｙ", "Emily"),  # full-width Latin letters
    ("林台生", "林臺生"),  # 台/臺 variants
    ("歐陽・娜娜", "歐陽娜娜"),  # middle dot in transliterated names
])
def test_person_names_that_match(a: str, b: str) -> None:
    assert normalise_person(a) == normalise_person(b)


@pytest.mark.parametrize("a, b", [
    ("陳怡君", "陳宜君"),  # different people, one character apart
    ("王小明", "王小朋"),
    ("李", "李佳"),
])
def test_person_names_that_do_not_match(a: str, b: str) -> None:
    assert normalise_person(a) != normalise_person(b)


@pytest.mark.parametrize("a, b", [
    ("台灣綠能科技股份有限公司", "臺灣綠能科技股份有限公司"),
    ("臺灣綠能科技股份有限公司", "臺灣綠能科技"),  # legal suffix dropped
    ("中興紡織有限公司", "中興紡織 有限公司"),
    ("Formosa Lighting Co., Ltd.", "FORMOSA LIGHTING"),
    ("Formosa Lighting Co., Ltd.", "Ｆｏｒｍｏｓａ　Ｌｉｇｈｔｉｎｇ　Ｃｏ．，Ｌｔｄ．"),
])
def test_company_names_that_match(a: str, b: str) -> None:
    assert normalise_company(a) == normalise_company(b)


@pytest.mark.parametrize("a, b", [
    ("三豐精密工業股份有限公司", "三豐精機工業股份有限公司"),
    ("永光塑膠股份有限公司", "中興紡織有限公司"),
])
def test_company_names_that_do_not_match(a: str, b: str) -> None:
    assert normalise_company(a) != normalise_company(b)


def test_company_made_only_of_a_suffix_keeps_a_key() -> None:
    # "公司" alone must not collapse to an empty key that matches everyone.
    assert normalise_company("公司") != ""
    assert normalise_company("有限公司") != ""


def test_normalise_text_folds_width_and_space() -> None:
    assert normalise_text("  ＡＢＣ　１２３ ") == "abc123"


@pytest.mark.parametrize("raw, digits", [
    ("0912-345-678", "0912345678"),
    ("０９１２　３４５　６７８", "0912345678"),
    ("+886 4 2358 1200", "886423581200"),
    ("(04) 2350-8042 #209", "0423508042209"),
    ("", ""),
])
def test_phone_digits(raw: str, digits: str) -> None:
    assert digits_only(raw) == digits


@pytest.mark.parametrize("name, masked", [
    ("王小明", "王○明"),
    ("王明", "王○"),
    ("歐陽娜娜", "歐○○娜"),
    ("李", "李"),
    ("Ann Lee", "A○ L○"),
    ("Emily Chou", "E○ C○"),
    ("Emily Chou 周", "E○ C○ 周"),  # the case: no longer E○○○○○○○○○○周
    ("Ｅｍｉｌｙ  Ｃｈｏｕ", "Ｅ○ Ｃ○"),  # full-width letters are letters too
    ("Nguyễn Văn An", "N○ V○ A○"),
    ("王 小明", "王○明"),  # a stray space inside a Chinese name
    ("", ""),
    ("  王小明  ", "王○明"),
])
def test_mask_name(name: str, masked: str) -> None:
    assert mask_name(name) == masked


def test_mask_hides_the_middle_of_every_name_of_three_or_more() -> None:
    for name in ["張志豪", "鄭美玲", "歐陽娜娜", "司馬相如"]:
        masked = mask_name(name)
        assert len(masked) == len(name)
        assert masked[0] == name[0] and masked[-1] == name[-1]
        assert set(masked[1:-1]) == {"○"}


_LATIN_WORD = st.text(st.characters(whitelist_categories=("Lu", "Ll"), max_codepoint=0x24F),
                      min_size=1, max_size=30)


@given(st.lists(_LATIN_WORD, min_size=1, max_size=4))
def test_a_name_in_letters_shows_each_initial_and_never_its_length(words: list[str]) -> None:
    masked = mask_name(" ".join(words))
    assert masked.split(" ") == [w[0] + "○" for w in words]
    # Names of different lengths with the same initials look the same.
    assert mask_name(" ".join(w[0] + "x" * 20 for w in words)) == masked


@given(st.text(max_size=40))
def test_masking_never_raises_and_never_shows_more_than_it_hides(name: str) -> None:
    masked = mask_name(name)
    letters = [w for w in name.split() if not any(ch == "○" for ch in w)]
    for word in letters:
        if len(word) > 2 and word.isalpha() and word.isascii():
            assert word not in masked


@pytest.mark.parametrize("tax_id, company, key", [
    ("16480894", "三豐精密工業股份有限公司", "tax:16480894"),
    ("16480894", "三豐精密", "tax:16480894"),  # same tax ID, differently typed name
    (None, "台灣綠能科技股份有限公司", "name:" + normalise_company("臺灣綠能科技")),
])
def test_company_cap_key_prefers_tax_id(tax_id: str | None, company: str, key: str) -> None:
    reg = Registration(id=1, workshop_id=1, name="王小明", company=company, tax_id=tax_id,
                       status=RegistrationStatus.REGISTERED)
    assert reg.company_key == key

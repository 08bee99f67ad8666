"""Look-up as you type: partial names, phone last digits, company, 統一編號, namesakes."""

from __future__ import annotations

from pathlib import Path

import pytest
from enginekit import Built, build_workshop

from checkin.services.checkin import CheckinService


def found(desk: CheckinService, text: str) -> list[tuple[str, str]]:
    return [(r.name, r.company) for r in desk.search(1, text)]


def names(desk: CheckinService, text: str) -> set[str]:
    return {r.name for r in desk.search(1, text)}


def test_namesakes_are_both_shown_with_their_companies(desk: CheckinService) -> None:
    assert sorted(found(desk, "陳怡君")) == sorted([
        ("陳怡君", "永光塑膠股份有限公司"), ("陳怡君", "中興紡織有限公司")])


@pytest.mark.parametrize("typed, expected", [
    ("王", {"王小明"}),  # first keystroke
    ("王小", {"王小明"}),
    ("小明", {"王小明"}),  # infix: people say the given name
    ("王 小明", {"王小明"}),  # a stray space
    ("怡君", {"陳怡君"}),
    ("ｅｍｉｌｙ", {"Emily Chou 周"}),  # full-width Latin from a Chinese input method
    ("EMILY chou", {"Emily Chou 周"}),
    ("不存在", set()),
])
def test_partial_normalised_names(desk: CheckinService, typed: str, expected: set[str]) -> None:
    assert names(desk, typed) == expected


@pytest.mark.parametrize("typed, expected", [
    ("678", {"王小明"}),  # last three digits of 0912-345-678
    ("5678", {"王小明"}),
    ("345678", {"王小明"}),
    ("０９１２３４５６７８", {"王小明"}),  # the whole number, full width
    ("2358 1200", {"Emily Chou 周"}),  # typed with the space from the brochure
])
def test_phone_last_digits(desk: CheckinService, typed: str, expected: set[str]) -> None:
    assert names(desk, typed) == expected


def test_tax_id(desk: CheckinService) -> None:
    sanfeng = {"王小明", "李佳蓉", "張志豪"}
    assert names(desk, "16480894") == sanfeng
    assert names(desk, "1648") == sanfeng  # as you type the 統一編號
    assert names(desk, "１６４８０８９４") == sanfeng


@pytest.mark.parametrize("typed, expected", [
    ("旭昇", {"蕭韋廷"}),  # company without tax id
    ("Formosa", {"Emily Chou 周"}),
    ("三豐", {"王小明", "李佳蓉", "張志豪"}),  # company with a tax id: still found by name
    ("三豐精密", {"王小明", "李佳蓉", "張志豪"}),
    ("台灣綠能", {"林建宏", "黃淑芬"}),  # 台/臺 folded
    ("臺灣綠能", {"林建宏", "黃淑芬"}),
    ("中興 紡織", {"陳怡君"}),
    ("三豐精密工業股份有限公司", {"王小明", "李佳蓉", "張志豪"}),  # the full name typed
    ("Formosa Lighting Co., Ltd.", {"Emily Chou 周"}),
])
def test_company_name(desk: CheckinService, typed: str, expected: set[str]) -> None:
    assert names(desk, typed) == expected


@pytest.mark.parametrize("typed", ["%", "_", "\\", "'", "' OR 1=1 --", "%%%", "\x00", " "])
def test_like_wildcards_and_quotes_match_nothing(desk: CheckinService, typed: str) -> None:
    assert found(desk, typed) == []


def test_only_this_workshop(demo: Built, desk: CheckinService) -> None:
    other = demo.of_workshop(6)[0]
    assert other.name not in names(desk, other.name)


def test_prefix_matches_come_first_and_limit_holds(tmp_path: Path) -> None:
    from checkin.db.store import Store
    surnames = ["林", "王"]
    built = build_workshop(tmp_path, 60, name=lambda i: (
        f"{surnames[i % 2]}美{i:02d}" if i % 3 else f"陳林{i:02d}"))
    store = Store.open(built.url)
    try:
        desk = CheckinService(store)
        results = desk.search(1, "林", limit=20)
        assert len(results) == 20
        starts = [r.name.startswith("林") for r in results]
        # Every name starting with 林 comes before any that merely contains it.
        assert starts == sorted(starts, reverse=True)
        assert all(starts)  # there are more than 20 names starting with 林
        assert len(desk.search(1, "陳林")) == 20
    finally:
        store.close()


@pytest.mark.parametrize("typed, expected", [
    # Issue 11: digits are digits, dashes and spaces ignored, the start or the end.
    ("0912", {"王小明"}),  # how people start saying a mobile number
    ("0912-345", {"王小明"}),
    ("0912-345-678", {"王小明"}),
    ("0912 345 678", {"王小明"}),
    ("345-678", {"王小明"}),
    ("+886 912 345 678", {"王小明"}),  # international form of a national number
    ("04-2358-1200", {"Emily Chou 周"}),  # national form of a +886 4 number
    ("(04) 2358 1200", {"Emily Chou 周"}),
    ("12-345", set()),  # the middle of a number is not how anyone says it
    ("09", set()),  # two digits: too many people
])
def test_phone_in_the_forms_people_say_it(desk: CheckinService, typed: str,
                                          expected: set[str]) -> None:
    assert names(desk, typed) == expected

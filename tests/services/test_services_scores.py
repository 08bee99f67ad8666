"""Quiz scores: entry, refusals, corrections as history, the file import's report."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from enginekit import Built, count

from checkin.core.clock import TAIPEI, FixedClock
from checkin.db.store import Store
from checkin.services.checkin import Who
from checkin.services.registration_files import ImportFileError
from checkin.services.scores import (
    RowResult,
    ScoreError,
    import_scores,
    parse_score,
    score_history,
    set_score,
)


def at(hh: int, mm: int) -> datetime:
    return datetime(2022, 4, 29, hh, mm, tzinfo=TAIPEI)


@pytest.mark.parametrize("raw,value", [(80, 80), ("79", 79), (" ８５ ", 85), (100.0, 100),
                                       ("0", 0), ("100", 100), ("85.0", 85)])
def test_whole_numbers_0_to_100(raw: object, value: int) -> None:
    assert parse_score(raw) == value


@pytest.mark.parametrize("raw", ["85.5", 85.5, -1, "101", "", "八十", True, None, "1e2",
                                 "0x50", "+80", "80分"])
def test_anything_else_is_refused(raw: object) -> None:
    with pytest.raises(ScoreError) as caught:
        parse_score(raw)
    assert caught.value.code == "SCORE_INVALID"


def test_set_by_token_or_registration_and_corrections_keep_history(
        demo: Built, clock: FixedClock, open_store: Callable[..., Store]) -> None:
    store = open_store(demo.url)
    person = demo.named("王小明")[0]
    clock.current = at(15, 55)
    first = set_score(store, "IDB2201", Who(token=person.token), "79", "林小姐", "desk")
    assert (first.score, first.previous, first.changed) == (79, None, True)
    clock.current = at(16, 10)
    fixed = set_score(store, 1, Who(registration_id=person.id), 80, "王主任", "cli")
    assert (fixed.score, fixed.previous, fixed.changed) == (80, 79, True)
    same = set_score(store, 1, Who(registration_id=person.id), "80", "王主任", "cli")
    assert not same.changed  # the same score again records nothing
    history = score_history(store, 1, person.id)
    assert [(h.score, h.entered_by, h.source, h.entered_at) for h in history] == [
        (79, "林小姐", "desk", at(15, 55)), (80, "王主任", "cli", at(16, 10))]
    assert count(demo.path, "scores") == 2


def test_a_correction_in_the_same_instant_is_still_the_newest(
        demo: Built, open_store: Callable[..., Store]) -> None:
    store = open_store(demo.url)  # the clock stands still
    person = demo.named("林建宏")[0]
    for value in (90, 60, 85):
        set_score(store, 1, Who(registration_id=person.id), value, "desk-1")
    assert [h.score for h in score_history(store, 1, person.id)] == [90, 60, 85]


def test_a_score_for_someone_not_in_the_workshop_is_refused(
        demo: Built, open_store: Callable[..., Store]) -> None:
    store = open_store(demo.url)
    other = next(p for p in demo.people if p.workshop_id == 6)
    cancelled = demo.named("吳宗翰")[0]
    cases = [(Who(token=other.token), "NOT_IN_WORKSHOP"),
             (Who(registration_id=other.id), "NOT_IN_WORKSHOP"),
             (Who(registration_id=cancelled.id), "NOT_IN_WORKSHOP"),
             (Who(registration_id=999_999), "PERSON_NOT_FOUND"),
             (Who(token="CK1-IDB2201-nonsense"), "PERSON_NOT_FOUND")]
    for who, code in cases:
        with pytest.raises(ScoreError) as caught:
            set_score(store, 1, who, 90, "desk-1")
        assert caught.value.code == code
    with pytest.raises(ScoreError) as caught:
        set_score(store, 1, Who(registration_id=demo.named("王小明")[0].id), 90, "  ")
    assert caught.value.code == "ENTERED_BY_MISSING"
    assert count(demo.path, "scores") == 0


def _score_file(tmp_path: Path, demo: Built) -> Path:
    wang, lin, huang = (demo.named(n)[0] for n in ("王小明", "林建宏", "黃淑芬"))
    other = next(p for p in demo.people if p.workshop_id == 6)
    lines = [
        "報到代碼,系統編號,姓名,公司名稱,測驗成績",
        f"{wang.token},,,,80",  # by token
        f",{lin.id},,,79",  # by registration id
        ",,黃淑芬,臺灣綠能科技股份有限公司,95",  # name and company, 台/臺 folded
        ",,陳怡君,,88",  # two people of that name: ambiguous
        ",,無此人,某公司,70",  # nobody
        f"{other.token},,,,90",  # another workshop's notice
        ",,劉雅婷,大甲機械股份有限公司,八十",  # not a number
        ",,蔡承恩,潭子電子股份有限公司,",  # no score
        ",,許家瑋,中部鋼鐵工業股份有限公司,60",
        ",,許家瑋,中部鋼鐵工業有限公司,65",  # the same person twice, two scores: neither applied
    ]
    path = tmp_path / "scores.csv"
    path.write_bytes(("\n".join(lines) + "\n").encode("utf-8-sig"))
    assert huang.company.startswith("台")
    return path


def test_import_reports_unmatched_ambiguous_and_duplicates(
        demo: Built, tmp_path: Path, open_store: Callable[..., Store]) -> None:
    store = open_store(demo.url)
    path = _score_file(tmp_path, demo)
    dry = import_scores(store, path, "IDB2201", dry_run=True)
    assert not dry.applied and count(demo.path, "scores") == 0
    report = import_scores(store, path, "IDB2201", entered_by="office")
    results = {r.line: r.result for r in report.rows}
    assert results == {2: RowResult.NEW, 3: RowResult.NEW, 4: RowResult.NEW,
                       5: RowResult.AMBIGUOUS, 6: RowResult.UNMATCHED,
                       7: RowResult.UNMATCHED, 8: RowResult.INVALID, 9: RowResult.NO_SCORE,
                       10: RowResult.DUPLICATE, 11: RowResult.DUPLICATE}
    assert [r.result for r in dry.rows] == [r.result for r in report.rows]
    by_line = {r.line: r for r in report.rows}
    assert len(by_line[5].candidates) == 2
    assert by_line[2].matched_by == "token" and by_line[3].matched_by == "registration"
    assert by_line[4].matched_by == "name_company"
    assert {r.line for r in report.problems} == {5, 6, 7, 8, 10, 11}
    assert count(demo.path, "scores") == 3
    assert count(demo.path, "scores", "source = 'import' AND entered_by = 'office'") == 3
    again = import_scores(store, path, "IDB2201")
    assert again.count(RowResult.UNCHANGED) == 3 and count(demo.path, "scores") == 3


def test_import_of_a_broken_or_foreign_file_changes_nothing(
        demo: Built, tmp_path: Path, open_store: Callable[..., Store]) -> None:
    store = open_store(demo.url)
    no_score = tmp_path / "no-score.csv"
    no_score.write_text("姓名,公司名稱\n王小明,三豐\n", encoding="utf-8")
    with pytest.raises(ImportFileError) as caught:
        import_scores(store, no_score, 1)
    assert caught.value.code == "UNKNOWN_LAYOUT"
    nobody = tmp_path / "nobody.csv"
    nobody.write_text("成績,備註\n80,x\n", encoding="utf-8")
    with pytest.raises(ImportFileError):
        import_scores(store, nobody, 1)
    assert count(demo.path, "scores") == 0


def test_import_from_xlsx(demo: Built, tmp_path: Path,
                          open_store: Callable[..., Store]) -> None:
    from openpyxl import Workbook

    store = open_store(demo.url)
    book = Workbook()
    sheet = book.active
    sheet.append(["測驗成績名單"])  # a title row above the headers
    sheet.append(["Registration ID", "Name", "Score"])
    wang = demo.named("王小明")[0]
    sheet.append([wang.id, "王小明", 92.0])
    path = tmp_path / "scores.xlsx"
    book.save(path)
    report = import_scores(store, path, 1)
    assert [(r.result, r.score, r.registration_id) for r in report.rows] == [
        (RowResult.NEW, 92, wang.id)]

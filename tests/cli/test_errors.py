"""Errors in words once (cli/errors.py): by code, one line, whatever family raised them."""

from __future__ import annotations

import argparse

import pytest

from checkin import cli
from checkin.cli.errors import WORDS, CommandError, about, describe
from checkin.core.errors import CodedError
from checkin.db.errors import CorruptDatabase, DatabaseUnavailable
from checkin.services.notices import NoticeError
from checkin.services.registration_files import ImportFileError
from checkin.sync.errors import BadExportFile, DeskRevoked


class WorkshopError(CodedError):
    """A family the command line has never heard of, as a service may add one."""


def test_words_come_by_code_not_by_class() -> None:
    assert describe(NoticeError("SAME_DAY", "2022-06-02")) == (
        "日期未變更 the workshop is already on that date: 2022-06-02")
    # Another family with the same code gets the same words: no CLI change for new classes.
    assert describe(WorkshopError("SAME_DAY", "2022-06-02")) == describe(
        NoticeError("SAME_DAY", "2022-06-02"))
    assert describe(DeskRevoked()) == "此報到台已被撤銷 this desk was revoked"


def test_an_unknown_code_is_still_one_readable_line() -> None:
    assert describe(WorkshopError("VENUE_FLOODED", "line one\n  line two")) == (
        "VENUE_FLOODED: line one line two")
    assert describe(WorkshopError("VENUE_FLOODED")) == "VENUE_FLOODED"


def test_facts_fill_the_words() -> None:
    text = describe(CorruptDatabase("not a SQLite file", path="/d/desk.sqlite3.corrupt-1"))
    assert "damaged (not a SQLite file)" in text and "/d/desk.sqlite3.corrupt-1" in text
    assert describe(DatabaseUnavailable("connection failed:\n  refused")) == (
        "cannot open the database: connection failed: refused")
    assert describe(CommandError("NO_DATABASE", path="/x.sqlite3", make="checkin demo")) == (
        "找不到資料庫 no database at /x.sqlite3 (run `checkin demo` to make one)")
    layout = ImportFileError("UNKNOWN_LAYOUT", "log only", headers=("Product", "Qty"))
    assert describe(layout) == ("找不到姓名與公司名稱欄位 no name and company columns; "
                                "找到的欄位 headers found: Product, Qty")


def test_about_names_the_subject_and_what_was_left() -> None:
    with pytest.raises(BadExportFile) as caught, about("day.json", "nothing was imported"):
        raise BadExportFile("SEAL_MISMATCH")
    assert describe(caught.value) == (
        "day.json: 封印不符：檔案遭修改 the seal does not match: the file was changed; "
        "nothing was imported")


def test_every_template_formats() -> None:
    for code in WORDS:
        assert "\n" not in describe(CommandError(code, "detail"))


def _failing(error: Exception) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="checkin")
    parser.set_defaults(verbose=False, func=lambda _args: (_ for _ in ()).throw(error))
    return parser


@pytest.mark.parametrize("error, status, words", [
    (WorkshopError("ALREADY_CANCELLED", "IDB2203"), 2, "場次已經取消 already cancelled: IDB2203"),
    (WorkshopError("NEW_CODE"), 2, "NEW_CODE"),
    (RuntimeError("a bug"), 3, "unexpected error (RuntimeError: a bug)"),
])
def test_main_prints_one_line_for_any_coded_error(monkeypatch, capsys, error, status, words):
    monkeypatch.setattr(cli, "build_parser", lambda: _failing(error))
    assert cli.main([]) == status
    out, err = capsys.readouterr()
    assert out == "" and err.startswith(f"checkin: {words}") and err.count("\n") == 1

"""`checkin workshops|registrations|notices` (cli/office.py): what the command line adds.

The office use cases themselves are tested in tests/office; here: the install's one
transaction, and refusals as one line through main().
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checkin.db.engine import sqlite_url
from checkin.db.store import Store
from checkin.services.catalogue import install_catalogue

from .conftest import run


def test_install_makes_the_database_then_lists_the_brochure(tmp_path: Path, capsys) -> None:
    url = sqlite_url(tmp_path / "new" / "office.sqlite3")
    code, out, _ = run(capsys, "workshops", "install", "--db", url)
    assert code == 0 and "installed 10 workshops" in out
    code, out, _ = run(capsys, "workshops", "list", "--db", url, "--json")
    codes = {w["code"] for w in json.loads(out)}
    assert code == 0 and len(codes) == 10 and "IDB2201" in codes


def test_install_catalogue_is_one_transaction(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from checkin.services import catalogue

    def broken(_session: object) -> None:
        raise RuntimeError("disk gone")

    monkeypatch.setattr(catalogue, "install_default_profile", broken)
    with Store.open(sqlite_url(tmp_path / "o.sqlite3")) as store:
        with pytest.raises(RuntimeError):
            install_catalogue(store)
        # The profile failed, so the workshops were not kept either.
        with store.sessions() as session:
            from checkin.db.models import WorkshopRow

            assert session.query(WorkshopRow).count() == 0


@pytest.mark.parametrize("argv, words", [
    (["workshops", "list"], "no database at"),
    (["workshops", "cancel", "99"], "workshop 99 is not in this database"),
    (["notices", "send", "--workshop", "1"], "--smtp HOST:PORT"),
    (["notices", "send", "--workshop", "1", "--smtp", "mail.example.org:587"], "--from"),
])
def test_office_refusals_are_one_line(tmp_path: Path, capsys, monkeypatch, argv, words) -> None:
    monkeypatch.delenv("CHECKIN_MAIL_FROM", raising=False)
    url = sqlite_url(tmp_path / "office.sqlite3")
    if argv != ["workshops", "list"]:
        assert run(capsys, "workshops", "install", "--db", url)[0] == 0
    code, out, err = run(capsys, *argv, "--db", url)
    assert code == 2 and out == "" and words in err and err.count("\n") == 1

"""Office pages: an embedded SQLite office database with the brochure's workshops."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from checkin.db.engine import sqlite_url
from checkin.db.store import Store
from checkin.services.catalogue import install_catalogue
from tests.services.conftest import Mailbox, mailbox  # noqa: F401  (the loopback SMTP server)

from ..conftest import ARTIFACTS

__all__ = ["Mailbox"]


@pytest.fixture
def office(tmp_path: Path) -> Iterator[Store]:
    store = Store.open(sqlite_url(tmp_path / "office.sqlite3"))
    install_catalogue(store)
    yield store
    store.close()


def shot(widget, name: str) -> Path:  # type: ignore[no-untyped-def]
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"office-{name}.png"
    widget.grab().save(str(path))
    return path

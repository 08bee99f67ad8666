"""Which database the office works on, remembered in a small settings file.

With no central server configured the office runs on an embedded SQLite file of its own
(``office.sqlite3`` in the data folder, never the desk's file), so one organiser with one
laptop can work. ``checkin office --central URL`` remembers a central PostgreSQL database
instead; the office commands (registrations, notices, workshops, results, privacy) use the
same database unless ``--db`` says otherwise.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass

from sqlalchemy.engine import make_url

from checkin.db.engine import sqlite_path, sqlite_url
from checkin.db.store import Store, data_dir, private_data_folder

OFFICE_FILE = "office.sqlite3"
SETTINGS_FILE = "office.json"


@dataclass(frozen=True)
class OfficeDatabase:
    """The office's database: its URL, whether it is the embedded file, how to name it."""

    url: str
    embedded: bool
    shown: str  # the file's path, or the central URL without its password


def embedded_url() -> str:
    return sqlite_url(data_dir() / OFFICE_FILE)


def remembered_url() -> str | None:
    """The central URL ``checkin office --central`` remembered, or None."""
    try:
        data = json.loads((data_dir() / SETTINGS_FILE).read_text("utf-8"))
    except (OSError, ValueError):
        return None  # no file, or a hand-edited one that is not JSON: the embedded database
    url = data.get("central") if isinstance(data, dict) else None
    return url if isinstance(url, str) and url else None


def remember_central(url: str | None) -> None:
    """Remember ``url`` as the office's central database (None: back to the embedded file).

    The file may hold the central password: it is written readable by its owner only, under
    a temporary name renamed when complete.
    """
    path = data_dir() / SETTINGS_FILE
    private_data_folder(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.unlink(missing_ok=True)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump({"central": url}, fh)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def describe(url: str) -> OfficeDatabase:
    path = sqlite_path(url)
    if path is not None:
        return OfficeDatabase(url, embedded=True, shown=str(path))
    return OfficeDatabase(url, embedded=False,
                          shown=make_url(url).render_as_string(hide_password=True))


def office_database(central: str | None = None) -> OfficeDatabase:
    """The database the office window opens.

    ``central`` when given, else the one remembered, else the embedded file. The window
    remembers ``central`` once it has opened it (a typo is not remembered).
    """
    return describe(central or remembered_url() or embedded_url())


def office_url(db: str | None = None) -> str:
    """The database an office command uses: ``--db``, else the office window's."""
    return db or remembered_url() or embedded_url()


def is_embedded(store: Store) -> bool:
    """Whether ``store`` is a SQLite file (the embedded office), not a central server."""
    return store.engine.dialect.name == "sqlite"

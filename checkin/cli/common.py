"""What several command groups share: opening a database that must already be there."""

from __future__ import annotations

from typing import TYPE_CHECKING

from checkin.cli.errors import CommandError

if TYPE_CHECKING:
    from checkin.db.store import Store


def open_existing(url: str | None, *, make: str, desk_name: str | None = None) -> Store:
    """Open a database that must already exist (a typo must not create an empty one).

    ``make`` is the command that makes one, for the words when there is none.
    """
    from checkin.db.engine import sqlite_path
    from checkin.db.store import Store, default_url

    url = url or default_url()
    path = sqlite_path(url)
    if path is not None and not path.exists():
        raise CommandError("NO_DATABASE", path=path, make=make)
    return Store.open(url, desk_name=desk_name)

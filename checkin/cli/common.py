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


def open_office(db: str | None, *, make: str) -> Store:
    """Open the office database: ``--db``, else the office window's; never the desk's.

    The office window's is the central server it remembers, else its embedded file.
    """
    from checkin.db.office_home import office_url

    url = office_url(db)
    if url.startswith("postgresql"):
        from checkin.sync.link import secure_url

        # TLS with the server's certificate verified, unless it is on this computer.
        url = secure_url(url).render_as_string(hide_password=False)
    return open_existing(url, make=make)

"""The desk's local store: opening the database, desk identity and the clock it runs on."""

from __future__ import annotations

import os
import platform
import uuid
from dataclasses import dataclass
from datetime import datetime, time
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from checkin.core.clock import Clock, DemoClock, SystemClock
from checkin.core.model import Workshop
from checkin.db import repo
from checkin.db.engine import (
    make_private_folder,
    open_database,
    session_maker,
    sqlite_path,
    sqlite_url,
)

DEMO_ANCHOR = "demo_anchor"
# Demo time at the anchor ("HH:MM"); unset: the demo clock's own start (08:35).
DEMO_START = "demo_start"


def data_dir() -> Path:
    """The user's data folder for checkin (``CHECKIN_HOME`` overrides it)."""
    override = os.environ.get("CHECKIN_HOME")
    if override:
        return Path(override)
    base = os.environ.get("XDG_DATA_HOME") or (
        os.environ.get("LOCALAPPDATA") if platform.system() == "Windows" else None)
    return Path(base) / "checkin" if base else Path.home() / ".local" / "share" / "checkin"


def private_data_folder(path: Path) -> None:
    """Make the data folder and every folder from it down to ``path``'s readable by the user only.

    Only inside the data folder: a database the user keeps elsewhere (``--db``) sits in a
    folder of their choosing, which is never changed.
    """
    root = data_dir().absolute()
    folder = path.absolute().parent
    if folder != root and root not in folder.parents:
        return
    make_private_folder(folder)
    while folder != root:
        folder = folder.parent
        make_private_folder(folder)


def default_url() -> str:
    return sqlite_url(data_dir() / "desk.sqlite3")


def _demo_start(text: str | None) -> time | None:
    try:
        return time.fromisoformat(text) if text else None
    except ValueError:
        return None  # a hand-edited setting: the demo starts at its usual hour


@dataclass
class Store:
    """An open checkin database plus this desk's identity and clock."""

    engine: Engine
    sessions: sessionmaker[Session]
    desk_id: str
    desk_name: str
    clock_override: Clock | None = None
    demo_anchor: datetime | None = None
    demo_start: time | None = None

    @classmethod
    def open(cls, url: str | None = None, *, clock: Clock | None = None,
             desk_name: str | None = None) -> Store:
        """Open (create or migrate) the database at ``url`` and load the desk identity."""
        url = url or default_url()
        path = sqlite_path(url)
        if path is not None:
            private_data_folder(path)  # desk and demo databases hold health data
        engine = open_database(url)
        sessions = session_maker(engine)
        with sessions.begin() as session:
            desk_id = repo.get_setting(session, "desk_id")
            if desk_id is None:
                desk_id = str(uuid.uuid4())
                repo.set_setting(session, "desk_id", desk_id)
            stored_name = repo.get_setting(session, "desk_name")
            if desk_name and desk_name != stored_name:
                repo.set_setting(session, "desk_name", desk_name)
            name = desk_name or stored_name or f"desk-{platform.node() or desk_id[:8]}"
            anchor = repo.get_setting(session, DEMO_ANCHOR)
            start = repo.get_setting(session, DEMO_START)
        return cls(engine=engine, sessions=sessions, desk_id=desk_id, desk_name=name,
                   clock_override=clock,
                   demo_anchor=datetime.fromisoformat(anchor) if anchor else None,
                   demo_start=_demo_start(start))

    @property
    def is_demo(self) -> bool:
        return self.demo_anchor is not None and self.clock_override is None

    def clock_for(self, workshop: Workshop) -> Clock:
        """Tests inject a clock; a demo database runs on the workshop's morning; else real time."""
        if self.clock_override is not None:
            return self.clock_override
        if self.demo_anchor is not None:
            if self.demo_start is not None:
                return DemoClock(day=workshop.day, anchor=self.demo_anchor,
                                 start=self.demo_start)
            return DemoClock(day=workshop.day, anchor=self.demo_anchor)
        return SystemClock()

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

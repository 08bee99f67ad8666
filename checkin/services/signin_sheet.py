"""The paper sign-in list of a workshop, written as a PDF before the doors open."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from checkin.core.clock import TAIPEI
from checkin.db import convert, repo
from checkin.db.models import RegistrationRow
from checkin.db.store import Store
from checkin.notices.files import atomic_write_bytes
from checkin.notices.signin import SheetHeader, SheetLine, page_count, render_signin_sheet
from checkin.services.checkin import WorkshopNotFound


def signin_lines(store: Store, workshop_id: int) -> tuple[SheetHeader, list[SheetLine]]:
    """The header and the people of the list: registered and waitlisted, sorted by name.

    Cancelled registrations are left off: they are refused at the door anyway.
    """
    with store.sessions() as session:
        row = repo.get_workshop(session, workshop_id)
        if row is None:
            raise WorkshopNotFound(str(workshop_id))
        people = session.scalars(
            select(RegistrationRow).where(RegistrationRow.workshop_id == workshop_id,
                                          RegistrationRow.status != "cancelled")
            .order_by(RegistrationRow.name_key, RegistrationRow.id))
        lines = [SheetLine(p.id, p.name, p.company, p.status == "waitlisted") for p in people]
        workshop = convert.workshop(row)
        now = store.clock_for(workshop).now().astimezone(TAIPEI)
        header = SheetHeader(workshop.title, workshop.code, workshop.day, workshop.venue, now)
    return header, lines


def write_signin_sheet(store: Store, workshop_id: int, path: str | Path) -> int:
    """Write the list to ``path`` (complete or not at all); the number of pages."""
    header, lines = signin_lines(store, workshop_id)
    atomic_write_bytes(Path(path), render_signin_sheet(header, lines))
    return page_count(len(lines))

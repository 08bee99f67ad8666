"""What the office's pages show: a workshop's roster, searched and filtered, as frozen rows."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from checkin.core.names import normalise_person
from checkin.db.models import RegistrationRow
from checkin.db.store import Store
from checkin.services.notices import workshop_or_fail

STATUSES = ("registered", "waitlisted", "cancelled")


@dataclass(frozen=True)
class RosterLine:
    """One registration as the office's roster shows it."""

    id: int
    name: str
    company: str
    email: str | None
    phone: str | None
    status: str


def workshop_roster(store: Store, workshop_ref: str | int, search: str = "",
                    status: str | None = None) -> list[RosterLine]:
    """The workshop's registrations in import order, searched and filtered.

    ``search`` matches the name (folded as the desk folds it), company, e-mail or phone;
    ``status`` keeps one status only.
    """
    wanted = search.strip().casefold()
    person = normalise_person(search) if wanted else ""
    with store.sessions() as session:
        workshop = workshop_or_fail(session, workshop_ref)
        query = select(RegistrationRow).where(RegistrationRow.workshop_id == workshop.id)
        if status:
            query = query.where(RegistrationRow.status == status)
        rows = session.scalars(query.order_by(RegistrationRow.id))
        out = []
        for r in rows:
            if wanted and not ((person and person in r.name_key) or any(
                    wanted in (v or "").casefold()
                    for v in (r.name, r.company, r.email, r.phone, r.phone_digits))):
                continue
            out.append(RosterLine(r.id, r.name, r.company, r.email, r.phone, r.status))
        return out

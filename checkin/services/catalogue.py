"""The brochure's workshops and the default screening profile, loaded from package data."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time
from importlib import resources
from typing import Any

from sqlalchemy.orm import Session

from checkin.db.models import ScreeningProfileRow, WorkshopRow
from checkin.db.store import Store


def load_json(name: str) -> Any:
    return json.loads(resources.files("checkin.data").joinpath(name).read_text("utf-8"))


def brochure() -> dict[str, Any]:
    """The 2022 Q2 workshops as the organiser's brochure lists them."""
    data: dict[str, Any] = load_json("workshops-2022q2.json")
    return data


def install_workshops(session: Session, data: dict[str, Any] | None = None,
                      update_existing: bool = False) -> list[int]:
    """Insert the brochure's workshops that are missing; returns the ids of all of them.

    Workshops already in the database keep their date, seats and status (a typhoon's
    reschedule or a cancellation must not be undone by installing the catalogue again)
    unless ``update_existing`` asks for the brochure's values.
    """
    data = data or brochure()
    ids = []
    for item in data["workshops"]:
        org = data["organisers"][item["organiser"]]
        existing = session.get(WorkshopRow, item["number"])
        if existing is not None and not update_existing:
            ids.append(existing.id)
            continue
        row = existing or WorkshopRow(id=item["number"])
        row.code = item["code"]
        row.number = item["number"]
        row.course = item["course"]
        row.title = item["title"]
        row.organiser = org["name"]
        row.day = date.fromisoformat(item["day"])
        row.venue = item["venue"]
        row.address = item["address"]
        row.checkin_opens = time.fromisoformat(item.get("checkin_opens", data["checkin_opens"]))
        row.starts = time.fromisoformat(item.get("starts", data["starts"]))
        row.ends = time.fromisoformat(item.get("ends", data["ends"]))
        row.capacity = item.get("capacity", data["capacity"])
        row.company_cap = item.get("company_cap", data["company_cap"])
        row.status = row.status or "scheduled"
        row.contact_name = org["contact_name"]
        row.contact_phone = org["contact_phone"]
        row.contact_email = org["contact_email"]
        row.updated_at = datetime.now(UTC)
        session.merge(row)
        ids.append(row.id)
    return ids


def install_default_profile(session: Session) -> None:
    """The brochure's screening: over 37.5 °C, travel, contact, symptoms; from 2020 on."""
    if session.query(ScreeningProfileRow).count() == 0:
        session.add(ScreeningProfileRow(
            valid_from=date(2020, 1, 1), valid_until=None, enabled=True, threshold="37.5",
            plausible_min="34.0", plausible_max="42.0", rest_minutes=5,
            questions="travel,contact,symptoms"))


def install_catalogue(store: Store, update_existing: bool = False) -> list[int]:
    """Load the brochure's workshops and the default screening profile in one transaction.

    Returns the ids of the brochure's workshops; see :func:`install_workshops` for what
    ``update_existing`` resets.
    """
    with store.sessions.begin() as session:
        ids = install_workshops(session, update_existing=update_existing)
        session.flush()
        install_default_profile(session)
    return ids

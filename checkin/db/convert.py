"""Rows to frozen domain records (Qt models and services never hold live ORM rows)."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from checkin.core.model import Course, Registration, RegistrationStatus, Workshop, WorkshopStatus
from checkin.core.outcomes import Declaration
from checkin.core.screening import ScreeningProfile
from checkin.db.models import RegistrationRow, ScreeningProfileRow, WorkshopRow

# The columns a Workshop is made of: the ORM row and the scan path's plain row read these.
WORKSHOP_COLUMNS = ("id", "code", "number", "course", "title", "organiser", "day", "venue",
                    "address", "checkin_opens", "starts", "ends", "capacity", "company_cap",
                    "status", "late_after", "full_until", "departures_scanned", "pass_score")


def workshop(row: WorkshopRow) -> Workshop:
    return workshop_from({c: getattr(row, c) for c in WORKSHOP_COLUMNS})


def workshop_from(row: Mapping[Any, Any]) -> Workshop:
    """A workshop from a plain row (column name -> value)."""
    return Workshop(
        id=row["id"], code=row["code"], number=row["number"], course=Course(row["course"]),
        title=row["title"], organiser=row["organiser"], day=row["day"], venue=row["venue"],
        address=row["address"], checkin_opens=row["checkin_opens"], starts=row["starts"],
        ends=row["ends"], capacity=row["capacity"], company_cap=row["company_cap"],
        status=WorkshopStatus(row["status"]),
        late_after=row["late_after"] if row["late_after"] is not None else 0,
        full_until=row["full_until"],
        departures_scanned=row["departures_scanned"]
        if row["departures_scanned"] is not None else True,
        pass_score=row["pass_score"] if row["pass_score"] is not None else 80)


def registration(row: RegistrationRow) -> Registration:
    return Registration(
        id=row.id, workshop_id=row.workshop_id, name=row.name, company=row.company,
        tax_id=row.tax_id, status=RegistrationStatus(row.status), phone=row.phone,
        email=row.email)


def registration_from(row: Mapping[Any, Any]) -> Registration:
    """A registration from a plain row (column name -> value)."""
    return Registration(
        id=row["id"], workshop_id=row["workshop_id"], name=row["name"],
        company=row["company"], tax_id=row["tax_id"],
        status=RegistrationStatus(row["status"]), phone=row["phone"], email=row["email"])


def screening_profile_from(row: Mapping[Any, Any]) -> ScreeningProfile:
    """A screening profile from a plain row (column name -> value)."""
    return ScreeningProfile(
        valid_from=row["valid_from"], valid_until=row["valid_until"], enabled=row["enabled"],
        threshold=Decimal(row["threshold"]), plausible_min=Decimal(row["plausible_min"]),
        plausible_max=Decimal(row["plausible_max"]), rest_minutes=row["rest_minutes"],
        second_reading=bool(row.get("second_reading", True)),
        questions=tuple(Declaration(q) for q in row["questions"].split(",") if q))


def screening_profile(row: ScreeningProfileRow) -> ScreeningProfile:
    return ScreeningProfile(
        valid_from=row.valid_from, valid_until=row.valid_until, enabled=row.enabled,
        threshold=Decimal(row.threshold), plausible_min=Decimal(row.plausible_min),
        plausible_max=Decimal(row.plausible_max), rest_minutes=row.rest_minutes,
        second_reading=row.second_reading,
        questions=tuple(Declaration(q) for q in row.questions.split(",") if q))

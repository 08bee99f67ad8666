"""Typed SQLAlchemy models, shared by the desk's SQLite file and the central PostgreSQL.

Events are immutable: nothing updates or deletes a row of ``events``. Attendance is derived
from them. Health data lives in ``screenings`` and ``followups`` so that it can be purged
after 28 days without touching attendance.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any, ClassVar

from sqlalchemy import (
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Numeric,
    String,
    Text,
    Time,
    UniqueConstraint,
    true,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from checkin.db.types import UtcDateTime

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    # Every ``Mapped[datetime]`` is a point in time in UTC, read back aware on both databases.
    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: UtcDateTime}


class Setting(Base):
    """Key-value settings of this database: desk id and name, demo clock, ..."""

    __tablename__ = "settings"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class WorkshopRow(Base):
    __tablename__ = "workshops"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    code: Mapped[str] = mapped_column(String(12), unique=True)
    number: Mapped[int] = mapped_column(Integer)
    course: Mapped[str] = mapped_column(String(32))
    title: Mapped[str] = mapped_column(String(200))
    organiser: Mapped[str] = mapped_column(String(200))
    day: Mapped[date] = mapped_column(Date)
    venue: Mapped[str] = mapped_column(String(200))
    address: Mapped[str] = mapped_column(String(300))
    checkin_opens: Mapped[time] = mapped_column(Time)
    starts: Mapped[time] = mapped_column(Time)
    ends: Mapped[time] = mapped_column(Time)
    capacity: Mapped[int] = mapped_column(Integer, default=50)
    company_cap: Mapped[int] = mapped_column(Integer, default=2)
    status: Mapped[str] = mapped_column(String(16), default="scheduled")
    contact_name: Mapped[str | None] = mapped_column(String(100))
    contact_phone: Mapped[str | None] = mapped_column(String(60))
    contact_email: Mapped[str | None] = mapped_column(String(254))
    updated_at: Mapped[datetime | None] = mapped_column()
    # End of the day (migration 0007): an arrival more than late_after minutes after
    # `starts` is late; full attendance needs a departure at or after `full_until` (None:
    # `ends`, the end of the quiz), or no departure at all when departures are not scanned;
    # a certificate needs a score of at least pass_score.
    late_after: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    full_until: Mapped[time | None] = mapped_column(Time)
    departures_scanned: Mapped[bool] = mapped_column(Boolean, default=True,
                                                     server_default=true())
    pass_score: Mapped[int] = mapped_column(Integer, default=80, server_default="80")


class RegistrationRow(Base):
    __tablename__ = "registrations"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    name_key: Mapped[str] = mapped_column(String(100), index=True)
    company: Mapped[str] = mapped_column(String(200))
    company_key: Mapped[str] = mapped_column(String(200), index=True)
    # normalise_text(company), also when the tax ID is known: look-up by company name.
    company_name_key: Mapped[str] = mapped_column(String(200), default="")
    tax_id: Mapped[str | None] = mapped_column(String(8), index=True)
    email: Mapped[str | None] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(40))
    phone_digits: Mapped[str | None] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(16), default="registered")
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # Only the office record keeps the token itself (to send a notice again); desks don't.
    token: Mapped[str | None] = mapped_column(String(64))
    source_key: Mapped[str | None] = mapped_column(String(200))
    updated_at: Mapped[datetime | None] = mapped_column()
    __table_args__ = (Index("ix_registrations_workshop_name", "workshop_id", "name_key"),)


class ScreeningProfileRow(Base):
    __tablename__ = "screening_profiles"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    valid_from: Mapped[date] = mapped_column(Date)
    valid_until: Mapped[date | None] = mapped_column(Date)
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    threshold: Mapped[str] = mapped_column(String(8), default="37.5")
    plausible_min: Mapped[str] = mapped_column(String(8), default="34.0")
    plausible_max: Mapped[str] = mapped_column(String(8), default="42.0")
    rest_minutes: Mapped[int] = mapped_column(Integer, default=5)
    # False: the first reading over the threshold denies (no rest, no second reading).
    second_reading: Mapped[bool] = mapped_column(Boolean, default=True,
                                                 server_default=true())
    questions: Mapped[str] = mapped_column(String(200), default="travel,contact,symptoms")


class EventRow(Base):
    """One immutable desk action: arrival attempt, override, void, departure."""

    __tablename__ = "events"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)  # client-generated UUID
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id"))
    registration_id: Mapped[int | None] = mapped_column(ForeignKey("registrations.id"))
    desk_id: Mapped[str] = mapped_column(String(36))
    desk_name: Mapped[str] = mapped_column(String(100))
    seq: Mapped[int] = mapped_column(Integer)
    wall_time: Mapped[datetime] = mapped_column()
    kind: Mapped[str] = mapped_column(String(16))  # arrival | override | void | departure
    outcome: Mapped[str] = mapped_column(String(32))
    reason: Mapped[str | None] = mapped_column(Text)
    supervisor: Mapped[str | None] = mapped_column(String(100))
    target_event_id: Mapped[str | None] = mapped_column(String(36))  # for void
    __table_args__ = (
        UniqueConstraint("desk_id", "seq", name="uq_events_desk_seq"),
        Index("ix_events_workshop_registration", "workshop_id", "registration_id"),
    )


class ScreeningRow(Base):
    """Health data of one arrival attempt; purged 28 days after the workshop."""

    __tablename__ = "screenings"
    event_id: Mapped[str] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), primary_key=True)
    # Two decimals: what the parser accepts (37.51 is over 37.5), so no end rounds it.
    temperature: Mapped[float | None] = mapped_column(Numeric(4, 2, asdecimal=False))
    travel: Mapped[bool] = mapped_column(Boolean, default=False)
    contact: Mapped[bool] = mapped_column(Boolean, default=False)
    symptoms: Mapped[bool] = mapped_column(Boolean, default=False)


class FollowupRow(Base):
    """A symptomatic attendee the organiser follows up (advice given, doctor's visit result)."""

    __tablename__ = "followups"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[str] = mapped_column(ForeignKey("events.id"), unique=True)
    registration_id: Mapped[int] = mapped_column(ForeignKey("registrations.id"))
    opened_at: Mapped[datetime] = mapped_column()
    status: Mapped[str] = mapped_column(String(16), default="open")
    result: Mapped[str | None] = mapped_column(Text)
    closed_at: Mapped[datetime | None] = mapped_column()


class OutboxRow(Base):
    """An event still to be confirmed by the central database."""

    __tablename__ = "outbox"
    event_id: Mapped[str] = mapped_column(ForeignKey("events.id"), primary_key=True)
    created_at: Mapped[datetime] = mapped_column()
    sent_at: Mapped[datetime | None] = mapped_column(index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    set_aside_reason: Mapped[str | None] = mapped_column(Text)

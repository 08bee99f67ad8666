"""Tables of the end of the day: quiz scores, certificates, follow-ups through their life.

Departures and re-entries are events (db/models.py, kind ``departure`` / ``arrival``); what
else the end of the day records is here. Rows that travel to the central database carry a
client-generated UUID, as events do, so a sync is a set union. Scores and follow-up updates
are never changed in place: a correction is a new row and the earlier one stays as history.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from checkin.db.models import Base


class ScoreRow(Base):
    """One entry of a quiz score (0-100); the newest entry per person is the score."""

    __tablename__ = "scores"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)  # client-generated UUID
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id"))
    registration_id: Mapped[int] = mapped_column(ForeignKey("registrations.id"))
    score: Mapped[int] = mapped_column(Integer)
    entered_at: Mapped[datetime] = mapped_column()
    entered_by: Mapped[str] = mapped_column(String(100))  # staff name, desk or "import"
    desk_id: Mapped[str] = mapped_column(String(36))  # where it was entered (office too)
    source: Mapped[str] = mapped_column(String(16))  # desk | cli | import
    __table_args__ = (
        Index("ix_scores_workshop_registration", "workshop_id", "registration_id"),
    )


class CertificateRow(Base):
    """A training certificate (受訓證明) issued to one person for one workshop.

    The serial is given once and kept: rendering again never changes it. ``seal`` is an
    HMAC over what the certificate prints, so an edited or forged one fails verification.
    A certificate withdrawn after a score correction stays, marked withdrawn.
    """

    __tablename__ = "certificates"
    serial: Mapped[str] = mapped_column(String(32), primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id"))
    registration_id: Mapped[int] = mapped_column(ForeignKey("registrations.id"))
    score: Mapped[int] = mapped_column(Integer)
    issued_at: Mapped[datetime] = mapped_column()
    seal: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16), default="issued")  # issued | withdrawn
    withdrawn_at: Mapped[datetime | None] = mapped_column()
    withdrawn_reason: Mapped[str | None] = mapped_column(Text)
    __table_args__ = (
        UniqueConstraint("workshop_id", "registration_id",
                         name="uq_certificates_workshop_registration"),
    )


class FollowupUpdateRow(Base):
    """One change of a follow-up (symptoms at the door): its status and a note. Health data.

    Status: to_contact, contacted, saw_doctor, result_noted. The newest update per follow-up
    is its state; every update is its own row so that each one syncs, also after the first
    sync. Purged with the rest of the health data 28 days after the workshop.
    """

    __tablename__ = "followup_updates"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)  # client-generated UUID
    event_id: Mapped[str] = mapped_column(ForeignKey("events.id"), index=True)  # the opening
    status: Mapped[str] = mapped_column(String(16))
    note: Mapped[str | None] = mapped_column(Text)
    changed_at: Mapped[datetime] = mapped_column()
    changed_by: Mapped[str] = mapped_column(String(100))
    desk_id: Mapped[str] = mapped_column(String(36))

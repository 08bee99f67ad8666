"""Tables of the sync side (see db/models.py for the shared Base).

Some live on both sides (the sync log, local watermarks); the desk registry and the change
log of the roster are only filled on the central database.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from checkin.db.models import Base

# SQLite only autoincrements INTEGER PRIMARY KEY; PostgreSQL gets a bigint identity.
BigId = BigInteger().with_variant(Integer(), "sqlite")


class SyncWatermarkRow(Base):
    """How far the desk has read a central change log (e.g. the roster's change sequence)."""

    __tablename__ = "sync_watermarks"
    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger, default=0)
    updated_at: Mapped[datetime | None] = mapped_column()


class SyncLogRow(Base):
    """One sync, export, import or purge: when, whether it was verified, counts only."""

    __tablename__ = "sync_log"
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(16))  # sync | export | import | purge
    started_at: Mapped[datetime] = mapped_column()
    finished_at: Mapped[datetime | None] = mapped_column()
    status: Mapped[str] = mapped_column(String(32))
    ok: Mapped[bool] = mapped_column(Boolean, default=False)
    # JSON of counts and codes; never names, tokens or health data.
    summary: Mapped[str | None] = mapped_column(Text)


class SyncDeskRow(Base):
    """Central registry of provisioned desks and the database role each one logs in as."""

    __tablename__ = "sync_desks"
    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    desk_id: Mapped[str] = mapped_column(String(36), unique=True)
    role_name: Mapped[str] = mapped_column(String(63), unique=True)
    # Key of the HMAC that seals the desk's export files; desks' logins cannot read this table.
    export_key: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column()
    revoked_at: Mapped[datetime | None] = mapped_column()
    # What the desk last told the office (migration 0010), through checkin_desk_seen():
    # when its last sync finished, and how many events it still held unsent then.
    last_sync_at: Mapped[datetime | None] = mapped_column()
    held_events: Mapped[int | None] = mapped_column(Integer)


class SyncDeskWorkshopRow(Base):
    """Which workshops a desk serves: the row-level security policies read this."""

    __tablename__ = "sync_desk_workshops"
    desk_name: Mapped[str] = mapped_column(
        ForeignKey("sync_desks.name", ondelete="CASCADE"), primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id"), primary_key=True)


class SyncChangeRow(Base):
    """Central change log of the roster: one row per registration written or removed.

    A desk keeps the highest ``seq`` it has read as its watermark; a logged registration
    that the desk can no longer see (deleted, moved to another workshop) is a tombstone.
    """

    __tablename__ = "sync_changes"
    seq: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    workshop_id: Mapped[int] = mapped_column(Integer, index=True)
    registration_id: Mapped[int] = mapped_column(Integer)
    op: Mapped[str] = mapped_column(String(1))  # I | U | D
    at: Mapped[datetime] = mapped_column()


class RowOutboxRow(Base):
    """A row that is not an event still to be confirmed by the central database.

    ``outbox`` is keyed by event id (with a foreign key to ``events``); scores and follow-up
    changes are rows of their own tables with UUIDs of their own, so they ride this second
    outbox, one entry per row: ``kind`` names the table (``score``, ``followup_update``),
    ``row_id`` the row. Written in the same transaction as the row; marked sent only when
    the central side shows that row under this desk; set aside with a reason when refused.
    """

    __tablename__ = "outbox_rows"
    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    row_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    created_at: Mapped[datetime] = mapped_column()
    sent_at: Mapped[datetime | None] = mapped_column(index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    set_aside_reason: Mapped[str | None] = mapped_column(Text)

"""central sync: watermarks, desks, set-aside events

Revision ID: 0003
Revises: 0002

Set-aside events use ``outbox.set_aside_reason`` (0001). PostgreSQL-only objects (roles,
row-level security, the roster change trigger) are installed by ``checkin central init``
(checkin/sync/central.py), since the desk's SQLite file has no use for them.
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_BIG_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "sync_watermarks",
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_sync_watermarks")),
    )
    op.create_table(
        "sync_log",
        sa.Column("id", _BIG_ID, autoincrement=True, nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.Column("ok", sa.Boolean(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_log")),
    )
    op.create_table(
        "sync_desks",
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("desk_id", sa.String(length=36), nullable=False),
        sa.Column("role_name", sa.String(length=63), nullable=False),
        sa.Column("export_key", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_sync_desks")),
        sa.UniqueConstraint("desk_id", name=op.f("uq_sync_desks_desk_id")),
        sa.UniqueConstraint("role_name", name=op.f("uq_sync_desks_role_name")),
    )
    op.create_table(
        "sync_desk_workshops",
        sa.Column("desk_name", sa.String(length=100), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["desk_name"], ["sync_desks.name"],
                                name=op.f("fk_sync_desk_workshops_desk_name_sync_desks"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["workshop_id"], ["workshops.id"],
                                name=op.f("fk_sync_desk_workshops_workshop_id_workshops")),
        sa.PrimaryKeyConstraint("desk_name", "workshop_id", name=op.f("pk_sync_desk_workshops")),
    )
    op.create_table(
        "sync_changes",
        sa.Column("seq", _BIG_ID, autoincrement=True, nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("registration_id", sa.Integer(), nullable=False),
        sa.Column("op", sa.String(length=1), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_sync_changes")),
    )
    with op.batch_alter_table("sync_changes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sync_changes_workshop_id"), ["workshop_id"],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table("sync_changes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sync_changes_workshop_id"))
    op.drop_table("sync_changes")
    op.drop_table("sync_desk_workshops")
    op.drop_table("sync_desks")
    op.drop_table("sync_log")
    op.drop_table("sync_watermarks")

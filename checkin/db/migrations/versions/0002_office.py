"""office side: notices and deliveries

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "notice_deliveries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("registration_id", sa.Integer(), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("notice_day", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("message_id", sa.String(length=254), nullable=True),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["registration_id"], ["registrations.id"],
                                name=op.f("fk_notice_deliveries_registration_id_registrations")),
        sa.ForeignKeyConstraint(["workshop_id"], ["workshops.id"],
                                name=op.f("fk_notice_deliveries_workshop_id_workshops")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notice_deliveries")),
        sa.UniqueConstraint("registration_id", "notice_day", name="uq_notice_deliveries_reg_day"),
    )
    with op.batch_alter_table("notice_deliveries", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_notice_deliveries_registration_id"),
                              ["registration_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_notice_deliveries_workshop_id"),
                              ["workshop_id"], unique=False)

    op.create_table(
        "import_batches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(length=300), nullable=False),
        sa.Column("file_sha256", sa.String(length=64), nullable=False),
        sa.Column("file_format", sa.String(length=16), nullable=False),
        sa.Column("encoding", sa.String(length=32), nullable=True),
        sa.Column("rows_total", sa.Integer(), nullable=False),
        sa.Column("created", sa.Integer(), nullable=False),
        sa.Column("updated", sa.Integer(), nullable=False),
        sa.Column("unchanged", sa.Integer(), nullable=False),
        sa.Column("cancelled", sa.Integer(), nullable=False),
        sa.Column("waitlisted", sa.Integer(), nullable=False),
        sa.Column("rejected", sa.Integer(), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["workshop_id"], ["workshops.id"],
                                name=op.f("fk_import_batches_workshop_id_workshops")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_batches")),
    )
    with op.batch_alter_table("import_batches", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_import_batches_workshop_id"),
                              ["workshop_id"], unique=False)

    op.create_table(
        "workshop_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("old_day", sa.Date(), nullable=True),
        sa.Column("new_day", sa.Date(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["workshop_id"], ["workshops.id"],
                                name=op.f("fk_workshop_changes_workshop_id_workshops")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_workshop_changes")),
    )
    with op.batch_alter_table("workshop_changes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_workshop_changes_workshop_id"),
                              ["workshop_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("workshop_changes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_workshop_changes_workshop_id"))
    op.drop_table("workshop_changes")
    with op.batch_alter_table("import_batches", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_import_batches_workshop_id"))
    op.drop_table("import_batches")
    with op.batch_alter_table("notice_deliveries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_notice_deliveries_workshop_id"))
        batch_op.drop_index(batch_op.f("ix_notice_deliveries_registration_id"))
    op.drop_table("notice_deliveries")

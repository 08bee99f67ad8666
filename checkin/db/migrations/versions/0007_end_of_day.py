"""End of the day: attendance rules per workshop, quiz scores, certificates, follow-up updates

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

# Times are stored as the UTC column type stores them (timestamptz; naive UTC on SQLite).
_WHEN = sa.DateTime(timezone=True)


def upgrade() -> None:
    # Plain ADD COLUMN (SQLite has it for columns with a constant default): a batch copy of
    # the table would trip the foreign keys that point at workshops.
    op.add_column("workshops", sa.Column("late_after", sa.Integer(), server_default="0",
                                         nullable=False))
    op.add_column("workshops", sa.Column("full_until", sa.Time(), nullable=True))
    op.add_column("workshops", sa.Column("departures_scanned", sa.Boolean(),
                                         server_default=sa.true(), nullable=False))
    op.add_column("workshops", sa.Column("pass_score", sa.Integer(), server_default="80",
                                         nullable=False))
    op.create_table(
        "scores",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("registration_id", sa.Integer(), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("entered_at", _WHEN, nullable=False),
        sa.Column("entered_by", sa.String(length=100), nullable=False),
        sa.Column("desk_id", sa.String(length=36), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(["registration_id"], ["registrations.id"],
                                name=op.f("fk_scores_registration_id_registrations")),
        sa.ForeignKeyConstraint(["workshop_id"], ["workshops.id"],
                                name=op.f("fk_scores_workshop_id_workshops")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_scores")),
    )
    op.create_index("ix_scores_workshop_registration", "scores",
                    ["workshop_id", "registration_id"], unique=False)
    op.create_table(
        "certificates",
        sa.Column("serial", sa.String(length=32), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("registration_id", sa.Integer(), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("issued_at", _WHEN, nullable=False),
        sa.Column("seal", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("withdrawn_at", _WHEN, nullable=True),
        sa.Column("withdrawn_reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["registration_id"], ["registrations.id"],
                                name=op.f("fk_certificates_registration_id_registrations")),
        sa.ForeignKeyConstraint(["workshop_id"], ["workshops.id"],
                                name=op.f("fk_certificates_workshop_id_workshops")),
        sa.PrimaryKeyConstraint("serial", name=op.f("pk_certificates")),
        sa.UniqueConstraint("workshop_id", "registration_id",
                            name="uq_certificates_workshop_registration"),
    )
    op.create_table(
        "followup_updates",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("event_id", sa.String(length=36), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("changed_at", _WHEN, nullable=False),
        sa.Column("changed_by", sa.String(length=100), nullable=False),
        sa.Column("desk_id", sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"],
                                name=op.f("fk_followup_updates_event_id_events")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_followup_updates")),
    )
    op.create_index(op.f("ix_followup_updates_event_id"), "followup_updates", ["event_id"],
                    unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_followup_updates_event_id"), table_name="followup_updates")
    op.drop_table("followup_updates")
    op.drop_table("certificates")
    op.drop_index("ix_scores_workshop_registration", table_name="scores")
    op.drop_table("scores")
    with op.batch_alter_table("workshops") as batch_op:
        batch_op.drop_column("pass_score")
        batch_op.drop_column("departures_scanned")
        batch_op.drop_column("full_until")
        batch_op.drop_column("late_after")

"""The outbox of rows that are not events: scores and follow-up changes

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

_WHEN = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "outbox_rows",
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("row_id", sa.String(length=36), nullable=False),
        sa.Column("created_at", _WHEN, nullable=False),
        sa.Column("sent_at", _WHEN, nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("set_aside_reason", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("kind", "row_id", name=op.f("pk_outbox_rows")),
    )
    op.create_index(op.f("ix_outbox_rows_sent_at"), "outbox_rows", ["sent_at"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_outbox_rows_sent_at"), table_name="outbox_rows")
    op.drop_table("outbox_rows")

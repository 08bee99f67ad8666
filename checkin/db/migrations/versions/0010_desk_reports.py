"""Desks report to the office: when their last sync finished, and the events they still hold

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("sync_desks", sa.Column("last_sync_at", sa.DateTime(timezone=True),
                                          nullable=True))
    op.add_column("sync_desks", sa.Column("held_events", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("sync_desks") as batch_op:
        batch_op.drop_column("held_events")
        batch_op.drop_column("last_sync_at")

"""Whether the screening profile allows a second reading after a rest

Revision ID: 0009
Revises: 0008

A column of its own rather than ``rest_minutes = 0``: a rest of 0 minutes reads as "measure
again at once", which is a second reading, not none. Existing profiles keep today's rule
(a second reading is allowed).
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("screening_profiles") as batch:
        batch.add_column(sa.Column("second_reading", sa.Boolean(), nullable=False,
                                   server_default=sa.true()))


def downgrade() -> None:
    with op.batch_alter_table("screening_profiles") as batch:
        batch.drop_column("second_reading")

"""Temperatures kept to the parser's precision (two decimals) on every database.

``NUMERIC(4,1)`` rounded 37.51, which the desk had answered REMEASURE, to 37.5 on the
central database. SQLite keeps the value as given, so only PostgreSQL changes its column.
The desks' row-level security (registration of the event's own workshop, the desk's own
name, the same rights for an imported file) is installed by ``checkin central init``,
which is run again after an upgrade.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        return
    op.alter_column("screenings", "temperature",
                    type_=sa.Numeric(4, 2, asdecimal=False),
                    existing_type=sa.Numeric(4, 1, asdecimal=False))


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        return
    op.alter_column("screenings", "temperature",
                    type_=sa.Numeric(4, 1, asdecimal=False),
                    existing_type=sa.Numeric(4, 2, asdecimal=False))

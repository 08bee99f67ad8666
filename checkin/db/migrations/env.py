"""Alembic environment: runs on the connection the caller hands over (see db.engine)."""

from alembic import context
from sqlalchemy import create_engine

from checkin.db.schema import metadata

config = context.config
connection = config.attributes.get("connection")


def _run(conn):  # type: ignore[no-untyped-def]
    context.configure(
        connection=conn,
        target_metadata=metadata,
        render_as_batch=conn.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


if connection is not None:
    _run(connection)
else:  # alembic command line: use the URL from the config
    with create_engine(config.get_main_option("sqlalchemy.url")).begin() as conn:
        _run(conn)

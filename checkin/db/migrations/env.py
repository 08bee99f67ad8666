"""Alembic environment: runs on the connection the caller hands over (see db.engine)."""

from alembic import context
from sqlalchemy import Connection, create_engine

from checkin.db.schema import metadata

config = context.config
connection = config.attributes.get("connection")


def _run(conn: Connection) -> None:
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
    url = config.get_main_option("sqlalchemy.url")
    assert url, "set sqlalchemy.url (checkin.db.engine.alembic_config does)"
    with create_engine(url).begin() as conn:
        _run(conn)

"""Moving rows between the desk's SQLite file and the central database, dialect-aware."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from sqlalchemy import Column, Connection, MetaData, Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from checkin.db.models import EventRow, FollowupRow, RegistrationRow, ScreeningRow, WorkshopRow
from checkin.db.models_day import FollowupUpdateRow, ScoreRow

EVENTS: Table = EventRow.__table__  # type: ignore[assignment]
SCREENINGS: Table = ScreeningRow.__table__  # type: ignore[assignment]
FOLLOWUPS: Table = FollowupRow.__table__  # type: ignore[assignment]
REGISTRATIONS: Table = RegistrationRow.__table__  # type: ignore[assignment]
WORKSHOPS: Table = WorkshopRow.__table__  # type: ignore[assignment]
SCORES: Table = ScoreRow.__table__  # type: ignore[assignment]
FOLLOWUP_UPDATES: Table = FollowupUpdateRow.__table__  # type: ignore[assignment]
SCORE_COLUMNS = tuple(c.name for c in SCORES.columns)
FOLLOWUP_UPDATE_COLUMNS = tuple(c.name for c in FOLLOWUP_UPDATES.columns)

EVENT_COLUMNS = tuple(c.name for c in EVENTS.columns)
SCREENING_COLUMNS = tuple(c.name for c in SCREENINGS.columns)
# Follow-up ids are local serials: the central side numbers its own, event_id is the key.
FOLLOWUP_COLUMNS = tuple(c.name for c in FOLLOWUPS.columns if c.name != "id")
# The same table without its serial key: inserting through the full table would make
# SQLAlchemy ask for the new id back (RETURNING), which a desk's login may not read.
FOLLOWUPS_PUSH = Table("followups", MetaData(),
                       *(Column(c.name, c.type) for c in FOLLOWUPS.columns if c.name != "id"))


def insert_for(bind: Connection | Session, table: Table) -> postgresql.Insert | sqlite.Insert:
    """An INSERT that the dialect can turn into ``ON CONFLICT``."""
    name = bind.get_bind().dialect.name if isinstance(bind, Session) else bind.dialect.name
    if name == "postgresql":
        return postgresql.insert(table)
    if name == "sqlite":
        return sqlite.insert(table)
    raise NotImplementedError(f"no upsert for {name}")


def chunks(items: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def digest(ids: Iterable[str]) -> str:
    """The digest of a set of event ids both sides compute: sha256 of the sorted ids."""
    return hashlib.sha256("\n".join(sorted(ids)).encode("utf-8")).hexdigest()


def pg_copy_insert(conn: Connection, table: Table, rows: Sequence[dict[str, Any]],
                   conflict: str = "", returning: str | None = None) -> list[Any]:
    """Insert many rows on PostgreSQL: COPY into a temporary table, then ONE INSERT SELECT.

    Runs on the caller's connection, inside its transaction.
    COPY sends the rows as one stream, without the per-value work of array parameters; the
    one INSERT is judged by the grants, row-level security (the desk is looked up once per
    statement) and the triggers of ``table`` exactly as a direct insert would be. The
    temporary table is the session's own (``pg_temp``, typed without lengths so that the
    INSERT's own assignment checks refuse an over-long value), dropped at commit, and needs
    no privilege beyond the TEMPORARY every login has on a database.
    """
    if not rows:
        return []
    columns = list(rows[0])
    types = [re.sub(r"\(.*?\)", "", table.c[name].type.compile(dialect=conn.dialect))
             for name in columns]
    prep = conn.dialect.identifier_preparer
    temp = f"pg_temp.{prep.quote(f'checkin_push_{table.name}')}"
    names = ", ".join(prep.quote(c) for c in columns)
    # Dropped first: a savepoint retry in the same transaction may have left one behind.
    conn.exec_driver_sql(f"DROP TABLE IF EXISTS {temp}")
    conn.exec_driver_sql(
        f"CREATE TEMPORARY TABLE {temp.split('.', 1)[1]} ("
        f"{', '.join(f'{prep.quote(c)} {t}' for c, t in zip(columns, types, strict=True))})"
        " ON COMMIT DROP")
    copy_sql = f"COPY {temp} ({names}) FROM STDIN"
    driver = conn.connection.driver_connection
    try:
        with driver.cursor() as cur, cur.copy(copy_sql) as copy:  # type: ignore[union-attr]
            for row in rows:
                copy.write_row([row[c] for c in columns])
    except conn.dialect.loaded_dbapi.Error as exc:
        # Wrapped and tagged as any statement's error would be (DBAPIError, a dropped
        # connection invalidated, the engine's handle_error hooks run).
        conn._handle_dbapi_exception(exc, copy_sql, (), None, None)
    sql = (f"INSERT INTO {prep.format_table(table)} ({names}) SELECT {names} FROM {temp} "
           f"ON CONFLICT {conflict} DO NOTHING")
    if returning:
        sql += f" RETURNING {prep.quote(returning)}"
    result = conn.exec_driver_sql(sql)
    return [r[0] for r in result] if returning else []


def pg_unnest_insert(conn: Connection, table: Table, rows: Sequence[dict[str, Any]],
                     conflict: str = "", returning: str | None = None) -> list[Any]:
    """Insert many rows in ONE statement on PostgreSQL: ``INSERT ... SELECT * FROM unnest(...)``.

    One array parameter per column keeps the statement small (no 500-row VALUES list to
    compile and parse) and lets row-level security look the desk up once per statement
    instead of once per row, which is what made a push many times slower than a bulk insert.
    Runs on the caller's connection, inside its transaction.
    """
    if not rows:
        return []
    columns = list(rows[0])
    # Array casts without length or scale: an explicit cast to VARCHAR(32) cuts a longer
    # value silently, where the column's own assignment check refuses it.
    types = [re.sub(r"\(.*?\)", "", table.c[name].type.compile(dialect=conn.dialect))
             for name in columns]
    prep = conn.dialect.identifier_preparer
    sql = (f"INSERT INTO {prep.format_table(table)} "
           f"({', '.join(prep.quote(c) for c in columns)}) "
           f"SELECT * FROM unnest({', '.join(f'%s::{t}[]' for t in types)}) "
           f"ON CONFLICT {conflict} DO NOTHING")
    if returning:
        sql += f" RETURNING {prep.quote(returning)}"
    # exec_driver_sql: the driver's own placeholders, SQLAlchemy's error wrapping and
    # invalidation of a dropped connection.
    result = conn.exec_driver_sql(sql, tuple([row[c] for row in rows] for c in columns))
    return [r[0] for r in result] if returning else []

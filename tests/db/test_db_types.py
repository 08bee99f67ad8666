"""The UTC column type: what SQLite stores (naive UTC text, as before) and what comes back."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import Column, Engine, Integer, MetaData, Table, create_engine, insert, select, text

from checkin.db.types import UtcDateTime, as_utc

TAIPEI = timezone(timedelta(hours=8))
MOMENTS = Table("moments", MetaData(), Column("id", Integer, primary_key=True),
                Column("at", UtcDateTime, nullable=True))


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    engine = create_engine(f"sqlite:///{tmp_path / 't.sqlite3'}")
    MOMENTS.metadata.create_all(engine)
    yield engine
    engine.dispose()


def stored_and_read(engine: Engine, value: datetime | None) -> tuple[object, datetime | None]:
    with engine.begin() as conn:
        conn.execute(insert(MOMENTS).values(id=1, at=value))
        raw = conn.execute(text("SELECT at FROM moments WHERE id = 1")).scalar_one()
        back = conn.execute(select(MOMENTS.c.at)).scalar_one()
    return raw, back


@pytest.mark.parametrize("value", [
    datetime(2022, 4, 29, 0, 45, 12, 345678, tzinfo=UTC),
    datetime(2022, 4, 29, 8, 45, 12, 345678, tzinfo=TAIPEI),  # aware, not UTC
    datetime(2022, 4, 29, 0, 45, 12, 345678),  # naive: taken as UTC
])
def test_sqlite_keeps_naive_utc_text_and_gives_back_aware_utc(engine: Engine,
                                                              value: datetime) -> None:
    raw, back = stored_and_read(engine, value)
    # The text files written before this type existed hold: UTC, no offset.
    assert raw == "2022-04-29 00:45:12.345678"
    assert back == datetime(2022, 4, 29, 0, 45, 12, 345678, tzinfo=UTC)
    assert back is not None and back.utcoffset() == timedelta(0)


def test_null_stays_null(engine: Engine) -> None:
    assert stored_and_read(engine, None) == (None, None)


def test_old_rows_read_back_aware(engine: Engine) -> None:
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO moments VALUES (2, '2022-04-29 00:30:00.000000')"))
        back = conn.execute(select(MOMENTS.c.at)).scalar_one()
    assert back == datetime(2022, 4, 29, 0, 30, tzinfo=UTC)


def test_comparisons_bind_through_the_type(engine: Engine) -> None:
    with engine.begin() as conn:
        conn.execute(insert(MOMENTS).values(id=1, at=datetime(2022, 4, 29, 1, 0, tzinfo=UTC)))
        # 08:59 in Taipei is 00:59 UTC: before the stored 01:00 UTC.
        later = conn.execute(select(MOMENTS.c.id).where(
            MOMENTS.c.at > datetime(2022, 4, 29, 8, 59, tzinfo=TAIPEI))).all()
    assert later == [(1,)]


def test_as_utc() -> None:
    assert as_utc(datetime(2022, 1, 1, 8, tzinfo=TAIPEI)) == datetime(2022, 1, 1, tzinfo=UTC)
    assert as_utc(datetime(2022, 1, 1)).tzinfo is UTC


def test_models_use_it_for_every_time_column() -> None:
    from checkin.db.schema import metadata

    kinds = {type(c.type).__name__ for t in metadata.tables.values() for c in t.columns
             if c.name.endswith(("_at", "_time")) or c.name == "at"}
    assert kinds == {"UtcDateTime"}

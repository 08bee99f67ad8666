"""Engines for the desk's SQLite file and the central PostgreSQL, with schema upgrades.

Every SQLite connection runs in WAL mode with ``synchronous=FULL`` and foreign keys on,
and transactions start with ``BEGIN IMMEDIATE`` so that a check-in's decision and its write
happen under one write lock.

Opening a database at the current schema costs one query and no Alembic import: the
revision in ``alembic_version`` is compared with the newest migration file's. Alembic is
imported only to create or migrate a schema (and by tests checking the two agree).
"""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from checkin.db.errors import CorruptDatabase, DatabaseTooNew, DatabaseUnavailable

if TYPE_CHECKING:
    from alembic.config import Config

SQLITE_MAGIC = b"SQLite format 3\x00"
# The primary result codes that mean the file itself is damaged (SQLITE_CORRUPT, SQLITE_NOTADB).
_DAMAGED = {sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB}
_MIGRATIONS = Path(__file__).with_name("migrations")


def sqlite_url(path: Path | str) -> str:
    return f"sqlite:///{Path(path).resolve()}"


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL, or None for other databases and in-memory ones."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        return None
    if parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def check_sqlite_file(path: Path) -> None:
    """Detect a damaged file before anything writes to it; move it aside untouched if so.

    Raises :class:`CorruptDatabase` naming where the file now is.
    """
    problem = None
    try:
        if not path.exists():
            return
        if path.stat().st_size == 0:
            # SQLite would quietly make a new, empty database of it: a desk file truncated
            # to nothing (a failed copy, a full disk) would then lose its roster unnoticed.
            problem = "empty file (0 bytes)"
        else:
            with path.open("rb") as fh:
                if fh.read(16) != SQLITE_MAGIC:
                    problem = "not a SQLite file"
    except OSError as exc:  # unreadable is not damaged: leave the file where it is
        raise DatabaseUnavailable(exc.strerror or str(exc), path=str(path)) from exc
    if problem is None:
        try:
            # immutable=1 keeps SQLite from creating -wal/-shm beside a file that may be
            # moved aside; with a WAL present its content must be read, so plain read-only.
            flags = "mode=ro" if Path(f"{path}-wal").exists() else "mode=ro&immutable=1"
            conn = sqlite3.connect(f"{path.resolve().as_uri()}?{flags}", uri=True)
            try:
                problem = integrity_problem(conn, full=path.stat().st_size <= FULL_CHECK_MAX_BYTES)
            finally:
                conn.close()
        except sqlite3.DatabaseError as exc:
            # Only damage is damage: a locked, busy or unopenable file is left in place.
            if (getattr(exc, "sqlite_errorcode", 0) & 0xFF) not in _DAMAGED:
                raise DatabaseUnavailable(str(exc), path=str(path)) from exc
            problem = str(exc)
    if problem is None:
        return
    raise CorruptDatabase(problem, path=str(move_aside(path)))


# --- integrity --------------------------------------------------------------------------
# quick_check skips comparing each index with its table, so a damaged unique index passes
# it while look-ups through that index answer wrongly (a registered person NOT_REGISTERED).
# integrity_check reads both; it costs 1-3 s on a 100,000-registration file (64 MB, README
# benchmarks) and milliseconds on a desk's file. Above this size (some 200,000
# registrations), start-up settles for quick_check; verify_integrity always runs it in full.
FULL_CHECK_MAX_BYTES = 128 * 1024 * 1024


def integrity_problem(conn: sqlite3.Connection, full: bool = True) -> str | None:
    """What SQLite's integrity check finds wrong with the database (None when it is ok)."""
    rows = conn.execute("PRAGMA integrity_check" if full else "PRAGMA quick_check").fetchall()
    if rows == [("ok",)]:
        return None
    return "; ".join(str(r[0]) for r in rows[:3])


def move_aside(path: Path) -> Path:
    """Rename (never rewrite) a damaged file and its WAL companions; return the new name."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    moved = path.with_name(f"{path.name}.corrupt-{stamp}")
    # Renamed together so a specialist can recover the file with its last transactions.
    for suffix in ("", "-wal", "-shm"):
        src = Path(f"{path}{suffix}")
        if src.exists():
            src.rename(Path(f"{moved}{suffix}"))
    return moved


def verify_integrity(engine: Engine) -> None:
    """The full integrity check of an open desk file, before its data leaves the desk.

    Call it before a sync and an export. It reads through a separate read-only connection,
    so it holds no write lock and the desk keeps checking people in meanwhile. A damaged
    file is handled as at start-up: moved aside untouched with its WAL, and
    :class:`CorruptDatabase` raised naming where it now is; the engine is disposed, and the
    desk starts again from the last good copy or the central roster. PostgreSQL and
    in-memory databases pass without a check.
    """
    path = sqlite_path(engine.url.render_as_string(hide_password=False))
    if path is None or not path.exists():
        return
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            problem = integrity_problem(conn, full=True)
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        if (getattr(exc, "sqlite_errorcode", 0) & 0xFF) not in _DAMAGED:
            raise DatabaseUnavailable(str(exc), path=str(path)) from exc
        problem = str(exc)
    if problem is None:
        return
    # Moved first, closed after: a connection closing on a file that has moved does not
    # checkpoint its WAL into it, so the damaged file and its WAL stay as they were.
    moved = move_aside(path)
    engine.dispose()
    raise CorruptDatabase(problem, path=str(moved))


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    # Let SQLAlchemy's "begin" hook below own transactions instead of pysqlite.
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=5000")
    cur.close()


def _sqlite_begin(conn: Any) -> None:
    conn.exec_driver_sql("BEGIN IMMEDIATE")


def make_engine(url: str, **kwargs: Any) -> Engine:
    """An engine with the desk's connection settings (no schema check)."""
    path = sqlite_path(url)
    if path is not None and not path.parent.exists():
        raise DatabaseUnavailable(f"folder does not exist: {path.parent}", path=str(path))
    if make_url(url).get_backend_name() == "sqlite":
        engine = create_engine(url, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return create_engine(url, pool_pre_ping=True, **kwargs)


def alembic_config(engine: Engine | None = None) -> Config:
    from alembic.config import Config

    cfg = Config()
    # Alembic's Config is a ConfigParser: a "%" (a percent-encoded 台中 in a folder name, a
    # password) would be read as interpolation; doubled, it is taken as it is.
    cfg.set_main_option("script_location", str(_MIGRATIONS).replace("%", "%%"))
    if engine is not None:
        url = engine.url.render_as_string(hide_password=False)
        cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def known_revisions() -> list[str]:
    """The revisions this version can read, oldest first, from the migration file names.

    Each file is named ``<revision>_<what>.py`` with a zero-padded number, so the newest
    sorts last; a test checks this against Alembic's own reading of the scripts.
    """
    names = (p.name for p in (_MIGRATIONS / "versions").glob("[0-9]*_*.py"))
    return sorted(name.split("_", 1)[0] for name in names)


def head_revision() -> str:
    """The revision a database has once this version has migrated it."""
    return known_revisions()[-1]


def current_revision(engine: Engine) -> str | None:
    """The schema revision recorded in the database; None for a database without one."""
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        rows = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    if len(rows) > 1:  # branches: this project has none, so it is not a schema of ours
        raise DatabaseTooNew(f"schema revisions {', '.join(sorted(rows))} are unknown")
    return rows[0] if rows else None


def upgrade(engine: Engine) -> None:
    """Create or migrate the schema; refuse a database newer than this code."""
    current = current_revision(engine)
    if current == head_revision():
        return
    if current is not None and current not in known_revisions():
        raise DatabaseTooNew(f"schema revision {current} is unknown to this version")
    from alembic import command

    cfg = alembic_config(engine)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


def open_database(url: str, **kwargs: Any) -> Engine:
    """Open (creating or migrating) a checkin database.

    A damaged SQLite file is moved aside untouched and reported (:class:`CorruptDatabase`);
    a newer schema is refused (:class:`DatabaseTooNew`).
    """
    path = sqlite_path(url)
    if path is not None:
        check_sqlite_file(path)
    engine = make_engine(url, **kwargs)
    try:
        with _private_creation(path):
            upgrade(engine)
        if path is not None:
            make_private(path)
    except DBAPIError as exc:
        engine.dispose()
        raise DatabaseUnavailable(str(exc.orig)) from exc
    except Exception:
        engine.dispose()
        raise
    return engine


# --- file permissions ---------------------------------------------------------------------
# A desk's file holds health data (temperatures, declarations): it is the user's alone, as
# the provisioning and export files are. SQLite creates the -wal and -shm files with the
# main file's permissions, so making the main file private covers them as they come back.
PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700


@contextmanager
def _private_creation(path: Path | None) -> Iterator[None]:
    """Create a new database file (and its -wal/-shm) readable by the user only.

    The umask is the process's, so it is narrowed only while a new file is being made (one
    migration at start-up): a file another thread creates meanwhile is made private too,
    never more open.
    """
    if path is None or path.exists() or os.name != "posix":
        yield
        return
    old = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(old)


def make_private(path: Path) -> None:
    """Take group and other access off a database file and its -wal/-shm (POSIX only).

    Also tightens files that earlier versions created 0644. A file this user does not own
    is left as it is (chmod would fail there); the desk still works.
    """
    if os.name != "posix":
        return
    for suffix in ("", "-wal", "-shm", "-journal"):
        _narrow(Path(f"{path}{suffix}"), PRIVATE_FILE)


def make_private_folder(folder: Path) -> None:
    """Create ``folder`` (and missing parents) 0700, or take group/other access off it."""
    if not folder.exists():
        folder.mkdir(mode=PRIVATE_FOLDER, parents=True, exist_ok=True)
    if os.name == "posix":
        _narrow(folder, PRIVATE_FOLDER)


def _narrow(path: Path, mode: int) -> None:
    try:
        current = stat.S_IMODE(path.stat().st_mode)
        if current & (stat.S_IRWXG | stat.S_IRWXO):
            path.chmod(current & mode)
    except OSError:
        pass  # gone meanwhile (-wal checkpointed away), or not ours


def session_maker(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)

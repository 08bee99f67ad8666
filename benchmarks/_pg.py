"""The PostgreSQL administration the sync benchmarks share (server at 127.0.0.1:5432)."""

from __future__ import annotations

import psycopg

ADMIN = "host=127.0.0.1 user=postgres dbname=postgres"


def admin(sql: str) -> None:
    """Run one statement as postgres outside a transaction (CREATE/DROP DATABASE)."""
    with psycopg.connect(ADMIN, autocommit=True) as conn:
        conn.execute(sql)  # type: ignore[arg-type]

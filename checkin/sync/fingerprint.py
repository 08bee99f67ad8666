"""What verification compares: one line per event (and per screening), built alike on both sides.

Comparing event ids alone says that a row arrived, not that it arrived unchanged: a reading
rounded on the way (37.51 stored as 37.5) or an outcome cut short would pass. Each line
holds every field the row carries, so the digest of a workshop's lines changes with any of
them. The SQL and the Python builders must agree to the byte; a test checks that they do.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from datetime import datetime
from decimal import Decimal
from typing import Any

from checkin.db.types import as_utc as utc

SEP = "\x1f"  # unit separator: never in a field (fields are validated before they go in)
NULL = "\x1e"  # record separator stands for NULL, so NULL and "" differ
TIME_FORMAT = "%Y-%m-%dT%H:%M:%S.%f"

_NULL_SQL = "chr(30)"


def _sql_text(expr: str) -> str:
    return f"coalesce(({expr})::text, {_NULL_SQL})"


EVENT_LINE_SQL = ("concat_ws(chr(31), " + ", ".join([
    "id", "workshop_id::text", _sql_text("registration_id"), "desk_id", "desk_name",
    "seq::text", "to_char(wall_time AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US')",
    "kind", "outcome", _sql_text("reason"), _sql_text("supervisor"),
    _sql_text("target_event_id")]) + ")")

SCREENING_LINE_SQL = ("concat_ws(chr(31), s.event_id, "
                      f"coalesce(to_char(s.temperature, 'FM990.00'), {_NULL_SQL}), "
                      "s.travel::text, s.contact::text, s.symptoms::text)")

_TIME_SQL = "to_char(({col}) AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US')"

FOLLOWUP_UPDATE_LINE_SQL = ("concat_ws(chr(31), u.id, u.event_id, u.status, "
                            f"{_sql_text('u.note')}, {_TIME_SQL.format(col='u.changed_at')}, "
                            "u.changed_by, u.desk_id)")


def _text(value: Any) -> str:
    return NULL if value is None else str(value)


def event_line(row: Mapping[Any, Any]) -> str:
    """The line of one event (a mapping of its columns), as :data:`EVENT_LINE_SQL` builds it."""
    at = utc(row["wall_time"]) if isinstance(row["wall_time"], datetime) else None
    return SEP.join([
        str(row["id"]), str(row["workshop_id"]), _text(row["registration_id"]),
        str(row["desk_id"]), str(row["desk_name"]), str(row["seq"]),
        at.strftime(TIME_FORMAT) if at else NULL, str(row["kind"]), str(row["outcome"]),
        _text(row["reason"]), _text(row["supervisor"]), _text(row["target_event_id"])])


def temperature_text(value: float | Decimal | None) -> str:
    """Two decimals: the precision the parser accepts and both databases store."""
    return NULL if value is None else f"{Decimal(str(value)):.2f}"


def screening_line(row: Mapping[Any, Any]) -> str:
    """The line of one screening, as :data:`SCREENING_LINE_SQL` builds it."""
    return SEP.join([str(row["event_id"]), temperature_text(row["temperature"]),
                     *("true" if row[k] else "false" for k in ("travel", "contact",
                                                               "symptoms"))])


def _time(value: Any) -> str:
    return utc(value).strftime(TIME_FORMAT) if isinstance(value, datetime) else NULL


def followup_update_line(row: Mapping[Any, Any]) -> str:
    """The line of one follow-up change, as :data:`FOLLOWUP_UPDATE_LINE_SQL` builds it."""
    return SEP.join([str(row["id"]), str(row["event_id"]), str(row["status"]),
                     _text(row["note"]), _time(row["changed_at"]), str(row["changed_by"]),
                     str(row["desk_id"])])


def score_line(row: Mapping[Any, Any]) -> str:
    """The line of one score; both sides build it in Python (a desk may read scores)."""
    return SEP.join([str(row["id"]), str(row["workshop_id"]), str(row["registration_id"]),
                     str(row["score"]), _time(row["entered_at"]), str(row["entered_by"]),
                     str(row["desk_id"]), str(row["source"])])


def digest_lines(lines: Iterable[str]) -> str:
    """sha256 of the lines in the order given (by event id), as the server's string_agg."""
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()

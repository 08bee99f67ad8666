"""Make the desk files of every schema version that the migration tests open.

Run once, from the project root, when a migration is added:

    .venv/bin/python tests/data/make_schema_files.py

The files are kept in the repository (``tests/data/desk-<revision>.db``) and never made
again: an existing file is left as it is, so the tests keep opening what an old desk
really wrote, not what today's code would write. Each file is an empty SQLite file taken
by Alembic to exactly that revision, then given a few rows with plain SQL, only in the
tables and columns that revision had: two workshops, registrations (one cancelled, one
without a 統一編號), an ADMITTED, a REMEASURE and a DENIED_DECLARATION arrival with their
screenings, a follow-up, outbox rows (one sent), settings; from 0002 office rows, from 0003
sync rows, from 0004 the supervisor PIN (``2468``) and desk settings. The head's file is
made too, so the next migration is tested against it.

The values are literal on purpose (name keys, company keys, times in UTC): they are what
the code of that version stored, and must not follow later changes of the normalisers.
"""

from __future__ import annotations

import hashlib
import sqlite3
import sys
from pathlib import Path

from alembic import command
from alembic.script import ScriptDirectory

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from checkin.db.engine import alembic_config, make_engine, sqlite_url  # noqa: E402

DESK_ID = "5f0c2a51-7d1e-4b8a-9c36-0a2b4c6d8e01"
# Fixed tokens, so that a test can scan them (the office copy keeps tokens; desks don't).
TOKENS = {
    1: "CK1-IDB2201-KMWKHHR6NAHR6NEKRF89F2QFJZV",  # 王小明: ADMITTED at 08:35
    2: "CK1-IDB2201-CK3U95NWHPE3EGDGRXHDUERE3GU",  # 李佳蓉: REMEASURE at 08:36 (37.9)
    3: "CK1-IDB2201-MUUB7KAPEV7G4C2KF3BHQV84KGC",  # 陳怡君: not arrived yet
    4: "CK1-IDB2201-7HQ2WXYZ3ABCDEFGHJKMNPQRSTU",  # 張志豪: DENIED_DECLARATION (symptoms)
    5: "CK1-IDB2201-N8P3R4S5T6U7V8W9X2Y3Z4A5B6C",  # 林雅婷: cancelled
    6: "CK1-IDB2202-Q2W3E4R5T6Y7U8P9A2S3D4F5G6H",  # 黃建宏: workshop 2
}
EVENTS = {
    "admitted": "0e8f4a1c-0001-4a5b-8c9d-000000000001",
    "remeasure": "0e8f4a1c-0002-4a5b-8c9d-000000000002",
    "denied": "0e8f4a1c-0003-4a5b-8c9d-000000000003",
}


def _h(token: str) -> str:
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def rows_0001() -> list[tuple[str, tuple[object, ...]]]:
    """The desk tables of the first schema (0001)."""
    ws = ("INSERT INTO workshops (id, code, number, course, title, organiser, day, venue, "
          "address, checkin_opens, starts, ends, capacity, company_cap, status, contact_name, "
          "contact_phone, contact_email, updated_at) VALUES "
          "(?, ?, ?, 'ghg_inventory', ?, '財團法人台灣綠色生產力基金會', ?, ?, ?, "
          "'08:30:00.000000', '09:00:00.000000', '16:00:00.000000', 50, 2, 'scheduled', "
          "'林先生', '04-2350-8042 #209', 'pohanlin@tgp.org.tw', '2022-04-20 02:00:00.000000')")
    reg = ("INSERT INTO registrations (id, workshop_id, name, name_key, company, company_key, "
           "company_name_key, tax_id, email, phone, phone_digits, status, token_hash, token, "
           "source_key, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
           "'2022-04-20 02:00:00.000000')")
    ev = ("INSERT INTO events (id, workshop_id, registration_id, desk_id, desk_name, seq, "
          "wall_time, kind, outcome, reason, supervisor, target_event_id) "
          "VALUES (?, 1, ?, ?, '台中-1', ?, ?, 'arrival', ?, NULL, NULL, NULL)")
    scr = ("INSERT INTO screenings (event_id, temperature, travel, contact, symptoms) "
           "VALUES (?, ?, 0, 0, ?)")
    out = ("INSERT INTO outbox (event_id, created_at, sent_at, attempts, last_error, "
           "set_aside_reason) VALUES (?, ?, ?, ?, NULL, NULL)")
    sanfeng = "三豐精密工業股份有限公司"
    return [
        ("INSERT INTO settings (key, value) VALUES (?, ?)", ("desk_id", DESK_ID)),
        ("INSERT INTO settings (key, value) VALUES (?, ?)", ("desk_name", "台中-1")),
        ("INSERT INTO screening_profiles (id, valid_from, valid_until, enabled, threshold, "
         "plausible_min, plausible_max, rest_minutes, questions) VALUES "
         "(1, '2020-01-01', NULL, 1, '37.5', '34.0', '42.0', 5, 'travel,contact,symptoms')", ()),
        (ws, (1, "IDB2201", 1, "碳盤查 (1)", "2022-04-29", "潭子加工出口區康樂室後棟 3 樓",
              "臺中市潭子區建國路一號")),
        (ws, (2, "IDB2202", 2, "碳盤查 (2)", "2022-05-18", "觀音工業區管理中心 2 樓訓練教室",
              "桃園市觀音區工業五路 3 號")),
        (reg, (1, 1, "王小明", "王小明", sanfeng, "tax:16480894", sanfeng, "16480894",
               "xm.wang@sanfeng-demo.com.tw", "0912-345-678", "0912345678", "registered",
               _h(TOKENS[1]), TOKENS[1], "row:1")),
        (reg, (2, 1, "李佳蓉", "李佳蓉", sanfeng, "tax:16480894", sanfeng, "16480894",
               "jr.li@sanfeng-demo.com.tw", "0921-556-102", "0921556102", "registered",
               _h(TOKENS[2]), TOKENS[2], "row:2")),
        (reg, (3, 1, "陳怡君", "陳怡君", "永光綠能有限公司", "name:永光綠能",
               "永光綠能有限公司", None, None, "0933-210-447", "0933210447", "registered",
               _h(TOKENS[3]), TOKENS[3], "row:3")),
        (reg, (4, 1, "張志豪", "張志豪", "中興塑膠股份有限公司", "tax:22099131",
               "中興塑膠股份有限公司", "22099131", "zh.zhang@example.com.tw", "04-2359-1234",
               "0423591234", "registered", _h(TOKENS[4]), TOKENS[4], "row:4")),
        (reg, (5, 1, "林雅婷", "林雅婷", "大甲食品有限公司", "name:大甲食品", "大甲食品有限公司",
               None, None, None, None, "cancelled", _h(TOKENS[5]), TOKENS[5], "row:5")),
        (reg, (6, 2, "黃建宏", "黃建宏", "觀音鋼鐵股份有限公司", "tax:12345675",
               "觀音鋼鐵股份有限公司", "12345675", None, "0955-000-111", "0955000111",
               "registered", _h(TOKENS[6]), TOKENS[6], "row:1")),
        (ev, (EVENTS["admitted"], 1, DESK_ID, 1, "2022-04-29 00:35:00.000000", "ADMITTED")),
        (ev, (EVENTS["remeasure"], 2, DESK_ID, 2, "2022-04-29 00:36:00.000000", "REMEASURE")),
        (ev, (EVENTS["denied"], 4, DESK_ID, 3, "2022-04-29 00:37:00.000000",
              "DENIED_DECLARATION")),
        (scr, (EVENTS["admitted"], 36.5, 0)),
        (scr, (EVENTS["remeasure"], 37.9, 0)),
        (scr, (EVENTS["denied"], 36.6, 1)),
        ("INSERT INTO followups (id, event_id, registration_id, opened_at, status, result, "
         "closed_at) VALUES (1, ?, 4, '2022-04-29 00:37:00.000000', 'open', NULL, NULL)",
         (EVENTS["denied"],)),
        (out, (EVENTS["admitted"], "2022-04-29 00:35:00.000000",
               "2022-04-29 00:40:00.000000", 1)),
        (out, (EVENTS["remeasure"], "2022-04-29 00:36:00.000000", None, 0)),
        (out, (EVENTS["denied"], "2022-04-29 00:37:00.000000", None, 0)),
    ]


def rows_0002() -> list[tuple[str, tuple[object, ...]]]:
    """The office tables (0002): a notice sent, an import, a rescheduled workshop."""
    return [
        ("INSERT INTO notice_deliveries (id, registration_id, workshop_id, notice_day, status, "
         "attempts, email, last_error, message_id, sent_at, updated_at) VALUES "
         "(1, 1, 1, '2022-04-22', 'sent', 1, 'xm.wang@sanfeng-demo.com.tw', NULL, "
         "'<n1@checkin.example>', '2022-04-22 01:00:00.000000', '2022-04-22 01:00:00.000000')",
         ()),
        ("INSERT INTO notice_deliveries (id, registration_id, workshop_id, notice_day, status, "
         "attempts, email, last_error, message_id, sent_at, updated_at) VALUES "
         "(2, 4, 1, '2022-04-22', 'failed', 3, 'zh.zhang@example.com.tw', "
         "'550 mailbox unavailable', NULL, NULL, '2022-04-22 01:05:00.000000')", ()),
        ("INSERT INTO import_batches (id, workshop_id, file_name, file_sha256, file_format, "
         "encoding, rows_total, created, updated, unchanged, cancelled, waitlisted, rejected, "
         "imported_at) VALUES (1, 1, '報名名單.csv', ?, 'csv', 'cp950', 6, 5, 0, 0, 1, 0, 1, "
         "'2022-04-20 02:00:00.000000')", (hashlib.sha256(b"registrations").hexdigest(),)),
        ("INSERT INTO workshop_changes (id, workshop_id, kind, old_day, new_day, reason, "
         "changed_at) VALUES (1, 2, 'reschedule', '2022-05-11', '2022-05-18', '颱風', "
         "'2022-05-09 03:00:00.000000')", ()),
    ]


def rows_0003() -> list[tuple[str, tuple[object, ...]]]:
    """The sync tables (0003): a roster watermark, one verified sync, the last-sync setting."""
    return [
        ("INSERT INTO sync_watermarks (name, value, updated_at) VALUES "
         "('roster:1,2', 42, '2022-04-28 10:00:00.000000')", ()),
        ("INSERT INTO sync_log (id, kind, started_at, finished_at, status, ok, summary) VALUES "
         "(1, 'sync', '2022-04-29 00:39:50.000000', '2022-04-29 00:40:00.000000', 'VERIFIED', "
         "1, '{\"pushed\": 1, \"pulled\": 6}')", ()),
        ("INSERT INTO settings (key, value) VALUES ('sync.last_sync_at', "
         "'2022-04-29T00:40:00+00:00')", ()),
        ("INSERT INTO settings (key, value) VALUES ('sync.ready_for_offline', '1')", ()),
    ]


# argon2id of the PIN "2468", as supervisor_pin.set_pin stores it.
PIN_HASH = ("$argon2id$v=19$m=65536,t=3,p=4$/FTnLM7DIH1LkBGkebLOvg$"
            "9UK326AhTJYel4q+Gmh5YW7RZTMdUZbKF4ay7DsI8ng")


def rows_0004() -> list[tuple[str, tuple[object, ...]]]:
    """The desk window's settings (0004): the supervisor PIN, camera and language."""
    setting = "INSERT INTO settings (key, value) VALUES (?, ?)"
    return [
        (setting, ("supervisor_pin_hash", PIN_HASH)),
        (setting, ("supervisor_pin_failures", "0")),
        (setting, ("supervisor_pin_locked_until", "")),
        (setting, ("desk.camera", "0")),
        (setting, ("desk.language", "zh_TW")),
    ]


ROWS = {"0001": rows_0001, "0002": rows_0002, "0003": rows_0003, "0004": rows_0004}


def file_for(revision: str) -> Path:
    return HERE / f"desk-{revision}.db"


def make(revision: str, path: Path) -> None:
    """An empty file taken to ``revision`` by Alembic, then the rows of every version so far."""
    engine = make_engine(sqlite_url(path))
    try:
        cfg = alembic_config(engine)
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, revision)
    finally:
        engine.dispose()
    conn = sqlite3.connect(path)
    try:
        with conn:
            for rev, rows in ROWS.items():
                if rev <= revision:
                    for sql, params in rows():
                        conn.execute(sql, params)
        # 1 KB pages keep the kept files at tens of KB (a desk's own file has 4 KB pages;
        # no migration depends on the page size). The page size changes only outside WAL.
        conn.execute("PRAGMA journal_mode=DELETE")
        conn.execute("PRAGMA page_size=1024")
        conn.execute("VACUUM")
        conn.execute("PRAGMA journal_mode=WAL")
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        # Back to a single file: the WAL is emptied into it (the file stays in WAL mode).
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def main() -> None:
    script = ScriptDirectory.from_config(alembic_config())
    for revision in reversed([r.revision for r in script.walk_revisions()]):
        path = file_for(revision)
        if path.exists():
            print(f"kept   {path.name}")
            continue
        make(revision, path)
        print(f"made   {path.name} ({path.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()

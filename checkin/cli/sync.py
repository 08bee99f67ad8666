"""``checkin central ...``, ``checkin sync ...`` and ``checkin purge``: thin calls into sync.

Lines for people are bilingual like the office commands (Traditional Chinese first, English
second); status and reason codes stay codes, so that logs and scripts can match them. Errors
go up to ``checkin.cli.main`` as coded errors; the sync package is imported per command.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from checkin.cli.errors import CommandError, about, one_line

if TYPE_CHECKING:
    from sqlalchemy import Engine

STATUS_TEXT = {
    "DONE": "已核對完成 verified and done",
    "MISMATCH": "核對不符，同步未完成，請再同步一次 verification failed: not done, sync again",
    "OFFLINE": "無法連線中央資料庫，事件保留在本機，稍後再同步 central database unreachable: "
               "the events stay on this desk, sync later",
    "DESK_REVOKED": "此報到台已被撤銷；未同步的事件保留在本機，請以 checkin sync export 匯出交回"
                    "辦公室 this desk was revoked: its unsynced events stay here; hand them to "
                    "the office with `checkin sync export`",
    "NOT_LINKED": "此報到台尚未設定中央資料庫 this desk is not provisioned",
    "BAD_PROVISIONING": "佈建資料無法使用 the provisioning cannot be used",
    "LOCAL_STORAGE": "本機無法寫入資料（磁碟已滿或唯讀）；事件仍保留在本機，請騰出空間後再同步 "
                     "this computer could not write (disk full or read-only): the events stay on "
                     "this desk; free some space, then sync again",
    "PLAINTEXT_REFUSED": "拒絕未加密連線，未傳送任何資料 refused a link to another computer "
                         "without TLS: nothing was sent",
    "PLAINTEXT_HEALTH_DATA": "此連線未加密，不傳送健康資料；事件保留在本機，請改用 TLS 或匯出交回"
                             "辦公室 this link is not encrypted and never carries health "
                             "data: the events stay here; use TLS or `checkin sync export`",
}
STAGE_TEXT = {"connect": "連線 connect", "push": "上傳 push", "roster": "名冊 roster",
              "events": "事件 events", "verify": "核對 verify", "done": "完成 done",
              "stopped": "已中止 stopped"}
FINAL_STAGES = ("done", "stopped")


def _secured(url: str) -> str:
    """An office command's central URL: TLS verified unless the server is on this computer."""
    from checkin.sync.link import secure_url

    if not url.startswith("postgresql"):
        return url
    return secure_url(url).render_as_string(hide_password=False)


def _open_central(url: str) -> Engine:
    """The central database for an office command; a refusal names the central database."""
    from checkin.db.engine import open_database
    from checkin.db.errors import StoreError

    try:
        return open_database(_secured(url))
    except StoreError as exc:
        raise CommandError("CENTRAL_UNAVAILABLE", exc.detail or exc.code) from None


@contextmanager
def _central_errors(consequence: str) -> Iterator[None]:
    """The central server refusing or dropping the connection during an office command."""
    from sqlalchemy.exc import DBAPIError

    try:
        yield
    except DBAPIError as exc:
        cause = exc.orig or exc
        first = str(cause).splitlines()[0] if str(cause) else ""
        raise CommandError("CENTRAL_REFUSED", one_line(first), kind=type(cause).__name__,
                           consequence=consequence) from None


def register(subparsers: Any) -> None:
    central = subparsers.add_parser("central", help="set up the central database and desks")
    csub = central.add_subparsers(dest="central_command", metavar="ACTION", required=True)
    init = csub.add_parser("init", help="create or migrate the central schema and roles")
    init.add_argument("--url", required=True, help="central database URL (PostgreSQL)")
    init.add_argument("--role-prefix", default=None, help="prefix of database role names")
    init.set_defaults(func=cmd_central_init)
    add = csub.add_parser("add-desk", help="provision a desk: its own login, a provisioning file")
    add.add_argument("name")
    add.add_argument("--workshops", required=True, help="workshop ids, e.g. 1,2")
    add.add_argument("--url", required=True, help="central database URL")
    add.add_argument("--out", type=Path, help="provisioning file (default NAME.checkin-desk.json)")
    add.add_argument("--ca-cert", type=Path, help="the CA certificate (PEM) of the central "
                     "server, carried in the provisioning file for verify-full")
    add.add_argument("--insecure-plaintext-without-health-data", action="store_true",
                     help="INSECURE: let this desk's link to another computer run without TLS; "
                     "such a link never carries health data")
    add.add_argument("--desk-id", help="adopt the desk id a desk already recorded events "
                     "under (a revoked desk is provisioned again by its name alone)")
    add.set_defaults(func=cmd_add_desk)
    revoke = csub.add_parser("revoke-desk", help="stop a desk's access")
    revoke.add_argument("name")
    revoke.add_argument("--url", required=True, help="central database URL")
    revoke.set_defaults(func=cmd_revoke_desk)

    sync = subparsers.add_parser("sync", help="sync this desk with the central database")
    sync.add_argument("--db", help="this desk's database URL")
    sync.add_argument("--central", metavar="URL", help="central URL (default: provisioned)")
    sync.add_argument("--json", action="store_true", help="print the report as JSON")
    sync.set_defaults(func=cmd_sync)
    ssub = sync.add_subparsers(dest="sync_command", metavar="ACTION")
    join = ssub.add_parser("join", help="import a provisioning file from the office")
    join.add_argument("file", metavar="FILE", help="the provisioning file, or the text of the "
                      "office's join QR code; - reads that text from standard input")
    join.add_argument("--db", help="this desk's database URL")
    join.set_defaults(func=cmd_join)
    export = ssub.add_parser("export", help="write this desk's events to a sealed file")
    export.add_argument("--out", type=Path, required=True)
    export.add_argument("--day", type=date.fromisoformat, help="only workshops of this day")
    export.add_argument("--db", help="this desk's database URL")
    export.set_defaults(func=cmd_export)
    imp = ssub.add_parser("import", help="import a desk's export file into the central database")
    imp.add_argument("file", type=Path)
    imp.add_argument("--central", metavar="URL", required=True, help="central database URL")
    imp.add_argument("--allow-unsealed", action="store_true",
                     help="also import a file of an unprovisioned desk (plain seal: no proof "
                     "of who wrote it); only after checking where it came from")
    imp.set_defaults(func=cmd_import)

    purge = subparsers.add_parser("purge", help="delete health data 28 days after a workshop")
    purge.add_argument("--db", help="this desk's database URL")
    purge.add_argument("--central", metavar="URL", help="purge the central database instead")
    purge.add_argument("--today", type=date.fromisoformat, help=argparse.SUPPRESS)
    purge.add_argument("--dry-run", action="store_true",
                       help="say what it would delete, delete nothing")
    purge.set_defaults(func=cmd_purge)


def _workshops(text: str) -> list[int]:
    try:
        values = [int(x) for x in text.replace(" ", "").split(",") if x]
    except ValueError:
        raise CommandError("WORKSHOP_IDS", text) from None
    if not values:
        raise CommandError("NO_WORKSHOP_IDS")
    return values


def cmd_central_init(args: argparse.Namespace) -> int:
    from checkin.db.errors import StoreError
    from checkin.sync.central import init_central
    from checkin.sync.link import public_url

    with _central_errors("未完成設定，可再執行一次 nothing half-done: run it again"):
        try:
            engine = init_central(_secured(args.url), prefix=args.role_prefix)
        except StoreError as exc:
            # Not this computer's database: the words must say which one failed.
            raise CommandError("CENTRAL_UNAVAILABLE", exc.detail or exc.code) from None
    engine.dispose()
    print(f"中央資料庫已就緒 central database ready: {public_url(args.url)}")
    return 0


def cmd_add_desk(args: argparse.Namespace) -> int:
    from checkin.sync.central import add_desk
    from checkin.sync.link import read_ca_cert, write_private_json

    out = args.out or Path(f"{args.name}.checkin-desk.json")
    # Checked before the login is created: its password exists only in this file.
    if out.exists():
        raise CommandError("FILE_EXISTS", path=out)
    workshops = _workshops(args.workshops)
    engine = _open_central(args.url)
    try:
        with _central_errors("未設定報到台 no desk was provisioned"):
            link = add_desk(engine, args.name, workshops, desk_id=args.desk_id,
                            ca_cert=read_ca_cert(args.ca_cert) if args.ca_cert else None,
                            insecure_plaintext=args.insecure_plaintext_without_health_data)
    finally:
        engine.dispose()
    try:
        write_private_json(out, link.to_json())
    except OSError as exc:
        raise CommandError("PROVISIONING_NOT_WRITTEN", exc.strerror or str(exc), path=out,
                           desk=args.name) from None
    print(f"已設定報到台 desk {link.desk_name} provisioned (login {link.role}); 佈建檔 "
          f"provisioning file {out}（僅限本人讀取 mode 0600：以隨身碟交付後刪除 hand it over "
          "on a USB stick, then delete it)")
    return 0


def cmd_revoke_desk(args: argparse.Namespace) -> int:
    from checkin.sync.central import revoke_desk

    engine = _open_central(args.url)
    try:
        with _central_errors("未撤銷 nothing was revoked"):
            revoke_desk(engine, args.name)
    finally:
        engine.dispose()
    print(f"已撤銷報到台 desk {args.name} revoked; 其未同步事件仍在該報到台 its unsynced events "
          "stay on that desk (checkin sync export)")
    return 0


def cmd_join(args: argparse.Namespace) -> int:
    from checkin.db.store import Store, default_url
    from checkin.sync.runner import join

    url = args.db or default_url()
    with Store.open(url) as store:
        given = sys.stdin.read() if args.file == "-" else args.file
        link = join(store, url, given)
    print(f"本機已設定為報到台 this desk is now {link.desk_name}, 場次 workshops "
          f"{','.join(str(w) for w in link.workshops)}; 連上網路後請執行 run `checkin sync` "
          "when online")
    return 0


class ProgressBar:
    """Progress on stderr: one redrawn line on a terminal, else one line per stage.

    A log file or a pipe gets no carriage returns and no bar per batch: each stage is
    written once, when the next begins, with how far it got. The last stage is "done" only
    for a sync that is done (see :func:`checkin.sync.runner.sync_desk`).
    """

    def __init__(self, width: int = 30, stream: TextIO | None = None) -> None:
        self.width = width
        self.stream = stream or sys.stderr
        self.tty = _isatty(self.stream)
        self._last: tuple[str, int, int] | None = None

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.tty:
            self._line(stage, done, total)
            return
        filled = self.width if total == 0 else int(self.width * done / max(total, 1))
        bar = "#" * filled + "-" * (self.width - filled)
        end = "\n" if stage in FINAL_STAGES else ""
        label = STAGE_TEXT.get(stage, stage)
        print(f"\r{label:<11} [{bar}] {done}/{total}", end=end, file=self.stream, flush=True)

    def _line(self, stage: str, done: int, total: int) -> None:
        last = self._last
        if last is not None and last[0] != stage:
            self._write(*last)
        self._last = (stage, done, total)
        if stage in FINAL_STAGES:
            print(STAGE_TEXT[stage], file=self.stream, flush=True)
            self._last = None

    def _write(self, stage: str, done: int, total: int) -> None:
        counts = f" {done}/{total}" if stage == "push" else ""
        print(f"{STAGE_TEXT.get(stage, stage)}{counts}", file=self.stream, flush=True)


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # closed, or not a file at all
        return False


def cmd_sync(args: argparse.Namespace) -> int:
    from checkin.db.store import Store, default_url
    from checkin.sync.errors import NotLinked
    from checkin.sync.link import load_link
    from checkin.sync.runner import sync_desk

    url = args.db or default_url()
    link = load_link(url)
    if link is None:
        raise NotLinked()
    with Store.open(url) as store:
        report = sync_desk(store, link, central_url=args.central, progress=ProgressBar())
    if args.json:
        print(json.dumps(report.as_dict(), default=str, ensure_ascii=False, indent=2))
    else:
        print(describe_report(report))
    return 0 if report.done else 1


def describe_report(report: Any) -> str:
    """The sync report in lines a supervisor reads (codes stay codes for the log)."""
    from checkin.core.clock import TAIPEI

    status = STATUS_TEXT.get(report.status, "")
    lines = [f"同步 sync: {report.status}" + (f" — {status}" if status else "")
             + (f" ({report.detail})" if report.detail else ""),
             f"  已送出 sent {report.sent}, 已確認 confirmed {report.confirmed}, 重送 repeats "
             f"{report.repeats}, 待送 still pending {report.pending}"]
    if getattr(report, "rows_sent", 0) or getattr(report, "pulled_scores", 0):
        lines.append(f"  成績與追蹤紀錄 scores and follow-up changes: 已送出 sent "
                     f"{report.rows_sent}, 已確認 confirmed {report.rows_confirmed}; 取得成績 "
                     f"scores received {report.pulled_scores}")
    if getattr(report, "renumbered", 0):
        lines.append(f"  本機 {report.renumbered} 筆未送出事件已重新編號（同一報到台編號曾在"
                     f"另一台電腦使用） renumbered {report.renumbered} unsent events: this "
                     "desk id had used those numbers on another computer")
    if getattr(report, "requeued", 0):
        lines.append(f"  中央缺少本機資料，已重新送出 re-sent {report.requeued} events or "
                     "rows the central database had lost")
    quarantined = getattr(report, "quarantined", [])
    if quarantined:
        lines.append(f"  隔離 quarantined {len(quarantined)}: 中央資料庫的事件指向本機沒有的場次或"
                     "報名，未存入本機，其餘照常同步；請通知辦公室 central events naming a "
                     "workshop or registration this desk has not got were left out, the rest "
                     "synced; tell the office")
        lines += [f"    {event_id} {reason}" for event_id, reason in quarantined]
    if report.set_aside:
        lines.append(f"  擱置 set aside {len(report.set_aside)}:")
        lines += [f"    {event_id} {reason}" for event_id, reason in report.set_aside]
    if report.roster is not None:
        r = report.roster
        lines.append(f"  名冊 roster: {r.registrations} 筆報名 registrations, {r.removed} 筆移除 "
                     f"removed; 時鐘誤差 clock skew {r.skew_seconds:+.0f} s")
        if not r.ready_for_offline:
            lines.append("  尚不可離線作業：請校正本機時鐘 NOT ready for offline work: set this "
                         "computer's clock")
    for check in report.checks:
        mark = "ok" if check.ok else "MISMATCH 不符"
        lines.append(f"  場次 workshop {check.workshop_id}: 本機 desk {check.desk_count} / 中央 "
                     f"central {check.central_count} 筆事件 events, 摘要 digest {mark}")
    for dup in report.duplicates:
        first = dup.arrivals[0]
        lines.append(f"  重複報到 duplicate: {dup.name} (registration {dup.registration_id}) "
                     f"報到 admitted {len(dup.arrivals)} 次 times; 以最早者為準 first "
                     f"{first.at.astimezone(TAIPEI):%H:%M} at {first.desk_name}")
        lines += [f"    又於 again {again.at.astimezone(TAIPEI):%H:%M} at {again.desk_name}"
                  for again in dup.arrivals[1:]]
    for over in report.overflows:
        what = ("名額 capacity" if over.kind == "CAPACITY"
                else f"同公司上限 company cap ({over.company})")
        lines.append(f"  超過{what} over the limit in workshop {over.workshop_id}: "
                     f"{over.admitted} 人報到 admitted, 上限 limit {over.limit}")
        # A company's people are few: all of them; for the seats, those past the limit.
        past = {p.registration_id for p in over.over}
        for person in over.people if over.kind == "COMPANY_CAP" else over.over:
            mark = (" 主管核准 approved by a supervisor" if person.approved
                    else " 超過上限 over the limit" if person.registration_id in past else "")
            lines.append(f"    {person.name} {person.at.astimezone(TAIPEI):%H:%M} at "
                         f"{person.desk_name} (registration {person.registration_id}){mark}")
    return "\n".join(lines)


def cmd_export(args: argparse.Namespace) -> int:
    from checkin.db.store import Store, default_url
    from checkin.sync.link import load_link
    from checkin.sync.transfer import export_events

    url = args.db or default_url()
    with Store.open(url) as store:
        try:
            count = export_events(store, args.out, load_link(url), args.day)
        except OSError as exc:
            raise CommandError("EXPORT_NOT_WRITTEN", exc.strerror or str(exc),
                               path=args.out) from None
    print(f"已將 {count} 筆事件寫入 {count} events written to {args.out}（含健康資料，僅限本人"
          "讀取 health data inside: mode 0600)")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from checkin.sync.transfer import import_events

    engine = _open_central(args.central)
    try:
        with (_central_errors("已匯入的批次保留，可再匯入一次 batches imported so far stay; "
                              "import again (repeats are ignored)"),
              about(args.file, "未匯入任何事件 nothing was imported")):
            result = import_events(engine, args.file, allow_unsealed=args.allow_unsealed)
    finally:
        engine.dispose()
    if not result.sealed:
        print(f"注意：依 --allow-unsealed 匯入未登記報到台 {result.desk_id} 的未封印檔案，"
              f"只收錄既有場次與報名的事件 note: unsealed file of unprovisioned desk "
              f"{result.desk_id} taken because of --allow-unsealed; only events of existing "
              "workshops and registrations went in, the rest is set aside below")
    print(f"{result.events} 筆事件 events: 新增 {result.inserted} new, 已存在 "
          f"{result.already_there} already there, 擱置 {len(result.set_aside)} set aside")
    for event_id, reason in result.set_aside:
        print(f"  擱置 set aside {event_id} {reason}")
    return 0


def cmd_purge(args: argparse.Namespace) -> int:
    from checkin.db.engine import open_database
    from checkin.db.store import default_url
    from checkin.services.retention import RETENTION_DAYS, preview_purge, purge_health_data

    url = args.central or args.db or default_url()
    engine = _open_central(url) if args.central else open_database(url)
    try:
        with _central_errors("未刪除任何資料 nothing was deleted"):
            if args.dry_run:
                result = preview_purge(engine, today=args.today)
            else:
                result = purge_health_data(engine, today=args.today)
    finally:
        engine.dispose()
    if args.dry_run:
        print(f"試算（未刪除）would delete, of {result.workshops} workshops held over "
              f"{RETENTION_DAYS} days ago: {result.screenings} screenings, "
              f"{result.followups} follow-ups, {result.followup_updates} follow-up changes")
        return 0
    print(f"已刪除 {result.workshops} 個場次逾 {RETENTION_DAYS} 天的健康資料 purged "
          f"{result.screenings} screenings and {result.followups} follow-ups of "
          f"{result.workshops} workshops held over "
          f"{RETENTION_DAYS} days ago, with {result.followup_updates} follow-up changes")
    return 0

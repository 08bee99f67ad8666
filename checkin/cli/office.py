"""Office subcommands: import registrations, render and e-mail notices, change workshops.

Every command is a thin call into ``checkin.services``; this module turns arguments into
calls and reports into short bilingual lines (Traditional Chinese first, English second).
Errors go up to ``checkin.cli.main`` as coded errors. The services (and with them fontTools,
openpyxl and the mail libraries) are imported inside the commands that use them.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from checkin.cli.common import open_office
from checkin.cli.errors import CommandError, about

if TYPE_CHECKING:
    from checkin.db.store import Store
    from checkin.notices.mail import SmtpSettings
    from checkin.services.notices import SendReport
    from checkin.services.registrations import ImportReport

# Words for the codes of an import report's rows (checkin.services.registrations.Issue).
ISSUE_TEXT = {
    "NAME_MISSING": "缺姓名 name missing",
    "COMPANY_MISSING": "缺公司名稱 company missing",
    "EMAIL_MISSING": "缺電子郵件 e-mail missing",
    "EMAIL_INVALID": "電子郵件格式錯誤 malformed e-mail",
    "TAX_ID_INVALID": "統一編號檢查碼錯誤 bad tax ID checksum (ignored)",
    "PHONE_NORMALISED": "電話已標準化 phone normalised",
    "PHONE_INVALID": "電話號碼無法辨識 phone not recognised",
    "DUPLICATE_PERSON": "重複報名 same person twice (first on line)",
    "COMPANY_CAP": "同公司已滿額，列候補 company cap reached: waitlisted",
    "CAPACITY": "名額已滿，列候補 seats full: waitlisted",
    "OTHER_WORKSHOP": "其他場次 another workshop",
    "CANCELLED_IN_FILE": "已取消 cancelled in the file",
    "ROW_INCOMPLETE": "欄位不足 incomplete row",
    "CONTROL_CHARACTERS": "已移除控制字元 control characters removed",
    "NAME_TOO_LONG": "姓名過長，未匯入 name too long, not imported",
    "COMPANY_TOO_LONG": "公司名稱過長，未匯入 company name too long, not imported",
}
# What a missing database is made with, for the words when there is none.
MAKE_OFFICE = "checkin workshops install --db ..."


def register(sub: Any) -> None:
    window = sub.add_parser(
        "office", help="open the office window (辦公室)",
        description="Open the office window. It remembers its database: with --central the "
        "central PostgreSQL database, else this computer's own office file (for one "
        "organiser on one laptop). The office commands use the same database.")
    window.add_argument("--central", metavar="URL",
                        help="central database URL (remembered for the next time)")
    window.add_argument("--embedded", action="store_true",
                        help="forget the central database: back to this computer's office file")
    window.add_argument("--lang", choices=("zh_TW", "en"), default=None,
                        help="interface language (default zh_TW)")
    window.set_defaults(func=cmd_window)

    registrations = sub.add_parser("registrations", help="registrations (報名資料)")
    reg_sub = registrations.add_subparsers(dest="registrations_command", metavar="ACTION")
    imp = reg_sub.add_parser(
        "import", help="import the registration website's export (CSV or XLSX)",
        description="Import a CSV (UTF-8, UTF-8 with BOM, Big5/CP950; detected) or XLSX. "
        "Re-importing an updated file updates rows and keeps issued tokens.")
    imp.add_argument("file", type=Path, metavar="FILE")
    _db_workshop(imp)
    imp.add_argument("--dry-run", action="store_true", help="show the report, change nothing")
    imp.add_argument("--json", action="store_true", help="print the report as JSON")
    imp.add_argument("--quiet", action="store_true", help="only totals and rows with issues")
    imp.set_defaults(func=cmd_import)

    notices = sub.add_parser("notices", help="attendance notices (出席通知)")
    n_sub = notices.add_subparsers(dest="notices_command", metavar="ACTION")
    render = n_sub.add_parser("render", help="write one notice per registrant (PDF/PNG)")
    _db_workshop(render)
    render.add_argument("--out", type=Path, required=True, help="folder for the files")
    render.add_argument("--format", choices=("pdf", "png", "both"), default="both")
    render.add_argument("--zip", action="store_true", help="also zip the batch")
    render.add_argument("--only", nargs="+", default=(), metavar="WHO",
                        help="only these people (registration id, e-mail or name)")
    render.set_defaults(func=cmd_render)

    send = n_sub.add_parser("send", help="e-mail the notices not sent yet (resumable)")
    _db_workshop(send)
    _smtp_options(send)
    send.add_argument("--resend", nargs="+", default=(), metavar="WHO",
                      help="send again to these people (registration id, e-mail or name)")
    send.add_argument("--dry-run", action="store_true", help="list who would get mail")
    send.set_defaults(func=cmd_send)

    link = n_sub.add_parser("online-link", help="the online course link: keep it, e-mail it "
                            "on the day to the registered and the waitlist")
    _db_workshop(link)
    what = link.add_mutually_exclusive_group(required=True)
    what.add_argument("--set", metavar="URL", dest="set_link", help="keep this link")
    what.add_argument("--show", action="store_true", help="print the link kept")
    what.add_argument("--send", action="store_true", help="e-mail the link (resumable)")
    _smtp_options(link, required=False)
    link.add_argument("--dry-run", action="store_true", help="list who would get mail")
    link.set_defaults(func=cmd_online_link)

    due = n_sub.add_parser("due", help="workshops whose notices are due and not all sent")
    due.add_argument("--db", help="database URL")
    due.add_argument("--today", type=date.fromisoformat, help="pretend today is YYYY-MM-DD")
    due.set_defaults(func=cmd_due)

    workshops = sub.add_parser("workshops", help="workshops (場次)")
    w_sub = workshops.add_subparsers(dest="workshops_command", metavar="ACTION")
    listing = w_sub.add_parser("list", help="workshops with registrations and notices sent")
    listing.add_argument("--db", help="database URL")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(func=cmd_list)
    install = w_sub.add_parser("install", help="load the brochure's workshops into a database")
    install.add_argument("--db", help="database URL (created when missing)")
    install.add_argument("--update", action="store_true",
                         help="also reset existing workshops to the brochure's dates and seats "
                              "(undoes reschedules)")
    install.set_defaults(func=cmd_install)
    resched = w_sub.add_parser("reschedule", help="move a workshop (typhoon) and re-send notices")
    _db_workshop(resched, positional=True)
    resched.add_argument("--date", type=date.fromisoformat, required=True, help="YYYY-MM-DD")
    resched.add_argument("--reason", help="e.g. 颱風停班")
    resched.add_argument("--reinstate", action="store_true",
                         help="schedule a cancelled workshop again (its tokens admit again)")
    _smtp_options(resched, required=False)
    resched.set_defaults(func=cmd_reschedule)
    cancel = w_sub.add_parser("cancel", help="cancel a workshop: its tokens answer CANCELLED")
    _db_workshop(cancel, positional=True)
    cancel.add_argument("--reason", help="e.g. 三級警戒")
    cancel.set_defaults(func=cmd_cancel)

    level3 = w_sub.add_parser("level3", help="Level-3 alert: online only, every registrant "
                              "told with the link")
    _db_workshop(level3, positional=True)
    level3.add_argument("--link", required=True, metavar="URL", help="the online course link")
    _smtp_options(level3, required=False)
    level3.set_defaults(func=cmd_level3)

    for parser in (registrations, notices, workshops):
        parser.set_defaults(func=_help(parser))


def cmd_window(args: argparse.Namespace) -> int:
    from checkin.db.office_home import remember_central

    if args.embedded:
        remember_central(None)
    # Imported here so that `checkin --help` and the other office commands never load Qt.
    from checkin.ui.office.app import run_office

    return run_office(args.central, lang=args.lang)


def _help(parser: argparse.ArgumentParser) -> Any:
    def show(_args: argparse.Namespace) -> int:
        parser.print_help()
        return 2
    return show


def _db_workshop(parser: argparse.ArgumentParser, positional: bool = False) -> None:
    parser.add_argument("--db", help="database URL (default: the office window's database)")
    if positional:
        parser.add_argument("workshop", help="workshop id or code, e.g. 1 or IDB2201")
    else:
        parser.add_argument("--workshop", required=True, help="workshop id or code")


def _smtp_options(parser: argparse.ArgumentParser, required: bool = True) -> None:
    parser.add_argument("--smtp", metavar="HOST:PORT",
                        help="SMTP server (465: implicit TLS; others: STARTTLS)"
                        + ("" if required else "; without it, only mark notices due again"))
    parser.add_argument("--security", choices=("starttls", "ssl", "none"),
                        help="none is allowed only to this computer (a local relay)")
    parser.add_argument("--user", help="SMTP user; the password comes from "
                        "CHECKIN_SMTP_PASSWORD or the system keyring (service checkin-smtp)")
    parser.add_argument("--from", dest="sender", default=os.environ.get("CHECKIN_MAIL_FROM"),
                        help="sender address (default: $CHECKIN_MAIL_FROM)")
    parser.add_argument("--from-name", help="sender name (default: the organiser)")
    parser.add_argument("--throttle", type=float, default=1.0,
                        help="seconds between two messages (default 1)")


def _open(url: str | None) -> Store:
    return open_office(url, make=MAKE_OFFICE)


# --- registrations import ----------------------------------------------------------------

def cmd_import(args: argparse.Namespace) -> int:
    from checkin.services.registrations import import_registrations

    with _open(args.db) as store, about(args.file, "資料庫未變更 nothing was changed"):
        report = import_registrations(store, args.file, args.workshop,
                                      dry_run=args.dry_run)
    if args.json:
        json.dump(_report_dict(report), sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        _print_report(report, quiet=args.quiet)
    return 0


def _report_dict(report: ImportReport) -> dict[str, Any]:
    from checkin.services.registrations import Action

    return {
        "workshop": report.workshop_code, "format": report.file_format,
        "encoding": report.encoding, "columns": report.mapping, "unmapped": report.unmapped,
        "truncated": report.truncated, "applied": report.applied, "batch_id": report.batch_id,
        "totals": {a.value: report.count(a) for a in Action} | {
            "waitlisted": report.waitlisted},
        "rows": [{"line": r.line, "name": r.name, "company": r.company,
                  "action": r.action.value, "status": r.status,
                  "registration_id": r.registration_id,
                  "issues": [{"code": i.value, "detail": d} for i, d in r.issues]}
                 for r in report.rows],
    }


def _print_report(report: ImportReport, quiet: bool) -> None:
    from checkin.services.registrations import Action

    mode = "試算（未寫入）dry run: nothing written" if not report.applied else "已匯入 imported"
    print(f"{report.workshop_code}: {mode}; {report.file_format}"
          f"{' ' + report.encoding if report.encoding else ''}")
    print("欄位 columns: " + ", ".join(f"{k}={v}" for k, v in report.mapping.items()))
    if report.unmapped:
        print("未使用欄位 unused columns: " + ", ".join(report.unmapped))
    if report.truncated:
        print("警告：檔案似乎被截斷 warning: the file looks truncated")
    for row in report.rows:
        if quiet and not row.issues and row.action is not Action.CANCELLED:
            continue
        where = f"第 {row.line} 列 line {row.line}" if row.line else "（檔案中已無 not in file）"
        issues = "; ".join(ISSUE_TEXT.get(i, i) + (f" [{d}]" if d else "") for i, d in row.issues)
        print(f"  {where}: {row.name or '-'} / {row.company or '-'} -> {row.action.value}"
              f"{' (' + row.status + ')' if row.status else ''}{' — ' + issues if issues else ''}")
    print(f"合計 totals: 新增 new {report.count(Action.NEW)}, 更新 updated "
          f"{report.count(Action.UPDATED)}, 未變 unchanged {report.count(Action.UNCHANGED)}, "
          f"取消 cancelled {report.count(Action.CANCELLED)}, 候補 waitlisted "
          f"{report.waitlisted}, 未匯入 rejected {report.count(Action.REJECTED)}")


# --- notices -------------------------------------------------------------------------------

def cmd_render(args: argparse.Namespace) -> int:
    from checkin.services.notices import render_notices

    formats = ("pdf", "png") if args.format == "both" else (args.format,)
    with _open(args.db) as store:
        result = render_notices(store, args.workshop, args.out, formats,
                                zip_batch=args.zip, chosen=args.only)
    print(f"{result.workshop_code}: {result.notices} 份通知 notices, "
          f"{len(result.files)} 個檔案 files in {args.out}")
    if result.zip_path:
        print(f"壓縮檔 zip: {result.zip_path}")
    for reg_id, chars in result.missing_glyphs.items():
        print(f"  警告：字型缺字 missing glyphs for registration {reg_id}: {chars}")
    return 1 if result.missing_glyphs else 0


def _settings(args: argparse.Namespace) -> SmtpSettings | None:
    from checkin.notices.mail import SmtpSettings

    if not args.smtp:
        return None
    if not args.sender:
        raise CommandError("SENDER_MISSING")
    return SmtpSettings.parse(args.smtp, args.sender, username=args.user,
                              security=args.security, sender_name=args.from_name)


def _send(store: Store, args: argparse.Namespace, settings: SmtpSettings | None,
          dry_run: bool, resend: tuple[str, ...] = (),
          sender: Callable[[], SendReport] | None = None) -> int:
    import smtplib

    from checkin.services.notices import send_notices

    try:
        report = sender() if sender is not None else send_notices(
            store, args.workshop, settings, resend=resend, dry_run=dry_run,
            throttle=args.throttle)
    except smtplib.SMTPAuthenticationError:
        raise CommandError("SMTP_LOGIN_REFUSED", user=args.user) from None
    except smtplib.SMTPNotSupportedError as exc:
        # No AUTH offered: the fix is to send without a login, not another port; no
        # STARTTLS offered: implicit TLS on 465 is the usual way.
        code = "SMTP_NO_LOGIN" if "AUTH" in str(exc).upper() else "SMTP_NOT_SUPPORTED"
        raise CommandError(code, str(exc), server=args.smtp) from None
    except OSError as exc:
        raise CommandError("SMTP_UNREACHABLE", str(exc), server=args.smtp) from None
    for row in report.rows:
        if row.status == "skipped":
            continue
        print(f"  {row.registration_id}\t{row.name}\t{row.email or '-'}\t{row.status}"
              f"{chr(9) + row.error if row.error else ''}")
    print(f"{report.workshop_code} {report.notice_day}: 已寄 sent {report.count('sent')}, "
          f"失敗 failed {report.count('failed')}, 先前已寄 already sent "
          f"{report.count('skipped')}"
          + (f", 將寄 would send {report.count('would_send')}" if dry_run else ""))
    if report.aborted:
        print(f"連線中斷，其餘待下次執行 connection lost, run again for the rest: "
              f"{report.aborted}", file=sys.stderr)
        return 1
    return 1 if report.count("failed") else 0


def cmd_send(args: argparse.Namespace) -> int:
    settings = None if args.dry_run else _settings(args)
    if settings is None and not args.dry_run:
        raise CommandError("SMTP_MISSING")
    with _open(args.db) as store:
        return _send(store, args, settings, args.dry_run, tuple(args.resend))


def cmd_due(args: argparse.Namespace) -> int:
    from checkin.services.notices import notices_due

    with _open(args.db) as store:
        due = notices_due(store, args.today)
    if not due:
        print("目前沒有待寄的出席通知 no notices due")
        return 0
    print("場次 workshop\t日期 day\t應寄日 due\t已報名 registered\t已寄 sent\t待寄 pending")
    for d in due:
        print(f"{d.code} {d.title}\t{d.day}\t{d.due_on}\t{d.registered}\t{d.sent}\t{d.pending}")
    return 0


# --- workshops -------------------------------------------------------------------------------

def cmd_list(args: argparse.Namespace) -> int:
    from checkin.services.workshops_admin import workshop_overview

    with _open(args.db) as store:
        rows = workshop_overview(store)
    if args.json:
        json.dump([{**r.__dict__, "day": r.day.isoformat()} for r in rows], sys.stdout,
                  ensure_ascii=False, indent=2)
        print()
        return 0
    print("場次 workshop\t日期 day\t狀態 status\t報名 registered\t候補 waitlisted\t"
          "取消 cancelled\t已寄通知 notices sent")
    for r in rows:
        print(f"{r.id} {r.code} {r.title}\t{r.day}\t{r.status}\t{r.registered}\t"
              f"{r.waitlisted}\t{r.cancelled}\t{r.notices_sent}")
    return 0


def cmd_install(args: argparse.Namespace) -> int:
    from checkin.db.engine import sqlite_path
    from checkin.db.office_home import office_url
    from checkin.db.store import Store
    from checkin.services.catalogue import install_catalogue

    url = office_url(args.db)
    path = sqlite_path(url)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    with Store.open(url) as store:
        ids = install_catalogue(store, update_existing=args.update)
    print(f"已載入 {len(ids)} 個場次 installed {len(ids)} workshops")
    return 0


def cmd_reschedule(args: argparse.Namespace) -> int:
    from checkin.services.workshops_admin import reschedule_workshop

    settings = _settings(args)
    with _open(args.db) as store:
        change = reschedule_workshop(store, args.workshop, args.date, args.reason,
                                     reinstate=args.reinstate)
        print(f"{change.code}: 改期 rescheduled {change.old_day} -> {change.new_day}; "
              f"{change.registered} 位須重寄通知 notices due again (same tokens)")
        if settings is None:
            print("請執行 run: checkin notices send --workshop "
                  f"{change.code} --smtp HOST:PORT")
            return 0
        return _send(store, args, settings, dry_run=False)


def cmd_cancel(args: argparse.Namespace) -> int:
    from checkin.services.workshops_admin import cancel_workshop

    with _open(args.db) as store:
        change = cancel_workshop(store, args.workshop, args.reason)
    print(f"{change.code} ({change.old_day}): 已取消 cancelled; {change.registered} "
          "位報名者的 QR Code 於報到處將顯示「場次已取消」 their tokens now answer "
          "WORKSHOP_CANCELLED at the desk")
    return 0


def cmd_online_link(args: argparse.Namespace) -> int:
    from checkin.services.day_mail import online_link, send_online_link, set_online_link

    with _open(args.db) as store:
        if args.set_link:
            url = set_online_link(store, args.workshop, args.set_link)
            print(f"已儲存線上課程連結 online link kept: {url}")
            return 0
        if args.show:
            print(online_link(store, args.workshop) or "（未設定 none）")
            return 0
        settings = None if args.dry_run else _settings(args)
        if settings is None and not args.dry_run:
            raise CommandError("SMTP_MISSING")
        return _send(store, args, settings, args.dry_run, sender=lambda: send_online_link(
            store, args.workshop, settings, dry_run=args.dry_run, throttle=args.throttle))


def cmd_level3(args: argparse.Namespace) -> int:
    from checkin.services.day_mail import level3_alert

    settings = _settings(args)
    with _open(args.db) as store:
        if settings is None:
            # Online only at once, told later: the letters go out with notices send.
            result = level3_alert(store, args.workshop, args.link, None, dry_run=True)
            print(f"{result.code}: 改為線上辦理 online only; 報到處將顯示「僅線上辦理」 "
                  f"tokens answer WORKSHOP_ONLINE. 請執行 run: checkin notices send "
                  f"--workshop {result.code} --smtp HOST:PORT")
            return 0
        print(f"{args.workshop}: 改為線上辦理 online only; 通知所有報名者 telling everyone")
        return _send(store, args, settings, dry_run=False, sender=lambda: level3_alert(
            store, args.workshop, args.link, settings, throttle=args.throttle).report)

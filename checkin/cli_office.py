"""Office subcommands: import registrations, render and e-mail notices, change workshops.

Every command is a thin call into ``checkin.services``; this module only turns arguments
into calls and codes into short bilingual lines (Traditional Chinese first, English second).
"""

from __future__ import annotations

import argparse
import json
import os
import smtplib
import sys
from datetime import date
from pathlib import Path
from typing import Any

from checkin.cli import UserError
from checkin.db.engine import sqlite_path
from checkin.db.store import Store, default_url
from checkin.notices.fonts import FontNotFound
from checkin.notices.mail import MailConfigError, SmtpSettings
from checkin.services import notices as notice_service
from checkin.services.catalogue import install_default_profile, install_workshops
from checkin.services.registration_files import ImportFileError
from checkin.services.registrations import Action, ImportReport, Issue, import_registrations
from checkin.services.workshops_admin import (
    WorkshopError,
    cancel_workshop,
    reschedule_workshop,
    workshop_overview,
)

ISSUE_TEXT = {
    Issue.NAME_MISSING: "缺姓名 name missing",
    Issue.COMPANY_MISSING: "缺公司名稱 company missing",
    Issue.EMAIL_MISSING: "缺電子郵件 e-mail missing",
    Issue.EMAIL_INVALID: "電子郵件格式錯誤 malformed e-mail",
    Issue.TAX_ID_INVALID: "統一編號檢查碼錯誤 bad tax ID checksum (ignored)",
    Issue.PHONE_NORMALISED: "電話已標準化 phone normalised",
    Issue.PHONE_INVALID: "電話號碼無法辨識 phone not recognised",
    Issue.DUPLICATE_PERSON: "重複報名 same person twice (first on line)",
    Issue.COMPANY_CAP: "同公司已滿額，列候補 company cap reached: waitlisted",
    Issue.CAPACITY: "名額已滿，列候補 seats full: waitlisted",
    Issue.OTHER_WORKSHOP: "其他場次 another workshop",
    Issue.CANCELLED_IN_FILE: "已取消 cancelled in the file",
    Issue.ROW_INCOMPLETE: "欄位不足 incomplete row",
}
FILE_ERROR_TEXT = {
    "FILE_EMPTY": "檔案是空的 the file is empty",
    "FILE_UNREADABLE": "無法讀取檔案 cannot read the file",
    "FILE_TOO_LARGE": "檔案過大 file too large",
    "XLS_NOT_SUPPORTED": "不支援舊版 .xls，請另存為 .xlsx 或 CSV (old .xls: save as .xlsx or CSV)",
    "NOT_A_TABLE": "不是表格檔 not a CSV/XLSX table",
    "ENCODING_UNKNOWN": "無法辨識編碼（非 UTF-8 或 Big5） encoding is neither UTF-8 nor Big5",
    "XLSX_UNREADABLE": "XLSX 檔案損毀或不完整 damaged or truncated XLSX",
    "UNKNOWN_LAYOUT": "找不到姓名與公司名稱欄位 no name and company columns",
    "FILE_TRUNCATED": "檔案不完整（在資料列中間截斷），請重新下載 the file is truncated "
                      "(cut in the middle of a row): download it again",
}
NOTICE_ERROR_TEXT = {
    "WORKSHOP_NOT_FOUND": "找不到場次 workshop not found",
    "WORKSHOP_CANCELLED": "場次已取消 the workshop is cancelled",
    "SMTP_MISSING": "請指定 --smtp HOST:PORT (SMTP server needed)",
    "FORMAT_UNKNOWN": "格式錯誤 unknown format",
    "SAME_DAY": "日期未變更 the workshop is already on that date",
    "ALREADY_CANCELLED": "場次已經取消 already cancelled",
    "TOKEN_NOT_KEPT": "此資料庫未保存代碼（報到端資料庫） this database keeps no tokens",
    "SMTP_PASSWORD_MISSING": "找不到 SMTP 密碼：請設定 CHECKIN_SMTP_PASSWORD 或系統 keyring "
                             "(no SMTP password in the environment or keyring)",
    "SMTP_INSECURE": "拒絕以未加密連線寄送 refusing an unencrypted connection to a remote host",
    "SMTP_SECURITY": "未知的加密方式 unknown security mode",
    "SMTP_ADDRESS": "SMTP 位址格式為 HOST:PORT",
}


def register(sub: Any) -> None:
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
    _smtp_options(resched, required=False)
    resched.set_defaults(func=cmd_reschedule)
    cancel = w_sub.add_parser("cancel", help="cancel a workshop: its tokens answer CANCELLED")
    _db_workshop(cancel, positional=True)
    cancel.add_argument("--reason", help="e.g. 三級警戒")
    cancel.set_defaults(func=cmd_cancel)

    for parser in (registrations, notices, workshops):
        parser.set_defaults(func=_help(parser))


def _help(parser: argparse.ArgumentParser) -> Any:
    def show(_args: argparse.Namespace) -> int:
        parser.print_help()
        return 2
    return show


def _db_workshop(parser: argparse.ArgumentParser, positional: bool = False) -> None:
    parser.add_argument("--db", help="database URL (default: this computer's database)")
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
    url = url or default_url()
    path = sqlite_path(url)
    if path is not None and not path.exists():
        raise UserError(f"找不到資料庫 no database at {path} "
                        "(checkin workshops install --db ... makes one)")
    return Store.open(url)


def _notice_error(exc: notice_service.NoticeError | WorkshopError | MailConfigError) -> UserError:
    text = NOTICE_ERROR_TEXT.get(exc.code, exc.code)
    return UserError(f"{text}{': ' + exc.detail if exc.detail else ''}")


# --- registrations import ----------------------------------------------------------------

def cmd_import(args: argparse.Namespace) -> int:
    store = _open(args.db)
    try:
        report = import_registrations(store, args.file, args.workshop, dry_run=args.dry_run)
    except ImportFileError as exc:
        text = FILE_ERROR_TEXT.get(exc.code, exc.code)
        found = f"; 找到的欄位 headers found: {', '.join(exc.headers)}" if exc.headers else ""
        detail = f" ({exc.detail})" if exc.detail and exc.code == "FILE_UNREADABLE" else ""
        raise UserError(f"{args.file}: {text}{detail}{found}. 資料庫未變更 nothing was changed"
                        ) from None
    except LookupError:
        raise UserError(f"找不到場次 workshop {args.workshop} is not in this database") from None
    finally:
        store.close()
    if args.json:
        json.dump(_report_dict(report), sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        _print_report(report, quiet=args.quiet)
    return 0


def _report_dict(report: ImportReport) -> dict[str, Any]:
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
        issues = "; ".join(ISSUE_TEXT[i] + (f" [{d}]" if d else "") for i, d in row.issues)
        print(f"  {where}: {row.name or '-'} / {row.company or '-'} -> {row.action.value}"
              f"{' (' + row.status + ')' if row.status else ''}{' — ' + issues if issues else ''}")
    print(f"合計 totals: 新增 new {report.count(Action.NEW)}, 更新 updated "
          f"{report.count(Action.UPDATED)}, 未變 unchanged {report.count(Action.UNCHANGED)}, "
          f"取消 cancelled {report.count(Action.CANCELLED)}, 候補 waitlisted "
          f"{report.waitlisted}, 未匯入 rejected {report.count(Action.REJECTED)}")


# --- notices -------------------------------------------------------------------------------

def cmd_render(args: argparse.Namespace) -> int:
    formats = ("pdf", "png") if args.format == "both" else (args.format,)
    store = _open(args.db)
    try:
        result = notice_service.render_notices(store, args.workshop, args.out, formats,
                                               zip_batch=args.zip, chosen=args.only)
    except notice_service.NoticeError as exc:
        raise _notice_error(exc) from None
    except FontNotFound as exc:
        raise UserError(f"找不到中文字型 no Chinese font: {exc}") from None
    finally:
        store.close()
    print(f"{result.workshop_code}: {result.notices} 份通知 notices, "
          f"{len(result.files)} 個檔案 files in {args.out}")
    if result.zip_path:
        print(f"壓縮檔 zip: {result.zip_path}")
    for reg_id, chars in result.missing_glyphs.items():
        print(f"  警告：字型缺字 missing glyphs for registration {reg_id}: {chars}")
    return 1 if result.missing_glyphs else 0


def _settings(args: argparse.Namespace) -> SmtpSettings | None:
    if not args.smtp:
        return None
    if not args.sender:
        raise UserError("請指定寄件者 --from ADDRESS (or set CHECKIN_MAIL_FROM)")
    try:
        return SmtpSettings.parse(args.smtp, args.sender, username=args.user,
                                  security=args.security, sender_name=args.from_name)
    except MailConfigError as exc:
        raise _notice_error(exc) from None


def _send(store: Store, args: argparse.Namespace, settings: SmtpSettings | None,
          dry_run: bool, resend: tuple[str, ...] = ()) -> int:
    try:
        report = notice_service.send_notices(store, args.workshop, settings, resend=resend,
                                             dry_run=dry_run, throttle=args.throttle)
    except (notice_service.NoticeError, MailConfigError) as exc:
        raise _notice_error(exc) from None
    except smtplib.SMTPAuthenticationError:
        raise UserError(f"SMTP 登入被拒，請檢查帳號與密碼 the SMTP server refused the login of "
                        f"{args.user} (check CHECKIN_SMTP_PASSWORD or the keyring)") from None
    except smtplib.SMTPNotSupportedError as exc:
        raise UserError(f"SMTP 伺服器不支援此加密或登入方式 {args.smtp} does not offer it: "
                        f"{exc} (try --security ssl on port 465)") from None
    except OSError as exc:
        raise UserError(f"無法連線 SMTP cannot connect to {args.smtp}: {exc}") from None
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
        raise _notice_error(notice_service.NoticeError("SMTP_MISSING"))
    store = _open(args.db)
    try:
        return _send(store, args, settings, args.dry_run, tuple(args.resend))
    finally:
        store.close()


def cmd_due(args: argparse.Namespace) -> int:
    store = _open(args.db)
    try:
        due = notice_service.notices_due(store, args.today)
    finally:
        store.close()
    if not due:
        print("目前沒有待寄的出席通知 no notices due")
        return 0
    print("場次 workshop\t日期 day\t應寄日 due\t已報名 registered\t已寄 sent\t待寄 pending")
    for d in due:
        print(f"{d.code} {d.title}\t{d.day}\t{d.due_on}\t{d.registered}\t{d.sent}\t{d.pending}")
    return 0


# --- workshops -------------------------------------------------------------------------------

def cmd_list(args: argparse.Namespace) -> int:
    store = _open(args.db)
    try:
        rows = workshop_overview(store)
    finally:
        store.close()
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
    url = args.db or default_url()
    path = sqlite_path(url)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    store = Store.open(url)
    try:
        with store.sessions.begin() as session:
            ids = install_workshops(session, update_existing=args.update)
            session.flush()
            install_default_profile(session)
    finally:
        store.close()
    print(f"已載入 {len(ids)} 個場次 installed {len(ids)} workshops")
    return 0


def cmd_reschedule(args: argparse.Namespace) -> int:
    settings = _settings(args)
    store = _open(args.db)
    try:
        try:
            change = reschedule_workshop(store, args.workshop, args.date, args.reason)
        except WorkshopError as exc:
            raise _notice_error(exc) from None
        print(f"{change.code}: 改期 rescheduled {change.old_day} -> {change.new_day}; "
              f"{change.registered} 位須重寄通知 notices due again (same tokens)")
        if settings is None:
            print("請執行 run: checkin notices send --workshop "
                  f"{change.code} --smtp HOST:PORT")
            return 0
        return _send(store, args, settings, dry_run=False)
    finally:
        store.close()


def cmd_cancel(args: argparse.Namespace) -> int:
    store = _open(args.db)
    try:
        change = cancel_workshop(store, args.workshop, args.reason)
    except WorkshopError as exc:
        raise _notice_error(exc) from None
    finally:
        store.close()
    print(f"{change.code} ({change.old_day}): 已取消 cancelled; {change.registered} "
          "位報名者的 QR Code 於報到處將顯示「場次已取消」 their tokens now answer "
          "WORKSHOP_CANCELLED at the desk")
    return 0

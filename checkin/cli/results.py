"""End-of-day subcommands: quiz scores, certificates (受訓證明) and the organisers' report.

Thin calls into ``checkin.services.scores``, ``certificates`` and ``organiser_report``; the
services (and fontTools, openpyxl, the decoders) are imported inside each command.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from pathlib import Path
from typing import Any

from checkin.cli.common import open_office
from checkin.cli.errors import about

MAKE_OFFICE = "checkin workshops install --db ..."

RESULT_TEXT = {
    "new": "新增 new", "corrected": "更正 corrected", "unchanged": "未變 unchanged",
    "unmatched": "找不到此人 no such person in the workshop",
    "ambiguous": "符合多人 matches more than one person",
    "duplicate": "同一人出現多列 the same person on another line",
    "invalid": "成績須為 0-100 整數 not a whole number 0-100",
    "no_score": "未填成績 no score",
}
REASON_TEXT = {
    "ABSENT": "未到 absent", "DENIED": "報到處拒絕入場 denied at the door",
    "LATE": "遲到 late", "LEFT_EARLY": "提早離場 left early",
    "NOT_CHECKED_OUT": "未刷離場 no departure scanned",
    "NO_SCORE": "無測驗成績 no score", "SCORE_BELOW_PASS": "成績未達標準 score below pass",
}
VERDICT_TEXT = {
    "VALID": "有效 valid",
    "WITHDRAWN": "已撤銷 withdrawn",
    "UNKNOWN_SERIAL": "查無此證明編號 no certificate with this serial in this database",
    "SEAL_MISMATCH": "QR Code 封印不符：偽造 the QR code's seal does not match: forged",
    "RECORD_CHANGED": "資料已變更，與發證時不符 the record changed since issue",
    "TEXT_MISMATCH": "文件內容遭修改 the document's text was edited",
    "NO_CODE": "找不到受訓證明 QR Code no certificate QR code found",
}


def _who() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "cli"


def register(sub: Any) -> None:
    scores = sub.add_parser("scores", help="quiz scores (測驗成績)")
    s_sub = scores.add_subparsers(dest="scores_command", metavar="ACTION")
    put = s_sub.add_parser("set", help="record one person's score (a correction keeps history)")
    _db_workshop(put)
    who = put.add_mutually_exclusive_group(required=True)
    who.add_argument("--token", help="the token from the notice's QR code")
    who.add_argument("--registration", type=int, help="registration id (系統編號)")
    put.add_argument("--score", required=True, help="whole number 0-100")
    put.add_argument("--by", default=None, help="who enters it (default: your login name)")
    put.set_defaults(func=cmd_score_set)
    imp = s_sub.add_parser("import", help="import scores from CSV or XLSX")
    imp.add_argument("file", type=Path, metavar="FILE")
    _db_workshop(imp)
    imp.add_argument("--dry-run", action="store_true", help="show the report, change nothing")
    imp.add_argument("--by", default=None, help="who imports (default: your login name)")
    imp.add_argument("--json", action="store_true", help="print the report as JSON")
    imp.set_defaults(func=cmd_score_import)
    scores.set_defaults(func=_help(scores))

    certs = sub.add_parser("certificates", help="training certificates (受訓證明)",
                           description="Issue certificates: `certificates --workshop W --out "
                           "DIR`; check one: `certificates verify FILE|SERIAL`.")
    certs.add_argument("--db", help="database URL (default: the office window's database)")
    certs.add_argument("--workshop", help="workshop id or code")
    certs.add_argument("--out", type=Path, help="folder for the PDFs")
    certs.set_defaults(func=cmd_certificates)
    c_sub = certs.add_subparsers(dest="certificates_command", metavar="ACTION")
    ver = c_sub.add_parser("verify", help="check a certificate: PDF, image or serial")
    ver.add_argument("what", metavar="FILE|SERIAL")
    ver.add_argument("--db", dest="verify_db", help="database URL")
    ver.add_argument("--json", action="store_true")
    ver.set_defaults(func=cmd_verify)

    report = sub.add_parser("report", help="the organisers' report (PDF, XLSX or CSV)")
    report.add_argument("--db", help="database URL (default: the office window's database)")
    which = report.add_mutually_exclusive_group(required=True)
    which.add_argument("--workshop", help="workshop id or code")
    which.add_argument("--all", action="store_true", help="every workshop, with the summary")
    report.add_argument("--format", choices=("pdf", "xlsx", "csv"), default="pdf")
    report.add_argument("--lang", choices=("zh", "en"), default="zh",
                        help="headers and words (default: Traditional Chinese)")
    report.add_argument("--out", type=Path, help="file to write (csv: one file per table, "
                        "named after it); default: report-<workshop|all>.<format>")
    report.set_defaults(func=cmd_report)


def _help(parser: argparse.ArgumentParser) -> Any:
    def show(_args: argparse.Namespace) -> int:
        parser.print_help()
        return 2
    return show


def _db_workshop(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", help="database URL (default: the office window's database)")
    parser.add_argument("--workshop", required=True, help="workshop id or code")


def cmd_score_set(args: argparse.Namespace) -> int:
    from checkin.services.checkin import Who
    from checkin.services.scores import set_score

    who = Who(token=args.token, registration_id=args.registration)
    with open_office(args.db, make=MAKE_OFFICE) as store:
        result = set_score(store, args.workshop, who, args.score, args.by or _who(), "cli")
    change = ("未變 unchanged" if not result.changed else
              f"更正 corrected {result.previous} -> {result.score}" if result.previous is not None
              else f"新增 recorded {result.score}")
    print(f"{result.registration_id} {result.name} / {result.company}: {change}")
    if result.certificate_withdrawn:
        print(f"受訓證明已撤銷 certificate withdrawn: {result.certificate_withdrawn}")
    return 0


def cmd_score_import(args: argparse.Namespace) -> int:
    from checkin.services.scores import import_scores

    with open_office(args.db, make=MAKE_OFFICE) as store, \
            about(args.file, "資料庫未變更 nothing was changed"):
        report = import_scores(store, args.file, args.workshop, entered_by=args.by or _who(),
                               dry_run=args.dry_run)
    if args.json:
        json.dump({"workshop": report.workshop_code, "applied": report.applied,
                   "columns": report.mapping,
                   "rows": [{"line": r.line, "result": r.result.value, "name": r.name,
                             "company": r.company, "registration_id": r.registration_id,
                             "matched_by": r.matched_by, "score": r.score,
                             "previous": r.previous, "candidates": list(r.candidates),
                             "detail": r.detail,
                             "certificate_withdrawn": r.certificate_withdrawn}
                            for r in report.rows]},
                  sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 1 if report.problems else 0
    mode = "已匯入 imported" if report.applied else "試算（未寫入）dry run: nothing written"
    print(f"{report.workshop_code}: {mode}; "
          + ", ".join(f"{k}={v}" for k, v in report.mapping.items()))
    for r in report.rows:
        if r.result.value in ("unchanged",):
            continue
        extra = ""
        if r.previous is not None and r.result.value == "corrected":
            extra = f" {r.previous} -> {r.score}"
        elif r.score is not None:
            extra = f" {r.score}"
        if r.candidates:
            extra += " (" + ", ".join(str(c) for c in r.candidates) + ")"
        if r.detail and r.result.value != "ambiguous":
            extra += f" [{r.detail}]"
        if r.certificate_withdrawn:
            extra += f"; 受訓證明撤銷 certificate withdrawn {r.certificate_withdrawn}"
        print(f"  第 {r.line} 列 line {r.line}: {r.name or '-'} / {r.company or '-'} -> "
              f"{RESULT_TEXT.get(r.result.value, r.result.value)}{extra}")
    counts = {k: sum(1 for r in report.rows if r.result.value == k) for k in RESULT_TEXT}
    print("合計 totals: " + ", ".join(f"{k} {v}" for k, v in counts.items() if v))
    return 1 if report.problems else 0


def cmd_certificates(args: argparse.Namespace) -> int:
    from checkin.cli.errors import CommandError
    from checkin.services.certificates import issue_certificates

    if not args.workshop or not args.out:
        raise CommandError("CERTIFICATES_USAGE")
    with open_office(args.db, make=MAKE_OFFICE) as store:
        result = issue_certificates(store, args.workshop, args.out)
    for s in result.standings:
        if s.status == "issued":
            new = " (新 new)" if s.serial in result.newly_issued else ""
            print(f"  {s.serial}{new}\t{s.registration_id}\t{s.name}\t{s.company}\t{s.score}")
    others = [s for s in result.standings if s.status != "issued"]
    if others:
        print("未發證明 no certificate:")
    for s in others:
        why = REASON_TEXT.get(s.reason or "", s.reason or "")
        score = "" if s.score is None else f" ({s.score})"
        withdrawn = (f"; 已撤銷 withdrawn {s.serial} [{s.withdrawn_reason}]"
                     if s.status == "withdrawn" else "")
        print(f"  {s.registration_id}\t{s.name}\t{s.company}\t{why}{score}{withdrawn}")
    print(f"{result.workshop_code}: 受訓證明 certificates {len(result.issued)} "
          f"(新發 new {len(result.newly_issued)}), 撤銷 withdrawn {len(result.withdrawn)}, "
          f"{len(result.files)} 個檔案 files in {args.out}")
    for path in result.removed_files:
        print(f"  已刪除撤銷證明檔 removed the withdrawn certificate's file {path}")
    for reg_id, chars in result.missing_glyphs.items():
        print(f"  警告：字型缺字 missing glyphs for registration {reg_id}: {chars}")
    return 1 if result.missing_glyphs else 0


def cmd_verify(args: argparse.Namespace) -> int:
    from checkin.services.certificates import verify

    with open_office(args.verify_db or args.db, make=MAKE_OFFICE) as store:
        result = verify(store, args.what)
    if args.json:
        print(json.dumps({"verdict": result.verdict.value, "serial": result.serial,
                          "name": result.name, "company": result.company,
                          "workshop": result.workshop, "day": result.day,
                          "withdrawn_reason": result.withdrawn_reason,
                          "checked": list(result.checked)}, ensure_ascii=False))
    else:
        print(f"{VERDICT_TEXT.get(result.verdict.value, result.verdict.value)}"
              + (f": {result.serial}" if result.serial else ""))
        if result.name:
            print(f"  紀錄 record: {result.name} / {result.company} / {result.workshop} "
                  f"{result.day}")
            if "text" not in result.checked:
                print("  請核對證明上的姓名、公司與上列紀錄相符 compare the name and company "
                      "on the paper with the record above")
        if result.withdrawn_reason:
            print(f"  撤銷原因 withdrawn: {result.withdrawn_reason}")
    return 0 if result.valid else 1


def cmd_report(args: argparse.Namespace) -> int:
    from checkin.services.organiser_report import write_report

    ref = None if args.all else args.workshop
    out = args.out or Path(f"report-{'all' if ref is None else ref}.{args.format}")
    with open_office(args.db, make=MAKE_OFFICE) as store:
        paths = write_report(store, ref, args.format, out, args.lang)
    for path in paths:
        print(path)
    return 0

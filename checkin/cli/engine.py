"""Engine subcommands: demo, admit, export, signin-sheet, scan (the scriptable face of the desk).

The services, the database and the decoders are imported inside each command, so that
``checkin --help`` and the other groups do not pay for them.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from checkin.cli.common import open_existing
from checkin.cli.errors import CommandError
from checkin.core.text import for_terminal, spreadsheet_safe

if TYPE_CHECKING:
    from checkin.core.model import Workshop
    from checkin.core.outcomes import Declaration, Outcome
    from checkin.services.checkin import CheckinService

# What a missing database is made with, for the words when there is none.
MAKE_DEMO = "checkin demo --no-gui"


def register(sub: Any) -> None:
    demo = sub.add_parser("demo", help="prepare the demo database and open the desk on it",
                          description="Prepare the embedded demo (the brochure's ten workshops "
                          "and sample registrations, on demo time) and open the desk window.")
    demo.add_argument("--no-gui", action="store_true",
                      help="only prepare the database and the QR images, print where they are")
    demo.add_argument("--json", action="store_true", help="print a JSON object")
    demo.add_argument("--reset", action="store_true", help="start over (new tokens, no arrivals)")
    demo.add_argument("--at", type=_demo_hour, metavar="HH:MM",
                      help="set demo time to this hour of the demo day (e.g. 12:00 to leave "
                      "for lunch, 16:05 to check out after the quiz); arrivals are kept")
    demo.add_argument("--home", type=Path, help="folder for the demo (default: user data folder)")
    demo.add_argument("--kiosk", action="store_true", help="open the desk in kiosk mode")
    demo.add_argument("--lang", choices=("zh_TW", "en"), help="language of the desk window")
    demo.set_defaults(func=cmd_demo)

    admit = sub.add_parser("admit", help="check one person in (door rules and screening)")
    _db_and_workshop(admit)
    who = admit.add_mutually_exclusive_group(required=True)
    who.add_argument("--token", help="the token from the notice's QR code (scanned or typed)")
    who.add_argument("--registration", type=int, help="registration id (person found by search)")
    admit.add_argument("--leave", action="store_true",
                       help="check the person out (a departure) instead of in")
    admit.add_argument("--temperature", help='body temperature as read, e.g. "36.5" or "37,2"')
    admit.add_argument("--declare", default="",
                       help="declared answers that are yes: travel,contact,symptoms")
    admit.add_argument("--desk", help="desk name to record with this arrival")
    admit.add_argument("--json", action="store_true", help="print a JSON object")
    admit.set_defaults(func=cmd_admit)

    export = sub.add_parser("export", help="list a workshop's attendance and events")
    _db_and_workshop(export)
    export.add_argument("--format", choices=("json", "csv"), default="json")
    export.add_argument("--events", action="store_true",
                        help="with csv: list the events instead of the attendance")
    export.set_defaults(func=cmd_export)

    sheet = sub.add_parser("signin-sheet", help="print the paper sign-in list (PDF)",
                           description="The roster with a column to sign, sorted by name, "
                           "20 a page, for when the desk says NOT recorded. Print it before "
                           "the doors open.")
    _db_and_workshop(sheet)
    sheet.add_argument("--out", type=Path, required=True, help="the PDF file to write")
    sheet.add_argument("--json", action="store_true", help="print a JSON object")
    sheet.set_defaults(func=cmd_signin_sheet)

    scan = sub.add_parser("scan", help="decode QR codes from image files")
    scan.add_argument("images", nargs="+", type=Path, metavar="IMAGE")
    scan.add_argument("--json", action="store_true", help="print a JSON object")
    scan.set_defaults(func=cmd_scan)


def _demo_hour(text: str) -> Any:
    from datetime import time

    try:
        at = time.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a time of day (HH:MM): {text!r}") from None
    return at.replace(second=0, microsecond=0)


def _db_and_workshop(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", help="database URL (default: this desk's database)")
    parser.add_argument("--workshop", required=True, help="workshop id or code, e.g. 1 or IDB2201")


def _workshop(service: CheckinService, ref: str) -> Workshop:
    return service.workshop(ref)  # WorkshopNotFound is a coded error main() prints


def cmd_demo(args: argparse.Namespace) -> int:
    from checkin.services.demo import prepare_demo

    info = prepare_demo(args.home, reset=args.reset, at=args.at)
    if args.json:
        print(json.dumps(info.as_dict(), ensure_ascii=False))
    else:
        print(f"Demo database: {info.url}")
        print(f"QR images:     {info.qr_dir} ({info.registrations} notices)")
        print(f"Workshop:      {info.workshop_id} ({info.workshop_code})")
        print(f"Demo time:     {info.demo_time} on the workshop's day, not today's clock "
              "(checkin demo --at HH:MM sets it)")
    if args.no_gui:
        return 0
    from checkin.ui.app import run_desk

    return run_desk(info.url, str(info.workshop_id), kiosk=args.kiosk, lang=args.lang)


def _declarations(text: str) -> list[Declaration]:
    from checkin.core.outcomes import Declaration

    out = []
    for part in filter(None, (p.strip().lower() for p in text.split(","))):
        try:
            out.append(Declaration(part))
        except ValueError:
            raise CommandError("UNKNOWN_DECLARATION", part) from None
    return out


def outcome_dict(outcome: Outcome) -> dict[str, Any]:
    from dataclasses import asdict

    from checkin.core.clock import TAIPEI

    data = asdict(outcome)
    data["code"] = outcome.code.value
    data["admitted"] = outcome.admitted
    data["reasons"] = [r.value for r in outcome.reasons]
    for key in ("first_arrival", "remeasure_due", "left_at"):
        if data[key] is not None:
            data[key] = data[key].astimezone(TAIPEI).isoformat(timespec="seconds")
    return data


def cmd_admit(args: argparse.Namespace) -> int:
    from checkin.services.checkin import CheckinService, Who

    declared = _declarations(args.declare)
    if args.leave and (args.temperature or declared):
        raise CommandError("LEAVE_TAKES_NO_SCREENING", "--leave records a departure: no "
                           "--temperature or --declare")
    with open_existing(args.db, make=MAKE_DEMO) as store:
        if args.desk:
            # For this arrival only: the desk's stored name is set by `checkin desk --desk`.
            store.desk_name = args.desk
        service = CheckinService(store)
        workshop = _workshop(service, args.workshop).id
        who = Who(token=args.token, registration_id=args.registration)
        if args.leave:
            outcome = service.check_out(workshop, who)
        else:
            outcome = service.check_in(workshop, who, temperature=args.temperature,
                                       declared=declared)
        data = outcome_dict(outcome)
        data["demo_time"] = store.is_demo
    if args.json:
        print(json.dumps(data, ensure_ascii=False))
    else:
        print(_admit_line(data))
    return 0 if outcome.code.let_in or outcome.code.value == "LEFT" else 1


def _admit_line(data: dict[str, Any]) -> str:
    parts = [data["code"]]
    if data["name"]:
        parts.append(f"{data['name']} ({data['company']})")
    if data["reasons"]:
        parts.append("reasons: " + ",".join(data["reasons"]))
    if data["first_arrival"]:
        parts.append(f"first arrival {data['first_arrival']} at {data['first_desk']}")
    if data["left_at"]:
        parts.append(f"checked out {data['left_at']}")
    if data["remeasure_due"]:
        parts.append(f"measure again at {data['remeasure_due']}")
    if data["followup_id"]:
        parts.append(f"follow-up #{data['followup_id']} opened")
    if data["demo_time"]:
        parts.append("[demo time]")
    return "  ".join(parts)


def cmd_export(args: argparse.Namespace) -> int:
    import csv
    import sys
    from dataclasses import fields

    from checkin.services import reports
    from checkin.services.checkin import CheckinService

    with open_existing(args.db, make=MAKE_DEMO) as store:
        workshop = _workshop(CheckinService(store), args.workshop)
        attendance = reports.attendance(store, workshop.id)
        events = reports.events(store, workshop.id)
    if args.format == "json":
        print(json.dumps({
            "workshop": {"id": workshop.id, "code": workshop.code, "title": workshop.title,
                         "day": workshop.day.isoformat(), "venue": workshop.venue},
            "attendance": reports.as_dicts(attendance), "events": reports.as_dicts(events),
        }, ensure_ascii=False, indent=1))
        return 0
    lines: list[Any] = events if args.events else attendance
    cls = reports.EventLine if args.events else reports.AttendanceLine
    # Names are anyone's text: a cell starting with = + - @ must not run as a formula in the
    # spreadsheet the office opens this in.
    writer = csv.DictWriter(sys.stdout, fieldnames=[f.name for f in fields(cls)],
                            lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: spreadsheet_safe(v) for k, v in row.items()}
                     for row in reports.as_dicts(lines))
    return 0


def cmd_signin_sheet(args: argparse.Namespace) -> int:
    from checkin.services.checkin import CheckinService
    from checkin.services.signin_sheet import signin_lines, write_signin_sheet

    with open_existing(args.db, make=MAKE_DEMO) as store:
        workshop = _workshop(CheckinService(store), args.workshop)
        people = len(signin_lines(store, workshop.id)[1])
        pages = write_signin_sheet(store, workshop.id, args.out)
    if args.json:
        print(json.dumps({"path": str(args.out), "pages": pages, "people": people,
                          "workshop": workshop.code}, ensure_ascii=False))
    else:
        print(f"Sign-in sheet: {for_terminal(str(args.out))} ({people} people, {pages} pages)")
    return 0


def cmd_scan(args: argparse.Namespace) -> int:
    from checkin.scanning.decoders import ScanError, decode_file

    results: dict[str, Any] = {}
    failed = False
    for path in args.images:
        try:
            results[str(path)] = decode_file(path)
        except ScanError as exc:
            failed = True
            results[str(path)] = {"error": getattr(exc, "code", "UNREADABLE"),
                                  "detail": str(exc)}
    if args.json:
        print(json.dumps(results, ensure_ascii=False))
    else:
        for path, found in results.items():
            if isinstance(found, dict):
                print(f"{path}: cannot read ({found['detail']})")
            elif not found:
                print(f"{path}: no QR code found")
            else:
                for text in found:
                    # A payload is anyone's text: its own newline must not fake a line.
                    print(f"{path}: {for_terminal(text)}")
    if failed:
        return 2
    return 0 if any(results.values()) else 1

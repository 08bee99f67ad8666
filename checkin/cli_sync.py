"""``checkin central ...``, ``checkin sync ...`` and ``checkin purge``: thin calls into sync."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

from checkin.cli import UserError
from checkin.db.engine import open_database
from checkin.services.store import Store, default_url
from checkin.sync.errors import SyncError


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
    add.add_argument("--desk-id", help="keep an existing desk id (a desk provisioned again)")
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
    join.add_argument("file", type=Path)
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
    imp.set_defaults(func=cmd_import)

    purge = subparsers.add_parser("purge", help="delete health data 28 days after a workshop")
    purge.add_argument("--db", help="this desk's database URL")
    purge.add_argument("--central", metavar="URL", help="purge the central database instead")
    purge.add_argument("--today", type=date.fromisoformat, help=argparse.SUPPRESS)
    purge.set_defaults(func=cmd_purge)


def _workshops(text: str) -> list[int]:
    try:
        values = [int(x) for x in text.replace(" ", "").split(",") if x]
    except ValueError as exc:
        raise UserError(f"--workshops takes ids separated by commas, not {text!r}") from exc
    if not values:
        raise UserError("--workshops needs at least one workshop id")
    return values


def cmd_central_init(args: argparse.Namespace) -> int:
    from checkin.sync.central import init_central
    from checkin.sync.link import public_url

    try:
        engine = init_central(args.url, prefix=args.role_prefix)
    except SyncError as exc:
        raise UserError(f"{exc.code}: {exc.detail}") from exc
    engine.dispose()
    print(f"central database ready: {public_url(args.url)}")
    return 0


def cmd_add_desk(args: argparse.Namespace) -> int:
    from checkin.sync.central import add_desk
    from checkin.sync.link import write_private_json

    engine = open_database(args.url)
    try:
        link = add_desk(engine, args.name, _workshops(args.workshops), desk_id=args.desk_id)
    except SyncError as exc:
        raise UserError(f"{exc.code}: {exc.detail}") from exc
    finally:
        engine.dispose()
    out = args.out or Path(f"{args.name}.checkin-desk.json")
    if out.exists():
        raise UserError(f"{out} exists; choose another --out")
    write_private_json(out, link.to_json())
    print(f"desk {link.desk_name} provisioned (login {link.role}); provisioning file {out} "
          "(mode 0600: hand it over on a USB stick, then delete it)")
    return 0


def cmd_revoke_desk(args: argparse.Namespace) -> int:
    from checkin.sync.central import revoke_desk

    engine = open_database(args.url)
    try:
        revoke_desk(engine, args.name)
    except SyncError as exc:
        raise UserError(f"{exc.code}: {exc.detail}") from exc
    finally:
        engine.dispose()
    print(f"desk {args.name} revoked")
    return 0


def cmd_join(args: argparse.Namespace) -> int:
    from checkin.sync.runner import join

    url = args.db or default_url()
    store = Store.open(url)
    try:
        link = join(store, url, str(args.file))
    except SyncError as exc:
        raise UserError(f"{exc.code}: {exc.detail}") from exc
    finally:
        store.close()
    print(f"this desk is now {link.desk_name}, workshops "
          f"{','.join(str(w) for w in link.workshops)}; run `checkin sync` when online")
    return 0


class ProgressBar:
    """A one-line progress bar on stderr."""

    def __init__(self, width: int = 30) -> None:
        self.width = width

    def __call__(self, stage: str, done: int, total: int) -> None:
        filled = self.width if total == 0 else int(self.width * done / max(total, 1))
        bar = "#" * filled + "-" * (self.width - filled)
        end = "\n" if stage == "done" else ""
        print(f"\r{stage:<8} [{bar}] {done}/{total}", end=end, file=sys.stderr, flush=True)


def cmd_sync(args: argparse.Namespace) -> int:
    from checkin.sync.link import load_link
    from checkin.sync.runner import sync_desk

    url = args.db or default_url()
    link = load_link(url)
    if link is None:
        raise UserError("this desk is not provisioned: run `checkin sync join FILE` first")
    store = Store.open(url)
    try:
        report = sync_desk(store, link, central_url=args.central, progress=ProgressBar())
    finally:
        store.close()
    if args.json:
        print(json.dumps(report.as_dict(), default=str, ensure_ascii=False, indent=2))
    else:
        print(describe(report))
    return 0 if report.done else 1


def describe(report: Any) -> str:
    """The sync report in lines a supervisor reads (codes stay codes for the log)."""
    lines = [f"sync: {report.status}" + (f" ({report.detail})" if report.detail else ""),
             f"  sent {report.sent}, confirmed {report.confirmed}, repeats {report.repeats}, "
             f"still pending {report.pending}"]
    if report.set_aside:
        lines.append(f"  set aside {len(report.set_aside)}:")
        lines += [f"    {event_id} {reason}" for event_id, reason in report.set_aside]
    if report.roster is not None:
        r = report.roster
        lines.append(f"  roster: {r.registrations} registrations, {r.removed} removed; "
                     f"clock skew {r.skew_seconds:+.0f} s")
        if not r.ready_for_offline:
            lines.append("  NOT ready for offline work: set this computer's clock")
    for check in report.checks:
        mark = "ok" if check.ok else "MISMATCH"
        lines.append(f"  workshop {check.workshop_id}: desk {check.desk_count} / central "
                     f"{check.central_count} events, digest {mark}")
    for dup in report.duplicates:
        first = dup.arrivals[0]
        lines.append(f"  duplicate: {dup.name} (registration {dup.registration_id}) admitted "
                     f"{len(dup.arrivals)} times; first {first.at:%H:%M} at {first.desk_name}")
    for over in report.overflows:
        what = "capacity" if over.kind == "CAPACITY" else f"company cap ({over.company})"
        lines.append(f"  over {what} in workshop {over.workshop_id}: "
                     f"{over.admitted} admitted, limit {over.limit}")
    return "\n".join(lines)


def cmd_export(args: argparse.Namespace) -> int:
    from checkin.sync.link import load_link
    from checkin.sync.transfer import export_events

    url = args.db or default_url()
    store = Store.open(url)
    try:
        count = export_events(store, args.out, load_link(url), args.day)
    finally:
        store.close()
    print(f"{count} events written to {args.out}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from checkin.sync.transfer import import_events

    engine = open_database(args.central)
    try:
        result = import_events(engine, args.file)
    except SyncError as exc:
        raise UserError(f"{args.file}: {exc.detail or exc.code}; nothing was imported") from exc
    finally:
        engine.dispose()
    print(f"{result.events} events: {result.inserted} new, {result.already_there} already "
          f"there, {len(result.set_aside)} set aside")
    for event_id, reason in result.set_aside:
        print(f"  set aside {event_id} {reason}")
    return 0


def cmd_purge(args: argparse.Namespace) -> int:
    from checkin.services.retention import purge_health_data

    engine = open_database(args.central or args.db or default_url())
    try:
        result = purge_health_data(engine, today=args.today)
    finally:
        engine.dispose()
    print(f"purged {result.screenings} screenings and {result.followups} follow-ups "
          f"of {result.workshops} workshops held over 28 days ago")
    return 0

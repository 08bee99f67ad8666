"""``checkin desk``: open the check-in desk window."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    desk = subparsers.add_parser(
        "desk", help="open the check-in desk window (報到桌)",
        description="Open the check-in desk window for one workshop.")
    desk.add_argument("--workshop", required=True,
                      help="workshop code or number, e.g. IDB2201 or 1")
    desk.add_argument("--db", metavar="URL", default=None,
                      help="database URL (default: the desk's local SQLite file)")
    desk.add_argument("--kiosk", action="store_true",
                      help="full screen; leaving and settings need the supervisor PIN")
    desk.add_argument("--lang", choices=("zh_TW", "en"), default=None,
                      help="interface language (default zh_TW, or the desk's setting)")
    desk.add_argument("--desk", metavar="NAME", default=None,
                      help="this desk's name, shown on ALREADY_IN at other desks")
    desk.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    # Imported here so that `checkin --help` and the office commands never load Qt.
    from checkin.db.store import default_url
    from checkin.ui.app import run_desk

    return run_desk(args.db or default_url(), args.workshop, kiosk=args.kiosk,
                    lang=args.lang, desk_name=args.desk)

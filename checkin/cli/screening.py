"""``checkin screening show|set``: the screening rules the desks apply.

The office page's rules box calls the same service (services/screening_rules.py).
"""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from checkin.cli.common import open_existing

MAKE_OFFICE = "checkin workshops install --db ..."


def register(sub: Any) -> None:
    screening = sub.add_parser("screening", help="screening rules (篩檢規則) for the desks")
    s_sub = screening.add_subparsers(dest="screening_command")
    show = s_sub.add_parser("show", help="the rules in force on a day")
    show.add_argument("--db", help="database URL (default: this computer's database)")
    show.add_argument("--day", type=date.fromisoformat, default=None,
                      help="YYYY-MM-DD (default: today)")
    show.set_defaults(func=cmd_show)
    put = s_sub.add_parser("set", help="set the rules from a day on")
    put.add_argument("--db", help="database URL (default: this computer's database)")
    put.add_argument("--from", dest="valid_from", type=date.fromisoformat, required=True,
                     help="first day the rules apply, YYYY-MM-DD")
    put.add_argument("--threshold", default="37.5", help="fever: over this °C (default 37.5)")
    put.add_argument("--no-second-reading", action="store_true",
                     help="the first reading over the threshold denies (no rest, no second)")
    put.add_argument("--rest", type=int, default=5, help="minutes before the second reading")
    put.add_argument("--questions", default="travel,contact,symptoms",
                     help="comma-separated: travel, contact, symptoms (empty: none)")
    put.add_argument("--off", action="store_true", help="no screening at the door")
    put.set_defaults(func=cmd_set)
    screening.set_defaults(func=lambda _a: (screening.print_help(), 2)[1])


def _print(profile: Any) -> None:
    second = ("no second reading 不複測" if not profile.second_reading
              else f"second reading after {profile.rest_minutes} min 休息後複測")
    state = "on 啟用" if profile.enabled else "off 未啟用"
    print(f"from {profile.valid_from}: screening {state}; over {profile.threshold:f} °C; "
          f"{second}; questions: {','.join(q.value for q in profile.questions) or '-'}")


def cmd_show(args: argparse.Namespace) -> int:
    from checkin.services.screening_rules import rules_on

    with open_existing(args.db, make=MAKE_OFFICE) as store:
        _print(rules_on(store, args.day or date.today()))
    return 0


def cmd_set(args: argparse.Namespace) -> int:
    from checkin.services.screening_rules import set_rules

    with open_existing(args.db, make=MAKE_OFFICE) as store:
        profile = set_rules(store, args.valid_from, threshold=args.threshold,
                            second_reading=not args.no_second_reading,
                            rest_minutes=args.rest,
                            questions=[q for q in args.questions.split(",") if q.strip()],
                            enabled=not args.off)
    _print(profile)
    return 0

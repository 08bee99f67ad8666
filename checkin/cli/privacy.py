"""``checkin privacy``: the privacy notice the desks show and the notices print.

The text lives in the settings of the office's database (``--db``, default this computer's)
or of the central database (``--central URL``), from which the desks take it at their
next sync. The first line is the short form; the whole text is the page.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from checkin.cli.errors import CommandError, about


def register(sub: Any) -> None:
    parser = sub.add_parser("privacy", help="the privacy notice (個資告知) desks show and print")
    p_sub = parser.add_subparsers(dest="privacy_command", metavar="ACTION", required=True)
    show = p_sub.add_parser("show", help="print the notice (the default when none was set)")
    _where(show)
    show.set_defaults(func=cmd_show)
    put = p_sub.add_parser("set", help="set the notice from a UTF-8 text file")
    put.add_argument("--file", type=Path, required=True, metavar="FILE",
                     help="first line: the short form; the whole file: the page")
    _where(put)
    put.set_defaults(func=cmd_set)
    reset = p_sub.add_parser("reset", help="back to the default text")
    _where(reset)
    reset.set_defaults(func=cmd_reset)


def _where(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", help="database URL (default: the office window's database)")
    parser.add_argument("--central", metavar="URL", help="the central database instead")
    parser.add_argument("--lang", choices=("zh_TW", "en"), default="zh_TW",
                        help="which text: the Chinese desk's (default) or the English one's")


def _engine(args: argparse.Namespace) -> Any:
    if args.central:
        from checkin.cli.sync import _open_central

        return _open_central(args.central)
    from checkin.cli.common import open_office

    store = open_office(args.db, make="checkin workshops install --db ...")
    return store.engine


def cmd_show(args: argparse.Namespace) -> int:
    from checkin.services.privacy import show_privacy_notice

    engine = _engine(args)
    try:
        notice = show_privacy_notice(engine, args.lang)
    finally:
        engine.dispose()
    state = "已設定 set by the office" if notice.configured else "預設 default"
    print(f"# {state}")
    print(notice.text)
    return 0


def cmd_set(args: argparse.Namespace) -> int:
    from checkin.services.privacy import set_privacy_notice

    try:
        text = args.file.read_text("utf-8-sig")
    except OSError:
        raise CommandError("FILE_MISSING", path=args.file) from None
    except UnicodeDecodeError:
        raise CommandError("BAD_PRIVACY_NOTICE", "not UTF-8") from None
    engine = _engine(args)
    try:
        with about(args.file):
            set_privacy_notice(engine, text, args.lang)
    finally:
        engine.dispose()
    print("個資告知已更新，報到處於下次同步時取得 privacy notice set; desks take it at "
          "their next sync")
    return 0


def cmd_reset(args: argparse.Namespace) -> int:
    from checkin.services.privacy import set_privacy_notice

    engine = _engine(args)
    try:
        set_privacy_notice(engine, None, args.lang)
    finally:
        engine.dispose()
    print("個資告知已回復預設 privacy notice back to the default")
    return 0

"""The ``checkin`` command: one module per command group, each command a thin call.

Each group (``engine``: demo, admit, export, scan; ``desk``: the window; ``office``:
registrations, notices, workshops; ``results``: scores, certificates, report; ``sync``:
central, sync, purge; ``privacy``: the privacy notice; ``selftest``: self-test)
has a ``register`` function. Importing a group is cheap: the libraries a command needs (Qt,
Alembic, fontTools, openpyxl) are imported inside that command, so ``checkin --help`` loads none
of them.
Every coded error is turned into one line here, by :func:`checkin.cli.errors.describe`.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from checkin.cli import desk, engine, office, privacy, results, screening, selftest, sync
from checkin.cli.errors import describe
from checkin.cli.output import terminal_safe
from checkin.core.errors import CodedError

GROUPS = (engine, desk, office, results, screening, sync, privacy, selftest)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="checkin", description="Check-in desk for training workshops (報到系統).")
    parser.add_argument("-v", "--verbose", action="store_true", help="log details to stderr")
    parser.add_argument("--version", action=_Version, help="print the version and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for group in GROUPS:
        group.register(sub)
    return parser


class _Version(argparse.Action):
    """``--version``, looked up only when asked for (the metadata search costs start-up)."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS,
                         help=str(kwargs.get("help", "")))

    def __call__(self, parser: argparse.ArgumentParser, *_args: object) -> None:
        print(f"checkin {selftest.version()}")
        parser.exit()


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command and return its exit status.

    0 done, 1 a "no" (not admitted, not all sent), 2 an error the user can fix (one line on
    stderr), 3 a bug (one line, the traceback in the log).
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        with terminal_safe():
            return _run(args)
    except BrokenPipeError:
        # Output piped into `head` and the like: not an error for the user.
        sys.stderr.close()
        return 0


def _run(args: argparse.Namespace) -> int:
    try:
        return int(args.func(args) or 0)
    except CodedError as exc:
        logging.getLogger("checkin.cli").info("%s", exc, exc_info=args.verbose)
        print(f"checkin: {describe(exc)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        raise
    except Exception as exc:  # the last line of defence: one line, details in the log
        log_path = _log_traceback()
        print(f"checkin: unexpected error ({type(exc).__name__}: {exc}); details in {log_path}",
              file=sys.stderr)
        return 3


def _log_traceback() -> str:
    import traceback

    from checkin.db.store import data_dir

    try:
        folder = data_dir() / "logs"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "checkin-errors.log"
        with path.open("a", encoding="utf-8") as fh:
            fh.write(traceback.format_exc())
        return str(path)
    except OSError:
        return "(log not writable)"

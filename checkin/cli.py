"""The ``checkin`` command: every subcommand is a thin call into services.

Subcommands of other areas live in ``cli_*.py`` modules, each with a ``register(subparsers)``
function; errors that users can act on become one clear line and exit status 2.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Sequence

from checkin.db.errors import StoreError

# Each module registers its subcommands (desk window, office, sync).
COMMAND_MODULES = ("checkin.cli_engine", "checkin.cli_desk", "checkin.cli_office",
                   "checkin.cli_sync")


class UserError(Exception):
    """An error whose message is meant for the user, printed as one line."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="checkin", description="Check-in desk for training workshops (報到系統).")
    parser.add_argument("-v", "--verbose", action="store_true", help="log details to stderr")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except UserError as exc:
        print(f"checkin: {exc}", file=sys.stderr)
        return 2
    except StoreError as exc:
        print(f"checkin: {describe_store_error(exc)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # Output piped into `head` and the like: not an error for the user.
        sys.stderr.close()
        return 0
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


def describe_store_error(exc: StoreError) -> str:
    from checkin.db.errors import CorruptDatabase, DatabaseTooNew, DatabaseUnavailable

    if isinstance(exc, CorruptDatabase):
        return (f"the database file is damaged ({exc.detail}); it was moved aside untouched "
                f"to {exc.path}. Start from a fresh copy (checkin demo --reset, or pull the "
                "roster again) and keep the damaged file for recovery.")
    if isinstance(exc, DatabaseTooNew):
        return (f"this database was written by a newer version of checkin ({exc.detail}); "
                "install the newer version. Nothing was changed.")
    if isinstance(exc, DatabaseUnavailable):
        # Drivers' messages run over several lines; the user gets one.
        return f"cannot open the database: {' '.join(exc.detail.split())}"
    return f"database error: {exc.detail or exc.code}"

"""``checkin self-test``: check that this installation (or this built app) works end to end.

Each step exercises one thing a desk depends on, in a scratch folder that is removed
afterwards (``CHECKIN_HOME`` points there while the test runs, so the user's data is never
touched): the database (created and migrated), both QR engines, a notice (PDF and PNG, its QR
read back), the translations, and the desk window built on the scratch database. One line per
step; the exit status is 0 only if every step passed.

Like every command, the libraries are imported inside the steps, so ``checkin --help`` stays
light, and a library missing from a build fails its own step, not the whole command.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checkin.cli.errors import describe
from checkin.core.errors import CodedError
from checkin.core.text import for_terminal


def register(sub: Any) -> None:
    test = sub.add_parser(
        "self-test", help="check that this installation works (database, QR, notice, desk)",
        description="Run each part of the desk once in a scratch folder (never your data): "
        "create and migrate a database, read a QR code with both engines, render a notice, "
        "load the translations, build the desk window (offscreen when there is no display). "
        "Exit status 0 only if every step passed.")
    test.add_argument("--keep", action="store_true",
                      help="keep the scratch folder and print where it is")
    test.set_defaults(func=cmd_self_test)


@dataclass
class Scratch:
    """What the steps share: the scratch folder and what earlier steps made in it."""

    folder: Path
    url: str = ""
    workshop_id: int = 0
    registration_id: int = 0
    token: str = ""
    made: dict[str, object] = field(default_factory=dict)


class StepFailed(Exception):
    """A step ran and found something wrong (the message says what)."""


def cmd_self_test(args: argparse.Namespace) -> int:
    steps: list[tuple[str, Callable[[Scratch], str]]] = [
        ("database", step_database),
        ("qr zxing-cpp", step_qr_zxing),
        ("qr zbar", step_qr_zbar),
        ("notice", step_notice),
        ("desk window", step_desk_window),
        ("office window", step_office_window),
    ]
    folder = Path(tempfile.mkdtemp(prefix="checkin-self-test-"))
    saved_home = os.environ.get("CHECKIN_HOME")
    os.environ["CHECKIN_HOME"] = str(folder / "home")
    print(f"checkin {version()} self-test ({_where()})", flush=True)
    failures = 0
    try:
        scratch = Scratch(folder)
        for name, step in steps:
            started = time.perf_counter()
            try:
                detail = step(scratch)
                mark = "ok"
            except CodedError as exc:
                detail, mark = describe(exc), "FAILED"
            except Exception as exc:  # a self-test reports every failure, whatever it is
                detail, mark = _one_line(exc), "FAILED"
            failures += mark != "ok"
            took = time.perf_counter() - started
            line = f"{mark:<7} {name:<13} {detail} ({took:.1f} s)"
            print(for_terminal(line), flush=True)
    finally:
        if saved_home is None:
            os.environ.pop("CHECKIN_HOME", None)
        else:
            os.environ["CHECKIN_HOME"] = saved_home
        if args.keep:
            print(f"scratch folder kept: {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)
    print("self-test passed" if not failures else f"self-test FAILED: {failures} step(s)")
    return 0 if not failures else 1


def _one_line(exc: Exception) -> str:
    # Some messages run to a page (numpy's import error); the last line names the cause.
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    return f"{type(exc).__name__}: {lines[-1] if lines else ''}"[:300]


def version() -> str:
    """The installed package's version; inside a built app (no package metadata) the source's."""
    from importlib import metadata

    try:
        return metadata.version("checkin")
    except metadata.PackageNotFoundError:
        from checkin import __version__

        return __version__


def _where() -> str:
    if getattr(sys, "frozen", False):
        return f"built app in {Path(sys.executable).parent}"
    return f"Python {sys.version.split()[0]}, {Path(__file__).resolve().parents[1]}"


# --- the steps ------------------------------------------------------------------------------

def step_database(scratch: Scratch) -> str:
    from sqlalchemy import func, select

    from checkin.db import engine as db_engine
    from checkin.db.models import RegistrationRow, WorkshopRow
    from checkin.db.store import Store
    from checkin.services.demo import DEMO_WORKSHOP, prepare_demo

    # The demo is the fullest path through the database: create, migrate, the bundled
    # workshops and registrations, tokens.
    info = prepare_demo(scratch.folder / "demo", desk_name="self-test")
    with Store.open(info.url) as store, store.sessions() as session:
        revision = db_engine.current_revision(store.engine)
        if revision != db_engine.head_revision():
            raise StepFailed(f"schema at {revision}, expected {db_engine.head_revision()}")
        workshops = session.scalar(select(func.count()).select_from(WorkshopRow))
        registrations = session.scalar(select(func.count()).select_from(RegistrationRow))
        first = session.scalars(
            select(RegistrationRow).where(RegistrationRow.workshop_id == DEMO_WORKSHOP,
                                          RegistrationRow.status == "registered",
                                          RegistrationRow.token.is_not(None))
            .order_by(RegistrationRow.id)).first()
    if first is None or not first.token:
        raise StepFailed("the demo workshop has no registration with a token")
    scratch.url, scratch.workshop_id = info.url, info.workshop_id
    scratch.registration_id, scratch.token = first.id, first.token
    return (f"created and migrated to {revision}: {workshops} workshops, "
            f"{registrations} registrations")


def _needs_database(scratch: Scratch) -> None:
    if not scratch.url:
        raise StepFailed("not run: the database step failed")


def _qr_gray(scratch: Scratch) -> Any:
    """The scratch registration's QR code as the project writes it, read back from PNG."""
    import numpy as np
    from PIL import Image

    from checkin.notices.qr import write_qr_png

    if "qr" not in scratch.made:
        _needs_database(scratch)
        path = write_qr_png(scratch.token, scratch.folder / "token.png")
        with Image.open(path) as image:
            scratch.made["qr"] = np.asarray(image.convert("L"), dtype=np.uint8)
    return scratch.made["qr"]


def _expect_token(found: list[str], scratch: Scratch, engine: str) -> str:
    if found != [scratch.token]:
        raise StepFailed(f"{engine} read {found!r}, expected the token")
    return f"read the notice token back ({engine})"


def step_qr_zxing(scratch: Scratch) -> str:
    from checkin.scanning.decoders import ZxingDecoder

    return _expect_token(ZxingDecoder().decode(_qr_gray(scratch)), scratch, "zxing-cpp")


def step_qr_zbar(scratch: Scratch) -> str:
    # zbar reads still images (`checkin scan`); the desk camera does not need it, but a
    # build that lost the zbar library would read fewer photos without saying so.
    from checkin.scanning import decoders

    if decoders.zbar_module() is None:
        raise StepFailed("the zbar library did not load (install libzbar0; on Windows the "
                         "zbar DLLs ship with pyzbar)")
    return _expect_token(decoders.PyzbarDecoder(invert_retry=False).decode(_qr_gray(scratch)),
                         scratch, "zbar")


def step_notice(scratch: Scratch) -> str:
    import numpy as np
    from PIL import Image

    from checkin.db.store import Store
    from checkin.notices.fonts import find_fonts
    from checkin.scanning.decoders import ZxingDecoder
    from checkin.services.notices import render_notices

    _needs_database(scratch)
    out = scratch.folder / "notices"
    with Store.open(scratch.url) as store:
        result = render_notices(store, scratch.workshop_id, out, formats=("pdf", "png"),
                                chosen=[str(scratch.registration_id)])
    if result.missing_glyphs:
        raise StepFailed("the font lacks characters: "
                         + "".join(sorted(set("".join(result.missing_glyphs.values())))))
    pdf = next((p for p in result.files if p.suffix == ".pdf"), None)
    png = next((p for p in result.files if p.suffix == ".png"), None)
    if pdf is None or png is None or not pdf.read_bytes().startswith(b"%PDF-"):
        raise StepFailed(f"expected a PDF and a PNG, got {[p.name for p in result.files]}")
    with Image.open(png) as image:
        found = ZxingDecoder().decode(np.asarray(image.convert("L"), dtype=np.uint8))
    if found != [scratch.token]:
        raise StepFailed(f"the QR code on the PNG notice reads {found!r}")
    font = find_fonts().regular.path
    return (f"PDF {pdf.stat().st_size // 1024} KiB and PNG, QR read back "
            f"(font {font.name})")


def step_desk_window(scratch: Scratch) -> str:
    _needs_database(scratch)
    if sys.platform.startswith("linux") and not (
            os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from checkin.db.store import Store
    from checkin.ui.selfcheck import check_desk_window

    with Store.open(scratch.url) as store:
        found = check_desk_window(store, str(scratch.workshop_id), scratch.folder)
    if found.problem:
        raise StepFailed(found.problem)
    return (f"built and painted on {found.platform} (PySide6 {found.pyside}, "
            f"{found.language}: {found.words}, {found.cameras} camera(s) found)")


def step_office_window(scratch: Scratch) -> str:
    _needs_database(scratch)
    from checkin.db.store import Store
    from checkin.ui.selfcheck import check_office_window

    with Store.open(scratch.url) as store:
        return check_office_window(store, scratch.url)

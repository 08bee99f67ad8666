"""Shared set-up of the desk benchmarks: a demo database with room for many admissions."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import tempfile
from datetime import datetime
from pathlib import Path

from PIL import Image
from PySide6.QtGui import QImage
from PySide6.QtMultimedia import QVideoFrame

from checkin.core.clock import TAIPEI, FixedClock
from checkin.core.tokens import new_token, token_hash
from checkin.db import repo
from checkin.db.store import Store
from checkin.notices.qr import qr_image
from checkin.services import supervisor_pin
from checkin.services.demo import prepare_demo

MORNING = datetime(2022, 4, 29, 8, 45, tzinfo=TAIPEI)


def bench_store(extra: int = 45) -> tuple[Store, list[str]]:
    """A demo copy with ``extra`` registrations from distinct companies (no company cap)."""
    home = Path(tempfile.mkdtemp(prefix="checkin-bench-"))
    info = prepare_demo(home)
    store = Store.open(info.url, clock=FixedClock(MORNING), desk_name="bench")
    tokens = []
    with store.sessions.begin() as session:
        for i in range(extra):
            token = new_token(info.workshop_code)
            session.add(repo.new_registration_row(
                workshop_id=1, name=f"測試{i:03d}", company=f"測試公司{i:03d}",
                tax_id=f"{90000000 + i}", email=None, phone=None,
                token_hash=token_hash(token), token=token))
            tokens.append(token)
        ws = session.get(__import__("checkin.db.models", fromlist=["WorkshopRow"]).WorkshopRow, 1)
        ws.capacity = 500
    supervisor_pin.set_pin(store, "2468")
    return store, tokens


def frame_with(token: str | None, size: tuple[int, int] = (1280, 720)) -> QVideoFrame:
    """A 1280x720 camera-like frame, with the token's QR in the middle (or without one)."""
    image = Image.new("RGB", size, (140, 140, 135))
    if token:
        code = qr_image(token, box_size=8).convert("RGB")
        image.paste(code, ((size[0] - code.width) // 2, (size[1] - code.height) // 2))
    data = image.tobytes()
    qimage = QImage(data, size[0], size[1], size[0] * 3, QImage.Format.Format_RGB888).copy()
    return QVideoFrame(qimage)


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))
    return ordered[index]

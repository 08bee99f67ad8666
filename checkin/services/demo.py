"""The embedded demo: the brochure's ten workshops, sample registrations, demo clock."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time
from pathlib import Path

from sqlalchemy import select

from checkin.core.clock import TAIPEI
from checkin.core.tokens import new_token, token_hash
from checkin.db import convert, repo
from checkin.db.engine import sqlite_url
from checkin.db.models import RegistrationRow, WorkshopRow
from checkin.db.store import DEMO_ANCHOR, DEMO_START, Store, data_dir
from checkin.notices.qr import write_qr_png
from checkin.services.catalogue import install_default_profile, install_workshops, load_json

DEMO_WORKSHOP = 1


@dataclass(frozen=True)
class DemoInfo:
    url: str
    qr_dir: Path
    workshop_id: int
    workshop_code: str
    registrations: int
    created: bool
    # Demo time when prepared (local, on the demo workshop's day).
    demo_time: str = ""

    def as_dict(self) -> dict[str, object]:
        return {"db_url": self.url, "qr_dir": str(self.qr_dir), "workshop_id": self.workshop_id,
                "workshop_code": self.workshop_code, "registrations": self.registrations,
                "created": self.created, "demo_clock": True, "demo_time": self.demo_time}


def demo_paths(home: Path | None = None) -> tuple[Path, Path]:
    base = home or data_dir() / "demo"
    return base / "demo.sqlite3", base / "qr"


def prepare_demo(home: Path | None = None, reset: bool = False,
                 desk_name: str = "demo-desk-1", at: time | None = None) -> DemoInfo:
    """Create (or reuse) the demo database and write one QR PNG per demo registration.

    A reused demo keeps its arrivals; ``reset`` starts over with fresh tokens. ``at`` sets
    demo time to that hour of the demo day from now on (kept for later starts), so a whole
    day can be walked through: check in in the morning, leave at lunch and come back, check
    out after the quiz (16:00), read the summary. Without it demo time starts at 08:35 and
    wraps before 16:00.
    """
    db_path, qr_dir = demo_paths(home)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    if reset:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db_path}{suffix}").unlink(missing_ok=True)
        for old in qr_dir.glob("*.png") if qr_dir.exists() else []:
            old.unlink()
    url = sqlite_url(db_path)
    created = False
    with Store.open(url, desk_name=desk_name) as store, store.sessions.begin() as session:
        if repo.get_setting(session, DEMO_ANCHOR) is None:
            created = True
            install_workshops(session)
            session.flush()
            install_default_profile(session)
            codes = {w.id: w.code for w in session.scalars(select(WorkshopRow))}
            for item in load_json("demo-registrations.json")["registrations"]:
                token = new_token(codes[item["workshop"]])
                session.add(repo.new_registration_row(
                    workshop_id=item["workshop"], name=item["name"],
                    company=item["company"], tax_id=item.get("tax_id"),
                    email=item.get("email"), phone=item.get("phone"),
                    token_hash=token_hash(token), token=token,
                    status=item.get("status", "registered")))
            repo.set_setting(session, DEMO_ANCHOR,
                             datetime.now(UTC).isoformat())
        if at is not None:
            # Demo time is `at` now: a new anchor, and the hour it stands for.
            repo.set_setting(session, DEMO_ANCHOR, datetime.now(UTC).isoformat())
            repo.set_setting(session, DEMO_START, at.strftime("%H:%M"))
        rows = list(session.scalars(select(RegistrationRow).order_by(RegistrationRow.id)))
        code = session.get(WorkshopRow, DEMO_WORKSHOP).code  # type: ignore[union-attr]
        qr_dir.mkdir(parents=True, exist_ok=True)
        for row in rows:
            if row.token:
                label = "".join(ch for ch in row.name if ch.isalnum())
                name = f"w{row.workshop_id:02d}-r{row.id:03d}-{label}.png"
                write_qr_png(row.token, qr_dir / name)
    with Store.open(url) as store, store.sessions() as session:
        workshop = convert.workshop(session.get(WorkshopRow, DEMO_WORKSHOP))  # type: ignore[arg-type]
        now = store.clock_for(workshop).now().astimezone(TAIPEI)
    return DemoInfo(url=url, qr_dir=qr_dir, workshop_id=DEMO_WORKSHOP, workshop_code=code,
                    registrations=len(rows), created=created,
                    demo_time=now.strftime("%H:%M"))

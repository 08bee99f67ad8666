"""The desk's link to the central database: provisioning file, credentials, TLS.

A provisioning file is written by ``checkin central add-desk`` and read by ``checkin sync
join``. It holds the desk's own database login, so it is created with mode 0600 and its
password never appears in ``repr``, logs or URLs printed to the user.
"""

from __future__ import annotations

import json
import os
import stat
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from sqlalchemy.engine import URL, make_url

from checkin.db.engine import sqlite_path
from checkin.sync.errors import BadProvisioning

FORMAT = "checkin-desk-link"
TLS_MODES = frozenset({"require", "verify-ca", "verify-full"})


@dataclass(frozen=True)
class DeskLink:
    """Everything a desk needs to reach the central database as itself."""

    url: str  # central URL without user or password
    role: str
    password: str = field(repr=False)
    desk_id: str
    desk_name: str
    workshops: tuple[int, ...]
    export_key: str = field(repr=False)

    def connect_url(self, override: str | None = None) -> URL:
        """The URL to connect with: the desk's login, TLS tightened to verify-full."""
        base = make_url(override or self.url)
        if base.username in (None, self.role):
            base = base.set(username=self.role, password=self.password)
        return secure_url(base)

    def to_json(self) -> dict[str, Any]:
        data = {f.name: getattr(self, f.name) for f in fields(self)}
        data["workshops"] = list(self.workshops)
        data["format"] = FORMAT
        return data

    @classmethod
    def from_json(cls, data: Any) -> DeskLink:
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise BadProvisioning("not a checkin provisioning file")
        try:
            return cls(url=str(data["url"]), role=str(data["role"]),
                       password=str(data["password"]), desk_id=str(data["desk_id"]),
                       desk_name=str(data["desk_name"]),
                       workshops=tuple(int(w) for w in data["workshops"]),
                       export_key=str(data["export_key"]))
        except (KeyError, TypeError, ValueError) as exc:
            raise BadProvisioning(f"missing or invalid field: {exc}") from exc


def secure_url(url: URL | str) -> URL:
    """When the URL asks for TLS at all, ask for the strictest check: verify-full.

    ``require`` alone encrypts but accepts any certificate, which a man in the middle can
    present; a desk carrying attendance over café Wi-Fi must check the server's name.
    """
    parsed = make_url(url) if isinstance(url, str) else url
    mode = parsed.query.get("sslmode")
    if isinstance(mode, str) and mode in TLS_MODES and mode != "verify-full":
        parsed = parsed.update_query_dict({"sslmode": "verify-full"})
    return parsed


def public_url(url: URL | str) -> str:
    """A URL safe to print or log: no password."""
    parsed = make_url(url) if isinstance(url, str) else url
    return parsed.render_as_string(hide_password=True)


def write_private_json(path: Path, data: dict[str, Any]) -> None:
    """Write a JSON file readable by its owner only (created 0600, then renamed in place)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.unlink(missing_ok=True)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(data, fh, ensure_ascii=False, indent=2)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def read_link(path: Path) -> DeskLink:
    """Read a provisioning/credentials file; refuse one that others can read."""
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        raise BadProvisioning(f"cannot read {path}: {exc.strerror}") from exc
    if os.name == "posix" and mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise BadProvisioning(f"{path} is readable by others; chmod 600 it first")
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise BadProvisioning(f"cannot read {path}: {exc}") from exc
    return DeskLink.from_json(data)


def credentials_path(desk_url: str) -> Path:
    """Where a desk keeps its central credentials: next to its SQLite file."""
    path = sqlite_path(desk_url)
    if path is not None:
        return path.with_name(f"{path.name}.central.json")
    from checkin.db.store import data_dir

    return data_dir() / "central.json"


def load_link(desk_url: str) -> DeskLink | None:
    """The desk's stored link, or None when it was never provisioned."""
    path = credentials_path(desk_url)
    if not path.exists():
        return None
    return read_link(path)


def save_link(desk_url: str, link: DeskLink) -> Path:
    path = credentials_path(desk_url)
    write_private_json(path, link.to_json())
    return path

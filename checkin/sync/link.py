"""The desk's link to the central database: provisioning file, credentials, TLS.

A provisioning file is written by ``checkin central add-desk`` and read by ``checkin sync
join``. It holds the desk's own database login, so it is created with mode 0600 and its
password never appears in ``repr``, logs or URLs printed to the user.
"""

from __future__ import annotations

import atexit
import hashlib
import ipaddress
import json
import os
import shutil
import stat
import tempfile
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from sqlalchemy.engine import URL, make_url

from checkin.db.engine import sqlite_path
from checkin.sync.errors import BadProvisioning, PlaintextRefused

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
    # The central server's CA certificate (PEM), given at provisioning: what verify-full
    # checks the server against. None: libpq's default root certificate file.
    ca_cert: str | None = field(default=None, repr=False)
    # Explicitly provisioned with --insecure-plaintext-without-health-data: a link that may
    # travel in clear, which then carries no health data.
    insecure_plaintext: bool = False

    def connect_url(self, override: str | None = None) -> URL:
        """The URL to connect with: the desk's login, TLS verify-full unless on this computer."""
        base = make_url(override or self.url)
        if base.username in (None, self.role):
            base = base.set(username=self.role, password=self.password)
        return secure_url(base, ca_file=ca_file(self.ca_cert) if self.ca_cert else None,
                          allow_plaintext=self.insecure_plaintext)

    def in_clear(self, override: str | None = None) -> bool:
        """Whether this link may run without TLS to another computer (no health data then)."""
        url = self.connect_url(override)
        return not is_loopback(url) and url.query.get("sslmode") not in TLS_MODES

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
                       export_key=str(data["export_key"]),
                       ca_cert=str(data["ca_cert"]) if data.get("ca_cert") else None,
                       insecure_plaintext=data.get("insecure_plaintext") is True)
        except (KeyError, TypeError, ValueError) as exc:
            raise BadProvisioning(f"missing or invalid field: {exc}") from exc


def is_loopback(url: URL | str) -> bool:
    """Whether the URL reaches a server on this computer (loopback address or local socket).

    Both the host name and a ``hostaddr`` given beside it must be local: a name that only
    resolves here today is still a name.
    """
    parsed = make_url(url) if isinstance(url, str) else url
    hosts = [parsed.host or "", *_query_values(parsed, "host")]
    hosts += _query_values(parsed, "hostaddr")
    return all(_local_host(h) for h in hosts)


def _query_values(url: URL, key: str) -> list[str]:
    value = url.query.get(key)
    if value is None:
        return []
    values = [value] if isinstance(value, str) else list(value)
    return [part for v in values for part in v.split(",")]


def _local_host(host: str) -> bool:
    if host in ("", "localhost") or host.startswith("/") or host.startswith("@"):
        return True  # no host (local socket), a socket directory, an abstract socket
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def secure_url(url: URL | str, *, ca_file: Path | None = None,
               allow_plaintext: bool = False) -> URL:
    """TLS with the server's name verified (verify-full), unless the server is on this computer.

    ``require`` alone encrypts but accepts any certificate, which a man in the middle can
    present; a desk carrying attendance over café Wi-Fi must check the server's name. A URL
    to another computer without ``sslmode`` would get libpq's ``prefer`` (clear text when
    the server, or someone in between, says no TLS), so it gets verify-full as well. A URL
    asking for no TLS there is refused unless ``allow_plaintext`` (provisioned explicitly).
    On this computer, a URL that asks for TLS is still tightened to verify-full.
    """
    parsed = make_url(url) if isinstance(url, str) else url
    mode = parsed.query.get("sslmode")
    mode = mode if isinstance(mode, str) else None
    if is_loopback(parsed):
        if mode in TLS_MODES and mode != "verify-full":
            parsed = parsed.update_query_dict({"sslmode": "verify-full"})
    elif mode is None or mode in TLS_MODES:
        parsed = parsed.update_query_dict({"sslmode": "verify-full"})
    elif not allow_plaintext:
        raise PlaintextRefused(f"sslmode={mode} to {parsed.host}: health data travels on this "
                               "link; use TLS (verify-full)")
    if (ca_file is not None and parsed.query.get("sslmode") == "verify-full"
            and "sslrootcert" not in parsed.query):
        parsed = parsed.update_query_dict({"sslrootcert": str(ca_file)})
    return parsed


_CA_DIR: list[Path] = []


def ca_file(pem: str) -> Path:
    """The CA certificate as a file libpq can read, in a private folder of this process."""
    if not _CA_DIR:
        folder = Path(tempfile.mkdtemp(prefix="checkin-ca-"))  # 0700, ours alone
        atexit.register(shutil.rmtree, folder, True)
        _CA_DIR.append(folder)
    path = _CA_DIR[0] / f"{hashlib.sha256(pem.encode()).hexdigest()[:24]}.pem"
    if not path.exists():
        path.write_text(pem, "ascii")
    return path


def read_ca_cert(path: Path) -> str:
    """A CA certificate file (PEM) to carry in a provisioning file."""
    try:
        pem = path.read_text("ascii")
    except (OSError, UnicodeDecodeError) as exc:
        raise BadProvisioning(f"cannot read the CA certificate {path}: {exc}") from exc
    if "-----BEGIN CERTIFICATE-----" not in pem:
        raise BadProvisioning(f"{path} is not a PEM certificate")
    return pem


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


def server_name(url: URL | str) -> str:
    """Where a link leads, as staff are shown it: host (and port) and database, no login."""
    parsed = make_url(url) if isinstance(url, str) else url
    host = parsed.host or "localhost"
    if parsed.port:
        host = f"{host}:{parsed.port}"
    return f"{host}/{parsed.database}" if parsed.database else host


def link_text(link: DeskLink) -> str:
    """The provisioning as one compact line of JSON: what the join QR code carries.

    Empty optional fields are left out; :meth:`DeskLink.from_json` reads it back. ASCII
    only (a desk name such as 台中-1 as JSON escapes): a USB scanner types it like any code, and
    no reader guesses the QR code's character set wrong.
    """
    data = {k: v for k, v in link.to_json().items() if v not in (None, False)}
    return json.dumps(data, ensure_ascii=True, separators=(",", ":"))


def read_link_text(text: str) -> DeskLink:
    """A provisioning given as text (a scanned join QR code) instead of a file."""
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise BadProvisioning(f"not a checkin provisioning: {exc}") from exc
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

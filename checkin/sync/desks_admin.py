"""Provisioning a desk from the office window: its login, its file and its join QR text."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

from checkin.sync.central import add_desk
from checkin.sync.link import link_text, write_private_json

# The join QR code stays at most version 20 at level M (666 bytes): a laptop webcam reads
# that off a screen. A provisioning carrying the server's CA certificate is about three
# times that; it goes by file only.
QR_LIMIT = 666


@dataclass(frozen=True)
class ProvisionedDesk:
    """A desk just provisioned: where its file is, and the QR text when it fits one."""

    name: str
    desk_id: str
    path: Path
    qr_text: str | None
    size: int  # bytes of the compact provisioning text


def file_name(name: str) -> str:
    safe = re.sub(r"[^\w.-]+", "_", name, flags=re.UNICODE).strip("._") or "desk"
    return f"{safe}.checkin-desk.json"


def provision_desk(engine: Engine, name: str, workshops: Iterable[int], folder: Path,
                   ca_cert: str | None = None) -> ProvisionedDesk:
    """Provision ``name`` on the central database and write its file (0600) into ``folder``.

    The file of a revoked desk provisioned again is replaced: its old password is void.
    """
    link = add_desk(engine, name, workshops, ca_cert=ca_cert)
    path = folder / file_name(name)
    write_private_json(path, link.to_json())
    text = link_text(link)
    size = len(text.encode("utf-8"))
    return ProvisionedDesk(link.desk_name, link.desk_id, path,
                           text if size <= QR_LIMIT else None, size)

"""Fixtures of the office tests: a fresh database with the brochure's workshops, a mail server."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

from checkin.db.engine import sqlite_url
from checkin.db.store import Store
from checkin.services.catalogue import install_default_profile, install_workshops

HEADER = "報名編號,姓名,公司名稱,統一編號,電子郵件,手機,場次\n"
# Valid 統一編號 (checksum) for test companies.
TAX_IDS = ("04595252", "22099131", "12345675", "53212539", "84149786")


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return sqlite_url(tmp_path / "office.sqlite3")


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    store = Store.open(db_url)
    with store.sessions.begin() as session:
        install_workshops(session)
        session.flush()
        install_default_profile(session)
    yield store
    store.close()


def write_csv(path: Path, rows: list[str], encoding: str = "utf-8",
              header: str = HEADER) -> Path:
    path.write_bytes((header + "".join(r + "\n" for r in rows)).encode(encoding))
    return path


@dataclass
class Mailbox:
    """What the loopback SMTP server received."""

    host: str
    port: int
    messages: list[EmailMessage] = field(default_factory=list)
    refuse: set[str] = field(default_factory=set)

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages if address in str(m["To"])]


class _Handler:
    def __init__(self, box: Mailbox) -> None:
        self.box = box

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.box.refuse:
            return "550 5.1.1 no such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.box.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 Message accepted"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def mailbox() -> Iterator[Mailbox]:
    box = Mailbox(host="127.0.0.1", port=_free_port())
    controller = Controller(_Handler(box), hostname="127.0.0.1", port=box.port)
    controller.start()
    yield box
    controller.stop()

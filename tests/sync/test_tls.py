"""Guarantee 11: the link to the central database is TLS with the server verified, unless local.

A throwaway PostgreSQL cluster with ssl=on (a certificate for ``central.checkin.test``
signed by a CA made here) runs on a free loopback port for this module; ``hostaddr`` sends
the connection there while the URL names the server as a desk would, by a host name.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from checkin.services.checkin import CheckinService, Who
from checkin.sync.errors import PlaintextRefused
from checkin.sync.link import DeskLink, is_loopback, secure_url
from checkin.sync.runner import pending_count, sync_desk

from .conftest import HOST, PORT, Central, Desk

NAME = "central.checkin.test"
PG_BIN = Path("/usr/lib/postgresql/15/bin")


def _run(*cmd: str, user: str | None = None) -> None:
    if user is not None:
        cmd = ("runuser", "-u", user, "--", *cmd)
    subprocess.run(cmd, check=True, capture_output=True, timeout=60)


def _ca(folder: Path, name: str) -> tuple[Path, Path]:
    key, cert = folder / f"{name}.key", folder / f"{name}.crt"
    _run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-subj", f"/CN={name}", "-keyout", str(key), "-out", str(cert))
    return key, cert


@dataclasses.dataclass
class TlsServer:
    port: int
    ca: Path
    rogue_ca: Path


@pytest.fixture(scope="module")
def tls_server() -> Iterator[TlsServer]:
    initdb = shutil.which("initdb") or str(PG_BIN / "initdb")
    if not Path(initdb).exists() or not shutil.which("openssl"):
        pytest.skip("initdb and openssl are needed for the TLS cluster")
    # Not under pytest's folder: the server's user must reach it when tests run as root.
    folder = Path(tempfile.mkdtemp(prefix="checkin-tls-"))
    ca_key, ca = _ca(folder, "checkin-test-ca")
    _, rogue = _ca(folder, "rogue-ca")
    key, csr, cert = folder / "server.key", folder / "server.csr", folder / "server.crt"
    _run("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-subj", f"/CN={NAME}",
         "-keyout", str(key), "-out", str(csr))
    ext = folder / "san.ext"
    ext.write_text(f"subjectAltName=DNS:{NAME}\n")
    _run("openssl", "x509", "-req", "-in", str(csr), "-CA", str(ca), "-CAkey", str(ca_key),
         "-CAcreateserial", "-days", "2", "-extfile", str(ext), "-out", str(cert))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    data = folder / "data"
    user = "postgres" if os.geteuid() == 0 else None  # initdb refuses to run as root
    key.chmod(0o600)
    if user:
        for f in (folder, key, cert):
            shutil.chown(f, user)
    _run(initdb, "-D", str(data), "-A", "trust", "-U", "postgres", "--no-sync", user=user)
    options = (f"-c port={port} -c listen_addresses=127.0.0.1 -c ssl=on "
               f"-c ssl_cert_file={cert} -c ssl_key_file={key} "
               f"-c unix_socket_directories={folder} -c fsync=off")
    pg_ctl = str(Path(initdb).with_name("pg_ctl"))
    _run(pg_ctl, "-D", str(data), "-o", options, "-w", "-l", str(folder / "log"), "start",
         user=user)
    try:
        yield TlsServer(port, ca, rogue)
    finally:
        _run(pg_ctl, "-D", str(data), "-m", "immediate", "stop", user=user)
        shutil.rmtree(folder, ignore_errors=True)


def _link(url: str, ca: Path | None = None, plaintext: bool = False) -> DeskLink:
    return DeskLink(url=url, role="postgres", password="", desk_id="d", desk_name="d",
                    workshops=(1,), export_key="00",
                    ca_cert=ca.read_text() if ca else None, insecure_plaintext=plaintext)


def _ssl_in_use(link: DeskLink) -> bool:
    engine = create_engine(link.connect_url())
    try:
        with engine.connect() as conn:
            return bool(conn.execute(text(
                "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")).scalar())
    finally:
        engine.dispose()


def test_a_url_to_another_computer_gets_verify_full_without_asking() -> None:
    assert secure_url(f"postgresql+psycopg://{NAME}/db").query["sslmode"] == "verify-full"
    assert secure_url(f"postgresql+psycopg://{NAME}/db?sslmode=require"
                      ).query["sslmode"] == "verify-full"
    for mode in ("disable", "allow", "prefer"):
        with pytest.raises(PlaintextRefused):
            secure_url(f"postgresql+psycopg://{NAME}/db?sslmode={mode}")
    # A loopback name beside a remote address is not local.
    assert not is_loopback("postgresql+psycopg://localhost/db?hostaddr=192.0.2.7")
    # On this computer libpq's default stays; a URL asking for TLS is still tightened.
    assert "sslmode" not in secure_url("postgresql+psycopg://127.0.0.1/db").query
    assert "sslmode" not in secure_url("postgresql+psycopg:///db?host=/run/postgresql").query
    assert secure_url("postgresql+psycopg://[::1]/db?sslmode=require"
                      ).query["sslmode"] == "verify-full"


def test_the_server_is_verified_against_the_provisioned_ca(tls_server: TlsServer) -> None:
    url = f"postgresql+psycopg://{NAME}:{tls_server.port}/postgres?hostaddr=127.0.0.1"
    assert _ssl_in_use(_link(url, tls_server.ca))
    # Someone else's certificate (a man in the middle's CA) is refused at the handshake.
    with pytest.raises(Exception, match="certificate verify failed"):
        _ssl_in_use(_link(url, tls_server.rogue_ca))
    # Nothing given at all: libpq's default root file, which does not hold our CA.
    with pytest.raises(Exception, match=r"root certificate file|certificate verify failed"):
        _ssl_in_use(_link(url))
    # A URL that asks for clear text to another computer: refused before connecting.
    with pytest.raises(PlaintextRefused):
        _link(url + "&sslmode=disable", tls_server.ca).connect_url()


def test_a_plaintext_link_never_carries_health_data(central: Central, desk_factory) -> None:
    desk: Desk = desk_factory("desk-a")
    assert sync_desk(desk.store, desk.link).done
    CheckinService(desk.store).check_in(1, Who(token=central.token(central.people(1)[0])),
                                        temperature="36.5")
    clear = f"postgresql+psycopg://{NAME}:{PORT}/{central.dbname}?hostaddr={HOST}&sslmode=disable"
    refused = sync_desk(desk.store, dataclasses.replace(desk.link, url=clear))
    assert refused.status == "PLAINTEXT_REFUSED"
    loud = dataclasses.replace(desk.link, url=clear, insecure_plaintext=True)
    report = sync_desk(desk.store, loud)
    assert report.status == "PLAINTEXT_HEALTH_DATA" and pending_count(desk.store) == 1
    assert central.scalar("SELECT count(*) FROM events") == 0

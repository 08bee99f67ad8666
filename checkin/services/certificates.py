"""Training certificates (受訓證明): who earns one, issuing them, and verifying one.

Eligibility is the brochure's: full attendance (derived by
:func:`checkin.services.attendance.day_attendance`) and a quiz score of at least the
workshop's pass score (80). Everyone else is listed with the reason.

A certificate's serial (``IDB2201-0007``) is given once and stored: issuing again keeps it.
Its seal is an HMAC-SHA256, under a random secret kept in this database's settings, over
what the certificate prints; the QR code carries the serial and the seal. Verification looks
the serial up, recomputes the seal from the record as it is now and compares it with the
stored one and the one in the QR code; for a PDF it also compares the text on the page with
what the record prints, so an edited PDF fails even with the genuine QR code on it.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import shutil
import subprocess
import tempfile
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC
from enum import StrEnum
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from checkin.core.clock import SystemClock
from checkin.core.errors import CodedError
from checkin.db import repo
from checkin.db.errors import storage_failures
from checkin.db.models import RegistrationRow, WorkshopRow
from checkin.db.models_day import CertificateRow
from checkin.db.store import Store
from checkin.notices import texts
from checkin.notices.certificate import (
    CertificateData,
    CertificateRenderer,
    layout_certificate,
    parse_qr_payload,
)
from checkin.notices.files import atomic_write_bytes
from checkin.services.attendance import day_attendance
from checkin.services.notices import safe_file_part
from checkin.services.scores import latest_scores

SECRET_SETTING = "certificate_secret"
MAX_VERIFY_BYTES = 50 * 1024 * 1024
PDF_DPI = 200


class CertificateError(CodedError):
    """A certificate use case that cannot run: WORKSHOP_NOT_FOUND, NO_SECRET, PDF_TOOLS..."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(code, detail)


class NotEligible(StrEnum):
    """Why someone gets no certificate (attendance reasons come from the attendance API)."""

    ABSENT = "ABSENT"
    DENIED = "DENIED"
    LATE = "LATE"
    LEFT_EARLY = "LEFT_EARLY"
    NOT_CHECKED_OUT = "NOT_CHECKED_OUT"
    NO_SCORE = "NO_SCORE"
    SCORE_BELOW_PASS = "SCORE_BELOW_PASS"


@dataclass(frozen=True)
class Standing:
    """One person's certificate standing in a workshop."""

    registration_id: int
    name: str
    company: str
    score: int | None
    eligible: bool
    reason: str | None  # a NotEligible value when not eligible
    serial: str | None = None
    status: str | None = None  # issued | withdrawn (None: never issued)
    withdrawn_reason: str | None = None


@dataclass
class IssueResult:
    workshop_code: str
    standings: list[Standing] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    newly_issued: list[str] = field(default_factory=list)
    withdrawn_now: list[str] = field(default_factory=list)
    removed_files: list[Path] = field(default_factory=list)
    missing_glyphs: dict[int, str] = field(default_factory=dict)

    @property
    def issued(self) -> list[Standing]:
        return [s for s in self.standings if s.status == "issued"]

    @property
    def withdrawn(self) -> list[Standing]:
        return [s for s in self.standings if s.status == "withdrawn"]


# --- the seal --------------------------------------------------------------------------------

def _secret(session: Session, create: bool) -> bytes:
    value = repo.get_setting(session, SECRET_SETTING)
    if value is None:
        if not create:
            raise CertificateError("NO_CERTIFICATES", "this database issued no certificates")
        value = secrets.token_hex(32)
        repo.set_setting(session, SECRET_SETTING, value)
    return bytes.fromhex(value)


def seal_of(secret: bytes, cert: CertificateData) -> str:
    """HMAC-SHA256 over the printed facts (canonical JSON), as 64 hex digits."""
    message = json.dumps(cert.printed(), ensure_ascii=False, sort_keys=True,
                         separators=(",", ":")).encode("utf-8")
    return hmac.new(secret, message, hashlib.sha256).hexdigest()


def _data(workshop: WorkshopRow, reg: RegistrationRow, serial: str, seal: str = ""
          ) -> CertificateData:
    return CertificateData(
        serial=serial, name=reg.name, company=reg.company, workshop_title=workshop.title,
        course=workshop.course, day=workshop.day, venue=workshop.venue, host=texts.HOST,
        organiser=workshop.organiser, pass_score=workshop.pass_score, seal=seal)


# --- eligibility and issuing -------------------------------------------------------------------

def _workshop(session: Session, ref: str | int) -> WorkshopRow:
    row = repo.find_workshop(session, str(ref))
    if row is None:
        raise CertificateError("WORKSHOP_NOT_FOUND", str(ref))
    return row


def _reason(value: object) -> str:
    return str(getattr(value, "value", value))


def standings(session: Session, workshop: WorkshopRow) -> list[Standing]:
    """Everyone of the workshop: eligible, or the reason; with any certificate on record."""
    scores = latest_scores(session, workshop.id)
    certs = {c.registration_id: c for c in session.scalars(
        select(CertificateRow).where(CertificateRow.workshop_id == workshop.id))}
    out = []
    for day in day_attendance(session, workshop.id):
        row = scores.get(day.registration_id)
        score = row.score if row is not None else None
        reason: str | None
        if not day.full_attendance:
            reason = _reason(day.not_full_reason or NotEligible.ABSENT)
        elif score is None:
            reason = NotEligible.NO_SCORE.value
        elif score < workshop.pass_score:
            reason = NotEligible.SCORE_BELOW_PASS.value
        else:
            reason = None
        cert = certs.get(day.registration_id)
        out.append(Standing(
            day.registration_id, day.name, day.company, score, reason is None, reason,
            cert.serial if cert else None, cert.status if cert else None,
            cert.withdrawn_reason if cert else None))
    return out


def certificate_standings(store: Store, workshop_ref: str | int) -> list[Standing]:
    """:func:`standings` in a session of its own (reports, the summary page)."""
    with store.sessions() as session:
        return standings(session, _workshop(session, workshop_ref))


def _next_serial(session: Session, workshop: WorkshopRow) -> str:
    prefix = f"{workshop.code}-"
    last = session.scalar(select(func.max(CertificateRow.serial)).where(
        CertificateRow.workshop_id == workshop.id, CertificateRow.serial.startswith(prefix)))
    number = int(last.removeprefix(prefix)) + 1 if last else 1
    return f"{prefix}{number:04d}"


def issue_certificates(store: Store, workshop_ref: str | int, out_dir: Path | None,
                       renderer: CertificateRenderer | None = None) -> IssueResult:
    """Give serials to the eligible (once), withdraw those no longer eligible, write PDFs.

    The records change in one transaction; then each issued certificate is written to
    ``out_dir`` as ``<serial>-<name>.pdf`` (whole or not at all), and a withdrawn one's
    file there is removed so that it is not sent out by mistake.
    """
    clock = store.clock_override or SystemClock()
    now = clock.now().astimezone(UTC)
    result_certs: list[CertificateData] = []
    with storage_failures(), store.sessions.begin() as session:
        workshop = _workshop(session, workshop_ref)
        result = IssueResult(workshop.code)
        secret = _secret(session, create=True)
        people = {r.id: r for r in session.scalars(select(RegistrationRow).where(
            RegistrationRow.workshop_id == workshop.id))}
        scores = latest_scores(session, workshop.id)
        certs = {c.registration_id: c for c in session.scalars(
            select(CertificateRow).where(CertificateRow.workshop_id == workshop.id))}
        for standing in standings(session, workshop):
            cert = certs.get(standing.registration_id)
            reg = people[standing.registration_id]
            if standing.eligible:
                if cert is None:
                    cert = CertificateRow(serial=_next_serial(session, workshop),
                                          workshop_id=workshop.id, registration_id=reg.id,
                                          issued_at=now, status="issued")
                    session.add(cert)
                    result.newly_issued.append(cert.serial)
                elif cert.status != "issued":
                    cert.status, cert.withdrawn_at, cert.withdrawn_reason = "issued", None, None
                    result.newly_issued.append(cert.serial)
                data = _data(workshop, reg, cert.serial)
                cert.seal = seal_of(secret, data)  # the same unless the record changed
                cert.score = scores[reg.id].score
                session.flush()
                result_certs.append(_data(workshop, reg, cert.serial, cert.seal))
            elif cert is not None and cert.status == "issued":
                cert.status, cert.withdrawn_at = "withdrawn", now
                cert.withdrawn_reason = standing.reason
                result.withdrawn_now.append(cert.serial)
        session.flush()
        result.standings = standings(session, workshop)
    if out_dir is None:
        return result
    with storage_failures():
        out_dir.mkdir(parents=True, exist_ok=True)
        for standing in result.withdrawn:
            for stale in out_dir.glob(f"{standing.serial}-*.pdf"):
                stale.unlink()
                result.removed_files.append(stale)
        renderer = renderer or CertificateRenderer()
        layouts = renderer.prepare(result_certs)
        for cert_data, layout in zip(result_certs, layouts, strict=True):
            missing = renderer.missing_glyphs(cert_data)
            if missing:
                reg_id = next(s.registration_id for s in result.standings
                              if s.serial == cert_data.serial)
                result.missing_glyphs[reg_id] = "".join(sorted(missing))
            for stale in out_dir.glob(f"{cert_data.serial}-*.pdf"):
                stale.unlink()  # the name was corrected: one file per serial
            path = out_dir / f"{cert_data.serial}-{safe_file_part(cert_data.name)}.pdf"
            atomic_write_bytes(path, renderer.pdf(cert_data, layout))
            result.files.append(path)
    return result


# --- verification ------------------------------------------------------------------------------

class Verdict(StrEnum):
    VALID = "VALID"
    WITHDRAWN = "WITHDRAWN"  # genuine, but withdrawn after a correction
    UNKNOWN_SERIAL = "UNKNOWN_SERIAL"  # no such certificate in this database
    SEAL_MISMATCH = "SEAL_MISMATCH"  # the QR code's seal is not the record's: forged
    RECORD_CHANGED = "RECORD_CHANGED"  # the record no longer says what was sealed at issue
    TEXT_MISMATCH = "TEXT_MISMATCH"  # the PDF's text is not what the record prints: edited
    NO_CODE = "NO_CODE"  # no certificate QR code found in the file


@dataclass(frozen=True)
class Verification:
    verdict: Verdict
    serial: str | None = None
    name: str | None = None
    company: str | None = None
    workshop: str | None = None
    day: str | None = None
    withdrawn_reason: str | None = None
    checked: tuple[str, ...] = ()  # what was compared: record, qr, text

    @property
    def valid(self) -> bool:
        return self.verdict is Verdict.VALID


def _normalised(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKC", text) if not ch.isspace())


def _pdf_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise CertificateError("PDF_TOOLS_MISSING", f"{name} (poppler-utils) is not installed")
    return path


def pdf_text(path: Path) -> str:
    """The text of a PDF in content order (pdftotext -raw)."""
    proc = subprocess.run([_pdf_tool("pdftotext"), "-raw", "-enc", "UTF-8", str(path), "-"],
                          capture_output=True, timeout=60, check=False)
    if proc.returncode != 0:
        raise CertificateError("NOT_A_PDF", proc.stderr.decode("utf-8", "replace")[:200])
    return proc.stdout.decode("utf-8", "replace")


def _pdf_codes(path: Path) -> list[str]:
    from checkin.scanning.decoders import decode_file

    with tempfile.TemporaryDirectory(prefix="checkin-verify-") as folder:
        stem = Path(folder) / "page"
        proc = subprocess.run([_pdf_tool("pdftoppm"), "-r", str(PDF_DPI), "-gray", "-png",
                               "-f", "1", "-l", "1", "-singlefile", str(path), str(stem)],
                              capture_output=True, timeout=120, check=False)
        if proc.returncode != 0:
            raise CertificateError("NOT_A_PDF", proc.stderr.decode("utf-8", "replace")[:200])
        return decode_file(stem.with_suffix(".png"))


def _codes_in(path: Path) -> tuple[list[str], str | None]:
    """QR texts found in a PDF or an image file, and the PDF's text (None for an image)."""
    from checkin.scanning.decoders import decode_file

    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(5)
    except OSError as exc:
        raise CertificateError("FILE_UNREADABLE", exc.strerror or str(exc)) from exc
    if size > MAX_VERIFY_BYTES:
        raise CertificateError("FILE_TOO_LARGE", f"{size} bytes")
    if head == b"%PDF-":
        return _pdf_codes(path), pdf_text(path)
    return decode_file(path), None


def verify(store: Store, what: str | Path) -> Verification:
    """Check a certificate: a PDF, an image of one (photo, scan) or its serial typed in.

    A serial alone proves only that the record exists and is intact: the answer names the
    person, for the verifier to compare with the paper. A file must carry a QR code whose
    seal is the record's; a PDF's text must also be what the record prints.
    """
    path = Path(what)
    seal_in_code: str | None = None
    text: str | None = None
    checked = ["record"]
    if path.is_file():
        codes, text = _codes_in(path)
        found = [p for p in (parse_qr_payload(c) for c in codes) if p is not None]
        if not found:
            return Verification(Verdict.NO_CODE)
        serial, seal_in_code = found[0]
        checked.append("qr")
    else:
        serial = str(what).strip().upper()
    with store.sessions() as session:
        cert = session.get(CertificateRow, serial)
        if cert is None:
            return Verification(Verdict.UNKNOWN_SERIAL, serial)
        secret = _secret(session, create=False)
        workshop = session.get(WorkshopRow, cert.workshop_id)
        reg = session.get(RegistrationRow, cert.registration_id)
        assert workshop is not None and reg is not None
        data = _data(workshop, reg, cert.serial, cert.seal)
        facts = dict(serial=cert.serial, name=reg.name, company=reg.company,
                     workshop=f"{workshop.code} {workshop.title}",
                     day=workshop.day.isoformat())
        if seal_in_code is not None and not hmac.compare_digest(seal_in_code, cert.seal):
            return Verification(Verdict.SEAL_MISMATCH, **facts, checked=tuple(checked))
        if not hmac.compare_digest(seal_of(secret, data), cert.seal):
            return Verification(Verdict.RECORD_CHANGED, **facts, checked=tuple(checked))
        if text is not None:
            checked.append("text")
            expected = "".join(op.text for op in layout_certificate(data).ops
                               if hasattr(op, "text"))
            if _normalised(text) != _normalised(expected):
                return Verification(Verdict.TEXT_MISMATCH, **facts, checked=tuple(checked))
        if cert.status != "issued":
            return Verification(Verdict.WITHDRAWN, **facts,
                                withdrawn_reason=cert.withdrawn_reason, checked=tuple(checked))
        return Verification(Verdict.VALID, **facts, checked=tuple(checked))


def serials(store: Store, workshop_ref: str | int) -> dict[int, str]:
    """Registration id -> serial of the workshop's certificates (issued or withdrawn)."""
    with store.sessions() as session:
        workshop = _workshop(session, workshop_ref)
        return dict(session.execute(select(CertificateRow.registration_id,
                                           CertificateRow.serial).where(
            CertificateRow.workshop_id == workshop.id)).all())


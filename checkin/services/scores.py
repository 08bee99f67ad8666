"""Quiz scores (綜合討論與測驗): entered at the desk or the office, or imported from a file.

A score is a whole number 0-100. Every entry is its own row (``scores``); the newest entry
of a person is their score and the earlier ones stay as history, with who entered each and
when. Entering the score a person already has records nothing. A correction that takes a
person below the workshop's pass score withdraws a certificate already issued to them.

Every refusal is a :class:`ScoreError` with a code: a score for someone who is not in the
workshop is ``NOT_IN_WORKSHOP``, whatever the caller.
"""

from __future__ import annotations

import unicodedata
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from checkin.core.clock import SystemClock
from checkin.core.errors import CodedError
from checkin.core.names import normalise_company, normalise_person
from checkin.core.tokens import TokenError, parse_token, token_hash
from checkin.db import repo
from checkin.db.errors import storage_failures
from checkin.db.models import RegistrationRow, WorkshopRow
from checkin.db.models_day import CertificateRow, ScoreRow
from checkin.db.store import Store
from checkin.services.checkin import Who
from checkin.services.registration_files import (
    HEADER_SYNONYMS,
    ImportFileError,
    TableSpec,
    read_table,
)

SOURCES = ("desk", "cli", "import")
MAX_SCORE = 100
MAX_ENTERED_BY = 100


class ScoreError(CodedError):
    """A score that cannot be recorded (``code``).

    SCORE_INVALID, NOT_IN_WORKSHOP, PERSON_NOT_FOUND, WORKSHOP_NOT_FOUND, SOURCE_UNKNOWN,
    ENTERED_BY_MISSING.
    """

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(code, detail)


def parse_score(raw: object) -> int:
    """A whole number 0-100 from what was typed or read from a cell.

    Accepts ``85``, ``"85"``, ``" ８５ "`` (full-width) and ``85.0`` (a spreadsheet's
    number); refuses ``85.5``, ``-1``, ``101``, ``True``, text and empty cells.
    """
    if isinstance(raw, bool):
        raise ScoreError("SCORE_INVALID", repr(raw))
    if isinstance(raw, int):
        value = raw
    elif isinstance(raw, float):
        if not raw.is_integer():
            raise ScoreError("SCORE_INVALID", repr(raw))
        value = int(raw)
    elif isinstance(raw, str):
        text = unicodedata.normalize("NFKC", raw).strip()
        if text.endswith(".0"):
            text = text[:-2]
        if not (text.isascii() and text.isdigit()) or len(text) > 3:
            raise ScoreError("SCORE_INVALID", raw[:20])
        value = int(text)
    else:
        raise ScoreError("SCORE_INVALID", type(raw).__name__)
    if not 0 <= value <= MAX_SCORE:
        raise ScoreError("SCORE_INVALID", str(value))
    return value


@dataclass(frozen=True)
class ScoreEntry:
    """One entry of a person's score history."""

    score: int
    entered_at: datetime
    entered_by: str
    source: str
    desk_id: str


@dataclass(frozen=True)
class ScoreResult:
    """What :func:`set_score` did: ``changed`` is False when the score was already that."""

    registration_id: int
    name: str
    company: str
    score: int
    previous: int | None
    changed: bool
    certificate_withdrawn: str | None = None  # the serial withdrawn by this correction


def latest_scores(session: Session, workshop_id: int) -> dict[int, ScoreRow]:
    """Each person's current score row (the newest entry) in a workshop."""
    rows = session.scalars(select(ScoreRow).where(ScoreRow.workshop_id == workshop_id)
                           .order_by(ScoreRow.entered_at, ScoreRow.id))
    latest: dict[int, ScoreRow] = {}
    for row in rows:
        latest[row.registration_id] = row  # ordered oldest first: the last one wins
    return latest


def score_history(store: Store, workshop_ref: str | int, registration_id: int
                  ) -> list[ScoreEntry]:
    """Every entry of one person's score, oldest first."""
    with store.sessions() as session:
        workshop = _workshop(session, workshop_ref)
        rows = session.scalars(select(ScoreRow).where(
            ScoreRow.workshop_id == workshop.id, ScoreRow.registration_id == registration_id)
            .order_by(ScoreRow.entered_at, ScoreRow.id))
        return [ScoreEntry(r.score, r.entered_at, r.entered_by, r.source, r.desk_id)
                for r in rows]


def _workshop(session: Session, ref: str | int) -> WorkshopRow:
    row = repo.find_workshop(session, str(ref))
    if row is None:
        raise ScoreError("WORKSHOP_NOT_FOUND", str(ref))
    return row


def _person(session: Session, workshop: WorkshopRow, who: Who) -> RegistrationRow:
    """The registration ``who`` names, refused unless it belongs to this workshop."""
    row: RegistrationRow | None = None
    if who.token is not None:
        try:
            token = parse_token(who.token)
        except TokenError as exc:
            raise ScoreError("PERSON_NOT_FOUND", "not a token") from exc
        if token.workshop_code != workshop.code:
            raise ScoreError("NOT_IN_WORKSHOP", f"a notice of {token.workshop_code}")
        row = repo.registration_by_token_hash(session, token_hash(token))
    elif who.registration_id is not None and repo.is_row_id(who.registration_id):
        row = session.get(RegistrationRow, who.registration_id)
    if row is None:
        raise ScoreError("PERSON_NOT_FOUND", str(who.registration_id or "token"))
    if row.workshop_id != workshop.id:
        raise ScoreError("NOT_IN_WORKSHOP", f"registration {row.id}")
    if row.status == "cancelled":
        raise ScoreError("NOT_IN_WORKSHOP", f"registration {row.id} is cancelled")
    return row


def _record(session: Session, store: Store, workshop: WorkshopRow, person: RegistrationRow,
            score: int, entered_by: str, source: str, at: datetime,
            current: ScoreRow | None) -> ScoreResult:
    """Add the entry (unless the score is unchanged); withdraw a certificate it undoes."""
    previous = current.score if current is not None else None
    if previous == score:
        return ScoreResult(person.id, person.name, person.company, score, previous, False)
    if current is not None and at <= current.entered_at:
        # Two entries in one instant (a fast re-import, a clock set back): the newest entry
        # must stay the newest, or the correction would not be the score.
        at = current.entered_at + timedelta(microseconds=1)
    score_id = str(uuid.uuid4())
    session.add(ScoreRow(
        id=score_id, workshop_id=workshop.id, registration_id=person.id,
        score=score, entered_at=at.astimezone(UTC), entered_by=entered_by,
        desk_id=store.desk_id, source=source))
    # Queued for the central database in the same transaction, as an event would be.
    repo.queue_row(session, "score", score_id, at)
    withdrawn = None
    if score < workshop.pass_score:
        cert = session.scalar(select(CertificateRow).where(
            CertificateRow.workshop_id == workshop.id,
            CertificateRow.registration_id == person.id, CertificateRow.status == "issued"))
        if cert is not None:
            cert.status = "withdrawn"
            cert.withdrawn_at = at.astimezone(UTC)
            cert.withdrawn_reason = f"SCORE_CORRECTED {previous}->{score}"
            withdrawn = cert.serial
    return ScoreResult(person.id, person.name, person.company, score, previous, True,
                       withdrawn)


def _check_entry(entered_by: str, source: str) -> str:
    if source not in SOURCES:
        raise ScoreError("SOURCE_UNKNOWN", source)
    who = " ".join(entered_by.split())[:MAX_ENTERED_BY]
    if not who:
        raise ScoreError("ENTERED_BY_MISSING")
    return who


def set_score(store: Store, workshop: str | int, who: Who, score: object, entered_by: str,
              source: str = "desk") -> ScoreResult:
    """Record ``who``'s quiz score in ``workshop`` (one transaction), as the desk calls it.

    ``who`` is the scanned token or the registration chosen in a search; ``score`` what was
    typed (see :func:`parse_score`); ``entered_by`` the staff member; ``source`` one of
    desk, cli, import. Raises :class:`ScoreError`; nothing is written then.
    """
    value = parse_score(score)
    entered_by = _check_entry(entered_by, source)
    with storage_failures(), store.sessions.begin() as session:
        row = _workshop(session, workshop)
        person = _person(session, row, who)
        clock = store.clock_override or SystemClock()
        current = latest_scores(session, row.id).get(person.id)
        return _record(session, store, row, person, value, entered_by, source, clock.now(),
                       current)


# --- import --------------------------------------------------------------------------------

SCORE_HEADERS: dict[str, tuple[str, ...]] = {
    "score": ("測驗成績", "成績", "分數", "測驗分數", "得分", "score", "quizscore", "mark",
              "points", "result"),
    "token": ("報到代碼", "代碼", "qrcode", "token", "checkincode"),
    # The id this system gives (the reports' 系統編號), not the website's 報名編號.
    "registration": ("系統編號", "registration", "registrationid", "checkinid"),
    "source_id": tuple(s for s in HEADER_SYNONYMS["source_id"] if s != "registrationid"),
    "name": HEADER_SYNONYMS["name"],
    "company": HEADER_SYNONYMS["company"],
}
SCORE_FILE = TableSpec(SCORE_HEADERS, ("score",),
                       "no score column with a token, registration or name column",
                       any_of=("token", "registration", "source_id", "name"))


class RowResult(StrEnum):
    NEW = "new"  # a first score
    CORRECTED = "corrected"  # a different score than the one recorded: history kept
    UNCHANGED = "unchanged"
    UNMATCHED = "unmatched"  # nobody in the workshop
    AMBIGUOUS = "ambiguous"  # more than one person matches the row
    DUPLICATE = "duplicate"  # the person is on another row of the file with another score
    INVALID = "invalid"  # not a whole number 0-100
    NO_SCORE = "no_score"  # the score cell is empty: nothing to record


@dataclass
class ScoreImportRow:
    line: int
    matched_by: str | None  # token | registration | source_id | name_company
    name: str
    company: str
    result: RowResult
    registration_id: int | None = None
    score: int | None = None
    previous: int | None = None
    candidates: tuple[int, ...] = ()  # registration ids of an ambiguous row
    detail: str = ""
    certificate_withdrawn: str | None = None


@dataclass
class ScoreImportReport:
    workshop_code: str
    file_format: str
    encoding: str | None
    mapping: dict[str, str]
    applied: bool
    rows: list[ScoreImportRow] = field(default_factory=list)

    def count(self, result: RowResult) -> int:
        return sum(1 for r in self.rows if r.result is result)

    @property
    def problems(self) -> list[ScoreImportRow]:
        """Rows that did not match, matched twice or could not be read."""
        return [r for r in self.rows if r.result in (
            RowResult.UNMATCHED, RowResult.AMBIGUOUS, RowResult.DUPLICATE, RowResult.INVALID)]


def _match(fields: dict[str, str], people: Sequence[RegistrationRow], code: str
           ) -> tuple[str | None, list[RegistrationRow], str]:
    """How the row names a person, the people it names, and why none when none."""
    token_text = fields.get("token", "").strip()
    if token_text:
        try:
            token = parse_token(token_text)
        except TokenError:
            return "token", [], "not a token"
        if token.workshop_code != code:
            return "token", [], f"a notice of {token.workshop_code}"
        digest = token_hash(token)
        return "token", [p for p in people if p.token_hash == digest], ""
    reg = unicodedata.normalize("NFKC", fields.get("registration", "")).strip()
    if reg:
        if not (reg.isascii() and reg.isdigit()):
            return "registration", [], "not a number"
        return "registration", [p for p in people if p.id == int(reg)], ""
    source = fields.get("source_id", "").strip()
    if source:
        return "source_id", [p for p in people if p.source_key == source], ""
    name, company = fields.get("name", "").strip(), fields.get("company", "").strip()
    if name:
        key = normalise_person(name)
        same_name = [p for p in people if p.name_key == key]
        if not company:
            return "name", same_name, ""
        wanted = normalise_company(company)
        return "name_company", [p for p in same_name
                                if normalise_company(p.company) == wanted], ""
    return None, [], "no token, registration, name or company"


def import_scores(store: Store, path: Path, workshop_ref: str | int, *,
                  entered_by: str = "import", dry_run: bool = False) -> ScoreImportReport:
    """Read a CSV or XLSX of scores and record them (all in one transaction, or nothing).

    Each row is matched by token, else registration (系統編號), else the website's
    報名編號, else name and company; a row that names nobody, or more than one person, is
    reported and skipped; so are two rows giving one person different scores. A file that
    cannot be read raises :class:`ImportFileError` and changes nothing.
    """
    entered_by = _check_entry(entered_by, "import")
    table = read_table(path, SCORE_FILE)
    if table.truncated:
        raise ImportFileError("FILE_TRUNCATED")
    with storage_failures(), store.sessions.begin() as session:
        workshop = _workshop(session, workshop_ref)
        people = list(session.scalars(select(RegistrationRow).where(
            RegistrationRow.workshop_id == workshop.id,
            RegistrationRow.status != "cancelled")))
        report = ScoreImportReport(workshop.code, table.file_format, table.encoding,
                                   table.mapping, applied=not dry_run)
        planned: dict[int, list[ScoreImportRow]] = {}
        for source_row in table.rows:
            fields = source_row.fields
            by, found, why = _match(fields, people, workshop.code)
            row = ScoreImportRow(source_row.line, by, fields.get("name", ""),
                                 fields.get("company", ""), RowResult.UNMATCHED, detail=why)
            report.rows.append(row)
            raw = fields.get("score", "").strip()
            if len(found) > 1:
                row.result = RowResult.AMBIGUOUS
                row.candidates = tuple(sorted(p.id for p in found))
                continue
            if not found:
                continue
            person = found[0]
            row.registration_id, row.name, row.company = person.id, person.name, person.company
            if not raw:
                row.result = RowResult.NO_SCORE
                continue
            try:
                row.score = parse_score(raw)
            except ScoreError:
                row.result, row.detail = RowResult.INVALID, raw[:20]
                continue
            planned.setdefault(person.id, []).append(row)
        current = latest_scores(session, workshop.id)
        clock = store.clock_override or SystemClock()
        now = clock.now()
        by_id = {p.id: p for p in people}
        for reg_id, rows in planned.items():
            if len({r.score for r in rows}) > 1:
                for r in rows:
                    r.result = RowResult.DUPLICATE
                    r.detail = "lines " + ", ".join(str(x.line) for x in rows)
                continue
            first, rest = rows[0], rows[1:]
            for r in rest:
                r.result, r.detail = RowResult.DUPLICATE, f"same as line {first.line}"
            assert first.score is not None
            mine = current.get(reg_id)
            first.previous = mine.score if mine is not None else None
            if first.previous == first.score:
                first.result = RowResult.UNCHANGED
                continue
            first.result = RowResult.NEW if mine is None else RowResult.CORRECTED
            if not dry_run:
                done = _record(session, store, workshop, by_id[reg_id], first.score,
                               entered_by, "import", now, mine)
                first.certificate_withdrawn = done.certificate_withdrawn
            elif first.score < workshop.pass_score:
                first.certificate_withdrawn = session.scalar(select(CertificateRow.serial).where(
                    CertificateRow.workshop_id == workshop.id,
                    CertificateRow.registration_id == reg_id,
                    CertificateRow.status == "issued"))
        if dry_run:
            session.rollback()
    return report

"""Import registrations from the registration website's export into a workshop's roster.

One import is one transaction: the file is read and checked completely before anything is
written, so a fatal error leaves the database exactly as it was. Re-importing an updated
export updates rows in place (matched by a stable key), keeps issued tokens, and cancels the
imported registrations the new file no longer lists. Seats and the company cap are assigned
in file order (the website lists registrations in the order they came in): whoever does
not fit is waitlisted, never dropped.
"""

from __future__ import annotations

import enum
import hashlib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from checkin.core.contact import is_plausible_email, normalise_phone
from checkin.core.names import company_key, digits_only, normalise_person
from checkin.core.taxid import is_valid_tax_id, normalise_tax_id
from checkin.core.text import display_width, has_controls, strip_controls
from checkin.core.tokens import new_token, token_hash
from checkin.db import repo
from checkin.db.errors import storage_failures
from checkin.db.models import RegistrationRow, WorkshopRow
from checkin.db.models_office import ImportBatchRow
from checkin.db.store import Store
from checkin.services.checkin import WorkshopNotFound
from checkin.services.registration_files import ImportFileError, SourceTable, read_table

__all__ = ["ImportFileError", "ImportReport", "Issue", "RowResult", "import_registrations"]

_CANCEL_WORDS = frozenset({"取消", "已取消", "取消報名", "cancelled", "canceled", "cancel"})


class Issue(enum.StrEnum):
    """Codes of what the report says about a row (the CLI turns them into words)."""

    NAME_MISSING = "NAME_MISSING"
    COMPANY_MISSING = "COMPANY_MISSING"
    EMAIL_MISSING = "EMAIL_MISSING"
    EMAIL_INVALID = "EMAIL_INVALID"
    TAX_ID_INVALID = "TAX_ID_INVALID"
    PHONE_NORMALISED = "PHONE_NORMALISED"
    PHONE_INVALID = "PHONE_INVALID"
    DUPLICATE_PERSON = "DUPLICATE_PERSON"
    COMPANY_CAP = "COMPANY_CAP"
    CAPACITY = "CAPACITY"
    OTHER_WORKSHOP = "OTHER_WORKSHOP"
    CANCELLED_IN_FILE = "CANCELLED_IN_FILE"
    ROW_INCOMPLETE = "ROW_INCOMPLETE"
    CONTROL_CHARACTERS = "CONTROL_CHARACTERS"
    NAME_TOO_LONG = "NAME_TOO_LONG"
    COMPANY_TOO_LONG = "COMPANY_TOO_LONG"


# What a notice, a badge and the desk's banner can show: a name of 30 Chinese characters (60
# Latin letters), a company of 40 (80). Longer is a broken export, not a person.
MAX_NAME_WIDTH = 60
MAX_COMPANY_WIDTH = 80


_REJECTING = frozenset({Issue.NAME_MISSING, Issue.COMPANY_MISSING, Issue.OTHER_WORKSHOP,
                        Issue.NAME_TOO_LONG, Issue.COMPANY_TOO_LONG})


class Action(enum.StrEnum):
    NEW = "new"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    REJECTED = "rejected"  # not imported: missing name, duplicate, other workshop
    CANCELLED = "cancelled"  # in the database, missing from (or cancelled in) the new file


@dataclass
class RowResult:
    """What happened to one line of the file (or one registration the file dropped)."""

    line: int | None
    name: str
    company: str
    action: Action
    status: str | None = None
    issues: list[tuple[Issue, str]] = field(default_factory=list)
    registration_id: int | None = None


@dataclass
class ImportReport:
    """The validation report: one entry per row, plus totals. ``applied`` is False on dry runs."""

    workshop_code: str
    file_format: str
    encoding: str | None
    mapping: dict[str, str]
    unmapped: list[str]
    rows: list[RowResult]
    truncated: bool
    applied: bool
    batch_id: int | None = None

    def count(self, action: Action) -> int:
        return sum(1 for r in self.rows if r.action is action)

    @property
    def waitlisted(self) -> int:
        return sum(1 for r in self.rows if r.status == "waitlisted"
                   and r.action is not Action.REJECTED)

    @property
    def issue_counts(self) -> Counter[Issue]:
        return Counter(issue for r in self.rows for issue, _ in r.issues)


@dataclass
class _Candidate:
    line: int
    name: str
    company: str
    tax_id: str | None
    email: str | None
    phone: str | None
    source_key: str
    cancelled: bool
    result: RowResult

    @property
    def company_key(self) -> str:
        return company_key(self.tax_id, self.company)


def _phone(raw: str) -> tuple[str | None, Issue | None]:
    """The phone to store and what the report says about it."""
    text = unicodedata.normalize("NFKC", raw).strip()
    if not text:
        return None, None
    result = normalise_phone(text)
    if result is None:
        return text, Issue.PHONE_INVALID
    # Dashes and spaces put in or taken out are formatting, not worth a report line; a
    # changed number (+886 folded, a lost leading 0 restored) is.
    return result, (Issue.PHONE_NORMALISED if digits_only(result) != digits_only(text)
                    else None)


def _workshop_matches(value: str, workshop: WorkshopRow) -> bool:
    text = unicodedata.normalize("NFKC", value).strip().upper()
    if not text:
        return True
    if workshop.code in text or workshop.title.upper() in text:
        return True
    numbers = re.findall(r"\d+", text)
    return len(numbers) == 1 and int(numbers[0]) == workshop.number


def _candidates(table: SourceTable, workshop: WorkshopRow) -> list[_Candidate]:
    """Validate each row; rows that cannot be imported come back as REJECTED."""
    out: list[_Candidate] = []
    email_names: dict[str, set[str]] = {}
    for row in table.rows:
        email = row.fields.get("email", "").strip().lower()
        if email:
            email_names.setdefault(email, set()).add(normalise_person(row.fields.get("name", "")))
    for row in table.rows:
        f = row.fields
        # ESC sequences, bidi overrides, stray tabs: never stored, never printed back.
        dirty = sorted(k for k, v in f.items() if has_controls(v))
        if dirty:
            f = {k: strip_controls(v) for k, v in f.items()}
        name = unicodedata.normalize("NFC", f.get("name", "")).strip()
        company = unicodedata.normalize("NFC", f.get("company", "")).strip()
        result = RowResult(line=row.line, name=name, company=company, action=Action.NEW)
        issues = result.issues
        if row.short:
            issues.append((Issue.ROW_INCOMPLETE, ""))
        if dirty:
            issues.append((Issue.CONTROL_CHARACTERS, ",".join(dirty)))
        if not name:
            issues.append((Issue.NAME_MISSING, ""))
        elif display_width(name) > MAX_NAME_WIDTH:
            issues.append((Issue.NAME_TOO_LONG, f"{len(name)}"))
        if not company:
            issues.append((Issue.COMPANY_MISSING, ""))
        elif display_width(company) > MAX_COMPANY_WIDTH:
            issues.append((Issue.COMPANY_TOO_LONG, f"{len(company)}"))
        if "workshop" in f and not _workshop_matches(f["workshop"], workshop):
            issues.append((Issue.OTHER_WORKSHOP, f["workshop"]))
        if any(i in _REJECTING for i, _ in issues):
            result.action = Action.REJECTED
            out.append(_Candidate(row.line, name, company, None, None, None, "", False, result))
            continue
        email = unicodedata.normalize("NFKC", f.get("email", "")).strip()
        if not email:
            issues.append((Issue.EMAIL_MISSING, ""))
            email_value = None
        elif not is_plausible_email(email):
            issues.append((Issue.EMAIL_INVALID, email))
            email_value = email
        else:
            email_value = email
        tax_id = None
        raw_tax = normalise_tax_id(f.get("tax_id", ""))
        if raw_tax.isdigit() and len(raw_tax) < 8:
            raw_tax = raw_tax.zfill(8)  # stored as a number by a spreadsheet
        if raw_tax:
            if is_valid_tax_id(raw_tax):
                tax_id = raw_tax
            else:
                issues.append((Issue.TAX_ID_INVALID, f.get("tax_id", "")))
        phone, phone_issue = _phone(f.get("phone", ""))
        if phone_issue is not None:
            issues.append((phone_issue, f.get("phone", "")))
        source_id = f.get("source_id", "").strip()
        mail_key = (email_value or "").lower()
        if source_id:
            source_key = f"id:{source_id}"
        elif mail_key and len(email_names.get(mail_key, ())) == 1:
            source_key = f"email:{mail_key}"
        else:
            # No id, and the e-mail is missing or shared by several people (an assistant
            # registering colleagues): the person's name and company identify the row.
            source_key = f"person:{normalise_person(name)}|{company_key(tax_id, company)}"
        status_text = header_status(f.get("status", ""))
        cancelled = status_text in _CANCEL_WORDS
        if cancelled:
            issues.append((Issue.CANCELLED_IN_FILE, f.get("status", "")))
        out.append(_Candidate(row.line, name, company, tax_id, email_value, phone,
                              source_key[:200], cancelled, result))
    return out


def header_status(raw: str) -> str:
    return unicodedata.normalize("NFKC", raw).strip().casefold()


def import_registrations(store: Store, path: Path, workshop_ref: str | int,
                         dry_run: bool = False, file_name: str | None = None) -> ImportReport:
    """Read, check and (unless ``dry_run``) apply an export to the workshop's roster.

    Raises :class:`ImportFileError` for a file that cannot be imported at all, including a
    truncated one (nothing is changed), ``WorkshopNotFound`` for an unknown workshop.
    """
    table = read_table(path)
    if table.truncated and not dry_run:
        # Everyone after the cut would be cancelled and the cut row stored half-written:
        # a truncated export is a fatal error (a dry run still shows what was read).
        raise ImportFileError("FILE_TRUNCATED", f"{len(table.rows)} rows before the cut")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    # A full disk at the commit: one line for the user, and the database as it was.
    with storage_failures(), store.sessions.begin() as session:
        workshop = repo.find_workshop(session, str(workshop_ref))
        if workshop is None:
            raise WorkshopNotFound(str(workshop_ref))
        report = _plan_and_apply(session, workshop, table, apply=not dry_run)
        if not dry_run:
            batch = ImportBatchRow(
                workshop_id=workshop.id, file_name=(file_name or path.name)[:300],
                file_sha256=digest, file_format=table.file_format, encoding=table.encoding,
                rows_total=len(table.rows), created=report.count(Action.NEW),
                updated=report.count(Action.UPDATED), unchanged=report.count(Action.UNCHANGED),
                cancelled=report.count(Action.CANCELLED), waitlisted=report.waitlisted,
                rejected=report.count(Action.REJECTED), imported_at=datetime.now(UTC))
            session.add(batch)
            session.flush()
            report.batch_id = batch.id
        else:
            session.rollback()
    return report


def _plan_and_apply(session: Session, workshop: WorkshopRow, table: SourceTable,
                    apply: bool) -> ImportReport:
    candidates = _candidates(table, workshop)
    existing_rows = list(session.scalars(
        select(RegistrationRow).where(RegistrationRow.workshop_id == workshop.id)))
    by_key = {r.source_key: r for r in existing_rows if r.source_key}
    # Registrations entered by other means (not from an import) keep their seats first.
    manual = [r for r in existing_rows if not r.source_key and r.status == "registered"]
    seats_taken = len(manual)
    per_company: Counter[str] = Counter(r.company_key for r in manual)

    # Same person twice in the file: the first line counts, the others are rejected.
    seen_keys: set[str] = set()
    seen_people: dict[tuple[str, str], int] = {}
    live: list[_Candidate] = []
    for cand in candidates:
        result = cand.result
        if result.action is Action.REJECTED:
            continue
        person = (normalise_person(cand.name), cand.company_key)
        if cand.source_key in seen_keys or person in seen_people:
            first = seen_people.get(person)
            result.issues.append((Issue.DUPLICATE_PERSON, str(first or "")))
            result.action = Action.REJECTED
            continue
        seen_keys.add(cand.source_key)
        seen_people[person] = cand.line
        live.append(cand)
    matched = _match_existing(live, existing_rows, by_key)

    now = datetime.now(UTC)
    new_rows: list[dict[str, object]] = []
    for cand in live:
        result = cand.result
        if cand.cancelled:
            status = "cancelled"
        elif per_company[cand.company_key] >= workshop.company_cap:
            status = "waitlisted"
            result.issues.append((Issue.COMPANY_CAP, str(workshop.company_cap)))
        elif seats_taken >= workshop.capacity:
            status = "waitlisted"
            result.issues.append((Issue.CAPACITY, str(workshop.capacity)))
        else:
            status = "registered"
            seats_taken += 1
            per_company[cand.company_key] += 1
        result.status = status
        row = matched.get(cand.line)
        if row is None:
            result.action = Action.NEW
            if apply:
                token = new_token(workshop.code)
                fresh = repo.new_registration_row(
                    workshop_id=workshop.id, name=cand.name, company=cand.company,
                    tax_id=cand.tax_id, email=cand.email, phone=cand.phone,
                    token_hash=token_hash(token), token=token, status=status)
                fresh.source_key = cand.source_key
                fresh.updated_at = now
                new_rows.append({c.key: getattr(fresh, c.key)
                                 for c in RegistrationRow.__table__.columns if c.key != "id"})
            continue
        result.registration_id = row.id
        changes = _differences(row, cand, status)
        result.action = Action.UPDATED if changes else Action.UNCHANGED
        if apply and row.source_key != cand.source_key:
            row.source_key = cand.source_key  # matched by person or e-mail: adopt the new key
        if apply and changes:
            # Re-derive the matching keys from the new values; the token stays as issued.
            template = repo.new_registration_row(
                workshop_id=workshop.id, name=cand.name, company=cand.company,
                tax_id=cand.tax_id, email=cand.email, phone=cand.phone,
                token_hash=row.token_hash, token=row.token, status=status)
            for key in ("name", "name_key", "company", "company_key", "company_name_key",
                        "tax_id", "email", "phone", "phone_digits", "status"):
                setattr(row, key, getattr(template, key))
            row.updated_at = now

    claimed = {row.id for row in matched.values()}
    dropped = [r for r in by_key.values() if r.id not in claimed and r.status != "cancelled"]
    cancelled_results = []
    for row in dropped:
        cancelled_results.append(RowResult(
            line=None, name=row.name, company=row.company, action=Action.CANCELLED,
            status="cancelled", registration_id=row.id))
        if apply:
            row.status = "cancelled"
            row.updated_at = now
    if apply and new_rows:
        # Core insert: a 100,000-row export would take minutes through the ORM unit of work.
        session.execute(insert(RegistrationRow), new_rows)
    if apply:
        session.flush()
    return ImportReport(
        workshop_code=workshop.code, file_format=table.file_format, encoding=table.encoding,
        mapping=table.mapping, unmapped=table.unmapped,
        rows=[c.result for c in candidates] + cancelled_results, truncated=table.truncated,
        applied=apply)


def _match_existing(candidates: list[_Candidate], existing: list[RegistrationRow],
                    by_key: dict[str, RegistrationRow]) -> dict[int, RegistrationRow]:
    """Line -> the imported registration each candidate updates.

    The stable key decides first. A candidate whose key is new (no id column and the
    e-mail was corrected, or became shared by colleagues) is then matched to a registration
    no other line claimed, by the same person at the same company, else by the same
    e-mail: the person keeps the token already printed on the notice, instead of being
    cancelled and issued a new one.
    """
    matched: dict[int, RegistrationRow] = {}
    used: set[int] = set()
    rest: list[_Candidate] = []
    for cand in candidates:
        row = by_key.get(cand.source_key)
        if row is not None and row.id not in used:
            matched[cand.line] = row
            used.add(row.id)
        else:
            rest.append(cand)
    if not rest:
        return matched
    keys_in_file = {c.source_key for c in candidates}
    free = [r for r in existing if r.source_key and r.id not in used
            and r.source_key not in keys_in_file]
    by_person: dict[tuple[str, str], list[RegistrationRow]] = {}
    by_email: dict[str, list[RegistrationRow]] = {}
    for r in free:
        by_person.setdefault((r.name_key, r.company_key), []).append(r)
        if r.email:
            by_email.setdefault(r.email.casefold(), []).append(r)
    for cand in rest:
        options = by_person.get((normalise_person(cand.name), cand.company_key), [])
        if not options and cand.email:
            options = by_email.get(cand.email.casefold(), [])
            if len(options) > 1:
                continue  # a shared address says nothing about who this is
        row = next((r for r in options if r.id not in used), None)
        if row is not None:
            matched[cand.line] = row
            used.add(row.id)
    return matched


def _differences(row: RegistrationRow, cand: _Candidate, status: str) -> list[str]:
    pairs = {"name": (row.name, cand.name), "company": (row.company, cand.company),
             "tax_id": (row.tax_id, cand.tax_id), "email": (row.email, cand.email),
             "phone": (row.phone, cand.phone), "status": (row.status, status)}
    return [k for k, (old, new) in pairs.items() if old != new]

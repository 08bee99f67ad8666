"""Repository functions: each takes a Session; the service owns the transaction."""

from __future__ import annotations

import unicodedata
import uuid
from datetime import UTC, date, datetime
from decimal import Decimal

from sqlalchemy import column, func, or_, select
from sqlalchemy import text as sql_text
from sqlalchemy.orm import Session

from checkin.core.model import Arrival, DoorState, Registration
from checkin.core.names import company_key, digits_only, normalise_person, normalise_text
from checkin.core.outcomes import ADMISSIONS, RECORDED_REFUSALS, Declaration, OutcomeCode
from checkin.core.screening import ScreeningProfile
from checkin.db import convert
from checkin.db.models import (
    EventRow,
    FollowupRow,
    OutboxRow,
    RegistrationRow,
    ScreeningProfileRow,
    ScreeningRow,
    Setting,
    WorkshopRow,
)
from checkin.db.models_sync import RowOutboxRow

ADMITTED_CODES = tuple(c.value for c in ADMISSIONS)
DENIAL_CODES = tuple(c.value for c in RECORDED_REFUSALS)


# --- settings ---------------------------------------------------------------------------

def get_setting(session: Session, key: str) -> str | None:
    row = session.get(Setting, key)
    return row.value if row else None


def set_setting(session: Session, key: str, value: str) -> None:
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=value))
    else:
        row.value = value


# --- workshops and registrations ---------------------------------------------------------

def get_workshop(session: Session, workshop_id: int) -> WorkshopRow | None:
    return session.get(WorkshopRow, workshop_id)


# Row ids are SQLite / PostgreSQL 64-bit integers: a larger number names no row (and would
# overflow the driver), so it is answered as "not found", never as a crash.
MAX_ROW_ID = 2**63 - 1


def is_row_id(value: int) -> bool:
    """Whether ``value`` can be a row id at all."""
    return 0 < value <= MAX_ROW_ID


def find_workshop(session: Session, ref: str) -> WorkshopRow | None:
    """A workshop by id ("3") or code ("IDB2203")."""
    ref = ref.strip()
    if ref.isascii() and ref.isdigit() and is_row_id(int(ref)):
        row = session.get(WorkshopRow, int(ref))
        if row is not None:
            return row
    return session.scalar(select(WorkshopRow).where(WorkshopRow.code == ref.upper()))


def list_workshops(session: Session) -> list[WorkshopRow]:
    return list(session.scalars(select(WorkshopRow).order_by(WorkshopRow.day, WorkshopRow.id)))


def registration_by_token_hash(session: Session, digest: str) -> RegistrationRow | None:
    return session.scalar(select(RegistrationRow).where(RegistrationRow.token_hash == digest))


def new_registration_row(workshop_id: int, name: str, company: str, tax_id: str | None,
                         email: str | None, phone: str | None, token_hash: str,
                         token: str | None, status: str = "registered") -> RegistrationRow:
    """A registration row with its matching keys filled in."""
    return RegistrationRow(
        workshop_id=workshop_id, name=name, name_key=normalise_person(name), company=company,
        company_key=company_key(tax_id, company),
        company_name_key=normalise_text(company),
        tax_id=tax_id, email=email, phone=phone,
        phone_digits=digits_only(phone) if phone else None, status=status,
        token_hash=token_hash, token=token, updated_at=datetime.now(UTC))


MAX_SEARCH = 100
# What people put between the digits of a phone number or 統一編號 when they say or type it.
_NUMBER_SEPARATORS = frozenset(" -+().#/")


def number_query(text: str) -> tuple[str, ...]:
    """The digit strings a phone-like text stands for; () when it is not a number.

    Digits are digits: dashes, spaces, brackets and a leading + are ignored, full-width
    digits folded ("0928-775-640", "０９２８ 775640"). A Taiwanese number is looked up in
    both forms, national and international (0928... and +886 928...): rosters hold either.
    """
    folded = unicodedata.normalize("NFKC", text).strip()
    if not folded or not all(ch.isdigit() or ch in _NUMBER_SEPARATORS for ch in folded):
        return ()
    digits = digits_only(folded)
    if not digits:
        return ()
    forms = [digits]
    if digits.startswith("886") and len(digits) > 3:
        forms.append("0" + digits[3:].removeprefix("0"))
    elif digits.startswith("0") and len(digits) > 3:
        forms.append("886" + digits[1:])
    return tuple(dict.fromkeys(forms))


def search_registrations(session: Session, workshop_id: int, text: str,
                         limit: int = 20) -> list[RegistrationRow]:
    """Look-up as you type: name (partial), phone, company or 統一編號.

    Names starting with the text come first. A number (digits with any dashes or spaces)
    is matched as the start or the end of a phone number ("0928", "5640", "0928-775-640")
    and the start of a 統一編號, from the third digit on. On SQLite, three characters or
    more go through the FTS5 trigram index (migration 0005); shorter text first takes name
    prefixes from the name index, then any other match, stopping at ``limit`` rows.
    """
    text = text[:MAX_SEARCH]
    numbers = number_query(text)
    if numbers:
        return _search_number(session, workshop_id, numbers, limit)
    # Control characters (a NUL would end the text inside SQLite) are not search text.
    key = "".join(ch for ch in normalise_text(text) if ch.isprintable())
    if not key:
        return []
    matches = [func.instr(RegistrationRow.name_key, key) > 0,
               func.instr(RegistrationRow.company_name_key, key) > 0]
    base = select(RegistrationRow).where(RegistrationRow.workshop_id == workshop_id)
    if session.get_bind().dialect.name == "sqlite" and len(key) >= 3:
        phrase = '"' + key.replace('"', '""') + '"'
        hits = text_search_ids(phrase)
        rows = list(session.scalars(base.where(RegistrationRow.id.in_(hits), or_(*matches))))
        rows.sort(key=lambda r: (not r.name_key.startswith(key), r.name_key, r.id))
        return rows[:limit]
    prefix = list(session.scalars(
        base.where(RegistrationRow.name_key >= key, RegistrationRow.name_key < key + "\U0010ffff")
        .order_by(RegistrationRow.name_key, RegistrationRow.id).limit(limit)))
    if len(prefix) == limit:
        return prefix
    seen = [r.id for r in prefix]
    others = session.scalars(base.where(or_(*matches), RegistrationRow.id.not_in(seen))
                             .limit(limit - len(prefix)))
    return prefix + sorted(others, key=lambda r: (r.name_key, r.id))


def _search_number(session: Session, workshop_id: int, numbers: tuple[str, ...],
                   limit: int) -> list[RegistrationRow]:
    """Phone numbers by their first or last digits, 統一編號 by their first (3+ digits)."""
    numbers = tuple(n for n in numbers if len(n) >= 3)
    if not numbers:
        return []  # one or two digits would match half the roster
    phone = RegistrationRow.phone_digits
    matches = []
    for digits in numbers:
        matches += [func.substr(phone, 1, len(digits)) == digits,
                    func.substr(phone, -len(digits)) == digits]
        if len(digits) >= 4:
            matches.append(func.substr(RegistrationRow.tax_id, 1, len(digits)) == digits)
    query = select(RegistrationRow).where(RegistrationRow.workshop_id == workshop_id,
                                          or_(*matches))
    if session.get_bind().dialect.name == "sqlite":
        # The trigram index holds the phone digits and tax ids: any number's candidates
        # (digits are quote-free, so the phrases need no escaping).
        query = query.where(RegistrationRow.id.in_(
            text_search_ids(" OR ".join(f'"{digits}"' for digits in numbers))))
    # A few digits can match thousands on a big roster: stop at ``limit`` in the database.
    rows = list(session.scalars(query.limit(limit)))
    return sorted(rows, key=lambda r: (r.name_key, r.id))


def text_search_ids(phrase: str):  # type: ignore[no-untyped-def]
    """Registration ids whose keys contain ``phrase`` (an FTS5 phrase), from the index."""
    return sql_text("SELECT rowid FROM registration_search WHERE registration_search MATCH :p"
                ).bindparams(p=phrase).columns(column("rowid"))


# --- screening profiles ------------------------------------------------------------------

def screening_profiles(session: Session) -> list[ScreeningProfile]:
    return [convert.screening_profile(r) for r in session.scalars(select(ScreeningProfileRow))]


# --- derived attendance ------------------------------------------------------------------

def voided_ids(workshop_id: int):  # type: ignore[no-untyped-def]
    """Ids of the events of a workshop that a void event undid (a select)."""
    return select(EventRow.target_event_id).where(
        EventRow.workshop_id == workshop_id, EventRow.kind == "void",
        EventRow.target_event_id.is_not(None))


def admitted_arrivals(workshop_id: int):  # type: ignore[no-untyped-def]
    """Admitted arrival events of a workshop that were not voided (a select)."""
    return select(EventRow).where(
        EventRow.workshop_id == workshop_id, EventRow.kind == "arrival",
        EventRow.outcome.in_(ADMITTED_CODES), EventRow.id.not_in(voided_ids(workshop_id)))


def door_state(session: Session, registration: Registration) -> DoorState:
    """What the door rules need to know, derived from the events."""
    w = registration.workshop_id
    arrivals = admitted_arrivals(w).subquery()
    admitted_total = session.scalar(
        select(func.count(func.distinct(arrivals.c.registration_id)))) or 0
    same_company = session.scalar(
        select(func.count(func.distinct(arrivals.c.registration_id)))
        .join(RegistrationRow, RegistrationRow.id == arrivals.c.registration_id)
        .where(RegistrationRow.company_key == registration.company_key)) or 0
    first = session.execute(
        select(arrivals.c.wall_time, arrivals.c.desk_name)
        .where(arrivals.c.registration_id == registration.id)
        .order_by(arrivals.c.wall_time, arrivals.c.id).limit(1)).first()
    screening_rows = session.execute(
        select(EventRow.outcome, EventRow.wall_time, ScreeningRow.travel, ScreeningRow.contact,
               ScreeningRow.symptoms)
        .outerjoin(ScreeningRow, ScreeningRow.event_id == EventRow.id).where(
            EventRow.workshop_id == w, EventRow.registration_id == registration.id,
            EventRow.kind == "arrival",
            EventRow.outcome.in_((OutcomeCode.REMEASURE.value, OutcomeCode.DENIED_FEVER.value,
                                  OutcomeCode.DENIED_DECLARATION.value)),
            EventRow.id.not_in(voided_ids(w)))
        .order_by(EventRow.wall_time)).all()
    remeasures = [r.wall_time for r in screening_rows
                  if r.outcome == OutcomeCode.REMEASURE.value]
    declarations = [r for r in screening_rows
                    if r.outcome == OutcomeCode.DENIED_DECLARATION.value]
    declared: list[Declaration] = []
    for r in declarations:  # the screening row is missing for another desk's denial
        declared += [d for d, yes in ((Declaration.TRAVEL, r.travel),
                                      (Declaration.CONTACT, r.contact),
                                      (Declaration.SYMPTOMS, r.symptoms)) if yes]
    return DoorState(
        admitted_total=admitted_total,
        admitted_same_company=same_company,
        first_arrival=Arrival(at=first[0], desk=first[1]) if first else None,
        fever_readings=len(remeasures),
        last_fever_at=remeasures[-1] if remeasures else None,
        denied_fever=any(r.outcome == OutcomeCode.DENIED_FEVER.value for r in screening_rows),
        denied_declaration=bool(declarations),
        declared_reasons=tuple(dict.fromkeys(declared)),
    )


def door_history(session: Session, workshop_id: int, registration_ids: list[int]
                 ) -> dict[int, tuple[EventRow | None, EventRow | None]]:
    """Per registration: its first admitted arrival and its latest recorded refusal.

    Voided events do not count. For the few rows of a search result (one query).
    """
    if not registration_ids:
        return {}
    rows = session.scalars(
        select(EventRow).where(
            EventRow.workshop_id == workshop_id, EventRow.kind == "arrival",
            EventRow.registration_id.in_(registration_ids),
            EventRow.outcome.in_(ADMITTED_CODES + DENIAL_CODES),
            EventRow.id.not_in(voided_ids(workshop_id)))
        .order_by(EventRow.wall_time, EventRow.seq))
    history: dict[int, tuple[EventRow | None, EventRow | None]] = {}
    for event in rows:
        assert event.registration_id is not None
        admitted, refused = history.get(event.registration_id, (None, None))
        if event.outcome in ADMITTED_CODES:
            admitted = admitted or event
        else:
            refused = event
        history[event.registration_id] = (admitted, refused)
    return history


def next_seq(session: Session, desk_id: str) -> int:
    current = session.scalar(select(func.max(EventRow.seq)).where(EventRow.desk_id == desk_id))
    return (current or 0) + 1


def add_event(session: Session, *, workshop_id: int, registration_id: int | None,
              desk_id: str, desk_name: str, at: datetime, kind: str, outcome: str,
              reason: str | None = None, supervisor: str | None = None,
              target_event_id: str | None = None) -> EventRow:
    """Append an immutable event and its outbox row (same transaction as the caller's)."""
    event = EventRow(
        id=str(uuid.uuid4()), workshop_id=workshop_id, registration_id=registration_id,
        desk_id=desk_id, desk_name=desk_name, seq=next_seq(session, desk_id),
        wall_time=at.astimezone(UTC), kind=kind, outcome=outcome, reason=reason,
        supervisor=supervisor, target_event_id=target_event_id)
    session.add(event)
    session.flush()
    session.add(OutboxRow(event_id=event.id, created_at=at.astimezone(UTC)))
    return event


def queue_row(session: Session, kind: str, row_id: str, at: datetime) -> None:
    """Put a row that is not an event (``score``, ``followup_update``) in the outbox.

    Call it in the transaction that writes the row, as :func:`add_event` does for events;
    a sync also queues any row of this desk written without it (sync.day_rows.sweep).
    """
    session.add(RowOutboxRow(kind=kind, row_id=row_id, created_at=at.astimezone(UTC)))


def add_screening(session: Session, event_id: str, temperature: Decimal | None,
                  declared: frozenset[Declaration]) -> None:
    session.add(ScreeningRow(
        event_id=event_id, temperature=float(temperature) if temperature is not None else None,
        travel=Declaration.TRAVEL in declared, contact=Declaration.CONTACT in declared,
        symptoms=Declaration.SYMPTOMS in declared))


def open_followup(session: Session, event_id: str, registration_id: int,
                  at: datetime) -> FollowupRow:
    row = FollowupRow(event_id=event_id, registration_id=registration_id,
                      opened_at=at.astimezone(UTC), status="open")
    session.add(row)
    session.flush()
    return row


def counters(session: Session, workshop_id: int) -> dict[str, int]:
    """Arrived, registered, seats, denied and open follow-ups of a workshop."""
    arrivals = admitted_arrivals(workshop_id).subquery()
    arrived = session.scalar(select(func.count(func.distinct(arrivals.c.registration_id)))) or 0
    registered = session.scalar(select(func.count()).where(
        RegistrationRow.workshop_id == workshop_id,
        RegistrationRow.status == "registered")) or 0
    denied = session.scalar(select(func.count(func.distinct(EventRow.registration_id))).where(
        EventRow.workshop_id == workshop_id, EventRow.kind == "arrival",
        EventRow.outcome.in_(DENIAL_CODES),
        EventRow.id.not_in(voided_ids(workshop_id)))) or 0
    followups = session.scalar(
        select(func.count()).select_from(FollowupRow)
        .join(EventRow, EventRow.id == FollowupRow.event_id)
        .where(EventRow.workshop_id == workshop_id, FollowupRow.status == "open")) or 0
    workshop = session.get(WorkshopRow, workshop_id)
    return {"arrived": arrived, "registered": registered,
            "seats": workshop.capacity if workshop else 0, "denied": denied,
            "followups": followups}


def recent_arrivals(session: Session, workshop_id: int, limit: int = 20
                    ) -> list[tuple[EventRow, RegistrationRow]]:
    arrivals = admitted_arrivals(workshop_id).subquery()
    query = (select(EventRow, RegistrationRow)
             .join(arrivals, arrivals.c.id == EventRow.id)
             .join(RegistrationRow, RegistrationRow.id == EventRow.registration_id)
             .order_by(EventRow.wall_time.desc(), EventRow.seq.desc()).limit(limit))
    return [(e, r) for e, r in session.execute(query)]


def events_for_workshop(session: Session, workshop_id: int) -> list[EventRow]:
    return list(session.scalars(select(EventRow).where(EventRow.workshop_id == workshop_id)
                                .order_by(EventRow.wall_time, EventRow.desk_id, EventRow.seq)))


def workshop_days(session: Session) -> list[date]:
    return list(session.scalars(select(WorkshopRow.day).distinct()))




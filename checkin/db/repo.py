"""Repository functions: each takes a Session; the service owns the transaction."""

from __future__ import annotations

import unicodedata
import uuid
from datetime import UTC, date, datetime
from decimal import Decimal

from sqlalchemy import Boolean, Integer, String, Table, bindparam, column, func, or_, select
from sqlalchemy import text as sql_text
from sqlalchemy.orm import Session

from checkin.core.attendance import TURNED_AWAY, DoorEvent, presence
from checkin.core.model import Arrival, DoorState, Registration, Workshop
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
from checkin.db.types import UtcDateTime

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


_WORKSHOP_BY_ID = select(*(WorkshopRow.__table__.c[c] for c in convert.WORKSHOP_COLUMNS)).where(
    WorkshopRow.__table__.c.id == bindparam("id"))
_WORKSHOPS_SEEN: dict[tuple[object, ...], Workshop] = {}


def workshop_by_id(session: Session, workshop_id: int) -> Workshop | None:
    """The workshop as stored now, read in ``session`` (one row, no ORM object).

    Read on every scan, so that a cancellation brought by a sync is seen at once; only the
    conversion of an unchanged row is remembered.
    """
    if not is_row_id(workshop_id):
        return None
    row = session.connection().execute(_WORKSHOP_BY_ID, {"id": workshop_id}).first()
    if row is None:
        return None
    key = tuple(row)
    found = _WORKSHOPS_SEEN.get(key)
    if found is None:
        if len(_WORKSHOPS_SEEN) > 256:
            _WORKSHOPS_SEEN.clear()
        found = _WORKSHOPS_SEEN[key] = convert.workshop_from(row._mapping)
    return found


def list_workshops(session: Session) -> list[WorkshopRow]:
    return list(session.scalars(select(WorkshopRow).order_by(WorkshopRow.day, WorkshopRow.id)))


def registration_by_token_hash(session: Session, digest: str) -> RegistrationRow | None:
    return session.scalar(select(RegistrationRow).where(RegistrationRow.token_hash == digest))


_REG = RegistrationRow.__table__.c
_REGISTRATION = select(_REG.id, _REG.workshop_id, _REG.name, _REG.company, _REG.tax_id,
                       _REG.status, _REG.phone, _REG.email)
_REGISTRATION_BY_TOKEN_HASH = _REGISTRATION.where(_REG.token_hash == bindparam("h"))
_REGISTRATION_BY_ID = _REGISTRATION.where(_REG.id == bindparam("id"))


def registration_by_hash(session: Session, digest: str) -> Registration | None:
    """The registration whose token has this hash, as a record (no ORM object): the scan."""
    row = session.connection().execute(_REGISTRATION_BY_TOKEN_HASH, {"h": digest}).first()
    return convert.registration_from(row._mapping) if row is not None else None


def registration_by_id(session: Session, registration_id: int) -> Registration | None:
    """A registration by its id, as a record (no ORM object): chosen in the search."""
    if not is_row_id(registration_id):
        return None
    row = session.connection().execute(_REGISTRATION_BY_ID, {"id": registration_id}).first()
    return convert.registration_from(row._mapping) if row is not None else None


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

_PROFILE_COLUMNS = ("valid_from", "valid_until", "enabled", "threshold", "plausible_min",
                    "plausible_max", "rest_minutes", "questions", "second_reading")
_PROFILES = select(*(ScreeningProfileRow.__table__.c[c] for c in _PROFILE_COLUMNS)).order_by(
    ScreeningProfileRow.__table__.c.id)
_PROFILES_SEEN: dict[tuple[object, ...], list[ScreeningProfile]] = {}


def screening_profiles(session: Session) -> list[ScreeningProfile]:
    """Every screening profile as stored now.

    Read each time (a sync may bring new rules); only the conversion of unchanged rows is
    remembered.
    """
    rows = tuple(tuple(r) for r in session.connection().execute(_PROFILES))
    found = _PROFILES_SEEN.get(rows)
    if found is None:
        if len(_PROFILES_SEEN) > 64:
            _PROFILES_SEEN.clear()
        found = _PROFILES_SEEN[rows] = [
            convert.screening_profile_from(dict(zip(_PROFILE_COLUMNS, r, strict=True)))
            for r in rows]
    return list(found)


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


# The events a person's day is derived from (core/attendance.py).
DAY_CODES = (*ADMITTED_CODES, OutcomeCode.RETURNED.value, OutcomeCode.LEFT.value,
             *(c.value for c in TURNED_AWAY))


def door_events(session: Session, workshop_id: int, registration_id: int | None = None
                ) -> dict[int, list[DoorEvent]]:
    """Per registration, its arrivals, returns, departures and health denials, not voided."""
    query = select(EventRow.registration_id, EventRow.kind, EventRow.outcome,
                   EventRow.wall_time).where(
        EventRow.workshop_id == workshop_id, EventRow.kind.in_(("arrival", "departure")),
        EventRow.outcome.in_(DAY_CODES), EventRow.registration_id.is_not(None),
        EventRow.id.not_in(voided_ids(workshop_id)))
    if registration_id is not None:
        query = query.where(EventRow.registration_id == registration_id)
    found: dict[int, list[DoorEvent]] = {}
    for reg_id, kind, outcome, at in session.execute(
            query.order_by(EventRow.wall_time, EventRow.seq)):
        if reg_id is not None:
            found.setdefault(reg_id, []).append(DoorEvent(kind, outcome, at))
    return found


# The door state in two statements built once: a check-in runs them on every scan, and
# building the four ORM queries (their subquery's columns, their cache keys) cost more than
# running them. Plain SQL for both dialects; the results are typed by ``.columns``.
_ADMITTED_SQL = ", ".join(f"'{c}'" for c in ADMITTED_CODES)
_SCREENED_SQL = ", ".join(f"'{c.value}'" for c in (
    OutcomeCode.REMEASURE, OutcomeCode.DENIED_FEVER, OutcomeCode.DENIED_DECLARATION))
_VOIDED_SQL = ("SELECT target_event_id FROM events WHERE workshop_id = :w AND kind = 'void'"
               " AND target_event_id IS NOT NULL")
_DOOR_COUNTS = sql_text(f"""
    WITH arrivals AS (
      SELECT id, registration_id, wall_time, desk_name FROM events
       WHERE workshop_id = :w AND kind = 'arrival' AND outcome IN ({_ADMITTED_SQL})
         AND id NOT IN ({_VOIDED_SQL}))
    SELECT (SELECT count(DISTINCT registration_id) FROM arrivals) AS admitted_total,
           (SELECT count(DISTINCT a.registration_id) FROM arrivals a
              JOIN registrations r ON r.id = a.registration_id
             WHERE r.company_key = :ck) AS same_company,
           f.wall_time, f.desk_name
      FROM (SELECT 1 AS one) AS o
      LEFT JOIN (SELECT wall_time, desk_name FROM arrivals WHERE registration_id = :r
                  ORDER BY wall_time, id LIMIT 1) AS f ON 1 = 1
""").columns(column("admitted_total", Integer), column("same_company", Integer),
             column("wall_time", UtcDateTime), column("desk_name", String))
_DOOR_SCREENINGS = sql_text(f"""
    SELECT e.outcome, e.wall_time, s.travel, s.contact, s.symptoms
      FROM events e LEFT JOIN screenings s ON s.event_id = e.id
     WHERE e.workshop_id = :w AND e.registration_id = :r AND e.kind = 'arrival'
       AND e.outcome IN ({_SCREENED_SQL}) AND e.id NOT IN ({_VOIDED_SQL})
     ORDER BY e.wall_time
""").columns(column("outcome", String), column("wall_time", UtcDateTime),
             column("travel", Boolean), column("contact", Boolean), column("symptoms", Boolean))


def door_state(session: Session, registration: Registration,
               workshop: Workshop | None = None) -> DoorState:
    """What the door rules need to know, derived from the events.

    ``workshop`` (the registration's) adds whether the person is out after a departure.
    """
    conn = session.connection()
    w = registration.workshop_id
    ids = {"w": w, "r": registration.id}
    counts = conn.execute(_DOOR_COUNTS, {**ids, "ck": registration.company_key}).one()
    screening_rows = conn.execute(_DOOR_SCREENINGS, ids).all()
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
        admitted_total=counts.admitted_total or 0,
        admitted_same_company=counts.same_company or 0,
        first_arrival=Arrival(at=counts.wall_time, desk=counts.desk_name)
        if counts.wall_time is not None else None,
        fever_readings=len(remeasures),
        last_fever_at=remeasures[-1] if remeasures else None,
        denied_fever=any(r.outcome == OutcomeCode.DENIED_FEVER.value for r in screening_rows),
        denied_declaration=bool(declarations),
        declared_reasons=tuple(dict.fromkeys(declared)),
        left_at=presence(workshop, door_events(session, w, registration.id).get(
            registration.id, ())).left_at
        if workshop is not None and counts.wall_time is not None else None,
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


# A scan's rows written as three prepared statements, not ORM objects and a flush: the
# event takes the desk's next number in the same statement.
_EVENTS: Table = EventRow.__table__  # type: ignore[assignment]
_OUTBOX: Table = OutboxRow.__table__  # type: ignore[assignment]
_SCREENINGS: Table = ScreeningRow.__table__  # type: ignore[assignment]
_INSERT_EVENT = _EVENTS.insert().values(
    id=bindparam("id"), workshop_id=bindparam("workshop_id"),
    registration_id=bindparam("registration_id"), desk_id=bindparam("desk_id"),
    desk_name=bindparam("desk_name"),
    seq=select(func.coalesce(func.max(_EVENTS.c.seq), 0) + 1)
    .where(_EVENTS.c.desk_id == bindparam("desk_id")).scalar_subquery(),
    wall_time=bindparam("wall_time"), kind=bindparam("kind"), outcome=bindparam("outcome"),
    reason=bindparam("reason"), supervisor=bindparam("supervisor"),
    target_event_id=bindparam("target_event_id"))
_INSERT_OUTBOX = _OUTBOX.insert().values(
    event_id=bindparam("event_id"), created_at=bindparam("created_at"), attempts=0)
_INSERT_SCREENING = _SCREENINGS.insert()


def append_event(session: Session, *, workshop_id: int, registration_id: int | None,
                 desk_id: str, desk_name: str, at: datetime, kind: str, outcome: str,
                 reason: str | None = None, supervisor: str | None = None,
                 target_event_id: str | None = None) -> str:
    """:func:`add_event` without building ORM objects: the new event's id (same transaction)."""
    conn = session.connection()
    event_id = str(uuid.uuid4())
    utc = at.astimezone(UTC)
    conn.execute(_INSERT_EVENT, {
        "id": event_id, "workshop_id": workshop_id, "registration_id": registration_id,
        "desk_id": desk_id, "desk_name": desk_name, "wall_time": utc, "kind": kind,
        "outcome": outcome, "reason": reason, "supervisor": supervisor,
        "target_event_id": target_event_id})
    conn.execute(_INSERT_OUTBOX, {"event_id": event_id, "created_at": utc})
    return event_id


def queue_row(session: Session, kind: str, row_id: str, at: datetime) -> None:
    """Put a row that is not an event (``score``, ``followup_update``) in the outbox.

    Call it in the transaction that writes the row, as :func:`add_event` does for events;
    a sync also queues any row of this desk written without it (sync.day_rows.sweep).
    """
    session.add(RowOutboxRow(kind=kind, row_id=row_id, created_at=at.astimezone(UTC)))


def add_screening(session: Session, event_id: str, temperature: Decimal | None,
                  declared: frozenset[Declaration]) -> None:
    session.connection().execute(_INSERT_SCREENING, {
        "event_id": event_id,
        "temperature": float(temperature) if temperature is not None else None,
        "travel": Declaration.TRAVEL in declared, "contact": Declaration.CONTACT in declared,
        "symptoms": Declaration.SYMPTOMS in declared})


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




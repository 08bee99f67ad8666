"""The central database: schema, desk logins with least privilege, revocation.

The schema comes from the same Alembic migrations as the desk's file. On PostgreSQL,
``init_central`` then installs what only the server needs: a change log trigger on the
roster, a group role for desks, grants and row-level security policies. A desk logs in as
its own role, a member of that group, so that it can

- read the workshops it serves, their registrations (without the token), their events and
  the screening profiles;
- insert events in its own name for those workshops (arrivals, departures, overrides,
  voids: the kind is not restricted), and their screenings and follow-ups;
- insert quiz scores in its own name for those workshops' registrations, and read the
  scores of those workshops (another desk of the workshop entered them);
- insert changes of the follow-ups of those workshops (health data: never read back);
- read the privacy notice the office set (a SECURITY DEFINER function, not the settings);

and nothing else: no UPDATE or DELETE anywhere, no health data read back, no other
workshops, no certificates (the office issues them from this database after every desk
has synced). The office is the login that ran ``central init`` (the owner): it reads
everything, health data included, and purges it. The policies look a desk up through
SECURITY DEFINER functions, so the desk never reads the registry itself (which holds the
keys sealing export files).
"""

from __future__ import annotations

import hashlib
import re
import secrets
import unicodedata
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, Engine, delete, func, select, text
from sqlalchemy.engine import URL

from checkin.db import repo
from checkin.db.engine import open_database, session_maker
from checkin.db.models import EventRow, WorkshopRow
from checkin.db.models_sync import SyncDeskRow, SyncDeskWorkshopRow
from checkin.notices import privacy
from checkin.sync.errors import SyncError
from checkin.sync.fingerprint import FOLLOWUP_UPDATE_LINE_SQL, SCREENING_LINE_SQL
from checkin.sync.link import DeskLink

ROLE_PREFIX_SETTING = "sync.role_prefix"
# Settings the desks may read (through checkin_privacy_notice()): the privacy notice texts.
PRIVACY_KEYS = privacy.KEYS
DEFAULT_ROLE_PREFIX = "checkin_"
# Writers of the roster hold this advisory lock shared; a pull takes it exclusively, so the
# change log it reads has no gaps left by transactions still in flight.
ROSTER_LOCK = 7263001

# Columns a desk may read from registrations: everything but the token itself.
DESK_REGISTRATION_COLUMNS = (
    "id", "workshop_id", "name", "name_key", "company", "company_key", "company_name_key",
    "tax_id", "email", "phone", "phone_digits", "status", "token_hash", "updated_at")
DESK_EVENT_COLUMNS = (
    "id", "workshop_id", "registration_id", "desk_id", "desk_name", "seq", "wall_time",
    "kind", "outcome", "reason", "supervisor", "target_event_id")


class CentralError(SyncError):
    code = "CENTRAL_ERROR"


class NotPostgres(CentralError):
    code = "CENTRAL_NOT_POSTGRES"


class DeskExists(CentralError):
    code = "DESK_EXISTS"


class UnknownDesk(CentralError):
    code = "UNKNOWN_DESK"


class UnknownWorkshop(CentralError):
    code = "UNKNOWN_WORKSHOP"


@dataclass(frozen=True)
class DeskInfo:
    name: str
    desk_id: str
    role: str
    workshops: tuple[int, ...]
    revoked: bool


def _is_postgres(engine: Engine | Connection) -> bool:
    return engine.dialect.name == "postgresql"


def _ident(name: str) -> str:
    """Quote an identifier we built ourselves (letters, digits, underscore only)."""
    if not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", name):
        raise CentralError(f"unsafe identifier: {name!r}")
    return f'"{name}"'


def role_prefix(conn: Connection) -> str:
    value = conn.execute(text("SELECT value FROM settings WHERE key = :k"),
                         {"k": ROLE_PREFIX_SETTING}).scalar()
    return str(value) if value else DEFAULT_ROLE_PREFIX


def group_role(prefix: str) -> str:
    return f"{prefix}desk"


def desk_role(prefix: str, name: str) -> str:
    """The login of a desk: a readable ASCII part and a hash of the whole name.

    The readable part alone collides (台中-1 and 台北-1 both read "1"); the hash of the
    exact name does not, so any Unicode name gets a login of its own.
    """
    readable = unicodedata.normalize("NFKC", name).lower()
    slug = re.sub(r"[^a-z0-9]+", "_", readable).strip("_")
    mark = hashlib.sha256(name.encode("utf-8")).hexdigest()[:12]
    room = 63 - len(prefix) - len("desk__") - len(mark)
    slug = slug[:max(room, 0)].rstrip("_")
    return f"{prefix}desk_{slug}_{mark}" if slug else f"{prefix}desk_{mark}"


def new_role_prefix() -> str:
    """A prefix of its own for a new central database: roles are shared by the whole server."""
    return f"{DEFAULT_ROLE_PREFIX}{secrets.token_hex(3)}_"


def _group_used_elsewhere(conn: Connection, group: str) -> str | None:
    """The name of another database where this group role holds grants, if any."""
    name = conn.execute(text(
        "SELECT db.datname FROM pg_shdepend d JOIN pg_roles r ON r.oid = d.refobjid"
        " JOIN pg_database db ON db.oid = d.dbid WHERE r.rolname = :g"
        " AND db.datname <> current_database() LIMIT 1"), {"g": group}).scalar()
    return str(name) if name is not None else None


def _security_sql(schema: str, group: str) -> list[str]:
    g = _ident(group)
    s = _ident(schema)
    path = f"SET search_path = {s}, pg_temp"
    desk_workshops = "(SELECT checkin_desk_workshops())"
    # Health rows only for the desk's own events: one primary-key probe per row (an IN over
    # all of the desk's events here would make a 10,000-event push quadratic).
    # "(SELECT f())" is an init plan: evaluated once per statement, not per row.
    this_desk = "(SELECT checkin_desk_id())"
    privacy_keys = ", ".join(f"'{k}'" for k in PRIVACY_KEYS)
    own_event = ("EXISTS (SELECT 1 FROM events e WHERE e.id = event_id"
                 f" AND e.desk_id = {this_desk})")
    # A follow-up belongs to the person of the event it follows.
    own_followup = ("EXISTS (SELECT 1 FROM events e WHERE e.id = event_id"
                    f" AND e.desk_id = {this_desk}"
                    " AND e.registration_id = followups.registration_id)")
    # The desk is the role in effect (current_user): its own login online, or the office
    # taking that desk's sealed file in with SET ROLE, so both paths have the same rights.
    # The SECURITY DEFINER look-ups answer only for a role the login (session_user) may act
    # as, so a desk cannot ask about another desk; a revoked desk's own login gets nothing,
    # while the office may still take in that desk's last file.
    desk_row = ("FROM sync_desks d JOIN pg_roles r ON r.rolname = d.role_name"
                " WHERE d.role_name = role_name_"
                " AND pg_has_role(session_user, r.oid, 'MEMBER')"
                " AND (d.revoked_at IS NULL OR session_user::text <> d.role_name)")
    statements = [
        "DROP FUNCTION IF EXISTS checkin_desk_id(text) CASCADE",
        "DROP FUNCTION IF EXISTS checkin_desk_workshops(text) CASCADE",
        # Version 1 of these took no argument and read session_user; replaced below.
        "DROP FUNCTION IF EXISTS checkin_desk_id() CASCADE",
        "DROP FUNCTION IF EXISTS checkin_desk_workshops() CASCADE",
        f"""CREATE OR REPLACE FUNCTION checkin_desk_of(role_name_ text) RETURNS text
            LANGUAGE sql STABLE SECURITY DEFINER {path} AS $$
            SELECT d.desk_id {desk_row} $$""",
        f"""CREATE OR REPLACE FUNCTION checkin_desk_name_of(role_name_ text) RETURNS text
            LANGUAGE sql STABLE SECURITY DEFINER {path} AS $$
            SELECT d.name {desk_row} $$""",
        f"""CREATE OR REPLACE FUNCTION checkin_desk_workshops_of(role_name_ text)
            RETURNS SETOF integer LANGUAGE sql STABLE SECURITY DEFINER {path} AS $$
            SELECT w.workshop_id FROM sync_desk_workshops w
              JOIN sync_desks d ON d.name = w.desk_name
              JOIN pg_roles r ON r.rolname = d.role_name
             WHERE d.role_name = role_name_
               AND pg_has_role(session_user, r.oid, 'MEMBER')
               AND (d.revoked_at IS NULL OR session_user::text <> d.role_name) $$""",
        # Invoker wrappers: current_user here is the caller's role in effect.
        f"""CREATE OR REPLACE FUNCTION checkin_desk_id() RETURNS text
            LANGUAGE sql STABLE {path} AS $$ SELECT checkin_desk_of(current_user::text) $$""",
        f"""CREATE OR REPLACE FUNCTION checkin_desk_name() RETURNS text
            LANGUAGE sql STABLE {path} AS $$
            SELECT checkin_desk_name_of(current_user::text) $$""",
        f"""CREATE OR REPLACE FUNCTION checkin_desk_workshops() RETURNS SETOF integer
            LANGUAGE sql STABLE {path} AS $$
            SELECT checkin_desk_workshops_of(current_user::text) $$""",
        # Digests of the desk's own screenings, never the readings: verification compares
        # what went up without the desk reading health data back. Only the events the desk
        # names: a replaced laptop holds its events again but not their health data.
        f"""CREATE OR REPLACE FUNCTION checkin_own_screenings_of(role_name_ text, ids text[])
            RETURNS TABLE (workshop_id integer, n bigint, digest text)
            LANGUAGE sql STABLE SECURITY DEFINER {path} AS $$
            SELECT e.workshop_id, count(*), encode(sha256(convert_to(string_agg(
                     {SCREENING_LINE_SQL}, E'\\n' ORDER BY s.event_id COLLATE "C"), 'UTF8')),
                     'hex')
              FROM unnest(ids) AS wanted(id)
              JOIN screenings s ON s.event_id = wanted.id
              JOIN events e ON e.id = s.event_id
             WHERE e.desk_id = checkin_desk_of(role_name_)
             GROUP BY e.workshop_id $$""",
        f"""CREATE OR REPLACE FUNCTION checkin_own_screenings(ids text[])
            RETURNS TABLE (workshop_id integer, n bigint, digest text)
            LANGUAGE sql STABLE {path} AS $$
            SELECT * FROM checkin_own_screenings_of(current_user::text, ids) $$""",
        f"""CREATE OR REPLACE FUNCTION checkin_log_registration() RETURNS trigger
            LANGUAGE plpgsql {path} AS $$
            BEGIN
              PERFORM pg_advisory_xact_lock_shared({ROSTER_LOCK});
              IF TG_OP <> 'INSERT' THEN
                INSERT INTO sync_changes (workshop_id, registration_id, op, at)
                VALUES (OLD.workshop_id, OLD.id, left(TG_OP, 1), now());
              END IF;
              IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE'
                                      AND NEW.workshop_id IS DISTINCT FROM OLD.workshop_id) THEN
                INSERT INTO sync_changes (workshop_id, registration_id, op, at)
                VALUES (NEW.workshop_id, NEW.id, left(TG_OP, 1), now());
              END IF;
              RETURN NULL;
            END $$""",
        # An event names a registration of its own workshop, or none: a registration of
        # another workshop is a row no desk of this workshop can store (it has not got that
        # person). Checked once per statement over the rows it inserted, for every writer:
        # as a row policy, the look-up per row doubled the time of a 10,000-event push.
        f"""CREATE OR REPLACE FUNCTION checkin_check_event_registrations() RETURNS trigger
            LANGUAGE plpgsql SECURITY DEFINER {path} AS $$
            DECLARE bad text;
            BEGIN
              SELECT n.id INTO bad FROM checkin_new_events n
               WHERE n.registration_id IS NOT NULL AND NOT EXISTS (
                     SELECT 1 FROM registrations r
                      WHERE r.id = n.registration_id AND r.workshop_id = n.workshop_id)
               LIMIT 1;
              IF bad IS NOT NULL THEN
                RAISE EXCEPTION 'event % names a registration of another workshop', bad
                      USING ERRCODE = 'insufficient_privilege';
              END IF;
              RETURN NULL;
            END $$""",
        # The same for scores: a score names a registration of its own workshop.
        f"""CREATE OR REPLACE FUNCTION checkin_check_score_registrations() RETURNS trigger
            LANGUAGE plpgsql SECURITY DEFINER {path} AS $$
            DECLARE bad text;
            BEGIN
              SELECT n.id INTO bad FROM checkin_new_scores n
               WHERE NOT EXISTS (
                     SELECT 1 FROM registrations r
                      WHERE r.id = n.registration_id AND r.workshop_id = n.workshop_id)
               LIMIT 1;
              IF bad IS NOT NULL THEN
                RAISE EXCEPTION 'score % names a registration of another workshop', bad
                      USING ERRCODE = 'insufficient_privilege';
              END IF;
              RETURN NULL;
            END $$""",
        "DROP TRIGGER IF EXISTS checkin_score_registrations ON scores",
        """CREATE TRIGGER checkin_score_registrations AFTER INSERT ON scores
            REFERENCING NEW TABLE AS checkin_new_scores
            FOR EACH STATEMENT EXECUTE FUNCTION checkin_check_score_registrations()""",
        "REVOKE ALL ON FUNCTION checkin_check_score_registrations() FROM PUBLIC",
        # A follow-up change names the opening event of a follow-up of one of the desk's
        # workshops. The desk cannot read follow-ups (health data), so a definer answers
        # yes or no, and only about the desk's own workshops.
        f"""CREATE OR REPLACE FUNCTION checkin_followup_of_desk_of(role_name_ text,
                                                                 event_id_ text)
            RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER {path} AS $$
            SELECT EXISTS (SELECT 1 FROM followups f JOIN events e ON e.id = f.event_id
                            WHERE f.event_id = event_id_
                              AND e.workshop_id IN (
                                  SELECT checkin_desk_workshops_of(role_name_))) $$""",
        f"""CREATE OR REPLACE FUNCTION checkin_followup_of_desk(event_id_ text)
            RETURNS boolean LANGUAGE sql STABLE {path} AS $$
            SELECT checkin_followup_of_desk_of(current_user::text, event_id_) $$""",
        # Which of these follow-up changes the server holds as this desk's, and their
        # digest per workshop: confirmation and verification without reading them back.
        f"""CREATE OR REPLACE FUNCTION checkin_held_followup_updates_of(role_name_ text,
                                                                      ids text[])
            RETURNS SETOF text LANGUAGE sql STABLE SECURITY DEFINER {path} AS $$
            SELECT u.id::text FROM unnest(ids) AS wanted(id)
              JOIN followup_updates u ON u.id = wanted.id
             WHERE u.desk_id = checkin_desk_of(role_name_) $$""",
        f"""CREATE OR REPLACE FUNCTION checkin_held_followup_updates(ids text[])
            RETURNS SETOF text LANGUAGE sql STABLE {path} AS $$
            SELECT checkin_held_followup_updates_of(current_user::text, ids) $$""",
        f"""CREATE OR REPLACE FUNCTION checkin_own_followup_updates_of(role_name_ text,
                                                                     ids text[])
            RETURNS TABLE (workshop_id integer, n bigint, digest text)
            LANGUAGE sql STABLE SECURITY DEFINER {path} AS $$
            SELECT e.workshop_id, count(*), encode(sha256(convert_to(string_agg(
                     {FOLLOWUP_UPDATE_LINE_SQL}, E'\\n' ORDER BY u.id COLLATE "C"), 'UTF8')),
                     'hex')
              FROM unnest(ids) AS wanted(id)
              JOIN followup_updates u ON u.id = wanted.id
              JOIN events e ON e.id = u.event_id
             WHERE u.desk_id = checkin_desk_of(role_name_)
             GROUP BY e.workshop_id $$""",
        f"""CREATE OR REPLACE FUNCTION checkin_own_followup_updates(ids text[])
            RETURNS TABLE (workshop_id integer, n bigint, digest text)
            LANGUAGE sql STABLE {path} AS $$
            SELECT * FROM checkin_own_followup_updates_of(current_user::text, ids) $$""",
        # The privacy notice the office set, for the desks to show: not the settings table.
        f"""CREATE OR REPLACE FUNCTION checkin_privacy_notice()
            RETURNS TABLE (key text, value text)
            LANGUAGE sql STABLE SECURITY DEFINER {path} AS $$
            SELECT s.key::text, s.value FROM settings s
             WHERE s.key IN ({privacy_keys}) $$""",
        "DROP TRIGGER IF EXISTS checkin_event_registrations ON events",
        """CREATE TRIGGER checkin_event_registrations AFTER INSERT ON events
            REFERENCING NEW TABLE AS checkin_new_events
            FOR EACH STATEMENT EXECUTE FUNCTION checkin_check_event_registrations()""",
        "REVOKE ALL ON FUNCTION checkin_check_event_registrations() FROM PUBLIC",
        # A desk tells the office it synced and what it still holds: its own row only
        # (session_user is its login); it still cannot read or change the registry.
        f"""CREATE OR REPLACE FUNCTION checkin_desk_seen(held integer) RETURNS void
            LANGUAGE sql SECURITY DEFINER {path} AS $$
            UPDATE sync_desks SET last_sync_at = now(), held_events = greatest(held, 0)
             WHERE role_name = session_user::text AND revoked_at IS NULL $$""",
        "DROP TRIGGER IF EXISTS checkin_registration_changes ON registrations",
        """CREATE TRIGGER checkin_registration_changes
            AFTER INSERT OR UPDATE OR DELETE ON registrations
            FOR EACH ROW EXECUTE FUNCTION checkin_log_registration()""",
    ]
    for fn in ("checkin_desk_of(text)", "checkin_desk_name_of(text)",
               "checkin_desk_workshops_of(text)", "checkin_desk_id()", "checkin_desk_name()",
               "checkin_desk_workshops()", "checkin_own_screenings_of(text, text[])",
               "checkin_own_screenings(text[])", "checkin_followup_of_desk_of(text, text)",
               "checkin_followup_of_desk(text)", "checkin_held_followup_updates_of(text, text[])",
               "checkin_held_followup_updates(text[])",
               "checkin_own_followup_updates_of(text, text[])",
               "checkin_own_followup_updates(text[])", "checkin_privacy_notice()",
               "checkin_desk_seen(integer)"):
        statements.append(f"REVOKE ALL ON FUNCTION {fn} FROM PUBLIC")
        statements.append(f"GRANT EXECUTE ON FUNCTION {fn} TO {g}")
    statements += [
        f"GRANT USAGE ON SCHEMA {s} TO {g}",
        f"GRANT SELECT ON workshops, screening_profiles, sync_changes TO {g}",
        f"GRANT SELECT ({', '.join(DESK_REGISTRATION_COLUMNS)}) ON registrations TO {g}",
        f"GRANT SELECT, INSERT ON events TO {g}",
        f"GRANT INSERT ON screenings TO {g}",
        f"GRANT INSERT (event_id, registration_id, opened_at, status, result, closed_at)"
        f" ON followups TO {g}",
        f"GRANT USAGE ON SEQUENCE followups_id_seq TO {g}",
        # Scores: entered at a desk, read by every desk of the workshop; never changed (a
        # correction is a new row). Follow-up changes: written, never read back.
        f"GRANT SELECT, INSERT ON scores TO {g}",
        f"GRANT INSERT ON followup_updates TO {g}",
        # Certificates are issued by the office from this database: nothing for desks.
        f"REVOKE ALL ON certificates FROM {g}",
        "ALTER TABLE certificates ENABLE ROW LEVEL SECURITY",
    ]
    policies = {
        "workshops": [("SELECT", f"USING (id IN {desk_workshops})")],
        "registrations": [("SELECT", f"USING (workshop_id IN {desk_workshops})")],
        "sync_changes": [("SELECT", f"USING (workshop_id IN {desk_workshops})")],
        "events": [
            ("SELECT", f"USING (workshop_id IN {desk_workshops})"),
            ("INSERT", f"WITH CHECK (desk_id = {this_desk}"
                       " AND desk_name = (SELECT checkin_desk_name())"
                       f" AND workshop_id IN {desk_workshops})"),
        ],
        "screenings": [("INSERT", f"WITH CHECK ({own_event})")],
        "followups": [("INSERT", f"WITH CHECK ({own_followup})")],
        "scores": [
            ("SELECT", f"USING (workshop_id IN {desk_workshops})"),
            ("INSERT", f"WITH CHECK (desk_id = {this_desk}"
                       f" AND workshop_id IN {desk_workshops})"),
        ],
        "followup_updates": [("INSERT", f"WITH CHECK (desk_id = {this_desk}"
                                        " AND checkin_followup_of_desk(event_id))")],
    }
    for table, rules in policies.items():
        statements.append(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        for command, clause in rules:
            name = _ident(f"{group}_{command.lower()}")
            statements.append(f"DROP POLICY IF EXISTS {name} ON {table}")
            statements.append(f"CREATE POLICY {name} ON {table} FOR {command} TO {g} {clause}")
    # screening_profiles are not personal: all desks read all of them.
    statements.append("ALTER TABLE screening_profiles ENABLE ROW LEVEL SECURITY")
    name = _ident(f"{group}_select")
    statements.append(f"DROP POLICY IF EXISTS {name} ON screening_profiles")
    statements.append(f"CREATE POLICY {name} ON screening_profiles FOR SELECT TO {g} USING (true)")
    return statements


def init_central(url: str, prefix: str | None = None) -> Engine:
    """Create or migrate the central schema and install roles, grants and policies.

    Idempotent: run it again after an upgrade. ``prefix`` names the database roles; by
    default a new database gets ``checkin_`` and a random part of its own, since roles are
    shared by every database of the server. It is remembered in the central settings.
    """
    engine = open_database(url)
    if not _is_postgres(engine):
        return engine  # a SQLite "central" (single laptop) has no logins to set up
    with engine.begin() as conn:
        stored = conn.execute(text("SELECT value FROM settings WHERE key = :k"),
                              {"k": ROLE_PREFIX_SETTING}).scalar()
        if prefix is None:
            prefix = str(stored) if stored else new_role_prefix()
        if not re.fullmatch(r"[a-z][a-z0-9_]{0,30}", prefix):
            raise CentralError(f"invalid role prefix: {prefix!r}")
        group = group_role(prefix)
        if stored != prefix:
            # Roles are cluster-wide: two central databases sharing a prefix would share
            # desk logins, and provisioning a desk in one would re-key it in the other.
            other = _group_used_elsewhere(conn, group)
            if other is not None:
                raise CentralError(f"role prefix {prefix!r} is in use by database {other!r}; "
                                   "choose another --role-prefix")
        session = session_maker(engine)(bind=conn)
        repo.set_setting(session, ROLE_PREFIX_SETTING, prefix)
        session.flush()
        exists = conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"),
                              {"r": group}).scalar()
        if not exists:
            conn.execute(text(f"CREATE ROLE {_ident(group)} NOLOGIN"))
        schema = conn.execute(text("SELECT current_schema()")).scalar_one()
        for statement in _security_sql(str(schema), group):
            conn.execute(text(statement))
    return engine


def add_desk(engine: Engine, name: str, workshops: Iterable[int],
             desk_id: str | None = None, *, ca_cert: str | None = None,
             insecure_plaintext: bool = False) -> DeskLink:
    """Provision a desk: its own login, bound to its desk id and workshops.

    A revoked desk can be provisioned again under its name (new password, the workshops
    given now), keeping its desk id. Returns the link to hand to the desk (it holds the
    password: write it with mode 0600). ``ca_cert``: the PEM certificate of the CA that
    signed the server's, which the desk verifies the server against (verify-full);
    ``insecure_plaintext``: let the link to another computer run without TLS, in which
    case it carries no health data.
    """
    if (not name.strip() or len(name) > 100
            or any(unicodedata.category(ch) == "Cc" for ch in name)):
        raise CentralError(f"invalid desk name: {name!r}")
    if not _is_postgres(engine):
        raise NotPostgres("desks are provisioned on a PostgreSQL central database")
    wanted = tuple(sorted(set(workshops)))
    if not wanted:
        raise UnknownWorkshop("a desk needs at least one workshop")
    password = secrets.token_urlsafe(24)
    export_key = secrets.token_hex(32)
    desk_id_given = desk_id is not None
    desk_id = desk_id or str(uuid.uuid4())
    with engine.begin() as conn:
        prefix = role_prefix(conn)
        role = desk_role(prefix, name)
        session = session_maker(engine)(bind=conn)
        known = set(session.scalars(select(WorkshopRow.id).where(WorkshopRow.id.in_(wanted))))
        missing = [w for w in wanted if w not in known]
        if missing:
            raise UnknownWorkshop(",".join(str(w) for w in missing))
        existing = session.get(SyncDeskRow, name)
        if existing is not None:
            # A revoked desk is provisioned again under its name (other workshops, a new
            # password): same desk id, so its events and export key stay its own.
            if existing.revoked_at is None:
                raise DeskExists(f"{name} (revoke it first to provision it again)")
            if desk_id != existing.desk_id and desk_id_given:
                raise DeskExists(f"{name} has desk id {existing.desk_id}")
            desk_id, export_key = existing.desk_id, existing.export_key
            role = existing.role_name  # its login stays its own, named as it was
            existing.revoked_at = None
            session.execute(delete(SyncDeskWorkshopRow)
                            .where(SyncDeskWorkshopRow.desk_name == name))
        else:
            holder = session.scalar(select(SyncDeskRow.name)
                                    .where(SyncDeskRow.desk_id == desk_id))
            if holder is not None:
                raise DeskExists(f"desk id {desk_id} belongs to desk {holder}: provision "
                                 f"{holder} again instead")
            taken = session.scalar(select(SyncDeskRow.name)
                                   .where(SyncDeskRow.role_name == role))
            if taken is not None:
                raise DeskExists(f"login {role} belongs to desk {taken}")
            session.add(SyncDeskRow(name=name, desk_id=desk_id, role_name=role,
                                    export_key=export_key, created_at=datetime.now(UTC)))
        session.flush()
        session.add_all(SyncDeskWorkshopRow(desk_name=name, workshop_id=w) for w in wanted)
        session.flush()
        exists = conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"),
                              {"r": role}).scalar()
        if exists and existing is None:
            # Not a desk of this database: another central database on this server (roles
            # are cluster-wide) or someone else's role. Never take it over or re-key it.
            raise DeskExists(f"database login {role} exists already on this server and is "
                             "not this database's desk; it is left as it was")
        verb = "ALTER" if exists else "CREATE"
        # The password is a bound literal nowhere in our logs; CREATE ROLE cannot take a
        # bind parameter, so it is quoted by the server's own quote_literal.
        quoted = conn.execute(text("SELECT quote_literal(:p)"), {"p": password}).scalar_one()
        conn.execute(text(f"{verb} ROLE {_ident(role)} LOGIN PASSWORD {quoted}"
                          " NOSUPERUSER NOCREATEDB NOCREATEROLE INHERIT"))
        conn.execute(text(f"GRANT {_ident(group_role(prefix))} TO {_ident(role)}"))
    base = engine.url
    # Files named in the office's URL (its own CA or client certificate) are not the desk's.
    query = {k: v for k, v in base.query.items()
             if k not in ("sslrootcert", "sslcert", "sslkey", "sslcrl")}
    central = URL.create(base.drivername, host=base.host, port=base.port,
                         database=base.database, query=query)
    return DeskLink(url=central.render_as_string(hide_password=False), role=role,
                    password=password, desk_id=desk_id, desk_name=name, workshops=wanted,
                    export_key=export_key, ca_cert=ca_cert,
                    insecure_plaintext=insecure_plaintext)


def revoke_desk(engine: Engine, name: str) -> None:
    """Stop a desk: no login, no policy match, open connections closed.

    The desk keeps its unsynced events; its next sync is told DESK_REVOKED.
    """
    if not _is_postgres(engine):
        raise NotPostgres("desks are provisioned on a PostgreSQL central database")
    with engine.begin() as conn:
        session = session_maker(engine)(bind=conn)
        row = session.get(SyncDeskRow, name)
        if row is None:
            raise UnknownDesk(name)
        row.revoked_at = datetime.now(UTC)
        session.flush()
        conn.execute(text(f"ALTER ROLE {_ident(row.role_name)} NOLOGIN"))
        conn.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                          " WHERE usename = :r"), {"r": row.role_name})


def list_desks(engine: Engine) -> list[DeskInfo]:
    with session_maker(engine)() as session:
        desks = list(session.scalars(select(SyncDeskRow).order_by(SyncDeskRow.name)))
        out = []
        for d in desks:
            ws = tuple(session.scalars(select(SyncDeskWorkshopRow.workshop_id)
                                       .where(SyncDeskWorkshopRow.desk_name == d.name)
                                       .order_by(SyncDeskWorkshopRow.workshop_id)))
            out.append(DeskInfo(d.name, d.desk_id, d.role_name, ws, d.revoked_at is not None))
        return out


@dataclass(frozen=True)
class DeskActivity:
    """A desk as the office sees it: its provisioning and what central has received from it.

    ``last_event_at`` is the desk's own clock on the newest event received. ``last_sync_at``
    (server time) and ``held`` (events the desk still held unsent) are what the desk
    reported at the end of its last sync; None before its first.
    """

    name: str
    desk_id: str
    workshops: tuple[int, ...]
    revoked: bool
    events_received: int
    last_event_at: datetime | None
    held: int | None = None
    last_sync_at: datetime | None = None


def desk_activity(engine: Engine) -> list[DeskActivity]:
    """Every provisioned desk with the events the central database holds from it."""
    desks = list_desks(engine)
    with session_maker(engine)() as session:
        received = {str(desk_id): (int(n), last) for desk_id, n, last in session.execute(
            select(EventRow.desk_id, func.count(), func.max(EventRow.wall_time))
            .group_by(EventRow.desk_id))}
        reported = {name: (at, held) for name, at, held in session.execute(
            select(SyncDeskRow.name, SyncDeskRow.last_sync_at, SyncDeskRow.held_events))}
    out = []
    for d in desks:
        n, last = received.get(d.desk_id, (0, None))
        synced, held = reported.get(d.name, (None, None))
        out.append(DeskActivity(d.name, d.desk_id, d.workshops, d.revoked, n, last,
                                held=held, last_sync_at=synced))
    return out


def drop_desk_roles(engine: Engine) -> None:
    """Remove every desk login and the group of this central database (tests, teardown)."""
    with engine.begin() as conn:
        prefix = role_prefix(conn)
        roles = [str(r) for r in conn.execute(
            text("SELECT role_name FROM sync_desks")).scalars()]
        group = group_role(prefix)
        for role in [*roles, group]:
            if conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"),
                            {"r": role}).scalar():
                conn.execute(text(f"DROP OWNED BY {_ident(role)}"))
                conn.execute(text(f"DROP ROLE {_ident(role)}"))

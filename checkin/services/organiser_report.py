"""The organisers' report: attendance, no-shows, turned away, overrides, duplicates, summary.

One workshop or all of them. Attendance comes from
:func:`checkin.services.attendance.day_attendance`, scores and certificates from their
tables; people turned away at the door are listed with the reason code only (fever or
declaration): no temperature, no declared answers. The tables are written by
:mod:`checkin.notices.tables` (CSV, XLSX or PDF).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from checkin.core.clock import TAIPEI
from checkin.core.errors import CodedError
from checkin.db import repo
from checkin.db.errors import storage_failures
from checkin.db.models import EventRow, WorkshopRow
from checkin.db.models_day import CertificateRow
from checkin.db.store import Store
from checkin.notices import tables as out
from checkin.notices.tables import Code, Table
from checkin.services.attendance import PersonDay, day_attendance
from checkin.services.scores import latest_scores

FORMATS = ("csv", "xlsx", "pdf")


class ReportError(CodedError):
    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(code, detail)


@dataclass
class Report:
    heading: str
    tables: list[Table]


def _code(value: object) -> Code | None:
    return None if value is None else Code(str(getattr(value, "value", value)))


def _times_out(day: PersonDay) -> str | None:
    """Each time the person went out during the day and came back: "12:05-12:40, 15:10-"."""
    if not day.gaps:
        return None
    return ", ".join(f"{left.astimezone(TAIPEI):%H:%M}-"
                     f"{back.astimezone(TAIPEI):%H:%M}" if back else
                     f"{left.astimezone(TAIPEI):%H:%M}-" for left, back in day.gaps)


def _workshop_tables(session: Session, workshop: WorkshopRow, tables: dict[str, Table]
                     ) -> list[object]:
    """Add one workshop's rows to the tables; returns its summary row."""
    code = workshop.code
    days: list[PersonDay] = day_attendance(session, workshop.id)
    scores = latest_scores(session, workshop.id)
    certs = {c.registration_id: c for c in session.scalars(
        select(CertificateRow).where(CertificateRow.workshop_id == workshop.id))}
    for d in days:
        cert = certs.get(d.registration_id)
        score = scores.get(d.registration_id)
        tables["attendance"].rows.append([
            code, d.registration_id, d.name, d.company, Code(d.status), d.arrived_at,
            d.late_minutes or None, d.left_at, _times_out(d), d.full_attendance,
            _code(d.not_full_reason),
            score.score if score else None, cert.serial if cert else None,
            Code(cert.status) if cert else None])
        if d.arrived_at is None and not d.turned_away and d.status == "registered":
            tables["no_shows"].rows.append([code, d.registration_id, d.name, d.company])
    names = {d.registration_id: d for d in days}
    voided = set(session.scalars(repo.voided_ids(workshop.id)))
    events = repo.events_for_workshop(session, workshop.id)
    refused: dict[int, EventRow] = {}
    admitted: dict[int, list[EventRow]] = {}
    for e in events:
        if e.id in voided or e.registration_id is None:
            continue
        if e.kind == "arrival" and e.outcome in repo.DENIAL_CODES:
            refused.setdefault(e.registration_id, e)
        elif e.kind == "arrival" and e.outcome in repo.ADMITTED_CODES:
            admitted.setdefault(e.registration_id, []).append(e)
    for reg_id, e in refused.items():
        person = names.get(reg_id)
        if person is None or not person.turned_away:
            continue  # admitted after all (a re-measure, an override): not turned away
        tables["turned_away"].rows.append([
            code, reg_id, person.name, person.company, e.wall_time, e.desk_name,
            _code(person.turned_away)])
    for e in events:
        if e.kind in ("override", "void"):
            person = names.get(e.registration_id) if e.registration_id else None
            tables["overrides"].rows.append([
                code, e.wall_time, e.desk_name, e.supervisor, Code(e.kind), e.outcome,
                person.name if person else None, e.reason])
    for reg_id, arrivals in admitted.items():
        person = names.get(reg_id)
        first = arrivals[0]
        for later in arrivals[1:]:
            tables["duplicates"].rows.append([
                code, reg_id, person.name if person else None, first.wall_time,
                first.desk_name, later.wall_time, later.desk_name])
    return [code, workshop.title, workshop.day,
            sum(1 for d in days if d.status == "registered"),
            sum(1 for d in days if d.status == "waitlisted"),
            sum(1 for d in days if d.arrived_at is not None),
            sum(1 for d in days if d.turned_away),
            sum(1 for d in days if _code(d.not_full_reason) == "LEFT_EARLY"),
            sum(1 for d in days if d.full_attendance),
            sum(1 for c in certs.values() if c.status == "issued")]


def build_report(store: Store, workshop_ref: str | int | None) -> Report:
    """The report's tables for one workshop, or for every workshop when ``None``."""
    tables = {
        "attendance": Table("attendance", [
            "workshop", "registration_id", "name", "company", "status", "arrived_at",
            "late_minutes", "left_at", "times_out", "full_attendance", "not_full_reason",
            "score",
            "certificate", "certificate_status"]),
        "no_shows": Table("no_shows", ["workshop", "registration_id", "name", "company"]),
        "turned_away": Table("turned_away", ["workshop", "registration_id", "name", "company",
                                             "at", "desk", "reason"]),
        "overrides": Table("overrides", ["workshop", "at", "desk", "supervisor", "kind",
                                         "outcome", "name", "reason"]),
        "duplicates": Table("duplicates", ["workshop", "registration_id", "name", "first_at",
                                           "first_desk", "later_at", "later_desk"]),
        "summary": Table("summary", ["workshop", "title", "day", "registered", "waitlisted",
                                     "arrived", "turned_away", "left_early", "full",
                                     "certified"]),
    }
    with store.sessions() as session:
        if workshop_ref is None:
            workshops = repo.list_workshops(session)
            heading = "製造業碳盤查暨碳足跡講習會 全部場次 All workshops"
        else:
            row = repo.find_workshop(session, str(workshop_ref))
            if row is None:
                raise ReportError("WORKSHOP_NOT_FOUND", str(workshop_ref))
            workshops = [row]
            heading = f"{row.code} {row.title} {row.day.isoformat()} {row.venue}"
        for workshop in sorted(workshops, key=lambda w: w.id):
            tables["summary"].rows.append(_workshop_tables(session, workshop, tables))
        if len(workshops) > 1:
            totals = [sum(int(r[i]) for r in tables["summary"].rows)  # type: ignore[call-overload]
                      for i in range(3, 10)]
            tables["summary"].rows.append([Code("TOTAL"), None, None, *totals])
    return Report(heading, list(tables.values()))


def write_report(store: Store, workshop_ref: str | int | None, fmt: str, out_path: Path,
                 lang: str = "zh") -> list[Path]:
    """Build the report and write it: one PDF, one XLSX, or one CSV per table."""
    if fmt not in FORMATS:
        raise ReportError("FORMAT_UNKNOWN", fmt)
    if lang not in out.LANGS:
        raise ReportError("LANG_UNKNOWN", lang)
    report = build_report(store, workshop_ref)
    with storage_failures():
        out_path.parent.mkdir(parents=True, exist_ok=True)
        if fmt == "csv":
            stem = out_path.with_suffix("") if out_path.suffix.lower() == ".csv" else out_path
            return out.write_csv(report.tables, stem, lang)
        if fmt == "xlsx":
            return [out.write_xlsx(report.tables, out_path, lang)]
        return [out.write_pdf(report.tables, out_path, lang, report.heading)]

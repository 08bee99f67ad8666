"""Certificates: eligibility with reasons, stable serials, withdrawal, verification, report."""

from __future__ import annotations

import csv
import dataclasses
import io
import subprocess
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from enginekit import Built

from checkin.core.clock import TAIPEI, FixedClock
from checkin.core.outcomes import Declaration
from checkin.db.store import Store
from checkin.notices.certificate import CertificateData, CertificateRenderer
from checkin.notices.qr import qr_image
from checkin.services.certificates import Verdict, issue_certificates, verify
from checkin.services.checkin import CheckinService, Who
from checkin.services.organiser_report import write_report
from checkin.services.scores import set_score

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def at(hh: int, mm: int) -> datetime:
    return datetime(2022, 4, 29, hh, mm, tzinfo=TAIPEI)


@pytest.fixture
def day(demo: Built, clock: FixedClock, open_store: Callable[..., Store]) -> Store:
    """Workshop 1 after the day: who came, left, was denied, and their scores."""
    store = open_store(demo.url)
    desk = CheckinService(store)
    for name in ("王小明", "林建宏", "黃淑芬", "李佳蓉"):
        desk.check_in(1, Who(token=demo.named(name)[0].token), temperature="36.5")
    desk.check_in(1, Who(token=demo.named("蔡承恩")[0].token), temperature="36.5",
                  declared=[Declaration.TRAVEL])
    clock.current = at(12, 0)
    desk.check_out(1, Who(token=demo.named("黃淑芬")[0].token))  # out for lunch ...
    clock.current = at(12, 30)
    desk.check_in(1, Who(token=demo.named("黃淑芬")[0].token))  # ... and back (RETURNED)
    clock.current = at(14, 0)
    desk.check_out(1, Who(token=demo.named("李佳蓉")[0].token))  # left early
    clock.current = at(16, 0)
    for name in ("王小明", "林建宏", "黃淑芬"):
        desk.check_out(1, Who(token=demo.named(name)[0].token))
    for name, score in (("王小明", 80), ("林建宏", 79), ("李佳蓉", 100)):
        set_score(store, 1, Who(registration_id=demo.named(name)[0].id), score, "林小姐")
    return store


def test_eligibility_serials_and_withdrawal(demo: Built, day: Store, tmp_path: Path) -> None:
    out = tmp_path / "certs"
    first = issue_certificates(day, "IDB2201", out)
    by_name = {s.name: s for s in first.standings}
    assert by_name["王小明"].eligible and by_name["王小明"].serial == "IDB2201-0001"
    assert (by_name["林建宏"].eligible, by_name["林建宏"].reason) == (False, "SCORE_BELOW_PASS")
    assert by_name["黃淑芬"].reason == "NO_SCORE"
    assert by_name["李佳蓉"].reason == "LEFT_EARLY"
    assert by_name["蔡承恩"].reason == "DENIED"
    assert by_name["劉雅婷"].reason == "ABSENT"
    assert [p.name for p in out.iterdir()] == ["IDB2201-0001-王小明.pdf"]

    set_score(day, 1, Who(registration_id=demo.named("黃淑芬")[0].id), 90, "林小姐")
    second = issue_certificates(day, "IDB2201", out)
    serials = {s.name: s.serial for s in second.issued}
    assert serials == {"王小明": "IDB2201-0001", "黃淑芬": "IDB2201-0002"}
    assert second.newly_issued == ["IDB2201-0002"]

    corrected = set_score(day, 1, Who(registration_id=demo.named("王小明")[0].id), 70, "王主任")
    assert corrected.certificate_withdrawn == "IDB2201-0001"
    third = issue_certificates(day, "IDB2201", out)
    wang = next(s for s in third.standings if s.name == "王小明")
    assert (wang.status, wang.serial, wang.reason) == ("withdrawn", "IDB2201-0001",
                                                       "SCORE_BELOW_PASS")
    assert wang.withdrawn_reason == "SCORE_CORRECTED 80->70"
    assert sorted(p.name for p in out.iterdir()) == ["IDB2201-0002-黃淑芬.pdf"]
    assert verify(day, "IDB2201-0001").verdict is Verdict.WITHDRAWN


def test_verification_catches_forged_and_edited_certificates(
        demo: Built, day: Store, tmp_path: Path) -> None:
    out = tmp_path / "certs"
    issue_certificates(day, 1, out)
    genuine = out / "IDB2201-0001-王小明.pdf"
    result = verify(day, genuine)
    assert result.verdict is Verdict.VALID and result.checked == ("record", "qr", "text")
    assert verify(day, "idb2201-0001").valid
    assert verify(day, "IDB2201-0099").verdict is Verdict.UNKNOWN_SERIAL

    # The page as an image (a scan, a phone photo): the QR code is checked.
    png = tmp_path / "genuine.png"
    subprocess.run(["pdftoppm", "-r", "150", "-png", "-singlefile", str(genuine),
                    str(png.with_suffix(""))], check=True)
    assert verify(day, png).verdict is Verdict.VALID
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "certificate-IDB2201-0001.png").write_bytes(png.read_bytes())

    # A forged QR code: the real serial with a seal made up without the secret.
    forged = tmp_path / "forged.png"
    qr_image("CKC1/IDB2201-0001/" + "AB" * 32).save(forged)
    assert verify(day, forged).verdict is Verdict.SEAL_MISMATCH

    # An edited certificate: another name, the genuine QR code (and its seal) kept.
    renderer = CertificateRenderer()
    data = _data_of(day, "IDB2201-0001")
    edited = tmp_path / "edited.pdf"
    edited.write_bytes(renderer.pdf(dataclasses.replace(data, name="王大明")))
    assert verify(day, edited).verdict is Verdict.TEXT_MISMATCH
    nothing = tmp_path / "blank.png"
    qr_image("CK1-IDB2201-NOTACERTIFICATE").save(nothing)
    assert verify(day, nothing).verdict is Verdict.NO_CODE


def _data_of(store: Store, serial: str) -> CertificateData:
    from checkin.db.models import RegistrationRow, WorkshopRow
    from checkin.db.models_day import CertificateRow
    from checkin.services.certificates import _data

    with store.sessions() as session:
        cert = session.get(CertificateRow, serial)
        assert cert is not None
        workshop = session.get(WorkshopRow, cert.workshop_id)
        reg = session.get(RegistrationRow, cert.registration_id)
        assert workshop is not None and reg is not None
        return _data(workshop, reg, cert.serial, cert.seal)


def test_a_changed_record_no_longer_verifies_until_reissued(
        demo: Built, day: Store, tmp_path: Path) -> None:
    import sqlite3

    issue_certificates(day, 1, tmp_path / "certs")
    conn = sqlite3.connect(demo.path)
    conn.execute("UPDATE registrations SET name = '王大明' WHERE name = '王小明'")
    conn.commit()
    conn.close()
    assert verify(day, "IDB2201-0001").verdict is Verdict.RECORD_CHANGED
    again = issue_certificates(day, 1, tmp_path / "certs")
    assert [s.serial for s in again.issued] == ["IDB2201-0001"]  # same serial, new seal
    assert verify(day, tmp_path / "certs" / "IDB2201-0001-王大明.pdf").valid


def test_report_csv_xlsx_pdf(demo: Built, day: Store, tmp_path: Path) -> None:
    import sqlite3

    from openpyxl import load_workbook

    conn = sqlite3.connect(demo.path)
    conn.execute("UPDATE registrations SET company = '=HYPERLINK(\"http://x\")' "
                 "WHERE name = '林建宏'")
    conn.commit()
    conn.close()
    issue_certificates(day, 1, None)
    paths = write_report(day, 1, "csv", tmp_path / "r.csv")
    names = sorted(p.name for p in paths)
    assert names == sorted(f"r-{k}.csv" for k in ("attendance", "no_shows", "turned_away",
                                                  "overrides", "duplicates", "summary"))
    raw = (tmp_path / "r-attendance.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:4] == ["場次", "系統編號", "姓名", "公司"]
    lin = next(r for r in rows if r[2] == "林建宏")
    assert lin[3] == "'=HYPERLINK(\"http://x\")"
    wang = next(r for r in rows if r[2] == "王小明")
    assert wang[5] == "2022-04-29 08:45" and wang[9] == "是" and wang[12] == "IDB2201-0001"
    assert rows[0][8] == "離場時段" and wang[8] == "16:00-"
    huang = next(r for r in rows if r[2] == "黃淑芬")
    assert huang[8] == "12:00-12:30, 16:00-" and huang[9] == "是"  # a gap is not a leave
    turned = list(csv.reader(io.StringIO(
        (tmp_path / "r-turned_away.csv").read_text("utf-8-sig"))))
    assert [r[2] for r in turned[1:]] == ["蔡承恩"] and turned[1][-1] == "健康聲明"
    no_shows = (tmp_path / "r-no_shows.csv").read_text("utf-8-sig")
    assert "劉雅婷" in no_shows and "蔡承恩" not in no_shows

    xlsx = write_report(day, None, "xlsx", tmp_path / "all.xlsx", lang="en")[0]
    book = load_workbook(xlsx)
    assert book.sheetnames[0] == "Attendance"
    summary = list(book["Summary by workshop"].iter_rows(values_only=True))
    assert summary[0][:4] == ("Workshop", "Course", "Date", "Registered")
    assert summary[1][0] == "IDB2201" and summary[-1][0] == "Total"
    first = next(r for r in summary if r[0] == "IDB2201")
    assert first[5] == 4 and first[6] == 1 and first[7] == 1 and first[9] == 1
    attendance = list(book["Attendance"].iter_rows(values_only=True))
    assert any(r[3] == "'=HYPERLINK(\"http://x\")" for r in attendance)

    pdf = write_report(day, None, "pdf", tmp_path / "all.pdf")[0]
    assert pdf.read_bytes().startswith(b"%PDF-")
    ARTIFACTS.mkdir(exist_ok=True)
    subprocess.run(["pdftoppm", "-r", "80", "-png", "-f", "1", "-l", "1", "-singlefile",
                    str(pdf), str(ARTIFACTS / "report-all-p1")], check=True)

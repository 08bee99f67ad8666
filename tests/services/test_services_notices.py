"""Notices: rendered documents that scan and admit, e-mail through a real SMTP server."""

from __future__ import annotations

import email.utils
import io
import subprocess
import zipfile
from dataclasses import replace
from datetime import date, datetime, time
from email.message import EmailMessage
from pathlib import Path

import pytest
from diskkit import fill_disk
from PIL import Image
from pyzbar.pyzbar import ZBarSymbol, decode
from sqlalchemy import select

from checkin.cli import main
from checkin.core.clock import TAIPEI, FixedClock
from checkin.core.outcomes import OutcomeCode
from checkin.db.errors import StorageFailed
from checkin.db.models import RegistrationRow
from checkin.db.store import Store
from checkin.notices.mail import MailConfigError, SmtpSettings, connect, smtp_password
from checkin.notices.render import NoticeData, NoticeDoesNotFit, NoticeRenderer, layout_notice
from checkin.services.checkin import CheckinService, Who
from checkin.services.notices import (
    notices_due,
    render_notices,
    safe_file_part,
    send_notices,
)
from checkin.services.registrations import import_registrations
from checkin.services.workshops_admin import WorkshopError, cancel_workshop, reschedule_workshop

from .conftest import Mailbox, write_csv

RARE = "黃㵘堃"
RARE_COMPANY = "犇喆綉峯科技股份有限公司"


@pytest.fixture
def roster(store: Store, tmp_path: Path) -> Store:
    write_csv(tmp_path / "reg.csv", [
        f"1,{RARE},{RARE_COMPANY},04595252,huang@example.com,0912345678,1",
        "2,陳美麗,臺灣綠能股份有限公司,22099131,chen@example.com,0912345679,1",
        "3,林志明,臺灣綠能股份有限公司,22099131,lin@example.com,,1",
        "4,張大同,臺灣綠能股份有限公司,22099131,chang@example.com,,1",  # waitlisted
        "5,王小明,精密工業有限公司,,,0922111222,1",  # no e-mail
    ], encoding="utf-8-sig")
    import_registrations(store, tmp_path / "reg.csv", 1)
    return store


def _registration(store: Store, name: str) -> RegistrationRow:
    with store.sessions() as session:
        row = session.scalar(select(RegistrationRow).where(RegistrationRow.name == name))
        assert row is not None
        return row


def _admit(db_url: str, token: str, day: date) -> OutcomeCode:
    desk = Store.open(db_url, clock=FixedClock(datetime.combine(day, time(8, 40),
                                                                tzinfo=TAIPEI)))
    try:
        return CheckinService(desk).check_in(1, Who(token=token), temperature="36.4").code
    finally:
        desk.close()


def _qr_codes(image: Image.Image) -> list[str]:
    return [d.data.decode() for d in decode(image, symbols=[ZBarSymbol.QRCODE])]


def _settings(box: Mailbox) -> SmtpSettings:
    return SmtpSettings(host=box.host, port=box.port, sender="notice@tgpf.example",
                        security="none", timeout=10)


def _notice(token: str, name: str = RARE) -> NoticeData:
    return NoticeData(
        token=token, name=name, company=RARE_COMPANY, workshop_code="IDB2201",
        workshop_title="碳盤查 (1)", course="ghg_inventory",
        organiser="財團法人台灣綠色生產力基金會", day=date(2022, 4, 29),
        venue="潭子加工出口區康樂室後棟 3 樓", address="臺中市潭子區建國路一號",
        checkin_opens=time(8, 30), starts=time(9), ends=time(16), contact_name="林先生",
        contact_phone="04-2350-8042 #209", contact_email="pohanlin@tgp.org.tw")


# --- rendering ---------------------------------------------------------------------------

def test_rendered_notice_scans_and_admits_at_the_desk(roster: Store, db_url: str,
                                                      tmp_path: Path) -> None:
    out = tmp_path / "notices"
    result = render_notices(roster, 1, out, zip_batch=True)
    # Registered people only: the waitlisted one gets no notice.
    assert result.notices == 4 and result.missing_glyphs == {}
    with zipfile.ZipFile(result.zip_path) as archive:  # type: ignore[arg-type]
        assert sorted(archive.namelist()) == sorted(p.name for p in result.files)
    reg = _registration(roster, RARE)
    png = next(p for p in result.files if p.suffix == ".png" and f"-{reg.id:05d}-" in p.name)
    page = Image.open(png)
    assert page.size == (1240, 1754)  # A4 at 150 dpi
    assert _qr_codes(page) == [reg.token]
    assert _admit(db_url, _qr_codes(page)[0], date(2022, 4, 29)) is OutcomeCode.ADMITTED


def test_pdf_embeds_the_font_and_renders_rare_names(tmp_path: Path) -> None:
    token = "CK1-IDB2201-" + "ABCDEFGHJKMNPQRSTUVWXYZ2345"
    with NoticeRenderer() as renderer:
        notice = _notice(token)
        assert renderer.missing_glyphs(notice) == set()
        pdf = tmp_path / "n.pdf"
        pdf.write_bytes(renderer.pdf(notice))
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True,
                           check=True).stdout.splitlines()[2:]
    assert fonts, "no fonts in the PDF"
    for line in fonts:  # columns: name type encoding emb sub uni
        assert line.split()[-5:-2] == ["yes", "yes", "yes"], line
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert RARE in text and RARE_COMPANY in text and "出席通知" in text
    assert "中華民國 111 年 4 月 29 日（星期五）" in text and "2022-04-29 (Fri)" in text
    assert "37.5°C" in text and "04-2350-8042" in text
    subprocess.run(["pdftoppm", "-r", "150", "-png", "-singlefile", str(pdf),
                    str(tmp_path / "page")], check=True)
    assert _qr_codes(Image.open(tmp_path / "page.png")) == [token]


def test_a_long_name_keeps_every_section_on_the_page(tmp_path: Path) -> None:
    # A 30-character name and a 40-character company (the widest the import takes) on a
    # rescheduled notice: the contact line and the last note are still on the page.
    token = "CK1-IDB2201-" + "Q" * 27
    notice = replace(_notice(token, "歐陽" * 15), company="永續" * 20,
                     previous_day=date(2022, 4, 20))
    with NoticeRenderer() as renderer:
        pdf = tmp_path / "long.pdf"
        pdf.write_bytes(renderer.pdf(notice))
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    flat = "".join(text.split())
    assert "聯絡窗口" in flat and "如未收到出席通知或資料有誤" in flat
    assert "歐陽" * 15 in flat and "注意事項" in flat
    assert "pohanlin@tgp.org.tw" in flat
    assert subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True,
                          check=True).stdout.count("Pages:           1") == 1


def test_a_name_too_long_for_the_page_is_refused_not_cut(tmp_path: Path) -> None:
    token = "CK1-IDB2201-" + "Q" * 27
    with pytest.raises(NoticeDoesNotFit) as refused:
        layout_notice(_notice(token, "王" * 300))
    assert refused.value.code == "NOTICE_TOO_LONG" and "name" in refused.value.detail


def test_qr_reads_from_a_phone_sized_screen(tmp_path: Path) -> None:
    # A phone shows the PNG scaled down to its width: about 1080 px for the whole page.
    token = "CK1-IDB2201-" + "Z" * 27
    with NoticeRenderer() as renderer:
        page = renderer.image(_notice(token), dpi=150)
    small = page.resize((540, 764), Image.Resampling.LANCZOS)
    assert _qr_codes(small) == [token]


def test_cli_render_writes_pdf_and_png(roster: Store, db_url: str, tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "cli-out"
    assert main(["notices", "render", "--workshop", "IDB2201", "--db", db_url, "--out", str(out),
                 "--format", "pdf"]) == 0
    assert len(list(out.glob("*.pdf"))) == 4 and not list(out.glob("*.png"))
    assert "4 份通知" in capsys.readouterr().out


# --- e-mail ------------------------------------------------------------------------------

def _parts(message: EmailMessage) -> dict[str, list[EmailMessage]]:
    parts: dict[str, list[EmailMessage]] = {}
    for part in message.walk():
        parts.setdefault(part.get_content_type(), []).append(part)  # type: ignore[arg-type]
    return parts


def test_send_delivers_multipart_mail_whose_qr_admits(roster: Store, db_url: str,
                                                      mailbox: Mailbox) -> None:
    sleeps: list[float] = []
    report = send_notices(roster, 1, _settings(mailbox), throttle=0.5, sleep=sleeps.append)
    assert report.count("sent") == 3
    assert [r.error for r in report.rows if r.status == "failed"] == ["EMAIL_MISSING"]
    assert sleeps == [0.5, 0.5]  # throttled between messages, not before the first
    assert len(mailbox.messages) == 3
    message = mailbox.to("huang@example.com")[0]
    assert "出席通知" in str(message["Subject"]) and "碳盤查 (1)" in str(message["Subject"])
    # Mail clients sort and thread by these; a message without Date is often marked as spam.
    assert email.utils.parsedate_to_datetime(str(message["Date"])).tzinfo is not None
    assert str(message["Message-ID"]).startswith("<") and "@" in str(message["Message-ID"])
    parts = _parts(message)
    assert {"text/plain", "text/html", "image/png", "application/pdf"} <= set(parts)
    plain = parts["text/plain"][0].get_content()
    assert RARE in plain and "中華民國 111 年 4 月 29 日（星期五）" in plain
    html = parts["text/html"][0].get_content()
    image = parts["image/png"][0]
    cid = str(image["Content-ID"]).strip("<>")
    assert f"cid:{cid}" in html
    assert parts["application/pdf"][0].get_filename().endswith(".pdf")
    assert parts["application/pdf"][0].get_content()[:5] == b"%PDF-"
    token = _qr_codes(Image.open(io.BytesIO(image.get_content())))[0]
    assert token == _registration(roster, RARE).token
    assert _admit(db_url, token, date(2022, 4, 29)) is OutcomeCode.ADMITTED


def test_send_is_resumable_and_resends_only_chosen_people(roster: Store,
                                                          mailbox: Mailbox) -> None:
    mailbox.refuse.add("chen@example.com")
    first = send_notices(roster, 1, _settings(mailbox), throttle=0)
    refused = next(r for r in first.rows if r.email == "chen@example.com")
    assert refused.status == "failed" and refused.error.startswith("RECIPIENT_REFUSED 550")
    assert first.count("sent") == 2  # the batch went on after the refusal
    mailbox.refuse.clear()
    second = send_notices(roster, 1, _settings(mailbox), throttle=0)
    assert [r.email for r in second.rows if r.status == "sent"] == ["chen@example.com"]
    assert second.count("skipped") == 2
    third = send_notices(roster, 1, _settings(mailbox), throttle=0, resend=["lin@example.com"])
    assert [r.email for r in third.rows if r.status == "sent"] == ["lin@example.com"]
    assert len(mailbox.to("lin@example.com")) == 2
    assert len(mailbox.messages) == 4


def test_lost_connection_stops_the_batch_and_a_rerun_finishes_it(roster: Store,
                                                                 mailbox: Mailbox) -> None:
    calls = 0

    def flaky(settings: SmtpSettings):  # type: ignore[no-untyped-def]
        nonlocal calls
        calls += 1
        if calls > 1:
            raise ConnectionRefusedError("server went away")
        client = connect(settings)
        real_send = client.send_message

        def send_then_drop(msg, *a, **k):  # type: ignore[no-untyped-def]
            real_send(msg, *a, **k)
            client.close()  # the next message finds the connection gone
        client.send_message = send_then_drop  # type: ignore[method-assign]
        return client

    report = send_notices(roster, 1, _settings(mailbox), throttle=0, connect=flaky)
    assert report.aborted and report.count("sent") == 1
    rerun = send_notices(roster, 1, _settings(mailbox), throttle=0)
    assert rerun.count("sent") == 2 and rerun.count("skipped") == 1
    assert sorted(str(m["To"]).split("<")[1][:-1] for m in mailbox.messages) == [
        "chen@example.com", "huang@example.com", "lin@example.com"]


def test_notices_due_two_days_before(roster: Store, mailbox: Mailbox) -> None:
    assert [d.code for d in notices_due(roster, date(2022, 4, 27))] == ["IDB2201"]
    assert notices_due(roster, date(2022, 4, 26)) == []
    send_notices(roster, 1, _settings(mailbox), throttle=0)
    # Everyone with an address got theirs; the one without e-mail still keeps it due.
    due = notices_due(roster, date(2022, 4, 27))
    assert [(d.code, d.pending) for d in due] == [("IDB2201", 1)]


def test_reschedule_resends_with_the_new_date_and_same_token(roster: Store, db_url: str,
                                                             mailbox: Mailbox) -> None:
    send_notices(roster, 1, _settings(mailbox), throttle=0)
    token = _registration(roster, RARE).token
    change = reschedule_workshop(roster, "IDB2201", date(2022, 5, 6), reason="颱風停班")
    assert change.old_day == date(2022, 4, 29)
    report = send_notices(roster, 1, _settings(mailbox), throttle=0)
    assert report.count("sent") == 3 and report.notice_day == date(2022, 5, 6)
    mails = mailbox.to("huang@example.com")
    assert len(mails) == 2 and str(mails[1]["Subject"]).startswith("【改期】")
    plain = _parts(mails[1])["text/plain"][0].get_content()
    assert "中華民國 111 年 5 月 6 日（星期五）" in plain
    assert "原訂 中華民國 111 年 4 月 29 日" in plain
    image = _parts(mails[1])["image/png"][0].get_content()
    assert _qr_codes(Image.open(io.BytesIO(image))) == [token]
    assert _admit(db_url, token, date(2022, 4, 29)) is OutcomeCode.WRONG_DAY
    assert _admit(db_url, token, date(2022, 5, 6)) is OutcomeCode.ADMITTED


def test_installing_the_catalogue_again_keeps_a_reschedule(roster: Store, db_url: str) -> None:
    reschedule_workshop(roster, "IDB2201", date(2022, 5, 6), reason="颱風停班")
    assert main(["workshops", "install", "--db", db_url]) == 0
    token = _registration(roster, RARE).token
    assert _admit(db_url, token, date(2022, 5, 6)) is OutcomeCode.ADMITTED


def test_cancel_makes_every_token_answer_cancelled(roster: Store, db_url: str,
                                                   mailbox: Mailbox) -> None:
    assert main(["workshops", "cancel", "IDB2201", "--db", db_url, "--reason", "三級警戒"]) == 0
    token = _registration(roster, "陳美麗").token
    desk = Store.open(db_url, clock=FixedClock(datetime(2022, 4, 29, 8, 40, tzinfo=TAIPEI)))
    try:
        outcome = CheckinService(desk).look_up(1, Who(token=token))
    finally:
        desk.close()
    assert outcome.code is OutcomeCode.WORKSHOP_CANCELLED
    # Sending notices for a cancelled workshop tells its people it is cancelled (the
    # registered and the waitlist), once: a second run finds nobody left to tell.
    report = send_notices(roster, 1, _settings(mailbox), throttle=0)
    assert report.count("sent") == 4 and report.count("failed") == 1  # 王小明: no e-mail
    subjects = {str(m["Subject"]) for m in mailbox.messages}
    assert all(s.startswith("【場次取消】") for s in subjects)
    assert len(mailbox.to("chang@example.com")) == 1  # the waitlisted, too
    assert send_notices(roster, 1, _settings(mailbox), throttle=0).count("sent") == 0
    assert len(mailbox.messages) == 4


def test_cli_send_then_nothing_left(roster: Store, db_url: str, mailbox: Mailbox,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    args = ["notices", "send", "--workshop", "1", "--db", db_url, "--smtp",
            f"{mailbox.host}:{mailbox.port}", "--security", "none", "--from", "n@tgpf.example",
            "--throttle", "0"]
    assert main(args) == 1  # one registrant has no e-mail address: reported, exit 1
    assert "EMAIL_MISSING" in capsys.readouterr().out
    assert len(mailbox.messages) == 3
    main(args)
    assert len(mailbox.messages) == 3


def test_smtp_password_comes_from_env_and_plain_text_is_only_local(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHECKIN_SMTP_PASSWORD", "s3cret")
    assert smtp_password("office@tgpf.example") == "s3cret"
    assert smtp_password(None) is None
    with pytest.raises(MailConfigError) as info:
        connect(SmtpSettings(host="smtp.example.com", port=25, sender="a@b.c",
                             security="none"))
    assert info.value.code == "SMTP_INSECURE"
    monkeypatch.delenv("CHECKIN_SMTP_PASSWORD")
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    with pytest.raises(MailConfigError) as info:
        connect(SmtpSettings(host="127.0.0.1", port=1, sender="a@b.c", username="office",
                             security="none"))
    assert info.value.code == "SMTP_PASSWORD_MISSING"
    assert SmtpSettings.parse("smtp.example.com:465", "a@b.c").security == "ssl"
    assert SmtpSettings.parse("smtp.example.com:587", "a@b.c").security == "starttls"


def test_a_failed_resend_keeps_the_earlier_delivery(roster: Store, mailbox: Mailbox) -> None:
    send_notices(roster, 1, _settings(mailbox), throttle=0)
    [due] = notices_due(roster, date(2022, 4, 27))
    assert (due.sent, due.pending) == (3, 1)  # the one without an address is still due

    def down(settings: SmtpSettings):  # type: ignore[no-untyped-def]
        raise ConnectionRefusedError("server went away")

    again = send_notices(roster, 1, _settings(mailbox), throttle=0,
                         resend=["lin@example.com"], connect=down)
    assert [r.status for r in again.rows if r.email == "lin@example.com"] == ["failed"]
    # Lin got the notice the first time: still counted as sent, not due again.
    [due] = notices_due(roster, date(2022, 4, 27))
    assert (due.sent, due.pending) == (3, 1)


def test_cli_send_says_the_login_was_refused(roster: Store, db_url: str, mailbox: Mailbox,
                                            monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    import smtplib

    def refuse(self, user, password, **kwargs):  # type: ignore[no-untyped-def]
        raise smtplib.SMTPAuthenticationError(535, b"5.7.8 Authentication credentials invalid")

    monkeypatch.setattr(smtplib.SMTP, "login", refuse)
    monkeypatch.setenv("CHECKIN_SMTP_PASSWORD", "wrong-s3cret")
    assert main(["notices", "send", "--workshop", "1", "--db", db_url, "--smtp",
                 f"{mailbox.host}:{mailbox.port}", "--security", "none", "--user", "office",
                 "--from", "n@tgpf.example", "--throttle", "0"]) == 2
    captured = capsys.readouterr()
    assert "refused the login of office" in captured.err
    assert captured.err.count("\n") == 1 and "wrong-s3cret" not in captured.err + captured.out
    assert mailbox.messages == []


def test_workshop_changes_raise_workshop_errors_printed_by_code(
        roster: Store, db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(WorkshopError) as same:
        reschedule_workshop(roster, "IDB2201", date(2022, 4, 29))
    assert same.value.code == "SAME_DAY"
    with pytest.raises(WorkshopError) as missing:
        cancel_workshop(roster, "NOPE9")
    assert missing.value.code == "WORKSHOP_NOT_FOUND"
    assert main(["workshops", "reschedule", "IDB2201", "--date", "2022-04-29",
                 "--db", db_url]) == 2
    assert "日期未變更" in capsys.readouterr().err
    cancel_workshop(roster, "IDB2201")
    with pytest.raises(WorkshopError) as again:
        cancel_workshop(roster, "IDB2201")
    assert again.value.code == "ALREADY_CANCELLED"


def test_full_disk_while_rendering_leaves_no_partial_notice(roster: Store,
                                                           tiny_tmpfs: Path) -> None:
    out = tiny_tmpfs / "notices"
    out.mkdir()
    fill_disk(tiny_tmpfs)
    with pytest.raises(StorageFailed) as failed:
        render_notices(roster, 1, out, formats=("pdf",))
    assert failed.value.detail == "DISK_FULL"
    assert list(out.iterdir()) == []  # no truncated PDF that looks like a notice


def test_notice_file_names_carry_no_control_characters() -> None:
    assert safe_file_part("王\x1b[31m小明\u202egpj.exe") == "王_[31m小明_gpj.exe"


def test_a_cancelled_workshop_is_never_silently_scheduled_again(
        roster: Store, db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    cancel_workshop(roster, "IDB2201", reason="三級警戒")
    assert main(["workshops", "reschedule", "IDB2201", "--date", "2022-05-06",
                 "--db", db_url]) == 2
    assert "--reinstate" in capsys.readouterr().err
    token = _registration(roster, "陳美麗").token
    at = FixedClock(datetime(2022, 5, 6, 8, 40, tzinfo=TAIPEI))
    with Store.open(db_url, clock=at) as desk:
        assert CheckinService(desk).look_up(1, Who(token=token)).code \
            is OutcomeCode.WORKSHOP_CANCELLED
    assert main(["workshops", "reschedule", "IDB2201", "--date", "2022-05-06", "--reinstate",
                 "--db", db_url]) == 0
    with Store.open(db_url, clock=at) as desk:
        assert CheckinService(desk).look_up(1, Who(token=token)).code \
            is OutcomeCode.READY_FOR_SCREENING


def test_cli_send_with_a_login_to_a_server_without_one_says_to_drop_it(
        roster: Store, db_url: str, mailbox: Mailbox, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    # The loopback server (aiosmtpd) offers no AUTH: the advice is to drop --user, not to
    # try port 465.
    monkeypatch.setenv("CHECKIN_SMTP_PASSWORD", "s3cret")
    assert main(["notices", "send", "--workshop", "1", "--db", db_url, "--smtp",
                 f"{mailbox.host}:{mailbox.port}", "--security", "none", "--user", "office",
                 "--from", "n@tgpf.example", "--throttle", "0"]) == 2
    err = capsys.readouterr().err
    # (The loopback server's own port may contain "465": only the advice is checked.)
    advice = err.replace(f"{mailbox.host}:{mailbox.port}", "HOST:PORT")
    assert "without --user" in advice and "465" not in advice and err.count("\n") == 1
    assert mailbox.messages == []

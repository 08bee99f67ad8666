"""E-mailing notices: the message (plain text + HTML with the QR inline + the PDF) and SMTP.

The SMTP password never comes from the command line or a file: it is read from the
environment (``CHECKIN_SMTP_PASSWORD``) or from the system keyring (service
``checkin-smtp``, the user name as account). Sending a password over an unencrypted
connection is refused except to this computer (a local relay or a test server).
"""

from __future__ import annotations

import html
import io
import ipaddress
import os
import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formataddr, formatdate, make_msgid

import qrcode.constants

from checkin.core.errors import CodedError
from checkin.notices import texts
from checkin.notices.qr import qr_image
from checkin.notices.render import NoticeData

PASSWORD_ENV = "CHECKIN_SMTP_PASSWORD"
KEYRING_SERVICE = "checkin-smtp"


class MailConfigError(CodedError, ValueError):
    """SMTP settings that cannot work (``code`` says which)."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(code, detail)


@dataclass(frozen=True)
class SmtpSettings:
    """Where and how to send. ``security`` is ``starttls``, ``ssl`` (implicit TLS) or ``none``."""

    host: str
    port: int
    sender: str
    sender_name: str | None = None
    username: str | None = None
    security: str = "starttls"
    timeout: float = 30.0

    @classmethod
    def parse(cls, address: str, sender: str, **kwargs: object) -> SmtpSettings:
        """From ``HOST:PORT`` (port 465 means implicit TLS unless told otherwise)."""
        host, _, port_text = address.rpartition(":") if ":" in address else (address, "", "")
        if not port_text:
            port = 587
        elif port_text.isdigit():
            port = int(port_text)
        else:
            raise MailConfigError("SMTP_ADDRESS", address)
        security = kwargs.pop("security", None) or ("ssl" if port == 465 else "starttls")
        return cls(host=host, port=port, sender=sender, security=str(security),
                   **kwargs)  # type: ignore[arg-type]


def smtp_password(username: str | None) -> str | None:
    """The password from ``CHECKIN_SMTP_PASSWORD`` or the system keyring, else None."""
    if not username:
        return None
    from_env = os.environ.get(PASSWORD_ENV)
    if from_env:
        return from_env
    try:
        import keyring  # optional: only offices that keep the password there need it

        return keyring.get_password(KEYRING_SERVICE, username)
    except Exception:  # no keyring package or no backend on this computer
        return None


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def connect(settings: SmtpSettings) -> smtplib.SMTP:
    """An authenticated SMTP connection (the caller quits it)."""
    if settings.security not in ("starttls", "ssl", "none"):
        raise MailConfigError("SMTP_SECURITY", settings.security)
    password = smtp_password(settings.username)
    if settings.username and password is None:
        raise MailConfigError("SMTP_PASSWORD_MISSING", settings.username)
    if settings.security == "none" and not _is_loopback(settings.host):
        raise MailConfigError("SMTP_INSECURE", settings.host)
    context = ssl.create_default_context()
    client: smtplib.SMTP
    if settings.security == "ssl":
        client = smtplib.SMTP_SSL(settings.host, settings.port, timeout=settings.timeout,
                                  context=context)
    else:
        client = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
        if settings.security == "starttls":
            client.starttls(context=context)
            client.ehlo()
    try:
        if settings.username and password is not None:
            client.login(settings.username, password)
    except Exception:
        client.close()
        raise
    return client


def build_message(notice: NoticeData, to: str, settings: SmtpSettings, pdf: bytes
                  ) -> EmailMessage:
    """The notice e-mail: text and HTML alternatives, the QR inline, the PDF attached."""
    day = texts.short_roc_date(notice.day)
    msg = EmailMessage()
    prefix = "【改期】" if notice.previous_day else ""
    msg["Subject"] = f"{prefix}【{texts.TITLE}】{texts.PROGRAMME} {notice.workshop_title} {day}"
    msg["From"] = formataddr((settings.sender_name or notice.organiser, settings.sender))
    msg["To"] = formataddr((notice.name, to))
    if notice.contact_email:
        msg["Reply-To"] = notice.contact_email
    domain = settings.sender.rpartition("@")[2] or None
    msg["Date"] = formatdate(localtime=True)
    msg["Message-ID"] = make_msgid(domain=domain)
    msg["Content-Language"] = "zh-TW"
    qr_cid = make_msgid(domain=domain)
    facts = _facts(notice)
    code = qr_image(notice.token, box_size=8, border=4,
                    error_correction=qrcode.constants.ERROR_CORRECT_Q)
    png = io.BytesIO()
    code.save(png, format="PNG")
    msg.set_content(_plain(notice, facts), charset="utf-8")
    msg.add_alternative(_html(notice, facts, qr_cid[1:-1], code.width), subtype="html",
                        charset="utf-8")
    html_part = msg.get_payload()[1]  # type: ignore[index]
    assert isinstance(html_part, EmailMessage)
    html_part.add_related(png.getvalue(), "image", "png", cid=qr_cid,
                          filename="qrcode.png", disposition="inline")
    msg.add_attachment(pdf, maintype="application", subtype="pdf",
                       filename=f"{texts.TITLE}-{notice.workshop_code}-{notice.name}.pdf")
    return msg


def _facts(notice: NoticeData) -> list[tuple[str, str]]:
    course, standard = texts.COURSES.get(notice.course, (notice.course, ""))
    return [
        ("課程", f"{notice.workshop_title}（{course}：{standard}）"),
        ("日期", f"{texts.roc_date(notice.day)}　{texts.gregorian_date(notice.day)}"),
        ("報到時間", f"{notice.checkin_opens:%H:%M}–{notice.starts:%H:%M}"),
        ("課程時間", f"{notice.starts:%H:%M}–{notice.ends:%H:%M}"),
        ("地點", notice.venue),
        ("地址", notice.address),
        ("姓名", notice.name),
        ("公司", notice.company),
        ("報到代碼", notice.token),
    ]


def _contact(notice: NoticeData) -> str:
    return "　".join(p for p in (notice.organiser, notice.contact_name,
                                 f"電話 {notice.contact_phone}" if notice.contact_phone
                                 else None, notice.contact_email) if p)


def _plain(notice: NoticeData, facts: list[tuple[str, str]]) -> str:
    lines = [f"{notice.name} 君 您好：", ""]
    if notice.previous_day:
        lines += [f"改期通知：原訂 {texts.roc_date(notice.previous_day)} 之場次因故改期，"
                  "新日期如下；QR Code 與報到代碼不變。", ""]
    lines += [f"您已完成「{texts.HOST} {texts.PROGRAMME}」報名，出席通知如下（PDF 如附件）。"
              "報到時請出示附件或本信中的 QR Code；無法掃描時可提供報到代碼。", ""]
    lines += [f"{label}：{value}" for label, value in facts]
    lines += ["", "防疫須知："] + [f"・{rule}" for rule in texts.SCREENING_RULES]
    lines += ["", "注意事項："] + [f"・{note}" for note in texts.NOTES]
    lines += ["", f"聯絡窗口：{_contact(notice)}", "",
              f"{texts.TITLE_EN}: please show the QR code at the check-in desk, "
              f"{notice.checkin_opens:%H:%M}-{notice.starts:%H:%M}, "
              f"{texts.gregorian_date(notice.day)}.", ""]
    return "\n".join(lines)


def _html(notice: NoticeData, facts: list[tuple[str, str]], qr_cid: str, size: int) -> str:
    e = html.escape
    rows = "".join(
        f'<tr><th style="text-align:left;padding:4px 12px 4px 0;white-space:nowrap">{e(k)}</th>'
        f'<td style="padding:4px 0">{e(v)}</td></tr>' for k, v in facts)
    banner = ""
    if notice.previous_day:
        banner = (f'<p style="background:#eee;padding:8px;font-weight:bold">改期通知：原訂 '
                  f"{e(texts.roc_date(notice.previous_day))} 之場次因故改期，新日期如下；"
                  "QR Code 與報到代碼不變。</p>")
    rules = "".join(f"<li>{e(r)}</li>" for r in texts.SCREENING_RULES)
    notes = "".join(f"<li>{e(n)}</li>" for n in texts.NOTES)
    return f"""<!DOCTYPE html>
<html lang="zh-Hant-TW"><head><meta charset="utf-8"><title>{e(texts.TITLE)}</title></head>
<body style="font-family:'Noto Sans TC','Microsoft JhengHei',sans-serif;color:#111">
<h2>{e(texts.HOST)} {e(texts.PROGRAMME)}<br>{e(texts.TITLE)} <small>{e(texts.TITLE_EN)}</small></h2>
{banner}
<p>{e(notice.name)} 君 您好：</p>
<p>您已完成報名，敬請於報到時間內出示下方 QR Code（或附件 PDF）報到；無法掃描時可提供報到代碼。</p>
<p><img src="cid:{e(qr_cid)}" alt="QR Code {e(notice.token)}" width="{size}" height="{size}"
 style="image-rendering:pixelated"></p>
<table>{rows}</table>
<h3>防疫須知</h3><ul>{rules}</ul>
<h3>注意事項</h3><ul>{notes}</ul>
<p>聯絡窗口：{e(_contact(notice))}</p>
</body></html>
"""


@dataclass(frozen=True)
class Letter:
    """A short e-mail of the day (online link, Level-3 alert, cancellation): no attachment."""

    subject: str
    name: str
    paragraphs: tuple[str, ...]
    link: str | None
    facts: tuple[tuple[str, str], ...]
    organiser: str
    contact_email: str | None
    english: str


def build_letter(letter: Letter, to: str, settings: SmtpSettings) -> EmailMessage:
    """The letter as plain text and HTML alternatives, in Traditional Chinese first."""
    msg = EmailMessage()
    msg["Subject"] = letter.subject
    msg["From"] = formataddr((settings.sender_name or letter.organiser, settings.sender))
    msg["To"] = formataddr((letter.name, to))
    if letter.contact_email:
        msg["Reply-To"] = letter.contact_email
    domain = settings.sender.rpartition("@")[2] or None
    msg["Date"] = formatdate(localtime=True)
    msg["Message-ID"] = make_msgid(domain=domain)
    msg["Content-Language"] = "zh-TW"
    lines = [f"{letter.name} 君 您好：", "", *letter.paragraphs, ""]
    if letter.link:
        lines += [letter.link, ""]
    lines += [f"{k}：{v}" for k, v in letter.facts]
    lines += ["", letter.english, ""]
    msg.set_content("\n".join(lines), charset="utf-8")
    e = html.escape
    link = (f'<p><a href="{e(letter.link)}">{e(letter.link)}</a></p>' if letter.link else "")
    rows = "".join(f'<tr><th style="text-align:left;padding:2px 12px 2px 0">{e(k)}</th>'
                   f"<td>{e(v)}</td></tr>" for k, v in letter.facts)
    paragraphs = "".join(f"<p>{e(p)}</p>" for p in letter.paragraphs)
    msg.add_alternative(
        f'<!DOCTYPE html><html lang="zh-Hant-TW"><head><meta charset="utf-8"></head>'
        f"<body><p>{e(letter.name)} 君 您好：</p>{paragraphs}{link}<table>{rows}</table>"
        f"<p lang=\"en\">{e(letter.english)}</p></body></html>\n",
        subtype="html", charset="utf-8")
    return msg

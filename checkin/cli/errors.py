"""Errors in words, once: every ``CodedError`` the command line prints goes through here.

``describe(error)`` looks the error up by its code, never by its class, so a service can add
a new error family without touching the command line; an unknown code still gives one
readable line (the code, then the detail). Lines for the office and the desks are bilingual
(Traditional Chinese first, English second); the scriptable desk commands are English.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from checkin.core.errors import CodedError


class CommandError(CodedError):
    """A problem the user can fix on the command line (a missing file, a bad value).

    ``facts`` are the values the words need (a path, a file name); ``detail`` stays the
    free text of the code's base.
    """

    def __init__(self, code: str, detail: str = "", **facts: Any) -> None:
        super().__init__(code, detail)
        self.facts = facts


def one_line(text: object) -> str:
    """Drivers' and libraries' messages run over several lines; the user gets one."""
    return " ".join(str(text).split())


@contextmanager
def about(subject: object, consequence: str = "") -> Iterator[None]:
    """Name what a coded error raised inside was about, and what it left behind.

    ``with about(path, "nothing was imported"):`` makes a refusal read
    ``path: <words>; nothing was imported`` without the command rewording it.
    """
    try:
        yield
    except CodedError as exc:
        exc.subject = str(subject)  # type: ignore[attr-defined]
        if consequence:
            exc.consequence = consequence  # type: ignore[attr-defined]
        raise


# Words by code. A template with ``{...}`` takes the error's facts (``detail``, ``path``, and
# a CommandError's keyword facts); a plain text gets ": detail" appended when there is one.
WORDS: dict[str, str] = {
    # -- the command line itself
    "NO_DATABASE": "找不到資料庫 no database at {path} (run `{make}` to make one)",
    "BAD_PRIVACY_NOTICE": "個資告知內容無法使用，未變更 the privacy notice text cannot be "
                          "used ({detail}); nothing was changed",
    "UNKNOWN_DECLARATION": "unknown declaration {detail!r}: use travel, contact, symptoms",
    "WORKSHOP_IDS": "場次編號以逗號分隔 --workshops takes ids separated by commas, "
                    "not {detail!r}",
    "NO_WORKSHOP_IDS": "至少需要一個場次 --workshops needs at least one workshop id",
    "FILE_EXISTS": "檔案已存在，請改用其他 --out {path} exists; choose another --out "
                   "(nothing was provisioned)",
    "PROVISIONING_NOT_WRITTEN": "無法寫入佈建檔 cannot write {path} ({detail}); run `checkin "
                                "central revoke-desk {desk}` and provision again",
    "EXPORT_NOT_WRITTEN": "無法寫入匯出檔 cannot write {path}: {detail}",
    "CENTRAL_UNAVAILABLE": "無法開啟中央資料庫 cannot open the central database: {detail}",
    "CENTRAL_REFUSED": "中央資料庫錯誤，{consequence} the central database refused or dropped "
                       "the connection ({kind}: {detail})",
    "FONT_NOT_FOUND": "找不到中文字型 no Chinese font: {detail}",
    "SENDER_MISSING": "請指定寄件者 --from ADDRESS (or set CHECKIN_MAIL_FROM)",
    "SMTP_LOGIN_REFUSED": "SMTP 登入被拒，請檢查帳號與密碼 the SMTP server refused the login of "
                          "{user} (check CHECKIN_SMTP_PASSWORD or the keyring)",
    "SMTP_NOT_SUPPORTED": "SMTP 伺服器不支援此加密或登入方式 {server} does not offer it: "
                          "{detail} (try --security ssl on port 465)",
    "SMTP_NO_LOGIN": "SMTP 伺服器不接受登入：請拿掉 --user {server} offers no login: send "
                     "without --user",
    "SMTP_UNREACHABLE": "無法連線 SMTP cannot connect to {server}: {detail}",
    # -- storage (checkin.db.errors)
    "DATABASE_CORRUPT": "the database file is damaged ({detail}); it was moved aside untouched "
                        "to {path}. Start from a fresh copy (checkin demo --reset, or pull the "
                        "roster again) and keep the damaged file for recovery.",
    "DATABASE_TOO_NEW": "this database was written by a newer version of checkin ({detail}); "
                        "install the newer version. Nothing was changed.",
    "DATABASE_UNAVAILABLE": "cannot open the database: {detail}",
    "STORE_ERROR": "database error: {detail}",
    # -- workshops and notices (services)
    "WORKSHOP_NOT_FOUND": "找不到場次 workshop {detail} is not in this database",
    "WORKSHOP_CANCELLED": "場次已取消 the workshop is cancelled",
    "SMTP_MISSING": "請指定 --smtp HOST:PORT (SMTP server needed)",
    "LINK_INVALID": "連結格式錯誤 not an http(s) link: {detail}",
    "LINK_MISSING": "尚未設定線上課程連結 no online link kept: checkin notices online-link "
                    "--workshop W --set URL",
    "FORMAT_UNKNOWN": "格式錯誤 unknown format",
    "SAME_DAY": "日期未變更 the workshop is already on that date",
    "ALREADY_CANCELLED": "場次已經取消 already cancelled",
    "CANCELLED_NEEDS_REINSTATE": "場次已取消；確定要恢復請加 --reinstate the workshop is "
                                 "cancelled; to schedule it again add --reinstate",
    "TOKEN_NOT_KEPT": "此資料庫未保存代碼（報到端資料庫） this database keeps no tokens",
    # -- scores, certificates, reports (checkin.services.scores, certificates, organiser_report)
    "SCORE_INVALID": "成績須為 0 到 100 的整數 a score is a whole number 0-100, not {detail}",
    "NOT_IN_WORKSHOP": "此人不在本場次，成績未記錄 not in this workshop ({detail}); no score "
                       "was recorded",
    "PERSON_NOT_FOUND": "找不到此人 no such person ({detail}); no score was recorded",
    "SOURCE_UNKNOWN": "未知的成績來源 unknown score source",
    "ENTERED_BY_MISSING": "請指定輸入者 say who enters the score (--by NAME)",
    "CERTIFICATES_USAGE": "請指定 --workshop W --out DIR，或 `checkin certificates verify "
                          "FILE|SERIAL` give --workshop and --out, or verify",
    "NO_CERTIFICATES": "此資料庫未發過受訓證明 this database has issued no certificates",
    "PDF_TOOLS_MISSING": "缺少 PDF 工具 missing PDF tool: {detail}",
    "NOT_A_PDF": "無法讀取 PDF cannot read the PDF",
    "CERTIFICATE_TOO_LONG": "姓名或公司名稱過長，證明放不下 the name or company is too long for "
                            "the certificate",
    "LANG_UNKNOWN": "未知語言 unknown language (zh or en)",
    # -- mail settings (checkin.notices.mail)
    "SMTP_PASSWORD_MISSING": "找不到 SMTP 密碼：請設定 CHECKIN_SMTP_PASSWORD 或系統 keyring "
                             "(no SMTP password in the environment or keyring)",
    "SMTP_INSECURE": "拒絕以未加密連線寄送 refusing an unencrypted connection to a remote host",
    "SMTP_SECURITY": "未知的加密方式 unknown security mode",
    "SMTP_ADDRESS": "SMTP 位址格式為 HOST:PORT",
    # -- registration files (checkin.services.registration_files); the detail is for the log
    "FILE_EMPTY": "檔案是空的 the file is empty{headers}",
    "FILE_UNREADABLE": "無法讀取檔案 cannot read the file ({detail}){headers}",
    "FILE_TOO_LARGE": "檔案過大 file too large{headers}",
    "XLS_NOT_SUPPORTED": "不支援舊版 .xls，請另存為 .xlsx 或 CSV (old .xls: save as .xlsx or "
                         "CSV){headers}",
    "NOT_A_TABLE": "不是表格檔 not a CSV/XLSX table{headers}",
    "ENCODING_UNKNOWN": "無法辨識編碼（非 UTF-8 或 Big5） encoding is neither UTF-8 nor "
                        "Big5{headers}",
    "XLSX_UNREADABLE": "XLSX 檔案損毀或不完整 damaged or truncated XLSX{headers}",
    "UNKNOWN_LAYOUT": "找不到姓名與公司名稱欄位 no name and company columns{headers}",
    "FILE_TRUNCATED": "檔案不完整（在資料列中間截斷），請重新下載 the file is truncated "
                      "(cut in the middle of a row): download it again{headers}",
    # -- sync and the central database (checkin.sync)
    "CENTRAL_ERROR": "中央資料庫設定錯誤 central set-up error",
    "CENTRAL_NOT_POSTGRES": "報到台只能在 PostgreSQL 中央資料庫上設定 desks are provisioned on "
                            "a PostgreSQL central database",
    "DESK_EXISTS": "已有同名報到台 a desk of that name exists",
    "UNKNOWN_DESK": "找不到此報到台 no such desk",
    "UNKNOWN_WORKSHOP": "找不到場次 no such workshop",
    "NOT_LINKED": "此報到台尚未設定中央資料庫，請先執行 this desk is not provisioned: run "
                  "`checkin sync join FILE` first",
    "BAD_PROVISIONING": "佈建檔無法使用 the provisioning file cannot be used",
    "OFFLINE": "無法連線中央資料庫 the central database cannot be reached",
    "DESK_REVOKED": "此報到台已被撤銷 this desk was revoked",
    "LOCAL_STORAGE": "本機無法寫入資料（磁碟已滿或唯讀） this computer could not write: disk "
                     "full or read-only",
    "PLAINTEXT_REFUSED": "拒絕未加密連線：連到其他電腦須經 TLS（佈建時以 --ca-cert 提供憑證） "
                         "refused: a link to another computer without TLS (give the server's "
                         "CA with add-desk --ca-cert)",
    "PLAINTEXT_HEALTH_DATA": "未加密連線不傳送健康資料：請改用 TLS 連線同步 health data never "
                             "travels on a link without TLS: sync over TLS",
}

# A damaged, forged or foreign export file: the detail says which (checkin.sync.transfer).
EXPORT_FILE_WORDS = {
    "FILE_MISSING": "找不到或無法讀取檔案 the file cannot be read",
    "FILE_DAMAGED": "檔案損毀或不完整 the file is damaged or truncated",
    "NOT_AN_EXPORT": "不是報到事件匯出檔 not a checkin export file",
    "UNSUPPORTED_VERSION": "不支援的匯出檔版本 unsupported export version",
    "NO_SEAL": "檔案缺少封印 the file has no seal",
    "UNKNOWN_DESK": "檔案來自未登記的報到台，沒有報到台金鑰封印，任何人都能製作；確認來源後才可加 "
                    "--allow-unsealed 匯入 unknown desk: not sealed with a provisioned desk's "
                    "key, anyone could have written it; only after checking where it came "
                    "from, import it with --allow-unsealed",
    "UNKNOWN_DESK_KEY": "檔案由此中央資料庫不認識的報到台金鑰封印（另一個中央資料庫？） sealed by "
                        "a desk this central database does not know (another central "
                        "database?)",
    "SEAL_MISMATCH": "封印不符：檔案遭修改 the seal does not match: the file was changed",
    "FILE_TRUNCATED": "事件數不符：檔案不完整 event count differs: the file is incomplete",
    "FOREIGN_EVENTS": "檔案含其他報到台的事件 the file holds another desk's events",
}


def _bad_export_file(error: CodedError) -> str:
    words = EXPORT_FILE_WORDS.get(error.detail)
    if words is not None:
        return words
    return "匯出檔無法使用 the export file cannot be used" + (
        f": {one_line(error.detail)}" if error.detail else "")


# Codes whose words depend on more than a template.
SPECIAL: dict[str, Callable[[CodedError], str]] = {"BAD_EXPORT_FILE": _bad_export_file}


class _Facts(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return ""


def _facts(error: CodedError) -> _Facts:
    facts = _Facts({k: v for k, v in vars(error).items() if not k.startswith("_")})
    facts.update(getattr(error, "facts", {}))
    facts["detail"] = one_line(error.detail) or error.code
    headers = tuple(getattr(error, "headers", ()) or ())
    facts["headers"] = f"; 找到的欄位 headers found: {', '.join(headers)}" if headers else ""
    return facts


def describe(error: CodedError) -> str:
    """One line for the user: the words for the error's code, with its facts filled in."""
    special = SPECIAL.get(error.code)
    template = WORDS.get(error.code)
    if special is not None:
        text = special(error)
    elif template is None:
        # A code this version has no words for: still one line that names it.
        detail = one_line(error.detail)
        text = f"{error.code}: {detail}" if detail else error.code
    elif "{" in template:
        text = template.format_map(_facts(error))
    else:
        detail = one_line(error.detail)
        text = f"{template}: {detail}" if detail else template
    subject = getattr(error, "subject", "")
    consequence = getattr(error, "consequence", "")
    return (f"{subject}: " if subject else "") + text + (f"; {consequence}" if consequence
                                                         else "")

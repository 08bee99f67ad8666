"""The privacy notice: what the desk collects at the door, why, and for how long.

Its text is configurable (``checkin privacy set --file F``), stored in the settings of the
office's database under :data:`SETTING` (and :data:`SETTING_EN` for the English desk),
and carried to the desks with the roster. Without one, the defaults below apply. The first
line is the short form (the desk's status bar, the printed notice); the whole text is the
page the desk opens.
"""

from __future__ import annotations

SETTING = "privacy_notice"
SETTING_EN = "privacy_notice.en"
KEYS = (SETTING, SETTING_EN)
MAX_LENGTH = 4000  # characters; a notice, not a document

DEFAULT_ZH = "\n".join((
    "個資告知：報到時量測之體溫與健康聲明僅供 COVID-19 防疫篩檢，講習會結束 28 天後刪除；"
    "出席紀錄由工業局留存。",
    "",
    "報到處蒐集之資料、目的與保存期限：",
    "• 體溫與健康聲明（旅遊史、確診案例接觸史、呼吸道症狀）：僅供 COVID-19 防疫篩檢之用；"
    "有呼吸道症狀者另列追蹤（聯繫、就醫及結果）。以上資料於講習會結束 28 天後，"
    "自報到電腦及中央資料庫刪除。",
    "• 出席紀錄（報到及離場時間、報到處）：供經濟部工業局辦理講習會、核發受訓證明及紀錄留存之用。",
    "• 您可向主辦單位查詢、閱覽或請求更正您的資料，聯絡方式見出席通知之聯絡窗口。",
))

DEFAULT_EN = """\
Privacy: your temperature and health declaration are used only for COVID-19 screening and \
deleted 28 days after the workshop; attendance is kept for the Bureau's records.

What the check-in desk collects, why, and for how long:
• Temperature and health declaration (travel history, contact with a confirmed case, \
respiratory symptoms): only for COVID-19 screening; symptoms open a follow-up (contact, \
doctor's visit, result). All of it is deleted from the desk and the central database 28 \
days after the workshop.
• Attendance (arrival and departure times, desk): kept for the Industrial Development \
Bureau's records of the workshop and its training certificates.
• You may ask the organiser to see or correct your data; see the contact on your notice."""


def default_text(lang: str) -> str:
    return DEFAULT_EN if lang.startswith("en") else DEFAULT_ZH


def setting_key(lang: str) -> str:
    return SETTING_EN if lang.startswith("en") else SETTING


def summary(text: str) -> str:
    """The short form: the first non-empty line."""
    return next((line.strip() for line in text.splitlines() if line.strip()), "")


def check_text(text: str) -> str | None:
    """Why a text cannot be the notice, or None."""
    if not summary(text):
        return "empty"
    if len(text) > MAX_LENGTH:
        return f"longer than {MAX_LENGTH} characters"
    if any((ord(ch) < 32 and ch not in "\n\t") or 0x7F <= ord(ch) < 0xA0 for ch in text):
        return "control characters"
    return None

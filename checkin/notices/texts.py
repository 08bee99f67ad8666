"""The fixed wording of the attendance notice (出席通知), taken from the organiser's brochure.

The notice is a document sent to attendees, in Traditional Chinese with short English
labels; it is not part of the desk's translated user interface.
"""

from __future__ import annotations

from datetime import date

PROGRAMME = "製造業碳盤查暨碳足跡講習會"
HOST = "經濟部工業局"
TITLE = "出席通知"
TITLE_EN = "Attendance Notice"

COURSES = {
    "ghg_inventory": ("碳盤查課程", "ISO 14064-1:2018 溫室氣體盤查"),
    "carbon_footprint": ("碳足跡課程", "ISO 14067:2018 產品碳足跡"),
}

WEEKDAYS_ZH = "一二三四五六日"
WEEKDAYS_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

# 四、COVID-19 防疫管理 (the brochure's wording).
SCREENING_RULES = (
    "近期如有旅遊史、確診案例接觸史或呼吸道症狀者，請勿參加。",
    "報到處將進行體溫量測，體溫超過 37.5°C 不得參加。",
    "請自備醫療級口罩；若有呼吸道症狀，除須配戴口罩外，應暫緩參加並建議主動就醫。",
    "會場將注重通風與消毒，座位保持 1 公尺以上之距離；不提供開放式餐點與水杯。",
)

NOTES = (
    "請於報到時間內出示本通知之 QR Code（紙本或手機畫面皆可）；"
    "無法掃描時，報到人員可輸入 QR Code 下方之代碼。",
    "全程參與課程並於課堂測驗達 80 分以上者，將發給受訓證明。",
    "如遇颱風、地震等天然災害，依行政院人事行政總處之當地停班公告為準，"
    "講習會將另行擇期辦理並重新通知。",
    "為力行環境保護，請搭乘大眾運輸工具並自備餐具、環保杯。",
)


def roc_date(day: date) -> str:
    """中華民國 111 年 4 月 29 日（星期五）."""
    return (f"中華民國 {day.year - 1911} 年 {day.month} 月 {day.day} 日"
            f"（星期{WEEKDAYS_ZH[day.weekday()]}）")


def gregorian_date(day: date) -> str:
    """2022-04-29 (Fri)."""
    return f"{day.isoformat()} ({WEEKDAYS_EN[day.weekday()]})"


def short_roc_date(day: date) -> str:
    """111/4/29（五）, for subjects and tight spaces."""
    return f"{day.year - 1911}/{day.month}/{day.day}（{WEEKDAYS_ZH[day.weekday()]}）"


# The day's other e-mails (the brochure: an online link "opens on the day and is sent by
# e-mail"; a Level-3 alert holds the sessions online instead; a cancellation is told).
ONLINE_LINK_SUBJECT = "【線上課程連結】"
ONLINE_LINK_BODY = (
    "本場次提供線上同步課程，連結於課程當日開放，請於課程時間內由下列連結進入：",
)
LEVEL3_SUBJECT = "【改為線上辦理】"
LEVEL3_BODY = (
    "因應疫情警戒提升至第三級，本場次取消實體課程，改為線上辦理；"
    "原報名資格不變，請於課程時間內由下列連結參加，現場報到處不開放。",
)
CANCEL_SUBJECT = "【場次取消】"
CANCEL_BODY = (
    "很抱歉，本場次已取消，現場不辦理報到；原出席通知之 QR Code 不再適用。"
    "如另行擇期辦理，將重新寄發通知。",
)

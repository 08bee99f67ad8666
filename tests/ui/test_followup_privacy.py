"""The follow-up dialog (status and note) and the privacy notice on the desk."""

from __future__ import annotations

from sqlalchemy import select

from checkin.core.outcomes import Declaration, OutcomeCode
from checkin.db.models_day import FollowupUpdateRow
from checkin.services import privacy
from checkin.services.followups import FollowupStatus

from .staff import scan, screen


def _symptoms(qtbot, desk, token):  # type: ignore[no-untyped-def]
    scan(qtbot, desk, token)
    qtbot.waitUntil(lambda: desk.screening.isVisible())
    desk.screening.checks[Declaration.SYMPTOMS].setChecked(True)
    screen(qtbot, desk, "36.8")
    qtbot.waitUntil(lambda: desk.banner.code is OutcomeCode.DENIED_DECLARATION)
    qtbot.waitUntil(lambda: desk.side.followups.count() == 1)


def test_the_list_shows_the_status_and_the_dialog_records_a_change(qtbot, make_desk, tokens,
                                                                   store):
    desk = make_desk()
    _symptoms(qtbot, desk, tokens["王小明"])
    assert "[待聯繫]" in desk.side.followups.item(0).text()
    desk.side.followups.itemActivated.emit(desk.side.followups.item(0))
    dialog = desk.followup_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.status.setCurrentIndex(dialog.status.findData(FollowupStatus.SAW_DOCTOR.value))
    dialog.note.setPlainText("已就醫，等候結果")
    dialog.accept()
    qtbot.waitUntil(lambda: "[已就醫]" in desk.side.followups.item(0).text())
    with store.sessions() as session:
        [change] = session.scalars(select(FollowupUpdateRow))
        assert (change.status, change.note) == ("saw_doctor", "已就醫，等候結果")
    # A result noted closes it: off the list and the counter.
    desk.side.followups.itemActivated.emit(desk.side.followups.item(0))
    assert desk.followup_dialog.note.toPlainText() == "已就醫，等候結果"
    desk.followup_dialog.status.setCurrentIndex(3)
    desk.followup_dialog.accept()
    qtbot.waitUntil(lambda: desk.side.followups.count() == 0)
    assert desk.side.counters.values["followups"] == 0


def test_the_privacy_line_and_its_page(qtbot, make_desk, store):
    privacy.set_privacy_notice(store.engine, "本場次僅量測體溫，28 天後刪除。\n\n全文第二段。")
    desk = make_desk()
    qtbot.waitUntil(lambda: desk.privacy_line.line == "本場次僅量測體溫，28 天後刪除。")
    assert desk.privacy_line.isVisible()
    desk.privacy_line.click()
    dialog = desk.privacy_dialog
    assert dialog is not None and dialog.isVisible()
    assert "全文第二段。" in dialog.text.toPlainText()
    dialog.reject()


def test_the_default_notice_is_shown_without_a_setting(qtbot, make_desk):
    desk = make_desk()
    qtbot.waitUntil(lambda: desk.privacy_line.line.startswith("個資告知"))
    assert desk.privacy_line.toolTip() == desk.privacy_line.line

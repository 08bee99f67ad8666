"""Follow-ups and health data (issue 10 item 7): a status change from the page, the purge's
preview then the purge, the screening rules saved and named as the desk names them."""

from __future__ import annotations

from datetime import datetime

from checkin.core.clock import TAIPEI, FixedClock
from checkin.core.outcomes import Declaration, OutcomeCode
from checkin.db.store import Store
from checkin.services import followups, screening_rules
from checkin.services.checkin import CheckinService, Who
from checkin.services.followups import FollowupStatus, HealthDataRefused
from checkin.ui import i18n
from checkin.ui.office.followups import FollowupsPage
from checkin.ui.tasks import SyncRunner

from ..conftest import screenshot
from .conftest import office_shot


def symptoms(store: Store, tokens: dict[str, str]) -> None:
    token = next(iter(tokens.values()))
    outcome = CheckinService(store).check_in(1, Who(token=token), "36.6",
                                             [Declaration.SYMPTOMS])
    assert outcome.code is OutcomeCode.DENIED_DECLARATION


def make_page(qtbot, store: Store) -> FollowupsPage:  # type: ignore[no-untyped-def]
    page = FollowupsPage(store, SyncRunner())
    qtbot.addWidget(page)
    page.resize(1300, 820)
    page.show()
    page.refresh()
    return page


def test_status_change_from_the_page(qtbot, language, store: Store,
                                     tokens: dict[str, str]) -> None:
    symptoms(store, tokens)
    page = make_page(qtbot, store)
    assert page.workshop_box.currentData() == 1
    assert page.model.rowCount() == 1
    page.view.selectRow(0)
    assert page.save_button.isEnabled()
    page.status_box.setCurrentIndex(page.status_box.findData("contacted"))
    page.note.setText("已電話聯繫，建議就醫")  # keyClicks takes ASCII only
    page.save_button.click()
    [item] = followups.followups(store, 1)
    assert (item.status, item.note) == (FollowupStatus.CONTACTED, "已電話聯繫，建議就醫")
    assert page.model.index(0, 5).data() == "已電話聯繫，建議就醫"
    assert page.note.text() == ""
    office_shot(page, "health", language)

    # Result noted closes it: off the list unless closed ones are asked for.
    page.view.selectRow(0)
    page.status_box.setCurrentIndex(page.status_box.findData("result_noted"))
    page.save_button.click()
    assert page.model.rowCount() == 0
    page.closed_box.setChecked(True)
    assert page.model.rowCount() == 1


def test_purge_preview_then_purge(qtbot, chinese, store: Store, clock: FixedClock,
                                  tokens: dict[str, str]) -> None:
    symptoms(store, tokens)
    page = make_page(qtbot, store)
    page.preview_button.click()
    assert not page.purge_button.isEnabled()  # the workshop was today: nothing to delete
    clock.current = datetime(2022, 5, 28, 10, 0, tzinfo=TAIPEI)  # 29 days later
    page.preview_button.click()
    text = page.purge_text.text()
    assert "1 筆篩檢紀錄" in text and "1 筆後續追蹤" in text
    assert page.purge_button.isEnabled()
    assert len(followups.followups(store, 1)) == 1  # the preview deleted nothing
    page.purge_button.click()
    assert followups.followups(store, 1) == []
    assert page.model.rowCount() == 0
    assert "已刪除" in page.purge_text.text()
    assert not page.purge_button.isEnabled()


def test_a_login_without_the_right_is_told_so(qtbot, chinese, store: Store) -> None:
    class Refusing(SyncRunner):
        def run(self, fn, *args, on_done=None, on_error=None):  # type: ignore[no-untyped-def]
            if fn is followups.office_followups:
                assert on_error is not None
                on_error(HealthDataRefused())
                return
            super().run(fn, *args, on_done=on_done, on_error=on_error)

    page = FollowupsPage(store, Refusing())
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    assert page.refused.isVisible() and not page.view.isVisible()
    assert "無權讀取健康資料" in page.refused.text()


def test_rules_saved_in_the_office_are_named_on_the_desk(qtbot, language, store: Store,
                                                         make_desk) -> None:
    page = make_page(qtbot, store)
    rules = page.rules
    assert rules.second.isChecked()  # the desk's rule until now: one second reading
    rules.from_day.setDate(rules.from_day.date().addDays(-28))
    rules.no_second.setChecked(True)
    assert not rules.rest.isEnabled()
    rules.save_button.click()
    assert not screening_rules.rules_on(store, rules.day()).second_reading
    if language == "zh_TW":
        assert "篩檢：>37.5°C 不得入場（不複測）" in rules.shown.text()
    office_shot(page, "health-rules", language)
    window = make_desk()  # starts in zh_TW: the desk's language
    i18n.install_language(language)
    window.retranslate()
    shown = window.header.screening_rule.full_text()
    assert shown == ("篩檢：>37.5°C 不得入場（不複測）" if language == "zh_TW"
                     else "Screening: >37.5 °C may not attend (no re-measure)")
    screenshot(window, f"header-no-second-reading-{language}")


def test_the_desk_denies_at_the_first_reading_over_when_the_rules_say_so(
        qtbot, chinese, store: Store, make_desk, tokens: dict[str, str]) -> None:
    """The desk, under rules set in the office without a second reading: no rest, no
    re-measure, the banner says why."""
    from datetime import date

    from ..staff import scan, screen

    screening_rules.set_rules(store, date(2022, 4, 1), threshold="37.5", second_reading=False,
                              rest_minutes=5, questions=list(Declaration))
    desk = make_desk()
    scan(qtbot, desk, tokens["王小明"])
    screen(qtbot, desk, "37.8")
    qtbot.waitUntil(lambda: desk.banner.code is OutcomeCode.DENIED_FEVER)
    assert "不複測" in desk.banner.hint.text() and "37.5" in desk.banner.hint.text()
    screenshot(desk, "denied-no-second-reading")

"""After the day (issue 10 item 8): each button runs the command's service and writes files."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from checkin.core.clock import TAIPEI, FixedClock
from checkin.db.models import RegistrationRow
from checkin.db.store import Store
from checkin.services.checkin import CheckinService, Who
from checkin.ui.office.after_day import AfterDayPage
from checkin.ui.tasks import SyncRunner

from .conftest import office_shot


def one_day(store: Store, clock: FixedClock) -> RegistrationRow:
    """Someone of workshop 1 who came at 08:45 and left at 16:00: eligible with a score."""
    with store.sessions() as session:
        person = session.scalars(select(RegistrationRow).where(
            RegistrationRow.workshop_id == 1, RegistrationRow.status == "registered")
            .order_by(RegistrationRow.id)).first()
        assert person is not None and person.token
        session.expunge(person)
    desk = CheckinService(store)
    desk.check_in(1, Who(token=person.token), "36.5")
    clock.current = datetime(2022, 4, 29, 16, 0, tzinfo=TAIPEI)
    desk.check_out(1, Who(token=person.token))
    return person


def test_buttons_write_scores_certificates_and_reports(qtbot, language, store: Store,
                                                      clock: FixedClock,
                                                      tmp_path: Path) -> None:
    person = one_day(store, clock)
    scores = tmp_path / "scores.csv"
    scores.write_bytes(("系統編號,測驗成績\n" f"{person.id},88\n" "999999,70\n")
                       .encode("utf-8-sig"))
    out = tmp_path / "out"
    page = AfterDayPage(store, SyncRunner())
    qtbot.addWidget(page)
    page.resize(1100, 600)
    page.show()
    page.refresh()
    assert page.workshop_box.count() == 10 and page.workshop() == "IDB2201"
    page.out_dir.setText(str(out))
    page.choose_scores_file = lambda: scores  # type: ignore[method-assign]

    page.scores_button.click()
    assert "IDB2201" in page.log.toPlainText()
    assert "999999" not in page.log.toPlainText()  # the unmatched row is named by its line
    assert "line 3" in page.log.toPlainText() or "第 3 列" in page.log.toPlainText()

    page.certificates_button.click()
    [pdf] = out.glob("IDB2201-0001-*.pdf")
    assert pdf.read_bytes().startswith(b"%PDF")

    page.report_button.click()
    assert (out / "report-IDB2201.pdf").read_bytes().startswith(b"%PDF")
    page.format_box.setCurrentIndex(page.format_box.findData("xlsx"))
    page.summary_button.click()
    assert (out / "report-all.xlsx").stat().st_size > 0
    assert all(b.isEnabled() for b in page.buttons)
    office_shot(page, "after-day", language)


def test_a_failure_is_said_and_the_buttons_come_back(qtbot, chinese, store: Store,
                                                   tmp_path: Path) -> None:
    page = AfterDayPage(store, SyncRunner())
    qtbot.addWidget(page)
    page.refresh()
    broken = tmp_path / "broken.csv"
    broken.write_text("姓名\n王小明\n", encoding="utf-8")  # no score column
    page.choose_scores_file = lambda: broken  # type: ignore[method-assign]
    page.scores_button.click()
    assert "失敗" in page.log.toPlainText()
    assert all(b.isEnabled() for b in page.buttons)

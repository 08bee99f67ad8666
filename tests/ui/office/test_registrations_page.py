"""The registrations page: the sample file through the wizard, then the roster."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from checkin.db.store import Store
from checkin.services.office_queries import workshop_roster
from checkin.ui import i18n
from checkin.ui.office.registrations import SAMPLE, RegistrationsPage
from checkin.ui.tasks import SyncRunner

from .conftest import shot


def _cells(model, column: int) -> list[str]:  # type: ignore[no-untyped-def]
    return [model.index(r, column).data() for r in range(model.rowCount())]


@pytest.mark.parametrize("lang", ["zh_TW", "en"])
def test_import_the_sample_through_the_wizard(qtbot, office: Store, lang: str) -> None:  # type: ignore[no-untyped-def]
    i18n.install_language(lang)
    try:
        page = RegistrationsPage(office, SyncRunner())
        qtbot.addWidget(page)
        page.resize(1100, 760)
        assert not page.apply.isEnabled()
        page.workshop.setCurrentIndex(page.workshop.findData(1))  # the sample's workshop
        page.open_file(SAMPLE)
        # The dry run: every row with its issues, nothing written yet.
        assert page.report_model.rowCount() == 20
        assert workshop_roster(office, 1) == []
        issues = " ".join(_cells(page.report_model, 5))
        if lang == "en":
            assert "Malformed e-mail [hsinyi.yang@dali-metal]" in issues
            assert "Company limit reached: waitlisted" in issues
            assert "Phone normalised" in issues
            assert page.totals.text().startswith("Dry run")
        else:
            assert "電子郵件格式錯誤" in issues and "同公司已滿額" in issues
        assert page.apply.isEnabled()
        qtbot.mouseClick(page.apply, Qt.MouseButton.LeftButton)
        assert len(workshop_roster(office, 1)) == 20
        assert page.roster_model.rowCount() == 20
        # The roster: a status filter and a search.
        page.status.setCurrentIndex(page.status.findData("waitlisted"))
        assert _cells(page.roster_model, 0) == ["劉佳穎"]
        page.status.setCurrentIndex(0)
        page.search.setText("精密")  # typed through an input method: text, not key codes
        assert sorted(_cells(page.roster_model, 0)) == ["張家豪", "黃雅婷"]
        page.search.clear()
        page.open_file(SAMPLE)  # the same file again: every row unchanged
        assert set(_cells(page.report_model, 3)) == {"Unchanged" if lang == "en" else "未變更"}
        shot(page, f"registrations-{lang}")
    finally:
        i18n.install_language("zh_TW")


def test_a_broken_file_changes_nothing(qtbot, office: Store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    i18n.install_language("en")
    try:
        bad = tmp_path / "bad.csv"
        bad.write_text("foo,bar\n1,2\n", encoding="utf-8")
        page = RegistrationsPage(office, SyncRunner())
        qtbot.addWidget(page)
        page.open_file(bad)
        assert "UNKNOWN_LAYOUT" in page.totals.text()
        assert not page.apply.isEnabled()
    finally:
        i18n.install_language("zh_TW")

"""The office window on the embedded file and on a real central PostgreSQL database."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import numpy as np
import pytest
import zxingcpp
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox
from sqlalchemy import select

from checkin.core.outcomes import OutcomeCode
from checkin.db.engine import sqlite_url
from checkin.db.models import RegistrationRow
from checkin.db.office_home import remembered_url
from checkin.db.store import Store
from checkin.services.checkin import CheckinService, Who
from checkin.services.registrations import import_registrations
from checkin.sync.link import read_link
from checkin.sync.runner import join
from checkin.ui import i18n
from checkin.ui.office.desks import DesksPage
from checkin.ui.office.notices import NoticesPage
from checkin.ui.office.window import OfficeWindow
from checkin.ui.office.workshops import CancelDialog, RescheduleDialog, WorkshopsPage
from tests.ui.conftest import ARTIFACTS
from tests.ui.test_layout import clipped, overlaps

from .conftest import window_on

HEADER = "報名編號,姓名,公司名稱,統一編號,電子郵件,手機,場次\n"


def _page(window: OfficeWindow, kind: type) -> object:
    return next(p for p in window.pages() if isinstance(p, kind))


def _cell(page: WorkshopsPage, code: str, column: int) -> str:
    row = next(n for n, r in enumerate(page.model.rows) if r.code == code)
    return str(page.model.index(row, column).data())


def _row(page: WorkshopsPage, code: str):  # type: ignore[no-untyped-def]
    return next(r for r in page.model.rows if r.code == code)


def _import(store: Store, tmp_path: Path, rows: list[str]) -> None:
    path = tmp_path / "reg.csv"
    path.write_text(HEADER + "".join(r + "\n" for r in rows), encoding="utf-8")
    import_registrations(store, path, "IDB2201")


def test_the_window_opens_on_the_embedded_file_and_says_so(qtbot, chinese, embedded, home):
    store, database = embedded
    assert database.embedded and database.url == sqlite_url(home / "office.sqlite3")
    window = window_on(qtbot, store, database)
    label = window.findChild(QLabel, "office_database")
    assert str(home / "office.sqlite3") in label.text()
    page = _page(window, WorkshopsPage)
    assert len(page.model.rows) == 10 and page.findChild(QLabel, "embedded_note").isVisible()
    window.tabs.setCurrentWidget(_page(window, DesksPage))
    assert window.findChild(QLabel, "desks_need_central").isVisible()
    assert remembered_url() is None and not (home / "desk.sqlite3").exists()


def test_counts_move_with_an_import_and_an_arrival(qtbot, chinese, embedded, tmp_path):
    store, database = embedded
    window = window_on(qtbot, store, database)
    page = _page(window, WorkshopsPage)
    assert _cell(page, "IDB2201", 4) == "0"
    _import(store, tmp_path, ["A1,王小明,臺灣綠能股份有限公司,,wang@example.com,0912345678,1",
                              "A2,陳美麗,南港電子,,chen@example.com,0912345679,1"])
    page.timer.timeout.emit()  # what the 15-second timer does
    assert _cell(page, "IDB2201", 4) == "2" and _cell(page, "IDB2201", 7) == "0"
    with store.sessions() as session:
        token = session.scalars(select(RegistrationRow.token)
                                .where(RegistrationRow.workshop_id == 1)).first()
    outcome = CheckinService(store).check_in(1, Who(token=token), temperature="36.5")
    assert outcome.code is OutcomeCode.ADMITTED
    page.timer.timeout.emit()
    assert _cell(page, "IDB2201", 7) == "1" and _cell(page, "IDB2202", 7) == "0"


def _dialog_ok(dialog: RescheduleDialog | CancelDialog) -> None:
    dialog.ok.click()


def test_reschedule_and_cancel_and_a_cancelled_one_needs_the_reinstate(qtbot, chinese, embedded):
    store, database = embedded
    window = window_on(qtbot, store, database)
    page = _page(window, WorkshopsPage)
    page.select(3)
    page.reschedule_button.click()
    dialog = page.dialog
    assert isinstance(dialog, RescheduleDialog) and not dialog.reinstate.isVisible()
    dialog.day.setDate(date(2022, 5, 20))
    dialog.reason.setText("颱風停班")
    _dialog_ok(dialog)
    assert _cell(page, "IDB2203", 1) == "2022-05-20"
    assert "2022-05-20" in page.message.text()
    # The notices that follow: the notices page opens on that workshop, ready to send.
    notices = _page(window, NoticesPage)
    assert window.tabs.currentWidget() is notices
    assert notices.workshop.currentText().startswith("IDB2203 ")
    assert "新日期" in notices.state.text()
    window.tabs.setCurrentWidget(page)

    page.select(3)
    page.cancel_button.click()
    assert isinstance(page.dialog, CancelDialog)
    _dialog_ok(page.dialog)
    assert _row(page, "IDB2203").status == "cancelled" and not page.cancel_button.isEnabled()
    assert window.tabs.currentWidget() is notices and "取消通知" in notices.state.text()
    window.tabs.setCurrentWidget(page)

    # Asked without the reinstate, the service refuses and the page says why.
    page.reschedule(3, date(2022, 5, 27), None)
    assert _row(page, "IDB2203").status == "cancelled" and "取消" in page.message.text()
    page.select(3)
    page.reschedule_button.click()
    dialog = page.dialog
    assert isinstance(dialog, RescheduleDialog) and dialog.reinstate.isVisible()
    assert not dialog.ok.isEnabled()
    dialog.day.setDate(date(2022, 5, 27))
    dialog.reinstate.setChecked(True)
    assert dialog.ok.isEnabled()
    _dialog_ok(dialog)
    assert _row(page, "IDB2203").status == "scheduled" and _cell(page, "IDB2203", 1) == "2022-05-27"


def test_desks_added_and_revoked_on_the_real_postgresql(qtbot, chinese, central, central_url,
                                                          tmp_path):
    store, database = central
    assert not database.embedded and remembered_url() == central_url
    window = window_on(qtbot, store, database)
    assert database.shown in window.findChild(QLabel, "office_database").text()
    assert _page(window, WorkshopsPage).findChild(QLabel, "embedded_note") is None
    page = _page(window, DesksPage)
    window.tabs.setCurrentWidget(page)
    page.add_button.click()
    dialog = page.dialog
    assert not dialog.ok.isEnabled()
    qtbot.keyClicks(dialog.name, "front-1")
    dialog.check(1)
    dialog.ok.click()
    assert [(d.name, d.workshops, d.revoked) for d in page.model.rows] == [
        ("front-1", (1,), False)]
    assert page.join_panel.isVisible() and page.provisioned is not None
    path = page.provisioned.path
    assert path.exists() and path.stat().st_mode & 0o077 == 0

    # The QR code on the screen reads back (zxing-cpp) as the provisioning file's content.
    image = page.qr.pixmap().toImage().convertToFormat(QImage.Format.Format_Grayscale8)
    pixels = np.frombuffer(image.constBits(), np.uint8).reshape(
        image.height(), image.bytesPerLine())[:, :image.width()]
    found = zxingcpp.read_barcodes(pixels)
    assert len(found) == 1
    scanned = found[0].text
    assert json.loads(scanned) | {"ca_cert": None, "insecure_plaintext": False} == \
        json.loads(path.read_text("utf-8"))
    # ...and `checkin sync join` takes that text.
    desk_url = sqlite_url(tmp_path / "desk.sqlite3")
    with Store.open(desk_url) as desk:
        link = join(desk, desk_url, scanned)
        assert (link.desk_name, desk.desk_id) == ("front-1", read_link(path).desk_id)

    page.select("front-1")
    page.revoke_button.click()
    box = page.dialog
    assert isinstance(box, QMessageBox)
    next(b for b in box.buttons()
         if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole).click()
    assert page.model.rows[0].revoked and "front-1" in page.message.text()


@pytest.mark.parametrize("lang", ["zh_TW", "en"])
def test_no_overlaps_at_1366x768_and_screenshots(qtbot, qapp, lang, embedded, central):
    i18n.install_language(lang)
    try:
        for kind, (store, database) in (("embedded", embedded), ("central", central)):
            window = window_on(qtbot, store, database)
            desks = _page(window, DesksPage)
            if kind == "central":
                desks.add("front-1", [1, 2])
            for index in range(window.tabs.count()):
                window.tabs.setCurrentIndex(index)
                QApplication.processEvents()
                name = f"office-{kind}-{index}-{lang}"
                ARTIFACTS.mkdir(exist_ok=True)
                window.grab().save(str(ARTIFACTS / f"{name}.png"))
                assert overlaps(window) + clipped(window) == [], name
            for dialog in _dialogs(qtbot, window):
                shot = ARTIFACTS / f"office-{kind}-{dialog.objectName()}-{lang}.png"
                dialog.grab().save(str(shot))
                assert overlaps(dialog) + clipped(dialog) == [], dialog.objectName()
                dialog.reject()
    finally:
        i18n.install_language("zh_TW")


def _dialogs(qtbot, window: OfficeWindow) -> list:  # type: ignore[no-untyped-def]
    """The cancel dialog, then (the workshop cancelled) the reschedule dialog with its
    reinstate box, and on a central database the add-desk dialog."""
    page = _page(window, WorkshopsPage)
    found = []
    page.select(1)
    page.cancel_button.click()
    found.append(page.dialog)
    page.dialog.ok.click()
    page.select(1)
    page.reschedule_button.click()
    found.append(page.dialog)
    desks = _page(window, DesksPage)
    if desks.central:
        desks.add_button.click()
        found.append(desks.dialog)
    for dialog, name in zip(found, ("cancel", "reschedule", "add-desk"), strict=False):
        dialog.setObjectName(name)
        dialog.show()
        qtbot.waitExposed(dialog)
    return found

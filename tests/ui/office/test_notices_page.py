"""The notices page: a send paused in the middle and resumed; the Level-3 alert; preview."""

from __future__ import annotations

import pytest

from checkin.db.store import Store
from checkin.services.registrations import import_registrations
from checkin.services.workshops_admin import workshop_overview
from checkin.ui import i18n
from checkin.ui.office.notices import NoticesPage
from checkin.ui.office.registrations import SAMPLE
from checkin.ui.tasks import SyncRunner

from .conftest import Mailbox, shot


@pytest.mark.parametrize("lang", ["zh_TW", "en"])
def test_send_pause_resume_and_level3(qtbot, office: Store, mailbox: Mailbox,  # type: ignore[no-untyped-def]
                                      lang: str) -> None:
    i18n.install_language(lang)
    try:
        import_registrations(office, SAMPLE, 1)
        page = NoticesPage(office, SyncRunner())
        qtbot.addWidget(page)
        page.resize(1200, 700)
        page.workshop.setCurrentIndex(page.workshop.findData(1))
        page.smtp.setText(f"{mailbox.host}:{mailbox.port}")
        page.sender_field.setText("notice@tgpf.example")
        page.security.setCurrentIndex(page.security.findData("none"))

        def pause_after_five(done: int, _total: int) -> None:
            if done == 5 and page.sending:
                page.pause_or_resume()
        page.progressed.connect(pause_after_five)
        page.send("notices")
        assert len(mailbox.messages) == 6  # the message in hand goes out, then it stops
        assert page.pause_button.isEnabled()  # now Resume
        page.progressed.disconnect(pause_after_five)
        page.pause_or_resume()
        # 19 registered (one waitlisted); the malformed address is listed with its reason.
        assert len(mailbox.messages) == 18
        assert [(r.name, r.error) for r in page.failures.rows] == [("楊欣怡", "EMAIL_INVALID")]
        assert page.failures.index(0, 2).data() == (
            "Malformed e-mail address" if lang == "en" else "電子郵件格式錯誤")
        assert page.progress.value() == page.progress.maximum()
        page.preview()
        assert page.picture.pixmap() is not None and not page.picture.pixmap().isNull()
        shot(page, f"notices-{lang}")
        page.link.setText("https://meet.example.org/idb2201")
        page.send("level3")
        assert [w.status for w in workshop_overview(office) if w.id == 1] == ["online"]
        assert len(mailbox.messages) == 18 + 19  # registered and the waitlist, good addresses
    finally:
        i18n.install_language("zh_TW")

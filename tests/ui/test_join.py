"""A join QR code scanned at the desk window links it to a real central database, with the
supervisor PIN; without it nothing changes."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QPushButton

from checkin.core.outcomes import OutcomeCode
from checkin.db.engine import open_database
from checkin.sync.central import add_desk
from checkin.sync.link import DeskLink, credentials_path, link_text, load_link
from tests.sync.conftest import Central, central, pg_template  # noqa: F401  (fixtures)

from .conftest import PIN
from .staff import scan, screen


def provision(central: Central, name: str, desk_id: str | None = None) -> DeskLink:  # noqa: F811
    engine = open_database(central.url)
    try:
        return add_desk(engine, name, (1,), desk_id=desk_id)
    finally:
        engine.dispose()


def pin_dialog(qtbot, desk):  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: desk.supervisor_dialog is not None
                    and desk.supervisor_dialog.isVisible())
    return desk.supervisor_dialog


def test_a_join_code_scanned_with_the_pin_links_the_desk(qtbot, make_desk, store,
                                                         central: Central) -> None:  # noqa: F811
    from checkin.ui import desk_sync

    link = provision(central, "台中-1", desk_id=store.desk_id)
    desk = make_desk()
    desk_sync.add_sync(desk, store, desk.desk_url, kiosk=False)
    assert not desk.findChildren(desk_sync.ExchangeDriver)  # not linked yet: no exchanges
    scan(qtbot, desk, link_text(link))
    dialog = pin_dialog(qtbot, desk)
    # Staff see where the desk goes and as whom before the PIN.
    assert "台中-1" in dialog.purpose.text() and central.dbname in dialog.purpose.text()
    assert desk.banner.code is None  # never looked up as a person
    dialog.pin.setText(PIN)
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: credentials_path(desk.desk_url).exists())
    assert load_link(desk.desk_url) == link
    assert store.desk_name == "台中-1" and "台中-1" in desk.desk.text()
    assert "台中-1" in desk.banner.title.text() and desk.banner.code is None
    assert central.dbname in desk.banner.detail.text()
    # The sync starts as for a desk started linked: exchanges and the end-of-day sync.
    [driver] = desk.findChildren(desk_sync.ExchangeDriver)
    assert desk.findChild(QPushButton, "end_of_day_sync") is not None
    qtbot.waitUntil(lambda: driver.last is not None, timeout=20_000)
    driver.stop()
    driver.runner.wait()


def test_a_join_code_with_the_pin_cancelled_changes_nothing(qtbot, make_desk, store,
                                                            central: Central) -> None:  # noqa: F811
    link = provision(central, "台中-2")
    desk = make_desk()
    desk_id = store.desk_id
    scan(qtbot, desk, link_text(link))
    dialog = pin_dialog(qtbot, desk)
    dialog.reject()
    cancelled = QCoreApplication.translate(
        "DeskWindow", "The supervisor PIN was cancelled: nothing changed.")
    qtbot.waitUntil(lambda: desk.banner.detail.text() == cancelled)
    assert cancelled == "已取消主管密碼：未做任何變更。"  # in words, in the desk's language
    assert not credentials_path(desk.desk_url).exists()
    assert (store.desk_id, store.desk_name) == (desk_id, "front-1")
    assert "front-1" in desk.desk.text() and desk.banner.code is None


def test_a_desk_with_events_of_its_own_refuses_another_identity(qtbot, make_desk, store, tokens,
                                                                central: Central) -> None:  # noqa: F811
    link = provision(central, "台中-3")  # a new desk id
    desk = make_desk()
    scan(qtbot, desk, tokens["王小明"])
    screen(qtbot, desk, "36.5")
    qtbot.waitUntil(lambda: desk.banner.code is OutcomeCode.ADMITTED)
    scan(qtbot, desk, link_text(link))
    dialog = pin_dialog(qtbot, desk)
    dialog.pin.setText(PIN)
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: "events" in desk.banner.detail.text())
    assert store.desk_id in desk.banner.detail.text()  # BadProvisioning's own words
    assert not credentials_path(desk.desk_url).exists()
    assert store.desk_name == "front-1"


def test_a_damaged_join_code_is_refused_in_words(qtbot, make_desk, store) -> None:
    desk = make_desk()
    scan(qtbot, desk, '{"format":"checkin-desk-link","url":"x"}')
    qtbot.waitUntil(lambda: desk.banner.detail.text() != "")
    assert desk.supervisor_dialog is None and desk.banner.code is None
    assert not credentials_path(desk.desk_url).exists()

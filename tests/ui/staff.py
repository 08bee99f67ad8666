"""What staff do at the desk, as keys and clicks: shared by the window's tests."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import update
from sqlalchemy.exc import OperationalError

from checkin.core.outcomes import OutcomeCode
from checkin.db.models import RegistrationRow

from .conftest import PIN


def scan(qtbot, desk, token: str, enter: bool = True) -> None:  # type: ignore[no-untyped-def]
    """A USB scanner: the whole code in one burst into whatever has the focus."""
    target = desk.focusWidget() or desk.search.field
    qtbot.keyClicks(target, token)
    if enter:
        qtbot.keyClick(target, Qt.Key.Key_Return)


def screen(qtbot, desk, temperature: str) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: desk.screening.isVisible() and desk.screening.isEnabled())
    field = desk.screening.temperature
    assert desk.focusWidget() is field  # no mouse needed: the focus is already there
    qtbot.keyClicks(field, temperature)
    # Typed keys are held back for one scanner gap, then replayed into the field.
    qtbot.waitUntil(lambda: field.text() == temperature)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def start_typing(qtbot, desk, text: str) -> None:  # type: ignore[no-untyped-def]
    field = desk.screening.temperature
    qtbot.keyClicks(field, text)
    qtbot.waitUntil(lambda: field.text() == text)


def fill_company(qtbot, desk, tokens) -> None:  # type: ignore[no-untyped-def]
    for name in ("王小明", "李佳蓉"):
        scan(qtbot, desk, tokens[name])
        screen(qtbot, desk, "36.5")
        qtbot.waitUntil(lambda: desk.banner.code is OutcomeCode.ADMITTED)


def rested(qtbot, desk, tokens, clock) -> None:  # type: ignore[no-untyped-def]
    scan(qtbot, desk, tokens["王小明"])
    screen(qtbot, desk, "38.2")
    qtbot.waitUntil(lambda: desk.banner.code is OutcomeCode.REMEASURE)
    clock.advance(minutes=5, seconds=6)


def supervisor_approves(qtbot, desk, reason: str, name: str = "陳主任") -> None:  # type: ignore[no-untyped-def]
    assert desk.banner.override_button.isVisible()
    qtbot.mouseClick(desk.banner.override_button, Qt.MouseButton.LeftButton)
    dialog = desk.supervisor_dialog
    qtbot.waitUntil(lambda: dialog.isVisible())
    dialog.supervisor.setText(name)
    dialog.reason.setText(reason)
    dialog.pin.setText(PIN)
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: not dialog.isVisible())


def set_status(store, name: str, status: str) -> None:  # type: ignore[no-untyped-def]
    with store.sessions.begin() as session:
        session.execute(update(RegistrationRow).where(RegistrationRow.name == name,
                                                      RegistrationRow.workshop_id == 1)
                        .values(status=status))


def disk_error(*_args: object) -> None:
    raise OperationalError("INSERT", {}, Exception("disk I/O error"))

"""Actions only a supervisor may take: the PIN is asked for, and checked, before they run.

The PIN hash is deliberately slow, so it is checked off the GUI thread through the runner.
Texts keep the "DeskWindow" translation context they were written under.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from checkin.db.errors import storage_problem
from checkin.services.supervisor_pin import PinCheck
from checkin.ui.backend import DeskBackend
from checkin.ui.messages import storage_problem_text
from checkin.ui.supervisor import SupervisorDialog
from checkin.ui.tasks import Runner

Granted = Callable[[str, str], None]  # (supervisor's name, reason)


class SupervisorGate:
    """Opens the :class:`SupervisorDialog` for ``parent`` and runs an action once granted."""

    def __init__(self, backend: DeskBackend, runner: Runner, parent: QWidget) -> None:
        self.backend, self.runner, self.parent = backend, runner, parent
        self.dialog: SupervisorDialog | None = None  # the last one opened

    def require(self, purpose: str, needs_reason: bool, granted: Granted,
                cancelled: Callable[[], None] | None = None) -> None:
        """Ask for the supervisor PIN (off-thread check); call ``granted(name, reason)``,
        or ``cancelled()`` when the dialog is closed without it."""
        self.runner.run(self.backend.pin_is_set, on_done=lambda is_set: self._open(
            purpose, needs_reason, granted, create=not is_set, cancelled=cancelled))

    def _open(self, purpose: str, needs_reason: bool, granted: Granted, create: bool,
              cancelled: Callable[[], None] | None = None) -> None:
        dialog = SupervisorDialog(purpose, needs_reason, create_pin=create, parent=self.parent)
        self.dialog = dialog
        if cancelled is not None:
            dialog.rejected.connect(cancelled)

        def checked(result: PinCheck, name: str, reason: str) -> None:
            if result.ok:
                dialog.accept()
                granted(name, reason)
            else:
                dialog.refused(result.retry_after_s)

        def submitted(name: str, pin: str, reason: str) -> None:
            def failed(exc: BaseException) -> None:
                dialog.failed(storage_problem_text(storage_problem(exc)))

            if create:
                self.runner.run(self.backend.set_pin, pin, on_done=lambda ok: checked(
                    PinCheck(ok=bool(ok)), name, reason), on_error=failed)
            else:
                self.runner.run(self.backend.verify_pin, pin,
                                on_done=lambda result: checked(result, name, reason),
                                on_error=failed)

        dialog.submitted.connect(submitted)
        dialog.open()

    def override(self, shown_name: str, granted: Granted) -> None:
        """Lift a door rule for the person named; ``granted(name, reason)`` then lifts it."""
        self.require(QCoreApplication.translate(
            "DeskWindow", "Override the door rule for %1.").replace("%1", shown_name),
            True, granted)

    def undo(self, event_id: str, undone: Callable[[], None],
             failed: Callable[[BaseException], None]) -> None:
        """Void a mistaken arrival, with the supervisor's name and reason."""
        def granted(name: str, reason: str) -> None:
            self.runner.run(self.backend.void, event_id, name, reason,
                            on_done=lambda _id: undone(), on_error=failed)

        self.require(QCoreApplication.translate("DeskWindow", "Undo a mistaken arrival."),
                     True, granted)

    def join(self, server: str, desk_name: str, granted: Callable[[], None],
             cancelled: Callable[[], None]) -> None:
        """Link the desk to another central database: its sync then goes there."""
        self.require(QCoreApplication.translate(
            "DeskWindow", "Link this desk to the central database %1 as desk %2? Its "
            "sync then goes there.").replace("%1", server).replace("%2", desk_name),
            False, lambda _name, _reason: granted(), cancelled)

    def leave_kiosk(self, granted: Callable[[], None]) -> None:
        self.require(QCoreApplication.translate("DeskWindow", "Leave kiosk mode."), False,
                     lambda _name, _reason: granted())

    def open_settings(self, granted: Callable[[], None]) -> None:
        self.require(QCoreApplication.translate("DeskWindow", "Open the settings."), False,
                     lambda _name, _reason: granted())

"""The sync dialog and status widget as staff see them (offscreen Qt, real sync functions)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from checkin.sync.runner import desk_status, probe, sync_desk
from checkin.ui.sync_dialog import SyncDialog
from checkin.ui.sync_status import SyncStatusWidget
from checkin.ui.tasks import ThreadRunner

from .conftest import Central, Desk
from .test_roundtrip import admit


def test_dialog_runs_the_sync_off_the_gui_thread_and_shows_the_report(
        qtbot, central: Central, desk_factory) -> None:
    desk: Desk = desk_factory("desk-a")
    assert sync_desk(desk.store, desk.link).done
    admit(desk, central, central.people(1)[0])
    admit(desk, central, central.people(1)[1])
    runner = ThreadRunner()
    dialog = SyncDialog(lambda progress: sync_desk(desk.store, desk.link, progress=progress,
                                                   batch_size=1), runner=runner)
    qtbot.addWidget(dialog)
    seen: list[int] = []
    dialog.bar.valueChanged.connect(seen.append)
    with qtbot.waitSignal(dialog.finished_report, timeout=20_000):
        qtbot.mouseClick(dialog.start_button, __import__("PySide6.QtCore").QtCore.Qt
                         .MouseButton.LeftButton)
    assert dialog.report is not None and dialog.report.done
    assert dialog.bar.value() == 100 and len(seen) > 2
    text = dialog.text.toPlainText()
    assert "2" in text and dialog.start_button.isEnabled()
    assert dialog.report.sent == 2


def test_status_widget_shows_offline_pending_and_then_synced(qtbot, central: Central,
                                                             desk_factory) -> None:
    desk: Desk = desk_factory("desk-a")
    online = {"up": False}
    widget = SyncStatusWidget(lambda: desk_status(desk.store, desk.link),
                              lambda: online["up"] and probe(desk.link),
                              runner=ThreadRunner(), interval_ms=0)
    qtbot.addWidget(widget)
    assert sync_desk(desk.store, desk.link).done
    admit(desk, central, central.people(1)[0])
    widget.refresh()
    qtbot.waitUntil(lambda: widget.status is not None and widget.status.pending == 1,
                    timeout=10_000)
    assert widget.online is False and "1" in widget.pending_label.text()
    online["up"] = True
    assert sync_desk(desk.store, desk.link).done
    widget.refresh()
    qtbot.waitUntil(lambda: widget.online is True and widget.status.pending == 0,
                    timeout=10_000)
    assert "0" in widget.pending_label.text()
    assert widget.last_label.text() != widget.tr("Never synced")

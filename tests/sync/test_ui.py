"""The sync dialog and status widget as staff see them (offscreen Qt, real sync functions)."""

from __future__ import annotations

import os
import time
from datetime import UTC, datetime

import pytest

from checkin.cli.sync import describe_report as cli_describe
from checkin.sync.runner import DeskStatus, SyncReport, sync_desk
from checkin.sync.verify import ArrivalRecord, Duplicate

from .conftest import Central, Desk
from .test_roundtrip import admit

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from checkin.sync.runner import desk_status, probe
from checkin.ui.sync_dialog import SyncDialog
from checkin.ui.sync_status import SyncStatusWidget
from checkin.ui.tasks import ThreadRunner


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


def test_dialog_says_the_disk_is_the_problem(qtbot) -> None:
    from checkin.ui.sync_dialog import SyncDialog

    dialog = SyncDialog(lambda progress: SyncReport())
    qtbot.addWidget(dialog)
    text = dialog.describe(SyncReport(status="LOCAL_STORAGE", pending=2))
    assert "LOCAL_STORAGE" not in text.splitlines()[0]
    assert "disk" in text.splitlines()[0] or "磁碟" in text.splitlines()[0]


@pytest.fixture
def new_york(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """A laptop set to another time zone than the workshop's."""
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_duplicate_arrivals_are_reported_in_taipei_time(new_york) -> None:
    at = datetime(2022, 4, 29, 0, 45, tzinfo=UTC)  # 08:45 in Taipei
    dup = Duplicate(1, 7, "王小明", (ArrivalRecord("desk-a", at, "e1"),
                                     ArrivalRecord("desk-b", at.replace(minute=48), "e2")))
    assert "first 08:45 at desk-a" in cli_describe(SyncReport(status="DONE",
                                                              duplicates=[dup]))


def test_last_sync_is_shown_in_taipei_time_whatever_the_laptop_zone(qtbot, new_york
                                                                    ) -> None:
    from checkin.ui.sync_status import SyncStatusWidget

    status = DeskStatus(linked=True, desk_name="desk-a", pending=0, set_aside=0,
                        last_sync_at=datetime(2022, 4, 29, 9, 30, tzinfo=UTC),
                        ready_for_offline=True)
    widget = SyncStatusWidget(lambda: status, lambda: True, interval_ms=0)
    qtbot.addWidget(widget)
    widget.status = status
    widget._show()
    assert "17:30" in widget.last_label.text()


def test_exchange_driver_runs_on_a_worker_and_after_an_arrival(qtbot, central: Central,
                                                               desk_factory) -> None:
    from checkin.sync.exchange import DeskExchange
    from checkin.sync.schedule import ExchangeSchedule
    from checkin.ui.sync_status import ExchangeDriver

    desk: Desk = desk_factory("desk-a")
    assert sync_desk(desk.store, desk.link).done
    exchange = DeskExchange(desk.store, desk.link)
    threads: list[object] = []

    def run():  # type: ignore[no-untyped-def]
        threads.append(__import__("threading").current_thread())
        return exchange.run()

    now = {"t": 0.0}
    driver = ExchangeDriver(run, ExchangeSchedule(interval=30, debounce=2),
                            runner=ThreadRunner(), clock=lambda: now["t"], tick_ms=0)
    widget = SyncStatusWidget(lambda: desk_status(desk.store, desk.link), lambda: True,
                              runner=ThreadRunner(), interval_ms=0)
    qtbot.addWidget(widget)
    driver.exchanged.connect(widget.exchanged)
    with qtbot.waitSignal(driver.exchanged, timeout=20_000) as first:
        driver.start()
    assert first.args[0].ok
    assert threads[0] is not __import__("threading").main_thread()
    qtbot.waitUntil(lambda: widget.exchange_label.text() != "", timeout=10_000)
    assert widget.online is True and widget.exchange_label.isVisibleTo(widget)
    # An arrival told from the desk's worker thread reaches the plan on the GUI thread.
    admit(desk, central, central.people(1)[0])
    teller = __import__("threading").Thread(target=driver.arrived)
    teller.start()
    teller.join()
    qtbot.waitUntil(lambda: driver.schedule.due_at() == 2.0, timeout=5_000)
    now["t"] = 1.0
    driver.tick()
    assert len(threads) == 1
    now["t"] = 2.0
    with qtbot.waitSignal(driver.exchanged, timeout=20_000) as second:
        driver.tick()
    assert second.args[0].sent == 1
    exchange.close()


def test_offline_exchanges_are_quiet(qtbot, caplog) -> None:
    from checkin.sync.exchange import ExchangeReport
    from checkin.sync.schedule import ExchangeSchedule
    from checkin.ui.sync_status import ExchangeDriver
    from checkin.ui.tasks import SyncRunner

    now = {"t": 0.0}
    driver = ExchangeDriver(lambda: ExchangeReport(status="OFFLINE"), ExchangeSchedule(),
                            runner=SyncRunner(), clock=lambda: now["t"], tick_ms=0)
    caplog.set_level("INFO", logger="checkin.ui.sync_status")
    driver.start()
    for _ in range(20):
        now["t"] = driver.schedule.due_at() or 0.0
        driver.tick()
    assert driver.schedule.wait() == 300  # backed off
    assert len(caplog.records) == 1 and caplog.records[0].levelname == "INFO"


def test_each_stored_check_in_tells_the_exchanges(qtbot) -> None:
    from checkin.core.outcomes import Outcome, OutcomeCode
    from checkin.ui.desk_sync import _after_each_arrival

    class Backend:
        def check_in(self, code: OutcomeCode) -> Outcome:
            return Outcome(code, event_id="e1" if code is OutcomeCode.ADMITTED else None)

    told: list[int] = []
    backend = Backend()
    _after_each_arrival(backend, lambda: told.append(1))  # type: ignore[arg-type]
    assert backend.check_in(OutcomeCode.NOT_REGISTERED).code is OutcomeCode.NOT_REGISTERED
    assert told == []
    assert backend.check_in(OutcomeCode.ADMITTED).code is OutcomeCode.ADMITTED
    assert told == [1]


def test_desk_window_talks_to_the_other_desk(qtbot, central: Central, desk_factory,
                                             tmp_path) -> None:
    """The wiring as run_desk does it: B's window learns A's arrival, and tells its own."""
    from checkin.core.outcomes import OutcomeCode
    from checkin.db.models import WorkshopRow
    from checkin.services import desk_queries
    from checkin.ui import desk_sync, i18n
    from checkin.ui.backend import DeskBackend
    from checkin.ui.main_window import DeskWindow
    from checkin.ui.sounds import SoundBoard
    from checkin.ui.tasks import SyncRunner
    from tests.ui.staff import scan, screen

    i18n.install_language("zh_TW")
    a: Desk = desk_factory("desk-a")
    b: Desk = desk_factory("desk-b")
    for desk in (a, b):
        assert sync_desk(desk.store, desk.link).done
    known, new = central.people(1)[0], central.people(1)[1]
    admit(a, central, known)
    assert sync_desk(a.store, a.link).done
    with b.store.sessions() as session:
        code = session.get(WorkshopRow, 1).code  # type: ignore[union-attr]
    info = desk_queries.startup_report(b.store, code).info
    assert info is not None
    window = DeskWindow(DeskBackend.create(b.store, 1), info, SyncRunner(),
                        sounds=SoundBoard(tmp_path / "sounds", enabled=False))
    qtbot.addWidget(window)
    window.resize(1400, 860)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    desk_sync.add_sync(window, b.store, b.url, kiosk=False)
    [driver] = window.findChildren(desk_sync.ExchangeDriver)
    # At start the window exchanges at once: A's arrival comes down.
    qtbot.waitUntil(lambda: driver.last is not None, timeout=20_000)
    assert driver.last.ok and driver.last.pulled_events == 1
    scan(qtbot, window, central.token(known))
    qtbot.waitUntil(lambda: window.banner.code is OutcomeCode.ALREADY_IN, timeout=10_000)
    # B admits someone: the exchange a moment later (not in 30 s) carries it up.
    scan(qtbot, window, central.token(new))
    screen(qtbot, window, "36.5")
    qtbot.waitUntil(lambda: window.banner.code is OutcomeCode.ADMITTED, timeout=10_000)
    qtbot.waitUntil(lambda: central.scalar(
        "SELECT count(*) FROM events WHERE registration_id = %s", new) == 1, timeout=20_000)
    driver.stop()
    driver.runner.wait()  # type: ignore[attr-defined]

"""When a desk exchanges during the day: the Qt-free plan, driven by plain numbers."""

from __future__ import annotations

from checkin.sync.schedule import ExchangeSchedule


def run_once(plan: ExchangeSchedule, at: float, reached: bool = True) -> None:
    assert plan.due(at)
    plan.begin(at)
    assert not plan.due(at) and plan.due_at() is None  # never two at once
    plan.finished(at, reached)


def test_nothing_before_start_then_at_once_then_every_interval() -> None:
    plan = ExchangeSchedule()
    assert not plan.due(0) and plan.due_at() is None
    plan.start(0)
    run_once(plan, 0)
    assert not plan.due(29.9) and plan.due(30)
    run_once(plan, 30)
    assert plan.due_at() == 60


def test_an_arrival_is_exchanged_after_a_short_debounce() -> None:
    plan = ExchangeSchedule(interval=30, debounce=2)
    plan.start(0)
    run_once(plan, 0)
    plan.arrived(5)
    assert not plan.due(6.9) and plan.due(7)
    run_once(plan, 7)
    assert plan.due_at() == 37  # the interval counts from the last exchange


def test_a_steady_queue_is_exchanged_within_max_delay() -> None:
    plan = ExchangeSchedule(interval=30, debounce=2, max_delay=10)
    plan.start(0)
    run_once(plan, 0)
    for second in range(5, 20):  # a scan every second: the debounce alone would never end
        plan.arrived(second)
    assert plan.due_at() == 15


def test_an_arrival_during_an_exchange_asks_for_another_right_after() -> None:
    plan = ExchangeSchedule(interval=30, debounce=2)
    plan.start(0)
    plan.begin(0)
    plan.arrived(0.5)
    assert not plan.due(1)
    plan.finished(3, reached=True)
    assert plan.due_at() == 5


def test_offline_backs_off_and_arrivals_do_not_knock_harder() -> None:
    plan = ExchangeSchedule(interval=30, max_backoff=300)
    plan.start(0)
    now, waits = 0.0, []
    for _ in range(6):
        run_once(plan, now, reached=False)
        at = plan.due_at()
        assert at is not None
        waits.append(at - now)
        plan.arrived(now + 1)
        assert plan.due_at() == at  # an arrival does not bring the next try forward
        now = at
    assert waits == [30, 60, 120, 240, 300, 300]
    assert not plan.online
    run_once(plan, now, reached=True)
    assert plan.online and plan.due_at() == now + 30


def test_paused_while_the_end_of_day_sync_runs() -> None:
    plan = ExchangeSchedule()
    plan.start(0)
    plan.paused = True
    assert not plan.due(100)
    plan.paused = False
    assert plan.due(100)

"""The debouncer (one code, many frames) and the newest-frame-wins slot."""

from __future__ import annotations

import threading
import time

import pytest

from checkin.scanning.debounce import Debouncer
from checkin.scanning.latest import LatestSlot


def test_the_same_payload_is_accepted_once_per_window() -> None:
    debouncer = Debouncer(window_s=3.0)
    assert debouncer.accept("A", 100.0)
    assert not debouncer.accept("A", 100.03)  # the next frame
    assert not debouncer.accept("A", 102.99)
    assert debouncer.accept("A", 103.0)
    assert not debouncer.accept("A", 104.0)


def test_different_payloads_do_not_block_each_other() -> None:
    debouncer = Debouncer()
    assert debouncer.accept("A", 0.0)
    assert debouncer.accept("B", 0.1)
    assert not debouncer.accept("A", 0.2)
    assert not debouncer.accept("B", 0.3)


def test_a_notice_held_up_stays_quiet_when_the_window_extends() -> None:
    debouncer = Debouncer(window_s=3.0, extend_while_seen=True)
    assert debouncer.accept("A", 0.0)
    for frame in range(1, 300):  # ten seconds at 30 frames a second
        assert not debouncer.accept("A", frame / 30)
    assert debouncer.accept("A", 299 / 30 + 3.0)  # out of sight for a whole window


def test_a_clock_stepping_back_does_not_repeat_a_payload() -> None:
    debouncer = Debouncer()
    assert debouncer.accept("A", 50.0)
    assert not debouncer.accept("A", 10.0)


def test_many_payloads_are_forgotten_once_out_of_the_window() -> None:
    debouncer = Debouncer(window_s=1.0)
    for i in range(1000):
        assert debouncer.accept(f"P{i}", float(i))
    assert len(debouncer._seen) < 100
    assert debouncer.accept("P0", 2000.0)
    with pytest.raises(ValueError):
        Debouncer(window_s=-1)


def test_the_slot_hands_over_the_newest_item_and_counts_the_dropped() -> None:
    slot: LatestSlot[int] = LatestSlot()
    assert slot.put(1) is False
    assert slot.put(2) is True
    assert slot.put(3) is True
    assert slot.dropped == 2
    assert slot.take(0) == 3
    assert slot.take(0.01) is None
    assert slot.put(4) is False


def test_take_waits_for_a_put_from_another_thread() -> None:
    slot: LatestSlot[str] = LatestSlot()
    timer = threading.Timer(0.05, slot.put, args=("frame",))
    timer.start()
    assert slot.take(5.0) == "frame"
    timer.join()


def test_close_wakes_a_waiting_consumer_and_refuses_items() -> None:
    slot: LatestSlot[int] = LatestSlot()
    got: list[int | None] = []
    consumer = threading.Thread(target=lambda: got.append(slot.take()))
    consumer.start()
    time.sleep(0.05)
    slot.close()
    consumer.join(timeout=5)
    assert not consumer.is_alive()
    assert got == [None]
    assert slot.closed
    assert slot.put(1) is False
    assert slot.take(0) is None


def test_a_fast_producer_and_a_slow_consumer_lose_only_stale_items() -> None:
    slot: LatestSlot[int] = LatestSlot()
    produced = 20_000
    taken: list[int] = []
    done = threading.Event()

    def produce() -> None:
        for i in range(produced):
            slot.put(i)
        done.set()

    def consume() -> None:
        while True:
            item = slot.take(0.5)
            if item is None:
                if done.is_set():
                    return
                continue
            taken.append(item)
            time.sleep(0.0005)  # decoding takes longer than a frame arrives

    threads = [threading.Thread(target=produce), threading.Thread(target=consume)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert taken == sorted(set(taken))  # never an older item after a newer one
    assert taken[-1] == produced - 1  # the last frame is always decoded
    assert len(taken) + slot.dropped == produced  # every item taken or counted as dropped
    assert slot.dropped > 0


def test_two_producers_never_lose_count() -> None:
    slot: LatestSlot[tuple[int, int]] = LatestSlot()
    per_producer = 5_000
    taken = 0
    stop = threading.Event()

    def produce(who: int) -> None:
        for i in range(per_producer):
            slot.put((who, i))

    def consume() -> None:
        nonlocal taken
        while True:
            if slot.take(0.01) is not None:
                taken += 1
            elif stop.is_set():
                return

    consumer = threading.Thread(target=consume)
    consumer.start()
    producers = [threading.Thread(target=produce, args=(who,)) for who in (1, 2)]
    for thread in producers:
        thread.start()
    for thread in producers:
        thread.join(timeout=30)
    stop.set()
    consumer.join(timeout=30)
    while slot.take(0) is not None:
        taken += 1
    assert taken + slot.dropped == 2 * per_producer

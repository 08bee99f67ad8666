"""Guarantee 1: green means stored. Killing the desk at random moments loses nothing shown.

A child process (kill_child.py) forks workers that check people in continuously and print
each acknowledged event id; this test SIGKILLs them at random moments, hundreds of times,
and after every kill checks that each acknowledged event (with its outbox row) is in the
file and that ``PRAGMA integrity_check`` is ok.
"""

from __future__ import annotations

import contextlib
import os
import queue
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from enginekit import build_workshop

KILLS = int(os.environ.get("CHECKIN_KILLS", "200"))
CHILD = Path(__file__).with_name("kill_child.py")


class Child:
    """The kill_child.py process with a reader thread, so reads can time out."""

    def __init__(self, url: str) -> None:
        self.proc = subprocess.Popen([sys.executable, str(CHILD), url], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for raw in self.proc.stdout:
            self.lines.put(raw.decode().strip())

    def send(self, line: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write((line + "\n").encode())
        self.proc.stdin.flush()

    def expect(self, word: str, acks: list[str], timeout: float = 30) -> list[str]:
        """Read lines until one starts with ``word``; collect ACKed event ids on the way."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                line = self.lines.get(timeout=max(0.01, deadline - time.monotonic()))
            except queue.Empty:
                raise AssertionError(f"child said nothing; stderr: {self.stderr()}") from None
            parts = line.split()
            if parts[0] == "ACK":
                acks.append(parts[2])
            elif parts[0] == "ERROR":
                raise AssertionError(f"worker failed: {line}")
            if parts[0] == word:
                return parts

    def wait_acks(self, wanted: int, acks: list[str], timeout: float = 30) -> None:
        """Read until the worker acknowledged ``wanted`` check-ins in this round."""
        deadline = time.monotonic() + timeout
        while len(acks) < wanted:
            try:
                line = self.lines.get(timeout=max(0.01, deadline - time.monotonic()))
            except queue.Empty:
                raise AssertionError(f"no acknowledgements; stderr: {self.stderr()}") from None
            parts = line.split()
            if parts[0] == "ACK":
                acks.append(parts[2])
            elif parts[0] in ("ERROR", "DONE", "EXIT"):
                raise AssertionError(f"worker stopped early: {line}")

    def stderr(self) -> str:
        if self.proc.poll() is None:
            return "(still running)"
        assert self.proc.stderr is not None
        return self.proc.stderr.read().decode(errors="replace")[-2000:]

    def close(self) -> None:
        if self.proc.poll() is None:
            self.send("QUIT")
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def check_file(path: Path, acked: set[str]) -> int:
    """Every acknowledged event and its outbox row are present; the file is sound."""
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        stored = {r[0] for r in conn.execute("SELECT id FROM events")}
        missing = acked - stored
        assert not missing, f"{len(missing)} acknowledged events lost, e.g. {min(missing)}"
        # One scan is one transaction, even when killed: no event without its outbox row,
        # and no screening or follow-up without its event.
        assert conn.execute("SELECT count(*) FROM events e WHERE NOT EXISTS "
                            "(SELECT 1 FROM outbox o WHERE o.event_id = e.id)").fetchone() == (0,)
        assert conn.execute("SELECT count(*) FROM screenings s WHERE NOT EXISTS "
                            "(SELECT 1 FROM events e WHERE e.id = s.event_id)").fetchone() == (0,)
        assert conn.execute("SELECT count(*) FROM events WHERE outcome IN "
                            "('ADMITTED', 'REMEASURE', 'DENIED_DECLARATION') AND id NOT IN "
                            "(SELECT event_id FROM screenings)").fetchone() == (0,)
        return len(stored)
    finally:
        conn.close()


@pytest.mark.slow
def test_random_kills_lose_no_acknowledged_event(tmp_path: Path) -> None:
    built = build_workshop(tmp_path, 30 * KILLS + 500, capacity=1_000_000,
                           company_cap=1_000_000)
    rng = random.Random(int(os.environ.get("CHECKIN_KILL_SEED", "20220429")))
    child = Child(built.url)
    acked: set[str] = set()
    killed = killed_checking_in = rounds_with_acks = 0
    try:
        for round_no in range(KILLS):
            acks: list[str] = []
            child.send(f"GO {rng.randrange(1 << 30)}")
            pid = int(child.expect("STARTED", acks)[1])
            starting = rng.random() < 0.15
            if starting:
                # Kill while the desk is starting: opening, checking, migrating the file.
                time.sleep(rng.uniform(0, 0.05))
            else:
                child.expect("READY", acks)
                # Let it acknowledge a few check-ins, then kill somewhere inside the next
                # one (each takes a few milliseconds): independent of the machine's speed.
                child.wait_acks(rng.randrange(0, 6), acks)
                time.sleep(rng.uniform(0, 0.008))
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            status = int(child.expect("EXIT", acks)[2])
            if os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL:
                killed += 1
                killed_checking_in += not starting
            rounds_with_acks += bool(acks)
            acked.update(acks)
            check_file(built.path, acked)
            assert round_no < 5 or acked, "the worker never acknowledged a check-in"
    finally:
        child.close()
    # The harness really killed writers, many times: otherwise the test proves nothing.
    assert killed >= KILLS * 0.9
    assert killed_checking_in >= KILLS * 0.7
    assert rounds_with_acks >= KILLS * 0.5
    assert len(acked) >= KILLS

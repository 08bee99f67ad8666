"""Child process of the kill harness (tests/engine/test_engine_kill.py).

It imports the engine once, then forks a worker for every ``GO <seed>`` line on stdin. A
worker opens the store (as a restarted desk would) and checks people in as fast as it can,
writing ``ACK <pid> <event id>`` to stdout right after each check-in returned: the moment the
desk would turn the screen green. The parent SIGKILLs workers at random moments; forking
from this warm process keeps each restart cheap, so hundreds of kills fit in a short test.

Usage: kill_child.py SQLITE_URL
"""

from __future__ import annotations

import os
import random
import sys
from datetime import datetime

from sqlalchemy import select

from checkin.core.clock import TAIPEI, FixedClock
from checkin.core.outcomes import Declaration
from checkin.db.models import EventRow, RegistrationRow
from checkin.db.store import Store
from checkin.services.checkin import CheckinService, Who

MORNING = datetime(2022, 4, 29, 8, 45, tzinfo=TAIPEI)


def say(line: str) -> None:
    # One write per line: atomic on a pipe, unbuffered, so nothing acknowledged is lost
    # in a stdio buffer when the worker is killed.
    os.write(1, (line + "\n").encode())


def worker(url: str, seed: int) -> None:
    pid = os.getpid()
    store = Store.open(url, clock=FixedClock(MORNING), desk_name="kill-desk")
    desk = CheckinService(store)
    with store.sessions() as session:
        seen = select(EventRow.registration_id).where(EventRow.registration_id.is_not(None))
        todo = list(session.scalars(
            select(RegistrationRow.id).where(RegistrationRow.workshop_id == 1,
                                             RegistrationRow.id.not_in(seen))
            .order_by(RegistrationRow.id)))
    say(f"READY {pid} {len(todo)}")
    rng = random.Random(seed)
    for registration_id in todo:
        # A mix of outcomes: admissions, fever re-measurements, declarations with follow-ups.
        roll = rng.random()
        if roll < 0.1:
            outcome = desk.check_in(1, Who(registration_id=registration_id),
                                    temperature="36.5", declared=[Declaration.SYMPTOMS])
        elif roll < 0.2:
            outcome = desk.check_in(1, Who(registration_id=registration_id),
                                    temperature="38.2")
        else:
            outcome = desk.check_in(1, Who(registration_id=registration_id),
                                    temperature="36.5")
        if outcome.event_id is not None:
            say(f"ACK {pid} {outcome.event_id} {outcome.code.value}")
        else:
            say(f"NOACK {pid} {outcome.code.value}")
    say(f"DONE {pid}")
    store.close()


def main() -> None:
    url = sys.argv[1]
    for line in sys.stdin:
        parts = line.split()
        if not parts:
            continue
        if parts[0] == "QUIT":
            break
        if parts[0] != "GO":
            continue
        pid = os.fork()
        if pid == 0:
            code = 0
            try:
                worker(url, int(parts[1]))
            except BaseException as exc:  # report, never fall back into the parent's loop
                say(f"ERROR {os.getpid()} {type(exc).__name__}: {exc}")
                code = 1
            finally:
                os._exit(code)
        say(f"STARTED {pid}")
        _, status = os.waitpid(pid, 0)
        say(f"EXIT {pid} {status}")


if __name__ == "__main__":
    main()

"""The supervisor PIN of a desk: argon2-hashed, with a growing delay after wrong tries.

The PIN guards undo, overrides and leaving the kiosk. It is stored in the desk's settings,
so restarting the desk resets neither the PIN nor the count of wrong tries.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy.exc import SQLAlchemyError

from checkin.db import repo
from checkin.db.store import Store

log = logging.getLogger(__name__)

PIN_HASH = "supervisor_pin_hash"
PIN_FAILURES = "supervisor_pin_failures"
PIN_LOCKED_UNTIL = "supervisor_pin_locked_until"
MIN_PIN_LENGTH = 4
MAX_PIN_LENGTH = 64
# Wrong tries are free up to this many; then each further one doubles the wait.
FREE_TRIES = 2
MAX_DELAY_S = 300.0

# Argon2id with the library's defaults (64 MiB, t=3): a slow hash, so a copied database
# does not give the PIN away by brute force over the small PIN space in seconds.
_HASHER = PasswordHasher()


@dataclass(frozen=True)
class PinCheck:
    """Result of a PIN try: ``ok``, or how long to wait before the next try is even checked."""

    ok: bool
    retry_after_s: float = 0.0
    not_set: bool = False



def pin_is_set(store: Store) -> bool:
    with store.sessions() as session:
        return repo.get_setting(session, PIN_HASH) is not None


def set_pin(store: Store, new_pin: str, current_pin: str | None = None) -> bool:
    """Set the supervisor PIN; changing an existing one needs the current PIN.

    Returns False (and changes nothing) when the current PIN is wrong.
    """
    pin = new_pin.strip()
    if not (MIN_PIN_LENGTH <= len(pin) <= MAX_PIN_LENGTH):
        raise ValueError(f"a PIN has {MIN_PIN_LENGTH}-{MAX_PIN_LENGTH} characters")
    if pin_is_set(store) and not verify_pin(store, current_pin or "").ok:
        return False
    digest = _HASHER.hash(pin)
    with store.sessions.begin() as session:
        repo.set_setting(session, PIN_HASH, digest)
        repo.set_setting(session, PIN_FAILURES, "0")
        repo.set_setting(session, PIN_LOCKED_UNTIL, "")
    return True


def pin_delay_s(failures: int) -> float:
    """The wait after ``failures`` wrong tries in a row: 0, 0, then 2, 4, 8 ... up to 5 min."""
    if failures <= FREE_TRIES:
        return 0.0
    return min(MAX_DELAY_S, 2.0 ** (failures - FREE_TRIES))


def verify_pin(store: Store, pin: str, now: datetime | None = None) -> PinCheck:
    """Check a supervisor PIN, refusing to even look while a growing delay runs.

    The failure count and the lock's end are stored, so restarting the desk does not reset
    them. Uses the real clock (not demo time): the delay protects against a person at the
    kiosk, who lives in real time.
    """
    now = now or datetime.now(UTC)
    with store.sessions() as session:
        digest = repo.get_setting(session, PIN_HASH)
        failures = int(repo.get_setting(session, PIN_FAILURES) or 0)
        locked = repo.get_setting(session, PIN_LOCKED_UNTIL) or ""
    if digest is None:
        return PinCheck(ok=False, not_set=True)
    if locked:
        until = datetime.fromisoformat(locked)
        if now < until:
            return PinCheck(ok=False, retry_after_s=(until - now).total_seconds())
    try:
        ok: bool = _HASHER.verify(digest, pin.strip()[:MAX_PIN_LENGTH])
    except (VerificationError, InvalidHashError):
        ok = False
    if not ok:
        failures += 1
    delay = 0.0 if ok else pin_delay_s(failures)
    try:
        with store.sessions.begin() as session:
            repo.set_setting(session, PIN_FAILURES, "0" if ok else str(failures))
            repo.set_setting(session, PIN_LOCKED_UNTIL,
                             (now + timedelta(seconds=delay)).isoformat() if delay else "")
    except SQLAlchemyError as exc:
        # A full disk must not lock the supervisor out (of leaving the kiosk, of overriding)
        # nor turn a wrong PIN into a right one: the answer stands, only the count is lost.
        log.error("supervisor PIN bookkeeping not stored: %s", exc)
    return PinCheck(ok=True) if ok else PinCheck(ok=False, retry_after_s=delay)

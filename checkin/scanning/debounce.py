"""One code in front of the camera is seen in many frames; it must be checked in once."""

from __future__ import annotations


class Debouncer:
    """Accept a payload once per ``window_s`` seconds.

    :meth:`accept` is False when the same payload was accepted less than ``window_s`` ago.
    With ``extend_while_seen`` the window restarts at every sighting instead, so a notice
    held in front of the camera for longer than the window is still accepted only once
    (instead of flashing "already checked in" after the green screen); it is accepted again
    once it has been out of sight for ``window_s``. Times come from the caller (a monotonic
    clock), so tests need no sleeping.
    """

    def __init__(self, window_s: float = 3.0, extend_while_seen: bool = False) -> None:
        if window_s < 0:
            raise ValueError("window_s must not be negative")
        self.window_s = window_s
        self.extend_while_seen = extend_while_seen
        self._seen: dict[str, float] = {}

    def accept(self, payload: str, t_s: float) -> bool:
        """True the first time ``payload`` is offered within the window, False after."""
        last = self._seen.get(payload)
        # A clock that stepped back (last > t_s) counts as "within the window": a missed
        # repeat costs a second scan, a doubled one a confusing red screen.
        if last is not None and t_s - last < self.window_s:
            if self.extend_while_seen:
                self._seen[payload] = max(last, t_s)
            return False
        self._seen[payload] = t_s
        if len(self._seen) > 64:
            self._forget_before(t_s - self.window_s)
        return True

    def reset(self) -> None:
        """Forget everything (e.g. when the desk switches to another workshop)."""
        self._seen.clear()

    def _forget_before(self, cutoff: float) -> None:
        self._seen = {p: t for p, t in self._seen.items() if t >= cutoff}

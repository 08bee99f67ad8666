"""Run service functions off the GUI thread and hand results back on the GUI thread.

Widgets call ``runner.run(fn, *args, on_done=..., on_error=...)``; the callbacks always
run on the GUI thread. Tests swap in :class:`SyncRunner`, which runs everything at once.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from typing import Any, Protocol, cast

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


class Runner(Protocol):
    def run(self, fn: Callable[..., Any], *args: Any, on_done: Done | None = None,
            on_error: Failed | None = None) -> None: ...


def _default_error(exc: BaseException) -> None:
    log.error("background task failed: %s",
              "".join(traceback.format_exception(type(exc), exc, exc.__traceback__)))


class SyncRunner:
    """Runs the function immediately on the calling thread (tests, benchmarks)."""

    def run(self, fn: Callable[..., Any], *args: Any, on_done: Done | None = None,
            on_error: Failed | None = None) -> None:
        try:
            result = fn(*args)
        except Exception as exc:
            (on_error or _default_error)(exc)
            return
        if on_done is not None:
            on_done(result)


class _Relay(QObject):
    """Lives on the GUI thread; a queued signal carries results back to it."""

    finished = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.finished.connect(self._deliver)

    @Slot(object)
    def _deliver(self, packet: object) -> None:
        callback, value = cast(tuple[Callable[[Any], None] | None, Any], packet)
        if callback is not None:
            callback(value)


class _Job(QRunnable):
    def __init__(self, relay: _Relay, fn: Callable[..., Any], args: tuple[Any, ...],
                 on_done: Done | None, on_error: Failed) -> None:
        super().__init__()
        self.relay, self.fn, self.args = relay, fn, args
        self.on_done, self.on_error = on_done, on_error

    def run(self) -> None:
        try:
            result = self.fn(*self.args)
        except Exception as exc:
            self.relay.finished.emit((self.on_error, exc))
            return
        self.relay.finished.emit((self.on_done, result))


class ThreadRunner:
    """A single worker thread: desk actions run one at a time, in the order staff made them.

    One thread (not a pool) because SQLite has one writer anyway and order matters: a scan
    followed by Enter must be decided in that order.
    """

    def __init__(self) -> None:
        self.pool = QThreadPool()
        self.pool.setMaxThreadCount(1)
        self.relay = _Relay()

    def run(self, fn: Callable[..., Any], *args: Any, on_done: Done | None = None,
            on_error: Failed | None = None) -> None:
        self.pool.start(_Job(self.relay, fn, args, on_done, on_error or _default_error))

    def wait(self, msecs: int = 5000) -> bool:
        return self.pool.waitForDone(msecs)

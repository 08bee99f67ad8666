"""Recognise a handheld USB scanner (keyboard wedge) wherever the keyboard focus is.

A scanner types a whole code in a few milliseconds; people don't. Printable keystrokes are
held back for one gap (``max_gap_ms``) and fed to :class:`WedgeDetector`: when they form a
burst, the code is emitted and the keystrokes never reach the focused field; when they
don't, they are replayed to the widget they were meant for, so typing is unaffected (it is
delayed by a few tens of milliseconds, which nobody notices). Text committed by an active
Chinese input method is fed the same way and normalised (full-width to ASCII).

Keys are timed by the window system's own timestamps (when the key was pressed): a GUI
thread busy for 50 ms in the middle of a scan delays the key events, not their stamps, so the
scan stays one burst, and keys typed slowly while it was busy stay typing. Events without a
stamp (input-method commits, synthetic keys) are timed when they arrive, on the stamps' clock
as far as it is known. When the gap timer fires late (the GUI thread was busy), it waits one
gap more for keys still queued before it decides.

A fast typist reaches scanner speed (20 ms a key). So a burst that is no notice code goes
to the field it was typed in when that field is one people write in: any text field inside
a modal dialog (a supervisor's reason) or any text field other than ``scan_fields`` (the
desk's search and temperature fields, where a stray code is answered as a scan: "not a
check-in notice"). A notice code is a scan wherever the focus is.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QInputMethodEvent, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from checkin.core.tokens import looks_like_token
from checkin.scanning.wedge import WedgeDetector, normalise_scanned

_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_TEXT_FIELDS = (QLineEdit, QTextEdit, QPlainTextEdit, QAbstractSpinBox)


def _is_text_field(widget: QWidget) -> bool:
    if isinstance(widget, QComboBox):
        return widget.isEditable()
    return isinstance(widget, _TEXT_FIELDS)


@dataclass
class _Held:
    target: QWidget
    key: int
    modifiers: Qt.KeyboardModifier
    text: str


class ScannerInput(QObject):
    """Application-wide event filter that turns scanner bursts into ``scanned(text)``."""

    scanned = Signal(str)

    def __init__(self, parent: QObject | None = None, max_gap_ms: float = 40.0,
                 min_length: int = 12) -> None:
        super().__init__(parent)
        self.max_gap_ms = max_gap_ms
        self.detector = WedgeDetector(max_gap_ms=max_gap_ms, min_length=min_length)
        self._held: list[_Held] = []
        self._last_ms = 0.0  # the last key's time, on the window system's clock
        self._last_seen = 0.0  # when the last key was handled, on ours
        self._offset: float | None = None  # our clock minus the window system's, at least
        self._waited = False  # the gap timer fired late once and waited a gap more
        self._replaying = False
        self.enabled = True
        # Fields where any fast burst counts as a scan (the desk's search and temperature).
        self.scan_fields: set[QWidget] = set()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._timer_fired)

    def install(self) -> None:
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self)

    def uninstall(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    @staticmethod
    def _now_ms() -> float:
        return time.monotonic() * 1000.0

    def _stamp_ms(self, stamp: int) -> float:
        """A key's time on the window system's clock: its own ``stamp`` (ms), or for an
        event without one, now on that clock (our clock less the smallest offset seen: an
        event is handled after it was stamped, never before; a jump of a minute means the
        window system's clock restarted or wrapped)."""
        now = self._now_ms()
        if not stamp:
            return now - (self._offset or 0.0)
        offset = now - stamp
        if self._offset is None or offset < self._offset or offset - self._offset > 60_000:
            self._offset = offset
        return float(stamp)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if self._replaying or not self.enabled or not isinstance(obj, QWidget):
            return False
        kind = event.type()
        if kind == QEvent.Type.KeyPress:
            return self._key(obj, event)  # type: ignore[arg-type]
        if kind == QEvent.Type.InputMethod:
            commit = event.commitString()  # type: ignore[attr-defined]
            if commit and len(commit) == 1:
                return self._feed(obj, 0, Qt.KeyboardModifier.NoModifier, commit,
                                  self._stamp_ms(0))
        return False

    def _key(self, target: QWidget, event: QKeyEvent) -> bool:
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
                   | Qt.KeyboardModifier.MetaModifier):
            return False
        key = event.key()
        at = self._stamp_ms(event.timestamp())
        if key in _ENTER:
            if not self._held:
                return False  # staff's own Enter: pass straight through
            return self._feed(target, key, event.modifiers(), "\r", at)
        text = event.text()
        if not text or not text.isprintable():
            return False
        return self._feed(target, key, event.modifiers(), text, at)

    def _feed(self, target: QWidget, key: int, mods: Qt.KeyboardModifier, text: str,
              now: float) -> bool:
        gap = now - self._last_ms
        if self._held and (gap > self.max_gap_ms or gap < -1000):  # or the clock went back
            self._gap_over()
        self._last_ms = now
        self._last_seen = self._now_ms()
        self._waited = False
        self._held.append(_Held(target, key, mods, text))
        payload = self.detector.feed(text, now)
        if payload is not None:
            self._done(payload)
            return True
        self._timer.start(int(self.max_gap_ms) + 5)
        return True

    def _timer_fired(self) -> None:
        """The gap timer: on time, the keys stopped. Late (the GUI thread was busy), keys
        of the same burst may still be queued: they come first, within one gap more."""
        late = self._now_ms() - self._last_seen > 2 * self.max_gap_ms + 5
        if late and not self._waited:
            self._waited = True
            self._timer.start(int(self.max_gap_ms) + 5)
            return
        self._gap_over()

    def _gap_over(self) -> None:
        """The keys stopped: a long fast run is a scan without Enter, anything else typing."""
        self._timer.stop()
        if sum(len(h.text) for h in self._held) >= self.detector.min_length:
            # Ask as if the detector's full quiet period had passed: a scanner that paused
            # longer than max_gap would have split the run in feed() already.
            payload = self.detector.poll(self._last_ms + 3 * self.max_gap_ms)
            if payload is not None:
                self._done(payload)
                return
        self.detector.reset()
        held, self._held = self._held, []
        self._replay(held)

    def _done(self, payload: str) -> None:
        """A burst ended: a scan, or fast typing that belongs to the field it was typed in."""
        targets = {id(h.target): h.target for h in self._held}
        if not looks_like_token(normalise_scanned(payload)) and any(
                self._typed_into(target) for target in targets.values()):
            self._timer.stop()
            held, self._held = self._held, []
            self._replay(held)
            return
        self._emit(payload)

    def _typed_into(self, target: QWidget) -> bool:
        """Whether text typed into ``target`` is the writer's, however fast it came."""
        if target in self.scan_fields:
            return False
        if _is_text_field(target):
            return True
        modal = QApplication.activeModalWidget()
        return modal is not None and (modal is target or modal.isAncestorOf(target))

    def _emit(self, payload: str) -> None:
        self._timer.stop()
        self._held = []
        self.scanned.emit(normalise_scanned(payload))

    def _replay(self, held: list[_Held]) -> None:
        self._replaying = True
        try:
            for item in held:
                if item.key == 0:
                    ev: QEvent = QInputMethodEvent("", [])
                    ev.setCommitString(item.text)  # type: ignore[attr-defined]
                else:
                    ev = QKeyEvent(QEvent.Type.KeyPress, item.key, item.modifiers, item.text)
                QApplication.sendEvent(item.target, ev)
                if item.key != 0:
                    QApplication.sendEvent(item.target, QKeyEvent(
                        QEvent.Type.KeyRelease, item.key, item.modifiers, item.text))
        finally:
            self._replaying = False

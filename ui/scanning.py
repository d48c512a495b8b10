"""Qt adapter for keyboard-wedge scanners: an application event filter feeding WedgeDecoder.

Scanner bursts never reach the focused widget; they go to ``handler(code)`` (the active
screen's scan handler). Keys a person typed are re-delivered to the widget they were aimed at.
Keys are timed by the events' own timestamps (when the key was pressed, not when the GUI thread
got to it: a busy moment must not split a barcode). Qt test events carry timestamp 0; for those
the injected time source is used.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent

from drivers.scanners.wedge import Rejected, Scan, Typed, WedgeDecoder

log = logging.getLogger(__name__)

_KEY_TEXT = {Qt.Key.Key_Return: "\r", Qt.Key.Key_Enter: "\r", Qt.Key.Key_Tab: "\t"}
# Wedge scanners press Shift for capitals and symbols ("$PS-…"): a modifier alone is part of the burst.
_MODIFIERS = {Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_Meta, Qt.Key.Key_AltGr,
              Qt.Key.Key_CapsLock}  # fmt: skip


class ScanEventFilter(QObject):
    """Install with ``app.installEventFilter(f)``; emits ``scan_received`` and calls ``handler``."""

    scan_received = Signal(str)
    scan_rejected = Signal(str)

    def __init__(
        self,
        decoder: WedgeDecoder,
        handler: Callable[[str], None],
        *,
        time_source: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.decoder = decoder
        self.handler = handler
        self.time_source = time_source
        self._held: list[tuple[QObject, QKeyEvent]] = []
        self._replaying = False
        self._offset = 0.0  # event clock minus time source, so poll() compares like with like
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.poll)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._replaying or event.type() != QEvent.Type.KeyPress or not watched.isWidgetType():
            return False
        assert isinstance(event, QKeyEvent)
        if event.key() in _MODIFIERS:
            return False
        text = _KEY_TEXT.get(Qt.Key(event.key()), event.text())
        if event.key() == Qt.Key.Key_BracketRight and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            text = "\x1d"  # Ctrl+] is GS (FNC1) from a wedge scanner
        if len(text) != 1:
            if self.decoder.busy:  # an F-key or arrow: what was held was typed by a person
                self._apply(self.decoder.flush())
            return False
        self._held.append((watched, event.clone()))
        self._apply(self.decoder.feed(text, self._key_time(event)))
        if self.decoder.busy:
            self._timer.start(max(1, int(self.decoder.gap() * 1000) + 5))
        return True

    def _key_time(self, event: QKeyEvent) -> float:
        """Seconds on the event's own clock when it has one, else on the injected time source."""
        now = self.time_source()
        stamp = event.timestamp()
        if not stamp:
            self._offset = 0.0
            return now
        self._offset = stamp / 1000.0 - now
        return stamp / 1000.0

    def poll(self) -> None:
        """Release or reject held keys once typing paused (the timer calls this; tests may too)."""
        self._apply(self.decoder.poll(self.time_source() + self._offset))

    def _take(self, n: int) -> list[tuple[QObject, QKeyEvent]]:
        taken, self._held = self._held[:n], self._held[n:]
        return taken

    def _apply(self, events: list[Scan | Typed | Rejected]) -> None:
        for ev in events:
            held = self._take(ev.keys)
            if isinstance(ev, Typed):
                self._replay(held)
            elif isinstance(ev, Scan):
                self.scan_received.emit(ev.code)
                self.handler(ev.code)
            else:
                log.info("scanner burst rejected: %s (%d keys)", ev.reason, ev.keys)
                self.scan_rejected.emit(ev.reason)

    def _replay(self, held: list[tuple[QObject, QKeyEvent]]) -> None:
        self._replaying = True
        try:
            for target, event in held:
                QCoreApplication.sendEvent(target, event)
        finally:
            self._replaying = False

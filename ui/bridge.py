"""Re-emit the core's EventBus events as a Qt signal, delivered on the GUI thread."""

from __future__ import annotations

import threading
from collections import deque
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

from station.events import Event, EventBus


class EventBridge(QObject):
    """``event_received(topic, data)``: every bus event, re-emitted on the GUI thread.

    Worker threads only append to a queue and emit a bare wake-up signal; Python objects never
    cross threads inside a queued signal (some PySide6 builds mis-count their references).
    """

    event_received = Signal(str, dict)
    _wake = Signal()

    def __init__(self, bus: EventBus, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._queue: deque[Event] = deque()
        self._lock = threading.Lock()
        self._wake.connect(self._drain)
        self._unsubscribe = bus.subscribe("*", self._forward)

    def _forward(self, event: Event) -> None:
        with self._lock:
            self._queue.append(event)
        self._wake.emit()

    @Slot()
    def _drain(self) -> None:
        while True:
            with self._lock:
                if not self._queue:
                    return
                event = self._queue.popleft()
            self.event_received.emit(event.topic, dict(event.data))

    def close(self) -> None:
        self._unsubscribe()


def describe(topic: str, data: dict[str, Any]) -> str:
    """A short, PII-free line for the status bar's last-event field."""
    order = data.get("order_id", "")
    return f"{topic} {order}".strip()

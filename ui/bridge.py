"""Re-emit the core's EventBus events as a Qt signal, delivered on the GUI thread."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal

from station.events import Event, EventBus


class EventBridge(QObject):
    """``event_received(topic, data)``: every bus event, queued onto the GUI thread."""

    event_received = Signal(str, dict)

    def __init__(self, bus: EventBus, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._unsubscribe = bus.subscribe("*", self._forward)

    def _forward(self, event: Event) -> None:
        # Emitting from a worker thread queues the call to the receiver's (GUI) thread.
        self.event_received.emit(event.topic, dict(event.data))

    def close(self) -> None:
        self._unsubscribe()


def describe(topic: str, data: dict[str, Any]) -> str:
    """A short, PII-free line for the status bar's last-event field."""
    order = data.get("order_id", "")
    return f"{topic} {order}".strip()

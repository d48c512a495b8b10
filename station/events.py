"""A small synchronous event bus that knows nothing of Qt; ui/ re-emits events as signals."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Event:
    """Something that happened: a topic such as ``order.cancelled`` and plain data (no PII)."""

    topic: str
    data: dict[str, Any] = field(default_factory=dict)


Handler = Callable[[Event], None]


class EventBus:
    """Publish/subscribe by topic; ``*`` subscribes to everything. Handlers must not block."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._handlers: dict[str, list[Handler]] = {}

    def subscribe(self, topic: str, handler: Handler) -> Callable[[], None]:
        """Register a handler; returns a function that unsubscribes it."""
        with self._lock:
            self._handlers.setdefault(topic, []).append(handler)

        def unsubscribe() -> None:
            with self._lock:
                handlers = self._handlers.get(topic, [])
                if handler in handlers:
                    handlers.remove(handler)

        return unsubscribe

    def publish(self, topic: str, **data: Any) -> None:
        """Deliver an event to its topic's handlers and to ``*`` handlers; a failing handler is logged."""
        event = Event(topic, dict(data))
        with self._lock:
            handlers = list(self._handlers.get(topic, ())) + list(self._handlers.get("*", ()))
        for handler in handlers:
            try:
                handler(event)
            except Exception:
                log.exception("event handler failed for topic %s", topic)

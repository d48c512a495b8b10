"""Background operations for the GUI: the store thread, a network thread, results on the GUI thread.

Anki-style: a screen builds an operation (a plain callable), the runner runs it off the GUI
thread and calls ``on_done(result)`` or ``on_error(exc)`` back on the GUI thread. The store
thread is the one place station services run; HTTP-bound work (rates, labels, sync) goes to
the network thread so a slow carrier never delays a scan.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

log = logging.getLogger(__name__)

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


class OpRunner(QObject):
    """``run(fn, on_done, on_error, lane="store"|"net"|"device")``; callbacks run on the GUI thread."""

    _finished = Signal(int)  # a ticket, not a Python object: PyObjects across threads crash some PySide6 builds

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lanes = {
            "store": ThreadPoolExecutor(1, thread_name_prefix="store"),
            "net": ThreadPoolExecutor(1, thread_name_prefix="net"),
            "device": ThreadPoolExecutor(1, thread_name_prefix="device"),
        }
        self._pending = 0
        self._tickets: dict[int, tuple[Future[Any], Done | None, Failed | None]] = {}
        self._next = 0
        self._lock = threading.Lock()
        self._closed = False
        self._finished.connect(self._deliver)

    @property
    def busy(self) -> bool:
        with self._lock:
            return self._pending > 0

    def run(self, fn: Callable[[], Any], on_done: Done | None = None, on_error: Failed | None = None,
            *, lane: str = "store") -> Future[Any] | None:  # fmt: skip
        """Run ``fn`` on a worker lane; never blocks the caller."""
        if self._closed:
            return None
        with self._lock:
            self._pending += 1
            self._next += 1
            ticket = self._next
        future = self._lanes[lane].submit(fn)
        with self._lock:
            self._tickets[ticket] = (future, on_done, on_error)
        future.add_done_callback(lambda _f: self._finished.emit(ticket))
        return future

    def call(self, fn: Callable[[], Any], *, lane: str = "store") -> Any:
        """Run on the lane and wait (tests, shutdown and the benchmark only; never from a screen)."""
        return self._lanes[lane].submit(fn).result()

    @Slot(int)
    def _deliver(self, ticket: int) -> None:
        with self._lock:
            future, on_done, on_error = self._tickets.pop(ticket)
            self._pending -= 1
        if future.cancelled() or self._closed:
            return
        exc = future.exception()
        try:
            if exc is None:
                if on_done is not None:
                    on_done(future.result())
            elif on_error is not None:
                on_error(exc)
            else:
                log.error("background operation failed: %s", type(exc).__name__, exc_info=exc)
        except Exception:
            log.exception("operation callback failed")

    def shutdown(self) -> None:
        self._closed = True
        for lane in self._lanes.values():
            lane.shutdown(wait=True, cancel_futures=True)

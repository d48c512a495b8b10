"""The thread around a scanner that is read by polling (USB HID, serial): start, poll, reconnect, stop."""

from __future__ import annotations

import threading
from collections.abc import Callable


class PollingScanner:
    """Subclasses implement ``poll_once()`` (one open-or-read step), ``connected`` and ``_disconnect()``."""

    thread_name = "scanner"

    def __init__(self, reconnect_s: float) -> None:
        self.reconnect_s = reconnect_s
        self._state = "closed"
        self._on_scan: Callable[[str], None] | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def status(self) -> str:
        """ready, unplugged, error or closed."""
        return self._state

    def poll_once(self) -> list[str]:
        raise NotImplementedError

    @property
    def connected(self) -> bool:
        raise NotImplementedError

    def _disconnect(self) -> None:
        raise NotImplementedError

    def _deliver(self, codes: list[str]) -> list[str]:
        for code in codes:
            if self._on_scan is not None:
                self._on_scan(code)
        return codes

    def start(self, on_scan: Callable[[str], None]) -> None:
        self._on_scan = on_scan
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name=self.thread_name, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.poll_once()
            if not self.connected:
                self._stop.wait(self.reconnect_s)

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=2)
        self._disconnect()
        self._state = "closed"

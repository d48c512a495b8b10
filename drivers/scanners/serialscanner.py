"""A USB serial (CDC-ACM) scanner through pyserial."""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable
from typing import Any

import serial

from drivers.scanners.hidkeys import LineAssembler

log = logging.getLogger(__name__)


class SerialScanner:
    """station.ports.Scanner over a serial port (``/dev/ttyACM0``, ``COM3``, or ``loop://`` in tests)."""

    def __init__(
        self,
        url: str,
        *,
        baudrate: int = 9600,
        timeout_s: float = 0.2,
        reconnect_s: float = 1.0,
        max_length: int = 128,
        encoding: str = "latin-1",
    ) -> None:
        self.url, self.baudrate, self.timeout_s = url, baudrate, timeout_s
        self.reconnect_s = reconnect_s
        self.encoding = encoding
        self.port: Any = None
        self._lines = LineAssembler(max_length)
        self._state = "closed"
        self._on_scan: Callable[[str], None] | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def status(self) -> str:
        return self._state

    def open(self) -> None:
        if self.port is None:
            self.port = serial.serial_for_url(self.url, baudrate=self.baudrate, timeout=self.timeout_s)
            self._state = "ready"

    def poll_once(self) -> list[str]:
        """Read what is waiting (up to the timeout); returns completed barcodes."""
        try:
            self.open()
            data = self.port.read(max(1, self.port.in_waiting or 1))
        except (serial.SerialException, OSError) as exc:
            log.info("serial scanner lost: %s", exc)
            self._close_port()
            self._state = "unplugged"
            return []
        codes = self._lines.feed(data.decode(self.encoding, errors="replace"))
        for code in codes:
            if self._on_scan is not None:
                self._on_scan(code)
        return codes

    def _close_port(self) -> None:
        if self.port is not None:
            with contextlib.suppress(serial.SerialException, OSError):
                self.port.close()
        self.port = None

    def start(self, on_scan: Callable[[str], None]) -> None:
        self._on_scan = on_scan
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="serial-scanner", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.poll_once()
            if self.port is None:
                self._stop.wait(self.reconnect_s)

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=2)
        self._close_port()
        self._state = "closed"

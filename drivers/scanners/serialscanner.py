"""A USB serial (CDC-ACM) scanner through pyserial."""

from __future__ import annotations

import contextlib
import logging
from typing import Any

import serial

from drivers.scanners.hidkeys import LineAssembler
from drivers.scanners.polling import PollingScanner

log = logging.getLogger(__name__)


class SerialScanner(PollingScanner):
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
        super().__init__(reconnect_s)
        self.url, self.baudrate, self.timeout_s = url, baudrate, timeout_s
        self.encoding = encoding
        self.port: Any = None
        self._lines = LineAssembler(max_length)

    thread_name = "serial-scanner"

    @property
    def connected(self) -> bool:
        return self.port is not None

    def _disconnect(self) -> None:
        self._close_port()

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
        return self._deliver(self._lines.feed(data.decode(self.encoding, errors="replace")))

    def _close_port(self) -> None:
        if self.port is not None:
            with contextlib.suppress(serial.SerialException, OSError):
                self.port.close()
        self.port = None

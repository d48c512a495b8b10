"""A USB HID keyboard scanner read directly through pyusb (kernel driver detached)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

import usb.core

from drivers import usbio
from drivers.scanners.hidkeys import BootReportDecoder, LineAssembler
from station.errors import DeviceError, DeviceUnplugged

log = logging.getLogger(__name__)

HID_CLASS = 3


class HidKeyboardScanner:
    """station.ports.Scanner for a boot-protocol keyboard scanner; survives unplug/replug.

    ``poll_once()`` does one step (open, or read one report) so tests need no thread;
    ``start()`` runs it in a daemon thread until ``stop()``.
    """

    def __init__(
        self,
        vid: int,
        pid: int,
        *,
        backend: Any = None,
        timeout_ms: int = 200,
        reconnect_s: float = 1.0,
        max_length: int = 128,
    ) -> None:
        self.vid, self.pid, self.backend = vid, pid, backend
        self.timeout_ms = timeout_ms
        self.reconnect_s = reconnect_s
        self._claimed: usbio.Claimed | None = None
        self._decoder = BootReportDecoder()
        self._lines = LineAssembler(max_length)
        self._state = "closed"
        self._on_scan: Callable[[str], None] | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def status(self) -> str:
        """ready, unplugged, error or closed."""
        return self._state

    def _open(self) -> None:
        device = usbio.find_device(self.vid, self.pid, self.backend)
        if device is None:
            raise DeviceUnplugged("Scanner not found — check its USB cable")
        self._claimed = usbio.claim(device, HID_CLASS, "Scanner")
        try:  # SET_PROTOCOL(boot) so reports are the 8-byte boot format
            device.ctrl_transfer(0x21, 0x0B, 0, self._claimed.interface, None, timeout=self.timeout_ms)
        except usb.core.USBError as exc:
            log.debug("SET_PROTOCOL refused: %s", exc)
        self._decoder = BootReportDecoder()
        self._state = "ready"
        log.info("scanner %04x:%04x open", self.vid, self.pid)

    def poll_once(self) -> list[str]:
        """Open if needed, read one report; returns whole barcodes completed by it."""
        try:
            if self._claimed is None:
                self._open()
            assert self._claimed is not None
            ep = self._claimed.ep_in
            try:
                report = bytes(ep.read(ep.wMaxPacketSize, timeout=self.timeout_ms))
            except usb.core.USBTimeoutError:
                return []
            except usb.core.USBError as exc:
                raise usbio.typed_error(exc, "Scanner") from exc
        except DeviceError as exc:
            usbio.release(self._claimed)
            self._claimed = None
            self._state = "unplugged" if exc.state == "unplugged" else "error"
            return []
        codes = self._lines.feed(self._decoder.decode(report))
        for code in codes:
            if self._on_scan is not None:
                self._on_scan(code)
        return codes

    def start(self, on_scan: Callable[[str], None]) -> None:
        self._on_scan = on_scan
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="hid-scanner", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.poll_once()
            if self._claimed is None:
                self._stop.wait(self.reconnect_s)

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=2)
        usbio.release(self._claimed)
        self._claimed = None
        self._state = "closed"

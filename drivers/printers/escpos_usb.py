"""ESC/POS over USB through python-escpos's ``Usb`` class, given our backend and a timeout."""

from __future__ import annotations

import threading
from typing import Any

import usb.core
import usb.util

from drivers import usbio
from station.errors import DeviceError, DeviceUnplugged


class EscposUsbTransport:
    """Wraps ``escpos.printer.Usb``; reopens after an unplug."""

    def __init__(
        self, vid: int, pid: int, *, backend: Any = None, timeout_ms: int = 5000, chunk_size: int = 4096
    ) -> None:
        self.vid, self.pid, self.backend = vid, pid, backend
        self.timeout_ms = timeout_ms
        self.chunk_size = chunk_size
        self._printer: Any = None
        self._lock = threading.Lock()

    def _open(self) -> Any:
        if self._printer is not None:
            return self._printer
        from escpos.exceptions import DeviceNotFoundError
        from escpos.printer import Usb

        device = usbio.find_device(self.vid, self.pid, self.backend)
        if device is None:
            raise DeviceUnplugged("Receipt/label printer not found — check its USB cable and power")
        claimed = usbio.claim(device, 7, "Printer")  # python-escpos detaches only on libusb1
        usb.util.release_interface(device, claimed.interface)
        printer = Usb(
            self.vid,
            self.pid,
            usb_args={"backend": self.backend, "custom_match": lambda d: d == device},
            timeout=self.timeout_ms,
            in_ep=claimed.ep_in.bEndpointAddress if claimed.ep_in is not None else 0x82,
            out_ep=claimed.ep_out.bEndpointAddress,
        )
        try:
            printer.open()
        except DeviceNotFoundError as exc:
            raise DeviceUnplugged("Printer not found — check its USB cable and power") from exc
        self._printer = printer
        return printer

    def _drop(self) -> None:
        if self._printer is not None and getattr(self._printer, "device", None) is not None:
            usbio.release(usbio.Claimed(self._printer.device, 0, None, None))
        self._printer = None

    def write(self, data: bytes) -> None:
        with self._lock:
            printer = self._open()
            try:
                for start in range(0, len(data), self.chunk_size):
                    printer._raw(data[start : start + self.chunk_size])
            except usb.core.USBError as exc:
                self._drop()
                raise usbio.typed_error(exc, "Printer") from exc

    def query(self, request: bytes, timeout_s: float = 1.0) -> bytes | None:
        with self._lock:
            self._open()
            return b""

    def close(self) -> None:
        with self._lock:
            self._drop()


__all__ = ["DeviceError", "EscposUsbTransport"]

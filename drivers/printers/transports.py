"""How bytes reach a printer: USB (pyusb), raw TCP 9100, or an OS print queue (drivers.printers.osqueue).

A transport only moves bytes; the printer languages (ZPL, TSPL, ESC/POS) live in printer.py, so a
new way of reaching a printer (a Windows spooler, say) is one more class with these three methods.
"""

from __future__ import annotations

import logging
import socket
import threading
from typing import Any, Protocol

import usb.core

from drivers import usbio
from station.errors import DeviceError, DeviceTimeout, DeviceUnplugged

log = logging.getLogger(__name__)

PRINTER_CLASS = 7


class Transport(Protocol):
    """Raw bytes to a printer. ``query`` returns None when there is no way to hear the printer back
    (a USB printer without a bulk IN endpoint, an OS queue); such a transport may offer ``state()``."""

    def write(self, data: bytes) -> None: ...

    def query(self, request: bytes, timeout_s: float = 1.0) -> bytes | None: ...

    def close(self) -> None: ...


class UsbTransport:
    """A USB printer-class interface: detach usblp, claim, chunked bulk writes, bulk IN replies.

    An unplug raises DeviceUnplugged and drops the handle; the next call finds the printer
    again (after replug) — a job cut by an unplug is never resumed half-way, the caller reprints.
    """

    def __init__(
        self,
        vid: int,
        pid: int,
        *,
        backend: Any = None,
        serial: str | None = None,
        timeout_ms: int = 5000,
        chunk_size: int = 16384,
    ) -> None:
        self.vid, self.pid, self.serial = vid, pid, serial
        self.backend = backend
        self.timeout_ms = timeout_ms
        self.chunk_size = chunk_size
        self._claimed: usbio.Claimed | None = None
        self._lock = threading.Lock()

    def _open(self) -> usbio.Claimed:
        if self._claimed is None:
            device = usbio.find_device(self.vid, self.pid, self.backend, self.serial)
            if device is None:
                raise DeviceUnplugged("Printer not found — check its USB cable and power")
            self._claimed = usbio.claim(device, PRINTER_CLASS, "Printer")
            if self._claimed.ep_out is None:
                self._drop()
                raise DeviceError("Printer has no bulk OUT endpoint", state="unsupported")
            log.info("printer %04x:%04x claimed on interface %d", self.vid, self.pid, self._claimed.interface)
        return self._claimed

    def _drop(self) -> None:
        usbio.release(self._claimed)
        self._claimed = None

    def write(self, data: bytes) -> None:
        with self._lock:
            claimed = self._open()
            try:
                for start in range(0, len(data), self.chunk_size):
                    chunk = data[start : start + self.chunk_size]
                    sent = claimed.ep_out.write(chunk, timeout=self.timeout_ms)
                    if sent != len(chunk):
                        raise DeviceTimeout("Printer stopped taking data")
            except usb.core.USBError as exc:
                self._drop()
                raise usbio.typed_error(exc, "Printer") from exc

    def query(self, request: bytes, timeout_s: float = 1.0) -> bytes | None:
        """Send ``request`` and collect the bulk IN reply until a read times out (None: no IN endpoint)."""
        with self._lock:
            claimed = self._open()
            if claimed.ep_in is None:  # some TSC and older Zebras: they print but cannot answer
                return None
            timeout_ms = max(1, int(timeout_s * 1000))
            try:
                claimed.ep_out.write(request, timeout=self.timeout_ms)
                reply = bytearray()
                while len(reply) < 4096:
                    try:
                        part = claimed.ep_in.read(claimed.ep_in.wMaxPacketSize, timeout=timeout_ms)
                    except usb.core.USBTimeoutError:
                        break
                    if not part:
                        break
                    reply += bytes(part)
                    timeout_ms = min(timeout_ms, 100)  # the rest of a reply follows quickly
                return bytes(reply)
            except usb.core.USBError as exc:
                self._drop()
                raise usbio.typed_error(exc, "Printer") from exc

    def close(self) -> None:
        with self._lock:
            self._drop()


class TcpTransport:
    """Raw TCP (port 9100, 'JetDirect'), one connection per job."""

    def __init__(self, host: str, port: int = 9100, *, timeout_s: float = 5.0) -> None:
        self.host, self.port, self.timeout_s = host, port, timeout_s

    def _connect(self) -> socket.socket:
        try:
            return socket.create_connection((self.host, self.port), timeout=self.timeout_s)
        except TimeoutError as exc:
            raise DeviceTimeout("Printer did not answer on the network") from exc
        except OSError as exc:
            raise DeviceError(
                "Printer unreachable on the network — check cable and IP", state="unplugged"
            ) from exc

    def write(self, data: bytes) -> None:
        with self._connect() as sock:
            try:
                sock.sendall(data)
            except TimeoutError as exc:
                raise DeviceTimeout("Printer stopped taking data") from exc
            except OSError as exc:
                raise DeviceError("Printer connection lost", state="unplugged") from exc

    def query(self, request: bytes, timeout_s: float = 1.0) -> bytes | None:
        with self._connect() as sock:
            reply = bytearray()
            try:
                sock.sendall(request)
                sock.settimeout(timeout_s)
                while len(reply) < 4096:
                    part = sock.recv(1024)
                    if not part:
                        break
                    reply += part
                    sock.settimeout(0.1)
            except TimeoutError:
                pass
            except OSError as exc:
                raise DeviceError("Printer connection lost", state="unplugged") from exc
            return bytes(reply)

    def close(self) -> None:
        return None

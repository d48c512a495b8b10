"""A USB HID keyboard scanner read directly through pyusb (kernel driver detached)."""

from __future__ import annotations

import logging
from typing import Any

import usb.core

from drivers import usbio
from drivers.scanners.hidkeys import BootReportDecoder, LineAssembler
from drivers.scanners.polling import PollingScanner
from station.errors import DeviceError, DeviceUnplugged

log = logging.getLogger(__name__)

HID_CLASS = 3
BOOT_KEYBOARD = {"bInterfaceSubClass": 1, "bInterfaceProtocol": 1}
REPORT_DESCRIPTOR = 0x22
_REPORT_ID_ITEM = 0x85  # HID short item "Report ID", one data byte


def uses_report_ids(descriptor: bytes) -> bool:
    """True if a HID report descriptor declares report ids (each report then starts with its id)."""
    i = 0
    while i < len(descriptor):
        prefix = descriptor[i]
        if prefix == 0xFE:  # long item: size in the next byte
            i += 3 + (descriptor[i + 1] if i + 1 < len(descriptor) else 0)
            continue
        if prefix == _REPORT_ID_ITEM:
            return True
        i += 1 + (4 if prefix & 0x03 == 3 else prefix & 0x03)
    return False


class HidKeyboardScanner(PollingScanner):
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
        super().__init__(reconnect_s)
        self.vid, self.pid, self.backend = vid, pid, backend
        self.timeout_ms = timeout_ms
        self._claimed: usbio.Claimed | None = None
        self._decoder = BootReportDecoder()
        self._lines = LineAssembler(max_length)
        self._report_id = False

    thread_name = "hid-scanner"

    @property
    def connected(self) -> bool:
        return self._claimed is not None

    def _disconnect(self) -> None:
        usbio.release(self._claimed)
        self._claimed = None

    def _open(self) -> None:
        device = usbio.find_device(self.vid, self.pid, self.backend)
        if device is None:
            raise DeviceUnplugged("Scanner not found — check its USB cable")
        # A composite scanner has several HID interfaces: the boot keyboard one is what types.
        self._claimed = usbio.claim(device, HID_CLASS, "Scanner", prefer=BOOT_KEYBOARD)
        self._report_id = False
        try:  # SET_PROTOCOL(boot) so reports are the 8-byte boot format
            device.ctrl_transfer(0x21, 0x0B, 0, self._claimed.interface, None, timeout=self.timeout_ms)
        except usb.core.USBError as exc:
            # Still in report protocol: its reports may lead with a report id the boot layout lacks.
            self._report_id = self._has_report_ids(device)
            log.info("scanner refused SET_PROTOCOL (%s); report ids: %s", exc.strerror, self._report_id)
        self._decoder = BootReportDecoder()
        self._state = "ready"
        log.info("scanner %04x:%04x open", self.vid, self.pid)

    def _has_report_ids(self, device: Any) -> bool:
        assert self._claimed is not None
        try:
            desc = device.ctrl_transfer(0x81, 0x06, REPORT_DESCRIPTOR << 8, self._claimed.interface, 512,
                                        timeout=self.timeout_ms)  # fmt: skip
        except usb.core.USBError:
            return False
        return uses_report_ids(bytes(desc))

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
        if self._report_id:
            report = report[1:]
        return self._deliver(self._lines.feed(self._decoder.decode(report)))

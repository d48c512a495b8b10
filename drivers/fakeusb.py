"""A fake pyusb backend with simulated devices, so tests drive the real pyusb code paths.

Pass ``FakeBackend()`` as ``backend=`` to ``usb.core.find`` (or to our drivers' configs).
Nothing here touches libusb, hardware or root. Reads never block: an empty IN queue raises
``USBTimeoutError`` at once, as a real device would after the timeout.
"""

from __future__ import annotations

import array
import errno
import re
import threading
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

import usb.backend
import usb.core

ENODEV_CODE = -4  # LIBUSB_ERROR_NO_DEVICE
TIMEOUT_CODE = -7  # LIBUSB_ERROR_TIMEOUT

BULK = 0x02
INTERRUPT = 0x03


def _unplugged() -> usb.core.USBError:
    return usb.core.USBError("No such device (it may have been disconnected)", ENODEV_CODE, errno.ENODEV)


def _timeout() -> usb.core.USBTimeoutError:
    return usb.core.USBTimeoutError("Operation timed out", TIMEOUT_CODE, errno.ETIMEDOUT)


@dataclass
class FakeEndpoint:
    address: int
    kind: int = BULK
    max_packet: int = 64


@dataclass
class FakeInterface:
    number: int
    cls: int
    subclass: int = 0
    protocol: int = 0
    endpoints: list[FakeEndpoint] = field(default_factory=list)


class FakeDevice:
    """Base simulated device: descriptors, plug state, kernel-driver state, recorded timeouts."""

    def __init__(
        self,
        vid: int,
        pid: int,
        *,
        manufacturer: str = "",
        product: str = "",
        serial: str = "",
        interfaces: list[FakeInterface] | None = None,
    ) -> None:
        self.vid = vid
        self.pid = pid
        self.strings = {1: manufacturer, 2: product, 3: serial}
        self.interfaces = interfaces or []
        self.plugged = True
        self.kernel_driver: dict[int, bool] = {i.number: True for i in self.interfaces}
        self.claimed: set[int] = set()
        self.configuration = 0
        self.timeouts: list[int] = []
        self.address = 0
        self.lock = threading.Lock()

    # --- test controls -------------------------------------------------------------------------
    def unplug(self) -> None:
        self.plugged = False
        self.claimed.clear()

    def replug(self) -> None:
        """Plug back in: the kernel binds its driver again, the device is unconfigured."""
        self.plugged = True
        self.kernel_driver = {i.number: True for i in self.interfaces}
        self.claimed.clear()
        self.configuration = 0

    def check(self) -> None:
        if not self.plugged:
            raise _unplugged()

    # --- device behaviour, overridden by subclasses --------------------------------------------
    def on_out(self, ep: int, data: bytes) -> int:
        return len(data)

    def on_in(self, ep: int, size: int) -> bytes | None:
        """Bytes for an IN transfer, or None for 'nothing to say' (times out)."""
        return None

    def on_control(self, request_type: int, request: int, value: int, index: int) -> bytes:
        return b""


def _string_descriptor(text: str) -> bytes:
    body = text.encode("utf-16-le")
    return bytes([2 + len(body), 3]) + body


class FakeBackend(usb.backend.IBackend):  # type: ignore[misc]
    """pyusb backend serving FakeDevice objects."""

    def __init__(self, *devices: FakeDevice) -> None:
        super().__init__()
        self.devices: list[FakeDevice] = []
        for d in devices:
            self.add(d)

    def add(self, device: FakeDevice) -> FakeDevice:
        device.address = len(self.devices) + 1
        self.devices.append(device)
        return device

    # --- enumeration & descriptors -------------------------------------------------------------
    def enumerate_devices(self) -> Any:
        return [d for d in self.devices if d.plugged]

    def get_device_descriptor(self, dev: FakeDevice) -> Any:
        return SimpleNamespace(
            bLength=18,
            bDescriptorType=1,
            bcdUSB=0x0200,
            bDeviceClass=0,
            bDeviceSubClass=0,
            bDeviceProtocol=0,
            bMaxPacketSize0=64,
            idVendor=dev.vid,
            idProduct=dev.pid,
            bcdDevice=0x0100,
            iManufacturer=1 if dev.strings[1] else 0,
            iProduct=2 if dev.strings[2] else 0,
            iSerialNumber=3 if dev.strings[3] else 0,
            bNumConfigurations=1,
            address=dev.address,
            bus=1,
            port_number=dev.address,
            port_numbers=(dev.address,),
            speed=3,
        )

    def get_configuration_descriptor(self, dev: FakeDevice, config: int) -> Any:
        if config != 0:
            raise IndexError("no such configuration")
        return SimpleNamespace(
            bLength=9,
            bDescriptorType=2,
            wTotalLength=64,
            bNumInterfaces=len(dev.interfaces),
            bConfigurationValue=1,
            iConfiguration=0,
            bmAttributes=0x80,
            bMaxPower=50,
            extra_descriptors=[],
        )

    def get_interface_descriptor(self, dev: FakeDevice, intf: int, alt: int, config: int) -> Any:
        if alt != 0 or intf >= len(dev.interfaces):
            raise IndexError("no such interface")
        i = dev.interfaces[intf]
        return SimpleNamespace(
            bLength=9,
            bDescriptorType=4,
            bInterfaceNumber=i.number,
            bAlternateSetting=0,
            bNumEndpoints=len(i.endpoints),
            bInterfaceClass=i.cls,
            bInterfaceSubClass=i.subclass,
            bInterfaceProtocol=i.protocol,
            iInterface=0,
            extra_descriptors=[],
        )

    def get_endpoint_descriptor(self, dev: FakeDevice, ep: int, intf: int, alt: int, config: int) -> Any:
        e = dev.interfaces[intf].endpoints[ep]
        return SimpleNamespace(
            bLength=7,
            bDescriptorType=5,
            bEndpointAddress=e.address,
            bmAttributes=e.kind,
            wMaxPacketSize=e.max_packet,
            bInterval=1 if e.kind == INTERRUPT else 0,
            bRefresh=0,
            bSynchAddress=0,
            extra_descriptors=[],
        )

    # --- handles & configuration ---------------------------------------------------------------
    def open_device(self, dev: FakeDevice) -> FakeDevice:
        dev.check()
        return dev

    def close_device(self, dev_handle: FakeDevice) -> None:
        return None

    def set_configuration(self, dev_handle: FakeDevice, config_value: int) -> None:
        dev_handle.check()
        dev_handle.configuration = config_value

    def get_configuration(self, dev_handle: FakeDevice) -> int:
        dev_handle.check()
        return dev_handle.configuration

    def set_interface_altsetting(self, dev_handle: FakeDevice, intf: int, altsetting: int) -> None:
        dev_handle.check()

    def claim_interface(self, dev_handle: FakeDevice, intf: int) -> None:
        dev_handle.check()
        if dev_handle.kernel_driver.get(intf):
            raise usb.core.USBError("Resource busy", -6, errno.EBUSY)
        dev_handle.claimed.add(intf)

    def release_interface(self, dev_handle: FakeDevice, intf: int) -> None:
        dev_handle.check()
        dev_handle.claimed.discard(intf)

    def is_kernel_driver_active(self, dev_handle: FakeDevice, intf: int) -> bool:
        dev_handle.check()
        return bool(dev_handle.kernel_driver.get(intf))

    def detach_kernel_driver(self, dev_handle: FakeDevice, intf: int) -> None:
        dev_handle.check()
        dev_handle.kernel_driver[intf] = False

    def attach_kernel_driver(self, dev_handle: FakeDevice, intf: int) -> None:
        dev_handle.check()
        dev_handle.kernel_driver[intf] = True

    def reset_device(self, dev_handle: FakeDevice) -> None:
        dev_handle.check()

    def clear_halt(self, dev_handle: FakeDevice, ep: int) -> None:
        dev_handle.check()

    # --- transfers -----------------------------------------------------------------------------
    def _write(self, dev: FakeDevice, ep: int, intf: int, data: Any, timeout: int) -> int:
        dev.timeouts.append(timeout)
        dev.check()
        if intf not in dev.claimed:
            raise usb.core.USBError("Interface not claimed", -5, errno.EACCES)
        with dev.lock:
            return dev.on_out(ep, bytes(data))

    def _read(self, dev: FakeDevice, ep: int, intf: int, buff: Any, timeout: int) -> int:
        dev.timeouts.append(timeout)
        dev.check()
        if intf not in dev.claimed:
            raise usb.core.USBError("Interface not claimed", -5, errno.EACCES)
        with dev.lock:
            data = dev.on_in(ep, len(buff))
        if data is None:
            raise _timeout()
        data = data[: len(buff)]
        buff[: len(data)] = array.array("B", data)
        return len(data)

    def bulk_write(self, dev_handle: FakeDevice, ep: int, intf: int, data: Any, timeout: int) -> int:
        return self._write(dev_handle, ep, intf, data, timeout)

    def intr_write(self, dev_handle: FakeDevice, ep: int, intf: int, data: Any, timeout: int) -> int:
        return self._write(dev_handle, ep, intf, data, timeout)

    def bulk_read(self, dev_handle: FakeDevice, ep: int, intf: int, buff: Any, timeout: int) -> int:
        return self._read(dev_handle, ep, intf, buff, timeout)

    def intr_read(self, dev_handle: FakeDevice, ep: int, intf: int, buff: Any, timeout: int) -> int:
        return self._read(dev_handle, ep, intf, buff, timeout)

    def ctrl_transfer(
        self,
        dev_handle: FakeDevice,
        bmRequestType: int,
        bRequest: int,
        wValue: int,
        wIndex: int,
        data: Any,
        timeout: int,
    ) -> int:
        dev_handle.timeouts.append(timeout)
        dev_handle.check()
        if bmRequestType & 0x80 and bRequest == 6 and (wValue >> 8) == 3:  # GET_DESCRIPTOR string
            index = wValue & 0xFF
            reply = (
                bytes([4, 3, 0x09, 0x04])
                if index == 0
                else _string_descriptor(dev_handle.strings.get(index, ""))
            )
        else:
            reply = dev_handle.on_control(bmRequestType, bRequest, wValue, wIndex)
        if bmRequestType & 0x80:
            reply = reply[: len(data)]
            data[: len(reply)] = array.array("B", reply)
            return len(reply)
        return len(data) if data is not None else 0


# ---- simulated devices --------------------------------------------------------------------------


_TILDE_QUERIES = (b"~HQES", b"~HS", b"~HI")  # processed on arrival, never part of a format
_FORMAT_TOKENS = re.compile(rb"\^XA|\^XZ|~JA")


def split_formats(data: bytes) -> tuple[list[bytes], bool]:
    """Whole formats in a ZPL stream, as a Zebra parses it, and whether one is half received.

    A format runs from ``^XA`` to the next ``^XZ``; an ``^XA`` inside an open format does not
    start a new one (a cut job swallows the next), and ``~JA`` (cancel all) discards an open one.
    """
    formats: list[bytes] = []
    start: int | None = None
    for m in _FORMAT_TOKENS.finditer(data):
        token = m.group()
        if token == b"^XA" and start is None:
            start = m.start()
        elif token == b"^XZ" and start is not None:
            body = data[start : m.end()]
            for query in _TILDE_QUERIES:
                body = body.replace(query, b"")
            formats.append(body)
            start = None
        elif token == b"~JA":
            start = None
    return formats, start is not None


class FakePrinter(FakeDevice):
    """A Zebra printer as the ZPL guide documents it: records bytes, answers ``~HS``, ``~HQES``, ``~HI``.

    ``~HS`` gets no reply at all while media or ribbon is out, the head is open or too hot, or the
    rewinder is full; ``~HQES`` answers in every state. ``silent`` plays a printer that answers
    nothing; ``in_endpoint=False`` one with no bulk IN endpoint (some TSC and older Zebras).
    """

    def __init__(
        self,
        vid: int = 0x0A5F,
        pid: int = 0x0166,
        *,
        product: str = "ZTC ZD421-203dpi ZPL",
        vendor_interface_first: bool = False,
        max_packet: int = 512,
        in_endpoint: bool = True,
        dots_per_mm: int = 8,
    ) -> None:
        endpoints = [FakeEndpoint(0x01, BULK, max_packet)]
        if in_endpoint:
            endpoints.append(FakeEndpoint(0x81, BULK, max_packet))
        printer = FakeInterface(1 if vendor_interface_first else 0, 7, 1, 2 if in_endpoint else 1, endpoints)
        interfaces = [printer]
        if vendor_interface_first:
            interfaces.insert(
                0, FakeInterface(0, 0xFF, 0, 0, [FakeEndpoint(0x02, BULK), FakeEndpoint(0x83, BULK)])
            )
        super().__init__(
            vid,
            pid,
            manufacturer="Zebra Technologies",
            product=product,
            serial="D4J000001",
            interfaces=interfaces,
        )
        self.dots_per_mm = dots_per_mm
        self.received = bytearray()
        self.writes: list[int] = []
        self.paper_out = False
        self.head_open = False
        self.ribbon_out = False
        self.head_too_hot = False
        self.rewinder_full = False
        self.paused = False
        self.silent = False  # a printer that answers nothing at all
        self.unplug_after: int | None = None  # unplug once this many bytes arrived (mid-job)
        self._replies = bytearray()

    @property
    def jobs(self) -> list[bytes]:
        """Whole ``^XA…^XZ`` formats received, status queries excluded."""
        return split_formats(bytes(self.received))[0]

    @property
    def partial_format(self) -> bool:
        return split_formats(bytes(self.received))[1]

    @property
    def hs_silent(self) -> bool:
        """The conditions in which Zebra documents that ``~HS`` gets no reply."""
        return self.paper_out or self.ribbon_out or self.head_open or self.head_too_hot or self.rewinder_full

    def on_out(self, ep: int, data: bytes) -> int:
        if self.unplug_after is not None and len(self.received) + len(data) > self.unplug_after:
            keep = max(0, self.unplug_after - len(self.received))
            self.received += data[:keep]
            self.unplug_after = None
            self.unplug()
            raise _unplugged()
        self.received += data
        self.writes.append(len(data))
        if b"~HQES" in data:
            self._answer(self.hqes_reply())
        elif b"~HS" in data and not self.hs_silent:
            self._answer(self.hs_reply())
        elif b"~HI" in data:
            self._answer(self.hi_reply())
        return len(data)

    def _answer(self, reply: bytes) -> None:
        if not self.silent:
            self._replies += reply

    def on_in(self, ep: int, size: int) -> bytes | None:
        if not self._replies:
            return None
        out = bytes(self._replies[:size])
        del self._replies[:size]
        return out

    def hs_reply(self) -> bytes:
        partial = int(self.partial_format)
        s1 = f"030,{int(self.paper_out)},{int(self.paused)},1218,000,0,0,{partial},000,0,0,{int(self.head_too_hot)}"
        s2 = f"001,0,{int(self.head_open)},{int(self.ribbon_out)},0,2,4,0,00000000,1,000"
        s3 = "1234,0"
        return b"".join(b"\x02" + s.encode() + b"\x03\r\n" for s in (s1, s2, s3))

    def hqes_reply(self) -> bytes:
        errors = (
            (0x1 if self.paper_out else 0)
            | (0x2 if self.ribbon_out else 0)
            | (0x4 if self.head_open else 0)
            | (0x10 if self.head_too_hot else 0)
        )
        flag = 1 if errors or self.rewinder_full else 0
        # A full rewinder is an error whose bit the guide's table does not name: flag set, bits clear.
        text = (
            "\r\n  PRINTER STATUS                            \r\n"
            f"   ERRORS:         {flag} 00000000 {errors:08X}\r\n"
            "   WARNINGS:       0 00000000 00000000\r\n"
        )
        return b"\x02" + text.encode() + b"\x03"

    def hi_reply(self) -> bytes:
        """``~HI``: model, firmware, dots per mm, memory, options (ZPL guide)."""
        model = self.strings[2].split()[1] if len(self.strings[2].split()) > 1 else "ZD421"
        return f"\x02{model},V84.20.18Z,{self.dots_per_mm},8192KB\x03".encode()


class FakeTsplPrinter(FakePrinter):
    """A TSC printer: answers ``<ESC>!?`` with the one status byte of the TSPL manual."""

    def __init__(self, vid: int = 0x1203, pid: int = 0x0230, *, in_endpoint: bool = True) -> None:
        super().__init__(vid, pid, product="TSC TE210", in_endpoint=in_endpoint)
        self.strings[1] = "TSC"
        self.status_byte = 0x00

    def on_out(self, ep: int, data: bytes) -> int:
        self.received += data
        self.writes.append(len(data))
        if data.startswith(b"\x1b!?"):
            self._answer(bytes([self.status_byte]))
        return len(data)


# HID usage ids for the US layout: char -> (usage, shift)
_US_KEYS: dict[str, tuple[int, bool]] = {}
for _i, _c in enumerate("abcdefghijklmnopqrstuvwxyz"):
    _US_KEYS[_c] = (0x04 + _i, False)
    _US_KEYS[_c.upper()] = (0x04 + _i, True)
for _i, _c in enumerate("1234567890"):
    _US_KEYS[_c] = (0x1E + _i, False)
for _i, _c in enumerate("!@#$%^&*()"):
    _US_KEYS[_c] = (0x1E + _i, True)
for _c, _u in zip(
    "-=[]\\;'`,./", (0x2D, 0x2E, 0x2F, 0x30, 0x31, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38), strict=True
):
    _US_KEYS[_c] = (_u, False)
for _c, _u in zip(
    '_+{}|:"~<>?', (0x2D, 0x2E, 0x2F, 0x30, 0x31, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38), strict=True
):
    _US_KEYS[_c] = (_u, True)
_US_KEYS[" "] = (0x2C, False)
_US_KEYS["\r"] = (0x28, False)
_US_KEYS["\t"] = (0x2B, False)


# A boot-compatible keyboard report descriptor; with_id adds Report ID 1 (report protocol then
# prefixes every report with that byte).
def _keyboard_descriptor(with_id: bool) -> bytes:
    head = bytes([0x05, 0x01, 0x09, 0x06, 0xA1, 0x01])
    rid = bytes([0x85, 0x01]) if with_id else b""
    body = bytes(
        [0x05, 0x07, 0x19, 0xE0, 0x29, 0xE7, 0x15, 0x00, 0x25, 0x01, 0x75, 0x01, 0x95, 0x08, 0x81, 0x02,
         0x95, 0x01, 0x75, 0x08, 0x81, 0x01, 0x95, 0x06, 0x75, 0x08, 0x15, 0x00, 0x25, 0x65, 0x05, 0x07,
         0x19, 0x00, 0x29, 0x65, 0x81, 0x00, 0xC0]
    )  # fmt: skip
    return head + rid + body


class FakeHidScanner(FakeDevice):
    """A HID keyboard scanner: queue barcodes, it emits press/release reports.

    ``composite=True`` plays a scanner whose first HID interface is not the keyboard (a HID POS
    or vendor interface that says nothing); the boot keyboard (subclass 1, protocol 1) comes
    second. ``refuse_set_protocol=True`` stalls SET_PROTOCOL, so reports stay in report
    protocol, each led by report id 1 as the report descriptor declares.
    """

    def __init__(
        self,
        vid: int = 0x05E0,
        pid: int = 0x1200,
        *,
        composite: bool = False,
        refuse_set_protocol: bool = False,
    ) -> None:
        keyboard = FakeInterface(1 if composite else 0, 3, 1, 1, [FakeEndpoint(0x82 if composite else 0x81,
                                                                                INTERRUPT, 8)])  # fmt: skip
        interfaces = [keyboard]
        if composite:
            interfaces.insert(0, FakeInterface(0, 3, 0, 0, [FakeEndpoint(0x81, INTERRUPT, 64)]))
        super().__init__(
            vid,
            pid,
            manufacturer="Symbol Technologies",
            product="Bar Code Scanner",
            serial="S123",
            interfaces=interfaces,
        )
        self.keyboard_endpoint = keyboard.endpoints[0].address
        self.keyboard_interface = keyboard.number
        self.refuse_set_protocol = refuse_set_protocol
        self.reports: list[bytes] = []
        self.protocol_set: int | None = None

    @property
    def report_protocol(self) -> bool:
        return self.protocol_set != 0

    def type_text(self, text: str, terminator: str = "\r") -> None:
        """Queue the reports a scanner sends for ``text`` + terminator (GS as Ctrl+])."""
        for ch in text + terminator:
            if ch == "\x1d":
                usage, mods = 0x30, 0x01
            else:
                usage, shift = _US_KEYS[ch]
                mods = 0x02 if shift else 0
            self.reports.append(bytes([mods, 0, usage, 0, 0, 0, 0, 0]))
            self.reports.append(bytes(8))

    def on_in(self, ep: int, size: int) -> bytes | None:
        if ep != self.keyboard_endpoint or not self.reports:
            return None
        report = self.reports.pop(0)
        return (b"\x01" + report) if self.refuse_set_protocol and self.report_protocol else report

    def on_control(self, request_type: int, request: int, value: int, index: int) -> bytes:
        if request_type == 0x21 and request == 0x0B:  # SET_PROTOCOL
            if self.refuse_set_protocol:
                raise usb.core.USBError("Pipe error", -9, errno.EPIPE)
            self.protocol_set = value
        if request_type == 0x81 and request == 0x06 and value >> 8 == 0x22:  # report descriptor
            return _keyboard_descriptor(self.refuse_set_protocol)
        return b""


class FakeScale(FakeDevice):
    """A DYMO-like HID POS scale: report id 3 ``[3, status, unit, exponent, lo, hi]``.

    By default it streams its current report on every read. ``on_change_only=True`` plays the
    HID default (idle rate 0): a report only when the reading changes, then silence; SET_IDLE
    with a duration makes it repeat unless ``ignore_set_idle``; GET_REPORT (input, id 3) answers
    the current report. ``push_raw`` queues reports with other ids (status, control) it may send.
    """

    STABLE = 4
    IN_MOTION = 3
    ZERO = 2
    OVER = 6
    UNDER_ZERO = 5
    FAULT = 1

    def __init__(
        self,
        vid: int = 0x0922,
        pid: int = 0x8003,
        *,
        on_change_only: bool = False,
        ignore_set_idle: bool = False,
    ) -> None:
        intf = FakeInterface(0, 3, 0, 0, [FakeEndpoint(0x82, INTERRUPT, 6)])
        super().__init__(
            vid,
            pid,
            manufacturer="DYMO",
            product="M25 25 lb Digital Postal Scale",
            serial="0071234",
            interfaces=[intf],
        )
        self.queue: list[bytes] = []
        self.current = bytes([3, self.ZERO, 11, 0xFF, 0, 0])  # ounces, exponent -1
        self.on_change_only = on_change_only
        self.ignore_set_idle = ignore_set_idle
        self.idle_duration: int | None = None  # 4 ms units, from SET_IDLE
        self._changed = True

    @staticmethod
    def _report(status: int, raw: int, unit: int, exponent: int) -> bytes:
        return bytes([3, status, unit, exponent & 0xFF, raw & 0xFF, (raw >> 8) & 0xFF])

    def set(self, status: int, raw: int, *, unit: int = 11, exponent: int = -1) -> None:
        """Set the current reading (unit 11 = ounces, 12 = pounds, 2 = grams)."""
        report = self._report(status, raw, unit, exponent)
        self._changed = self._changed or report != self.current
        self.current = report

    def push(self, status: int, raw: int, *, unit: int = 11, exponent: int = -1) -> None:
        """Queue one report to send before the steady ``current`` one."""
        self.queue.append(self._report(status, raw, unit, exponent))

    def push_raw(self, report: bytes) -> None:
        self.queue.append(report)

    @property
    def repeats(self) -> bool:
        return not self.on_change_only or (bool(self.idle_duration) and not self.ignore_set_idle)

    def on_in(self, ep: int, size: int) -> bytes | None:
        if self.queue:
            return self.queue.pop(0)
        if self.repeats or self._changed:
            self._changed = False
            return self.current
        return None

    def on_control(self, request_type: int, request: int, value: int, index: int) -> bytes:
        if request_type == 0x21 and request == 0x0A:  # SET_IDLE: duration in the high byte
            self.idle_duration = value >> 8
        if request_type == 0xA1 and request == 0x01 and value == 0x0103:  # GET_REPORT input id 3
            return self.current
        return b""

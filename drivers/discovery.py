"""What is plugged in, and what the station would use it as (for ``pacific-station devices``)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

import usb.core

log = logging.getLogger(__name__)

PRINTER_VENDORS = {
    0x0A5F: ("Zebra", "zpl"),
    0x1203: ("TSC", "tspl"),
    0x04B8: ("Epson", "escpos"),
    0x0FE6: ("ICS/Xprinter", "escpos"),
    0x2D37: ("Xprinter", "tspl"),
    0x0416: ("Winbond", "escpos"),
    0x09C5: ("Rollo", "tspl"),
    0x1FC9: ("Munbyn/NXP", "tspl"),
}
SCANNER_VENDORS = {
    0x05E0: "Symbol/Zebra",
    0x0C2E: "Honeywell",
    0x05F9: "Datalogic",
    0x1EAB: "Newland",
    0x0536: "Hand Held Products",
    0x065A: "Opticon",
    0x0483: "STM (many cheap scanners)",
    0x28E9: "Netum/GD32",
}
# Chip makers' generic vendor ids: thousands of unrelated gadgets share them, so a device from one
# is a scanner only with a HID boot keyboard interface AND a product name that says so (the same
# match as the udev rule in packaging/udev).
GENERIC_VENDORS = {0x0483, 0x28E9}
SCALE_VENDORS = {
    0x0922: "DYMO",
    0x0EB8: "Mettler Toledo",
    0x1446: "Stamps.com",
    0x0B67: "Fairbanks",
    0x6096: "Brecknell",
}


@dataclass(frozen=True)
class DeviceInfo:
    vid: int
    pid: int
    manufacturer: str
    product: str
    role: str  # printer, scanner, scale, unknown
    language: str = ""  # printers: zpl, tspl, escpos
    transport: str = "usb"  # usb or serial
    port: str = ""  # serial device path
    serial: str = ""

    @property
    def ids(self) -> str:
        return f"{self.vid:04x}:{self.pid:04x}"


def _string(dev: Any, attr: str) -> str:
    try:
        return str(getattr(dev, attr) or "")
    except (usb.core.USBError, ValueError, NotImplementedError):  # no permission or no strings
        return ""


def _classes(dev: Any) -> list[tuple[int, int, int]]:
    try:
        return [(i.bInterfaceClass, i.bInterfaceSubClass, i.bInterfaceProtocol) for i in dev[0]]
    except (usb.core.USBError, IndexError):
        return []


def guess_role(vid: int, classes: list[tuple[int, int, int]], product: str = "") -> tuple[str, str]:
    """(role, language) from interface classes, vendor id and product name."""
    text = product.lower()
    if any(c[0] == 7 for c in classes) or (vid in PRINTER_VENDORS and "scanner" not in text):
        lang = PRINTER_VENDORS.get(vid, ("", "escpos"))[1]
        if "zpl" in text or "zebra" in text:
            lang = "zpl"
        return "printer", lang
    if vid in SCALE_VENDORS or "scale" in text:
        return "scale", ""
    is_keyboard = any(c == (3, 1, 1) for c in classes)
    named = "scan" in text or "barcode" in text
    if vid in GENERIC_VENDORS:
        return ("scanner", "") if is_keyboard and named else ("unknown", "")
    if vid in SCANNER_VENDORS or named:
        return "scanner", ""
    if is_keyboard:
        return "unknown", ""  # an ordinary keyboard, most likely
    return "unknown", ""


def list_devices(backend: Any = None, include_serial: bool = True) -> list[DeviceInfo]:
    """Connected USB printers, scanners and scales (and USB serial ports), with a role guess."""
    found: list[DeviceInfo] = []
    try:
        devices = list(usb.core.find(find_all=True, backend=backend))
    except usb.core.NoBackendError:
        log.warning("no libusb backend: USB devices cannot be listed")
        devices = []
    for dev in devices:
        product = _string(dev, "product")
        role, lang = guess_role(dev.idVendor, _classes(dev), product)
        if role == "unknown" and dev.bDeviceClass == 9:  # hubs
            continue
        found.append(
            DeviceInfo(
                dev.idVendor,
                dev.idProduct,
                _string(dev, "manufacturer"),
                product,
                role,
                lang,
                serial=_string(dev, "serial_number"),
            )
        )
    if include_serial:
        found += _serial_ports()
    return found


def _serial_ports() -> list[DeviceInfo]:
    try:
        from serial.tools import list_ports
    except ImportError:  # pragma: no cover
        return []
    out = []
    for p in list_ports.comports():
        if p.vid is None:
            continue
        out.append(
            DeviceInfo(
                p.vid,
                p.pid or 0,
                p.manufacturer or "",
                p.product or p.description or "",
                "scanner",
                transport="serial",
                port=p.device,
                serial=p.serial_number or "",
            )
        )
    return out

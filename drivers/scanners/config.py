"""THE scanner settings shape: written by ``devices use scanner`` and the devices screen, read by wiring.

One of::

    {"transport": "wedge", "prefix": "", "suffix": "", "max_gap_ms": 30}
    {"transport": "usb", "vid": 0x05E0, "pid": 0x1200, "name": "..."}          # read directly (HID)
    {"transport": "serial", "port": "/dev/ttyACM0", "baudrate": 9600, "name": "..."}

Settings saved by older versions (``"usb_hid"``, ``"url"``) are read as the same shapes.
"""

from __future__ import annotations

from typing import Any

TRANSPORTS = ("wedge", "usb", "serial")


def _num(value: Any) -> int:
    return int(value, 0) if isinstance(value, str) else int(value)


def usb_scanner(vid: int, pid: int, name: str = "") -> dict[str, Any]:
    """Settings for a USB HID scanner read directly (the keyboard driver is detached)."""
    return {"transport": "usb", "vid": int(vid), "pid": int(pid), "name": name}


def serial_scanner(port: str, baudrate: int = 9600, name: str = "") -> dict[str, Any]:
    """Settings for a USB serial (CDC-ACM) or RS-232 scanner."""
    return {"transport": "serial", "port": str(port), "baudrate": int(baudrate), "name": name}


def wedge_scanner(**wedge: Any) -> dict[str, Any]:
    """Settings for a keyboard-wedge scanner (prefix, suffix, max_gap_ms kept if given)."""
    return {"transport": "wedge", **{k: v for k, v in wedge.items() if k in ("prefix", "suffix", "max_gap_ms")}}


def from_device(device: Any) -> dict[str, Any]:
    """Settings for a discovered drivers.discovery.DeviceInfo."""
    name = f"{device.manufacturer} {device.product}".strip()
    if device.transport == "serial":
        return serial_scanner(device.port, name=name)
    return usb_scanner(device.vid, device.pid, name)


def normalise(config: dict[str, Any] | None) -> dict[str, Any]:
    """Any saved scanner setting (older shapes included) as the one shape; {} counts as the wedge."""
    config = dict(config or {})
    transport = config.get("transport") or "wedge"
    if transport == "usb_hid":
        transport = "usb"
    if transport == "usb":
        return usb_scanner(_num(config["vid"]), _num(config["pid"]), str(config.get("name", "")))
    if transport == "serial":
        port = config.get("port") or config.get("url")
        if not port:
            raise ValueError("A serial scanner needs its port (e.g. /dev/ttyACM0 or COM3)")
        return serial_scanner(str(port), int(config.get("baudrate", 9600)), str(config.get("name", "")))
    if transport == "wedge":
        return wedge_scanner(**config)
    raise ValueError(f"unknown scanner transport {transport!r}")


def open_scanner(config: dict[str, Any] | None, *, backend: Any = None) -> Any:
    """A direct scanner (HidKeyboardScanner or SerialScanner) for the settings; None for the wedge."""
    config = normalise(config)
    if config["transport"] == "usb":
        from drivers.scanners.usbhid import HidKeyboardScanner

        return HidKeyboardScanner(config["vid"], config["pid"], backend=backend)
    if config["transport"] == "serial":
        from drivers.scanners.serialscanner import SerialScanner

        return SerialScanner(config["port"], baudrate=config["baudrate"])
    return None

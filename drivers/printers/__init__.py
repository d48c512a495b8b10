"""Label printers: ``open_printer(config)`` returns a station.ports.LabelPrinter."""

from __future__ import annotations

from typing import Any

from drivers.printers.printer import ThermalPrinter, VirtualPrinter, build_job
from drivers.printers.transports import TcpTransport, UsbTransport

DEFAULT_DPI = 203


def detect_dpi(config: dict[str, Any], product: str = "") -> int:
    """The resolution to use for a printer: asked (``~HI``), else read from its model name, else 203."""
    from drivers.printers.zebra_status import dpi_from_model
    from station.errors import DeviceError

    asked = None
    if config.get("transport") in ("usb", "tcp"):
        try:
            printer = open_printer({**config, "dpi": DEFAULT_DPI})
            try:
                asked = printer.detect_dpi()  # type: ignore[union-attr]
            finally:
                printer.close()
        except (DeviceError, ValueError, KeyError):
            asked = None
    return asked or dpi_from_model(product) or DEFAULT_DPI


def _int(value: Any) -> int:
    return int(value, 0) if isinstance(value, str) else int(value)


def open_printer(config: dict[str, Any]) -> ThermalPrinter | VirtualPrinter:
    """Build a printer from settings.

    Keys: transport ("usb" | "tcp" | "cups" | "virtual"), language ("zpl" | "tspl" | "escpos"), dpi (203/300),
    queue and server (cups: the OS print queue's name, and a CUPS server other than the system's),
    vid/pid (ints or "0x0a5f" strings), serial, host, port, folder, backend (a pyusb backend, tests),
    timeout_ms, status_check (bool), name. Opening is lazy: nothing is touched until the first job.
    """
    transport = config.get("transport", "usb")
    language = config.get("language", "zpl")
    dpi = int(config.get("dpi", 203))
    name = str(config.get("name", f"{language}-{transport}"))
    if transport == "virtual":
        return VirtualPrinter(config["folder"], language=language, dpi=dpi, name=name)
    if transport == "cups":
        from drivers.printers.osqueue import CupsQueueTransport

        queue = CupsQueueTransport(str(config["queue"]), server=str(config.get("server", "")))
        return ThermalPrinter(
            queue, language=language, dpi=dpi, name=name, status_check=bool(config.get("status_check", True))
        )
    if transport == "tcp":
        tcp = TcpTransport(
            config["host"],
            int(config.get("port", 9100)),
            timeout_s=float(config.get("timeout_ms", 5000)) / 1000,
        )
        return ThermalPrinter(
            tcp, language=language, dpi=dpi, name=name, status_check=bool(config.get("status_check", True))
        )
    if transport == "usb":
        vid, pid = _int(config.get("vid", 0x0A5F)), _int(config["pid"])
        timeout_ms = int(config.get("timeout_ms", 5000))
        if language == "escpos":
            from drivers.printers.escpos_usb import EscposUsbTransport

            usb_t: Any = EscposUsbTransport(vid, pid, backend=config.get("backend"), timeout_ms=timeout_ms)
        else:
            usb_t = UsbTransport(
                vid, pid, backend=config.get("backend"), serial=config.get("serial"), timeout_ms=timeout_ms
            )
        return ThermalPrinter(
            usb_t, language=language, dpi=dpi, name=name, status_check=bool(config.get("status_check", True))
        )
    raise ValueError(f"unknown printer transport {transport!r}")


__all__ = [
    "DEFAULT_DPI",
    "TcpTransport",
    "ThermalPrinter",
    "UsbTransport",
    "VirtualPrinter",
    "build_job",
    "detect_dpi",
    "open_printer",
]

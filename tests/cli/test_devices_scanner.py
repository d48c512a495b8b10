"""Issue 14 item 1: one scanner settings shape, from `pacific-station devices use scanner` to a decoded scan."""

from __future__ import annotations

import os

import pytest

from drivers import usbio
from drivers.fakeusb import FakeBackend, FakeHidScanner
from drivers.scanners.config import normalise
from tests.cli.conftest import Cli
from tests.station.support import ADMIN, ADMIN_PW, Crew
from ui.wiring import open_direct_scanner, wire


def _use(crew: Crew, cli: Cli, *argv: str) -> dict:  # type: ignore[type-arg]
    result = cli.run("--as", ADMIN, "devices", "use", "scanner", *argv, stdin=[ADMIN_PW, crew.code(ADMIN)])
    assert result.code == 0, result.err
    return dict(crew.station.store.settings.get("scanner"))


def test_usb_scanner_from_devices_use_to_a_decoded_scan(crew_cli, monkeypatch):
    crew, cli = crew_cli
    saved = _use(crew, cli, "05e0:1200")
    assert saved == {"transport": "usb", "vid": 0x05E0, "pid": 0x1200, "name": ""}
    dev = FakeHidScanner(composite=True)
    real_find = usbio.find_device
    monkeypatch.setattr(usbio, "find_device", lambda vid, pid, backend=None, serial=None:
                        real_find(vid, pid, FakeBackend(dev), serial))  # fmt: skip
    wiring = wire(crew.station)  # what the GUI does at start
    scanner = wiring.scanner
    assert type(scanner).__name__ == "HidKeyboardScanner"
    scanner.timeout_ms = 5
    dev.type_text("X00ABCD123")
    scans: list[str] = []
    for _ in range(60):
        scans += scanner.poll_once()
    assert scans == ["X00ABCD123"]
    scanner.stop()


def test_serial_scanner_through_a_pty(crew_cli):
    crew, cli = crew_cli
    master, slave = os.openpty()
    try:
        port = os.ttyname(slave)
        saved = _use(crew, cli, port)
        assert saved == {"transport": "serial", "port": port, "baudrate": 9600, "name": ""}
        scanner = wire(crew.station).scanner  # no KeyError while the GUI starts
        assert type(scanner).__name__ == "SerialScanner"
        scanner.open()
        os.write(master, b"X00ABCD123\r")
        scans: list[str] = []
        for _ in range(20):
            scans += scanner.poll_once()
            if scans:
                break
        assert scans == ["X00ABCD123"]
        scanner.stop()
    finally:
        os.close(master)
        os.close(slave)


def test_wedge_and_older_shapes():
    assert open_direct_scanner({}) is None
    assert open_direct_scanner({"transport": "wedge", "prefix": "]"}) is None
    assert normalise({"transport": "usb_hid", "vid": "0x05e0", "pid": "0x1200"})["vid"] == 0x05E0
    assert normalise({"transport": "serial", "url": "/dev/ttyACM0"})["port"] == "/dev/ttyACM0"
    assert open_direct_scanner({"transport": "serial"}) is None  # unusable: logged, wedge, GUI starts
    with pytest.raises(ValueError):
        normalise({"transport": "bluetooth"})


def _use_printer(crew: Crew, cli: Cli, *argv: str) -> dict:  # type: ignore[type-arg]
    result = cli.run("--as", ADMIN, "devices", "use", *argv, stdin=[ADMIN_PW, crew.code(ADMIN)])
    assert result.code == 0, result.err
    return dict(crew.station.store.settings.get("printer"))


def test_tsc_printer_defaults_to_tspl_and_dpi_is_detected(crew_cli, monkeypatch):
    """Issue 14 items 4 and 12: no --language/--dpi: TSPL for a TSC, and the dpi the printer reports."""
    crew, cli = crew_cli
    assert _use_printer(crew, cli, "printer", "1203:0230")["language"] == "tspl"
    from drivers.fakeusb import FakePrinter

    dev = FakePrinter(pid=0x0167, product="ZTC ZD421 ZPL", dots_per_mm=12)  # 300 dpi, said only by ~HI
    real_find = usbio.find_device
    monkeypatch.setattr(usbio, "find_device", lambda vid, pid, backend=None, serial=None:
                        real_find(vid, pid, FakeBackend(dev), serial))  # fmt: skip
    saved = _use_printer(crew, cli, "printer", "0a5f:0167")
    assert (saved["language"], saved["dpi"]) == ("zpl", 300)
    assert _use_printer(crew, cli, "printer", "0a5f:0167", "--dpi", "203")["dpi"] == 203


def test_queue_printer_and_document_printer(crew_cli):
    crew, cli = crew_cli
    saved = _use_printer(crew, cli, "printer", "--queue", "Zebra_ZD421", "--dpi", "300")
    assert saved == {"transport": "cups", "queue": "Zebra_ZD421", "language": "zpl", "dpi": 300}
    _use_printer(crew, cli, "documents", "--queue", "Office_Laser")
    assert crew.station.store.settings.get("document_printer") == {"queue": "Office_Laser"}
    printer = wire(crew.station).printer
    assert type(printer.transport).__name__ == "CupsQueueTransport" and printer.dpi == 300

"""Devices screen: discovered devices, choose and save, test print, live scale reading."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from drivers.discovery import DeviceInfo
from drivers.scales import ScaleReading
from station.errors import DeviceUnplugged
from ui.admin.devices import DevicesWidget

DEVICES = [
    DeviceInfo(0x0A5F, 0x0166, "Zebra", "ZD421", "printer", "zpl", serial="ZD1"),
    DeviceInfo(0x0922, 0x8003, "DYMO", "M10 Scale", "scale"),
    DeviceInfo(0x0C2E, 0x0B61, "Honeywell", "Voyager 1250g", "scanner"),
]


class FakeScale:
    def __init__(self) -> None:
        self.readings = [ScaleReading("in_motion", 1.1), ScaleReading("stable", 1.42)]
        self.fail = False

    def read_once(self) -> ScaleReading:
        if self.fail:
            raise DeviceUnplugged("Scale not found — check its USB cable and turn it on")
        return self.readings.pop(0) if len(self.readings) > 1 else self.readings[0]

    def close(self) -> None:
        pass


def test_choose_save_test_print_and_read_the_scale(qtbot, env) -> None:  # type: ignore[no-untyped-def]
    scale = FakeScale()
    opened: list[dict[str, Any]] = []

    def open_scale(config: dict[str, Any]) -> FakeScale:
        opened.append(config)
        return scale

    widget = DevicesWidget(env.station, env.admin(), discover=lambda: DEVICES, open_scale=open_scale)
    qtbot.addWidget(widget)
    assert widget.table.rowCount() == 3
    assert widget.table.item(0, 0).text() == "Printer" and widget.table.item(0, 3).text() == "0a5f:0166"
    virtual = next(i for i in range(widget.printer_combo.count()) if "Virtual" in widget.printer_combo.itemText(i))
    widget.printer_combo.setCurrentIndex(virtual)
    widget.scale_combo.setCurrentIndex(1)
    qtbot.mouseClick(widget.save_button, Qt.MouseButton.LeftButton)
    assert widget.message.kind == "ok", widget.message.text()
    settings = env.station.store.settings
    assert settings.get("printer")["transport"] == "virtual"
    assert settings.get("scale") == {"vid": 0x0922, "pid": 0x8003, "name": "DYMO M10 Scale"}
    assert {r.target for r in env.actions("settings.changed", "boss")} == {"printer", "scale", "scanner"}
    assert opened and opened[-1]["pid"] == 0x8003

    qtbot.mouseClick(widget.test_button, Qt.MouseButton.LeftButton)
    assert widget.message.kind == "ok", widget.message.text()
    jobs = list((env.station.home / "virtual-printer").glob("job-*.zpl"))
    assert len(jobs) == 1 and jobs[0].read_bytes().startswith(b"^XA")
    assert env.actions("device.test_printed", "boss")

    widget.read_scale()
    assert "moving" in widget.scale_label.text()
    widget.read_scale()
    assert widget.scale_label.text() == "Scale: 1.42 lb — stable"
    scale.fail = True
    widget.read_scale()
    assert "Scale not found" in widget.scale_label.text()


def test_test_print_without_a_printer_says_what_to_do(qtbot, env) -> None:  # type: ignore[no-untyped-def]
    widget = DevicesWidget(env.station, env.admin(), discover=lambda: [])
    qtbot.addWidget(widget)
    widget.test_print()
    assert widget.message.kind == "error" and "choose one" in widget.message.text()


def test_a_packer_cannot_configure_devices(qtbot, env) -> None:  # type: ignore[no-untyped-def]
    from station.domain import Role

    widget = DevicesWidget(env.station, env.add("pat", Role.PACKER), discover=lambda: DEVICES)
    qtbot.addWidget(widget)
    widget.save()
    assert widget.message.kind == "error" and "Not allowed" in widget.message.text()
    assert env.station.store.settings.get("printer") == {}


def test_chosen_dpi_scanner_and_queues_are_saved_in_the_one_shape(qtbot, env) -> None:  # type: ignore[no-untyped-def]
    """Issue 14 items 1 and 4: the screen saves the dpi chosen (not always 203) and the scanner
    shape the wiring reads; OS print queues are offered for labels and for documents."""
    devices = [DeviceInfo(0x0A5F, 0x0167, "Zebra", "ZTC ZD421-300dpi ZPL", "printer", "zpl", serial="Z3"),
               DeviceInfo(0x0C2E, 0x0B61, "Honeywell", "Voyager 1250g", "scanner")]  # fmt: skip
    widget = DevicesWidget(env.station, env.admin(), discover=lambda: devices, queues=lambda: ["Office_Laser"])
    qtbot.addWidget(widget)
    zebra = next(i for i in range(widget.printer_combo.count()) if "ZD421" in widget.printer_combo.itemText(i))
    widget.printer_combo.setCurrentIndex(zebra)
    assert widget.dpi_combo.currentData() == 300  # read from the model name
    widget.scanner_combo.setCurrentIndex(1)
    widget.documents_combo.setCurrentIndex(1)
    qtbot.mouseClick(widget.save_button, Qt.MouseButton.LeftButton)
    assert widget.message.kind == "ok", widget.message.text()
    settings = env.station.store.settings
    assert settings.get("printer")["dpi"] == 300
    assert settings.get("scanner") == {"transport": "usb", "vid": 0x0C2E, "pid": 0x0B61,
                                       "name": "Honeywell Voyager 1250g"}  # fmt: skip
    assert settings.get("document_printer") == {"queue": "Office_Laser"}
    from ui.wiring import open_direct_scanner

    assert type(open_direct_scanner(settings.get("scanner"))).__name__ == "HidKeyboardScanner"
    queue = next(i for i in range(widget.printer_combo.count()) if "queue" in widget.printer_combo.itemText(i))
    widget.printer_combo.setCurrentIndex(queue)
    widget.dpi_combo.setCurrentIndex(widget.dpi_combo.findData(203))
    qtbot.mouseClick(widget.save_button, Qt.MouseButton.LeftButton)
    assert settings.get("printer") == {"transport": "cups", "queue": "Office_Laser", "language": "zpl", "dpi": 203,
                                       "name": "Print queue Office_Laser"}  # fmt: skip

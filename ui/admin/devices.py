"""Devices (admin): discovered printers/scales/scanners, choose and save, test print, live scale reading."""

from __future__ import annotations

import contextlib
import io
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QTimer
from PySide6.QtWidgets import QComboBox, QFormLayout, QHBoxLayout, QLabel, QPushButton, QWidget

from station.errors import DeviceError
from ui.admin.base import AdminWidget, fill_table, make_table, tr
from ui.admin.runner import Runner
from ui.i18n import tr_error
from ui.keyhelp import Key, add_keys
from ui.theme import plain

SCALE_POLL_MS = 500


def _discover() -> list[Any]:
    from drivers.discovery import list_devices

    return list_devices()


def _open_printer(config: dict[str, Any]) -> Any:
    from drivers.printers import open_printer

    return open_printer(config)


def _queues() -> list[str]:
    from drivers.printers.osqueue import queue_names

    return queue_names()


def _open_scale(config: dict[str, Any]) -> Any:
    from drivers.scales import open_scale

    return open_scale(config)


DPIS = (203, 300, 600)


def printer_config(device: Any) -> dict[str, Any]:
    """Settings for a discovered printer; its dpi read from the model name (the admin may change it)."""
    from drivers.printers.zebra_status import dpi_from_model

    return {"transport": device.transport, "language": device.language or "zpl", "vid": device.vid,
            "pid": device.pid, "serial": device.serial, "dpi": dpi_from_model(device.product) or 203,
            "name": f"{device.manufacturer} {device.product}".strip() or device.ids}  # fmt: skip


def queue_printer_config(queue: str) -> dict[str, Any]:
    """Settings for a label printer behind an OS print queue (raw ZPL unless the admin says otherwise)."""
    return {"transport": "cups", "queue": queue, "language": "zpl", "dpi": 203, "name": f"Print queue {queue}"}


NONE_WORDS = {
    "printer": QT_TRANSLATE_NOOP("admin", "none chosen — labels cannot print"),
    "scale": QT_TRANSLATE_NOOP("admin", "none — weights are typed"),
    "scanner": QT_TRANSLATE_NOOP("admin", "Keyboard-wedge scanner (the default: scans arrive as keys)"),
    "document_printer": QT_TRANSLATE_NOOP("admin", "none — PDF files kept in the station home"),
}
VIRTUAL_WORDS = {
    "printer": QT_TRANSLATE_NOOP("admin", "Virtual printer (label files in the station home)"),
    "scale": QT_TRANSLATE_NOOP("admin", "Virtual scale (simulated readings)"),
    "scanner": QT_TRANSLATE_NOOP("admin", "Virtual scanner"),
    "document_printer": QT_TRANSLATE_NOOP("admin", "Virtual document printer"),
}


def describe(config: dict[str, Any], role: str = "printer") -> str:
    """The device a setting names, in words for its role (a virtual scale is not a "Virtual printer")."""
    if not config:
        return tr(NONE_WORDS.get(role, "none chosen"))
    if config.get("transport") == "virtual":
        return tr(VIRTUAL_WORDS.get(role, "Virtual device"))
    if config.get("transport") == "wedge":
        return tr("Keyboard-wedge scanner")
    if config.get("queue") and not config.get("name"):
        return tr("Print queue {0}").format(config["queue"])
    name = config.get("name") or "device"
    ids = f"{int(config.get('vid', 0)):04x}:{int(config.get('pid', 0)):04x}" if "pid" in config else ""
    return f"{name} {ids}".strip()


def test_label_png(station_name: str, printer_name: str, when: str) -> bytes:
    """A 4x6 test label as PNG: big words, a border and ruler lines, so alignment shows at a glance."""
    from PIL import Image, ImageDraw, ImageFont

    width, height = 812, 1218  # 4x6 in at 203 dpi
    img = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(img)
    draw.rectangle([8, 8, width - 9, height - 9], outline=0, width=8)
    big, small = ImageFont.load_default(size=96), ImageFont.load_default(size=40)
    draw.text((60, 80), "TEST PRINT", font=big, fill=0)
    for i, line in enumerate((station_name, printer_name, when, "If every line is sharp and", "inside the border,",
                              "the printer is ready.")):  # fmt: skip
        draw.text((60, 260 + 70 * i), line, font=small, fill=0)
    for x in range(60, width - 60, 40):
        draw.line([x, 800, x, 1100], fill=0, width=4 if x % 80 == 60 else 1)
    out = io.BytesIO()
    img.save(out, format="PNG")
    return out.getvalue()


class DevicesWidget(AdminWidget):
    title = QT_TRANSLATE_NOOP("screens", "Devices")
    required_action = "device.configure"

    def __init__(
        self, station: Any, session: Any, run: Runner | None = None, parent: QWidget | None = None, *,
        discover: Callable[[], list[Any]] = _discover,
        open_printer: Callable[[dict[str, Any]], Any] = _open_printer,
        open_scale: Callable[[dict[str, Any]], Any] = _open_scale,
        queues: Callable[[], list[str]] = _queues,
    ):  # fmt: skip
        super().__init__(station, session, run, parent)
        self.discover, self.open_printer, self.open_scale = discover, open_printer, open_scale
        self.queues = queues
        self.table = make_table([self.tr("Use"), self.tr("Maker"), self.tr("Product"), self.tr("USB ids"),
                                 self.tr("Language"), self.tr("Connection")])  # fmt: skip
        self.layout_.addWidget(self.table, 1)
        self.rescan_button = QPushButton(self.tr("Look for devices again"))
        self.layout_.addWidget(self.rescan_button)
        form = QFormLayout()
        self.printer_combo, self.scale_combo, self.scanner_combo = QComboBox(), QComboBox(), QComboBox()
        self.dpi_combo, self.documents_combo = QComboBox(), QComboBox()
        for dpi in DPIS:
            self.dpi_combo.addItem(f"{dpi} dpi", dpi)
        self.now_label = plain(QLabel())
        self.now_label.setWordWrap(True)
        form.addRow(plain(QLabel(self.tr("Label printer"))), self.printer_combo)
        form.addRow(plain(QLabel(self.tr("Printer resolution"))), self.dpi_combo)
        form.addRow(plain(QLabel(self.tr("Document printer (slips, pick lists)"))), self.documents_combo)
        form.addRow(plain(QLabel(self.tr("Scale"))), self.scale_combo)
        form.addRow(plain(QLabel(self.tr("Scanner"))), self.scanner_combo)
        form.addRow(plain(QLabel(self.tr("In use now"))), self.now_label)
        self.layout_.addLayout(form)
        buttons = QHBoxLayout()
        self.save_button = QPushButton(self.tr("Save choice"))
        self.test_button = QPushButton(self.tr("Test print"))
        self.read_button = QPushButton(self.tr("Read scale"))
        for b in (self.save_button, self.test_button, self.read_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        self.layout_.addLayout(buttons)
        self.scale_label = plain(QLabel(self.tr("Scale: —")))
        self.scale_label.setObjectName("bigNumber")
        self.scale_label.setWordWrap(True)  # "Scale not found — check its USB cable…" in 48 px must wrap, not widen
        self.layout_.addWidget(self.scale_label)

        add_keys(self, [
            Key("F7", tr("Save the choice of devices"), self.save_button.click, self.save_button),
            Key("F5", tr("Test print on the label printer"), self.test_button.click, self.test_button),
            Key("F6", tr("Read the scale"), self.read_button.click, self.read_button),
            Key("Ctrl+R", tr("Look for devices again"), self.rescan_button.click, self.rescan_button),
        ])  # fmt: skip
        self.printer_combo.currentIndexChanged.connect(self._show_dpi)
        self.rescan_button.clicked.connect(self.rescan)
        self.save_button.clicked.connect(self.save)
        self.test_button.clicked.connect(self.test_print)
        self.read_button.clicked.connect(self.read_scale)
        self.timer = QTimer(self)
        self.timer.setInterval(SCALE_POLL_MS)
        self.timer.timeout.connect(self.read_scale)
        self._scale: Any = None
        self._reading = False
        self.devices: list[Any] = []
        self.rescan()

    # -- discovery -----------------------------------------------------------------------
    def rescan(self) -> None:
        self.act(lambda: (self.discover(), self.queues()), self._show_found)

    def _show_found(self, found: tuple[list[Any], list[str]]) -> None:
        self.queue_names = list(found[1])
        self._show_devices(found[0])

    def _show_dpi(self, _index: int = 0) -> None:
        dpi = int((self.printer_combo.currentData() or {}).get("dpi", 203))
        at = self.dpi_combo.findData(dpi)
        self.dpi_combo.setCurrentIndex(at if at >= 0 else 0)

    def _show_devices(self, devices: list[Any]) -> None:
        from drivers.scanners import config as scanner_settings

        self.devices = list(devices)
        fill_table(self.table, [[d.role.capitalize(), d.manufacturer, d.product, d.ids, d.language.upper(),
                                 d.port or d.transport.upper()] for d in self.devices])  # fmt: skip
        settings = self.station.store.settings
        current = {k: dict(settings.get(k) or {}) for k in ("printer", "scale", "scanner", "document_printer")}
        if current["scanner"]:
            with contextlib.suppress(KeyError, ValueError):  # unusable: shown as saved, "(not plugged in)"
                current["scanner"] = scanner_settings.normalise(current["scanner"])
        virtual = {"transport": "virtual", "language": "zpl", "dpi": 203, "name": "Virtual printer",
                   "folder": str(self.station.home / "virtual-printer")}  # fmt: skip
        printers = [(describe(printer_config(d)), printer_config(d)) for d in self.devices if d.role == "printer"]
        queues = getattr(self, "queue_names", [])
        printers += [(describe(queue_printer_config(q)), queue_printer_config(q)) for q in queues]
        scales = [(describe({"name": f"{d.manufacturer} {d.product}".strip(), "vid": d.vid, "pid": d.pid}),
                   {"vid": d.vid, "pid": d.pid, "name": f"{d.manufacturer} {d.product}".strip()})
                  for d in self.devices if d.role == "scale"]  # fmt: skip
        scanners = [(describe({"name": f"{d.manufacturer} {d.product}".strip(), "vid": d.vid, "pid": d.pid}),
                     scanner_settings.from_device(d)) for d in self.devices if d.role == "scanner"]  # fmt: skip
        self._fill(self.printer_combo, [(self.tr("No printer"), {}), *printers, (describe(virtual), virtual)],
                   current["printer"])
        self._fill(self.scale_combo, [(self.tr("No scale (type weights)"), {}), *scales], current["scale"], "scale")
        wedge = scanner_settings.wedge_scanner()
        self._fill(self.scanner_combo, [(self.tr("Keyboard-wedge scanner"), wedge), *scanners],
                   current["scanner"] or wedge, "scanner")  # fmt: skip
        documents = [(tr("Print queue {0}").format(q), {"queue": q}) for q in queues]
        self._fill(self.documents_combo, [(self.tr("None (PDF files only)"), {}), *documents],
                   current["document_printer"], "document_printer")  # fmt: skip
        self._show_dpi()
        self.now_label.setText(" · ".join(f"{tr(k.replace('_', ' '))}: {describe(v, k)}" for k, v in current.items()))
        self._restart_scale(current["scale"])

    @staticmethod
    def _fill(combo: QComboBox, options: list[tuple[str, dict[str, Any]]], current: dict[str, Any],
              role: str = "printer") -> None:  # fmt: skip
        combo.clear()
        if current and all(opt != current for _, opt in options):
            missing = "" if current.get("transport") == "virtual" else tr(" (not plugged in)")  # nothing to plug in
            options = [(describe(current, role) + missing, current), *options]
        for text, config in options:
            combo.addItem(text, config)
        for i, (_, config) in enumerate(options):
            if config == current:
                combo.setCurrentIndex(i)

    # -- save ----------------------------------------------------------------------------
    def save(self) -> None:
        printer = dict(self.printer_combo.currentData() or {})
        if printer and printer.get("transport") != "virtual":
            printer["dpi"] = int(self.dpi_combo.currentData())  # chosen once, used for every label
        chosen = {"printer": printer, "scale": self.scale_combo.currentData() or {},
                  "scanner": self.scanner_combo.currentData() or {},
                  "document_printer": self.documents_combo.currentData() or {}}  # fmt: skip

        def work() -> None:
            self.station.auth.authorize(self.session, "device.configure")
            for key, config in chosen.items():
                if dict(self.station.store.settings.get(key) or {}) != config:
                    self.station.change_setting(self.session, key, config)

        self.act(work, lambda _: self.rescan(), done=self.tr("Devices saved"))

    # -- test print ----------------------------------------------------------------------
    def test_print(self) -> None:
        def work() -> str:
            self.station.auth.authorize(self.session, "device.use")
            config = dict(self.station.store.settings.get("printer") or {})
            if not config:
                raise DeviceError(self.tr("No label printer chosen — choose one and press Save choice first"),
                                  state="not_configured")  # fmt: skip
            printer = self.open_printer(config)
            when = self.station.clock.now().strftime("%Y-%m-%d %H:%M UTC")
            png = test_label_png(str(self.station.store.settings.get("station_name")), describe(config), when)
            try:
                printer.print_label(png, fmt="PNG", size="4x6")
            finally:
                getattr(printer, "close", lambda: None)()
            self.station.audit.record(self.session.name, "device.test_printed", target=describe(config))
            return describe(config)

        self.act(work, done=lambda name: self.tr("Test label sent to {0} — check it came out sharp").format(name))

    # -- live scale ----------------------------------------------------------------------
    def _restart_scale(self, config: dict[str, Any]) -> None:
        self.timer.stop()
        if self._scale is not None:
            getattr(self._scale, "close", lambda: None)()
        self._scale = None
        if config:
            try:
                self._scale = self.open_scale(config)
            except (DeviceError, ValueError) as exc:
                self.scale_label.setText(self.tr("Scale: {0}").format(tr_error(exc)))
                return
            if self.isVisible():
                self.timer.start()
        else:
            self.scale_label.setText(self.tr("Scale: none chosen"))

    def read_scale(self) -> None:
        """One reading, shown big with its state in words (stable, moving, zero…)."""
        if self._scale is None or self._reading:
            return
        self._reading = True
        scale = self._scale

        def shown(reading: Any) -> None:
            self._reading = False
            words = {"stable": self.tr("stable"), "in_motion": self.tr("moving…"),
                     "zero": self.tr("empty (0)")}.get(reading.state, reading.state)  # fmt: skip
            self.scale_label.setText(self.tr("Scale: {0:.2f} lb — {1}").format(reading.pounds, words))

        def failed(exc: BaseException) -> None:
            self._reading = False
            self.scale_label.setText(self.tr("Scale: {0}").format(tr_error(exc)) if isinstance(exc, DeviceError)
                                     else self.tr("Scale: no reading"))  # fmt: skip

        self.run(scale.read_once, shown, failed)

    def showEvent(self, event: Any) -> None:  # Qt override
        super().showEvent(event)
        if self._scale is not None:
            self.timer.start()

    def hideEvent(self, event: Any) -> None:  # Qt override
        self.timer.stop()
        super().hideEvent(event)

"""Station settings (admin): retention, idle lock, shift hours, weight tolerance; box presets shown."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QTime
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QPushButton, QSpinBox, QTimeEdit, QWidget

from station.errors import UsageError
from ui.admin.base import AdminWidget, fill_table, make_table, tr
from ui.admin.runner import Runner
from ui.keyhelp import Key, add_keys
from ui.theme import plain

EDITABLE = ("retention_days", "idle_lock_minutes", "shift_start", "shift_end", "weight_tolerance_pct")


class SettingsWidget(AdminWidget):
    title = QT_TRANSLATE_NOOP("screens", "Settings")
    required_action = "settings.change"

    def __init__(self, station: Any, session: Any, run: Runner | None = None, parent: QWidget | None = None):
        super().__init__(station, session, run, parent)
        form = QFormLayout()
        self.retention = QSpinBox()
        self.retention.setRange(0, 30)
        self.retention.setSuffix(self.tr(" days"))
        self.idle = QSpinBox()
        self.idle.setRange(1, 120)
        self.idle.setSuffix(self.tr(" min"))
        self.shift_start = QTimeEdit()
        self.shift_start.setDisplayFormat("HH:mm")
        self.shift_end = QTimeEdit()
        self.shift_end.setDisplayFormat("HH:mm")
        self.tolerance = QSpinBox()
        self.tolerance.setRange(1, 50)
        self.tolerance.setSuffix(" %")
        self.zone_label = plain(QLabel())
        form.addRow(plain(QLabel(self.tr("Erase buyer data after shipping (0-30)"))), self.retention)
        form.addRow(plain(QLabel(self.tr("Lock the screen after no input for"))), self.idle)
        form.addRow(plain(QLabel(self.tr("Shift starts"))), self.shift_start)
        form.addRow(plain(QLabel(self.tr("Shift ends"))), self.shift_end)
        form.addRow(plain(QLabel(self.tr("Time zone"))), self.zone_label)
        form.addRow(plain(QLabel(self.tr("Weight may differ from expected by"))), self.tolerance)
        self.layout_.addLayout(form)
        self.save_button = QPushButton(self.tr("Save changes"))
        self.layout_.addWidget(self.save_button)
        self.layout_.addWidget(self.section(self.tr("Box presets (F-keys on the pack screen)")))
        self.boxes = make_table([self.tr("Key"), self.tr("Box"), self.tr("Inside L × W × H (in)"),
                                 self.tr("Empty weight (lb)")])  # fmt: skip
        self.layout_.addWidget(self.boxes, 1)
        self._hub_section()
        self.save_button.clicked.connect(self.save)
        add_keys(self, [Key("F7", tr("Save the changes"), self.save_button.click, self.save_button),
                        Key("F6", tr("Join the hub"), self.join_button.click, self.join_button)])  # fmt: skip
        self.current: dict[str, Any] = {}
        self.load()

    def _hub_section(self) -> None:
        """Join a hub: its address and the one-time enrolment code its admin created (issue 13)."""
        self.layout_.addWidget(self.section(tr("Hub")))
        self.hub_label = plain(QLabel())
        self.hub_url = QLineEdit()
        self.hub_url.setPlaceholderText("https://hub.example:8443")
        self.hub_code = QLineEdit()
        self.hub_code.setEchoMode(QLineEdit.EchoMode.Password)  # the code is a one-time secret
        self.join_button = QPushButton(tr("Join the hub"))
        form = QFormLayout()
        form.addRow(plain(QLabel(tr("This station's hub"))), self.hub_label)
        form.addRow(plain(QLabel(tr("Hub address"))), self.hub_url)
        form.addRow(plain(QLabel(tr("Enrolment code"))), self.hub_code)
        self.layout_.addLayout(form)
        self.layout_.addWidget(self.join_button)
        self.join_button.clicked.connect(self.join_hub)

    def join_hub(self) -> None:
        """Join the hub typed in; the credential goes to the station's secret store, never the screen."""
        from ui.hub_wiring import join_hub

        url, code = self.hub_url.text().strip(), self.hub_code.text()
        self.hub_code.clear()
        self.act(lambda: join_hub(self.station, self.session, url, code), lambda _: self.load(),
                 done=lambda name: tr("Joined the hub as {name}").format(name=name))  # fmt: skip

    def load(self) -> None:
        self.act(lambda: self.station.store.settings.all(), self._show)

    def _show(self, values: dict[str, Any]) -> None:
        self.current = values
        self.retention.setValue(int(values["retention_days"]))
        self.idle.setValue(int(values["idle_lock_minutes"]))
        self.shift_start.setTime(QTime.fromString(str(values["shift_start"]), "HH:mm"))
        self.shift_end.setTime(QTime.fromString(str(values["shift_end"]), "HH:mm"))
        self.tolerance.setValue(int(values["weight_tolerance_pct"]))
        self.zone_label.setText(str(values["timezone"]))
        hub = values.get("hub") or {}
        joined = tr("{station} at {url}").format(station=hub.get("station", ""), url=hub.get("url", ""))
        self.hub_label.setText(joined if hub.get("url") else tr("Not joined"))
        fill_table(self.boxes, [
            [b.get("key", ""), b.get("name", ""), f"{b.get('length_in', 0):g} × {b.get('width_in', 0):g} × "
             f"{b.get('height_in', 0):g}", f"{b.get('tare_lb', 0):g}"]
            for b in values.get("box_presets") or []
        ])  # fmt: skip

    def edited(self) -> dict[str, Any]:
        return {
            "retention_days": self.retention.value(),
            "idle_lock_minutes": self.idle.value(),
            "shift_start": self.shift_start.time().toString("HH:mm"),
            "shift_end": self.shift_end.time().toString("HH:mm"),
            "weight_tolerance_pct": self.tolerance.value(),
        }

    def save(self) -> None:
        """Save what changed; each change goes through the station (permission check and audit)."""
        changes = {k: v for k, v in self.edited().items() if self.current.get(k) != v}
        if not changes:
            self.show_ok(self.tr("Nothing changed"))
            return

        def work() -> list[str]:
            for key, value in changes.items():
                self._change(key, value)
            return list(changes)

        self.act(work, lambda _: self.load(), done=lambda keys: self.tr("Saved: {0}").format(", ".join(keys)))

    def apply_setting(self, key: str, value: Any) -> None:
        """Change one setting (also used for values typed elsewhere, e.g. a scanned config code)."""
        self.act(lambda: self._change(key, value), lambda _: self.load(), done=self.tr("Saved: {0}").format(key))

    def _change(self, key: str, value: Any) -> None:
        if key not in EDITABLE:
            raise UsageError(self.tr("{0} cannot be changed on this screen").format(key))
        if key == "idle_lock_minutes" and not 1 <= int(value) <= 120:
            raise UsageError(self.tr("Idle lock must be between 1 and 120 minutes"))
        if key == "weight_tolerance_pct" and not 1 <= int(value) <= 50:
            raise UsageError(self.tr("Weight tolerance must be between 1 and 50 %"))
        if key in ("shift_start", "shift_end") and not QTime.fromString(str(value), "HH:mm").isValid():
            raise UsageError(self.tr("Shift times are HH:MM, e.g. 06:00"))
        self.station.change_setting(self.session, key, value)

"""Typed station settings, declared once, one line each; values stored as JSON text."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from station.store.db import Database


@dataclass(frozen=True)
class Setting:
    key: str
    default: Any
    description: str


SETTINGS: dict[str, Setting] = {
    s.key: s
    for s in (
        Setting("retention_days", 30, "Days after fulfilment before buyer PII is erased (at most 30)"),
        Setting("idle_lock_minutes", 5, "Minutes without input before the session locks"),
        Setting("shift_start", "06:00", "Start of the station's shift (local time, HH:MM)"),
        Setting("shift_end", "22:00", "End of the station's shift (local time, HH:MM)"),
        Setting("timezone", "America/Los_Angeles", "Station's time zone for shift hours"),
        Setting("backup_folder", "", "Folder (e.g. a network share) for encrypted backups"),
        Setting("backup_interval_hours", 24, "Hours between scheduled backups"),
        Setting("station_name", "Station 1", "Name shown in the status bar"),
        Setting("printer", {}, "Label printer configuration (transport, language, dpi, ids)"),
        Setting("scale", {}, "Scale configuration"),
        Setting("scanner", {}, "Scanner: transport wedge (prefix/suffix), usb (vid/pid) or serial (port)"),
        Setting("document_printer", {}, "Office printer for packing slips, pick lists, manifests (OS queue name)"),
        Setting("ship_from", {}, "Warehouse ship-from address (not buyer data)"),
        Setting("weight_tolerance_pct", 10, "Allowed difference between expected and measured weight"),
        Setting("lockout_failures", 5, "Failed logins before an operator is locked out"),
        Setting("lockout_minutes", 15, "Minutes an operator stays locked out"),
        Setting("alert_failed_logins", 5, "Failed logins for one operator within 10 minutes that raise an alert"),
        Setting("alert_address_view_factor", 3, "Address views per hour above this multiple of the median alert"),
        Setting("alert_address_view_min", 50, "Address views per hour below this never alert"),
        Setting(
            "box_presets",
            [
                {"key": "F2", "name": "S", "length_in": 8, "width_in": 6, "height_in": 4, "tare_lb": 0.3},
                {"key": "F3", "name": "M", "length_in": 12, "width_in": 10, "height_in": 6, "tare_lb": 0.6},
                {"key": "F4", "name": "L", "length_in": 18, "width_in": 14, "height_in": 10, "tare_lb": 1.1},
                {"key": "F6", "name": "Poly", "length_in": 14, "width_in": 10, "height_in": 1, "tare_lb": 0.05},
            ],
            "Box presets on hotkeys: name, inside dimensions (in), empty weight (lb)",
        ),
        Setting("label_format", "ZPL", "Label format to buy: ZPL for thermal printers, PDF or PNG otherwise"),
        Setting("station_locked", False, "Incident lock: only admins may log in"),
        Setting("hub", {}, "The hub this station joined: url, station name, joined at (set by `hub join`)"),
        Setting("hub_contact", {}, "The station's last contact with its hub: at, ok"),
        Setting("hub_hold_ahead", 30, "Orders held ahead from the hub so packing goes on offline"),
    )
}


class Settings:
    def __init__(self, db: Database):
        self.db = db

    def get(self, key: str) -> Any:
        spec = SETTINGS[key]
        row = self.db.query_one("SELECT value FROM settings WHERE key = ?", (key,))
        return spec.default if row is None else json.loads(row[0])

    def set(self, key: str, value: Any, *, now: str, by: str) -> None:
        if key not in SETTINGS:
            raise KeyError(key)
        self.db.execute(
            "INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, "
            "updated_by = excluded.updated_by",
            (key, json.dumps(value), now, by),
        )

    def all(self) -> dict[str, Any]:
        return {key: self.get(key) for key in SETTINGS}

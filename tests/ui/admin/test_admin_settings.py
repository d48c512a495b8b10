"""Settings: a retention change is audited; 31 days is refused with a plain message."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTime

from station.domain import Role
from ui.admin.settings import SettingsWidget


def test_retention_change_is_audited_and_31_is_refused(qtbot, env) -> None:  # type: ignore[no-untyped-def]
    widget = SettingsWidget(env.station, env.admin())
    qtbot.addWidget(widget)
    assert widget.retention.value() == 30 and widget.retention.maximum() == 30
    assert widget.boxes.rowCount() == 4
    widget.retention.setValue(7)
    widget.shift_start.setTime(QTime(5, 30))
    qtbot.mouseClick(widget.save_button, Qt.MouseButton.LeftButton)
    assert widget.message.kind == "ok", widget.message.text()
    settings = env.station.store.settings
    assert settings.get("retention_days") == 7 and settings.get("shift_start") == "05:30"
    changed = {r.target for r in env.actions("settings.changed", "boss")}
    assert changed == {"retention_days", "shift_start"}
    widget.apply_setting("retention_days", 31)
    assert widget.message.kind == "error" and "from 0 to 30" in widget.message.text()
    assert settings.get("retention_days") == 7
    assert len(env.actions("settings.changed", "boss")) == 2


def test_a_lead_cannot_change_settings(qtbot, env) -> None:  # type: ignore[no-untyped-def]
    widget = SettingsWidget(env.station, env.add("lee", Role.LEAD))
    qtbot.addWidget(widget)
    widget.retention.setValue(1)
    widget.save()
    assert widget.message.kind == "error" and "Not allowed" in widget.message.text()
    assert env.station.store.settings.get("retention_days") == 30
    assert env.actions("permission.denied", "lee")

"""Audit viewer: search, alerts highlighted, verify OK, then the failure after a row is tampered with."""

from __future__ import annotations

from PySide6.QtCore import Qt

from station.domain import Role
from ui.admin.audit import AuditWidget
from ui.admin.style import ALERT_ROW_BG


def test_verify_ok_then_failure_after_tampering(qtbot, env) -> None:  # type: ignore[no-untyped-def]
    widget = AuditWidget(env.station, env.admin())
    qtbot.addWidget(widget)
    qtbot.mouseClick(widget.verify_button, Qt.MouseButton.LeftButton)
    assert widget.verify_result.kind == "ok" and "Audit trail OK" in widget.verify_result.text()
    # An attacker holding the database key drops the append-only trigger and edits a row.
    db = env.station.store.db
    db.execute("DROP TRIGGER audit_no_update")
    db.execute("UPDATE audit_events SET actor = 'nobody' WHERE seq = 2")
    qtbot.mouseClick(widget.verify_button, Qt.MouseButton.LeftButton)
    assert widget.verify_result.kind == "error"
    assert "FAILED at row 2" in widget.verify_result.text() and "MAC mismatch" in widget.verify_result.text()
    verified = env.actions("audit.verified", "boss")
    assert [r.severity for r in verified] == ["alert", "info"]  # newest first


def test_search_filters_and_alerts_stand_out(qtbot, env) -> None:  # type: ignore[no-untyped-def]
    env.station.audit.alert("alert.failed_logins", target="pat", failures=5)
    widget = AuditWidget(env.station, env.admin())
    qtbot.addWidget(widget)
    actions = [widget.table.item(r, 3).text() for r in range(widget.table.rowCount())]
    assert "alert.failed_logins" in actions and "user.added" in actions
    row = actions.index("alert.failed_logins")
    assert widget.table.item(row, 4).text() == "ALERT"  # in words, not colour alone
    assert widget.table.item(row, 0).background().color().name() == ALERT_ROW_BG
    assert "1 ALERT" in widget.message.text()
    widget.severity_combo.setCurrentIndex(widget.severity_combo.findData("alert"))
    qtbot.mouseClick(widget.search_button, Qt.MouseButton.LeftButton)
    assert [widget.table.item(r, 3).text() for r in range(widget.table.rowCount())] == ["alert.failed_logins"]
    widget.severity_combo.setCurrentIndex(0)
    widget.action_combo.setEditText("login.succeeded")
    widget.actor_edit.setText("boss")
    widget.search()
    assert widget.table.rowCount() >= 1
    assert {widget.table.item(r, 2).text() for r in range(widget.table.rowCount())} == {"boss"}


def test_auditor_may_view_and_verify_but_a_lead_may_not(qtbot, env) -> None:  # type: ignore[no-untyped-def]
    auditor = env.add("audrey", Role.AUDITOR)
    widget = AuditWidget(env.station, auditor)
    qtbot.addWidget(widget)
    assert widget.table.rowCount() > 0
    widget.verify()
    assert widget.verify_result.kind == "ok"
    lead = env.add("lee", Role.LEAD)
    denied = AuditWidget(env.station, lead)
    qtbot.addWidget(denied)
    assert denied.message.kind == "error" and denied.table.rowCount() == 0
    denied.verify()
    assert "Not allowed" in denied.message.text()

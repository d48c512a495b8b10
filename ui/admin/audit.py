"""Audit viewer (admin, auditor): search by action/actor/severity, alerts highlighted, verify the chain."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from station.services.audit import VerifyResult
from station.store.audit_rows import AuditRow
from ui.admin.base import AdminWidget, MessageBanner, fill_table, local_time, make_table, tr
from ui.admin.runner import Runner
from ui.admin.style import ALERT_ROW_BG, WARN_ROW_BG
from ui.keyhelp import Key, add_keys
from ui.plural import ntr
from ui.theme import plain

COMMON_ACTIONS = (
    "", "login.failed", "login.lockout", "login.succeeded", "permission.denied", "pii.address_viewed",
    "user.added", "user.disabled", "user.unlocked", "settings.changed", "seller.added", "seller.revoked",
    "seller.forgotten", "label.purchased", "label.voided", "order.exception_resolved", "purge.completed",
    "audit.verified", "audit.exported", "alert.failed_logins", "alert.login_outside_shift", "alert.address_views",
)  # fmt: skip
SEVERITY_WORDS = {
    "alert": QT_TRANSLATE_NOOP("AuditWidget", "ALERT"),
    "warning": QT_TRANSLATE_NOOP("AuditWidget", "Warning"),
    "info": QT_TRANSLATE_NOOP("AuditWidget", "info"),
}


def detail_text(detail: str, limit: int = 120) -> str:
    """The JSON detail as ``key=value`` pairs, cut to fit a table cell."""
    try:
        data = json.loads(detail or "{}")
    except ValueError:
        return detail[:limit]
    text = " ".join(f"{k}={v}" for k, v in sorted(data.items()) if v not in ("", None, [], {}))
    return text if len(text) <= limit else text[: limit - 1] + "…"


class AuditWidget(AdminWidget):
    title = QT_TRANSLATE_NOOP("screens", "Audit trail")
    required_action = "audit.view"

    def __init__(self, station: Any, session: Any, run: Runner | None = None, parent: QWidget | None = None):
        super().__init__(station, session, run, parent)
        filters = QHBoxLayout()
        self.action_combo = QComboBox()
        self.action_combo.setEditable(True)
        self.action_combo.addItems(list(COMMON_ACTIONS))
        self.action_combo.lineEdit().setPlaceholderText(self.tr("any action"))
        self.actor_edit = QLineEdit()
        self.actor_edit.setPlaceholderText(self.tr("any operator"))
        self.severity_combo = QComboBox()
        severities = (("", self.tr("any severity")), ("alert", self.tr("Alerts")),
                      ("warning", self.tr("Warnings")), ("info", self.tr("Info")))  # fmt: skip
        for value, words in severities:
            self.severity_combo.addItem(words, value)
        self.search_button = QPushButton(self.tr("Search"))
        filters.addWidget(plain(QLabel(self.tr("Action"))))
        filters.addWidget(self.action_combo, 2)
        filters.addWidget(plain(QLabel(self.tr("Who"))))
        filters.addWidget(self.actor_edit, 1)
        filters.addWidget(self.severity_combo)
        filters.addWidget(self.search_button)
        self.layout_.addLayout(filters)
        self.table = make_table(["#", self.tr("When"), self.tr("Who"), self.tr("Action"), self.tr("Severity"),
                                 self.tr("Target"), self.tr("Detail")])  # fmt: skip
        self.layout_.addWidget(self.table, 1)
        verify_row = QHBoxLayout()
        self.verify_button = QPushButton(self.tr("Verify chain"))
        verify_row.addWidget(self.verify_button)
        verify_row.addStretch(1)
        self.layout_.addLayout(verify_row)
        self.verify_result = MessageBanner()
        self.verify_result.setObjectName("message")
        self.layout_.addWidget(self.verify_result)

        self.search_button.clicked.connect(self.search)
        add_keys(self, [
            Key("F5", tr("Search the audit trail"), self.search_button.click, self.search_button),
            Key("F6", tr("Verify the chain"), self.verify_button.click, self.verify_button),
        ])  # fmt: skip
        self.actor_edit.returnPressed.connect(self.search)
        self.verify_button.clicked.connect(self.verify)
        self.rows: list[AuditRow] = []
        self.search()

    def search(self) -> None:
        action = self.action_combo.currentText().strip()
        actor = self.actor_edit.text().strip()
        severity = str(self.severity_combo.currentData() or "")
        self.act(lambda: self.station.audit_access.search(self.session, action=action, actor=actor,
                                                          severity=severity), self._show)  # fmt: skip

    def _show(self, rows: list[AuditRow]) -> None:
        self.rows = rows
        zone = self.zone()
        colours = [
            (ALERT_ROW_BG, "#ffffff") if r.severity == "alert" else (WARN_ROW_BG, "#000000")
            if r.severity == "warning" else None
            for r in rows
        ]  # fmt: skip
        fill_table(self.table, [
            [r.seq, local_time(r.at, zone, "%Y-%m-%d %H:%M:%S"), r.actor, r.action,
             self._severity(r.severity), r.target, detail_text(r.detail)]
            for r in rows
        ], colours=colours)  # fmt: skip
        alerts = sum(1 for r in rows if r.severity == "alert")
        self.message.show_message("warning" if alerts else "info",
                                  ntr("admin", "%n row(s) shown", len(rows))
                                  + (ntr("admin", ", %n ALERT(S)", alerts).replace("(S)", "S" if alerts > 1 else "")
                                     if alerts else ""))  # fmt: skip

    def _severity(self, severity: str) -> str:
        return self.tr(SEVERITY_WORDS[severity]) if severity in SEVERITY_WORDS else severity

    def verify(self) -> None:
        self.act(lambda: self.station.audit_access.verify(self.session), self._verified)

    def _verified(self, result: VerifyResult) -> None:
        if result.ok:
            checked = self.tr("proven with the recovery key") if result.proven else self.tr(
                "checked with the station's key; prove it with the recovery key: pacific-station audit verify")
            ok = self.tr("Audit trail OK — {0} rows, chain intact ({1})").format(result.rows, checked)
            self.verify_result.show_message("ok", ok)
        else:
            where = (self.tr("at row {0}").format(result.first_bad_seq) if result.first_bad_seq
                     else self.tr("at the chain head"))  # fmt: skip
            failed = self.tr("Audit trail FAILED {0}: {1}. Someone changed the log — "
                             "lock the station and report it to the security contact now.")  # fmt: skip
            self.verify_result.show_message("error", failed.format(where, result.reason))
        self.search()

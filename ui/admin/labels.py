"""Void a label (lead): scan or type the order, pick the box, give a reason; the box is labelled again later.

The screen only calls the station's shipping service (``voidable_labels``, ``void_label``): permission
``label.void``, the audit event and the Amazon ``cancelShipment`` (through the outbox) all live there.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QWidget

from station.services.hub_shipping import VoidResult
from station.store.packages import PackageRow
from ui.admin.base import AdminWidget, ConfirmBar, fill_table, local_time, make_table, selected_text, tr
from ui.admin.runner import Runner
from ui.i18n import tr_core
from ui.keyhelp import Key, add_keys
from ui.plural import ntr


class VoidLabelWidget(AdminWidget):
    title = QT_TRANSLATE_NOOP("screens", "Void a label")
    required_action = "label.void"

    def __init__(self, station: Any, session: Any, run: Runner | None = None, parent: QWidget | None = None):
        super().__init__(station, session, run, parent)
        row = QHBoxLayout()
        self.order_edit = QLineEdit()
        self.order_edit.setPlaceholderText(tr("Scan the slip or type the order id, then Enter"))
        self.order_edit.returnPressed.connect(lambda: self.load(self.order_edit.text()))
        self.find_button = QPushButton(tr("Find"))
        self.find_button.clicked.connect(lambda: self.load(self.order_edit.text()))
        row.addWidget(self.order_edit, 1)
        row.addWidget(self.find_button)
        self.layout_.addLayout(row)
        headers = [tr("Box"), tr("Status"), tr("Carrier"), tr("Tracking"), tr("Cost"), tr("Labelled")]
        self.table = make_table(headers)
        self.layout_.addWidget(self.table, 1)
        self.reason_edit = QLineEdit()
        self.reason_edit.setPlaceholderText(tr("Reason (required, no customer details)"))
        self.layout_.addWidget(self.reason_edit)
        buttons = QHBoxLayout()
        self.void_button = QPushButton(tr("Void the selected label"))
        self.void_button.setObjectName("danger")
        self.void_button.clicked.connect(self._ask_void)
        buttons.addWidget(self.void_button)
        buttons.addStretch(1)
        self.layout_.addLayout(buttons)
        self.confirm = ConfirmBar()
        self.layout_.addWidget(self.confirm)
        self.layout_.addStretch(0)
        self.focus_widget = self.order_edit
        self.order_id = ""
        self.packages: list[PackageRow] = []
        add_keys(self, [
            Key("F5", tr("Find the order's labelled boxes"), self.find_button.click, self.find_button),
            Key("F8", tr("Void the selected label (asks first)"), self.void_button.click, self.void_button),
        ])  # fmt: skip

    def handle_scan(self, code: str) -> None:
        """A scanned order id (packing slip, pick list) looks the order up."""
        self.order_edit.setText(code.strip())
        self.load(code)

    def load(self, order_id: str) -> None:
        order_id = order_id.strip()
        if not order_id:
            self.show_warning(tr("Scan or type an order id first"))
            return

        def shown(rows: list[PackageRow]) -> None:
            self.order_id, self.packages = order_id, rows
            self._fill(rows)
            if rows:
                self.table.selectRow(0)
                self.show_ok(ntr("admin", "%n labelled box(es) — choose one, give a reason, F8", len(rows)))
            else:
                self.show_warning(tr("Order %1 has no label to void").replace("%1", order_id[:40]))

        self.act(lambda: self.station.shipping.voidable_labels(self.session, order_id), shown)

    def _fill(self, rows: list[PackageRow]) -> None:
        zone = self.zone()
        fill_table(self.table, [
                [p.box_no, p.status, f"{p.carrier} {p.service}".strip(), p.tracking, f"{p.cost:.2f} {p.currency}",
                 local_time(p.created_at, zone)]
                for p in rows
            ])  # fmt: skip

    def _selected(self) -> PackageRow | None:
        box = selected_text(self.table)
        return next((p for p in self.packages if str(p.box_no) == box), None)

    def _ask_void(self) -> None:
        package, reason = self._selected(), self.reason_edit.text().strip()
        if package is None:
            self.show_warning(tr("Find the order and select a box first"))
            return
        if not reason:
            self.show_warning(tr("Give a reason for voiding the label"))
            self.reason_edit.setFocus()
            return
        question = tr("Void the label of box %1 of %2? Amazon is told to cancel it; the box is labelled again.")
        self.confirm.ask(question.replace("%1", str(package.box_no)).replace("%2", self.order_id),
                         tr("Void the label"), lambda: self.void(package.package_id, reason))  # fmt: skip

    def void(self, package_id: int, reason: str) -> None:
        """Void through the shipping service (permission label.void, audited, cancelShipment via the outbox)."""
        order_id = self.order_id

        def finished(result: VoidResult) -> None:
            self.reason_edit.clear()
            if not result.voided:  # joined to a hub that is out of reach: the void waits, it is not lost
                self.packages = [replace(p, status="voiding") if p.package_id == package_id else p
                                 for p in self.packages]  # fmt: skip
                self._fill(self.packages)
                self.show_warning(tr_core(result.message))
                return
            self.packages = [p for p in self.packages if p.package_id != package_id]
            self._fill(self.packages)
            done = tr("Label voided — order %1 is back in the queue to be labelled again")
            self.show_ok(done.replace("%1", order_id))

        self.act(lambda: self.station.shipping.void_label(self.session, package_id, reason), finished)

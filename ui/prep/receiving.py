"""Receiving: pick an open delivery, scan units in (F8 toggles damaged), close it and print the receipt."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QPushButton

from station.services.inbound_receiving import Receipt, ReceiveResult
from ui import keyhelp
from ui.keyhelp import Key
from ui.prep.base import PrepScreen, ScanField, big, tr
from ui.reports.prep_statement import receipt_pdf
from ui.theme import plain


class ReceivingWidget(PrepScreen):
    title = QT_TRANSLATE_NOOP("screens", "Receiving")
    required_action = "receiving.receive"

    def __init__(self, station: Any, session: Any, run: Any = None, parent: Any = None, *, printer: Any = None):
        super().__init__(station, session, run, parent, printer=printer)
        self.delivery_id: int | None = None
        self.receipt_document: bytes = b""
        pick = QHBoxLayout()
        pick.addWidget(plain(QLabel(self.tr("Delivery"))))
        self.deliveries = QComboBox()
        self.deliveries.activated.connect(lambda i: self.open_delivery(int(self.deliveries.itemData(i))))
        pick.addWidget(self.deliveries, 1)
        self.layout_.addLayout(pick)
        self.heading = big(tr("No delivery open — choose one above (a lead enters expected deliveries)"), 28)
        self.layout_.addWidget(self.heading)
        self.scan = ScanField(tr("Scan each unit (or a case-pack barcode)"))
        self.scan.scanned.connect(self.handle_scan)
        self.layout_.addWidget(self.scan)
        self.damaged = QCheckBox(tr("Damaged"))
        self.lines = big("", 24, bold=False)
        row = QHBoxLayout()
        self.close_button = QPushButton(tr("Close delivery + receipt"))
        self.close_button.clicked.connect(self.close_delivery)
        row.addWidget(self.damaged)
        row.addWidget(self.close_button)
        self.layout_.addLayout(row)
        self.layout_.addWidget(self.lines)
        self.layout_.addStretch(1)

        keyhelp.add_keys(self, [
            Key("F8", tr("Mark the next scans damaged (on/off)"), self.damaged.toggle, self.damaged),
            Key("F10", tr("Close the delivery and print the receipt"), self.close_delivery, self.close_button),
        ])  # fmt: skip
        self.seller_changed()


    def seller_changed(self) -> None:
        """List the chosen seller's open deliveries."""
        self.deliveries.clear()
        for d in self.station.prep.receiving.open_deliveries(self.session, self.seller):
            self.deliveries.addItem(f"{d.delivery_id} · {d.reference}", d.delivery_id)
        if self.deliveries.count() and self.delivery_id is None:
            self.open_delivery(int(self.deliveries.itemData(0)))

    def open_delivery(self, delivery_id: int) -> None:
        self.delivery_id = delivery_id
        self._refresh()

    def handle_scan(self, code: str) -> None:
        if self.delivery_id is None:
            self.show_warning(tr("Open a delivery first"))
            return
        delivery_id, damaged = self.delivery_id, self.damaged.isChecked()

        def done(result: ReceiveResult) -> None:
            {"unknown": self.show_error, "over": self.show_warning, "unexpected": self.show_warning}.get(
                result.outcome.value, self.show_ok
            )(result.message)
            self.damaged.setChecked(False)
            self._refresh()

        self.act(lambda: self.station.prep.receiving.receive(self.session, delivery_id, code, damaged=damaged), done)

    def close_delivery(self) -> None:
        if self.delivery_id is None:
            return
        delivery_id = self.delivery_id

        def done(receipt: Receipt) -> None:
            self.receipt_document = receipt_pdf(receipt)
            t = receipt.totals
            self.show_ok(tr("Delivery closed: {0} received, {1} short, {2} damaged, {3} over — receipt ready to print")
                         .format(t["received"], t["short"], t["damaged"], t["over"]))  # fmt: skip
            self._refresh()

        self.act(lambda: self.station.prep.receiving.close(self.session, delivery_id), done)

    def _refresh(self) -> None:
        if self.delivery_id is None:
            return
        d = self.station.prep.receiving.delivery(self.session, self.delivery_id)
        self.heading.setText(tr("Delivery {0} · {1} · {2}").format(d.delivery_id, d.reference, d.status))
        self.lines.setText("\n".join(
            f"{x.sku:<18} {x.received:>4} / {x.expected:<4}"
            + (f"  damaged {x.damaged}" if x.damaged else "") + (f"  SHORT {x.short}" if x.short else "")
            + (f"  OVER {x.over}" if x.over else "")
            for x in d.lines
        ))  # fmt: skip

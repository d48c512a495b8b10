"""Inventory per seller and SKU: warehouse counts beside Amazon's FBA counts; refresh; statement CSV/PDF."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTableWidgetItem

from station.clock import utcnow_iso
from station.services.inventory import StockLine
from ui import keyhelp
from ui.admin.base import make_table
from ui.keyhelp import Key
from ui.prep.base import PrepScreen, tr
from ui.reports.prep_statement import statement_pdf

# Two-line headers ("\n"): twelve columns fit a 1366 px screen and no header is cut ("aiting p").
COLUMNS = (
    (QT_TRANSLATE_NOOP("prep", "SKU"), "sku"),
    (QT_TRANSLATE_NOOP("prep", "On\nhand"), "on_hand"),
    (QT_TRANSLATE_NOOP("prep", "Awaiting\nprep"), "awaiting_prep"),
    (QT_TRANSLATE_NOOP("prep", "In\nprep"), "in_prep"),
    (QT_TRANSLATE_NOOP("prep", "In\nboxes"), "in_boxes"),
    (QT_TRANSLATE_NOOP("prep", "Sent\nin"), "shipped_in"),
    (QT_TRANSLATE_NOOP("prep", "FBA\navailable"), "fba_fulfillable"),
    (QT_TRANSLATE_NOOP("prep", "Inbound\nworking"), "fba_inbound_working"),
    (QT_TRANSLATE_NOOP("prep", "Inbound\nshipped"), "fba_inbound_shipped"),
    (QT_TRANSLATE_NOOP("prep", "Inbound\nreceiving"), "fba_inbound_receiving"),
    (QT_TRANSLATE_NOOP("prep", "FBA\nreserved"), "fba_reserved"),
    (QT_TRANSLATE_NOOP("prep", "Unfulfil-\nlable"), "fba_unfulfillable"),
)


class InventoryWidget(PrepScreen):
    title = QT_TRANSLATE_NOOP("screens", "FBA inventory")
    required_action = "inventory.view"

    def __init__(self, station: Any, session: Any, run: Any = None, parent: Any = None, *, printer: Any = None):
        super().__init__(station, session, run, parent, printer=printer)
        self.seller = self.seller_id()
        self.statement_csv = ""
        self.statement_pdf = b""
        row = QHBoxLayout()
        keys = []
        for seq, text, slot in (("F5", tr("Refresh from Amazon"), self.refresh_fba), ("F6", tr("Reload"), self.reload),
                                ("F7", tr("Seller statement"), self.statement)):  # fmt: skip
            button = QPushButton(text)
            button.clicked.connect(slot)
            row.addWidget(button)
            keys.append(Key(seq, text, slot, button))
        keyhelp.add_keys(self, keys)
        self.layout_.addLayout(row)
        self.table = make_table([tr(c[0]) for c in COLUMNS])
        # Twelve columns: a little smaller header type and padding, so every header fits 1366 px whole.
        self.table.setStyleSheet("QHeaderView::section { font-size: 16px; padding: 4px; }")
        self.layout_.addWidget(self.table, 1)
        self.reload()

    def reload(self) -> None:
        if self.seller:
            self.act(lambda: self.station.prep.inventory.position(self.session, self.seller), self._fill)

    def refresh_fba(self) -> None:
        self.act(lambda: self.station.prep.inventory.refresh_fba(self.session, self.seller),
                 lambda _n: self.reload(),
                 done=lambda n: tr("Amazon's counts read for {0} SKUs").format(n))  # fmt: skip

    def statement(self) -> None:
        def work() -> tuple[str, bytes]:
            text = self.station.prep.inventory.statement_csv(self.session, self.seller)
            lines = self.station.prep.inventory.position(self.session, self.seller)
            bill = self.station.prep.units.billing(self.session, self.seller)
            seller = self.station.store.sellers.get(self.seller)
            return text, statement_pdf(seller.name if seller else self.seller, lines, bill,
                                       as_of=utcnow_iso(self.station.clock)[:16])  # fmt: skip

        def done(result: tuple[str, bytes]) -> None:
            self.statement_csv, self.statement_pdf = result

        self.act(work, done, done=tr("Statement ready (CSV and PDF)"))

    def _fill(self, lines: list[StockLine]) -> None:
        self.table.setRowCount(len(lines))
        for r, line in enumerate(lines):
            for c, (_title, attr) in enumerate(COLUMNS):
                self.table.setItem(r, c, QTableWidgetItem(str(getattr(line, attr))))

"""Prep station: scan a unit, see its FNSKU and prep steps in large type, print N FNSKU labels."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QSpinBox

from station.services.prep import PrepUnit
from ui import keyhelp
from ui.i18n import tr_core
from ui.keyhelp import Key
from ui.plural import ntr
from ui.prep.base import PrepScreen, ScanField, big, tr
from ui.prep.labels import fnsku_labels_zpl, suffocation_label_zpl
from ui.reports.prep_sheet import SheetLabel, fnsku_sheet_pdf

ICONS = {
    "labeling": "🏷", "polybagging": "🛍", "bubble_wrap": "🫧", "taping": "📦", "boxing": "📦",
    "black_shrink_wrap": "⬛", "suffocation_warning": "⚠", "sold_as_set": "🔗", "expiry_dating": "📅",
}  # fmt: skip


class PrepUnitWidget(PrepScreen):
    title = QT_TRANSLATE_NOOP("screens", "Prep")
    required_action = "prep.unit"

    def __init__(self, station: Any, session: Any, run: Any = None, parent: Any = None, *, printer: Any = None):
        super().__init__(station, session, run, parent, printer=printer)
        self.unit: PrepUnit | None = None
        self.last_sheet: bytes = b""
        self.scan = ScanField(tr("Scan a unit (UPC/EAN, SKU or FNSKU)"))
        self.scan.scanned.connect(self.handle_scan)
        self.layout_.addWidget(self.scan)
        self.fnsku = big("", 56)
        self.fnsku.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.product = big(tr("SCAN A UNIT"), 28, bold=False)
        self.steps = big("", 30)
        self.steps.setTextFormat(Qt.TextFormat.PlainText)
        for w in (self.fnsku, self.product, self.steps):
            self.layout_.addWidget(w)
        row = QHBoxLayout()
        self.count = QSpinBox()
        self.count.setRange(1, 1000)
        self.count.setMinimumHeight(48)
        self.expiry = QLineEdit()
        self.expiry.setPlaceholderText(self.tr("Expiry YYYY-MM-DD"))
        self.print_button = QPushButton(self.tr("Print labels (F5)"))
        self.sheet_button = QPushButton(self.tr("30-up sheet (F6)"))
        self.print_button.clicked.connect(self.print_labels)
        self.sheet_button.clicked.connect(self.print_sheet)
        for w in (big(tr("Labels:"), 24), self.count, self.expiry, self.print_button, self.sheet_button):
            row.addWidget(w)
        self.layout_.addLayout(row)
        self.layout_.addStretch(1)
        keyhelp.add_keys(self, [
            Key("F5", tr("Print the FNSKU labels"), self.print_labels, self.print_button),
            Key("F6", tr("The same labels on a 30-up sheet"), self.print_sheet, self.sheet_button),
        ])  # fmt: skip

    def handle_scan(self, code: str) -> None:
        self.act(lambda: self.station.prep.units.lookup(self.session, code), self._show)

    def _show(self, unit: PrepUnit) -> None:
        self.unit = unit
        p = unit.product
        self.fnsku.setText(p.fnsku)
        self.product.setText(tr("{0}\n{1} · {2} · seller {3}").format(p.title, p.sku, p.condition, p.seller_id))
        lines = [f"{ICONS.get(kind, '•')}  {tr_core(text)}" for kind, text in unit.steps]
        if unit.bag:
            lines.append(
                tr("🛍  Bag size {0} in").format(unit.bag)
                + (tr(", warning label {0} in").format(unit.warning_size) if unit.warning_size else "")
            )
        self.steps.setText("\n".join(lines))
        self.expiry.setEnabled(p.expiry_required)
        self.show_ok(ntr("prep", "%1: %n prep step(s)", len(unit.steps)).replace("%1", p.sku))

    def print_labels(self) -> None:
        """Record the prep (billable), then print N FNSKU labels and, when needed, N suffocation warnings."""
        unit, n, expiry = self.unit, self.count.value(), self.expiry.text().strip()
        if unit is None:
            self.show_warning(tr("Scan a unit first"))
            return
        p = unit.product

        def work() -> int:
            self.station.prep.units.prep_units(self.session, p.seller_id, p.sku, n, expiry=expiry)
            dpi = int(getattr(self.printer, "dpi", 203))  # built at the printer's own resolution
            self.printer.print_label(fnsku_labels_zpl(p.fnsku, p.title, p.condition, n, expiry=expiry, dpi=dpi),
                                     fmt="ZPL", size="2.25x1.25")  # fmt: skip
            if unit.warning_size:
                self.printer.print_label(suffocation_label_zpl(unit.warning_size, n, dpi=dpi), fmt="ZPL",
                                         size=unit.warning_size)  # fmt: skip
            return n

        self.act(work, done=lambda k: ntr("prep", "%n label(s) printed for %1 — scan the next unit", k).replace(
            "%1", p.sku))

    def print_sheet(self) -> None:
        """The same labels on a 30-up Letter sheet (PDF) for an office printer."""
        unit, n, expiry = self.unit, self.count.value(), self.expiry.text().strip()
        if unit is None:
            self.show_warning(tr("Scan a unit first"))
            return
        p = unit.product

        def work() -> bytes:
            self.station.prep.units.prep_units(self.session, p.seller_id, p.sku, n, expiry=expiry)
            return fnsku_sheet_pdf([SheetLabel(p.fnsku, p.title, p.condition, expiry)] * n)

        def done(pdf: bytes) -> None:
            self.last_sheet = pdf

        self.act(work, done, done=lambda _pdf: tr("Sheet of {0} labels ready ({1} pages)").format(n, (n + 29) // 30))

"""Catalogue and expected deliveries (lead): import a seller's product CSV with a per-row report, and
enter an expected delivery from the seller's CSV. Files come from a file dialog (or pasted text)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLineEdit, QPlainTextEdit, QPushButton

from ui import keyhelp
from ui.keyhelp import Key
from ui.prep.base import PrepScreen, tr

MAX_CSV_BYTES = 20 * 1024 * 1024


class CatalogWidget(PrepScreen):
    title = QT_TRANSLATE_NOOP("screens", "Catalogue & deliveries")
    required_action = "catalog.import"

    def __init__(self, station: Any, session: Any, run: Any = None, parent: Any = None, *, printer: Any = None):
        super().__init__(station, session, run, parent, printer=printer)
        row = QHBoxLayout()
        import_button = QPushButton(tr("Import catalogue CSV…"))
        import_button.clicked.connect(self.choose_catalogue)
        self.reference = QLineEdit()
        self.reference.setPlaceholderText(self.tr("Delivery reference (e.g. the seller's ASN or PO)"))
        delivery_button = QPushButton(tr("Expected delivery CSV…"))
        delivery_button.clicked.connect(self.choose_delivery)
        for widget in (import_button, self.reference, delivery_button):
            row.addWidget(widget)
        self.layout_.addLayout(row)
        self.report = QPlainTextEdit()
        self.report.setReadOnly(True)
        font = QFont("DejaVu Sans Mono")
        font.setPixelSize(18)
        self.report.setFont(font)
        self.layout_.addWidget(self.report, 1)
        keyhelp.add_keys(self, [
            Key("F2", tr("Import a catalogue CSV"), self.choose_catalogue, import_button),
            Key("F3", tr("Enter an expected delivery from a CSV"), self.choose_delivery, delivery_button),
        ])  # fmt: skip

    def _read(self, title: str) -> str | None:
        path, _ = QFileDialog.getOpenFileName(self, title, str(Path.home()), tr("CSV files (*.csv);;All files (*)"))
        if not path:
            return None
        data = Path(path).read_bytes()
        if len(data) > MAX_CSV_BYTES:
            self.show_error(self.tr("That file is too large for a catalogue (20 MB at most)"))
            return None
        return data.decode("utf-8-sig", errors="replace")

    def choose_catalogue(self) -> None:
        text = self._read(tr("Seller catalogue CSV"))
        if text is not None:
            self.import_catalogue(text)

    def choose_delivery(self) -> None:
        text = self._read(tr("Expected delivery CSV"))
        if text is not None:
            self.expect_delivery(text)

    def import_catalogue(self, text: str) -> None:
        """Import the CSV for the chosen seller; good rows are saved, the report lists every bad row."""
        seller = self.seller

        def done(report: Any) -> None:
            self.report.setPlainText(report.text())
            (self.show_warning if report.errors else self.show_ok)(
                tr("Catalogue: {0} products saved, {1} rows refused").format(report.imported, len(report.errors))
            )

        self.act(lambda: self.station.prep.catalog.import_csv(self.session, seller, text), done)

    def expect_delivery(self, text: str) -> None:
        """An expected delivery from the seller's CSV; nothing is saved when a row is wrong."""
        seller, reference = self.seller, self.reference.text().strip() or "delivery"

        def done(result: tuple[int | None, list[Any]]) -> None:
            delivery_id, errors = result
            if delivery_id is None:
                self.report.setPlainText("\n".join(f"line {e.line}: {e.sku} {e.field}: {e.message}" for e in errors))
                self.show_error(tr("Delivery not saved: {0} rows to fix").format(len(errors)))
            else:
                self.report.setPlainText(
                    tr("Delivery {0} ({1}) expected — receive it at Receiving").format(delivery_id, reference)
                )
                self.show_ok(tr("Delivery {0} expected").format(delivery_id))

        self.act(lambda: self.station.prep.receiving.expect_csv(self.session, seller, reference, text), done)

"""What the prep screens share: the admin screens' base (runner, banner), a scan field, the printer."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit

from ui import keyhelp
from ui.admin.base import AdminWidget
from ui.theme import plain


def tr(text: str, n: int = -1) -> str:
    """Translate an operator-facing string of the prep screens (context "prep")."""
    return QCoreApplication.translate("prep", text, None, n)


def big(text: str = "", px: int = 28, bold: bool = True) -> QLabel:
    """A label in large type (a style rule, so the screen's style sheet cannot shrink it)."""
    label = plain(QLabel(text))
    label.setStyleSheet(f"font-size: {px}px; font-weight: {'bold' if bold else 'normal'};")
    label.setWordWrap(True)
    return label


class ScanField(QLineEdit):
    """The screen's scan input: a wedge scan (or typed code + Enter) becomes ``scanned``."""

    scanned = Signal(str)
    key_pressed = Signal(int)

    def __init__(self, placeholder: str) -> None:
        super().__init__()
        self.setPlaceholderText(placeholder)
        font = QFont()
        font.setPixelSize(28)
        self.setFont(font)
        self.returnPressed.connect(self._emit)

    def keyPressEvent(self, event: Any) -> None:
        if Qt.Key.Key_F1 <= event.key() <= Qt.Key.Key_F12:
            event.ignore()  # F-keys belong to the screen
            return
        super().keyPressEvent(event)

    def _emit(self) -> None:
        code = self.text().strip()
        self.clear()
        if code:
            self.scanned.emit(code)


class PrepScreen(AdminWidget):
    """A prep screen: ``(station, session, run)``, plus the label printer from the station's settings."""

    def __init__(self, station: Any, session: Any, run: Any = None, parent: Any = None, *, printer: Any = None):
        super().__init__(station, session, run, parent)
        self._printer = printer
        row = QHBoxLayout()
        row.addWidget(plain(QLabel(self.tr("Seller"))))
        self.seller_box = QComboBox()
        for seller in station.store.sellers.list():
            self.seller_box.addItem(f"{seller.name} ({seller.selling_partner_id})", seller.selling_partner_id)
        self.seller_box.currentIndexChanged.connect(lambda _i: self.seller_changed())
        row.addWidget(self.seller_box, 1)
        self.layout_.addLayout(row)

    @property
    def seller(self) -> str:
        """The seller this screen works for (chosen at the top)."""
        return str(self.seller_box.currentData() or "")

    @seller.setter
    def seller(self, seller_id: str) -> None:
        index = self.seller_box.findData(seller_id)
        if index >= 0:
            self.seller_box.setCurrentIndex(index)

    def seller_changed(self) -> None:
        """Another seller was chosen; screens refresh what they show."""

    @property
    def printer(self) -> Any:
        if self._printer is None:
            from drivers.printers import open_printer

            config = dict(self.station.store.settings.get("printer") or {})
            if not config:
                raise RuntimeError(tr("No label printer is set up — an admin adds it under Devices"))
            self._printer = open_printer(config)
        return self._printer

    def keyPressEvent(self, event: Any) -> None:
        if not keyhelp.dispatch(self, event):  # the screen's key table (ui.keyhelp)
            super().keyPressEvent(event)

    def seller_id(self) -> str:
        return self.seller

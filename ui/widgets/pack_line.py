"""One item line of the pack screen: mark, title, code, bin and a big scanned/expected counter."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QGridLayout, QWidget

from station.services.pack import PackLine
from ui.theme import label, set_prop


def code_caption(code: str, sku: str) -> str:
    kind = "UPC" if code.isdigit() and len(code) == 12 else "EAN" if code.isdigit() else (
        "FNSKU" if code.startswith("X0") else "SKU")  # fmt: skip
    return f"{kind} {code}" + (f"   ·   SKU {sku}" if sku != code else "")


class PackLineWidget(QFrame):
    def __init__(self, line: PackLine, parent: QWidget | None = None, *, twin: str = "") -> None:
        super().__init__(parent)
        self.setProperty("role", "line")
        self.order_item_id = line.item.order_item_id
        grid = QGridLayout(self)
        grid.setContentsMargins(16, 10, 20, 10)
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(2)
        self.mark = label("", "line-mark")
        self.mark.setFixedWidth(44)
        self.title = label(line.item.title[:70], "line-title")
        self.twin = twin
        extra = [line.item.condition] if line.item.condition and line.item.condition != "New" else []
        if twin:  # another line of this order has the same SKU: say which one this is
            extra.append(twin)
        self.code = label("   ·   ".join([code_caption(line.code, line.item.sku), *extra]), "line-code")
        self.bin = label(self.tr("bin {0}").format(line.bin) if line.bin else self.tr("bin —"), "line-bin")
        self.qty = label("", "line-qty")
        grid.addWidget(self.mark, 0, 0, 2, 1)
        grid.addWidget(self.title, 0, 1)
        grid.addWidget(self.bin, 0, 2)
        grid.addWidget(self.code, 1, 1)
        grid.addWidget(self.qty, 0, 3, 2, 1)
        if line.item.serial_required:
            tag = label(self.tr("SERIAL"), "tag")
            tag.setProperty("kind", "serial")
            grid.addWidget(tag, 1, 2)
        grid.setColumnStretch(1, 1)
        self.update_line(line, active=False)

    def update_line(self, line: PackLine, *, active: bool) -> None:
        self.qty.setText(f"{line.scanned} / {line.item.quantity}")
        self.mark.setText("✔" if line.done else ("▶" if active else ""))
        set_prop(self, "state", "done" if line.done else ("active" if active else "todo"))

    def flash(self, kind: str) -> None:
        set_prop(self, "flash", kind)

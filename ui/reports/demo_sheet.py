"""Demo barcode sheet: operators' badges, demo order ids, product UPCs and the command barcodes.

The command codes come from drivers.barcodes (one definition); drivers.barcodes.sheet prints
commands alone to a file, so this sheet lays out the sections itself and returns bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.graphics.barcode import eanbc
from reportlab.graphics.shapes import Drawing
from reportlab.lib.units import inch
from reportlab.platypus import CondPageBreak, Paragraph, Spacer, Table, TableStyle

from drivers.barcodes import COMMANDS, command_code, gtin_ok
from ui.reports.common import barcode, build_pdf, esc, styles


def product_barcode(code: str) -> Any:
    """UPC-A / EAN-13 as the retail symbology when the digits check out, else Code 128."""
    if code.isdigit() and len(code) in (12, 13) and gtin_ok(code):
        widget = eanbc.UPCA(value=code[:11]) if len(code) == 12 else eanbc.Ean13BarcodeWidget(value=code[:12])
        widget.barHeight = 0.6 * inch
        widget.barWidth = 0.013 * inch
        x0, y0, x1, y1 = widget.getBounds()
        drawing = Drawing(x1 - x0, y1 - y0)
        widget.x, widget.y = -x0, -y0
        drawing.add(widget)
        return drawing
    return barcode(code, height=0.6 * inch)


def _section(title: str, rows: Sequence[tuple[str, Any]], st: dict[str, Any]) -> list[Any]:
    if not rows:
        return []
    table = Table([[Paragraph(esc(label), st["big"]), code] for label, code in rows],
                  colWidths=[3.0 * inch, 4.3 * inch])  # fmt: skip
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LINEBELOW", (0, 0), (-1, -1), 0.4, "black"),
                               ("TOPPADDING", (0, 0), (-1, -1), 8), ("BOTTOMPADDING", (0, 0), (-1, -1), 8)]))
    return [CondPageBreak(1.8 * inch), Paragraph(esc(title), st["h2"]), table]


def demo_barcode_sheet_pdf(*, badges: Sequence[tuple[str, str]] = (), order_ids: Sequence[str] = (),
                           products: Sequence[tuple[str, str]] = (), commands: bool = True) -> bytes:  # fmt: skip
    """The demo sheet as PDF bytes. ``badges`` and ``products`` are (label, code) pairs."""
    st = styles()
    story: list[Any] = [
        Paragraph("Pacific Prep Station — demo barcodes", st["title"]),
        Paragraph("For the demo only: these badges open demo accounts. Shred after the demo.", st["sub"]),
        Spacer(1, 6),
    ]
    story += _section("Operator badges (scan at the login screen)",
                      [(label, barcode(code, height=0.55 * inch, human_readable=False)) for label, code in badges], st)
    story += _section("Demo orders (scan to open)", [(oid, barcode(oid, height=0.55 * inch)) for oid in order_ids], st)
    story += _section("Products (scan while packing)", [(label, product_barcode(code)) for label, code in products], st)
    if commands:
        story += _section("Commands", [(label, barcode(command_code(name), height=0.55 * inch))
                                       for name, label in COMMANDS.items()], st)  # fmt: skip
    return build_pdf(story, title="Demo barcodes", footer="Pacific Prep Station — demo barcodes")

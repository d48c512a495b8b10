"""Pick list PDF: a batch of orders by ship-by and seller, lines sorted by bin, a barcode per order.

Scanning an order's barcode ($PS-PICK-<order id>) opens it on the pack screen. No PII.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from reportlab.graphics.barcode import code128
from reportlab.lib.pagesizes import letter
from reportlab.lib.units import inch
from reportlab.pdfgen import canvas

from drivers.barcodes import station_code
from station.app import Station
from station.services.auth import Session

MAX_ORDERS = 200


def gather(station: Station, order_ids: list[str]) -> list[tuple[str, str, str, str, str, int]]:
    """(bin, order_id, seller, sku, title, qty) for every line, sorted by bin then order."""
    rows = []
    for order_id in order_ids[:MAX_ORDERS]:
        order = station.store.orders.get(order_id)
        if order is None:
            continue
        for item in order.items:
            product = station.store.products.get(order.seller_id, item.sku)
            rows.append(((product.bin if product else "") or "~", order_id, order.seller_id, item.sku,
                         item.title, item.quantity))  # fmt: skip
    rows.sort()
    return rows


def write_picklist(station: Station, session: Session, order_ids: list[str], path: Path) -> Path:
    """Write the pick list; permission ``picklist.print``; audited."""
    station.auth.authorize(session, "picklist.print")
    rows = gather(station, order_ids)
    orders = sorted({r[1] for r in rows})
    pdf = canvas.Canvas(str(path), pagesize=letter, invariant=1)
    pdf.setTitle("Pick list")
    _width, height = letter
    stamp = datetime.now().strftime("%Y-%m-%d %H:%M")

    def header(title: str) -> float:
        pdf.setFont("Helvetica-Bold", 18)
        pdf.drawString(0.6 * inch, height - 0.6 * inch, title)
        pdf.setFont("Helvetica", 9)
        pdf.drawString(0.6 * inch, height - 0.8 * inch,
                       f"{stamp} · {len(orders)} orders · printed by {session.name}")  # fmt: skip
        return height - 1.1 * inch

    y = header("Pick list — by bin")
    pdf.setFont("Helvetica-Bold", 10)
    for x, text in ((0.6, "BIN"), (1.5, "QTY"), (2.0, "SKU"), (3.6, "ITEM"), (6.4, "ORDER")):
        pdf.drawString(x * inch, y, text)
    y -= 0.25 * inch
    pdf.setFont("Helvetica", 10)
    for bin_, order_id, _seller, sku, title, qty in rows:
        if y < 0.8 * inch:
            pdf.showPage()
            y = header("Pick list — by bin (continued)")
            pdf.setFont("Helvetica", 10)
        pdf.setFont("Helvetica-Bold", 12)
        pdf.drawString(0.6 * inch, y, bin_ if bin_ != "~" else "—")
        pdf.drawString(1.5 * inch, y, str(qty))
        pdf.setFont("Helvetica", 10)
        pdf.drawString(2.0 * inch, y, sku[:22])
        pdf.drawString(3.6 * inch, y, title[:40])
        pdf.drawString(6.4 * inch, y, order_id)
        y -= 0.24 * inch
    pdf.showPage()
    y = header("Orders — scan to open on the pack screen")
    for order_id in orders:
        if y < 1.3 * inch:
            pdf.showPage()
            y = header("Orders (continued)")
        barcode = code128.Code128(station_code("picklist", order_id), barHeight=0.5 * inch, barWidth=0.012 * inch)
        barcode.drawOn(pdf, 0.5 * inch, y - 0.55 * inch)
        pdf.setFont("Helvetica-Bold", 12)
        pdf.drawString(4.6 * inch, y - 0.3 * inch, order_id)
        y -= 0.85 * inch
    pdf.save()
    station.audit.record(session.name, "picklist.printed", orders=len(orders), lines=len(rows))
    return path

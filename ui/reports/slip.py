"""Packing slip: goes in the box. Order id, items and quantities; ship-to name/city only when passed."""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import inch
from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

from station.domain import GiftMessage, Order
from ui.reports.common import barcode, build_pdf, esc, grid_table, styles
from ui.reports.fields import field, text_fields


def packing_slip_pdf(order: Order, *, seller_name: str = "", ship_to_name: str = "", ship_to_city: str = "",
                     note: str = "", gifts: tuple[GiftMessage, ...] = ()) -> bytes:  # fmt: skip
    """The slip as PDF bytes, built in memory. Nothing is written to disk: the caller prints the bytes.

    ``order.recipient`` is never read; a name/city appear only if the caller passes them. ``gifts``: the
    buyer's gift messages, printed as written (escaped: text, never markup). A buyer's text the PDF font can't
    draw as written (Arabic, Hebrew, CJK, emoji…) is printed as an image of it, never "?" or empty boxes.
    """
    st = styles()
    head_left: list[Any] = [Paragraph("Packing slip", st["title"])]
    if seller_name:
        head_left.append(field(seller_name, st["big"]))
    head_left += [Paragraph(f"Order {esc(order.order_id)}", st["body"]),
                  Paragraph(f"Ordered {esc(order.purchase_date[:10])}", st["body"])]  # fmt: skip
    code = barcode(order.order_id, height=0.6 * inch, align="RIGHT")
    head = Table([[head_left, code]], colWidths=[4.0 * inch, 3.3 * inch])
    head.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("ALIGN", (1, 0), (1, 0), "RIGHT")]))
    story: list[Any] = [head, Spacer(1, 10)]
    if ship_to_name or ship_to_city:
        # Name and city each on its own line: an Arabic name must not reorder the city beside it.
        story += [Paragraph("Ship to", st["h2"]),
                  *(field(x, st["body"], max_lines=2) for x in (ship_to_name, ship_to_city) if x)]  # fmt: skip
    rows: list[list[Any]] = [["Qty", "SKU", "Item"]]
    for item in order.items:
        title = item.title + ("" if item.condition in ("", "New") else f" ({item.condition})")
        rows.append([Paragraph(str(item.quantity), st["cell_bold"]), Paragraph(esc(item.sku), st["cell"]),
                     field(title, st["cell"], max_lines=4)])  # fmt: skip
    story += [Paragraph("In this box", st["h2"]),
              grid_table(rows, [0.6 * inch, 1.8 * inch, 4.9 * inch], extra=[("ALIGN", (0, 0), (0, -1), "CENTER")]),
              Spacer(1, 8),
              Paragraph(f"{sum(i.quantity for i in order.items)} items", st["big"])]  # fmt: skip
    if note:
        story += [Spacer(1, 8), *text_fields(note, st["body"])]
    titles = {item.order_item_id: item.title for item in order.items}
    for gift in gifts:
        if not gift.message.strip():
            continue
        story += [Spacer(1, 8), Paragraph("Gift message", st["h2"]),
                  field(titles.get(gift.order_item_id, ""), st["cell"], max_lines=2),
                  *text_fields(gift.message, st["big"])]  # fmt: skip
    return build_pdf(story, title=f"Packing slip {order.order_id}", footer=f"Packing slip — order {order.order_id}")

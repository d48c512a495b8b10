"""Pick list for a batch of orders: lines by bin, then a Code 128 per order id to open it by scanning."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib.units import inch
from reportlab.platypus import CondPageBreak, Paragraph, Spacer, Table, TableStyle

from ui.reports.common import barcode, build_pdf, esc, grid_table, styles
from ui.reports.fields import field


@dataclass(frozen=True)
class PickLine:
    """One line to pick: no buyer data, ever."""

    bin: str
    sku: str
    title: str
    qty: int
    order_id: str


def _bin_key(line: PickLine) -> tuple[bool, str, str, str]:
    return (not line.bin, line.bin, line.sku, line.order_id)  # lines without a bin go last


def pick_list_pdf(lines: Sequence[PickLine], *, batch: str = "", station_name: str = "",
                  generated_at: str = "") -> bytes:  # fmt: skip
    """The pick list as PDF bytes: lines sorted by bin and SKU, then one scannable barcode per order."""
    st = styles()
    ordered = sorted(lines, key=_bin_key)
    order_ids = sorted({line.order_id for line in lines})
    units = sum(line.qty for line in lines)
    story: list[Any] = [
        Paragraph("Pick list" + (f" — batch {esc(batch)}" if batch else ""), st["title"]),
        Paragraph(esc(" · ".join(x for x in (station_name, generated_at) if x)) or "&nbsp;", st["sub"]),
        Paragraph(f"{len(order_ids)} orders · {len(ordered)} lines · {units} units", st["big"]),
        Spacer(1, 8),
    ]
    rows: list[list[Any]] = [["Bin", "SKU", "Title", "Qty", "Order"]]
    for line in ordered:
        rows.append([Paragraph(esc(line.bin or "—"), st["cell_bold"]), Paragraph(esc(line.sku), st["cell"]),
                     field(line.title, st["cell"], max_lines=4), Paragraph(str(line.qty), st["cell_bold"]),
                     Paragraph(esc(line.order_id), st["cell"])])  # fmt: skip
    story.append(grid_table(rows, [0.8 * inch, 1.3 * inch, 2.6 * inch, 0.5 * inch, 2.1 * inch],
                            extra=[("ALIGN", (3, 0), (3, -1), "CENTER")]))  # fmt: skip
    story += [CondPageBreak(2.2 * inch), Paragraph("Scan to open an order", st["h2"])]
    cells = [[Paragraph(esc(oid), st["cell_bold"]), barcode(oid, height=0.55 * inch, human_readable=False)]
             for oid in order_ids]  # fmt: skip
    if cells:
        table = Table(cells, colWidths=[2.7 * inch, 4.6 * inch])
        table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                                   ("LINEBELOW", (0, 0), (-1, -1), 0.4, "black"),
                                   ("TOPPADDING", (0, 0), (-1, -1), 8), ("BOTTOMPADDING", (0, 0), (-1, -1), 8)]))
        story.append(table)
    return build_pdf(story, title="Pick list", footer=f"Pick list {batch}".strip() + " — no customer data")


def pick_lines(station: Any, order_ids: Sequence[str]) -> list[PickLine]:
    """Pick lines for orders from the store: items and catalogue bins only (the recipient is never read)."""
    lines = []
    for order_id in order_ids:
        order = station.store.orders.get(order_id)
        if order is None:
            continue
        for item in order.items:
            product = station.store.products.get(order.seller_id, item.sku)
            lines.append(PickLine(product.bin if product else "", item.sku, item.title or (product.title if product
                                  else ""), item.quantity, order_id))  # fmt: skip
    return lines


def pick_list_for_orders(station: Any, session: Any, order_ids: Sequence[str], *, batch: str = "") -> bytes:
    """Permission-checked and audited pick list for the queue screen's selected orders."""
    station.auth.authorize(session, "picklist.print")
    lines = pick_lines(station, order_ids)
    data = pick_list_pdf(lines, batch=batch, station_name=str(station.store.settings.get("station_name")),
                         generated_at=station.clock.now().strftime("%Y-%m-%d %H:%M UTC"))  # fmt: skip
    station.audit.record(session.name, "picklist.printed", orders=len({line.order_id for line in lines}),
                         lines=len(lines), batch=batch)  # fmt: skip
    return data

"""Seller-facing prep documents: the delivery receipt and the inventory statement (PDF; no PII)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from reportlab.lib.units import inch
from reportlab.platypus import Paragraph, Spacer

from ui.reports.common import build_pdf, esc, grid_table, styles


def receipt_pdf(receipt: Any, *, warehouse: str = "Pacific Prep") -> bytes:
    """A station.services.inbound_receiving.Receipt: expected, received, damaged, short, over per SKU."""
    st = styles()
    d = receipt.delivery
    story: list[Any] = [
        Paragraph(esc(f"{warehouse} — receiving receipt"), st["title"]),
        Paragraph(esc(f"Seller: {receipt.seller_name}   Delivery {d.delivery_id}   Reference: {d.reference}"),
                  st["body"]),
        Paragraph(esc(f"Opened {d.created_at[:16]} by {d.created_by}; closed {(d.closed_at or 'open')[:16]}"),
                  st["body"]),
        Spacer(1, 0.15 * inch),
    ]  # fmt: skip
    rows: list[list[Any]] = [["SKU", "Expected", "Received", "Damaged", "Short", "Over"]]
    rows += [[esc(x.sku), x.expected, x.received, x.damaged, x.short, x.over] for x in d.lines]
    t = receipt.totals
    rows.append(["Total", t["expected"], t["received"], t["damaged"], t["short"], t["over"]])
    story.append(grid_table(rows, [2.6 * inch] + [0.9 * inch] * 5))
    return build_pdf(story, title=f"Receipt {d.delivery_id}", footer=f"{warehouse} · delivery {d.delivery_id}")


def statement_pdf(seller_name: str, lines: Sequence[Any], billing: Mapping[str, int], *, as_of: str,
                  warehouse: str = "Pacific Prep") -> bytes:  # fmt: skip
    """Inventory side by side (warehouse vs Amazon) per SKU, then the prep services billed."""
    st = styles()
    story: list[Any] = [
        Paragraph(esc(f"{warehouse} — inventory statement for {seller_name}"), st["title"]),
        Paragraph(esc(f"As of {as_of}"), st["body"]),
        Spacer(1, 0.12 * inch),
    ]
    head = ["SKU", "FNSKU", "On hand", "Await", "In prep", "Boxed", "Sent", "FBA avail", "Inbound", "Resv", "Unfulf"]
    rows: list[list[Any]] = [head]
    for x in lines:
        inbound = x.fba_inbound_working + x.fba_inbound_shipped + x.fba_inbound_receiving
        rows.append([esc(x.sku), x.fnsku, x.on_hand, x.awaiting_prep, x.in_prep, x.in_boxes, x.shipped_in,
                     x.fba_fulfillable, inbound, x.fba_reserved, x.fba_unfulfillable])  # fmt: skip
    story.append(grid_table(rows, [1.3 * inch, 1.0 * inch] + [0.52 * inch] * 9))
    story += [Spacer(1, 0.2 * inch), Paragraph("Prep services", st["h2"])]
    bill = [["Service", "Quantity"]] + [[k.replace("_", " "), v] for k, v in sorted(billing.items())]
    story.append(grid_table(bill, [3 * inch, 1 * inch]))
    return build_pdf(story, title=f"Inventory statement {seller_name}", footer=f"{warehouse} · {seller_name}")

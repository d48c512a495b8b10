"""End-of-day manifest per carrier: tracking, order id, service, weight; a driver signature line. No PII."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from reportlab.lib.units import inch
from reportlab.platypus import PageBreak, Paragraph, Spacer

from station.store.packages import PackageRow
from ui.reports.common import barcode, build_pdf, esc, grid_table, styles


def manifest_pdf(by_carrier: Mapping[str, Sequence[PackageRow]], *, day: str, station_name: str = "",
                 generated_at: str = "") -> bytes:  # fmt: skip
    """One section per carrier (each on its own page) as PDF bytes."""
    st = styles()
    story: list[Any] = []
    carriers = sorted(by_carrier)
    for index, carrier in enumerate(carriers):
        boxes = list(by_carrier[carrier])
        if index:
            story.append(PageBreak())
        story += [
            Paragraph(f"{esc(carrier)} — manifest {esc(day)}", st["title"]),
            Paragraph(esc(" · ".join(x for x in (station_name, generated_at) if x)) or "&nbsp;", st["sub"]),
            Paragraph(f"{len(boxes)} boxes · {sum(b.weight_lb for b in boxes):.2f} lb total", st["big"]),
            Spacer(1, 8),
        ]
        rows: list[list[Any]] = [["#", "Tracking", "Order", "Service", "Weight lb"]]
        for n, box in enumerate(boxes, start=1):
            rows.append([str(n), barcode(box.tracking, height=0.35 * inch, bar_width=0.009 * inch)
                         if box.tracking else "—", Paragraph(esc(box.order_id), st["cell"]),
                         Paragraph(esc(box.service), st["cell"]), f"{box.weight_lb:.2f}"])  # fmt: skip
        story.append(grid_table(rows, [0.35 * inch, 2.9 * inch, 1.95 * inch, 1.2 * inch, 0.9 * inch],
                                extra=[("ALIGN", (4, 0), (4, -1), "RIGHT"), ("ALIGN", (0, 0), (0, -1), "CENTER")]))
        story += [Spacer(1, 28),
                  Paragraph(f"Carrier received {len(boxes)} boxes.", st["big"]), Spacer(1, 18),
                  Paragraph("Driver name: ______________________________", st["body"]), Spacer(1, 18),
                  Paragraph("Signature: ______________________________   Date/time: ________________",
                            st["body"])]  # fmt: skip
    if not carriers:
        story.append(Paragraph(f"Manifest {esc(day)}: nothing shipped", st["title"]))
    return build_pdf(story, title=f"Manifest {day}", footer=f"Manifest {day} — {station_name}".rstrip(" —"))

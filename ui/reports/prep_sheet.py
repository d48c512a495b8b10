"""FNSKU labels as 30-up Letter sheets (Avery 5160 layout: 3 x 10 labels of 2.625 x 1 in), reportlab."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.graphics.barcode import code128
from reportlab.lib.pagesizes import letter
from reportlab.lib.units import inch
from reportlab.pdfgen import canvas

from ui.reports.common import fonts

COLS, ROWS = 3, 10
LABEL_W, LABEL_H = 2.625 * inch, 1.0 * inch
LEFT, TOP, GAP = 0.1875 * inch, 0.5 * inch, 0.125 * inch


@dataclass(frozen=True)
class SheetLabel:
    fnsku: str
    title: str
    condition: str = "New"
    expiry: str = ""


def _cut(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def fnsku_sheet_pdf(labels: Sequence[SheetLabel]) -> bytes:
    """Every label in order, 30 to a Letter page; returns the PDF bytes."""
    regular, bold = fonts()
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=letter, invariant=1)
    pdf.setTitle("FNSKU labels")
    _w, page_h = letter
    for n, lab in enumerate(labels):
        slot = n % (COLS * ROWS)
        if n and slot == 0:
            pdf.showPage()
        col, row = slot % COLS, slot // COLS
        x = LEFT + col * (LABEL_W + GAP)
        y = page_h - TOP - (row + 1) * LABEL_H
        bars = code128.Code128(lab.fnsku, barHeight=0.38 * inch, barWidth=0.0105 * inch, quiet=0)
        bars.drawOn(pdf, x + (LABEL_W - bars.width) / 2, y + 0.55 * inch)
        pdf.setFont(bold, 8)
        pdf.drawCentredString(x + LABEL_W / 2, y + 0.44 * inch, lab.fnsku)
        pdf.setFont(regular, 6.5)
        pdf.drawString(x + 0.12 * inch, y + 0.31 * inch, _cut(lab.title, 58))
        pdf.drawString(x + 0.12 * inch, y + 0.2 * inch, _cut(lab.title[58:], 58) if len(lab.title) > 58 else "")
        pdf.setFont(bold, 7)
        pdf.drawString(x + 0.12 * inch, y + 0.07 * inch, lab.condition)
        if lab.expiry:
            pdf.drawRightString(x + LABEL_W - 0.12 * inch, y + 0.07 * inch, f"Exp {lab.expiry}")
    pdf.showPage()
    pdf.save()
    return out.getvalue()

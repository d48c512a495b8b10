"""A printable Letter-size sheet of command barcodes (reportlab PDF) for the bench."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from reportlab.graphics.barcode import code128
from reportlab.lib.pagesizes import letter
from reportlab.lib.units import inch
from reportlab.pdfgen import canvas

from drivers.barcodes import COMMANDS, STATION_PREFIX, command_code


def command_sheet_pdf(path: str | Path, extra_codes: Sequence[tuple[str, str]] = ()) -> Path:
    """Write the command sheet (every command, then ``extra_codes`` as (label, code)) to ``path``."""
    path = Path(path)
    rows = [(label, command_code(name)) for name, label in COMMANDS.items()] + list(extra_codes)
    pdf = canvas.Canvas(str(path), pagesize=letter, invariant=1)
    pdf.setTitle("Pacific Prep Station — command barcodes")
    _width, height = letter
    y = height - 0.9 * inch

    def header() -> None:
        pdf.setFont("Helvetica-Bold", 18)
        pdf.drawString(0.75 * inch, height - 0.6 * inch, "Pacific Prep Station — command barcodes")
        pdf.setFont("Helvetica", 9)
        pdf.drawString(
            0.75 * inch,
            height - 0.8 * inch,
            f"Station codes start with {STATION_PREFIX} and never match a product barcode.",
        )

    header()
    y -= 0.3 * inch
    for label, code in rows:
        if y < 1.2 * inch:
            pdf.showPage()
            header()
            y = height - 1.2 * inch
        pdf.setFont("Helvetica-Bold", 16)
        pdf.drawString(0.75 * inch, y - 0.35 * inch, label)
        barcode = code128.Code128(code, barHeight=0.55 * inch, barWidth=0.014 * inch, humanReadable=True)
        barcode.drawOn(pdf, 3.6 * inch, y - 0.6 * inch)
        y -= 0.95 * inch
    pdf.save()
    return path

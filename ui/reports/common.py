"""What the printable reports share: fonts (with non-Latin text), styles, a Letter document into bytes."""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from reportlab.graphics.barcode import code128
from reportlab.lib import colors
from reportlab.lib.pagesizes import letter
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Table, TableStyle

# DejaVu covers Latin, Greek, Cyrillic and more; Helvetica (built in) is the fallback.
_FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"),
              Path("/usr/local/share/fonts"))  # fmt: skip
_fonts: tuple[str, str] | None = None


def fonts() -> tuple[str, str]:
    """(regular, bold) font names, registering DejaVu Sans once when it is installed."""
    global _fonts
    if _fonts is None:
        _fonts = ("Helvetica", "Helvetica-Bold")
        for folder in _FONT_DIRS:
            regular, bold = folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"
            if regular.exists() and bold.exists():
                pdfmetrics.registerFont(TTFont("PPS-Sans", str(regular)))
                pdfmetrics.registerFont(TTFont("PPS-Sans-Bold", str(bold)))
                _fonts = ("PPS-Sans", "PPS-Sans-Bold")
                break
    return _fonts


def styles() -> dict[str, ParagraphStyle]:
    regular, bold = fonts()
    return {
        "title": ParagraphStyle("title", fontName=bold, fontSize=20, leading=24, spaceAfter=4),
        "sub": ParagraphStyle("sub", fontName=regular, fontSize=10, leading=13, textColor=colors.black),
        "h2": ParagraphStyle("h2", fontName=bold, fontSize=14, leading=18, spaceBefore=10, spaceAfter=4),
        "cell": ParagraphStyle("cell", fontName=regular, fontSize=11, leading=13),
        "cell_bold": ParagraphStyle("cell_bold", fontName=bold, fontSize=12, leading=14),
        "big": ParagraphStyle("big", fontName=bold, fontSize=16, leading=20),
        "body": ParagraphStyle("body", fontName=regular, fontSize=12, leading=15),
    }


def esc(text: object) -> str:
    """Text for a Paragraph: markup characters taken literally (a title may hold '<' or '&')."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def barcode(value: str, *, height: float = 0.5 * inch, bar_width: float = 0.012 * inch,
            human_readable: bool = True, align: str = "LEFT") -> Flowable:  # fmt: skip
    """A Code 128 a scanner reads from arm's length (quiet zones included), its text printed beneath."""
    bars = code128.Code128(value, barHeight=height, barWidth=bar_width, humanReadable=False, quiet=1)
    if not human_readable:
        return bars
    regular, _ = fonts()
    text = ParagraphStyle("barcode_text", fontName=regular, fontSize=9, leading=11,
                          alignment={"LEFT": 0, "CENTER": 1, "RIGHT": 2}[align])  # fmt: skip
    width = bars.width
    box = Table([[bars], [Paragraph(esc(value), text)]], colWidths=[width])
    box.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                             ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                             ("ALIGN", (0, 0), (-1, -1), align)]))  # fmt: skip
    box.hAlign = align
    return box


def grid_table(rows: Sequence[Sequence[Any]], widths: Sequence[float], *, header_rows: int = 1,
               extra: Sequence[tuple[Any, ...]] = ()) -> Table:  # fmt: skip
    """A ruled table with a bold grey header repeated on every page."""
    _, bold = fonts()
    table = Table([list(r) for r in rows], colWidths=list(widths), repeatRows=header_rows)
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, header_rows - 1), bold),
        ("FONTSIZE", (0, 0), (-1, header_rows - 1), 11),
        ("BACKGROUND", (0, 0), (-1, header_rows - 1), colors.HexColor("#d0d0d0")),
        ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        *extra,
    ]))  # fmt: skip
    return table


def build_pdf(story: list[Flowable], *, title: str, footer: str = "", pagesize: tuple[float, float] = letter) -> bytes:
    """Lay out ``story`` on Letter pages with a page-numbered footer; returns the PDF bytes (nothing on disk)."""
    regular, _ = fonts()
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=pagesize, title=title, author="Pacific Prep Station",
                            creator="Pacific Prep Station", leftMargin=0.6 * inch, rightMargin=0.6 * inch,
                            topMargin=0.6 * inch, bottomMargin=0.7 * inch, invariant=1)  # fmt: skip

    def decorate(canvas: Any, document: Any) -> None:
        canvas.saveState()
        canvas.setFont(regular, 9)
        canvas.drawString(document.leftMargin, 0.4 * inch, footer or title)
        canvas.drawRightString(pagesize[0] - document.rightMargin, 0.4 * inch, f"Page {document.page}")
        canvas.restoreState()

    doc.build(story, onFirstPage=decorate, onLaterPages=decorate)
    return out.getvalue()

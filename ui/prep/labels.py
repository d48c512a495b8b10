"""Prep labels on the thermal printer: FNSKU unit labels, suffocation warnings sized to the bag, Amazon box labels."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from drivers.labels import ZplBuilder, fnsku_label_zpl, size_dots

FNSKU_SIZE = "2.25x1.25"
WARNING = (
    "WARNING: To avoid danger of suffocation, keep this plastic bag away from babies and children. "
    "Do not use this bag in cribs, beds, carriages or play pens. This bag is not a toy."
)


def fnsku_labels_zpl(fnsku: str, title: str, condition: str, count: int, *, expiry: str = "", dpi: int = 203) -> bytes:
    """One ZPL job printing ``count`` identical FNSKU labels (^PQ), title cut to fit, optional expiry."""
    return fnsku_label_zpl(fnsku, title, _condition_words(condition), expiry or None, size=FNSKU_SIZE, dpi=dpi,
                           copies=count)  # fmt: skip


def _condition_words(condition: str) -> str:
    """'UsedLikeNew' -> 'Used - Like New', as Amazon prints it."""
    words = "".join(f" {c}" if c.isupper() else c for c in condition).split()
    return words[0] + (" - " + " ".join(words[1:]) if len(words) > 1 else "") if words else "New"


def suffocation_label_zpl(size: str, count: int = 1, *, dpi: int = 203) -> bytes:
    """The suffocation warning, its text as large as the label (chosen for the bag) allows."""
    w, h = size_dots(size, dpi)
    margin = max(8, w // 40)
    # Bigger labels (bigger bags) get bigger type: the largest font that fills the label.
    font = max(14, int((w * h / (len(WARNING) * 0.62)) ** 0.5 * 0.9))
    z = ZplBuilder(w, h)
    z.text(margin, margin, WARNING, font, block=(w - 2 * margin, max(2, (h - 2 * margin) // font)))
    return z.build(count)


def split_pdf_pages(pdf: bytes) -> list[bytes]:
    """A multi-page PDF (Amazon's box labels: one page a box) as one PDF per page."""
    import pypdfium2 as pdfium

    source = pdfium.PdfDocument(pdf)
    pages = []
    try:
        for index in range(len(source)):
            single = pdfium.PdfDocument.new()
            single.import_pages(source, [index])
            out = io.BytesIO()
            single.save(out)
            single.close()
            pages.append(out.getvalue())
    finally:
        source.close()
    return pages


def print_box_labels(printer: Any, documents: Sequence[tuple[str, bytes]]) -> int:
    """Print Amazon's 4x6 box ID labels, a page at a time; returns the labels printed."""
    printed = 0
    for _confirmation, pdf in documents:
        for page in split_pdf_pages(pdf):
            printer.print_label(page, fmt="PDF", size="4x6")
            printed += 1
    return printed

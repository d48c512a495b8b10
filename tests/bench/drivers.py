"""Driver benchmarks: PDF->ZPL raster, ZPL bytes per raster label (hex vs Z64), ZPL label build, wedge
decoding. ``python -m tests.bench.drivers``; the last line is JSON with the figures and a ``targets`` object."""

from __future__ import annotations

import argparse
import io
import json
import time

from reportlab.graphics.barcode import code128
from reportlab.lib.units import inch
from reportlab.pdfgen import canvas

from drivers.labels import shipping_label_zpl
from drivers.printers import build_job
from drivers.printers.raster import label_image, zpl_raster_job
from drivers.scanners.wedge import WedgeDecoder
from station.domain import Recipient

TARGET_PDF_MS = 50.0
TARGET_Z64_BYTES = 64 * 1024  # a 4x6 raster label must travel in well under a USB/serial second
TARGET_WEDGE_CPS = 200_000  # scanners type ~1000 chars/s; the decoder must never be what lags


def _pdf_label() -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(4 * inch, 6 * inch), invariant=1)
    c.setFont("Helvetica-Bold", 24)
    c.drawString(20, 390, "USPS GROUND ADVANTAGE")
    c.setFont("Helvetica", 14)
    for i, line in enumerate(["J. SMITH", "123 MAIN ST APT 4", "PORTLAND OR 97205-1234"]):
        c.drawString(40, 320 - 20 * i, line)
    code128.Code128("420972059400111899223197428490", barHeight=90, barWidth=1.1).drawOn(c, 10, 120)
    c.rect(5, 5, 4 * inch - 10, 6 * inch - 10)
    c.save()
    return buf.getvalue()


def _time(fn, n: int) -> float:  # type: ignore[no-untyped-def]
    fn()  # warm up
    start = time.perf_counter()
    for _ in range(n):
        fn()
    return (time.perf_counter() - start) / n


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--smoke", action="store_true", help="tiny run for CI")
    args = parser.parse_args(argv)
    n_pdf, n_zpl, n_codes = (3, 20, 200) if args.smoke else (50, 2000, 20000)

    pdf = _pdf_label()
    pdf_s = _time(lambda: build_job(pdf, "PDF", language="zpl", dpi=203, size="4x6"), n_pdf)
    print(
        f"PDF 4x6 -> ZPL ^GFA at 203 dpi: {pdf_s * 1000:.1f} ms per label (target < {TARGET_PDF_MS:.0f} ms)"
    )
    img = label_image(pdf, "PDF", dpi=203, size="4x6")
    hex_bytes = len(zpl_raster_job(img, compress=False))
    z64_bytes = len(zpl_raster_job(img))
    print(f"ZPL bytes per 4x6 raster label: {hex_bytes:,} as ASCII hex, {z64_bytes:,} as Z64 "
          f"({hex_bytes / z64_bytes:.0f}x smaller)")  # fmt: skip

    to = Recipient(
        name="Eve ^XZ Müller",
        address_line1="123 Main St",
        city="Portland",
        state_or_region="OR",
        postal_code="97205",
        country_code="US",
    )
    frm = Recipient(
        name="Pacific Prep",
        address_line1="500 Dock Rd",
        city="Kent",
        state_or_region="WA",
        postal_code="98032",
        country_code="US",
    )
    zpl_s = _time(
        lambda: shipping_label_zpl(
            ship_to=to,
            ship_from=frm,
            carrier="UPS",
            service="Ground",
            tracking="1Z999AA10123456784",
            order_id="113-4827711-0093312",
        ),
        n_zpl,
    )
    print(f"ZPL shipping label build: {zpl_s * 1e6:.0f} µs per label")

    stream = "]C1\x1d0112345678901231\x1d10LOT7\r" * (n_codes // 10) + "X00ABCD123\r" * n_codes
    decoder = WedgeDecoder()
    t, scans = 0.0, 0
    start = time.perf_counter()
    for ch in stream:
        scans += len(decoder.feed(ch, t))
        t += 0.003
    wedge_s = time.perf_counter() - start
    cps = len(stream) / wedge_s
    print(f"Wedge decoding: {cps:,.0f} characters per second ({scans} scans)")

    figures = {
        "pdf_to_zpl_ms_per_label": round(pdf_s * 1000, 2),
        "zpl_bytes_per_4x6_raster_label_hex": hex_bytes,
        "zpl_bytes_per_4x6_raster_label_z64": z64_bytes,
        "zpl_shipping_label_build_us": round(zpl_s * 1e6, 1),
        "wedge_chars_per_s": round(cps),
        "targets": {
            "pdf_to_zpl_under_50_ms": pdf_s * 1000 < TARGET_PDF_MS,
            "z64_raster_label_under_64_kb": z64_bytes < TARGET_Z64_BYTES,
            "wedge_over_200k_chars_per_s": cps > TARGET_WEDGE_CPS,
        },
    }
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""PDF/PNG labels (e.g. from Amazon's Shipping API) turned into printer raster at the printer's dpi."""

from __future__ import annotations

import base64
import binascii
import io
import zlib
from collections import Counter

from PIL import Image, ImageOps

from drivers.labels.text import size_dots
from drivers.labels.tspl import TsplBuilder
from drivers.labels.zpl import STATE_RESET

THRESHOLD = 160  # crisp bars beat dithered ones for scanners


def _render_pdf(data: bytes, dpi: int) -> Image.Image:
    try:
        import pypdfium2 as pdfium
    except ImportError as exc:  # pragma: no cover - depends on install
        raise RuntimeError("printing PDF labels needs the pypdfium2 package") from exc
    pdf = pdfium.PdfDocument(data)
    try:
        page = pdf[0]
        bitmap = page.render(scale=dpi / 72, grayscale=True)
        pil: Image.Image = bitmap.to_pil().convert("L")
        return pil
    finally:
        pdf.close()


def label_image(data: bytes, fmt: str, *, dpi: int, size: str) -> Image.Image:
    """A 1-bit image exactly the label's size in dots, the document fitted and centred."""
    fmt = fmt.upper()
    if fmt == "PDF":
        img = _render_pdf(data, dpi)
    elif fmt == "PNG":
        img = Image.open(io.BytesIO(data))
        img.load()
        if img.mode in ("RGBA", "LA", "P"):
            img = img.convert("RGBA")
            white = Image.new("RGBA", img.size, "white")
            img = Image.alpha_composite(white, img)
        img = img.convert("L")
    else:
        raise ValueError(f"cannot rasterise {fmt}")
    w, h = size_dots(size, dpi)
    if (img.width > img.height) != (w > h) and img.width != img.height:
        img = img.rotate(90, expand=True)
    scale = min(w / img.width, h / img.height)
    if abs(scale - 1) > 0.01:
        module = bar_module(img) if fmt == "PNG" else None
        if module:
            # n/m dots per pixel: every bar m*k pixels wide becomes exactly n*k dots (nearest keeps
            # whole pixels), so equal bars stay equal instead of 2 or 3 dots at random.
            n = max(1, round(module * scale))
            while n > 1 and (img.width * n / module > w or img.height * n / module > h):
                n -= 1
            scale = n / module
            resample = Image.Resampling.NEAREST
        else:
            resample = Image.Resampling.LANCZOS
        scaled = (max(1, round(img.width * scale)), max(1, round(img.height * scale)))
        img = img.resize(scaled, resample)
    canvas = Image.new("L", (w, h), 255)
    canvas.paste(img, ((w - img.width) // 2, (h - img.height) // 2))
    return canvas.point(lambda v: 255 if v >= THRESHOLD else 0, mode="1")


def bar_module(img: Image.Image, min_runs: int = 30) -> int | None:
    """A barcode's module width in pixels: the commonest black run in rows crossing many bars; None
    when no row looks like a barcode (then the label is scaled as a picture)."""
    bw = img.convert("L").point(lambda v: 1 if v < THRESHOLD else 0)
    width, counts = bw.width, Counter[int]()
    data = bw.tobytes()
    for y in range(0, bw.height, max(1, bw.height // 200)):
        row = data[y * width : (y + 1) * width]
        runs = [len(m) for m in row.split(b"\x00") if m]
        if len(runs) >= min_runs:
            counts.update(runs)
    if not counts:
        return None
    module, _ = counts.most_common(1)[0]
    return module if module >= 2 else None


def _black_bits(img: Image.Image) -> tuple[bytes, int]:
    """Packed rows with 1 = black (PIL's mode 1 packs 1 = white), and bytes per row."""
    inverted = ImageOps.invert(img.convert("L")).convert("1")
    return inverted.tobytes(), (img.width + 7) // 8


def z64(data: bytes) -> str:
    """Zebra's Z64 field data: ``:Z64:`` + base64(zlib(data)) + ``:`` + CRC-16-CCITT of the base64 text."""
    encoded = base64.b64encode(zlib.compress(data, 9))
    return f":Z64:{encoded.decode('ascii')}:{binascii.crc_hqx(encoded, 0):04X}"


def to_gfa(img: Image.Image, *, compress: bool = True) -> str:
    """``^GFA`` graphic field: Z64-compressed (a 4x6 label ~10-30 KB), or ASCII hex (~250 KB)."""
    bits, row = _black_bits(img)
    data = z64(bits) if compress else bits.hex().upper()
    return f"^GFA,{len(bits)},{len(bits)},{row},{data}"


def zpl_raster_job(img: Image.Image, copies: int = 1, *, compress: bool = True) -> bytes:
    """A whole ZPL format printing ``img`` at the origin."""
    pq = f"^PQ{copies}" if copies > 1 else ""
    gfa = to_gfa(img, compress=compress)
    return f"^XA^PW{img.width}^LL{img.height}^LH0,0{STATE_RESET}^FO0,0{gfa}^FS{pq}^XZ".encode("ascii")


def tspl_raster_job(img: Image.Image, size: str, copies: int = 1) -> bytes:
    """A TSPL job with one ``BITMAP`` (TSPL draws 0 bits as black: PIL's packing, spare bits white)."""
    return TsplBuilder(size).bitmap(0, 0, img).build(copies)


def escpos_raster_job(img: Image.Image) -> bytes:
    """ESC/POS ``GS v 0`` raster through python-escpos, then a cut."""
    from escpos.printer import Dummy

    printer = Dummy()
    printer.image(img, impl="bitImageRaster", center=False)
    printer.cut()
    return bytes(printer.output)

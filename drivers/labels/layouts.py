"""The station's own labels: 4x6 shipping label and FNSKU unit labels, in ZPL and TSPL."""

from __future__ import annotations

from typing import Any

from drivers.labels import script_text
from drivers.labels.text import fit_text, size_dots
from drivers.labels.tspl import TsplBuilder
from drivers.labels.zpl import ZplBuilder


def _addr(party: Any) -> list[str]:
    """Address lines of a station.domain.Recipient (or any object with its attributes)."""
    g = getattr
    city = ", ".join(p for p in (g(party, "city", ""), g(party, "state_or_region", "")) if p)
    city = f"{city} {g(party, 'postal_code', '')}".strip()
    lines = [
        g(party, "address_line1", ""),
        g(party, "address_line2", ""),
        g(party, "address_line3", ""),
        city,
    ]
    country = g(party, "country_code", "")
    if country and country != "US":
        lines.append(country)
    return [line for line in lines if line]


QUIET_MODULES = 10  # Code 128 needs a blank margin of 10 modules on each side
EXPIRY_POINTS = 36  # the prep step promises the expiry date in 36 pt type
GLYPH_WIDTH = 0.6  # font 0 glyphs are about 0.6 of their width parameter wide


def code128_modules(data: str) -> int:
    """Modules in a Code 128 subset B symbol: start, data, check (11 each) and stop (13)."""
    return (len(data) + 2) * 11 + 13


def _module_for(data: str, width: int, max_module: int = 3) -> int:
    """The widest module (dots) whose symbol AND both 10-module quiet zones fit in ``width``."""
    return max(1, min(max_module, width // (code128_modules(data) + 2 * QUIET_MODULES)))


def points(pt: float, dpi: int) -> int:
    """A type size in points as printer dots."""
    return round(pt / 72 * dpi)


def us_date(iso: str) -> str:
    """2027-01-31 -> 01-31-2027 (MM-DD-YYYY, as Amazon's prep guidance asks); 2027-01 -> 01-2027."""
    parts = iso.strip().split("-")
    if len(parts) == 3 and all(p.isdigit() for p in parts):
        return f"{parts[1]}-{parts[2]}-{parts[0]}"
    if len(parts) == 2 and all(p.isdigit() for p in parts):
        return f"{parts[1]}-{parts[0]}"
    return iso.strip()


def _chars_fitting(width: int, height: int, lines: int = 1) -> int:
    """How many font-0 characters of ``height`` fit in ``lines`` lines of ``width`` dots."""
    return max(4, int(width * lines / (GLYPH_WIDTH * height)))


def _wrapped_lines(text: str, width: int, height: int) -> int:
    return 1 if len(text) <= _chars_fitting(width, height) else 2


def shipping_label_zpl(
    *,
    ship_to: Any,
    ship_from: Any,
    carrier: str,
    service: str,
    tracking: str,
    order_id: str = "",
    weight_lb: float | None = None,
    reference: str = "",
    dpi: int = 203,
    size: str = "4x6",
    charset: str = "ascii",
) -> bytes:
    """A 4x6 shipping label; buyer fields are folded to ``charset`` and ``^FH``-escaped."""
    w, h = size_dots(size, dpi)
    k = dpi / 203
    m = round(20 * k)

    def d(v: float) -> int:
        return round(v * k)

    z = ZplBuilder(w, h, charset=charset)
    # The from block stops short of the carrier block (right 300 dots): ^FB wraps, length capped so
    # nothing overprints (^FB prints excess text over its last line).
    from_w = w - d(300) - m - d(10)
    y = m
    z.text(m, y, "FROM: " + fit_text(getattr(ship_from, "name", ""), charset), d(24),
           block=(from_w, 1), max_len=_chars_fitting(from_w, d(24)))  # fmt: skip
    for line in _addr(ship_from)[:5]:
        y += d(26)
        z.text(m, y, line, d(22), block=(from_w, 1), max_len=_chars_fitting(from_w, d(22)))
    # One line that fits the 280-dot block: font 0 glyphs are about 0.6 of their height wide.
    carrier_height = min(d(50), int(d(280) / (GLYPH_WIDTH * max(1, len(carrier)))))
    z.text(w - d(300), m, carrier.upper(), carrier_height, block=(d(280), 1))
    z.text(w - d(300), m + d(60), service, d(26), block=(d(280), 2), max_len=_chars_fitting(d(280), d(26), 2))
    y = d(200)
    z.box(m, y, w - 2 * m, 3, 3)
    z.text(m, y + d(20), "SHIP TO:", d(26))
    # Ship-to: every line wraps in its ^FB (two lines at most); the type shrinks until all fit.
    block_w, top, bottom = w - d(50) - m, d(260), d(550)
    raw = [line for line in (getattr(ship_to, "name", ""), *_addr(ship_to)) if line]
    lines = [fit_text(line, charset, max_len=84) for line in raw]
    height = d(42)
    while height > d(22):
        used = sum(_wrapped_lines(line, block_w, height) for line in lines) * round(height * 1.15)
        if top + used <= bottom:
            break
        height -= d(2)
    y = top
    for original, line in zip(raw, lines, strict=True):
        # A line the printer font can't draw (Arabic, CJK…) goes as an image, never as "?" or a placeholder.
        image = script_text.text_image(original, height, block_w) if script_text.needs_image(original, charset) \
            else None  # fmt: skip
        if image is not None:
            from drivers.printers.raster import to_gfa

            z.graphic(d(50), y, to_gfa(image))
            y += max(image.height, round(height * 1.15))
            continue
        n = _wrapped_lines(line, block_w, height)
        z.text(d(50), y, line, height, block=(block_w, n), max_len=_chars_fitting(block_w, height, n))
        y += n * round(height * 1.15)
    y = d(560)
    z.box(m, y, w - 2 * m, 3, 3)
    z.text(m, y + d(20), "TRACKING #", d(26))
    z.code128(
        d(40), y + d(60), tracking, d(220), module=_module_for(tracking, w - d(80)), interpretation=False
    )
    z.text(d(40), y + d(300), tracking, d(36))
    y = d(960)
    z.box(m, y, w - 2 * m, 3, 3)
    if order_id:
        z.text(m, y + d(20), f"Order {order_id}", d(30))
    if weight_lb is not None:
        z.text(m, y + d(60), f"Weight {weight_lb:.2f} lb", d(30))
    if reference:
        z.text(m, y + d(100), f"Ref {reference}", d(26), max_len=40)
    return z.build()


def fnsku_label_zpl(
    fnsku: str,
    title: str,
    condition: str = "New",
    expiry: str | None = None,
    size: str = "2.25x1.25",
    dpi: int = 203,
    copies: int = 1,
) -> bytes:
    """An FNSKU unit label: barcode with its quiet zones, FNSKU, title, condition, and the expiry
    date (MM-DD-YYYY) in the 36 pt type the prep step promises."""
    w, h = size_dots(size, dpi)
    k = h / 254  # layout drawn for 2.25x1.25 at 203 dpi, scaled to the label height
    m = max(8, round(12 * k))
    module = _module_for(fnsku, w)
    bar_w = code128_modules(fnsku) * module
    x = max(QUIET_MODULES * module, (w - bar_w) // 2)  # centred: 10 modules blank on each side
    big = points(EXPIRY_POINTS, dpi) if expiry else 0
    bar_h = round((70 if not expiry else 44) * k)
    if expiry:
        bar_h = max(round(24 * k), min(bar_h, h - 2 * m - big - round(56 * k)))
    z = ZplBuilder(w, h)
    z.code128(x, m, fnsku, bar_h, module=module, interpretation=False)
    y = m + bar_h + round(6 * k)
    z.text(x, y, fnsku, round(24 * k))
    z.text(w - m - round(150 * k), y, condition, round(22 * k), block=(round(150 * k), 1), max_len=16)
    y += round(26 * k)
    title_lines = 1 if expiry else 2
    z.text(m, y, title, round(20 * k), block=(w - 2 * m, title_lines),
           max_len=_chars_fitting(w - 2 * m, round(20 * k), title_lines))  # fmt: skip
    if expiry:
        date = us_date(expiry)
        label_w = round(60 * k)
        z.text(m, h - m - round(22 * k), "EXP", round(22 * k))
        # 36 pt tall; narrowed (font 0 scales width on its own) so the date fits the label's width.
        width = min(big, int((w - 2 * m - label_w) / (GLYPH_WIDTH * len(date))))
        z.text(m + label_w, h - m - big, date, big, width=width)
    return z.build(copies)


def shipping_label_tspl(
    *,
    ship_to: Any,
    ship_from: Any,
    carrier: str,
    service: str,
    tracking: str,
    order_id: str = "",
    weight_lb: float | None = None,
    dpi: int = 203,
    size: str = "4x6",
) -> bytes:
    """TSPL twin of shipping_label_zpl (built-in fonts; quotes and CR/LF cannot escape a string)."""
    w, _h = size_dots(size, dpi)
    k = dpi / 203

    def d(v: float) -> int:
        return round(v * k)

    t = TsplBuilder(size)
    t.text(d(20), d(20), "FROM: " + getattr(ship_from, "name", ""), 1, "2")
    y = d(20)
    for line in _addr(ship_from):
        y += d(26)
        t.text(d(20), y, line, 1, "2")
    t.text(w - d(300), d(20), carrier.upper(), 2, "4")
    t.text(w - d(300), d(90), service, 1, "2")
    t.box(d(20), d(200), w - d(20), d(203))
    t.text(d(20), d(220), "SHIP TO:", 1, "3")
    _ship_to_tspl(t, [line for line in (getattr(ship_to, "name", ""), *_addr(ship_to)) if line],
                  x=d(60), top=d(260), bottom=d(555), width=w - d(80), pitch=d(56))  # fmt: skip
    t.box(d(20), d(560), w - d(20), d(563))
    t.code128(d(40), d(620), tracking, d(220), narrow=_module_for(tracking, w - d(80)))
    if order_id:
        t.text(d(20), d(980), f"Order {order_id}", 1, "3")
    if weight_lb is not None:
        t.text(d(20), d(1020), f"Weight {weight_lb:.2f} lb", 1, "3")
    return t.build()


TSPL_FONT3_WIDTH = 16  # dots per character of TSPL font "3" at scale 1


def _ship_to_tspl(t: TsplBuilder, lines: list[str], *, x: int, top: int, bottom: int, width: int,
                  pitch: int) -> None:  # fmt: skip
    """The ship-to lines between ``top`` and ``bottom``: font 3 doubled while they fit, else single; a line the
    printer font can't draw (Arabic, CJK, emoji…) as a BITMAP drawn by Qt, never "?" or a placeholder. Each
    line is clipped to ``width`` dots and its own band of ``pitch`` dots, so nothing runs off the label."""
    pitch = min(pitch, (bottom - top) // max(1, len(lines)))
    scale = 2 if pitch >= 56 else 1
    y = top
    for line in lines:
        image = script_text.text_image(line, round(pitch * 0.7), width) if script_text.needs_image(line) else None
        if image is not None:
            t.bitmap(x, y, image.crop((0, 0, image.width, min(image.height, pitch))))
        else:
            t.text(x, y, fit_text(line, max_len=width // (TSPL_FONT3_WIDTH * scale)), scale, "3")
        y += pitch


def fnsku_label_tspl(
    fnsku: str,
    title: str,
    condition: str = "New",
    expiry: str | None = None,
    size: str = "2.25x1.25",
    dpi: int = 203,
    copies: int = 1,
) -> bytes:
    """TSPL twin of fnsku_label_zpl."""
    w, h = size_dots(size, dpi)
    t = TsplBuilder(size)
    module = _module_for(fnsku, w, 2)
    x = max(QUIET_MODULES * module, (w - code128_modules(fnsku) * module) // 2)
    t.code128(x, 12, fnsku, round(h * 0.3), narrow=module)
    t.text(12, round(h * 0.3) + 44, fit_text(title, max_len=40), 1, "2")
    t.text(12, h - 40, condition, 1, "2")
    if expiry:
        t.text(w // 2, h - 40, f"Exp {us_date(expiry)}", 1, "2")
    return t.build(copies)

"""The station's own labels: 4x6 shipping label and FNSKU unit labels, in ZPL and TSPL."""

from __future__ import annotations

from typing import Any

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


def _module_for(data: str, width: int, max_module: int = 3) -> int:
    modules = (len(data) + 2) * 11 + 13  # Code 128 subset B: start, data, check, stop
    return max(1, min(max_module, width // modules))


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
    y = m
    z.text(m, y, "FROM: " + fit_text(getattr(ship_from, "name", ""), charset), d(24), max_len=40)
    for line in _addr(ship_from):
        y += d(26)
        z.text(m, y, line, d(22), max_len=45)
    # One line that fits the 280-dot block: font 0 glyphs are about 0.6 of their height wide.
    carrier_height = min(d(50), int(d(280) / (0.6 * max(1, len(carrier)))))
    z.text(w - d(300), m, carrier.upper(), carrier_height, block=(d(280), 1))
    z.text(w - d(300), m + d(60), service, d(26), block=(d(280), 2))
    y = d(200)
    z.box(m, y, w - 2 * m, 3, 3)
    z.text(m, y + d(20), "SHIP TO:", d(26))
    y += d(60)
    z.text(d(50), y, getattr(ship_to, "name", ""), d(42), width=d(32), max_len=42)
    for line in _addr(ship_to):
        y += d(50)
        z.text(d(50), y, line, d(40), width=d(32), max_len=42)
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
    """An FNSKU unit label (barcode, FNSKU, title cut to two lines, condition, optional expiry)."""
    w, h = size_dots(size, dpi)
    k = h / 254  # layout drawn for 2.25x1.25 at 203 dpi, scaled to the label height
    m = max(8, round(12 * k))
    z = ZplBuilder(w, h)
    z.code128(
        m + round(10 * k), m, fnsku, round(70 * k), module=_module_for(fnsku, w - 2 * m), interpretation=False
    )
    z.text(m + round(10 * k), m + round(78 * k), fnsku, round(28 * k))
    z.text(m, m + round(112 * k), title, round(22 * k), block=(w - 2 * m, 2), max_len=80)
    z.text(m, h - m - round(30 * k), condition, round(26 * k))
    if expiry:
        z.text(w // 2, h - m - round(30 * k), f"Exp {expiry}", round(24 * k))
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
    y = d(260)
    t.text(d(60), y, getattr(ship_to, "name", ""), 2, "3")
    for line in _addr(ship_to):
        y += d(56)
        t.text(d(60), y, line, 2, "3")
    t.box(d(20), d(560), w - d(20), d(563))
    t.code128(d(40), d(620), tracking, d(220), narrow=_module_for(tracking, w - d(80)))
    if order_id:
        t.text(d(20), d(980), f"Order {order_id}", 1, "3")
    if weight_lb is not None:
        t.text(d(20), d(1020), f"Weight {weight_lb:.2f} lb", 1, "3")
    return t.build()


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
    t.code128(20, 12, fnsku, round(h * 0.3), narrow=_module_for(fnsku, w - 40, 2))
    t.text(12, round(h * 0.3) + 44, fit_text(title, max_len=40), 1, "2")
    t.text(12, h - 40, condition, 1, "2")
    if expiry:
        t.text(w // 2, h - 40, f"Exp {expiry}", 1, "2")
    return t.build(copies)

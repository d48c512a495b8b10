"""Issue 14: every label the station builds, at 203 and 300 dpi, rendered by zplkit and compared with a
committed image a person has looked at; quiet zones, expiry form and size, ship-to wrapping."""

from __future__ import annotations

import io
import itertools
import re

import pytest
from PIL import Image, ImageChops

from drivers.labels import fnsku_label_zpl, render_zpl_png, shipping_label_zpl
from drivers.labels.layouts import EXPIRY_POINTS, QUIET_MODULES, code128_modules, points
from station.domain import Recipient
from tests.drivers.conftest import SHIP_FROM, SNAPSHOTS
from ui.prep.labels import suffocation_label_zpl

pytest.importorskip("zplkit")

FNSKU_SIZES = ("2.25x1.25", "2x1", "2.625x1")
LONG_TO = Recipient(
    name="Maximiliana Bartholomew-Featherstonehaugh III",
    address_line1="12345 North Extraordinarily Long Boulevard Name Street",
    address_line2="Building 7, Suite 1200, Attn Receiving Dock",
    city="San Francisco",
    state_or_region="CA",
    postal_code="94107-1234",
    country_code="US",
)
TITLE = "Trail Bottle 750 ml, blue, stainless steel, vacuum insulated, leak proof lid"


def _labels(dpi: int) -> dict[str, tuple[bytes, str]]:
    out = {
        f"shipping_4x6_{dpi}.png": (
            shipping_label_zpl(ship_to=LONG_TO, ship_from=SHIP_FROM, carrier="UPS", service="Ground",
                               tracking="1Z999AA10123456784", order_id="113-4827711-0093312", weight_lb=1.42,
                               dpi=dpi),  # fmt: skip
            "4x6",
        )
    }
    for size in FNSKU_SIZES:
        out[f"fnsku_{size}_{dpi}.png"] = (fnsku_label_zpl("X00ABCD123", TITLE, "New", None, size=size, dpi=dpi), size)
        out[f"fnsku_expiry_{size}_{dpi}.png"] = (
            fnsku_label_zpl("X00ABCD123", TITLE, "New", "2027-01-31", size=size, dpi=dpi),
            size,
        )
    for size in ("2x1", "4x3"):
        out[f"suffocation_{size}_{dpi}.png"] = (suffocation_label_zpl(size, dpi=dpi), size)
    return out


def _matches(name: str, png: bytes) -> bool:
    """True if the image matched; False if it was just created (a person looks at it first)."""
    path = SNAPSHOTS / "labels" / name
    if not path.exists():
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(png)
        return False
    got, want = Image.open(io.BytesIO(png)).convert("L"), Image.open(path).convert("L")
    assert got.size == want.size
    assert ImageChops.difference(got, want).getbbox() is None, f"{name} differs from the golden image"
    return True


@pytest.mark.parametrize("dpi", [203, 300])
def test_every_label_size_matches_its_golden_image(dpi):
    created = []
    for name, (zpl, size) in _labels(dpi).items():
        png = render_zpl_png(zpl, dpi)
        w, h = (float(v) for v in size.split("x"))
        assert Image.open(io.BytesIO(png)).size == (round(w * dpi), round(h * dpi)), name
        if not _matches(name, png):
            created.append(name)
    if created:
        pytest.fail(f"golden images created — look at them, then run again: {created}")


def _first_black_x(png: bytes, y: int) -> tuple[int, int]:
    img = Image.open(io.BytesIO(png)).convert("L")
    row = [img.getpixel((x, y)) for x in range(img.width)]
    black = [x for x, v in enumerate(row) if v < 128]
    return black[0], img.width - 1 - black[-1]


@pytest.mark.parametrize("dpi", [203, 300])
@pytest.mark.parametrize("size", FNSKU_SIZES)
def test_fnsku_barcode_has_ten_module_quiet_zones(size, dpi):
    zpl = fnsku_label_zpl("X00ABCD123", "T", size=size, dpi=dpi)
    m = re.search(rb"\^FO(\d+),(\d+)\^BY(\d+)", zpl)
    assert m is not None
    x, y, module = (int(g) for g in m.groups())
    width = round(float(size.split("x")[0]) * dpi)
    assert x >= QUIET_MODULES * module
    assert width - (x + code128_modules("X00ABCD123") * module) >= QUIET_MODULES * module
    left, right = _first_black_x(render_zpl_png(zpl, dpi), y + 5)  # measured on the rendered label
    assert left >= QUIET_MODULES * module and right >= QUIET_MODULES * module


@pytest.mark.parametrize("dpi", [203, 300])
def test_expiry_printed_mm_dd_yyyy_in_36_point(dpi):
    zpl = fnsku_label_zpl("X00ABCD123", "T", expiry="2027-01-31", dpi=dpi)
    assert b"01-31-2027" in zpl and b"2027-01-31" not in zpl
    m = re.search(rb"\^A0N,(\d+),\d+\^FH\^FD01-31-2027", zpl)
    assert m is not None and int(m.group(1)) == points(EXPIRY_POINTS, dpi)


def test_ship_to_lines_wrap_in_field_blocks_and_never_overlap():
    zpl = shipping_label_zpl(ship_to=LONG_TO, ship_from=SHIP_FROM, carrier="UPS", service="Ground",
                             tracking="1Z999AA10123456784")  # fmt: skip
    fields = re.findall(rb"\^FO(\d+),(\d+)\^A0N,(\d+),\d+\^FB(\d+),(\d+),0,L,0\^FH\^FD", zpl)
    ship_to = sorted((int(y), int(h), int(n)) for x, y, h, bw, n in fields if int(x) == 50)
    assert len(ship_to) == 4
    for (y, h, n), (next_y, _, _) in itertools.pairwise(ship_to):
        assert y + n * h <= next_y  # a wrapped line's second row never prints over the next line
    assert all(int(x) + int(bw) <= 812 for x, _, _, bw, _ in fields)

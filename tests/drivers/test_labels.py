"""Label builders: golden bytes, hostile text, PNG snapshots a person can look at."""

from __future__ import annotations

import io
import re

import pytest
from PIL import Image, ImageChops

from drivers.labels import (
    TsplBuilder,
    ZplBuilder,
    fit_text,
    fnsku_label_tspl,
    fnsku_label_zpl,
    render_zpl_png,
    shipping_label_tspl,
    shipping_label_zpl,
    tspl_string,
)
from tests.drivers.conftest import SHIP_FROM, SNAPSHOTS, blns, golden, ship_to

EVE = "Eve ^XZ^XA^FO0,0^GB800,800,800^FS ~JA"
_FD = re.compile(rb"\^FD(.*?)\^FS", re.S)


def shipping(name: str = "J. Smith", **kw: object) -> bytes:
    args: dict[str, object] = {
        "ship_to": ship_to(name),
        "ship_from": SHIP_FROM,
        "carrier": "UPS",
        "service": "Ground",
        "tracking": "1Z999AA10123456784",
        "order_id": "113-4827711-0093312",
        "weight_lb": 1.42,
    }
    args.update(kw)
    return shipping_label_zpl(**args)  # type: ignore[arg-type]


def test_zpl_builder_small_golden():
    z = ZplBuilder(406, 203).text(10, 10, "Hi ^ there", 30).code128(10, 60, "AB>1", 50).build()
    assert z == (
        b"^XA^CI28^PW406^LL203^LH0,0^PON^PMN^LRN^FWN^LS0^FO10,10^A0N,30,30^FH^FDHi _5E there^FS"
        b"^FO10,60^BY2,3,50^BCN,50,Y,N,N^FH^FDAB><1^FS^XZ"
    )


def test_golden_label_bytes():
    golden("shipping_4x6_203.zpl", shipping())
    golden("shipping_4x6_300.zpl", shipping(dpi=300))
    golden(
        "fnsku_2.25x1.25.zpl", fnsku_label_zpl("X00ABCD123", "Trail Bottle 750 ml, blue", "New", "2027-01-31")
    )
    golden("fnsku_2x1.zpl", fnsku_label_zpl("X00ABCD123", "Trail Bottle", size="2x1"))
    golden(
        "shipping_4x6.tspl",
        shipping_label_tspl(
            ship_to=ship_to(),
            ship_from=SHIP_FROM,
            carrier="UPS",
            service="Ground",
            tracking="1Z999AA10123456784",
            order_id="113-4827711-0093312",
            weight_lb=1.42,
        ),
    )
    golden("fnsku_2.25x1.25.tspl", fnsku_label_tspl("X00ABCD123", "Trail Bottle 750 ml", "New", "2027-01-31"))


def test_hostile_buyer_name_prints_literally_on_one_label():
    z = shipping(EVE)
    assert z.count(b"^XA") == 1 and z.count(b"^XZ") == 1
    assert b"~" not in z
    fields = [f for f in _FD.findall(z) if b"_5EXZ" in f]
    assert fields == [b"Eve _5EXZ_5EXA_5EFO0,0_5EGB800,800,800_5EFS _7EJA"]


@pytest.mark.parametrize("text", blns())
def test_no_hostile_string_escapes_a_zpl_field(text):
    z = ZplBuilder(812, 1218).text(0, 0, text).build()
    assert z.count(b"^") == z.count(b"^") - 0  # sanity
    body = _FD.findall(z)
    assert len(body) == 1
    assert b"^" not in body[0] and b"~" not in body[0]
    assert re.fullmatch(rb"[A-Za-z0-9 .,\-/#:()'&+*@!?%$=;_]*", body[0])
    assert z.startswith(b"^XA") and z.endswith(b"^XZ") and z.count(b"^XZ") == 1


@pytest.mark.parametrize("text", blns())
def test_no_hostile_string_escapes_a_tspl_string(text):
    job = TsplBuilder("2x1").text(0, 0, text).build().decode("cp1252")
    lines = job.split("\r\n")
    assert lines[-1] == "" and lines[-2] == "PRINT 1,1"
    text_line = next(line for line in lines if line.startswith("TEXT"))
    literal = text_line.split(",", 6)[6]
    assert literal.startswith('"') and literal.endswith('"')
    assert '"' not in literal[1:-1].replace('\\["]', "")
    assert "\r" not in job.replace("\r\n", "") and "\n" not in job.replace("\r\n", "")


def test_tspl_quotes_and_newlines():
    assert tspl_string('Bob "The Box"\r\nPRINT 99') == '"Bob \\["]The Box\\["] PRINT 99"'


def test_non_latin_names_printed_or_clear_fallback():
    assert fit_text("Zoë Müller") == "Zoe Muller"
    assert fit_text("Zoë Müller", "latin1") == "Zoë Müller"
    assert fit_text("山田太郎") == "[non-Latin text - see order]"
    assert fit_text("Taro 山田") == "Taro ?"
    # Issue 15 item 11: on the label itself a name the printer font can't draw is an image, not a placeholder.
    for name in ("山田太郎", "Taro 山田", "سارة أحمد"):
        z = shipping(name)
        assert b"^GFA" in z and b"non-Latin" not in z and b"Taro ?" not in z, name
    latin = shipping_label_zpl(
        ship_to=ship_to("Zoë Müller"),
        ship_from=SHIP_FROM,
        carrier="USPS",
        service="Ground Advantage",
        tracking="9400111899223197428490",
        charset="latin1",
    )
    assert b"Zo_C3_AB M_C3_BCller" in latin  # UTF-8 under ^CI28, hex-escaped


def _png_matches(name: str, png: bytes) -> None:
    SNAPSHOTS.mkdir(exist_ok=True)
    path = SNAPSHOTS / name
    if not path.exists():
        path.write_bytes(png)
        pytest.fail(f"snapshot {name} created — look at it and run again")
    got, want = Image.open(io.BytesIO(png)).convert("L"), Image.open(path).convert("L")
    assert got.size == want.size
    assert ImageChops.difference(got, want).getbbox() is None, f"{name} differs from snapshot"


def test_png_snapshots():
    pytest.importorskip("zplkit")
    ship = render_zpl_png(shipping(EVE))
    assert Image.open(io.BytesIO(ship)).size == (812, 1218)
    _png_matches("shipping_4x6_203.png", ship)
    fn = render_zpl_png(
        fnsku_label_zpl(
            "X00ABCD123",
            "Trail Bottle 750 ml, blue, stainless steel, vacuum insulated, leak proof lid",
            "New",
            expiry="2027-01-31",
        )
    )
    assert Image.open(io.BytesIO(fn)).size == (457, 254)
    _png_matches("fnsku_2.25x1.25_203.png", fn)


def test_bad_barcode_data_rejected():
    with pytest.raises(ValueError):
        ZplBuilder(10, 10).code128(0, 0, "bad\x1dgs")
    with pytest.raises(ValueError):
        TsplBuilder("2x1").code128(0, 0, 'a"b')


def test_every_format_of_ours_resets_what_a_carrier_label_can_leave_set() -> None:
    """^PO/^PM/^LR/^FW/^LS persist on a Zebra: a carrier's ^POI must not flip our next label."""
    from drivers.labels.zpl import ZplBuilder
    from drivers.printers.raster import zpl_raster_job

    ours = [ZplBuilder(406, 203).text(10, 10, "x").build(), zpl_raster_job(Image.new("1", (16, 16), 1))]
    for job in ours:
        head = job.split(b"^FO", 1)[0]
        for command in (b"^PON", b"^PMN", b"^LRN", b"^FWN", b"^LS0"):
            assert command in head, command

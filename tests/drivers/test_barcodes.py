from __future__ import annotations

import pytest

from drivers.barcodes import classify, sku_alias_allowed, station_code
from drivers.barcodes.sheet import command_sheet_pdf
from tests.drivers.conftest import blns


@pytest.mark.parametrize(
    ("code", "kind", "value"),
    [
        ("036000291452", "upc", "036000291452"),
        ("0036000291452", "upc", "036000291452"),
        ("4006381333931", "ean13", "4006381333931"),
        ("96385074", "ean8", "96385074"),
        ("X00ABCD123", "fnsku", "X00ABCD123"),
        ("x00abcd123", "fnsku", "X00ABCD123"),
        ("B07XJ8C8F5", "asin", "B07XJ8C8F5"),
        ("113-4827711-0093312", "order_id", "113-4827711-0093312"),
        ("036000291453", "sku_or_unknown", "036000291453"),  # bad check digit is not a UPC
        ("SKU-RED-1", "sku_or_unknown", "SKU-RED-1"),
    ],
)
def test_products_and_orders(code, kind, value):
    c = classify(code)
    assert (c.kind, c.value) == (kind, value)


@pytest.mark.parametrize(
    ("code", "carrier", "value"),
    [
        ("1Z999AA10123456784", "UPS", "1Z999AA10123456784"),
        ("TBA123456789012", "AMAZON", "TBA123456789012"),
        ("9400111899223197428490", "USPS", "9400111899223197428490"),
        ("420972059205590164917312751089", "USPS", "9205590164917312751089"),
        ("42097205\x1d9205590164917312751089", "USPS", "9205590164917312751089"),
        ("420972051234" + "9205590164917312751089", "USPS", "9205590164917312751089"),
    ],
)
def test_tracking(code, carrier, value):
    c = classify(code)
    assert (c.kind, c.carrier, c.value) == ("tracking", carrier, value)


def test_usps_zip_kept():
    assert classify("420972059205590164917312751089").fields["zip"] == "97205"


def test_gs1_element_strings():
    c = classify("]C1" + "0112345678901231" + "17270100" + "10LOT7\x1d21SN1")
    assert c.kind == "gs1" and c.symbology == "]C1"
    assert c.fields == {"gtin": "12345678901231", "expiry": "2027-01-31", "lot": "LOT7", "serial": "SN1"}
    assert classify("(01)12345678901231(10)A1").fields["lot"] == "A1"
    assert classify("\x1d0112345678901232").kind == "invalid"  # bad GTIN check digit


def test_station_codes_roundtrip_and_never_collide():
    for kind, value in [("badge", "1042"), ("bin", "A-03"), ("tote", "T17"), ("picklist", "PL000123")]:
        c = classify(station_code(kind, value))
        assert (c.kind, c.value) == (kind, value)
    cmd = classify(station_code("command", "next_order"))
    assert (cmd.kind, cmd.command) == ("command", "next_order")
    assert classify("$PS-CMD-SELF_DESTRUCT").kind == "invalid"
    assert not sku_alias_allowed("$ps-bin-a")
    with pytest.raises(ValueError):
        station_code("bin", "A 03")
    for kind in ("upc", "ean13", "fnsku"):
        assert not kind.startswith("$")


def test_aliases():
    assert classify("RED1", aliases={"RED1": "SKU-RED"}).kind == "sku"


@pytest.mark.parametrize("text", blns())
def test_classify_never_crashes(text):
    c = classify(text)
    assert isinstance(c.kind, str)


def test_command_sheet(tmp_path):
    path = command_sheet_pdf(tmp_path / "sheet.pdf", [("Bin A-03", station_code("bin", "A-03"))])
    assert path.read_bytes().startswith(b"%PDF")

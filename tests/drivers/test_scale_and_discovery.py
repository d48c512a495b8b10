from __future__ import annotations

import pytest

from drivers.discovery import guess_role, list_devices
from drivers.fakeusb import FakeBackend, FakeHidScanner, FakePrinter, FakeScale
from drivers.scales import open_scale, parse_report
from station.clock import VirtualClock
from station.errors import DeviceError, DeviceUnplugged
from station.ports import Scale


def scale(dev: FakeScale) -> Scale:
    s = open_scale({"backend": FakeBackend(dev), "clock": VirtualClock(), "timeout_ms": 40})
    assert isinstance(s, Scale)
    return s


def test_stable_after_motion_in_ounces():
    dev = FakeScale()
    dev.push(FakeScale.IN_MOTION, 100)
    dev.push(FakeScale.STABLE, 200)
    dev.set(FakeScale.STABLE, 227)  # 22.7 oz
    assert scale(dev).read_stable() == pytest.approx(1.419, abs=0.001)


@pytest.mark.parametrize(
    ("unit", "exp", "raw", "lb"),
    [(12, -2, 142, 1.42), (2, 0, 1000, 2.2046), (3, -3, 1000, 2.2046), (11, 0, 16, 1.0)],
)
def test_units(unit, exp, raw, lb):
    r = parse_report(bytes([3, 4, unit, exp & 0xFF, raw & 0xFF, raw >> 8]))
    assert r.state == "stable" and r.pounds == pytest.approx(lb, abs=0.001)


@pytest.mark.parametrize(
    ("status", "state"), [(3, "in_motion"), (6, "over_limit"), (2, "zero"), (5, "under_zero"), (1, "fault")]
)
def test_states_never_hang(status, state):
    dev = FakeScale()
    dev.set(status, 50)
    with pytest.raises(DeviceError) as err:
        scale(dev).read_stable(timeout_s=2)
    assert err.value.state == state


def test_unplugged_and_back():
    dev = FakeScale()
    dev.set(4, 160)
    s = scale(dev)
    dev.unplug()
    assert s.status() == "unplugged"
    with pytest.raises(DeviceUnplugged):
        s.read_stable()
    dev.replug()
    assert s.read_stable() == pytest.approx(1.0)


def test_garbage_report():
    with pytest.raises(DeviceError):
        parse_report(b"\x01\x02")
    with pytest.raises(DeviceError) as err:
        parse_report(bytes([3, 4, 7, 0, 1, 0]))
    assert err.value.state == "unsupported_unit"


def test_list_devices_roles():
    b = FakeBackend(
        FakePrinter(), FakeHidScanner(), FakeScale(), FakePrinter(0x04B8, 0x0202, product="TM-T20")
    )
    devs = list_devices(backend=b, include_serial=False)
    assert [(d.ids, d.role, d.language) for d in devs] == [
        ("0a5f:0166", "printer", "zpl"),
        ("05e0:1200", "scanner", ""),
        ("0922:8003", "scale", ""),
        ("04b8:0202", "printer", "escpos"),
    ]
    assert devs[0].manufacturer == "Zebra Technologies"


def test_plain_keyboard_is_not_a_scanner():
    assert guess_role(0x046D, [(3, 1, 1)], "USB Keyboard") == ("unknown", "")


def test_every_known_vendor_has_a_udev_rule_and_generic_ids_never_match_alone():
    """Issue 14 item 12: 0483 and 28e9 were detected as scanners but had no rule; and being chip makers'
    generic ids, they must be matched with the HID keyboard interface and the product, not alone."""
    import re
    from pathlib import Path

    from drivers.discovery import GENERIC_VENDORS, PRINTER_VENDORS, SCALE_VENDORS, SCANNER_VENDORS

    rules = Path(__file__).parents[2] / "packaging" / "udev" / "70-pacific-station.rules"
    lines = [ln for ln in rules.read_text().splitlines() if ln and not ln.startswith("#")]
    assert any("*:0701*" in ln for ln in lines)  # printers: any printer-class interface (Winbond 0416 too)
    assert PRINTER_VENDORS
    for vid in [*SCANNER_VENDORS, *SCALE_VENDORS]:
        assert any(re.search(rf'idVendor}}=="[^"]*{vid:04x}', ln) for ln in lines), f"{vid:04x} has no rule"
    for vid in GENERIC_VENDORS:
        for ln in (ln for ln in lines if f"{vid:04x}" in ln):
            assert "ATTRS{product}" in ln, ln
            assert 'SUBSYSTEM=="tty"' in ln or "030101" in ln, ln
    keyboard = [(3, 1, 1)]
    assert guess_role(0x0483, [(3, 0, 0)], "STM32 Virtual COM") == ("unknown", "")
    assert guess_role(0x0483, keyboard, "Keyboard") == ("unknown", "")
    assert guess_role(0x0483, keyboard, "Barcode Scanner") == ("scanner", "")
    assert guess_role(0x28E9, keyboard, "NETUM SCANNER") == ("scanner", "")

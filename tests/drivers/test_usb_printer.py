"""The USB printer transport through the real pyusb code paths and the fake backend."""

from __future__ import annotations

import pytest

from drivers.fakeusb import FakeBackend, FakePrinter
from drivers.printers import UsbTransport, open_printer
from drivers.printers.zebra_status import parse_hqes, parse_hs
from station.errors import DeviceError, DeviceUnplugged
from station.ports import LabelPrinter

ZPL = b"^XA^FO10,10^A0N,30,30^FH^FDhello^FS^XZ"


def printer(backend: FakeBackend, **extra: object) -> LabelPrinter:
    cfg = {
        "transport": "usb",
        "language": "zpl",
        "vid": "0x0a5f",
        "pid": 0x0166,
        "backend": backend,
        "timeout_ms": 1234,
    }
    cfg.update(extra)
    p = open_printer(cfg)
    assert isinstance(p, LabelPrinter)
    return p


def test_finds_printer_class_interface_detaches_usblp_and_prints(backend, printer_dev):
    p = printer(backend)
    p.print_label(ZPL, fmt="ZPL")
    assert printer_dev.jobs == [ZPL]
    assert printer_dev.kernel_driver == {0: True, 1: False}  # vendor interface left alone
    assert printer_dev.claimed == {1}


def test_every_usb_call_has_our_timeout(backend, printer_dev):
    printer(backend).print_label(ZPL, fmt="ZPL")
    assert 1234 in printer_dev.timeouts
    assert all(t and t > 0 for t in printer_dev.timeouts)


def test_large_jobs_are_chunked():
    dev = FakePrinter()
    t = UsbTransport(0x0A5F, 0x0166, backend=FakeBackend(dev), chunk_size=1000)
    t.write(b"x" * 4500)
    assert dev.writes == [1000, 1000, 1000, 1000, 500]


@pytest.mark.parametrize(
    ("flag", "state"), [("paper_out", "paper_out"), ("head_open", "head_open"), ("paused", "paused")]
)
def test_status_states_and_print_refused(backend, printer_dev, flag, state):
    p = printer(backend)
    assert p.status() == "ready"
    setattr(printer_dev, flag, True)
    assert p.status() == state
    with pytest.raises(DeviceError) as err:
        p.print_label(ZPL, fmt="ZPL")
    assert err.value.state == state
    assert printer_dev.jobs == []


def test_no_status_reply_at_all_is_unknown_not_a_hang(backend, printer_dev):
    printer_dev.silent = True  # answers neither ~HS nor ~HQES: we cannot know, so we print
    p = printer(backend)
    assert p.status() == "unknown"
    p.print_label(ZPL, fmt="ZPL")
    assert printer_dev.jobs == [ZPL]


def test_unplug_mid_job_is_typed_and_replug_reconnects(backend, printer_dev):
    p = printer(backend)
    p.print_label(ZPL, fmt="ZPL")
    printer_dev.unplug_after = len(printer_dev.received) + 20 + 100
    big = b"^XA" + b"^FO0,0^GB10,10,1^FS" * 500 + b"^XZ"
    with pytest.raises(DeviceUnplugged) as err:
        p.print_label(big, fmt="ZPL")
    assert err.value.state == "unplugged"
    assert p.status() == "unplugged"
    with pytest.raises(DeviceUnplugged):
        p.print_label(ZPL, fmt="ZPL")
    printer_dev.replug()
    assert printer_dev.kernel_driver[1] is True  # usblp bound again after replug
    p.print_label(ZPL, fmt="ZPL")
    assert printer_dev.jobs[-1] == ZPL
    assert printer_dev.kernel_driver[1] is False


def test_printer_absent_is_unplugged():
    p = printer(FakeBackend())
    assert p.status() == "unplugged"
    with pytest.raises(DeviceUnplugged):
        p.print_label(ZPL, fmt="ZPL")


def test_wrong_language_refused(backend):
    with pytest.raises(DeviceError) as err:
        printer(backend).print_label(b"SIZE 4,6\r\n", fmt="TSPL")
    assert err.value.state == "unsupported_format"


def test_hs_and_hqes_parsing():
    dev = FakePrinter()
    assert parse_hs(dev.hs_reply()) == "ready"
    assert parse_hqes(dev.hqes_reply()) == "ready"
    dev.paper_out = True
    assert parse_hqes(dev.hqes_reply()) == "paper_out"
    dev.paper_out, dev.head_open = False, True
    assert parse_hqes(dev.hqes_reply()) == "head_open"
    assert parse_hs(b"") == "error"
    assert parse_hqes(b"") == "unknown"
    assert parse_hs(b"\x02garbage\x03") == "error"
    assert parse_hqes(b"\x00\xff nonsense") == "error"


def test_escpos_through_python_escpos_usb_class():
    dev = FakePrinter(0x04B8, 0x0202, product="TM-T88")
    p = printer(FakeBackend(dev), language="escpos", vid=0x04B8, pid=0x0202)
    p.print_label(b"\x1b@hello\n", fmt="ESCPOS")
    assert bytes(dev.received) == b"\x1b@hello\n"
    assert 1234 in dev.timeouts
    dev.unplug()
    with pytest.raises(DeviceUnplugged):
        p.print_label(b"\x1b@again\n", fmt="ESCPOS")
    dev.replug()
    p.print_label(b"\x1b@again\n", fmt="ESCPOS")
    assert bytes(dev.received).endswith(b"again\n")

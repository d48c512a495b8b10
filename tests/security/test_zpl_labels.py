"""Issue 10 item 18: carrier ZPL reaches the printer only as a label, never as printer configuration."""

from __future__ import annotations

import base64
import re
from pathlib import Path
from typing import Any

import pytest

from station.errors import UpstreamError
from sync import mapping
from tests.workflow.conftest import Bench
from tests.workflow.test_shipping import RecordingPrinter, packed_order

GOLDEN = Path(__file__).resolve().parents[1] / "drivers" / "golden"
LABEL = b"^XA^FO40,40^A0N,40,40^FDSHIP TO^FS^FO40,120^BY3^BCN,120^FDTBA123456789012^FS^XZ"


def _sanitize(data: bytes) -> bytes:
    from station.zpl_sanitize import sanitize_zpl

    return sanitize_zpl(data)[0]


def _commands(zpl: bytes) -> set[str]:
    return {m.decode().upper() for m in re.findall(rb"[\^~]([A-Za-z0-9@]{2})", zpl)}


# Configuration, network, security, storage, firmware and reset commands (Zebra ZPL II guide).
HOSTILE = [
    b"^JUS",  # save the current settings for good
    b"^JUF",  # restore factory defaults
    b"^NDp,a,10.0.0.66,255.0.0.0,10.0.0.1",  # network settings
    b"^NSa,10.0.0.66,255.0.0.0,10.0.0.1",
    b"^WAN,N,,,",  # wireless
    b"^KP9999",  # front-panel password
    b"^KNevil",  # printer name
    b"^JC",  # calibrate (media sensor)
    b"~JC",
    b"~JR",  # power-on reset
    b"~JA",  # cancel all jobs
    b"^JB",  # initialise (erase) flash
    b"^IDE:*.*",  # delete stored objects
    b"~DYE:FIRMWARE,B,X,100,0,AAAA",  # download objects / firmware
    b"^TOE:*.*,B:",  # transfer objects between devices
    b"^DFE:FORM.ZPL",  # store a format
    b"^JI",  # start ZBI
    b"~JI",
    b"~SD30",  # darkness, kept for every later job
    b"^MNW",  # media tracking
    b"^MTD",  # media type
    b"~TA120",  # tear-off position
    b"^JMB",  # dots per millimetre
    b"^PQ99999",  # copies: one label per box
    b"^MUI",  # units: would change every later label's coordinates
    b"~HS",  # host status query
    b"^HH",  # configuration label
    b"^SCa,9600",  # serial port
    b"^STa,1,1,2030",  # clock
    b"~WC",  # print the configuration
]


@pytest.mark.parametrize("command", HOSTILE, ids=lambda c: c[:3].decode())
def test_configuration_commands_are_stripped(command: bytes) -> None:
    clean = _sanitize(LABEL.replace(b"^XA", b"^XA" + command, 1) + command)
    assert command[1:3].decode().upper() not in _commands(clean)
    assert command not in clean
    assert b"^FDSHIP TO^FS" in clean and b"^BCN,120^FDTBA123456789012^FS" in clean


@pytest.mark.parametrize(
    "hostile",
    [
        b"^XA^CC%%JUS%XZ",  # a new caret hides ^JUS
        b"^XA~CC%%JUS^XZ",
        b"~CT+^XA^FO1,1^FDx^FS^XZ+JR",  # a new tilde hides ~JR
        b"^XA^CT+^FDx^FS^XZ+JA",
        b"^XA^cc%%jus%xz",  # lower case
        b"^XA^CD;^FO1;1^FDx^FS^XZ",  # a new delimiter
        b"^XA^FDinnocent ~CC%^FS%JUS^XZ",  # inside field data too
    ],
)
def test_prefix_changes_refuse_the_document(hostile: bytes) -> None:
    from station.zpl_sanitize import UnsafeLabelDocument, clean_label_document

    with pytest.raises(UnsafeLabelDocument) as caught:
        clean_label_document(hostile, "ZPL")
    assert caught.value.code == "UnsafeLabel"


def test_set_get_do_lines_outside_the_format_are_dropped() -> None:
    hostile = (
        b'! U1 setvar "ip.addr" "10.0.0.66"\r\n' + LABEL + b'\r\n! U1 do "device.reset" ""\r\n'
        b'{}{"device.reset":""}\r\n^XA^FO1,1^FD'
    )
    clean = _sanitize(hostile)
    assert b"U1" not in clean and b"device.reset" not in clean
    assert clean.startswith(LABEL)


def test_newlines_cannot_start_a_line_inside_a_format() -> None:
    clean = _sanitize(b'^XA^FO1,1^FDa\r\n! U1 setvar "device.reset" ""\r\n^FS^XZ')
    assert b"\n" not in clean and b"\r" not in clean


def test_graphics_only_into_ram() -> None:
    kept = _sanitize(b"~DGR:LOGO.GRF,2,1,FFFF^XA^FO1,1^XGR:LOGO.GRF,1,1^FS^XZ")
    assert b"~DGR:LOGO.GRF" in kept and b"^XGR:LOGO.GRF" in kept
    flash = _sanitize(b"~DGE:LOGO.GRF,2,1,FFFF^XA^FO1,1^FDx^FS^XZ")
    assert b"~DG" not in flash


def test_only_pdf_png_and_zpl_come_from_upstream() -> None:
    from station.zpl_sanitize import UnsafeLabelDocument, clean_label_document

    assert clean_label_document(b"%PDF-1.4", "PDF") == b"%PDF-1.4"
    for fmt in ("TSPL", "ESCPOS", "zpl2", ""):
        with pytest.raises(UnsafeLabelDocument):
            clean_label_document(b"SIZE 4,6\r\nSET COUNTER @1 1\r\n", fmt)


@pytest.mark.parametrize(
    "name", ["shipping_4x6_203.zpl", "shipping_4x6_300.zpl", "fnsku_2.25x1.25.zpl", "fnsku_2x1.zpl"]
)
def test_our_own_labels_pass_unchanged(name: str) -> None:
    golden = (GOLDEN / name).read_bytes()
    assert _sanitize(golden) == golden.replace(b"\r", b"").replace(b"\n", b"")


def _payload(document: bytes, fmt: str = "ZPL") -> dict[str, Any]:
    contents = base64.b64encode(document).decode()
    document_entry = {"type": "LABEL", "format": fmt, "contents": contents}
    return {"trackingId": "TBA123456789012", "packageDocuments": [document_entry]}


def test_the_sync_boundary_strips_before_anything_is_stored() -> None:
    contents, fmt, _tracking = mapping.label_bytes(_payload(b"~JR^XA^JUS^NDp,a,1.2.3.4" + LABEL[3:]), "ZPL")
    assert fmt == "ZPL" and {"JU", "ND", "JR"}.isdisjoint(_commands(contents))
    with pytest.raises(UpstreamError):
        mapping.label_bytes(_payload(b"^XA^CC%%JUS%XZ"), "ZPL")


# --- the whole path: Shipping v2 purchase -> store -> printer -------------------------------------


def _hostile_renderer(**_kw: Any) -> bytes:
    return b'~JA^XA^JUS^KP0000^FO40,40^A0N,40,40^FDLABEL^FS~JR^XZ\r\n! U1 do "device.reset" ""\r\n'


def test_purchased_label_reaches_the_printer_without_configuration(bench: Bench) -> None:
    bench.sim.label_renderer = _hostile_renderer
    order_id, (package_id,) = packed_order(bench)
    rate = bench.station.shipping.rates(bench.packer, order_id, package_id)[0].rate
    bench.station.shipping.buy_label(bench.packer, order_id, package_id, rate, label_format="ZPL")
    printer = RecordingPrinter()
    bench.station.shipping.print_label(bench.packer, package_id, printer)
    [(job, fmt)] = printer.jobs
    assert fmt == "ZPL" and job == b"^XA^FO40,40^A0N,40,40^FDLABEL^FS^XZ"


def test_a_label_stored_before_the_fix_is_cleaned_when_printed(bench: Bench) -> None:
    order_id, (package_id,) = packed_order(bench)
    rate = bench.station.shipping.rates(bench.packer, order_id, package_id)[0].rate
    label = bench.station.shipping.buy_label(bench.packer, order_id, package_id, rate, label_format="ZPL")
    bench.station.store.packages.set_label(
        package_id, carrier=label.carrier_name, service=label.service_name, tracking=label.tracking_id,
        shipment_id=label.shipment_id, label_format="ZPL", label_document=b"^XA^JUS^NDp,a,1.2.3.4" + LABEL[3:],
        cost=label.cost, currency=label.currency,
    )  # fmt: skip
    printer = RecordingPrinter()
    bench.station.shipping.print_label(bench.packer, package_id, printer)
    [(job, _fmt)] = printer.jobs
    assert job == LABEL

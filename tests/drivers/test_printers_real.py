"""Issue 14: printers as the vendors document them (silent ~HS, no IN endpoint, cut formats, TSPL bits, Z64)."""

from __future__ import annotations

import base64
import binascii
import zlib

import pytest
from PIL import Image, ImageDraw

from drivers.fakeusb import FakeBackend, FakePrinter, FakeTsplPrinter, split_formats
from drivers.printers import open_printer
from drivers.printers.raster import to_gfa, tspl_raster_job, zpl_raster_job
from drivers.printers.zebra_status import MESSAGES, parse_hi, read_hs
from station.errors import DeviceError, DeviceUnplugged

ZPL = b"^XA^FO10,10^A0N,30,30^FH^FDhello^FS^XZ"


def zebra(dev: FakePrinter, **extra: object):  # type: ignore[no-untyped-def]
    cfg = {"transport": "usb", "language": "zpl", "pid": dev.pid, "vid": dev.vid, "backend": FakeBackend(dev)}
    cfg.update(extra)
    return open_printer(cfg)


@pytest.mark.parametrize(
    ("flag", "state"),
    [
        ("paper_out", "paper_out"),
        ("head_open", "head_open"),
        ("ribbon_out", "ribbon_out"),
        ("head_too_hot", "head_too_hot"),
        ("rewinder_full", "error"),
    ],
)
def test_silent_hs_asks_hqes_and_names_the_state(flag, state):
    """Zebra: ~HS gets no reply in these states; the packer must still read "out of labels"."""
    dev = FakePrinter()
    setattr(dev, flag, True)
    assert dev.hs_silent
    p = zebra(dev)
    assert p.status() == state
    with pytest.raises(DeviceError) as err:
        p.print_label(ZPL, fmt="ZPL")
    assert err.value.state == state
    assert str(err.value) == MESSAGES[state]
    assert dev.jobs == []


def test_hs_reply_fields_ribbon_out_and_partial_format():
    dev = FakePrinter()
    hs = read_hs(dev.hs_reply())
    assert hs is not None and hs.state == "ready" and not hs.partial_format
    dev.received += b"^XA^FO0,0^GB10"  # a format cut half-way
    hs = read_hs(dev.hs_reply())
    assert hs is not None and hs.partial_format
    reply = dev.hs_reply().replace(b"001,0,0,0,", b"001,0,0,1,")  # string 2 field p: ribbon out
    assert read_hs(reply) is not None and read_hs(reply).state == "ribbon_out"  # type: ignore[union-attr]


def test_printer_without_in_endpoint_prints_and_status_is_unknown():
    dev = FakePrinter(in_endpoint=False)
    p = zebra(dev)
    assert p.status() == "unknown"
    p.print_label(ZPL, fmt="ZPL")
    assert dev.jobs == [ZPL]
    assert b"~HS" not in dev.received  # nothing asked that nobody can answer
    tsc = FakeTsplPrinter(in_endpoint=False)
    t = open_printer({"transport": "usb", "language": "tspl", "vid": tsc.vid, "pid": tsc.pid,
                      "backend": FakeBackend(tsc)})  # fmt: skip
    assert t.status() == "unknown"
    t.print_label(b"SIZE 4,6\r\nPRINT 1,1\r\n", fmt="TSPL")
    assert bytes(tsc.received) == b"SIZE 4,6\r\nPRINT 1,1\r\n"


def test_fake_job_splitter_keeps_a_cut_format_whole():
    formats, partial = split_formats(b"^XA^FO1,1^GB5" + ZPL)
    assert formats == [b"^XA^FO1,1^GB5" + ZPL] and not partial  # the reprint merged into the cut one
    formats, partial = split_formats(b"^XA^FO1,1^GB5~JA" + ZPL)
    assert formats == [ZPL] and not partial
    assert split_formats(b"^XA^FO1,1")[1]


def test_reprint_after_a_cut_job_clears_the_half_format():
    dev = FakePrinter()
    p = zebra(dev)
    p.print_label(ZPL, fmt="ZPL")
    dev.unplug_after = len(dev.received) + 200
    big = b"^XA" + b"^FO0,0^GB10,10,1^FS" * 500 + b"^XZ"
    with pytest.raises(DeviceUnplugged):
        p.print_label(big, fmt="ZPL")
    dev.replug()
    p.print_label(ZPL, fmt="ZPL")
    assert dev.jobs == [ZPL, ZPL]
    assert not dev.partial_format


def test_partial_format_flag_from_hs_clears_it_even_after_a_restart():
    dev = FakePrinter()
    dev.received += b"^XA^FO0,0^GB10"  # left by another program, or before the station restarted
    p = zebra(dev)
    p.print_label(ZPL, fmt="ZPL")
    assert dev.jobs == [ZPL]


@pytest.mark.parametrize(
    ("byte", "state"),
    [(0x00, "ready"), (0x20, "ready"), (0x80, "too_hot"), (0x08, "ribbon_out"), (0x04, "paper_out"),
     (0x01, "head_open"), (0x02, "paper_jam"), (0x10, "paused")],
)  # fmt: skip
def test_tspl_status_byte(byte, state):
    dev = FakeTsplPrinter()
    dev.status_byte = byte
    p = open_printer({"transport": "usb", "language": "tspl", "vid": dev.vid, "pid": dev.pid,
                      "backend": FakeBackend(dev)})  # fmt: skip
    assert p.status() == state


def _label() -> Image.Image:
    img = Image.new("1", (812, 1218), 1)
    d = ImageDraw.Draw(img)
    d.rectangle((20, 20, 791, 1197), outline=0, width=6)
    for x in range(60, 760, 9):
        d.rectangle((x, 600, x + 3, 900), fill=0)
    return img


def test_gfa_is_z64_with_crc_and_decodes_to_the_same_bits():
    img = _label()
    gfa = to_gfa(img)
    _, total, _, row, data = gfa.split(",", 4)
    assert data.startswith(":Z64:")
    encoded, crc = data[5:].rsplit(":", 1)
    assert crc == f"{binascii.crc_hqx(encoded.encode(), 0):04X}"
    plain = to_gfa(img, compress=False).split(",", 4)[4]
    assert zlib.decompress(base64.b64decode(encoded)) == bytes.fromhex(plain)
    assert int(total) == 102 * 1218 and row == "102"
    assert len(zpl_raster_job(img)) * 10 < len(zpl_raster_job(img, compress=False))


def test_tspl_raster_has_no_black_stripe_at_the_right_edge():
    img = Image.new("1", (812, 4), 1)  # 812 dots = 101.5 bytes: 4 spare bits a row
    job = tspl_raster_job(img, "4x6")
    bits = job.split(b"BITMAP 0,0,102,4,0,", 1)[1][: 102 * 4]
    assert bits == b"\xff" * (102 * 4)  # all white, spare bits included


def test_hi_reply_gives_the_dpi():
    assert parse_hi(FakePrinter(dots_per_mm=12).hi_reply()) == 300
    assert parse_hi(FakePrinter().hi_reply()) == 203
    assert parse_hi(b"") is None


def test_label_request_carries_the_printers_dpi_and_format(tmp_home, fast_argon2):
    """Issue 14 item 4: the purchase request knows the printer's dpi (and a TSPL printer gets PNG)."""
    from tests.station.support import ADMIN, make_crew

    crew = make_crew(tmp_home)
    try:
        st, admin = crew.station, crew.login(ADMIN)
        assert st.shipping.label_request().dpi == 203
        st.change_setting(admin, "printer", {"transport": "usb", "vid": 0x0A5F, "pid": 0x0167, "language": "zpl",
                                             "dpi": 300})  # fmt: skip
        request = st.shipping.label_request()
        assert (request.label_format, request.dpi, request.size) == ("ZPL", 300, "4x6")
        st.change_setting(admin, "printer", {"transport": "usb", "vid": 0x1203, "pid": 0x0230, "language": "tspl",
                                             "dpi": 300})  # fmt: skip
        assert st.shipping.label_request().label_format == "PNG"
        assert st.shipping.label_request("PDF").label_format == "PDF"
    finally:
        crew.station.close()


def _bar_widths(img: Image.Image, y: int) -> list[int]:
    row = bytes(0 if img.getpixel((x, y)) else 1 for x in range(img.width))
    return [len(run) for run in row.split(b"\x00") if run]


def test_300_dpi_png_on_a_203_dpi_printer_keeps_equal_bars_equal():
    """Issue 14 item 12: a non-integer resize made equal bars 2 or 3 dots wide."""
    import io

    from drivers.printers.raster import label_image

    src = Image.new("L", (1200, 1800), 255)  # a 4x6 label at 300 dpi
    d = ImageDraw.Draw(src)
    x = 90
    for i in range(60):  # bars and spaces of 1-4 modules, 3 px a module
        width = 3 * (1 + i % 4)
        d.rectangle((x, 700, x + width - 1, 1000), fill=0)
        x += width + 3 * (1 + (i * 7) % 3)
    buf = io.BytesIO()
    src.save(buf, "PNG")
    img = label_image(buf.getvalue(), "PNG", dpi=203, size="4x6")
    assert img.size == (812, 1218)
    widths = _bar_widths(img, 570)  # the bars, 2/3 of the way from 700-1000 (+ centring)
    assert len(widths) == 60
    assert all(w % 2 == 0 for w in widths), sorted(set(widths))  # 2 dots a module, every bar

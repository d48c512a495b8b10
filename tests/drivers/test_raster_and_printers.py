"""PDF/PNG labels rasterised per language; TCP 9100 and the virtual printer."""

from __future__ import annotations

import io
import socket
import threading

import pytest
from PIL import Image, ImageDraw
from reportlab.lib.units import inch
from reportlab.pdfgen import canvas

from drivers.fakeusb import FakeBackend, FakePrinter
from drivers.printers import build_job, open_printer
from drivers.printers.raster import escpos_raster_job, label_image, to_gfa, tspl_raster_job
from station.errors import DeviceError
from tests.drivers.conftest import golden


def pdf_label(w_in: float = 4, h_in: float = 6) -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(w_in * inch, h_in * inch), invariant=1)
    c.rect(0.25 * inch, 0.25 * inch, (w_in - 0.5) * inch, (h_in - 0.5) * inch, fill=1)
    c.save()
    return buf.getvalue()


def tiny_png() -> bytes:
    img = Image.new("L", (16, 8), 255)
    ImageDraw.Draw(img).rectangle((0, 0, 7, 7), fill=0)
    out = io.BytesIO()
    img.save(out, "PNG")
    return out.getvalue()


@pytest.mark.parametrize(
    ("dpi", "size", "dots"),
    [
        (203, "4x6", (812, 1218)),
        (300, "4x6", (1200, 1800)),
        (203, "2.25x1.25", (457, 254)),
        (300, "2x1", (600, 300)),
    ],
)
def test_pdf_scaled_to_label_at_dpi(dpi, size, dots):
    img = label_image(pdf_label(), "PDF", dpi=dpi, size=size)
    assert img.size == dots and img.mode == "1"


def test_pdf_to_zpl_gfa_structure():
    job, img = build_job(pdf_label(), "PDF", language="zpl", dpi=203, size="4x6")
    assert img is not None
    head = job.split(b"^GFA", 1)[1].split(b",", 4)
    assert job.startswith(b"^XA^PW812^LL1218^LH0,0^PON^PMN^LRN^FWN^LS0^FO0,0^GFA,") and job.endswith(b"^FS^XZ")
    assert head[1] == head[2] == str(102 * 1218).encode() and head[3] == b"102"
    assert b":Z64:" in job  # compressed (issue 14); the bits are checked in test_printers_real


def test_raster_golden_bytes_each_language():
    img = label_image(tiny_png(), "PNG", dpi=203, size=f"{16 / 203}x{8 / 203}")
    assert img.size == (16, 8)
    assert to_gfa(img, compress=False) == "^GFA,16,16,2," + "FF00" * 8
    assert tspl_raster_job(img, "2x1").endswith(b"BITMAP 0,0,2,8,0," + b"\x00\xff" * 8 + b"\r\nPRINT 1,1\r\n")
    golden("raster_tiny.escpos", escpos_raster_job(img))
    assert b"\x1dv0\x00\x02\x00\x08\x00" + b"\xff\x00" * 8 in escpos_raster_job(img)


def test_zpl_sent_as_is_and_pdf_rasterised_on_usb():
    dev = FakePrinter()
    p = open_printer({"transport": "usb", "pid": 0x0166, "backend": FakeBackend(dev)})
    p.print_label(pdf_label(), fmt="PDF")
    assert dev.jobs[0].startswith(b"^XA^PW812^LL1218")


class _Server(threading.Thread):
    def __init__(self, reply: bytes = b"") -> None:
        super().__init__(daemon=True)
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen()
        self.port = self.sock.getsockname()[1]
        self.reply = reply
        self.received = bytearray()

    def run(self) -> None:
        self.sock.settimeout(5)
        for _ in range(2):
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            with conn:
                conn.settimeout(0.3)
                try:
                    while chunk := conn.recv(65536):
                        self.received += chunk
                        if b"~HS" in chunk:
                            conn.sendall(self.reply)
                except OSError:
                    pass


def test_tcp_9100_prints_and_reads_status():
    srv = _Server(FakePrinter().hs_reply())
    srv.start()
    p = open_printer({"transport": "tcp", "host": "127.0.0.1", "port": srv.port, "timeout_ms": 2000})
    p.print_label(b"^XA^FDx^FS^XZ", fmt="ZPL")
    srv.join(5)
    assert srv.received.endswith(b"^XA^FDx^FS^XZ")


def test_tcp_unreachable_is_typed():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    p = open_printer({"transport": "tcp", "host": "127.0.0.1", "port": port, "timeout_ms": 500})
    assert p.status() == "unplugged"
    with pytest.raises(DeviceError) as err:
        p.print_label(b"^XA^XZ", fmt="ZPL")
    assert err.value.state == "unplugged"


def test_virtual_printer_writes_job_and_preview(tmp_path):
    pytest.importorskip("zplkit")
    p = open_printer({"transport": "virtual", "folder": str(tmp_path)})
    assert p.status() == "ready"
    p.print_label(b"^XA^PW406^LL203^FO10,10^A0N,30,30^FDhi^FS^XZ", fmt="ZPL")
    p.print_label(pdf_label(), fmt="PDF")
    assert sorted(f.name for f in tmp_path.iterdir()) == [
        "job-0001.png",
        "job-0001.zpl",
        "job-0002.png",
        "job-0002.zpl",
    ]
    assert Image.open(tmp_path / "job-0001.png").size == (406, 203)
    p.paper_out = True  # type: ignore[union-attr]
    with pytest.raises(DeviceError) as err:
        p.print_label(b"^XA^XZ", fmt="ZPL")
    assert err.value.state == "paper_out"

"""OS print queues through a private cupsd the test starts (own config, port, socket, temp dirs).

Labels go to raw queues as the same ZPL/TSPL bytes the USB transport sends; documents (PDF) go to
a normal queue. Each queue's output is compared byte for byte.
"""

from __future__ import annotations

import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from drivers.printers import build_job, open_printer
from drivers.printers.osqueue import CupsQueueTransport, print_document, queue_names
from station.errors import DeviceError
from tests.drivers.cupsd import CUPSD, SKIP_REASON, PrivateCups, RawPrinter
from tests.drivers.test_raster_and_printers import pdf_label

ZPL = b"^XA^FO10,10^A0N,30,30^FH^FDhello^FS^XZ"
TSPL = b"SIZE 4,6\r\nCLS\r\nTEXT 10,10,\"3\",0,1,1,\"hi\"\r\nPRINT 1,1\r\n"


def _need_cupsd() -> None:
    if CUPSD is None:
        if Path("/etc/debian_version").exists():  # CI and dev boxes: scripts/bootstrap.sh installs it
            pytest.fail("cupsd missing on Debian — run scripts/bootstrap.sh (cups is in APT_PACKAGES)")
        pytest.skip(SKIP_REASON)


@pytest.fixture(scope="module")
def cups() -> Iterator[tuple[PrivateCups, dict[str, RawPrinter]]]:
    _need_cupsd()
    root = Path(tempfile.mkdtemp(prefix="drivers-cupsd-"))
    server = PrivateCups(root)
    server.start()
    printers = {"zebra": RawPrinter(), "tsc": RawPrinter()}
    try:
        for name, printer in printers.items():
            server.add_raw_queue(name, printer)
        server.add_document_queue("office")
        yield server, printers
    finally:
        server.stop()
        for printer in printers.values():
            printer.close()


def _printer(server: PrivateCups, queue: str, language: str = "zpl"):  # type: ignore[no-untyped-def]
    return open_printer({"transport": "cups", "queue": queue, "server": server.server, "language": language})


def test_raw_labels_reach_the_queue_byte_for_byte(cups):
    server, printers = cups
    zebra = _printer(server, "zebra")
    assert zebra.status() == "ready"
    zebra.print_label(ZPL, fmt="ZPL")
    raster, _ = build_job(pdf_label(), "PDF", language="zpl", dpi=203, size="4x6")
    zebra.print_label(pdf_label(), fmt="PDF")
    _printer(server, "tsc", "tspl").print_label(TSPL, fmt="TSPL")
    server.wait_done()
    assert printers["zebra"].jobs == [ZPL, raster]
    assert printers["tsc"].jobs == [TSPL]


def test_documents_go_to_a_normal_queue(cups):
    server, _ = cups
    from tests.station.support import make_order
    from ui.reports.slip import packing_slip_pdf

    pdf = packing_slip_pdf(make_order("113-0000000-0000001"), seller_name="Acme")
    job = print_document("office", pdf, title="Packing slip 1", server=server.server)
    assert job.startswith("office-")
    server.wait_done()
    assert server.outputs["office"].read_bytes() == pdf
    with pytest.raises(ValueError):
        print_document("office", b"^XA^XZ", title="not a pdf", server=server.server)


def test_queue_status_from_lpstat(cups):
    server, _ = cups
    zebra = _printer(server, "zebra")
    subprocess.run(["cupsdisable", "-h", server.server, "zebra"], check=True, capture_output=True, timeout=30)
    try:
        assert zebra.status() == "paused"
        with pytest.raises(DeviceError) as err:
            zebra.print_label(ZPL, fmt="ZPL")
        assert err.value.state == "paused"
    finally:
        subprocess.run(["cupsenable", "-h", server.server, "zebra"], check=True, capture_output=True, timeout=30)
    assert zebra.status() == "ready"
    gone = _printer(server, "no_such_queue")
    assert gone.status() == "unplugged"
    with pytest.raises(DeviceError):
        CupsQueueTransport("no_such_queue", server=server.server).write(ZPL)
    assert set(queue_names(server.server)) >= {"zebra", "tsc", "office"}


def test_queue_names_are_checked_before_any_command_runs():
    with pytest.raises(DeviceError):
        CupsQueueTransport("-o evil")
    with pytest.raises(DeviceError):
        CupsQueueTransport("a b")


def test_packing_slip_action_prints_on_the_document_printer_when_set(cups, tmp_home, fast_argon2):
    server, _ = cups
    from tests.station.support import ADMIN, add_seller, make_crew, make_order
    from ui.label_ops import write_packing_slip

    crew = make_crew(tmp_home)
    try:
        st, admin = crew.station, crew.login(ADMIN)
        add_seller(st)
        st.store.orders.upsert(make_order("113-0000000-0000002"), now="t")
        before = server.outputs["office"].read_bytes()
        path = write_packing_slip(st, admin, "113-0000000-0000002")  # no document printer: the file only
        assert path is not None and server.outputs["office"].read_bytes() == before
        st.change_setting(admin, "document_printer", {"queue": "office", "server": server.server})
        path = write_packing_slip(st, admin, "113-0000000-0000002")
        server.wait_done()
        assert path is not None and server.outputs["office"].read_bytes() == path.read_bytes()
        assert st.store.audit_rows.search(action="document.printed", actor=ADMIN, limit=10)
    finally:
        crew.station.close()

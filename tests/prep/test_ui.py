"""pytest-qt flows on the prep screens: catalogue, receiving with a shortage, FNSKU labels (golden ZPL + PNG),
three boxes, an inbound plan confirmed against the simulator, box labels, inventory moving."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image, ImageChops
from PySide6.QtCore import Qt

from drivers.printers import VirtualPrinter
from sync.simulator import Simulator, start_simulator
from sync.spapi.inbound import SpApiFbaInbound
from tests.prep.support import CATALOGUE, set_warehouse
from tests.station.support import Crew, add_seller
from tests.sync.conftest import Env
from ui.prep import screens, screens_for
from ui.prep.boxes import BoxesWidget
from ui.prep.catalog import CatalogWidget
from ui.prep.inventory import InventoryWidget
from ui.prep.receiving import ReceivingWidget
from ui.prep.unit import PrepUnitWidget

GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture
def world(crew: Crew, tmp_path: Path) -> Iterator[tuple[Crew, Simulator, str, VirtualPrinter]]:
    sim = start_simulator(seed=5, clock=crew.clock, orders=5)
    env = Env(sim, crew.clock)
    seller_id = env.seller_ids[0]
    add_seller(crew.station, seller_id, "Acme Outdoor")
    set_warehouse(crew.station)
    crew.station.prep.attach(SpApiFbaInbound(env.client))
    yield crew, sim, seller_id, VirtualPrinter(tmp_path / "printer")
    env.client.close()
    sim.stop()


def _scan(qtbot, widget, code: str) -> None:  # type: ignore[no-untyped-def]
    widget.scan.setText(code)
    qtbot.keyClick(widget.scan, Qt.Key.Key_Return)


def test_screens_registry_follows_permissions() -> None:
    assert [s.title for s in screens()] == ["Prep", "Receiving", "FBA boxes", "FBA inventory", "Catalogue & deliveries"]
    assert [s.title for s in screens_for("packer")] == ["Prep", "Receiving", "FBA boxes"]
    assert "Catalogue & deliveries" in [s.title for s in screens_for("lead")]
    assert [s.title for s in screens_for("auditor")] == ["FBA inventory"]


def test_prep_flow_end_to_end(qtbot, world) -> None:  # type: ignore[no-untyped-def]
    crew, sim, seller_id, printer = world
    station = crew.station
    lead, pat = crew.login("lead"), crew.login("pat")

    # 1. Catalogue with bad rows on the lead's screen: good rows in, bad rows reported line by line.
    catalog = CatalogWidget(station, lead, printer=printer)
    qtbot.addWidget(catalog)
    catalog.seller = seller_id
    catalog.import_catalogue(CATALOGUE)
    assert "4 products saved" in catalog.message.text()
    assert catalog.report.toPlainText().count("line ") >= 5

    # 2. A delivery with a shortage: entered from the seller's CSV, received by scans on the receiving screen.
    catalog.expect_delivery("sku,quantity\nNOT-A-SKU,3\n")
    assert "not saved" in catalog.message.text()
    catalog.reference.setText("ASN-100")
    catalog.expect_delivery("sku,quantity\nBOTTLE-750,20\nMUG-SET,5\n")
    assert "expected" in catalog.message.text()
    receiving = ReceivingWidget(station, pat, printer=printer)
    qtbot.addWidget(receiving)
    receiving.seller = seller_id
    assert receiving.deliveries.count() == 1 and "ASN-100" in receiving.heading.text()
    for _ in range(18):
        _scan(qtbot, receiving, "012345678905")
    for _ in range(5):
        _scan(qtbot, receiving, "MUG-SET")
    assert "18 / 20" in receiving.lines.text() and "SHORT 2" in receiving.lines.text()
    receiving.session = lead  # the lead closes the delivery
    qtbot.keyClick(receiving, Qt.Key.Key_F10)
    assert "2 short" in receiving.message.text()
    assert receiving.receipt_document.startswith(b"%PDF")

    # 3. Prep: scan, see FNSKU + steps, print 5 labels (golden ZPL, rendered PNG) + suffocation warnings.
    prep = PrepUnitWidget(station, pat, printer=printer)
    qtbot.addWidget(prep)
    _scan(qtbot, prep, "012345678905")
    assert prep.fnsku.text() == "X00BOTTLE1"
    assert "Suffocation" in prep.steps.text() and "Bag size" in prep.steps.text()
    prep.count.setValue(5)
    qtbot.keyClick(prep, Qt.Key.Key_F5)
    assert "5 labels printed" in prep.message.text()
    jobs = sorted(printer.folder.glob("job-*.zpl"))
    assert jobs[0].read_bytes() == (GOLDEN / "fnsku_bottle_x5.zpl").read_bytes()
    assert jobs[1].read_bytes() == (GOLDEN / "suffocation_4x3_x5.zpl").read_bytes()
    rendered = Image.open(jobs[0].with_suffix(".png"))
    golden = Image.open(io.BytesIO((GOLDEN / "fnsku_bottle.png").read_bytes()))
    assert rendered.size == golden.size == (457, 254)
    assert ImageChops.difference(rendered.convert("L"), golden.convert("L")).getbbox() is None
    prep.count.setValue(35)
    qtbot.keyClick(prep, Qt.Key.Key_F6)
    assert prep.last_sheet.startswith(b"%PDF") and "2 pages" in prep.message.text()
    _scan(qtbot, prep, "MUG-SET")
    prep.count.setValue(5)
    qtbot.keyClick(prep, Qt.Key.Key_F5)

    # 4. Three boxes on the box screen.
    boxes = BoxesWidget(station, pat, printer=printer)
    qtbot.addWidget(boxes)
    boxes.seller = seller_id
    for contents in ({"012345678905": 9}, {"012345678905": 9}, {"MUG-SET": 5}):
        qtbot.keyClick(boxes, Qt.Key.Key_F2)
        for code, n in contents.items():
            for _ in range(n):
                _scan(qtbot, boxes, code)
        boxes.weight.setValue(60.0)
        for side in boxes.sides:
            side.setValue(16.0)
        qtbot.keyClick(boxes, Qt.Key.Key_F4)
        assert "50 lb" in boxes.message.text()  # Amazon's limit refused the box
        boxes.weight.setValue(18.5)
        qtbot.keyClick(boxes, Qt.Key.Key_F4)
        assert "closed" in boxes.message.text()

    # 5. Inbound plan created and confirmed against the simulator (lead), box labels printed.
    boxes.session = lead
    qtbot.keyClick(boxes, Qt.Key.Key_F9)
    assert "Plan confirmed" in boxes.message.text(), boxes.message.text()
    assert boxes.plan is not None and boxes.plan.plan.status == "confirmed"
    assert "FBA" in boxes.plan_text.text()
    before = len(list(printer.folder.glob("job-*.zpl")))
    qtbot.keyClick(boxes, Qt.Key.Key_F11)
    assert "3 box labels printed" in boxes.message.text(), boxes.message.text()
    assert len(list(printer.folder.glob("job-*.zpl"))) == before + 3
    assert len(sim.calls_for("getLabels", status=200)) == len(boxes.plan.shipments)

    # 6. Inventory moves: shipped in, then Amazon's counts go from inbound to fulfillable.
    station.prep.inbound.mark_shipped(lead, boxes.plan.plan.plan_id)
    inventory = InventoryWidget(station, lead, printer=printer)
    qtbot.addWidget(inventory)
    inventory.seller = seller_id
    inventory.refresh_fba()
    table = {inventory.table.item(r, 0).text(): r for r in range(inventory.table.rowCount())}
    row = table["BOTTLE-750"]
    assert inventory.table.item(row, 1).text() == "0"  # on hand: 18 received - 18 sent
    assert inventory.table.item(row, 7).text() == "18"  # Amazon: inbound working
    crew.clock.advance(5 * 86_400)
    inventory.refresh_fba()
    assert inventory.table.item(row, 6).text() == "18"  # fulfillable at Amazon
    inventory.statement()
    assert inventory.statement_pdf.startswith(b"%PDF") and "BOTTLE-750" in inventory.statement_csv

    # Billing adds up to what was done.
    bill = station.prep.units.billing(lead, seller_id)
    assert bill == {"fnsku_label": 5 + 35 + 5, "polybag": 40, "suffocation_label": 40, "bubble_wrap": 5,
                    "set_label": 5, "box": 3}  # fmt: skip

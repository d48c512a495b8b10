"""The prep flow's core: catalogue import, receiving, prep billing, boxes, inbound plans, inventory."""

from __future__ import annotations

import pytest

from station.errors import Conflict, NotFound, PermissionDenied, UpstreamError, UsageError
from station.services.inbound_types import FbaStock, PrepDetail
from station.store.db import code_schema_version
from tests.prep.support import CATALOGUE, FakeFbaInbound
from tests.station.support import MARKETPLACE, SELLER_ID, Crew, add_seller


def test_schema_has_the_prep_migration(crew: Crew) -> None:
    assert crew.station.store.db.user_version() == code_schema_version() >= 2


def test_catalogue_import_reports_bad_rows_and_keeps_good_ones(crew: Crew) -> None:
    add_seller(crew.station)
    lead = crew.login("lead")
    report = crew.station.prep.catalog.import_csv(lead, SELLER_ID, CATALOGUE)
    assert (report.rows, report.imported) == (9, 4)
    problems = {(e.line, e.field) for e in report.errors}
    assert (6, "sku") in problems  # missing SKU
    assert (7, "upc/ean") in problems  # bad check digit
    assert (8, "prep types") in problems  # "gift wrap"
    assert (9, "sku") in problems  # duplicate BOTTLE-750
    assert {(10, "condition"), (10, "expiry required")} <= problems
    assert "line 7 (BAD-UPC): upc/ean" in report.text()
    products = crew.station.store.products
    bottle = products.get(SELLER_ID, "BOTTLE-750")
    assert bottle is not None and bottle.prep_types == ("polybagging", "suffocation_warning")
    tea = products.get(SELLER_ID, "TEA-12")
    assert tea is not None and tea.expiry_required and tea.prep_types == ("expiry_dating",)
    lamp = products.get(SELLER_ID, "LAMP-LED")
    assert lamp is not None and lamp.condition == "UsedLikeNew"
    assert [m.sku for m in products.resolve("012345678905", SELLER_ID)] == ["BOTTLE-750"]


def test_packer_may_not_import_a_catalogue(crew: Crew) -> None:
    add_seller(crew.station)
    with pytest.raises(PermissionDenied):
        crew.station.prep.catalog.import_csv(crew.login("pat"), SELLER_ID, CATALOGUE)


def test_gaps_filled_from_amazon(seeded: Crew) -> None:
    fake = FakeFbaInbound(
        stock={"TEA-12": FbaStock("TEA-12", "X00TEASAMP", asin="B0TEASAMP1")},
        prep={"TEA-12": PrepDetail("TEA-12", "GRANULAR", ("polybagging",))},
    )
    seeded.station.prep.attach(fake)
    lead = seeded.login("lead")
    filled = seeded.station.prep.catalog.fill_from_amazon(lead, SELLER_ID, MARKETPLACE, push_prep=True)
    tea = seeded.station.store.products.get(SELLER_ID, "TEA-12")
    assert tea is not None and tea.fnsku == "X00TEASAMP"
    # TEA-12 had prep rules (expiry dating) from the CSV, so Amazon's are not asked for it.
    assert filled.fnskus == 1 and filled.pushed == 4
    assert {d.sku for d in fake.pushed} == {"BOTTLE-750", "MUG-SET", "TEA-12", "LAMP-LED"}


def _receive(crew: Crew, lines: dict[str, int], scans: dict[str, int]) -> int:
    lead, pat = crew.login("lead"), crew.login("pat")
    receiving = crew.station.prep.receiving
    delivery = receiving.expect(lead, SELLER_ID, "ASN-1", sorted(lines.items()))
    for code, n in scans.items():
        for _ in range(n):
            receiving.receive(pat, delivery, code)
    return delivery


def test_receiving_with_shortage_damage_and_over(seeded: Crew) -> None:
    lead, pat = seeded.login("lead"), seeded.login("pat")
    receiving = seeded.station.prep.receiving
    delivery = receiving.expect(lead, SELLER_ID, "ASN-7", [("BOTTLE-750", 10), ("MUG-SET", 4)])
    for _ in range(8):
        assert receiving.receive(pat, delivery, "012345678905").outcome == "good"
    assert receiving.receive(pat, delivery, "X00MUGSET1", damaged=True).outcome == "damaged"
    for _ in range(4):
        result = receiving.receive(pat, delivery, "MUG-SET")
    assert result.outcome == "over"
    assert receiving.receive(pat, delivery, "LAMP-LED").outcome == "unexpected"
    assert receiving.receive(pat, delivery, "999999").outcome == "unknown"
    receipt = receiving.close(lead, delivery)
    lines = {x.sku: x for x in receipt.delivery.lines}
    assert (lines["BOTTLE-750"].received, lines["BOTTLE-750"].short) == (8, 2)
    assert (lines["MUG-SET"].received, lines["MUG-SET"].damaged, lines["MUG-SET"].over) == (4, 1, 1)
    assert receipt.totals == {"expected": 14, "received": 13, "damaged": 1, "short": 2, "over": 2}
    assert "ASN-7,BOTTLE-750,10,8,0,2,0" in receipt.csv()
    with pytest.raises(Conflict):
        receiving.receive(pat, delivery, "012345678905")


def test_expected_delivery_from_csv_reports_bad_lines(seeded: Crew) -> None:
    lead = seeded.login("lead")
    receiving = seeded.station.prep.receiving
    delivery, errors = receiving.expect_csv(lead, SELLER_ID, "ASN-2", "sku,quantity\nBOTTLE-750,3\nNOPE,2\nMUG-SET,x\n")
    assert delivery is None and [(e.line, e.field) for e in errors] == [(3, "sku"), (4, "quantity")]
    delivery, errors = receiving.expect_csv(lead, SELLER_ID, "ASN-2", "UPC,Qty\n012345678905,3\nMUG-SET,2\n")
    assert errors == [] and delivery is not None
    assert [(x.sku, x.expected) for x in receiving.delivery(lead, delivery).lines] == [
        ("BOTTLE-750", 3),
        ("MUG-SET", 2),
    ]


def test_prep_lookup_and_billing_add_up(seeded: Crew) -> None:
    pat = seeded.login("pat")
    prep = seeded.station.prep.units
    unit = prep.lookup(pat, "012345678905")
    assert unit.fnsku == "X00BOTTLE1"
    assert [s[0] for s in unit.steps] == ["labeling", "polybagging", "suffocation_warning"]
    assert unit.bag and unit.warning_size
    with pytest.raises(NotFound):
        prep.lookup(pat, "000000000000")
    with pytest.raises(UsageError):
        prep.prep_units(pat, SELLER_ID, "TEA-12", 2)  # needs an expiry date
    prep.prep_units(pat, SELLER_ID, "BOTTLE-750", 6)
    prep.prep_units(pat, SELLER_ID, "BOTTLE-750", 2)
    prep.prep_units(pat, SELLER_ID, "MUG-SET", 3)
    prep.prep_units(pat, SELLER_ID, "TEA-12", 5, expiry="2027-01-31")
    prep.reprint(pat, SELLER_ID, "BOTTLE-750", 1)  # not billed
    prep.record_service(pat, SELLER_ID, "bubble_wrap", 2, sku="LAMP-LED")
    bill = prep.billing(seeded.login("lead"), SELLER_ID)
    assert bill == {
        "fnsku_label": 16, "polybag": 8, "suffocation_label": 8, "bubble_wrap": 3 + 2, "set_label": 3,
        "expiry_label": 5,
    }  # fmt: skip
    with pytest.raises(PermissionDenied):
        prep.billing(pat, SELLER_ID)


def _three_boxes(crew: Crew) -> list[int]:
    _receive(crew, {"BOTTLE-750": 20, "MUG-SET": 6}, {"012345678905": 20, "MUG-SET": 6})
    pat = crew.login("pat")
    boxes = crew.station.prep.boxes
    ids = []
    for contents, case in (({"012345678905": 10}, True), ({"012345678905": 10}, True), ({"MUG-SET": 6}, False)):
        box = boxes.open_box(pat, SELLER_ID, case_packed=case)
        for code, n in contents.items():
            for _ in range(n):
                boxes.scan(pat, box.box_id, code)
        boxes.close(pat, box.box_id, 12.5, (18, 14, 10))
        ids.append(box.box_id)
    return ids


def test_boxes_respect_amazon_limits_and_stock(seeded: Crew) -> None:
    _receive(seeded, {"BOTTLE-750": 3, "MUG-SET": 2}, {"012345678905": 3, "MUG-SET": 2})
    pat = seeded.login("pat")
    boxes = seeded.station.prep.boxes
    box = boxes.open_box(pat, SELLER_ID, case_packed=True)
    boxes.scan(pat, box.box_id, "012345678905", quantity=2)
    with pytest.raises(Conflict):
        boxes.scan(pat, box.box_id, "MUG-SET")  # case-packed: one SKU
    with pytest.raises(Conflict):
        boxes.scan(pat, box.box_id, "012345678905", quantity=2)  # only 1 left on hand
    with pytest.raises(UsageError, match="50 lb"):
        boxes.close(pat, box.box_id, 51.0, (20, 15, 10))
    with pytest.raises(UsageError, match="25 in"):
        boxes.close(pat, box.box_id, 20.0, (26, 15, 10))
    closed = boxes.close(pat, box.box_id, 20.0, (25, 15, 10))
    assert closed.status == "closed" and closed.items == (("BOTTLE-750", 2),)
    with pytest.raises(Conflict):
        boxes.scan(pat, box.box_id, "012345678905")


def test_inbound_plan_runs_through_the_port_and_inventory_moves(seeded: Crew) -> None:
    box_ids = _three_boxes(seeded)
    fake = FakeFbaInbound()
    seeded.station.prep.attach(fake)
    lead = seeded.login("lead")
    inventory = seeded.station.prep.inventory
    before = {x.sku: x for x in inventory.position(lead, SELLER_ID)}
    assert (before["BOTTLE-750"].on_hand, before["BOTTLE-750"].in_boxes) == (20, 20)
    fake.fail_at = "confirm_placement"
    with pytest.raises(UpstreamError):
        seeded.station.prep.inbound.create_plan(lead, SELLER_ID, box_ids)
    plan_id = seeded.station.store.inbound_plans.for_seller(SELLER_ID)[0].plan_id
    assert seeded.station.store.inbound_plans.get(plan_id).status == "packed"  # type: ignore[union-attr]
    view = seeded.station.prep.inbound.advance(lead, plan_id)  # resumes, no second createInboundPlan
    assert fake.calls.count("create_plan") == 1 and view.plan.status == "confirmed"
    assert [(i.sku, i.quantity) for i in fake.planned] == [("BOTTLE-750", 20), ("MUG-SET", 6)]
    assert [b.amazon_box_id for b in view.boxes] == [f"FBA15FAKE01U{i:06d}" for i in (1, 2, 3)]
    assert view.shipments[0].confirmation_id == "FBA15FAKE01"
    labels = seeded.station.prep.inbound.box_labels(seeded.login("pat"), plan_id)
    assert labels[0][0] == "FBA15FAKE01" and labels[0][1].startswith(b"%PDF")
    seeded.station.prep.inbound.mark_shipped(lead, plan_id)
    after = {x.sku: x for x in inventory.position(lead, SELLER_ID)}
    assert (after["BOTTLE-750"].on_hand, after["BOTTLE-750"].in_boxes, after["BOTTLE-750"].shipped_in) == (0, 0, 20)
    fake.stock = {"BOTTLE-750": FbaStock("BOTTLE-750", "X00BOTTLE1", 0, 0, 20, 0, 0, 0)}
    inventory.refresh_fba(lead, SELLER_ID)
    line = {x.sku: x for x in inventory.position(lead, SELLER_ID)}["BOTTLE-750"]
    assert line.fba_inbound_shipped == 20
    statement = inventory.statement_csv(lead, SELLER_ID)
    assert statement.splitlines()[0].startswith("sku,fnsku,title,received")
    assert "BOTTLE-750,X00BOTTLE1" in statement
    assert seeded.station.prep.units.billing(lead, SELLER_ID)["box"] == 3


def test_nothing_in_prep_tables_is_pii(seeded: Crew) -> None:
    # The prep tables hold products and counts only; the seller deletion cascade reaches them.
    _three_boxes(seeded)
    counts = seeded.station.store.sellers.delete(SELLER_ID)
    assert counts["sellers"] == 1
    for table in ("deliveries", "stock_moves", "prep_events", "fba_boxes", "fba_box_items", "prep_details"):
        assert seeded.station.store.db.query_one(f"SELECT count(*) FROM {table}")[0] == 0

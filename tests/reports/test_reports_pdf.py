"""Printable reports: valid PDFs with the expected text, and no buyer PII where none belongs."""

from __future__ import annotations

import pytest

from drivers.barcodes import command_code
from station.domain import Role
from station.errors import PermissionDenied
from ui.reports import (
    PickLine,
    demo_barcode_sheet_pdf,
    manifest_pdf,
    packing_slip_pdf,
    pick_list_for_orders,
    pick_list_pdf,
)

from .conftest import ORDERS, make_order, pdf_text, pii


def squash(text: str) -> str:
    return " ".join(text.split())


def test_pick_list_from_the_store_is_sorted_by_bin_and_has_no_pii(shop) -> None:  # type: ignore[no-untyped-def]
    station, session = shop
    data = pick_list_for_orders(station, session, list(ORDERS), batch="B0042")
    text = squash(" ".join(pdf_text(data)))
    for expected in ("Pick list — batch B0042", "2 orders · 4 lines · 6 units", "A-03", "B-11", "BOT-750",
                     "Carabiner set (3)", "Scan to open an order", *ORDERS):  # fmt: skip
        assert expected in text, expected
    assert text.index("A-03") < text.index("B-11")
    for order_id in ORDERS:
        for value in pii(order_id):
            assert value not in text and value.encode() not in data
    rows = station.store.audit_rows.search(action="picklist.printed")
    assert len(rows) == 1 and rows[0].actor == "boss"


def test_pick_list_needs_permission(shop) -> None:  # type: ignore[no-untyped-def]
    station, admin = shop
    station.auth.add_operator(admin, "audrey", Role.AUDITOR, "Audrey-Password-1!")
    auditor = station.auth.login_password("audrey", "Audrey-Password-1!", station.auth.totp_now("audrey"))
    with pytest.raises(PermissionDenied):
        pick_list_for_orders(station, auditor, list(ORDERS))
    assert station.store.audit_rows.search(action="permission.denied", actor="audrey")


def test_pick_list_lines_without_a_bin_go_last_and_markup_is_literal() -> None:
    data = pick_list_pdf([PickLine("", "NOBIN", "Rope <b>50 m</b> & hooks", 1, "111-0000000-0000001"),
                          PickLine("Z-99", "Z", "Last bin", 1, "111-0000000-0000001"),
                          PickLine("A-01", "A", "First bin", 4, "111-0000000-0000002")])  # fmt: skip
    text = squash(" ".join(pdf_text(data)))
    assert text.index("First bin") < text.index("Last bin") < text.index("NOBIN")
    assert "Rope <b>50 m</b> & hooks" in text


def test_packing_slip_shows_ship_to_only_when_given() -> None:
    order = make_order(ORDERS[0])
    name, street, city, phone = pii(ORDERS[0])
    plain = squash(" ".join(pdf_text(packing_slip_pdf(order, seller_name="Acme Outdoor"))))
    for expected in ("Packing slip", "Acme Outdoor", ORDERS[0], "BOT-750", "Trail Bottle 750 ml", "3 items"):
        assert expected in plain, expected
    assert not any(value in plain for value in (name, street, city, phone)) and "Ship to" not in plain
    with_ship_to = squash(" ".join(pdf_text(packing_slip_pdf(order, ship_to_name=name, ship_to_city=city))))
    assert f"{name} {city}" in with_ship_to  # each on its own line
    assert street not in with_ship_to and phone not in with_ship_to


def test_manifest_per_carrier_from_the_shipping_service_has_no_pii(shop) -> None:  # type: ignore[no-untyped-def]
    station, session = shop
    for n, (order_id, carrier, tracking) in enumerate(((ORDERS[0], "UPS", "1Z999AA10123456784"),
                                                       (ORDERS[1], "USPS", "9400111899223197428490"))):  # fmt: skip
        package_id = station.store.packages.create(
            order_id, 1, [(f"{order_id}-1", 2)], weight_lb=1.25 + n, dims_in=(10, 8, 4), idempotency_key=tracking,
            status="open", now="2026-03-10T18:00:00.000000Z", by="pat")  # fmt: skip
        station.store.packages.set_label(package_id, carrier=carrier, service=f"{carrier} Ground", tracking=tracking,
                                         shipment_id="s", label_format="ZPL", label_document=b"^XA^XZ", cost=5.0,
                                         currency="USD")  # fmt: skip
    by_carrier = station.shipping.manifest(session, "2026-03-10T00:00:00Z", "2026-03-11T00:00:00Z")
    data = manifest_pdf(by_carrier, day="2026-03-10", station_name="Station 2")
    pages = [squash(p) for p in pdf_text(data)]
    assert len(pages) == 2  # one carrier per page
    assert "UPS — manifest 2026-03-10" in pages[0] and "1Z999AA10123456784" in pages[0] and ORDERS[0] in pages[0]
    assert "UPS Ground" in pages[0] and "1.25" in pages[0] and "Signature" in pages[0]
    assert "USPS — manifest 2026-03-10" in pages[1] and "9400111899223197428490" in pages[1]
    for order_id in ORDERS:
        assert not any(value in " ".join(pages) for value in pii(order_id))


def test_demo_barcode_sheet_has_every_section() -> None:
    data = demo_barcode_sheet_pdf(badges=[("pat (packer)", "$PS-BADGE-PAT")], order_ids=[ORDERS[0]],
                                  products=[("Trail Bottle", "012345678905"), ("Carabiner", "X00ABCD123")])
    text = squash(" ".join(pdf_text(data)))
    for expected in ("Operator badges", "pat (packer)", "Demo orders", ORDERS[0], "Products", "Trail Bottle",
                     "X00ABCD123", "Commands", "Next order", command_code("next_order")):  # fmt: skip
        assert expected in text, expected
    assert "$PS-BADGE-PAT" not in text  # badge codes are printed as bars only


def test_reports_are_deterministic() -> None:
    order = make_order(ORDERS[0])
    assert packing_slip_pdf(order) == packing_slip_pdf(order)

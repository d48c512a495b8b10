"""Issue 10 item 2: buyer data erased by retention stays erased when upstream sends the order again.

The order is synced from the simulator through the hub, shipped, purged; then upstream changes its address
(a fresh update the hub pulls and the station's sync applies) and the very same order is written again
straight through the store.
The recipient stays gone, and the planted address is in no decrypted page of the file or the WAL.
"""

from __future__ import annotations

from pathlib import Path

from station.domain import OrderStatus
from station.home import DB_FILE, STORE_KEY
from sync import mapping
from tests.station.support import decrypted_file_pages, decrypted_wal_frames, plain_export
from tests.workflow.conftest import Bench

BEFORE = {"name": "Ottoline Brackenridge-Saye", "addressLine1": "7130 Quillfeather Row"}
AFTER = {"name": "Perpetua Halloran-Vesk", "addressLine1": "2289 Juniperhollow Lane", "addressLine2": "Apt Ruskwater"}
PII = [*BEFORE.values(), *AFTER.values()]


def _all_bytes(bench: Bench, tmp_path: Path) -> dict[str, bytes]:
    key = bench.station.secrets.get(STORE_KEY)
    assert key is not None
    db = bench.station.home / DB_FILE
    wal = db.with_name(DB_FILE + "-wal")
    return {
        "decrypted pages": decrypted_file_pages(db, key),
        "decrypted wal": decrypted_wal_frames(wal, key),
        "plain export": plain_export(bench.station, tmp_path / f"export-{len(list(tmp_path.iterdir()))}.db"),
    }


def _found(bench: Bench, tmp_path: Path, values: list[str]) -> list[str]:
    places = _all_bytes(bench, tmp_path)
    return [f"{where}: {v}" for where, data in places.items() for v in values if v.encode() in data]


def _purged_order(bench: Bench) -> str:
    """A synced order with a planted address, shipped, then erased by the purge 31 days later."""
    order_id = bench.open_orders()[0]
    bench.sim.change_address(order_id, BEFORE)
    bench.clock.advance(600)
    bench.sync()
    bench.station.pack.open_order(bench.packer, order_id)  # claimed: the hub sends this station the buyer
    recipient = bench.station.store.orders.recipient(order_id)
    assert recipient is not None and recipient.name == BEFORE["name"]
    bench.station.store.orders.set_status(order_id, OrderStatus.SHIPPED, now=bench.clock.now().isoformat())
    bench.clock.advance(31 * 86400)
    assert bench.station.retention.purge(bench.admin).orders >= 1
    assert bench.station.store.orders.recipient(order_id) is None
    return order_id


def test_an_upstream_update_after_the_purge_does_not_bring_the_buyer_back(bench: Bench, tmp_path: Path) -> None:
    order_id = _purged_order(bench)
    assert _found(bench, tmp_path, list(BEFORE.values())) == []
    bench.sim.change_address(order_id, AFTER)  # upstream sends the order again, with a new address
    bench.clock.advance(600)
    bench.hub.pull()
    report = bench.engine.run_once()
    assert report.changes >= 1  # the update did reach the station
    assert bench.station.store.orders.recipient(order_id) is None
    assert bench.station.store.orders.get(order_id) is not None  # the order's history stays
    assert bench.station.retention.purge(bench.admin).orders == 0  # nothing left over for a later purge
    assert _found(bench, tmp_path, PII) == []


def test_the_store_refuses_erased_buyer_data_from_any_writer(bench: Bench, tmp_path: Path) -> None:
    order_id = _purged_order(bench)
    seller_id = bench.station.store.orders.get(order_id).seller_id  # type: ignore[union-attr]
    again = mapping.order_from_payload(seller_id, bench.sim.order_payload(order_id))
    assert again.recipient is not None and again.recipient.name == BEFORE["name"]  # upstream still has it
    bench.station.store.orders.upsert(again, now=bench.clock.now().isoformat())
    bench.station.store.orders.upsert_many([again], now=bench.clock.now().isoformat())
    bench.station.store.db.execute(  # a writer that bypasses Orders altogether
        "INSERT INTO recipients (order_id, name, address_line1) VALUES (?, ?, ?)",
        (order_id, AFTER["name"], AFTER["addressLine1"]),
    )
    assert bench.station.store.orders.recipient(order_id) is None
    assert _found(bench, tmp_path, PII) == []
    # A label document prints the address: it is not kept for an erased order either.
    packages = bench.station.store.packages
    pid = packages.create(order_id, 1, [], weight_lb=1, dims_in=(1, 1, 1), idempotency_key="late-label",
                          status="open", now="t", by="bob")  # fmt: skip
    label = f"^XA^FD{AFTER['name']}^FS^XZ".encode()
    packages.set_label(pid, carrier="UPS", service="Ground", tracking="1ZLATE", shipment_id="s", label_format="ZPL",
                       label_document=label, cost=1, currency="USD")  # fmt: skip
    assert packages.label_document(pid) is None
    assert _found(bench, tmp_path, PII) == []

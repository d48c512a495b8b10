"""Point 4: schema and repositories — sellers, products + alias barcodes, orders, items, recipients,
packages, pack events, outbox, sync cursors, operators, audit rows, settings."""

from __future__ import annotations

import secrets
from pathlib import Path

import pytest
import sqlcipher3

from station.domain import Barcode, OrderStatus, Product
from station.store import Store
from station.store.db import Database
from tests.station.support import MARKETPLACE, SELLER_ID, Seller, make_order, pii_values


@pytest.fixture
def store(tmp_path: Path) -> Store:
    made = Store(Database(tmp_path / "s.db", secrets.token_bytes(32), create=True))
    made.sellers.add(Seller(SELLER_ID, "Seller", "na", (MARKETPLACE,)), now="2026-03-10T00:00:00Z")
    yield made
    made.close()


def test_tables_of_the_schema(store: Store) -> None:
    tables = {r[0] for r in store.db.query("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {
        "sellers", "products", "barcodes", "orders", "order_items", "recipients", "packages", "package_items",
        "pack_events", "outbox", "sync_cursors", "operators", "audit_events", "settings",
    } <= tables  # fmt: skip
    recipient_columns = {r[1] for r in store.db.query("PRAGMA table_info(recipients)")}
    order_columns = {r[1] for r in store.db.query("PRAGMA table_info(orders)")}
    assert {"name", "address_line1", "phone"} <= recipient_columns
    assert not {"name", "address_line1", "phone", "buyer_name"} & order_columns  # PII only in its own table


def test_products_and_alias_barcodes_with_multiplier(store: Store) -> None:
    store.products.upsert(Product(SELLER_ID, "SKU-1", asin="B000000001", fnsku="X000000001", title="Widget"))
    store.products.add_barcodes([
        Barcode(SELLER_ID, "012345678905", "SKU-1"),
        Barcode(SELLER_ID, "10012345678902", "SKU-1", multiplier=12, kind="case"),
    ])  # fmt: skip
    case = store.products.resolve("10012345678902")
    assert [(m.sku, m.multiplier, m.kind) for m in case] == [("SKU-1", 12, "case")]
    assert [m.kind for m in store.products.resolve("X000000001")] == ["fnsku"]
    assert [m.kind for m in store.products.resolve("B000000001", SELLER_ID)] == ["asin"]
    assert store.products.resolve("999") == []
    with pytest.raises(sqlcipher3.IntegrityError):
        store.products.add_barcodes([Barcode(SELLER_ID, "1", "SKU-1", multiplier=0)])
    with pytest.raises(sqlcipher3.IntegrityError):
        store.products.add_barcodes([Barcode(SELLER_ID, "2", "NO-SUCH-SKU")])


def test_orders_items_and_recipient_round_trip(store: Store) -> None:
    order = make_order("111-0000001-0000001", items=3)
    assert store.orders.upsert(order, now="2026-03-10T00:00:00Z") is True
    assert store.orders.upsert(order, now="2026-03-10T00:00:01Z") is False
    got = store.orders.get(order.order_id)
    assert got is not None and got.recipient is None  # PII only when asked for
    assert got.items == order.items and got.programs == ("PRIME",)
    full = store.orders.get(order.order_id, with_recipient=True)
    assert full is not None and full.recipient == order.recipient
    assert pii_values(order.order_id)[0] not in repr(full)
    store.orders.set_status(order.order_id, OrderStatus.SHIPPED, now="2026-03-11T00:00:00Z")
    assert store.orders.status(order.order_id) == "shipped"
    assert store.orders.counts_by_status() == {"shipped": 1}


def test_queue_search_and_holds(store: Store) -> None:
    for n in range(3):
        store.orders.upsert(make_order(f"111-0000001-000000{n}"), now="t")
    queue = store.orders.queue()
    assert [r.order_id for r in queue] == sorted(r.order_id for r in queue)
    assert [r.order_id for r in store.orders.queue(search="SKU-1")] and store.orders.queue(search="nothing") == []
    assert store.orders.hold("111-0000001-0000000", "pat", now="t") == "pat"
    assert store.orders.hold("111-0000001-0000000", "sam", now="t") == "pat"


def test_packages_pack_events_and_cascade(store: Store) -> None:
    order = make_order("111-0000002-0000001")
    store.orders.upsert(order, now="t")
    pid = store.packages.create(order.order_id, 1, [(order.items[0].order_item_id, 1)], weight_lb=1.5,
                                dims_in=(10, 8, 4), idempotency_key="k1", status="open", now="t", by="pat")  # fmt: skip
    store.packages.set_label(pid, carrier="UPS", service="Ground", tracking="1Z999", shipment_id="s1",
                             label_format="ZPL", label_document=b"^XA^XZ", cost=7.5, currency="USD")  # fmt: skip
    assert store.packages.label_document(pid) == b"^XA^XZ"
    assert store.packages.get(pid).items == ((order.items[0].order_item_id, 1),)  # type: ignore[union-attr]
    store.pack_events.record(order.order_id, "pat", "012345678905", "ok", at="t")
    assert store.pack_events.count() == 1
    counts = store.sellers.delete(SELLER_ID)
    assert counts["orders"] == 1 and counts["packages"] == 1 and counts["recipients"] == 1
    for table in ("orders", "order_items", "recipients", "packages", "package_items", "pack_events"):
        assert store.db.query_one(f"SELECT count(*) FROM {table}")[0] == 0, table


def test_outbox_is_idempotent_and_cursors_upsert(store: Store) -> None:
    first = store.outbox.enqueue("confirm_shipment", SELLER_ID, "o1", "key-1", {"a": 1}, now="t1")
    again = store.outbox.enqueue("confirm_shipment", SELLER_ID, "o1", "key-1", {"a": 2}, now="t2")
    assert first == again and store.outbox.depth() == 1
    assert [e.payload for e in store.outbox.due("t9")] == [{"a": 1}]
    store.outbox.mark_retry(first, error="503", next_attempt_at="t5")
    assert store.outbox.due("t4") == [] and len(store.outbox.due("t5")) == 1
    store.outbox.mark_delivered(first, now="t6")
    assert store.outbox.depth() == 0
    store.cursors.set(SELLER_ID, "orders.lastUpdatedAfter", "2026-03-01", now="t")
    store.cursors.set(SELLER_ID, "orders.lastUpdatedAfter", "2026-03-02", now="t")
    assert store.cursors.get(SELLER_ID, "orders.lastUpdatedAfter") == "2026-03-02"


def test_operators_and_settings(store: Store) -> None:
    oid = store.operators.add("pat", "packer", "$argon2id$x", "digest", now="t", by="alice")
    with pytest.raises(sqlcipher3.IntegrityError):
        store.operators.add("pat", "packer", "h", None, now="t", by="alice")
    with pytest.raises(sqlcipher3.IntegrityError):
        store.operators.add("root", "superuser", "h", None, now="t", by="alice")
    assert store.operators.use_totp_step(oid, 10) and not store.operators.use_totp_step(oid, 10)
    assert not store.operators.use_totp_step(oid, 9)
    assert store.settings.get("retention_days") == 30
    store.settings.set("retention_days", 7, now="t", by="alice")
    assert store.settings.get("retention_days") == 7
    with pytest.raises(KeyError):
        store.settings.set("no_such_setting", 1, now="t", by="alice")


def test_sql_uses_bound_parameters_for_hostile_text(store: Store) -> None:
    import json

    hostile = json.loads(Path("/work/shared/fixtures/blns.json").read_text())[:200]
    for n, text in enumerate(hostile):
        store.products.upsert(Product(SELLER_ID, f"S{n}", title=text))
    assert [p.title for p in store.products.for_seller(SELLER_ID)] == [
        p for _, p in sorted((f"S{n}", t) for n, t in enumerate(hostile))
    ]


def test_barcode_resolution_uses_indexes_and_never_matches_empty(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    store.products.upsert(Product(SELLER_ID, "SKU-A"))  # no FNSKU, no ASIN
    store.products.upsert(Product(SELLER_ID, "SKU-B", asin="B0000000B", fnsku="X0000000B"))
    assert store.products.resolve("") == [] and store.products.resolve("", SELLER_ID) == []
    seen: list[tuple[str, tuple]] = []
    query = store.db.query
    monkeypatch.setattr(store.db, "query", lambda sql, params=(): seen.append((sql, params)) or query(sql, params))
    store.products.resolve("X0000000B", SELLER_ID)
    monkeypatch.undo()
    plan = [r[3] for r in store.db.query("EXPLAIN QUERY PLAN " + seen[0][0], seen[0][1])]
    assert not any(step.startswith("SCAN") for step in plan), plan
    assert any("products_fnsku" in step for step in plan) and any("products_asin" in step for step in plan)

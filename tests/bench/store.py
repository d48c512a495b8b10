"""Store benchmark: SQLCipher against plain SQLite, same schema, pragmas and workload, in one run.

    python -m tests.bench.store            # 100,000 orders / 300,000 items
    python -m tests.bench.store --smoke    # a tiny run for CI (a few seconds)

Prints figures, then as the LAST line one JSON object (units in the key names) with a
``targets`` object mapping each named target to true/false. Exits 0 even when a target is missed.
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import secrets
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from station.domain import Barcode, Order, OrderItem, OrderStatus, Product, Recipient, Seller
from station.store import Store
from station.store.db import Database

SELLERS = 10
BATCH = 100  # one searchOrders page
ITEMS_PER_ORDER = 3
START = datetime(2026, 3, 1, tzinfo=UTC)


def _iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def seller_id(s: int) -> str:
    return f"A{s:02d}BENCHSELLER0"


def order_id(n: int) -> str:
    return f"{111 + n % 7:03d}-{n:07d}-{(n * 7919) % 10_000_000:07d}"


def sku(s: int, p: int) -> str:
    return f"S{s:02d}-SKU-{p:05d}"


def upc(s: int, p: int) -> str:
    return f"{s:02d}{p:010d}"


def build_order(n: int, products_per_seller: int, rng: random.Random) -> Order:
    s = n % SELLERS
    items = tuple(
        OrderItem(f"{n:07d}{i}", sku(s, rng.randrange(products_per_seller)), f"B0{n:08d}", f"Bench item {i}", 1 + i)
        for i in range(ITEMS_PER_ORDER)
    )
    return Order(
        order_id=order_id(n), seller_id=seller_id(s), marketplace_id="ATVPDKIKX0DER", upstream_status="UNSHIPPED",
        purchase_date=_iso(START), last_updated=_iso(START), ship_by_latest=_iso(START + timedelta(days=2)),
        service_level="Standard", programs=("PRIME",) if n % 3 == 0 else (), items=items,
        recipient=Recipient(f"Buyer {n}", f"{n} Bench Street", city="Seattle", state_or_region="WA",
                            postal_code="98101", country_code="US", phone="2065550100"),
    )  # fmt: skip


def percentile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def timed(fn: Callable[[], Any]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def build(folder: Path, *, orders: int, products: int, seed: int) -> dict[str, tuple[Path, bytes | None, float]]:
    """Create both stores and ingest the same orders in searchOrders-sized batches, batch by batch in turn
    (alternating which goes first), so both see the same machine; returns name -> (path, key, ingest s)."""
    stores: dict[str, tuple[Path, bytes | None, Store]] = {}
    for name, plain in (("plain", True), ("cipher", False)):
        path = folder / f"{name}.db"
        key = None if plain else secrets.token_bytes(32)
        store = Store(Database(path, key, plain=plain, create=True))
        with store.transaction():
            for s in range(SELLERS):
                store.sellers.add(Seller(seller_id(s), f"Seller {s}", "na", ("ATVPDKIKX0DER",)), now=_iso(START))
                for p in range(products):
                    store.products.upsert(Product(seller_id(s), sku(s, p), title=f"Product {p}"))
                store.products.add_barcodes(Barcode(seller_id(s), upc(s, p), sku(s, p)) for p in range(products))
        stores[name] = (path, key, store)
    rng = random.Random(seed)
    batches = [
        [build_order(n, products, rng) for n in range(b, min(b + BATCH, orders))] for b in range(0, orders, BATCH)
    ]
    gc.collect()
    ingest = dict.fromkeys(stores, 0.0)
    for i, batch in enumerate(batches):
        for name in list(stores) if i % 2 == 0 else list(reversed(stores)):
            store = stores[name][2]
            ingest[name] += timed(lambda batch=batch, store=store: store.orders.upsert_many(batch, now=_iso(START)))
    for _path, _key, store in stores.values():
        store.close()
    return {name: (path, key, ingest[name]) for name, (path, key, _store) in stores.items()}


def lookup_order(store: Store, n: int) -> float:
    start = time.perf_counter()
    found = store.orders.get(order_id(n))
    elapsed = (time.perf_counter() - start) * 1000
    assert found is not None and len(found.items) == ITEMS_PER_ORDER
    return elapsed


def lookup_item(store: Store, n: int) -> float:
    """A scan at the pack station: the barcode resolved to SKUs, then matched to the order's lines."""
    wanted = store.orders.items(order_id(n))[n % ITEMS_PER_ORDER]
    s, p = n % SELLERS, int(wanted.sku.rsplit("-", 1)[1])
    start = time.perf_counter()
    matches = store.products.resolve(upc(s, p), seller_id(s))
    lines = store.orders.items_by_code(order_id(n), [m.sku for m in matches])
    elapsed = (time.perf_counter() - start) * 1000
    assert any(line.order_item_id == wanted.order_item_id for line in lines)
    return elapsed


def compare(built: dict[str, tuple[Path, bytes | None, float]], *, orders: int, lookups: int, seed: int
            ) -> dict[str, dict[str, float]]:  # fmt: skip
    """Open times, lookups and purge of both stores, interleaved lookup by lookup so that whatever else the
    machine does at that moment weighs on both alike (the same random orders, in the same order)."""
    figures: dict[str, dict[str, float]] = {name: {} for name in built}
    for name, (path, key, ingest_s) in built.items():
        opens = []
        for _ in range(5):
            start = time.perf_counter()
            db = Database(path, key, plain=key is None)
            db.query_one("SELECT count(*) FROM operators")
            opens.append(time.perf_counter() - start)
            db.close()
        figures[name].update(
            open_ms=statistics.median(opens) * 1000,
            ingest_orders_per_s=orders / ingest_s,
            ingest_items_per_s=orders * ITEMS_PER_ORDER / ingest_s,
        )
    stores = {name: Store(Database(path, key, plain=key is None)) for name, (path, key, _) in built.items()}
    rng = random.Random(seed + 2)
    sample = [rng.randrange(orders) for _ in range(lookups)]
    times: dict[str, dict[str, list[float]]] = {name: {"order": [], "item": []} for name in stores}
    for i, n in enumerate(sample):
        names = list(stores) if i % 2 == 0 else list(reversed(stores))  # neither always goes first
        for name in names:
            times[name]["order"].append(lookup_order(stores[name], n))
        for name in names:
            times[name]["item"].append(lookup_item(stores[name], n))
    closed = _iso(START - timedelta(days=40))
    for name, store in stores.items():
        with store.transaction():
            for n in range(0, orders, 3):
                store.orders.set_status(order_id(n), OrderStatus.SHIPPED, now=closed)
        purge_s = timed(lambda store=store: store.retention.erase(_iso(START - timedelta(days=30)), now=_iso(START)))
        store.close()
        figures[name].update(
            lookup_order_p50_ms=percentile(times[name]["order"], 50),
            lookup_order_p99_ms=percentile(times[name]["order"], 99),
            lookup_item_p50_ms=percentile(times[name]["item"], 50),
            lookup_item_p99_ms=percentile(times[name]["item"], 99),
            purge_s=purge_s,
            file_mb=built[name][0].stat().st_size / 1e6,
        )
    return figures


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.bench.store", description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="a tiny run (a few seconds) for CI")
    parser.add_argument("--orders", type=int, help="orders to ingest (default 100,000; smoke 2,000)")
    args = parser.parse_args(argv)
    orders = args.orders or (2_000 if args.smoke else 100_000)
    products = 200 if args.smoke else 1_000
    lookups = 300 if args.smoke else 5_000
    print(f"store benchmark: {orders:,} orders / {orders * ITEMS_PER_ORDER:,} items, {SELLERS} sellers x "
          f"{products:,} products, {lookups:,} lookups")  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="pps-bench-") as tmp:
        built = build(Path(tmp), orders=orders, products=products, seed=7)
        results = compare(built, orders=orders, lookups=lookups, seed=7)
    cipher, plain = results["cipher"], results["plain"]
    print(f"{'':24}{'sqlcipher':>12}{'plain':>12}{'ratio':>8}")
    for key in cipher:
        higher_is_better = key.endswith("_per_s")
        ratio = plain[key] / cipher[key] if higher_is_better else cipher[key] / plain[key] if plain[key] else 0.0
        print(f"{key:24}{cipher[key]:12.3f}{plain[key]:12.3f}{ratio:8.2f}")
    ratios = {
        "ratio_open": cipher["open_ms"] / plain["open_ms"],
        "ratio_lookup_order_p50": cipher["lookup_order_p50_ms"] / plain["lookup_order_p50_ms"],
        "ratio_lookup_order_p99": cipher["lookup_order_p99_ms"] / plain["lookup_order_p99_ms"],
        "ratio_lookup_item_p50": cipher["lookup_item_p50_ms"] / plain["lookup_item_p50_ms"],
        "ratio_lookup_item_p99": cipher["lookup_item_p99_ms"] / plain["lookup_item_p99_ms"],
        "ratio_ingest": plain["ingest_orders_per_s"] / cipher["ingest_orders_per_s"],
        "ratio_purge": cipher["purge_s"] / plain["purge_s"],
    }
    targets = {
        "lookup_order_p99_under_2ms": cipher["lookup_order_p99_ms"] < 2.0,
        "lookup_item_p99_under_2ms": cipher["lookup_item_p99_ms"] < 2.0,
        "lookups_within_1_5x_plain": max(ratios["ratio_lookup_order_p50"], ratios["ratio_lookup_item_p50"]) <= 1.5,
        "ingest_within_1_5x_plain": ratios["ratio_ingest"] <= 1.5,
    }
    for name, met in targets.items():
        print(f"target {name}: {'met' if met else 'MISSED'}")
    summary: dict[str, Any] = {"orders": orders, "items": orders * ITEMS_PER_ORDER, "smoke": args.smoke}
    summary.update({k: round(v, 4) for k, v in cipher.items()})
    summary.update({f"{k}_plain": round(v, 4) for k, v in plain.items()})
    summary.update({k: round(v, 3) for k, v in ratios.items()})
    summary["targets"] = targets
    sys.stdout.flush()
    print(json.dumps(summary, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())

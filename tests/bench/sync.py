"""Benchmark: ingest orders and deliver confirmations against the simulator within published rate limits.

Part 1 runs on a virtual clock shared by the simulator and our engine (hours of rate-limited traffic in
seconds). Part 2 runs in real time with every rate scaled by K, comparing our client with
python-amazon-sp-api used as its documentation suggests. The last line is one JSON object of figures.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

from station.clock import SystemClock, VirtualClock
from station.domain import OrderStatus, Seller
from station.events import EventBus
from station.ports import Clock
from station.services.outbox_entries import enqueue_confirmation
from station.store import Database, Store
from sync import credentials
from sync.engine import SyncEngine
from sync.marketplace import SpApiMarketplace
from sync.simulator import Simulator, start_simulator
from sync.spapi import DEFAULT_LIMITS, SpApiClient, SpApiConfig
from sync.spapi.orders import PAGE_SIZE
from sync.timefmt import iso_now

SELLERS = 3


def lower_bound(
    per_seller_orders: dict[str, int], per_seller_confirms: dict[str, int], scale: float = 1.0
) -> float:
    """max over (seller, operation) buckets of max(0, minimum calls - burst) / rate."""
    bounds = [0.0]
    for counts, operation in ((per_seller_orders, "searchOrders"), (per_seller_confirms, "confirmShipment")):
        rate, burst = DEFAULT_LIMITS[operation]
        for n in counts.values():
            calls = math.ceil(n / PAGE_SIZE) if operation == "searchOrders" else n
            bounds.append(max(0, calls - burst) / (rate * scale))
    return max(bounds)


def _station(
    sim: Simulator, clock: Clock, home: Path, *, margin_s: float = 0.0
) -> tuple[Store, SpApiClient, SyncEngine]:
    secrets = credentials.MemorySecretStore()
    credentials.set_app_credentials(secrets, sim.client_id, sim.client_secret, clock)
    store = Store(Database(home / "station.db", os.urandom(32), create=True))
    sellers = {}
    for info in sim.sellers():
        seller = Seller(
            info.seller_id,
            info.name,
            "na",
            (info.marketplace_id,),
            endpoint=sim.base_url,
            lwa_endpoint=sim.lwa_url,
        )
        sellers[info.seller_id] = seller
        credentials.set_seller_refresh_token(secrets, info.seller_id, info.refresh_token)
        store.sellers.add(seller, now=iso_now(clock))
    client = SpApiClient(
        clock, credentials.resolver(secrets, sellers.__getitem__), config=SpApiConfig(rate_margin_s=margin_s)
    )
    engine = SyncEngine(store, SpApiMarketplace(client), clock, EventBus(), ready_in=client.limiter.wait_time)
    return store, client, engine


def virtual_run(orders: int, confirmations: int, seed: int) -> dict[str, Any]:
    """Ingest ``orders`` new orders and deliver ``confirmations`` confirmations on a shared virtual clock."""
    clock = VirtualClock()
    sim = start_simulator(
        seed=seed,
        clock=clock,
        sellers=SELLERS,
        orders=orders,
        cancel_rate=0,
        address_change_rate=0,
        afn_rate=0,
    )
    with tempfile.TemporaryDirectory() as tmp:
        store, client, engine = _station(sim, clock, Path(tmp))
        wall = time.perf_counter()
        start = clock.monotonic()
        pulled = engine.pull()
        ingested = sum(s.new for s in pulled)
        unshipped = [r for r in store.orders.queue(statuses=[OrderStatus.UNSHIPPED.value], limit=orders)]
        chosen = sorted(unshipped, key=lambda r: r.order_id)[:confirmations]
        now = iso_now(clock)
        with store.db.transaction():
            for row in chosen:
                order = store.orders.get(row.order_id)
                assert order is not None
                store.orders.set_status(order.order_id, OrderStatus.SHIPPED, now=now)
                enqueue_confirmation(
                    store,
                    seller_id=order.seller_id,
                    order_id=order.order_id,
                    marketplace_id=order.marketplace_id,
                    carrier="UPS",
                    tracking="1Z" + order.order_id.replace("-", "")[-10:],
                    ship_date=now,
                    items=[(i.order_item_id, i.quantity) for i in order.items],
                    package_ref="1",
                    now=now,
                )
        pushed = engine.push()
        elapsed = clock.monotonic() - start
        wall_s = time.perf_counter() - wall
        per_seller_orders = Counter(sim.world.orders[o].seller_id for o in sim.order_ids())
        per_seller_confirms = Counter(r.seller_id for r in chosen)
        bound = lower_bound(per_seller_orders, per_seller_confirms)
        result = {
            "orders_ingested": ingested,
            "confirmations_delivered": pushed.delivered,
            "virtual_time_s": round(elapsed, 3),
            "wall_time_s": round(wall_s, 3),
            "calls": len([c for c in sim.calls if c.operation != "lwa"]),
            "http_429s": len([c for c in sim.calls if c.status == 429]),
            "lower_bound_s": round(bound, 3),
            "ratio_to_lower_bound": round(elapsed / bound, 4)
            if bound > 0
            else (1.0 if elapsed == 0 else math.inf),
            "confirmations_exactly_once": len(sim.confirmations) == pushed.delivered == len(chosen),
        }
        store.close()
        client.close()
    sim.stop()
    return result


def _sp_api_ingest(sim: Simulator) -> dict[str, Any]:
    """Ingest with python-amazon-sp-api as its documentation suggests (load_all_pages, throttle_retry)."""
    from sp_api.api import OrdersV20260101
    from sp_api.auth import AccessTokenClient
    from sp_api.base import Marketplaces, SellingApiException
    from sp_api.util import load_all_pages, throttle_retry

    host = sim.base_url.removeprefix("http://")

    class SimulatorTokenClient(AccessTokenClient):  # the library's LWA client, pointed at the simulator
        scheme = "http://"

    SimulatorTokenClient.host = host
    seen: set[str] = set()
    complete = True
    for info in sim.sellers():
        creds = {
            "refresh_token": info.refresh_token,
            "lwa_app_id": sim.client_id,
            "lwa_client_secret": sim.client_secret,
        }
        client = OrdersV20260101(
            Marketplaces.US,
            credentials=creds,
            refresh_token=info.refresh_token,
            auth_token_client_class=SimulatorTokenClient,
        )
        client.endpoint = sim.base_url

        @throttle_retry()
        @load_all_pages(next_token_param="paginationToken", use_rate_limit_header=True)
        def pages(**kwargs: Any) -> Any:
            return client.search_orders(**kwargs)  # noqa: B023 - called inside the loop

        try:
            for page in pages(
                lastUpdatedAfter="2020-01-01T00:00:00Z",
                fulfilledBy=["MERCHANT"],
                includedData=["RECIPIENT", "FULFILLMENT", "PACKAGES"],
                maxResultsPerPage=100,
            ):
                seen.update(o["orderId"] for o in page.payload.get("orders", []))
        except SellingApiException:
            complete = False
    return {"orders": len(seen), "complete": complete and seen == set(sim.order_ids())}


def scaled_run(orders: int, scale: float, seed: int) -> dict[str, Any]:
    """Real time, rates x ``scale``: our client versus python-amazon-sp-api, ingesting the same orders."""
    results: dict[str, Any] = {"rate_scale": scale}
    for who in ("ours", "python_amazon_sp_api"):
        sim = start_simulator(
            seed=seed,
            rate_scale=scale,
            sellers=SELLERS,
            orders=orders,
            cancel_rate=0,
            address_change_rate=0,
            afn_rate=0,
        )
        per_seller = Counter(sim.world.orders[o].seller_id for o in sim.order_ids())
        bound = lower_bound(per_seller, {}, scale)
        start = time.perf_counter()
        if who == "ours":
            with tempfile.TemporaryDirectory() as tmp:
                store, client, engine = _station(sim, SystemClock(), Path(tmp), margin_s=0.01)
                got = sum(s.new for s in engine.pull())
                stored = sum(store.orders.counts_by_status().values())
                outcome = {"orders": got, "complete": stored == len(sim.order_ids())}
                store.close()
                client.close()
        else:
            try:
                outcome = _sp_api_ingest(sim)
            except ImportError:
                outcome = {"orders": 0, "complete": False, "skipped": "python-amazon-sp-api not installed"}
        elapsed = time.perf_counter() - start
        results[who] = {
            **outcome,
            "time_s": round(elapsed, 3),
            "lower_bound_s": round(bound, 3),
            "time_over_bound_s": round(elapsed - bound, 3),
            "calls": len([c for c in sim.calls if c.operation != "lwa"]),
            "http_429s": len([c for c in sim.calls if c.status == 429]),
        }
        sim.stop()
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--smoke", action="store_true", help="a tiny run for CI (seconds)")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--rate-scale", type=float, default=0.0, help="scale for the real-time comparison")
    args = parser.parse_args(argv)
    orders, confirms = (150, 40) if args.smoke else (2000, 500)
    scale = args.rate_scale or (2000.0 if args.smoke else 200.0)
    virtual = virtual_run(orders, confirms, args.seed)
    print(
        f"virtual clock: {virtual['orders_ingested']} orders ingested, {virtual['confirmations_delivered']} "
        f"confirmations delivered in {virtual['virtual_time_s']} virtual s "
        f"({virtual['wall_time_s']} s wall); "
        f"{virtual['calls']} calls, {virtual['http_429s']} x 429; lower bound {virtual['lower_bound_s']} s, "
        f"ratio {virtual['ratio_to_lower_bound']}"
    )
    scaled = scaled_run(orders, scale, args.seed)
    for who in ("ours", "python_amazon_sp_api"):
        r = scaled[who]
        print(
            f"real time, rates x{scale:g}, {who}: {r['orders']} orders, complete={r['complete']}, "
            f"{r['calls']} calls, {r['http_429s']} x 429, {r['time_s']} s "
            f"({r['time_over_bound_s']} s over the {r['lower_bound_s']} s bound)"
        )
    figures = {
        "smoke": args.smoke,
        "orders": orders,
        "confirmations": confirms,
        **virtual,
        "scaled": scaled,
        "targets": {
            "ratio_le_1_05": virtual["ratio_to_lower_bound"] <= 1.05,
            "zero_429s": virtual["http_429s"] == 0,
            "all_ingested": virtual["orders_ingested"] == orders,
            "confirmations_exactly_once": bool(virtual["confirmations_exactly_once"]),
        },
    }
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())

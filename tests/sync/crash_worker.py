"""A syncing station process for the crash test: pull, ship, push, until nothing is left (then exit 0)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from station.clock import SystemClock
from station.domain import OrderStatus, Seller
from station.events import EventBus
from station.services.outbox_entries import enqueue_confirmation
from station.store import Database, Store
from sync import credentials
from sync.engine import SyncEngine
from sync.marketplace import SpApiMarketplace
from sync.spapi import SpApiClient, SpApiConfig
from sync.timefmt import iso_now


def main(config: dict[str, object]) -> int:
    clock = SystemClock()
    store = Store(Database(Path(str(config["db"])), bytes.fromhex(str(config["key"])), create=True))
    secrets = credentials.MemorySecretStore()
    credentials.set_app_credentials(secrets, str(config["client_id"]), str(config["client_secret"]), clock)
    sellers: dict[str, Seller] = {}
    for info in config["sellers"]:  # type: ignore[attr-defined]
        seller = Seller(
            info["seller_id"],
            info["name"],
            "na",
            (info["marketplace_id"],),
            endpoint=str(config["base_url"]),
            lwa_endpoint=str(config["lwa_url"]),
        )
        sellers[seller.selling_partner_id] = seller
        credentials.set_seller_refresh_token(secrets, seller.selling_partner_id, info["refresh_token"])
        if store.sellers.get(seller.selling_partner_id) is None:
            store.sellers.add(seller, now=iso_now(clock))
    client = SpApiClient(
        clock,
        credentials.resolver(secrets, sellers.__getitem__),
        config=SpApiConfig(backoff_base_s=0.01, backoff_cap_s=0.05, read_timeout_s=2),
    )
    engine = SyncEngine(store, SpApiMarketplace(client), clock, EventBus(), ready_in=client.limiter.wait_time)
    for _round in range(200):
        engine.pull()
        todo = store.orders.queue(statuses=[OrderStatus.UNSHIPPED.value], limit=4)
        for row in todo:
            order = store.orders.get(row.order_id)
            assert order is not None
            now = iso_now(clock)
            with store.db.transaction():
                store.orders.set_status(order.order_id, OrderStatus.SHIPPED, now=now)
                enqueue_confirmation(
                    store,
                    seller_id=order.seller_id,
                    order_id=order.order_id,
                    marketplace_id=order.marketplace_id,
                    carrier="UPS",
                    tracking="1Z" + order.order_id.replace("-", ""),
                    ship_date=now,
                    items=[(i.order_item_id, i.quantity) for i in order.items],
                    package_ref="1",
                    now=now,
                )
        # Retries are due at once in this test: make every pending entry due now.
        store.db.execute("UPDATE outbox SET next_attempt_at = '' WHERE status = 'pending'")
        engine.push()
        if not todo and store.outbox.depth() == 0:
            store.close()
            return 0
    return 1


if __name__ == "__main__":
    sys.exit(main(json.loads(sys.argv[1])))

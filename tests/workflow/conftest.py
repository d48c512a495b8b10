"""A station joined to an embedded hub (the hub wired to the simulator) on one virtual clock, with orders synced
and a catalogue. The station never talks to SP-API: the hub pulls, rates and buys (issue 13)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from station.app import Station
from station.clock import VirtualClock
from station.domain import Barcode, OrderStatus, Product, Role
from station.services.audit import SYSTEM_ACTOR
from station.services.auth import Session
from sync.simulator import Simulator, start_simulator
from tests.embedded_hub import EmbeddedHub, fast_hub_hashing, start_embedded_hub

PASSWORD = "Correct-Horse-9x"
WAREHOUSE = {
    "name": "Pacific Prep Warehouse",
    "address_line1": "4100 NW Yeon Ave",
    "city": "Portland",
    "state_or_region": "OR",
    "postal_code": "97210",
    "country_code": "US",
    "phone": "5035550100",
}


@dataclass
class Bench:
    station: Station
    sim: Simulator
    clock: VirtualClock
    engine: Any  # sync.hubsync.HubSyncEngine
    admin: Session
    lead: Session
    packer: Session
    other_packer: Session
    hub: EmbeddedHub
    wiring: Any = None

    def add_operator(self, name: str, role: Role, secret: str, *, badge: str | None = None) -> None:
        """An operator at the hub, where a joined station's operators come from (packers' verifiers synced)."""
        self.hub.add_operator(name, role, secret, badge=badge)
        self.engine.verifiers.sync()

    def sync(self) -> None:
        """The hub pulls from the simulator, then the station pulls the hub's changes."""
        self.hub.pull()
        self.engine.run_once()

    def login(self, name: str) -> Session:
        self.clock.advance(30)  # a fresh TOTP step: codes are accepted once
        return self.station.auth.login_password(name, PASSWORD, self.hub.totp_now(name))

    def open_orders(self) -> list[str]:
        return [r.order_id for r in self.station.store.orders.queue(statuses=("unshipped",), limit=1000)]

    def upc_of(self, seller_id: str, sku: str) -> str:
        return self.station.store.products.codes_for(seller_id, sku)[0]


def upc_for(index: int) -> str:
    """A valid UPC-A for a running number."""
    body = f"0{index:010d}"
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(body))
    return body + str((10 - total % 10) % 10)


def seed_catalogue(station: Station) -> None:
    """One product per SKU seen in the synced orders: UPC, FNSKU, bin, weight; a case pack of 2."""
    skus = sorted({(o.seller_id, i.sku) for o in _orders(station) for i in o.items})
    for n, (seller_id, sku) in enumerate(skus, start=1):
        station.store.products.upsert(
            Product(seller_id, sku, fnsku=f"X00{n:07d}", title=f"Product {sku}", weight_lb=0.5, bin=f"A-{n % 40:02d}")
        )
        station.store.products.add_barcodes(
            [Barcode(seller_id, upc_for(n), sku), Barcode(seller_id, "1" + upc_for(n)[:-1] + "9", sku, 2, "case")]
        )


def _orders(station: Station):  # type: ignore[no-untyped-def]
    rows = station.store.orders.queue(statuses=[s.value for s in OrderStatus], limit=10_000)
    return [station.store.orders.get(r.order_id) for r in rows]


@pytest.fixture
def bench(tmp_path: Path, fast_argon2: None, monkeypatch: pytest.MonkeyPatch) -> Iterator[Bench]:
    fast_hub_hashing(monkeypatch)
    clock = VirtualClock()
    sim = start_simulator(seed=11, clock=clock, sellers=2, orders=40, cancel_rate=0.0, address_change_rate=0.0)
    hub = start_embedded_hub(tmp_path, sim, clock)
    init = Station.init(tmp_path / "home", "passphrase", "boss", PASSWORD, clock=clock)
    station = init.station
    wiring = None
    try:
        station.store.settings.set("shift_start", "00:00", now="", by=SYSTEM_ACTOR)
        station.store.settings.set("shift_end", "23:59", now="", by=SYSTEM_ACTOR)
        station.store.settings.set("ship_from", WAREHOUSE, now="", by=SYSTEM_ACTOR)
        setup = station.auth.login_password("boss", PASSWORD, station.auth.totp_now("boss"))
        for name, role, secret, badge in (("boss", Role.ADMIN, PASSWORD, None), ("lead1", Role.LEAD, PASSWORD, None),
                                          ("bob", Role.PACKER, "2468", "$PS-BADGE-0001"),
                                          ("amy", Role.PACKER, "1357", "$PS-BADGE-0002")):  # fmt: skip
            hub.add_operator(name, role, secret, badge=badge)  # operators come from the hub once joined
        hub.enrol(station, setup, "bench")
        from ui.wiring import wire

        wiring = wire(station)  # joined: the hub's engine, labels through the hub's ledger
        hub.pull()
        wiring.engine.run_once()
        seed_catalogue(station)
        clock.advance(30)
        admin = station.auth.login_password("boss", PASSWORD, hub.totp_now("boss"))
        clock.advance(30)
        lead = station.auth.login_password("lead1", PASSWORD, hub.totp_now("lead1"))
        packer = station.auth.login_badge("$PS-BADGE-0001", "2468")
        other = station.auth.login_badge("$PS-BADGE-0002", "1357")
        yield Bench(station, sim, clock, wiring.engine, admin, lead, packer, other, hub, wiring)
    finally:
        if wiring is not None:
            wiring.close()
        station.close()
        hub.close()
        sim.stop()

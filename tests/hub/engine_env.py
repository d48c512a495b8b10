"""A hub wired to the SP-API simulator: sellers authorised, orders with their ship-to, a lead and a packer."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from hub.bootstrap import Hub, build_hub
from hub.engine.confirmations import Shipped
from hub.engine.ledger import BoxLabel
from hub.services.people import HUB_SYSTEM, Actor
from hub.services.sellers import SECRET_CONTEXT, TOKEN_CONTEXT
from hub.settings import HubSettings
from hub.store.migrate import upgrade
from station.clock import iso
from station.domain import Order, Role
from station.ports import Clock
from sync import mapping
from sync.label_spec import Printer
from sync.simulator import Simulator

SHIP_FROM = {"name": "Pacific Prep", "address_line1": "1 Dock St", "city": "Tacoma", "state_or_region": "WA",
             "postal_code": "98402", "country_code": "US", "phone": "2065550100"}  # fmt: skip
PACKER = Actor("pat", Role.PACKER, station="st1")
LEAD = Actor("lee", Role.LEAD, station="st1")


def hub_settings(tmp_path: Path, db_url: str, sim: Simulator, name: str = "hub") -> HubSettings:
    return HubSettings(
        data_dir=tmp_path / name,
        database_url=db_url,
        master_key_file=tmp_path / "keys" / "master.json",
        application_id="amzn1.sp.solution.test",
        consent_base_url="http://127.0.0.1:9/",
        public_url="https://hub.example.test",
        spapi_endpoint=sim.base_url,
        lwa_url=sim.lwa_url,
    )


def start_hub(settings: HubSettings, clock: Clock, *, create: bool) -> Hub:
    hub = build_hub(settings, clock=clock, create=create)
    if create:
        upgrade(hub.store.engine)
        hub.audit.start_sealing(hub.recovery_key)
    return hub


def second_hub(settings: HubSettings, clock: Clock, tmp_path: Path) -> Hub:
    """Another hub process on the same database and keys (its own lease owner)."""
    return build_hub(replace(settings, data_dir=settings.data_dir), clock=clock)


def authorise_sellers(hub: Hub, sim: Simulator) -> dict[str, int]:
    """Every simulator seller as a verified hub seller; returns selling partner id -> hub seller id."""
    now = iso(hub.clock.now())
    hub.store.sellers.set_app_credentials(sim.client_id, hub.sealer.seal(sim.client_secret, SECRET_CONTEXT), now)
    ids = {}
    for info in sim.sellers():
        seller_id = hub.store.sellers.add(info.name, now)
        hub.store.sellers.update(seller_id, state="verified", selling_partner_id=info.seller_id,
                                 refresh_token_sealed=hub.sealer.seal(info.refresh_token, TOKEN_CONTEXT),
                                 marketplaces=info.marketplace_id)  # fmt: skip
        ids[info.seller_id] = seller_id
    return ids


def load_order(hub: Hub, sim: Simulator, seller_id: int, order_id: str) -> Order:
    """Store one simulator order at the hub (ship-to sealed) as the order pull would."""
    info = next(s for s in sim.sellers() if any(o == order_id for o in sim.order_ids(s.seller_id)))
    order = mapping.order_from_payload(info.seller_id, sim.order_payload(order_id))
    r = order.recipient
    assert r is not None
    address = {k: getattr(r, k) for k in ("address_line1", "address_line2", "city", "state_or_region",
                                          "postal_code", "country_code") if getattr(r, k)}  # fmt: skip
    hub.orders.store_order(seller_id, order_id, status="Unshipped", marketplace_id=order.marketplace_id,
                           buyer={"name": r.name, "address": json.dumps(address), "phone": r.phone})  # fmt: skip
    return order


def box_for(order: Order, seller_id: int, box_ref: str = "1", *, printer: Printer | None = None,
            **kw: object) -> BoxLabel:  # fmt: skip
    items = tuple((i.order_item_id, i.quantity) for i in order.items)
    values: dict[str, object] = dict(
        seller_id=seller_id, amazon_order_id=order.order_id, marketplace_id=order.marketplace_id, box_ref=box_ref,
        items=items, weight_lb=2.0, length_in=10.0, width_in=8.0, height_in=4.0, ship_from=SHIP_FROM,
        printer=printer or Printer("zpl", 203),
    )  # fmt: skip
    values.update(kw)
    return BoxLabel(**values)  # type: ignore[arg-type]


def shipped_for(order: Order, seller_id: int, box_ref: str = "1", *, tracking: str = "1Z999AA10123456784",
                carrier: str = "UPS", service: str = "Ground", package_ref: str = "1") -> Shipped:  # fmt: skip
    return Shipped(seller_id, order.order_id, order.marketplace_id, box_ref, package_ref, carrier, service, tracking,
                   iso(order_time(order)), tuple((i.order_item_id, i.quantity) for i in order.items))  # fmt: skip


def order_time(order: Order):  # type: ignore[no-untyped-def]
    from datetime import datetime

    return datetime.fromisoformat(order.purchase_date.replace("Z", "+00:00"))


def add_people(hub: Hub) -> None:
    hub.people.add(HUB_SYSTEM, "pat", Role.PACKER, "482913")
    hub.people.add(HUB_SYSTEM, "lee", Role.LEAD, "Admin-Passw0rd!")

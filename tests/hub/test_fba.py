"""FBA prep through the hub (issue 13): the station's FbaInbound port over /v1/fba, run by the hub's SP-API
client against the simulator; the seller's refresh token never leaves the hub; permissions as at the station."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pyotp
import pytest

from hub import __version__
from hub.bootstrap import Hub
from hub.services.people import HUB_SYSTEM, Actor
from hub.services.sellers import TOKEN_CONTEXT
from station.clock import VirtualClock, iso
from station.domain import Role
from station.services.inbound_types import InboundBox, InboundItem
from sync.hubclient import HubClient, HubFbaInbound, HubNotFound, HubPermissionDenied
from sync.simulator import Simulator, start_simulator
from tests.hub.conftest import ADMIN_PASSWORD, PIN
from tests.hub.live import serving
from tests.prep.support import WAREHOUSE

MARKET = "ATVPDKIKX0DER"


@pytest.fixture
def sim(clock: VirtualClock) -> Iterator[Simulator]:
    running = start_simulator(seed=3, clock=clock, orders=2)
    yield running
    running.stop()


def _seller(hub: Hub, admin: Actor, sim: Simulator) -> str:
    hub.settings.spapi_endpoint, hub.settings.lwa_url = sim.base_url, sim.lwa_url
    hub.sellers.set_app_credentials(admin, sim.client_id, sim.client_secret)
    info = sim.sellers()[0]
    seller = hub.store.sellers.add("acme", "2026-01-01T00:00:00.000000Z")
    hub.store.sellers.update(seller, selling_partner_id=info.seller_id, state="verified",
                             refresh_token_sealed=hub.sealer.seal(info.refresh_token, TOKEN_CONTEXT))  # fmt: skip
    return info.seller_id


def _client(hub: Hub, admin: Actor, url: str, name: str, role: Role) -> HubClient:
    client = HubClient(url, version=__version__)
    client.enrol(hub.stations.create_code(admin, name))
    if role == Role.PACKER:
        hub.people.add(HUB_SYSTEM, f"op-{name}", role, PIN, badge=f"B-{name}")
        client.login_badge(f"B-{name}", PIN)
    else:
        uri = hub.people.add(HUB_SYSTEM, f"op-{name}", role, ADMIN_PASSWORD)
        client.login_password(f"op-{name}", ADMIN_PASSWORD, pyotp.parse_uri(uri).at(hub.clock.now().timestamp()))
    return client


def test_an_inbound_plan_through_the_hub(hub: Hub, admin: Actor, sim: Simulator) -> None:
    seller = _seller(hub, admin, sim)
    with serving(hub) as url:
        lead = HubFbaInbound(_client(hub, admin, url, "prep-1", Role.LEAD))
        packer = HubFbaInbound(_client(hub, admin, url, "prep-2", Role.PACKER))
        items = [InboundItem("BOTTLE-750", 24), InboundItem("MUG-SET", 4)]
        with pytest.raises(HubPermissionDenied):
            packer.create_plan(seller, MARKET, "plan", WAREHOUSE, items)
        plan = lead.create_plan(seller, MARKET, "Week 45", WAREHOUSE, items)
        assert plan.startswith("wf")
        _option, groups = lead.confirm_packing(seller, plan)
        boxes = [InboundBox((InboundItem("BOTTLE-750", 24),), 14.0, 16, 12, 10),
                 InboundBox((InboundItem("MUG-SET", 4),), 6.0, 12, 10, 8)]  # fmt: skip
        lead.set_packing(seller, plan, groups[0], boxes)
        placement, shipments = lead.confirm_placement(seller, plan)
        ready = iso(hub.clock.now() + timedelta(days=1))
        lead.confirm_transport(seller, plan, placement, shipments, ready)
        info = lead.shipment(seller, plan, shipments[0])
        assert info.shipment_id == shipments[0] and info.box_ids and info.confirmation_id
        pdf = packer.box_labels(seller, info.confirmation_id, list(info.box_ids))
        assert pdf.startswith(b"%PDF")
        assert [d.sku for d in packer.prep_details(seller, MARKET, ["BOTTLE-750"])] == ["BOTTLE-750"]
        assert isinstance(lead.inventory(seller, MARKET, ["BOTTLE-750"]), list)
        with pytest.raises(HubNotFound):
            lead.inventory("A-NOT-A-SELLER", MARKET)
    assert sim.calls_for("createInboundPlan") and hub.audit.rows.count(action="fba.create_plan") == 1


def test_fba_calls_draw_on_the_shared_rate_buckets(hub: Hub, admin: Actor, sim: Simulator) -> None:
    seller = _seller(hub, admin, sim)
    with serving(hub) as url:
        HubFbaInbound(_client(hub, admin, url, "prep-1", Role.LEAD)).prep_details(seller, MARKET, ["BOTTLE-750"])
    with hub.store.engine.connect() as conn:
        buckets = {r[0] for r in conn.exec_driver_sql("SELECT operation FROM rate_buckets WHERE seller = ?"
                   if hub.store.engine.dialect.name == "sqlite" else
                   "SELECT operation FROM rate_buckets WHERE seller = %s", (seller,))}  # fmt: skip
    assert "listPrepDetails" in buckets  # the store's bucket, shared by every hub process

"""/v1 labels and confirmations over HTTP: a station's packer buys a box's label, a lead settles and voids."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyotp
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from hub.api.app import create_app
from hub.services.people import HUB_SYSTEM, Actor
from hub.store.tables import requests_seen
from station.clock import VirtualClock
from station.domain import Role
from sync.simulator import Simulator, start_simulator
from tests.hub.client import StationClient
from tests.hub.conftest import ADMIN_PASSWORD, PIN
from tests.hub.engine_env import SHIP_FROM, authorise_sellers, hub_settings, load_order, start_hub

pytestmark = pytest.mark.usefixtures("fast_hashes")


@pytest.fixture
def rig(tmp_path: Path, db_url: str) -> Iterator[dict[str, Any]]:
    clock = VirtualClock()
    sim: Simulator = start_simulator(seed=5, clock=clock, orders=10, sellers=1, cancel_rate=0.0,
                                     address_change_rate=0.0)  # fmt: skip
    hub = start_hub(hub_settings(tmp_path, db_url, sim), clock, create=True)
    seller_id = next(iter(authorise_sellers(hub, sim).values()))
    order = load_order(hub, sim, seller_id, sim.order_ids(sim.sellers()[0].seller_id)[0])
    hub.people.add(HUB_SYSTEM, "ada", Role.ADMIN, ADMIN_PASSWORD)
    client = TestClient(create_app(hub))
    station = StationClient(client)
    station.enrol(hub.stations.create_code(Actor("ada", Role.ADMIN), "pack-1"))
    yield {"hub": hub, "sim": sim, "order": order, "seller_id": seller_id, "station": station, "client": client}
    hub.close()
    sim.stop()


def _login(rig: dict[str, Any], role: Role) -> StationClient:
    hub, station = rig["hub"], StationClient(rig["client"], rig["station"].secret)
    if role == Role.PACKER:
        hub.people.add(HUB_SYSTEM, "pat", role, PIN, badge="B-pat")
        assert station.login(badge="B-pat", pin=PIN).status_code == 200
        assert station.post(f"/v1/claims/{_order_id(rig)}").status_code == 200  # the packer opens the order
    else:
        uri = hub.people.add(HUB_SYSTEM, "lee", role, ADMIN_PASSWORD)
        totp = pyotp.parse_uri(uri).at(hub.clock.now().timestamp())
        assert station.login(name="lee", password=ADMIN_PASSWORD, totp=totp).status_code == 200
    return station


def _order_id(rig: dict[str, Any]) -> int:
    found = rig["hub"].claims.store.order_id_for(rig["seller_id"], rig["order"].order_id)
    assert found is not None
    return int(found)


def _box(rig: dict[str, Any], **kw: Any) -> dict[str, Any]:
    order = rig["order"]
    body = {"seller_id": rig["seller_id"], "amazon_order_id": order.order_id, "marketplace_id": order.marketplace_id,
            "box_ref": "1", "items": [{"order_item_id": i.order_item_id, "quantity": i.quantity} for i in order.items],
            "weight_lb": 2.5, "length_in": 10, "width_in": 8, "height_in": 4, "ship_from": SHIP_FROM,
            "printer": {"language": "zpl", "dpi": 300}}  # fmt: skip
    body.update(kw)
    return body


def test_a_packer_buys_a_label_and_a_repeat_returns_the_same_one(rig: dict[str, Any]) -> None:
    packer = _login(rig, Role.PACKER)
    first = packer.post("/v1/labels", json=_box(rig))
    assert first.status_code == 200, first.text
    label = first.json()
    assert label["state"] == "bought" and label["dpi"] == 300 and label["label_format"] == "ZPL"
    assert base64.b64decode(label["document_b64"]).startswith(b"^XA")
    again = packer.post("/v1/labels", json=_box(rig))  # a new request id: the box key returns the label
    assert again.json()["label_id"] == label["label_id"] and len(rig["sim"].shipments) == 1
    with rig["hub"].store.engine.connect() as conn:  # no reply holding a label document is kept per request id
        bodies = [r[0] for r in conn.execute(select(requests_seen.c.body))]
    assert not any("document_b64" in b or label["tracking"] in b for b in bodies)
    assert packer.post(f"/v1/labels/{label['label_id']}/void", json={"reason": "wrong"}).status_code == 403


def test_a_lead_settles_an_unknown_outcome_and_voids(rig: dict[str, Any]) -> None:
    sim = rig["sim"]
    packer = _login(rig, Role.PACKER)
    sim.faults.inject("lost", operation="purchaseShipment", times=2)
    sim.faults.inject("5xx", operation="getOrder")
    assert packer.post("/v1/labels", json=_box(rig)).status_code == 409
    lead = _login(rig, Role.LEAD)
    waiting = lead.get("/v1/labels/unknown").json()
    assert [w["state"] for w in waiting] == ["unknown"] and waiting[0]["document_b64"] == ""
    tracking = next(iter(sim.shipments.values()))["tracking"]
    settled = lead.post(f"/v1/labels/{waiting[0]['label_id']}/settle", json={"bought": True, "tracking": tracking})
    assert settled.status_code == 200 and settled.json()["state"] == "bought"
    voided = lead.post(f"/v1/labels/{waiting[0]['label_id']}/void", json={"reason": "damaged"})
    assert voided.status_code == 200 and voided.json()["state"] == "voided"
    assert next(iter(sim.shipments.values()))["cancelled"] and len(sim.shipments) == 1


def test_a_confirmation_is_queued_once_per_request_id_and_voided_by_a_lead(rig: dict[str, Any]) -> None:
    packer = _login(rig, Role.PACKER)
    order = rig["order"]
    body = {"seller_id": rig["seller_id"], "amazon_order_id": order.order_id, "marketplace_id": order.marketplace_id,
            "box_ref": "1", "package_reference_id": "1", "carrier": "Acme Freight", "service": "Ground",
            "tracking": "ACME00000001", "ship_date": "2026-01-01T00:00:00Z",
            "items": [{"order_item_id": i.order_item_id, "quantity": i.quantity} for i in order.items]}  # fmt: skip
    first = packer.post("/v1/confirmations", request_id="req-confirm-1", json=body)
    assert first.status_code == 200
    replay = packer.post("/v1/confirmations", request_id="req-confirm-1", json=body)
    assert replay.headers.get("X-Idempotent-Replay") == "true" and replay.json() == first.json()
    lead = _login(rig, Role.LEAD)
    voided = lead.post("/v1/confirmations/void", json={"seller_id": rig["seller_id"],
                                                        "amazon_order_id": order.order_id, "box_ref": "1"})  # fmt: skip
    assert voided.json() == {"cancelled": 1, "already_sent": []}
    assert rig["hub"].confirmations.run_once() == {} and not rig["sim"].calls_for("confirmShipment")


def test_no_label_for_an_order_this_station_does_not_hold(rig: dict[str, Any]) -> None:
    """Issue 13: the ledger checks the claim first; a lead's release is seen before any purchase."""
    packer = _login(rig, Role.PACKER)
    lead = _login(rig, Role.LEAD)
    assert lead.post(f"/v1/claims/{_order_id(rig)}/release").status_code == 200
    refused = packer.post("/v1/labels", json=_box(rig))
    assert refused.status_code == 409 and refused.json()["detail"].startswith("Claim lost")
    assert rig["sim"].shipments == {} and rig["hub"].audit.rows.count(action="order.claim_released") == 1


def test_the_station_client_buys_a_label_and_loses_it_to_a_release(rig: dict[str, Any]) -> None:
    """Issue 13: sync.hubclient against a real uvicorn hub: claim, buy (the same label on a repeat), and
    ClaimLost once a lead released the order."""
    from hub import __version__
    from sync.hubclient import ClaimLost, HubClient
    from tests.hub.live import serving

    hub = rig["hub"]
    hub.people.add(HUB_SYSTEM, "pat", Role.PACKER, PIN, badge="B-pat")
    with serving(hub) as url:
        client = HubClient(url, rig["station"].secret, version=__version__)
        client.login_badge("B-pat", PIN)
        client.claim(_order_id(rig))
        label = client.buy_label(_box(rig))
        assert label.state == "bought" and label.document.startswith(b"^XA") and "document" not in repr(label)
        assert client.buy_label(_box(rig)).label_id == label.label_id
        hub.claims.release(Actor("lee", Role.LEAD), hub.store.stations.by_name("pack-1"), _order_id(rig))
        with pytest.raises(ClaimLost):
            client.buy_label(_box(rig, box_ref="2"))
    assert len(rig["sim"].shipments) == 1

"""Voids and external labels of a station joined to a hub (issue 13): the lead's void of a label the hub bought
goes to the hub (POST /v1/labels/{id}/void) with the hub's label id kept on the box; offline it waits, kept in
the store, and is sent on reconnect; a label bought elsewhere is confirmed through the hub
(POST /v1/confirmations, withdrawn by /v1/confirmations/void), never through the station's own outbox."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from station.domain import OrderStatus
from station.services.hub_shipping import VOID_WAITS
from tests.hub.live import serving
from tests.hubstation.test_hub_labels import _box, _station
from ui.wiring import wire


def _lead(crew: Any, rig: dict[str, Any]) -> Any:
    import pyotp

    crew.totp["lead"] = pyotp.TOTP(rig["lead_seed"])
    return crew.login("lead")


def _bought(crew: Any, order: Any) -> int:
    package = _box(crew, order)
    packer = crew.login("pat")
    choice = crew.station.shipping.rates(packer, order.order_id, package)[0]
    crew.station.shipping.buy_label(packer, order.order_id, package, choice.rate)
    return package


def _ledger_state(rig: dict[str, Any], label_id: int) -> str:
    return str(rig["hub"].store.ledger.get(label_id).state)


def test_the_leads_void_goes_to_the_hub(rig: dict[str, Any], lead_at_hub: None, tmp_path: Path) -> None:
    order = rig["order"]
    with serving(rig["hub"]) as url:
        crew = _station(rig, url, tmp_path / "st")
        wiring = wire(crew.station)
        try:
            wiring.engine.run_once()
            package = _bought(crew, order)
            label_id = crew.station.store.packages.hub_label(package)
            assert label_id is not None and _ledger_state(rig, label_id) == "bought"
            lead = _lead(crew, rig)
            result = crew.station.shipping.void_label(lead, package, "wrong box")
            assert result.voided
            assert _ledger_state(rig, label_id) == "voided"
            assert len(rig["sim"].calls_for("cancelShipment", status=200)) == 1
            assert crew.station.store.packages.get(package).status == "voided"
            assert crew.station.store.orders.status(order.order_id) == OrderStatus.UNSHIPPED
            assert crew.station.store.outbox.depth() == 0  # nothing for the station's own outbox
        finally:
            wiring.close()
            crew.station.close()


def test_offline_the_void_waits_and_is_sent_on_reconnect(rig: dict[str, Any], lead_at_hub: None,
                                                         tmp_path: Path) -> None:  # fmt: skip
    order = rig["order"]
    with serving(rig["hub"]) as url:
        crew = _station(rig, url, tmp_path / "st")
        wiring = wire(crew.station)
        wiring.engine.run_once()
        package = _bought(crew, order)
        label_id = crew.station.store.packages.hub_label(package)
        lead = _lead(crew, rig)
    try:
        result = crew.station.shipping.void_label(lead, package, "damaged box")  # the hub is gone
        assert not result.voided and result.message == VOID_WAITS
        assert crew.station.store.packages.get(package).status == "voiding"
        assert crew.station.store.orders.status(order.order_id) == OrderStatus.SHIPPED  # not void until the hub says
        assert len(crew.station.store.hub_calls.pending()) == 1  # kept in the store: never lost
        assert _ledger_state(rig, label_id) == "bought"
        with serving(rig["hub"]) as url:
            wiring.engine.sync.client.base_url = url
            assert wiring.engine.run_once().online  # the sync pass sends what waited
            assert _ledger_state(rig, label_id) == "voided"
            assert crew.station.store.packages.get(package).status == "voided"
            assert crew.station.store.orders.status(order.order_id) == OrderStatus.UNSHIPPED
            assert crew.station.store.hub_calls.pending() == []
            wiring.engine.run_once()
        assert len(rig["sim"].calls_for("cancelShipment", status=200)) == 1
    finally:
        wiring.close()
        crew.station.close()


def test_a_label_bought_elsewhere_is_confirmed_through_the_hub(rig: dict[str, Any], lead_at_hub: None,
                                                               tmp_path: Path) -> None:  # fmt: skip
    order, hub = rig["order"], rig["hub"]
    with serving(hub) as url:
        crew = _station(rig, url, tmp_path / "st")
        wiring = wire(crew.station)
        try:
            wiring.engine.run_once()
            package = _box(crew, order)
            packer = crew.login("pat")
            crew.station.shipping.ship_external(packer, order.order_id, package, carrier="UPS", service="Ground",
                                                tracking="1Z999AA10123456784")  # fmt: skip
            assert crew.station.store.outbox.depth() == 0  # not the station's own outbox
            assert crew.station.store.hub_calls.pending() == []  # the hub took it
            queued = [r for r in hub.store.outbox.all_rows() if r.amazon_order_id == order.order_id]
            assert [(q.tracking, q.state) for q in queued] == [("1Z999AA10123456784", "pending")]
            result = crew.station.shipping.void_label(_lead(crew, rig), package, "wrong tracking")
            assert result.voided
            queued = [r for r in hub.store.outbox.all_rows() if r.amazon_order_id == order.order_id]
            assert [q.state for q in queued] == ["cancelled"]
            assert crew.station.store.orders.status(order.order_id) == OrderStatus.UNSHIPPED
        finally:
            wiring.close()
            crew.station.close()

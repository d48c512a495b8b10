"""Issue 12's FBA inbound defects, against the simulator: transport quotes, partnered vs own carrier with
tracking, the delivery-window precondition, one ship-from mapped per purpose, listPrepDetails mskus."""

from __future__ import annotations

from typing import Any

from sync import mapping
from sync.simulator import inbound_windows
from sync.simulator.inbound import state
from sync.spapi.inbound import SpApiFbaInbound, choose_transport
from tests.prep.support import WAREHOUSE
from tests.prep.test_sync import _boxes, _validate, fba  # noqa: F401  (the fixture)


def _plan(crew: Any, seller_id: str) -> Any:
    box_ids = _boxes(crew, seller_id, [{"BOTTLE-750": 6}, {"MUG-SET": 2}])
    return crew.station.prep.inbound.create_plan(crew.login("lead"), seller_id, box_ids)


def _solutions(sim: Any) -> set[str]:
    return {ship.get("solution", "") for plan in state(sim).plans.values() for ship in plan.shipments.values()}


def test_a_missing_quote_is_not_free_and_the_partnered_carrier_is_chosen(fba: Any) -> None:  # noqa: F811
    crew, sim, _env, seller_id = fba
    view = _plan(crew, seller_id)
    assert view.plan.status == "confirmed"
    # The simulator offers the partnered carrier with a quote and the own carrier without one: today's
    # code took the missing quote as cost 0 and chose the own carrier.
    assert _solutions(sim) == {"AMAZON_PARTNERED_CARRIER"}


def test_own_carrier_when_the_partnered_option_has_no_quote_then_tracking_goes_to_amazon(fba: Any) -> None:  # noqa: F811
    crew, sim, env, seller_id = fba
    inbound_windows.withhold_partnered_quote(sim)
    view = _plan(crew, seller_id)
    assert _solutions(sim) == {"USE_YOUR_OWN_CARRIER"}
    shipment = view.shipments[0]
    boxes = [b.amazon_box_id for b in view.boxes if b.shipment_id == shipment.shipment_id]
    port = SpApiFbaInbound(env.client)
    port.update_tracking(seller_id, view.plan.inbound_plan_id, shipment.shipment_id,
                         [(box, f"1Z999AA1{n:010d}") for n, box in enumerate(boxes)])  # fmt: skip
    ship = next(iter(state(sim).plans.values())).shipments[shipment.shipment_id]
    assert [t["boxId"] for t in ship["tracking"]] == boxes
    for call in sim.calls_for("updateShipmentTrackingDetails"):
        _validate("fulfillmentInbound_2024-03-20.json", "UpdateShipmentTrackingDetailsRequest", call.body)


def test_the_delivery_window_precondition_is_confirmed_before_the_transport(fba: Any) -> None:  # noqa: F811
    crew, sim, _env, seller_id = fba
    inbound_windows.require_delivery_window(sim)
    view = _plan(crew, seller_id)
    assert view.plan.status == "confirmed"
    order = [c.operation for c in sim.calls if c.operation in ("confirmDeliveryWindowOptions",
                                                               "confirmTransportationOptions")]  # fmt: skip
    assert order[0] == "confirmDeliveryWindowOptions" and order[-1] == "confirmTransportationOptions"
    ships = next(iter(state(sim).plans.values())).shipments.values()
    chosen = [next(w for w in s["windows"] if w["deliveryWindowOptionId"] == s["delivery_window"]) for s in ships]
    assert {w["availabilityType"] for w in chosen} == {"AVAILABLE"}  # not a congested one when another is free


def test_the_one_ship_from_is_mapped_for_the_inbound_source(fba: Any) -> None:  # noqa: F811
    crew, sim, _env, seller_id = fba
    assert crew.station.store.settings.get("ship_from") == WAREHOUSE  # the station's names, as shipping uses
    _plan(crew, seller_id)
    body = sim.calls_for("createInboundPlan")[0].body
    _validate("fulfillmentInbound_2024-03-20.json", "AddressInput", body["sourceAddress"])
    assert body["sourceAddress"]["addressLine1"] == WAREHOUSE["address_line1"]
    assert body["sourceAddress"]["stateOrProvinceCode"] == WAREHOUSE["state_or_region"]
    assert mapping.address_body(WAREHOUSE)["stateOrRegion"] == "WA"  # and shipping maps it its own way


def test_list_prep_details_sends_every_msku_as_its_own_parameter(fba: Any) -> None:  # noqa: F811
    _crew, sim, env, seller_id = fba
    skus = ["BOTTLE-750", "SKU,WITH,COMMAS", "SKU WITH SPACE", "MUG-SET"]
    SpApiFbaInbound(env.client).prep_details(seller_id, "ATVPDKIKX0DER", skus)
    call = sim.calls_for("listPrepDetails")[-1]
    assert call.params["mskus"] == skus and call.status == 200


def test_choose_transport_never_prices_a_missing_quote_as_zero() -> None:
    partnered = {"shipmentId": "s", "shippingMode": "GROUND_SMALL_PARCEL",
                 "shippingSolution": "AMAZON_PARTNERED_CARRIER", "transportationOptionId": "p",
                 "quote": {"cost": {"amount": 40.0, "code": "USD"}}}  # fmt: skip
    unpriced = {**partnered, "transportationOptionId": "u", "quote": None}
    own = {**partnered, "transportationOptionId": "o", "shippingSolution": "USE_YOUR_OWN_CARRIER"}
    del own["quote"]
    assert choose_transport([unpriced, own, partnered], "s")["transportationOptionId"] == "p"
    assert choose_transport([unpriced, own], "s")["transportationOptionId"] == "o"

"""The FBA port against the in-process simulator: published rates, operation polling, failures, models."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from station.errors import UpstreamError
from sync.simulator import Simulator, start_simulator
from sync.simulator.inbound import state
from sync.spapi.inbound import SpApiFbaInbound
from tests.prep.support import CATALOGUE, set_warehouse
from tests.station.support import Crew, add_seller
from tests.sync.conftest import Env

MODELS = Path("/work/shared/spapi-models")


@pytest.fixture
def fba(crew: Crew) -> Iterator[tuple[Crew, Simulator, Env, str]]:
    sim = start_simulator(seed=3, clock=crew.clock, orders=5)
    env = Env(sim, crew.clock)
    seller_id = env.seller_ids[0]
    add_seller(crew.station, seller_id, "Acme Outdoor")
    set_warehouse(crew.station)
    crew.station.prep.catalog.import_csv(crew.login("lead"), seller_id, CATALOGUE)
    crew.station.prep.attach(SpApiFbaInbound(env.client))
    yield crew, sim, env, seller_id
    env.client.close()
    sim.stop()


def _boxes(crew: Crew, seller_id: str, per_box: list[dict[str, int]]) -> list[int]:
    lead, pat = crew.login("lead"), crew.login("pat")
    totals: dict[str, int] = {}
    for box in per_box:
        for sku, n in box.items():
            totals[sku] = totals.get(sku, 0) + n
    delivery = crew.station.prep.receiving.expect(lead, seller_id, "ASN", sorted(totals.items()))
    for sku, n in totals.items():
        crew.station.prep.receiving.receive(pat, delivery, sku, quantity=n)
    ids = []
    for contents in per_box:
        box = crew.station.prep.boxes.open_box(pat, seller_id)
        for sku, n in contents.items():
            crew.station.prep.boxes.scan(pat, box.box_id, sku, quantity=n)
        crew.station.prep.boxes.close(pat, box.box_id, 14.0, (16, 12, 10))
        ids.append(box.box_id)
    return ids


def _validate(model: str, definition: str, instance: Any) -> None:
    root = json.loads((MODELS / model).read_text())
    jsonschema.Draft4Validator({"$ref": f"#/definitions/{definition}", "definitions": root["definitions"]}).validate(
        instance
    )


def test_plan_confirmed_against_the_simulator_with_box_labels_and_inventory(fba) -> None:  # type: ignore[no-untyped-def]
    crew, sim, _env, seller_id = fba
    lead = crew.login("lead")
    box_ids = _boxes(crew, seller_id, [{"BOTTLE-750": 12}, {"BOTTLE-750": 12}, {"MUG-SET": 4, "LAMP-LED": 2}])
    t0 = sim.elapsed()
    view = crew.station.prep.inbound.create_plan(lead, seller_id, box_ids)
    assert view.plan.status == "confirmed" and view.plan.inbound_plan_id.startswith("wf")
    assert sim.elapsed() - t0 >= sum(state(sim).op_seconds[o] for o in ("createInboundPlan", "setPackingInformation"))
    assert all(b.amazon_box_id.startswith(b.shipment_id and "FBA") for b in view.boxes)
    assert {s.confirmation_id[:3] for s in view.shipments} == {"FBA"}
    assert all(s.destination for s in view.shipments)
    # Polling went through getInboundOperationStatus, each step waited for SUCCESS.
    assert len(sim.calls_for("getInboundOperationStatus", status=200)) >= 8
    assert sim.calls_for("createInboundPlan")[0].status == 202
    labels = crew.station.prep.inbound.box_labels(crew.login("pat"), view.plan.plan_id)
    assert labels and all(pdf.startswith(b"%PDF") for _, pdf in labels)
    # The request bodies the client sent validate against the official model.
    for call in sim.calls_for("createInboundPlan"):
        _validate("fulfillmentInbound_2024-03-20.json", "CreateInboundPlanRequest", call.body)
    for call in sim.calls_for("setPackingInformation"):
        _validate("fulfillmentInbound_2024-03-20.json", "SetPackingInformationRequest", call.body)
    for call in sim.calls_for("confirmTransportationOptions"):
        _validate("fulfillmentInbound_2024-03-20.json", "ConfirmTransportationOptionsRequest", call.body)
    # Amazon's inventory moves: inbound working now, fulfillable after a few (virtual) days.
    crew.station.prep.inbound.mark_shipped(lead, view.plan.plan_id)
    crew.station.prep.inventory.refresh_fba(lead, seller_id)
    line = {x.sku: x for x in crew.station.prep.inventory.position(lead, seller_id)}["BOTTLE-750"]
    assert (line.on_hand, line.shipped_in, line.fba_inbound_working) == (0, 24, 24)
    crew.clock.advance(5 * 86_400)
    crew.station.prep.inventory.refresh_fba(lead, seller_id)
    line = {x.sku: x for x in crew.station.prep.inventory.position(lead, seller_id)}["BOTTLE-750"]
    assert (line.fba_inbound_working, line.fba_fulfillable) == (0, 24)


def test_simulator_answers_validate_against_the_models(fba) -> None:  # type: ignore[no-untyped-def]
    crew, sim, env, seller_id = fba
    assert env.client is not None
    box_ids = _boxes(crew, seller_id, [{"BOTTLE-750": 3}])
    crew.station.prep.inbound.create_plan(crew.login("lead"), seller_id, box_ids)
    client = env.client
    plan_id = next(iter(state(sim).plans))
    body = client.call(seller_id, "getInboundPlan", "GET", f"/inbound/fba/2024-03-20/inboundPlans/{plan_id}").body
    _validate("fulfillmentInbound_2024-03-20.json", "InboundPlan", body)
    for op in list(state(sim).ops)[:3]:
        body = client.call(
            seller_id, "getInboundOperationStatus", "GET", f"/inbound/fba/2024-03-20/operations/{op}"
        ).body
        _validate("fulfillmentInbound_2024-03-20.json", "InboundOperationStatus", body)
    inv = client.call(seller_id, "getInventorySummaries", "GET", "/fba/inventory/v1/summaries",
                      params={"details": "true", "granularityType": "Marketplace", "granularityId": "ATVPDKIKX0DER",
                              "marketplaceIds": "ATVPDKIKX0DER"}).body  # fmt: skip
    _validate("fbaInventory.json", "GetInventorySummariesResponse", inv)
    assert inv["payload"]["inventorySummaries"]


def test_failed_operation_surfaces_and_the_plan_resumes(fba) -> None:  # type: ignore[no-untyped-def]
    crew, sim, _env, seller_id = fba
    lead = crew.login("lead")
    box_ids = _boxes(crew, seller_id, [{"BOTTLE-750": 5}, {"MUG-SET": 2}])
    state(sim).fail_next("generatePlacementOptions", "FBA_INB_0199", "Placement service unavailable")
    with pytest.raises(UpstreamError, match="FBA_INB_0199"):
        crew.station.prep.inbound.create_plan(lead, seller_id, box_ids)
    plan = crew.station.prep.inbound.plans(lead, seller_id)[0]
    assert plan.status == "packed" and "FBA_INB_0199" in plan.error
    view = crew.station.prep.inbound.advance(lead, plan.plan_id)
    assert view.plan.status == "confirmed"
    assert len(sim.calls_for("createInboundPlan")) == 1


def test_invalid_msku_fails_create(fba) -> None:  # type: ignore[no-untyped-def]
    _crew, _sim, env, seller_id = fba
    inbound = SpApiFbaInbound(env.client)
    from station.services.inbound_types import InboundItem
    from tests.prep.support import WAREHOUSE

    with pytest.raises(UpstreamError) as caught:
        inbound.create_plan(seller_id, "ATVPDKIKX0DER", "bad", WAREHOUSE, [InboundItem("INVALID-1", 3)])
    assert caught.value.code == "FBA_INB_0004"


def test_rate_limits_hold_for_bursts(fba) -> None:  # type: ignore[no-untyped-def]
    _crew, sim, env, seller_id = fba
    inbound = SpApiFbaInbound(env.client)
    t0 = sim.elapsed()
    for _ in range(10):
        inbound.inventory(seller_id, "ATVPDKIKX0DER", ["BOTTLE-750"])
    # 2 per second, burst 2: ten calls need at least 4 s; none was refused.
    assert sim.elapsed() - t0 >= 4.0 - 1e-6
    assert not sim.calls_for("getInventorySummaries", status=429)
    assert sim.rate_for("getInventorySummaries") == 2.0


def test_gap_fill_and_prep_details_through_the_simulator(fba) -> None:  # type: ignore[no-untyped-def]
    crew, sim, _env, seller_id = fba
    lead = crew.login("lead")
    state(sim).prep[(seller_id, "TEA-12")] = {"prepCategory": "GRANULAR", "prepTypes": ["ITEM_POLYBAGGING"]}
    filled = crew.station.prep.catalog.fill_from_amazon(lead, seller_id, "ATVPDKIKX0DER", push_prep=True)
    tea = crew.station.store.products.get(seller_id, "TEA-12")
    assert tea is not None and tea.fnsku.startswith("X00") and filled.fnskus == 1
    assert state(sim).prep[(seller_id, "BOTTLE-750")]["prepTypes"] == ["ITEM_POLYBAGGING", "ITEM_SUFFOSTK"]
    for call in sim.calls_for("setPrepDetails"):
        _validate("fulfillmentInbound_2024-03-20.json", "SetPrepDetailsRequest", call.body)


def test_every_answer_of_an_fba_plan_validates_strictly_against_the_models(fba) -> None:  # type: ignore[no-untyped-def]
    """Plan, packing, placement, transport, labels, inventory: each JSON answer the simulator gave fits
    the model's schema for that status, with no field the model does not define."""
    from sync.simulator.models import ModelBook

    crew, sim, _env, seller_id = fba
    lead = crew.login("lead")
    view = crew.station.prep.inbound.create_plan(
        lead, seller_id, _boxes(crew, seller_id, [{"BOTTLE-750": 12}, {"MUG-SET": 4, "LAMP-LED": 2}])
    )
    crew.station.prep.inbound.box_labels(crew.login("pat"), view.plan.plan_id)
    crew.station.prep.inbound.mark_shipped(lead, view.plan.plan_id)
    crew.station.prep.inventory.refresh_fba(lead, seller_id)
    book = ModelBook()
    if not book.available:
        pytest.skip("official SP-API models not available")
    checked = set()
    for call in sim.calls:
        if call.operation in book.specs and call.answer is not None:
            assert book.validate_response(call.operation, call.status, call.answer) == [], call.operation
            checked.add(call.operation)
    assert {"createInboundPlan", "getInboundOperationStatus", "listPackingOptions", "listPlacementOptions",
            "listTransportationOptions", "getShipment", "getLabels", "getInventorySummaries"} <= checked  # fmt: skip

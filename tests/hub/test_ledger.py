"""The label ledger against the SP-API simulator (both store backends): one label per box, ever."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from hub.bootstrap import Hub
from hub.engine.ledger import Died
from station.clock import VirtualClock
from station.errors import Conflict, PermissionDenied, UpstreamError, UsageError
from sync.label_spec import Printer
from sync.simulator import Simulator, start_simulator
from tests.hub.engine_env import LEAD, PACKER, authorise_sellers, box_for, hub_settings, load_order, start_hub

pytestmark = pytest.mark.usefixtures("fast_hashes")


@pytest.fixture
def vclock() -> VirtualClock:
    return VirtualClock()


@pytest.fixture
def sim(vclock: VirtualClock) -> Iterator[Simulator]:
    simulator = start_simulator(seed=11, clock=vclock, orders=30, sellers=1, cancel_rate=0.0,
                                address_change_rate=0.0)  # fmt: skip
    yield simulator
    simulator.stop()


class World:
    def __init__(self, tmp_path: Path, db_url: str, sim: Simulator, clock: VirtualClock) -> None:
        self.tmp_path, self.sim, self.clock = tmp_path, sim, clock
        self.settings = hub_settings(tmp_path, db_url, sim)
        self.hub = start_hub(self.settings, clock, create=True)
        self.sellers = authorise_sellers(self.hub, sim)
        self.partner = next(iter(self.sellers))
        self.seller_id = self.sellers[self.partner]
        self.hubs = [self.hub]

    def order(self, n: int = 0) -> Any:
        order_id = self.sim.order_ids(self.partner)[n]
        return load_order(self.hub, self.sim, self.seller_id, order_id)

    def another_process(self) -> Hub:
        """A second hub process on the same database (its own lease owner)."""
        other = start_hub(self.settings, self.clock, create=False)
        self.hubs.append(other)
        return other

    def purchases(self) -> list[Any]:
        return self.sim.calls_for("purchaseShipment")

    def close(self) -> None:
        for hub in self.hubs:
            hub.close()


@pytest.fixture
def world(tmp_path: Path, db_url: str, sim: Simulator, vclock: VirtualClock) -> Iterator[World]:
    w = World(tmp_path, db_url, sim, vclock)
    yield w
    w.close()


def _die_at(point: str) -> Any:
    def checkpoint(name: str) -> None:
        if name == point:
            raise Died(name)

    return checkpoint


def test_a_box_gets_one_label_and_asking_again_returns_it(world: World) -> None:
    order = world.order()
    first = world.hub.labels.buy(PACKER, box_for(order, world.seller_id))
    assert first.state == "bought" and first.tracking and first.document.startswith(b"^XA")
    again = world.hub.labels.buy(PACKER, box_for(order, world.seller_id))
    assert (again.label_id, again.tracking) == (first.label_id, first.tracking)
    assert len(world.sim.shipments) == 1 and len(world.purchases()) == 1
    row = world.hub.store.ledger.get(first.label_id)
    assert row is not None and row.document_sealed and row.document_sealed.startswith("s1.")
    assert json.loads(row.request_body)["requestedDocumentSpecification"]["dpi"] == 203


def test_crash_after_the_send_then_rebuying_after_the_rate_expired_resends_the_identical_body(world: World) -> None:
    """Issue 12's reproduction: old key + new body -> 400 -> box freed -> 2 labels. Now: one label."""
    order = world.order()
    world.sim.faults.inject("lost", operation="purchaseShipment")  # applied at Amazon, answer lost
    world.hub.labels.checkpoint = _die_at("purchase.sent")  # and the hub process dies right there
    with pytest.raises(Died):
        world.hub.labels.buy(PACKER, box_for(order, world.seller_id))
    world.clock.advance(900)  # the rate's requestToken (10 min) and the lease are stale
    other = world.another_process()
    label = other.labels.buy(PACKER, box_for(order, world.seller_id))
    assert label.state == "bought" and label.tracking
    calls = world.purchases()
    assert len(calls) == 2 and calls[0].body == calls[1].body
    assert calls[0].request_headers.get("x-amzn-IdempotencyKey") == calls[1].request_headers.get(
        "x-amzn-IdempotencyKey"
    )
    assert all(c.status == 200 for c in calls) and len(world.sim.shipments) == 1


def test_a_killed_process_purchase_is_taken_over_by_recovery(world: World) -> None:
    order = world.order()
    world.sim.faults.inject("lost", operation="purchaseShipment")
    world.hub.labels.checkpoint = _die_at("purchase.sent")
    with pytest.raises(Died):
        world.hub.labels.buy(PACKER, box_for(order, world.seller_id))
    other = world.another_process()
    assert other.labels.recover() == []  # the lease still runs
    world.clock.advance(180)
    assert len(other.labels.recover()) == 1
    rows = other.store.ledger.all_rows()
    assert [r.state for r in rows] == ["bought"] and len(world.sim.shipments) == 1


def test_lost_answer_and_lost_resend_are_settled_from_the_orders_packages(world: World) -> None:
    order = world.order()
    world.sim.faults.inject("lost", operation="purchaseShipment", times=2)
    label = world.hub.labels.buy(PACKER, box_for(order, world.seller_id))
    assert label.state == "bought" and label.tracking
    shipment = next(iter(world.sim.shipments.values()))
    assert label.tracking == shipment["tracking"] and len(world.sim.shipments) == 1
    assert world.sim.calls_for("getOrder")[-1].params["includedData"] == ["PACKAGES"]
    assert label.shipment_id == "" and label.document == b""  # Amazon's answer never arrived
    again = world.hub.labels.buy(PACKER, box_for(order, world.seller_id))  # the identical request completes it
    assert again.shipment_id and again.document.startswith(b"^XA") and again.tracking == label.tracking
    assert len(world.sim.shipments) == 1


def test_an_unknown_outcome_waits_for_a_lead_and_nothing_is_bought_meanwhile(world: World) -> None:
    order = world.order()
    world.sim.faults.inject("lost", operation="purchaseShipment", times=2)
    world.sim.faults.inject("5xx", operation="getOrder", times=6)  # every try of the client
    with pytest.raises(Conflict, match="outcome unknown"):
        world.hub.labels.buy(PACKER, box_for(order, world.seller_id))
    with pytest.raises(Conflict, match="unknown outcome"):
        world.hub.labels.buy(PACKER, box_for(order, world.seller_id))
    assert len(world.purchases()) == 2 and len(world.sim.shipments) == 1
    waiting = world.hub.labels.unknown(LEAD)
    assert len(waiting) == 1 and waiting[0].document == b""
    assert any(r["action"] == "label.outcome_unknown" and r["severity"] == "alert" for r in world.hub.audit.iter_rows())
    with pytest.raises(PermissionDenied):
        world.hub.labels.settle(PACKER, waiting[0].label_id, bought=False)
    tracking = next(iter(world.sim.shipments.values()))["tracking"]
    settled = world.hub.labels.settle(LEAD, waiting[0].label_id, bought=True, tracking=tracking)
    assert settled.state == "bought" and settled.tracking == tracking
    assert world.hub.labels.buy(PACKER, box_for(order, world.seller_id)).label_id == settled.label_id
    assert len(world.sim.shipments) == 1


def test_token_expired_after_a_send_is_unknown_not_a_free_box(world: World) -> None:
    order = world.order()
    world.sim.faults.inject("reset", operation="purchaseShipment")  # the first send never got through
    world.hub.labels.checkpoint = _die_at("purchase.sent")
    with pytest.raises(Died):
        world.hub.labels.buy(PACKER, box_for(order, world.seller_id))
    world.clock.advance(900)
    other = world.another_process()
    world.sim.faults.inject("5xx", operation="getOrder", times=6)  # the order cannot be read (any try)
    with pytest.raises(Conflict, match="outcome unknown"):
        other.labels.buy(PACKER, box_for(order, world.seller_id))
    statuses = [(c.status, (c.answer or {}).get("errors", [{}])[0].get("code")) for c in world.purchases()]
    assert statuses[1:] == [(400, "TOKEN_EXPIRED"), (400, "TOKEN_EXPIRED")]
    row = other.store.ledger.all_rows()[0]
    assert row.state == "unknown" and not world.sim.shipments
    other.labels.settle(LEAD, row.label_id, bought=False)  # the lead checked Seller Central: nothing bought
    label = other.labels.buy(PACKER, box_for(order, world.seller_id))
    assert label.state == "bought" and len(world.sim.shipments) == 1
    keys = {r.idempotency_key for r in other.store.ledger.all_rows()}
    assert len(keys) == 2  # the new attempt has a new key and a new body


def test_a_definite_refusal_on_the_first_send_frees_the_box(world: World) -> None:
    order = world.order()
    world.sim.rate_token_life_s = -1  # every token is stale: the first (only) send is refused
    with pytest.raises(UpstreamError):
        world.hub.labels.buy(PACKER, box_for(order, world.seller_id))
    assert [r.state for r in world.hub.store.ledger.all_rows()] == ["refused"]
    world.sim.rate_token_life_s = 600
    assert world.hub.labels.buy(PACKER, box_for(order, world.seller_id)).state == "bought"
    assert len(world.sim.shipments) == 1


@pytest.mark.parametrize(
    ("printer", "expected"),
    [(Printer("zpl", 300), ("ZPL", 300)), (Printer("zpl", 203), ("ZPL", 203)), (Printer("tspl", 203), ("PNG", 203)),
     (Printer("zpl", 600), ("PNG", 300))],
)  # fmt: skip
def test_label_format_and_dpi_come_from_the_rate_and_the_printer(world: World, printer: Printer,
                                                                 expected: tuple[str, int]) -> None:  # fmt: skip
    order = world.order()
    label = world.hub.labels.buy(PACKER, box_for(order, world.seller_id, printer=printer))
    spec = world.purchases()[-1].body["requestedDocumentSpecification"]
    assert (spec["format"], spec["dpi"]) == expected == (label.label_format, label.dpi)


def test_business_id_follows_the_sellers_marketplace(world: World) -> None:
    order = world.order()
    world.hub.labels.buy(PACKER, box_for(order, world.seller_id))
    for call in world.sim.calls_for("getRates") + world.purchases():
        assert call.request_headers.get("x-amzn-shipping-business-id") == "AmazonShipping_US"
    with pytest.raises(UsageError, match="not offered in marketplace"):
        world.hub.labels.buy(PACKER, box_for(order, world.seller_id, box_ref="2", marketplace_id="A2Q3Y263D00KWC"))


def test_documents_are_fetched_with_the_package_reference_given_to_get_rates(world: World) -> None:
    order = world.order()
    label = world.hub.labels.buy(PACKER, box_for(order, world.seller_id))
    again = world.hub.labels.reload_document(PACKER, label.label_id)
    assert again.document == label.document
    rates_ref = world.sim.calls_for("getRates")[-1].body["packages"][0]["packageClientReferenceId"]
    docs = world.sim.calls_for("getShipmentDocuments")[-1]
    assert docs.params["packageClientReferenceId"] == [rates_ref] and rates_ref != label.shipment_id
    assert docs.params["dpi"] == ["203"]


def test_void_is_in_the_ledger_and_a_lost_cancel_is_settled_from_the_order(world: World) -> None:
    order = world.order()
    label = world.hub.labels.buy(PACKER, box_for(order, world.seller_id))
    with pytest.raises(PermissionDenied):
        world.hub.labels.void(PACKER, label.label_id, "wrong box")
    world.sim.faults.inject("lost", operation="cancelShipment")
    voided = world.hub.labels.void(LEAD, label.label_id, "wrong box")
    assert voided.state == "voided" and voided.document == b""
    assert [c.status for c in world.sim.calls_for("cancelShipment")] == [200]
    shipment = next(iter(world.sim.shipments.values()))
    assert shipment["cancelled"]
    # The box is free again: a new attempt with a new key buys a new label.
    relabel = world.hub.labels.buy(PACKER, box_for(order, world.seller_id))
    assert relabel.label_id != label.label_id and len(world.sim.shipments) == 2


def test_a_void_whose_cancel_failed_is_finished_by_another_process(world: World) -> None:
    order = world.order()
    label = world.hub.labels.buy(PACKER, box_for(order, world.seller_id))
    world.sim.faults.inject("5xx", operation="cancelShipment")
    with pytest.raises(UpstreamError):
        world.hub.labels.void(LEAD, label.label_id, "damaged")
    assert world.hub.store.ledger.get(label.label_id).state == "voiding"  # type: ignore[union-attr]
    with pytest.raises(Conflict):  # a box being voided is not bought again meanwhile
        world.hub.labels.buy(PACKER, box_for(order, world.seller_id))
    world.clock.advance(180)
    other = world.another_process()
    other.labels.recover()
    assert other.store.ledger.get(label.label_id).state == "voided"  # type: ignore[union-attr]


def test_label_documents_are_sealed_and_purged_with_the_buyer_data(world: World) -> None:
    from hub.services.people import HUB_SYSTEM

    order = world.order()
    label = world.hub.labels.buy(PACKER, box_for(order, world.seller_id))
    row = world.hub.store.ledger.get(label.label_id)
    assert row is not None and label.tracking.encode() not in (row.document_sealed or "").encode()
    world.clock.advance(31 * 86400)
    result = world.hub.orders.purge(HUB_SYSTEM)
    assert result["label_documents"] == 1
    assert world.hub.store.ledger.get(label.label_id).document_sealed is None  # type: ignore[union-attr]


def test_rates_needing_additional_inputs_are_skipped_or_refused_with_a_clear_message(world: World) -> None:
    order = world.order()
    world.sim.additional_inputs_carriers = {"UPS", "USPS", "AMZN_US"}
    label = world.hub.labels.buy(PACKER, box_for(order, world.seller_id))
    assert label.carrier == "FedEx"  # the best rate that can be bought without more details
    with pytest.raises(UsageError, match="needs more details before it can be bought"):
        world.hub.labels.buy(PACKER, box_for(order, world.seller_id, box_ref="2", rate_rule="service",
                                             service_id="UPS_GROUND"))  # fmt: skip
    assert len(world.purchases()) == 1 and not world.hub.store.ledger.live_for_box(world.seller_id, order.order_id, "2")


def test_forgetting_the_seller_erases_its_labels(world: World) -> None:
    from hub.services.people import HUB_SYSTEM

    order = world.order()
    world.hub.labels.buy(PACKER, box_for(order, world.seller_id))
    name = world.hub.store.sellers.by_id(world.seller_id).name  # type: ignore[union-attr]
    world.hub.sellers.forget(HUB_SYSTEM, name)
    assert world.hub.store.ledger.all_rows() == []


def test_no_label_for_an_order_the_hub_knows_is_cancelled(world: World) -> None:
    order = world.order()
    world.hub.orders.store_order(world.seller_id, order.order_id, status="Canceled")
    with pytest.raises(Conflict, match="cancelled"):
        world.hub.labels.buy(PACKER, box_for(order, world.seller_id))
    assert world.purchases() == [] and world.sim.calls_for("getRates") == []


def test_additional_inputs_are_sealed_in_the_ledger_and_resent_identically(world: World, tmp_path: Path) -> None:
    """shippingV2's additionalInputs is free JSON (schema from getAdditionalInputs at run time): it may hold
    personal data, so the ledger seals it; every send, resends included, carries it unchanged."""
    from tests.hub.test_security import _dump

    order = world.order()
    world.sim.additional_inputs_carriers = {"UPS"}
    inputs = {"recipientTaxId": "TAXID-93817-PRIVATE", "senderContactName": "Quentin Private-Sender"}
    world.sim.faults.inject("lost", operation="purchaseShipment")  # applied, answer lost: the ledger resends
    label = world.hub.labels.buy(PACKER, box_for(order, world.seller_id, rate_rule="service",
                                                 service_id="UPS_GROUND", additional_inputs=inputs))  # fmt: skip
    assert label.state == "bought" and len(world.sim.shipments) == 1
    sent = [c.body for c in world.purchases()]
    assert len(sent) == 2 and sent[0] == sent[1] and sent[0]["additionalInputs"] == inputs
    row = world.hub.store.ledger.get(label.label_id)
    assert row is not None and "additionalInputs" not in json.loads(row.request_body)
    dump = _dump(world.hub, tmp_path)
    assert len(dump) > 1000
    assert [v for v in inputs.values() if v.encode() in dump] == []

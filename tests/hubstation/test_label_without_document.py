"""A label the hub knows is bought but whose document did not come back (Amazon's answer was lost; the hub
saw the package on the order) is a purchase that happened: the station keeps the box and its key and asks
again, never boxes it anew. Found by tests.bench.soak_warehouse: the answer counted as "nothing bought", the
box went back to open, was weighed again, got a new key, and the order had two labels."""

from __future__ import annotations

import json

import pytest

from station.domain import Rate
from station.errors import UpstreamError
from station.services.shipping import LabelRequest
from sync.hubclient.types import Label
from sync.hubmarket import RULE_BEST, HubMarketplace


class _Client:
    def buy_label(self, box: dict[str, object], request_id: str | None = None) -> Label:
        return Label(label_id=1, state="bought", shipment_id="", tracking="TBA1", carrier="", service="",
                     label_format="ZPL", dpi=203, cost="", currency="", document=b"",
                     message="bought (seen on the order); the document was not returned")  # fmt: skip


def test_bought_without_its_document_is_retryable() -> None:
    market = HubMarketplace(_Client(), lambda: LabelRequest("ZPL", 203), lambda: "zpl")  # type: ignore[arg-type]
    rate = Rate(json.dumps({"seller_id": 1}), RULE_BEST, "hub", "Best", "", "", 0.0, "USD")
    with pytest.raises(UpstreamError) as caught:
        market.purchase_shipment("hub-1", rate, idempotency_key="k" * 36, label_format="ZPL")
    assert caught.value.retryable  # station.shipping keeps the box 'purchasing' with its key

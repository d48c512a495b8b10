"""Issue 15 item 9: the buyer's gift messages (Orders 2026-01-01 items[].fulfillment.packing.giftOption)
are mapped, kept as buyer data beside the recipient, erased by retention with it, and never logged."""

from __future__ import annotations

import dataclasses
import json
import logging
from pathlib import Path

import pytest

from station.domain import GiftMessage, OrderStatus
from station.logs import redactor
from sync.mapping import order_from_payload
from tests.station.support import ADMIN, Crew, add_seller, iso, make_order

GIFT = "Happy birthday Grandma Ximena! <b>love</b> & hugs"
MODEL = Path("/work/shared/spapi-models/orders_2026-01-01.json")


def _payload() -> dict:
    item = {"orderItemId": "12345678901234", "quantityOrdered": 1,
            "product": {"asin": "B000000001", "sellerSku": "SKU-1", "title": "Speaker"},
            "fulfillment": {"packing": {"giftOption": {"giftMessage": GIFT, "giftWrapLevel": "premium"}}}}  # fmt: skip
    plain = {"orderItemId": "12345678901235", "quantityOrdered": 1,
             "product": {"asin": "B000000002", "sellerSku": "SKU-2", "title": "Cable"}}  # fmt: skip
    return {"orderId": "111-1234567-1234567", "salesChannel": {"marketplaceId": "ATVPDKIKX0DER"},
            "fulfillment": {"fulfillmentStatus": "UNSHIPPED"}, "orderItems": [item, plain]}  # fmt: skip


def test_the_model_carries_gift_options_where_we_read_them() -> None:
    if not MODEL.exists():
        pytest.skip("official model not present")
    defs = json.loads(MODEL.read_text())["definitions"]
    assert set(defs["GiftOption"]["properties"]) >= {"giftMessage", "giftWrapLevel"}
    assert defs["ItemPacking"]["properties"]["giftOption"]["$ref"].endswith("/GiftOption")


def test_mapping_reads_gift_message_and_wrap_level() -> None:
    order = order_from_payload("A1SELLER", _payload())
    assert order.gifts == (GiftMessage("12345678901234", GIFT, "PREMIUM"),)
    assert GIFT not in repr(order.gifts) and GIFT not in repr(order)


def test_stored_as_buyer_data_and_erased_by_retention(crew: Crew) -> None:
    st, clock = crew.station, crew.clock
    add_seller(st)
    order_id = "111-1000000-0000001"
    base = make_order(order_id)
    order = dataclasses.replace(base, gifts=(GiftMessage(base.items[0].order_item_id, GIFT, "PREMIUM"),))
    st.store.orders.upsert(order, now=iso(clock.now()))
    assert st.store.orders.gift_messages(order_id)[0].message == GIFT
    assert GIFT not in redactor.redact(f"a line with {GIFT} in it")  # registered with the redactor
    slip = st.home / "slips" / f"slip-{order_id}.pdf"
    slip.parent.mkdir(exist_ok=True)
    slip.write_bytes(b"%PDF- a kept slip copy with the gift message")
    st.store.orders.set_status(order_id, OrderStatus.SHIPPED, now=iso(clock.now()))
    clock.advance(31 * 86400)
    assert st.retention.purge(crew.login(ADMIN)).orders == 1
    assert st.store.orders.gift_messages(order_id) == ()
    assert not slip.exists()
    st.store.orders.upsert(order, now=iso(clock.now()))  # an upstream update re-sends it: not stored again
    assert st.store.orders.gift_messages(order_id) == ()


def test_viewing_it_is_audited_and_never_logged(crew: Crew, caplog: pytest.LogCaptureFixture) -> None:
    st = crew.station
    add_seller(st)
    base = make_order("111-1000000-0000002")
    st.store.orders.upsert(dataclasses.replace(base, gifts=(GiftMessage(base.items[0].order_item_id, GIFT),)),
                           now=iso(crew.clock.now()))  # fmt: skip
    caplog.set_level(logging.DEBUG)
    gifts = st.buyer_data.view_gift_messages(crew.login(ADMIN), base.order_id)
    assert [g.message for g in gifts] == [GIFT]
    assert st.store.audit_rows.search(action="pii.gift_message_viewed")
    assert GIFT not in caplog.text
    assert all(GIFT not in row.detail for row in st.store.audit_rows.search(action="pii.gift_message_viewed"))

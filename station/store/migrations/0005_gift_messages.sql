-- 0005 (issue 15): the buyer's gift messages (Orders 2026-01-01
-- orderItems[].fulfillment.packing.giftOption). Buyer-written text: buyer data beside the recipient,
-- erased by retention with the address, never stored again once erased (as recipients, 0003).

CREATE TABLE gift_messages (
    order_id      TEXT NOT NULL REFERENCES orders (order_id) ON DELETE CASCADE,
    order_item_id TEXT NOT NULL,
    message       TEXT NOT NULL DEFAULT '',
    wrap_level    TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (order_id, order_item_id)
);

CREATE TRIGGER gift_messages_stay_erased_insert
BEFORE INSERT ON gift_messages
WHEN (SELECT pii_erased_at FROM orders WHERE order_id = NEW.order_id) IS NOT NULL
BEGIN
    SELECT RAISE(IGNORE);
END;

CREATE TRIGGER gift_messages_stay_erased_update
BEFORE UPDATE ON gift_messages
WHEN (SELECT pii_erased_at FROM orders WHERE order_id = NEW.order_id) IS NOT NULL
BEGIN
    SELECT RAISE(IGNORE);
END;

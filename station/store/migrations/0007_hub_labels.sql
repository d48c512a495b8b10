-- 0006 (issue 13): what a station joined to a hub keeps about its orders and labels there.
-- hub_orders: the hub's id of each order, and whether this station holds it (claimed or batch-held), so a
-- restart while the hub is unreachable still knows which orders it may pack. No buyer data.
-- packages.hub_label_id: the hub's ledger id of a label bought through it (the lead voids it at the hub).
-- hub_calls: calls to the hub that wait for it (a void, a confirmation of a label bought elsewhere), each
-- with the request id it is sent again with, so the hub acts on it once.

CREATE TABLE hub_orders (
    order_id      TEXT PRIMARY KEY REFERENCES orders (order_id) ON DELETE CASCADE,
    hub_order_id  INTEGER NOT NULL,
    held          INTEGER NOT NULL DEFAULT 0
);

ALTER TABLE packages ADD COLUMN hub_label_id INTEGER;

CREATE TABLE hub_calls (
    request_id  TEXT PRIMARY KEY,
    kind        TEXT NOT NULL,                     -- label.void | confirmation | confirmation.void
    order_id    TEXT NOT NULL,
    package_id  INTEGER,
    payload     TEXT NOT NULL,                     -- JSON: the call's body (no buyer data)
    status      TEXT NOT NULL DEFAULT 'pending',   -- pending | done | failed
    attempts    INTEGER NOT NULL DEFAULT 0,
    last_error  TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL
);
CREATE INDEX hub_calls_pending ON hub_calls (status) WHERE status = 'pending';

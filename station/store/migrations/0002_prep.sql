-- 0002: FBA prep: receiving, the stock ledger, billable prep services, boxes, inbound plans,
-- Amazon's FBA inventory. No PII: sellers' products and warehouse counts only.

-- Amazon's prep category of a product (prep types stay in products.prep_types).
CREATE TABLE prep_details (
    seller_id      TEXT NOT NULL,
    sku            TEXT NOT NULL,
    prep_category  TEXT NOT NULL DEFAULT 'NONE',
    source         TEXT NOT NULL DEFAULT 'csv',        -- csv | spapi | manual
    updated_at     TEXT NOT NULL,
    PRIMARY KEY (seller_id, sku),
    FOREIGN KEY (seller_id, sku) REFERENCES products (seller_id, sku) ON DELETE CASCADE
);

-- An expected delivery from a seller, and what arrived.
CREATE TABLE deliveries (
    delivery_id  INTEGER PRIMARY KEY,
    seller_id    TEXT NOT NULL REFERENCES sellers (selling_partner_id) ON DELETE CASCADE,
    reference    TEXT NOT NULL DEFAULT '',
    status       TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    created_at   TEXT NOT NULL,
    created_by   TEXT NOT NULL,
    closed_at    TEXT,
    closed_by    TEXT
);
CREATE INDEX deliveries_seller ON deliveries (seller_id, status);

CREATE TABLE delivery_lines (
    delivery_id  INTEGER NOT NULL REFERENCES deliveries (delivery_id) ON DELETE CASCADE,
    sku          TEXT NOT NULL,
    expected     INTEGER NOT NULL DEFAULT 0 CHECK (expected >= 0),
    received     INTEGER NOT NULL DEFAULT 0 CHECK (received >= 0),
    damaged      INTEGER NOT NULL DEFAULT 0 CHECK (damaged >= 0),
    PRIMARY KEY (delivery_id, sku)
);

-- The warehouse's stock ledger per seller and SKU: received (+), shipped_in (-), adjust (+/-).
CREATE TABLE stock_moves (
    move_id    INTEGER PRIMARY KEY,
    seller_id  TEXT NOT NULL REFERENCES sellers (selling_partner_id) ON DELETE CASCADE,
    sku        TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('received', 'damaged', 'shipped_in', 'adjust')),
    quantity   INTEGER NOT NULL,
    ref        TEXT NOT NULL DEFAULT '',
    at         TEXT NOT NULL,
    by         TEXT NOT NULL
);
CREATE INDEX stock_moves_sku ON stock_moves (seller_id, sku, kind);

-- Billable prep services (units labelled, bags, bubble wrap, boxes ...), one row per action.
CREATE TABLE prep_events (
    event_id   INTEGER PRIMARY KEY,
    seller_id  TEXT NOT NULL REFERENCES sellers (selling_partner_id) ON DELETE CASCADE,
    sku        TEXT NOT NULL DEFAULT '',
    service    TEXT NOT NULL,
    quantity   INTEGER NOT NULL CHECK (quantity > 0),
    ref        TEXT NOT NULL DEFAULT '',
    at         TEXT NOT NULL,
    by         TEXT NOT NULL
);
CREATE INDEX prep_events_seller ON prep_events (seller_id, at);

-- FBA inbound plans built here, and the Amazon ids they received.
CREATE TABLE inbound_plans (
    plan_id              INTEGER PRIMARY KEY,
    seller_id            TEXT NOT NULL REFERENCES sellers (selling_partner_id) ON DELETE CASCADE,
    marketplace_id       TEXT NOT NULL,
    name                 TEXT NOT NULL,
    status               TEXT NOT NULL DEFAULT 'draft',
    inbound_plan_id      TEXT NOT NULL DEFAULT '',
    packing_option_id    TEXT NOT NULL DEFAULT '',
    packing_group_id     TEXT NOT NULL DEFAULT '',
    placement_option_id  TEXT NOT NULL DEFAULT '',
    error                TEXT NOT NULL DEFAULT '',
    created_at           TEXT NOT NULL,
    created_by           TEXT NOT NULL,
    updated_at           TEXT NOT NULL
);

-- Boxes of prepped units; a box belongs to a plan once the plan is created.
CREATE TABLE fba_boxes (
    box_id         INTEGER PRIMARY KEY,
    seller_id      TEXT NOT NULL REFERENCES sellers (selling_partner_id) ON DELETE CASCADE,
    plan_id        INTEGER REFERENCES inbound_plans (plan_id) ON DELETE SET NULL,
    status         TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed', 'shipped')),
    case_packed    INTEGER NOT NULL DEFAULT 0,
    weight_lb      REAL NOT NULL DEFAULT 0,
    length_in      REAL NOT NULL DEFAULT 0,
    width_in       REAL NOT NULL DEFAULT 0,
    height_in      REAL NOT NULL DEFAULT 0,
    shipment_id    TEXT NOT NULL DEFAULT '',
    amazon_box_id  TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL,
    created_by     TEXT NOT NULL
);
CREATE INDEX fba_boxes_seller ON fba_boxes (seller_id, status);

CREATE TABLE fba_box_items (
    box_id    INTEGER NOT NULL REFERENCES fba_boxes (box_id) ON DELETE CASCADE,
    sku       TEXT NOT NULL,
    quantity  INTEGER NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (box_id, sku)
);

CREATE TABLE inbound_shipments (
    plan_id          INTEGER NOT NULL REFERENCES inbound_plans (plan_id) ON DELETE CASCADE,
    shipment_id      TEXT NOT NULL,
    confirmation_id  TEXT NOT NULL DEFAULT '',
    status           TEXT NOT NULL DEFAULT '',
    destination      TEXT NOT NULL DEFAULT '',   -- fulfilment centre code, never a person
    updated_at       TEXT NOT NULL,
    PRIMARY KEY (plan_id, shipment_id)
);

-- Amazon's FBA inventory per SKU, as last read from getInventorySummaries.
CREATE TABLE fba_inventory (
    seller_id          TEXT NOT NULL REFERENCES sellers (selling_partner_id) ON DELETE CASCADE,
    sku                TEXT NOT NULL,
    fnsku              TEXT NOT NULL DEFAULT '',
    fulfillable        INTEGER NOT NULL DEFAULT 0,
    inbound_working    INTEGER NOT NULL DEFAULT 0,
    inbound_shipped    INTEGER NOT NULL DEFAULT 0,
    inbound_receiving  INTEGER NOT NULL DEFAULT 0,
    reserved           INTEGER NOT NULL DEFAULT 0,
    unfulfillable      INTEGER NOT NULL DEFAULT 0,
    updated_at         TEXT NOT NULL,
    PRIMARY KEY (seller_id, sku)
);

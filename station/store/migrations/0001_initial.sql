-- 0001: the first schema. Buyer PII lives only in `recipients` (and in label documents).
CREATE TABLE settings (
    key         TEXT PRIMARY KEY,
    value       TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    updated_by  TEXT NOT NULL
);

CREATE TABLE sellers (
    selling_partner_id TEXT PRIMARY KEY,
    name               TEXT NOT NULL,
    region             TEXT NOT NULL CHECK (region IN ('na', 'eu', 'fe')),
    marketplaces       TEXT NOT NULL,             -- JSON list of marketplace ids
    status             TEXT NOT NULL DEFAULT 'active',
    endpoint           TEXT NOT NULL DEFAULT '',
    lwa_endpoint       TEXT NOT NULL DEFAULT '',
    created_at         TEXT NOT NULL,
    last_sync_at       TEXT
);

CREATE TABLE products (
    seller_id        TEXT NOT NULL REFERENCES sellers (selling_partner_id) ON DELETE CASCADE,
    sku              TEXT NOT NULL,
    asin             TEXT NOT NULL DEFAULT '',
    fnsku            TEXT NOT NULL DEFAULT '',
    title            TEXT NOT NULL DEFAULT '',
    condition        TEXT NOT NULL DEFAULT 'New',
    weight_lb        REAL NOT NULL DEFAULT 0,
    length_in        REAL NOT NULL DEFAULT 0,
    width_in         REAL NOT NULL DEFAULT 0,
    height_in        REAL NOT NULL DEFAULT 0,
    prep_types       TEXT NOT NULL DEFAULT '[]',   -- JSON list of Amazon prep type names
    bin              TEXT NOT NULL DEFAULT '',
    serial_required  INTEGER NOT NULL DEFAULT 0,
    expiry_required  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (seller_id, sku)
);
CREATE INDEX products_fnsku ON products (fnsku) WHERE fnsku != '';
CREATE INDEX products_asin ON products (asin) WHERE asin != '';

-- Alias barcodes: UPC/EAN, SKU aliases, case packs (multiplier > 1).
CREATE TABLE barcodes (
    code        TEXT NOT NULL,
    seller_id   TEXT NOT NULL,
    sku         TEXT NOT NULL,
    multiplier  INTEGER NOT NULL DEFAULT 1 CHECK (multiplier >= 1),
    kind        TEXT NOT NULL DEFAULT 'upc',
    PRIMARY KEY (code, seller_id, sku),
    FOREIGN KEY (seller_id, sku) REFERENCES products (seller_id, sku) ON DELETE CASCADE
);

CREATE TABLE orders (
    order_id            TEXT PRIMARY KEY,
    seller_id           TEXT NOT NULL REFERENCES sellers (selling_partner_id) ON DELETE CASCADE,
    marketplace_id      TEXT NOT NULL DEFAULT '',
    upstream_status     TEXT NOT NULL DEFAULT '',
    status              TEXT NOT NULL DEFAULT 'unshipped',
    purchase_date       TEXT NOT NULL DEFAULT '',
    last_updated        TEXT NOT NULL DEFAULT '',
    ship_by_earliest    TEXT NOT NULL DEFAULT '',
    ship_by_latest      TEXT NOT NULL DEFAULT '',
    deliver_by_earliest TEXT NOT NULL DEFAULT '',
    deliver_by_latest   TEXT NOT NULL DEFAULT '',
    service_level       TEXT NOT NULL DEFAULT '',
    programs            TEXT NOT NULL DEFAULT '[]',
    fulfilled_by        TEXT NOT NULL DEFAULT 'MERCHANT',
    held_by             TEXT,                      -- operator name holding the order
    held_at             TEXT,
    exception_reason    TEXT,
    shipped_at          TEXT,
    closed_at           TEXT,                      -- shipped or cancelled: starts retention
    pii_erased_at       TEXT,
    created_at          TEXT NOT NULL
);
CREATE INDEX orders_queue ON orders (status, ship_by_latest);
CREATE INDEX orders_seller ON orders (seller_id, status);
CREATE INDEX orders_retention ON orders (pii_erased_at, closed_at);

CREATE TABLE order_items (
    order_id          TEXT NOT NULL REFERENCES orders (order_id) ON DELETE CASCADE,
    order_item_id     TEXT NOT NULL,
    sku               TEXT NOT NULL DEFAULT '',
    asin              TEXT NOT NULL DEFAULT '',
    title             TEXT NOT NULL DEFAULT '',
    quantity          INTEGER NOT NULL CHECK (quantity >= 0),
    condition         TEXT NOT NULL DEFAULT 'New',
    serial_required   INTEGER NOT NULL DEFAULT 0,
    quantity_shipped  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (order_id, order_item_id)
);
CREATE INDEX order_items_sku ON order_items (sku);

-- Buyer PII: erased by retention, by seller deletion, never copied elsewhere.
CREATE TABLE recipients (
    order_id        TEXT PRIMARY KEY REFERENCES orders (order_id) ON DELETE CASCADE,
    name            TEXT NOT NULL DEFAULT '',
    address_line1   TEXT NOT NULL DEFAULT '',
    address_line2   TEXT NOT NULL DEFAULT '',
    address_line3   TEXT NOT NULL DEFAULT '',
    city            TEXT NOT NULL DEFAULT '',
    state_or_region TEXT NOT NULL DEFAULT '',
    postal_code     TEXT NOT NULL DEFAULT '',
    country_code    TEXT NOT NULL DEFAULT '',
    phone           TEXT NOT NULL DEFAULT '',
    address_type    TEXT NOT NULL DEFAULT ''
);

CREATE TABLE packages (
    package_id       INTEGER PRIMARY KEY,
    order_id         TEXT NOT NULL REFERENCES orders (order_id) ON DELETE CASCADE,
    box_no           INTEGER NOT NULL DEFAULT 1,
    status           TEXT NOT NULL DEFAULT 'open',  -- open|awaiting_label|labelled|voided|shipped
    carrier          TEXT NOT NULL DEFAULT '',
    service          TEXT NOT NULL DEFAULT '',
    tracking         TEXT NOT NULL DEFAULT '',
    shipment_id      TEXT NOT NULL DEFAULT '',
    label_format     TEXT NOT NULL DEFAULT '',
    label_document   BLOB,                           -- holds the address: erased with the PII
    cost             REAL NOT NULL DEFAULT 0,
    currency         TEXT NOT NULL DEFAULT 'USD',
    weight_lb        REAL NOT NULL DEFAULT 0,
    length_in        REAL NOT NULL DEFAULT 0,
    width_in         REAL NOT NULL DEFAULT 0,
    height_in        REAL NOT NULL DEFAULT 0,
    idempotency_key  TEXT UNIQUE,
    created_at       TEXT NOT NULL,
    created_by       TEXT NOT NULL
);
CREATE INDEX packages_order ON packages (order_id);
CREATE INDEX packages_tracking ON packages (tracking) WHERE tracking != '';

CREATE TABLE package_items (
    package_id     INTEGER NOT NULL REFERENCES packages (package_id) ON DELETE CASCADE,
    order_item_id  TEXT NOT NULL,
    quantity       INTEGER NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (package_id, order_item_id)
);

-- Every scan at the pack station: who, when, what, result. `detail` may hold a serial number.
CREATE TABLE pack_events (
    event_id   INTEGER PRIMARY KEY,
    order_id   TEXT NOT NULL REFERENCES orders (order_id) ON DELETE CASCADE,
    operator   TEXT NOT NULL,
    at         TEXT NOT NULL,
    code       TEXT NOT NULL,
    result     TEXT NOT NULL,
    detail     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX pack_events_order ON pack_events (order_id);

CREATE TABLE outbox (
    entry_id          INTEGER PRIMARY KEY,
    kind              TEXT NOT NULL,                 -- confirm_shipment | cancel_shipment | ...
    seller_id         TEXT NOT NULL REFERENCES sellers (selling_partner_id) ON DELETE CASCADE,
    order_id          TEXT NOT NULL DEFAULT '',
    idempotency_key   TEXT NOT NULL UNIQUE,
    payload           TEXT NOT NULL,                 -- JSON, never PII
    status            TEXT NOT NULL DEFAULT 'pending', -- pending|delivered|failed
    attempts          INTEGER NOT NULL DEFAULT 0,
    next_attempt_at   TEXT NOT NULL DEFAULT '',
    last_error        TEXT NOT NULL DEFAULT '',
    created_at        TEXT NOT NULL,
    delivered_at      TEXT
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);

CREATE TABLE sync_cursors (
    seller_id   TEXT NOT NULL REFERENCES sellers (selling_partner_id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    value       TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (seller_id, name)
);

CREATE TABLE operators (
    operator_id     INTEGER PRIMARY KEY,
    name            TEXT NOT NULL UNIQUE,
    role            TEXT NOT NULL CHECK (role IN ('packer', 'lead', 'admin', 'auditor')),
    secret_hash     TEXT NOT NULL,                 -- Argon2id of the password (or PIN for packers)
    badge_digest    TEXT UNIQUE,                   -- keyed digest of the badge code (packers)
    totp_last_step  INTEGER NOT NULL DEFAULT 0,    -- newest accepted TOTP step: no replay
    failed_logins   INTEGER NOT NULL DEFAULT 0,
    locked_until    TEXT,
    disabled        INTEGER NOT NULL DEFAULT 0,
    created_at      TEXT NOT NULL,
    created_by      TEXT NOT NULL
);

-- Append-only, HMAC-chained. Never PII or secrets.
CREATE TABLE audit_events (
    seq       INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    action    TEXT NOT NULL,
    severity  TEXT NOT NULL DEFAULT 'info',         -- info|warning|alert
    target    TEXT NOT NULL DEFAULT '',
    detail    TEXT NOT NULL DEFAULT '{}',           -- JSON
    mac       TEXT NOT NULL
);
CREATE INDEX audit_action ON audit_events (action, at);
CREATE INDEX audit_actor ON audit_events (actor, action, at);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit trail is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit trail is append-only'); END;

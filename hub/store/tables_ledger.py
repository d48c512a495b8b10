"""The label ledger (Shipping v2 purchases and voids) and the confirmation outbox (labels bought elsewhere).

A ledger row is written BEFORE purchaseShipment is sent and holds the idempotency key and the exact body,
so every retry resends the identical request. Leases (owner + until) let any hub process take over the
work of a killed one; claims use ``FOR UPDATE SKIP LOCKED`` on PostgreSQL.
"""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, Index, Integer, String, Table, Text, UniqueConstraint

from hub.store.tables import ID, metadata

labels = Table(
    "labels",
    metadata,
    Column("label_id", ID, primary_key=True, autoincrement=True),
    Column("seller_id", ID, ForeignKey("sellers.seller_id", ondelete="CASCADE"), nullable=False),
    Column("amazon_order_id", String(32), nullable=False),
    Column("box_ref", String(64), nullable=False),  # the station's box; one live label per box
    Column("attempt", Integer, nullable=False),  # a new row per purchase after a definite "not bought"
    Column("station", String(64), nullable=False, server_default=""),
    Column("client_request_id", String(64), nullable=False, server_default=""),
    Column("business_id", String(32), nullable=False),
    Column("package_ref", String(64), nullable=False),  # packageClientReferenceId given to getRates
    Column("items", Text, nullable=False, server_default="[]"),  # JSON [[order_item_id, qty]] (no PII)
    Column("idempotency_key", String(64), nullable=False, unique=True),
    Column("request_body", Text, nullable=False),  # the exact purchaseShipment body, resent as is
    # buying | bought | unknown | refused | not_bought | voiding | voided
    Column("state", String(16), nullable=False),
    Column("lease_owner", String(64), nullable=False, server_default=""),
    Column("lease_until", String(32), nullable=False, server_default=""),
    Column("sends", Integer, nullable=False, server_default="0"),
    Column("shipment_id", String(64), nullable=False, server_default=""),
    Column("tracking", String(64), nullable=False, server_default=""),
    Column("carrier", String(64), nullable=False, server_default=""),
    Column("service", String(128), nullable=False, server_default=""),
    Column("label_format", String(8), nullable=False, server_default=""),
    Column("dpi", Integer, nullable=False, server_default="0"),
    Column("cost", String(32), nullable=False, server_default=""),
    Column("currency", String(8), nullable=False, server_default=""),
    Column("document_sealed", Text),  # the label shows the buyer's address: sealed, purged with buyer data
    Column("last_error", String(300), nullable=False, server_default=""),
    Column("settled_by", String(64), nullable=False, server_default=""),
    Column("created_at", String(32), nullable=False),
    Column("updated_at", String(32), nullable=False),
    # The station's additionalInputs (shippingV2: free JSON whose schema getAdditionalInputs returns at run
    # time, so it may hold names, addresses, tax ids): sealed, kept out of request_body, merged in at each send.
    Column("additional_inputs_sealed", Text),
    UniqueConstraint("seller_id", "amazon_order_id", "box_ref", "attempt", name="uq_labels_box_attempt"),
    Index("ix_labels_state_lease", "state", "lease_until"),
)

confirmations = Table(
    "confirmations",
    metadata,
    Column("entry_id", ID, primary_key=True, autoincrement=True),
    Column("seller_id", ID, ForeignKey("sellers.seller_id", ondelete="CASCADE"), nullable=False),
    Column("amazon_order_id", String(32), nullable=False),
    Column("box_ref", String(64), nullable=False),
    Column("package_reference_id", String(32), nullable=False),
    Column("tracking", String(64), nullable=False),
    Column("body", Text, nullable=False),  # the exact confirmShipment body (no buyer data)
    # pending | sending | delivered | failed | cancelled | unknown
    Column("state", String(16), nullable=False),
    Column("lease_owner", String(64), nullable=False, server_default=""),
    Column("lease_until", String(32), nullable=False, server_default=""),
    Column("attempts", Integer, nullable=False, server_default="0"),
    Column("next_at", String(32), nullable=False, server_default=""),
    Column("last_error", String(300), nullable=False, server_default=""),
    Column("created_at", String(32), nullable=False),
    Column("updated_at", String(32), nullable=False),
    UniqueConstraint("seller_id", "amazon_order_id", "package_reference_id", name="uq_confirmations_package"),
    Index("ix_confirmations_state_next", "state", "next_at"),
)

SEALED_COLUMNS: tuple[tuple[Table, str, str], ...] = (
    (labels, "label_id", "document_sealed"),
    (labels, "label_id", "additional_inputs_sealed"),
)

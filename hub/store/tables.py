"""The hub's tables, declared once (SQLAlchemy Core). Migrations create them; the store queries them.

Columns ending in ``_sealed`` hold envelope-encrypted text (hub.sealing); SEALED_COLUMNS lists them
for key rotation and for the dump test.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.types import TypeEngine

metadata: MetaData = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_name)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s",
        "pk": "pk_%(table_name)s",
    }
)
ID: TypeEngine[int] = BigInteger().with_variant(Integer(), "sqlite")  # SQLite autoincrements INTEGER PRIMARY KEY only

operators = Table(
    "operators",
    metadata,
    Column("operator_id", ID, primary_key=True, autoincrement=True),
    Column("name", String(64), nullable=False, unique=True),
    Column("role", String(16), nullable=False),
    Column("secret_hash", Text, nullable=False),
    Column("badge_digest", String(64), unique=True),
    Column("totp_sealed", Text),
    Column("last_totp_step", BigInteger, nullable=False, server_default="0"),
    Column("disabled", Boolean, nullable=False, server_default="0"),
    Column("failures", Integer, nullable=False, server_default="0"),
    Column("locked_until", String(32), nullable=False, server_default=""),
    Column("created_at", String(32), nullable=False),
    Column("language", String(8), nullable=False, server_default="en"),  # the station screens' language
)

stations = Table(
    "stations",
    metadata,
    Column("station_id", ID, primary_key=True, autoincrement=True),
    Column("name", String(64), nullable=False, unique=True),
    Column("secret_hash", String(64), unique=True),
    Column("state", String(16), nullable=False),  # active | revoked
    Column("version", String(32), nullable=False, server_default=""),
    Column("created_at", String(32), nullable=False),
    Column("last_seen", String(32), nullable=False, server_default=""),
)

enrolment_codes = Table(
    "enrolment_codes",
    metadata,
    Column("code_hash", String(64), primary_key=True),
    Column("station_name", String(64), nullable=False),
    Column("expires_at", String(32), nullable=False),
    Column("used_at", String(32), nullable=False, server_default=""),
    Column("created_by", String(64), nullable=False),
)

sessions = Table(
    "sessions",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("operator_id", ID, ForeignKey("operators.operator_id"), nullable=False, index=True),
    Column("station_id", ID, ForeignKey("stations.station_id")),
    Column("created_at", String(32), nullable=False),
    Column("expires_at", String(32), nullable=False),
    Column("ended_at", String(32), nullable=False, server_default=""),
)

requests_seen = Table(
    "requests_seen",
    metadata,
    Column("station_id", ID, ForeignKey("stations.station_id"), primary_key=True),
    Column("request_id", String(64), primary_key=True),
    Column("status", Integer, nullable=False),
    Column("body", Text, nullable=False),
    Column("created_at", String(32), nullable=False),
)

sellers = Table(
    "sellers",
    metadata,
    Column("seller_id", ID, primary_key=True, autoincrement=True),
    Column("name", String(64), nullable=False, unique=True),
    Column("state", String(16), nullable=False),  # invited | authorized | verified | revoked
    Column("selling_partner_id", String(64), nullable=False, server_default=""),
    Column("refresh_token_sealed", Text),
    Column("marketplaces", Text, nullable=False, server_default=""),
    Column("created_at", String(32), nullable=False),
    Column("authorized_at", String(32), nullable=False, server_default=""),
    Column("verified_at", String(32), nullable=False, server_default=""),
)

onboardings = Table(
    "onboardings",
    metadata,
    Column("onboarding_id", ID, primary_key=True, autoincrement=True),
    Column("seller_id", ID, ForeignKey("sellers.seller_id", ondelete="CASCADE"), nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("expires_at", String(32), nullable=False),
    Column("completed_at", String(32), nullable=False, server_default=""),
)

oauth_states = Table(
    "oauth_states",
    metadata,
    Column("state_hash", String(64), primary_key=True),
    Column("onboarding_id", ID, ForeignKey("onboardings.onboarding_id", ondelete="CASCADE"), nullable=False),
    Column("expires_at", String(32), nullable=False),
    Column("used_at", String(32), nullable=False, server_default=""),
)

app_credentials = Table(
    "app_credentials",
    metadata,
    Column("credential_id", Integer, primary_key=True),
    Column("client_id", String(128), nullable=False),
    Column("client_secret_sealed", Text, nullable=False),
    Column("set_at", String(32), nullable=False),
)

orders = Table(
    "orders",
    metadata,
    Column("order_id", ID, primary_key=True, autoincrement=True),
    Column("seller_id", ID, ForeignKey("sellers.seller_id", ondelete="CASCADE"), nullable=False),
    Column("amazon_order_id", String(32), nullable=False),
    Column("status", String(32), nullable=False),
    Column("ship_by", String(32), nullable=False, server_default=""),
    Column("lines", Text, nullable=False, server_default="[]"),  # JSON: sku, asin, quantity (no PII)
    Column("marketplace_id", String(32), nullable=False, server_default=""),  # stations buy and confirm with it
    Column("buyer_name_sealed", Text),
    Column("address_sealed", Text),
    Column("phone_sealed", Text),
    Column("gifts_sealed", Text),  # the buyer's gift messages (JSON), sealed: buyer-written text
    Column("updated_at", String(32), nullable=False),
    Column("closed_at", String(32), nullable=False, server_default=""),
    Column("purged_at", String(32), nullable=False, server_default=""),
    # The order pull (hub.engine.pull): Amazon's lastUpdatedTime, a pending buyer cancellation request's
    # reason, when our own label/confirmation shipped it, and the station holding it (claims: issue 13).
    Column("upstream_updated", String(32), nullable=False, server_default=""),
    Column("cancel_request", String(64), nullable=False, server_default=""),
    Column("shipped_here_at", String(32), nullable=False, server_default=""),
    Column("holder_station_id", ID, ForeignKey("stations.station_id", ondelete="SET NULL")),
    UniqueConstraint("seller_id", "amazon_order_id", name="uq_orders_seller_order"),
)

# One row per change of an order; stations pull them by cursor (the seq).
order_changes = Table(
    "order_changes",
    metadata,
    Column("seq", ID, primary_key=True, autoincrement=True),
    Column("order_id", ID, ForeignKey("orders.order_id", ondelete="CASCADE"), nullable=False),
    Column("seller_id", ID, nullable=False),
    Column("at", String(32), nullable=False),
    # What changed (new, updated, cancelled, cancel_requested, address_changed, shipped_elsewhere,
    # partially_shipped), a JSON detail without buyer data, and the station it is addressed to (or none).
    Column("kind", String(32), nullable=False, server_default="updated"),
    Column("detail", Text, nullable=False, server_default="{}"),
    Column("station_id", ID, ForeignKey("stations.station_id", ondelete="SET NULL")),
    Index("ix_order_changes_seller_seq", "seller_id", "seq"),
)

audit = Table(
    "audit",
    metadata,
    Column("seq", BigInteger, primary_key=True, autoincrement=False),
    Column("at", String(32), nullable=False),
    Column("actor", String(64), nullable=False),
    Column("station", String(64), nullable=False, server_default=""),  # also in detail, under the MAC
    Column("action", String(64), nullable=False),
    Column("severity", String(16), nullable=False),
    Column("target", String(128), nullable=False),
    Column("detail", Text, nullable=False),
    Column("mac", String(160), nullable=False),  # forward-secure MAC ":" check MAC
    Index("ix_audit_action_at", "action", "at"),
)

_HUB_SEALED: tuple[tuple[Table, str, str], ...] = (
    (operators, "operator_id", "totp_sealed"),
    (sellers, "seller_id", "refresh_token_sealed"),
    (app_credentials, "credential_id", "client_secret_sealed"),
    (orders, "order_id", "buyer_name_sealed"),
    (orders, "order_id", "address_sealed"),
    (orders, "order_id", "phone_sealed"),
    (orders, "order_id", "gifts_sealed"),
)


def seal_context(table: Table, column: str) -> str:
    """The associated data a sealed column's values are bound to."""
    return f"{table.name}.{column}"


# The SP-API engine's tables (issue 12) live in their own modules on this MetaData; importing them here
# registers them wherever the tables are (migrations, the dump test), and their sealed columns join the
# list so key rotation and the dump test see them.
from hub.store import tables_ledger  # noqa: E402  (after metadata: those modules build on it)
from hub.store.tables_pull import notification_config  # noqa: E402

SEALED_COLUMNS: tuple[tuple[Table, str, str], ...] = (
    _HUB_SEALED
    + tables_ledger.SEALED_COLUMNS
    + ((notification_config, "config_id", "secret_access_key_sealed"),)
)

# Stations through the hub (issue 13): its tables live in their own module on this MetaData; importing them
# here registers them wherever the tables are (migrations, the dump test) and lists their sealed columns.
from hub.store.tables_claims import badge_seals, seller_keys  # noqa: E402

SEALED_COLUMNS += (
    (badge_seals, "operator_id", "badge_sealed"),
    (seller_keys, "seller_id", "key_sealed"),
)

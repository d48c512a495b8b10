"""Tables of stations through the hub (issue 13): order claims and hub-wide flags, on the hub's one MetaData.

Times that several processes compare (claim expiry) are epoch seconds, as in the order pull's tables.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, Float, ForeignKey, Index, String, Table, Text

from hub.store.tables import ID, metadata

# One row per claimed order: which station packs it, for which operator, until when.
# kind "open": an order open at a station, kept alive by heartbeat (expires_at = last beat + lease);
# kind "hold": a batch claimed ahead, which silence never ends (expires_at = the order's ship-by).
claims = Table(
    "claims",
    metadata,
    Column("order_id", ID, ForeignKey("orders.order_id", ondelete="CASCADE"), primary_key=True),
    Column("station_id", ID, ForeignKey("stations.station_id", ondelete="CASCADE"), nullable=False),
    Column("operator", String(64), nullable=False, server_default=""),
    Column("kind", String(8), nullable=False),
    Column("expires_at", Float, nullable=False),
    Column("claimed_at", String(32), nullable=False),
    Index("ix_claims_station_id", "station_id"),
)

# Hub-wide flags every station obeys (e.g. "locked": incident mode) and central settings' versions.
hub_flags = Table(
    "hub_flags",
    metadata,
    Column("name", String(64), primary_key=True),
    Column("value", Text, nullable=False),
    Column("set_at", String(32), nullable=False),
)

# A packer's badge code, sealed (hub.sealing), so the hub can derive each station's own badge lookup
# (HMAC under a per-station key) without ever sending the hub's badge pepper or the code itself.
badge_seals = Table(
    "badge_seals",
    metadata,
    Column("operator_id", ID, ForeignKey("operators.operator_id", ondelete="CASCADE"), primary_key=True),
    Column("badge_sealed", Text, nullable=False),
    Column("set_at", String(32), nullable=False),
)

# Each station's own audit rows, uploaded (a copy: the station keeps its chain too), and its anchored head.
station_audit = Table(
    "station_audit",
    metadata,
    Column("station_id", ID, ForeignKey("stations.station_id", ondelete="CASCADE"), primary_key=True),
    Column("seq", BigInteger, primary_key=True, autoincrement=False),
    Column("at", String(32), nullable=False),
    Column("actor", String(64), nullable=False),
    Column("action", String(64), nullable=False),
    Column("severity", String(16), nullable=False),
    Column("target", String(128), nullable=False),
    Column("detail", Text, nullable=False),
    Column("mac", String(160), nullable=False),
)

station_heads = Table(
    "station_heads",
    metadata,
    Column("station_id", ID, ForeignKey("stations.station_id", ondelete="CASCADE"), primary_key=True),
    Column("seq", BigInteger, nullable=False),
    Column("mac", String(160), nullable=False),
    Column("at", String(32), nullable=False),
)

# Per-seller data keys stations encrypt that seller's buyer data under (leased for at most 24 h); seller
# forget deletes the row (cascade), so every station's cache of that seller is unreadable from then on.
seller_keys = Table(
    "seller_keys",
    metadata,
    Column("seller_id", ID, ForeignKey("sellers.seller_id", ondelete="CASCADE"), primary_key=True),
    Column("key_sealed", Text, nullable=False),
    Column("created_at", String(32), nullable=False),
)

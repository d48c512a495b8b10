"""Tables of the order pull and the shared rate limits (issue 12), on the hub's one MetaData.

Times that several processes compare (lease expiry, bucket stamps, token age) are epoch seconds.
"""

from __future__ import annotations

from sqlalchemy import Column, Float, ForeignKey, Integer, String, Table, Text

from hub.store.tables import ID, metadata

# One row per seller: who pulls it, until when (a killed process's lease simply runs out).
pull_leases = Table(
    "pull_leases",
    metadata,
    Column("seller_id", ID, ForeignKey("sellers.seller_id", ondelete="CASCADE"), primary_key=True),
    Column("holder", String(64), nullable=False, server_default=""),
    Column("expires_at", Float, nullable=False, server_default="0"),
)

# The pull's progress, saved page by page so a restart resumes mid-pull.
pull_progress = Table(
    "pull_progress",
    metadata,
    Column("seller_id", ID, ForeignKey("sellers.seller_id", ondelete="CASCADE"), primary_key=True),
    Column("cursor", String(32), nullable=False, server_default=""),  # lastUpdatedAfter of the next pull
    Column("after", String(32), nullable=False, server_default=""),  # lastUpdatedAfter of this pull
    Column("before", String(32), nullable=False, server_default=""),  # this pull's first page's lastUpdatedBefore
    Column("page_token", Text, nullable=False, server_default=""),
    Column("token_at", Float, nullable=False, server_default="0"),  # paginationToken lives 24 h
    Column("pages", Integer, nullable=False, server_default="0"),
    Column("finished_at", String(32), nullable=False, server_default=""),
    Column("wanted", Integer, nullable=False, server_default="0"),  # a notification asks for a pull now
)

# Token buckets shared by every hub process: per (seller, operation), and per application ("" seller).
rate_buckets = Table(
    "rate_buckets",
    metadata,
    Column("seller", String(64), primary_key=True),
    Column("operation", String(64), primary_key=True),
    Column("rate", Float, nullable=False),
    Column("burst", Float, nullable=False),  # the cap: the published burst less a latency headroom
    Column("tokens", Float, nullable=False),
    Column("stamp", Float, nullable=False),
)

# Where ORDER_CHANGE notifications go (one row): the SQS queue, the AWS key (secret sealed), the
# destination Amazon gave us; and each seller's subscription.
notification_config = Table(
    "notification_config",
    metadata,
    Column("config_id", Integer, primary_key=True),
    Column("queue_url", Text, nullable=False),
    Column("queue_arn", Text, nullable=False),
    Column("region", String(32), nullable=False),
    Column("access_key_id", String(128), nullable=False),
    Column("secret_access_key_sealed", Text, nullable=False),
    Column("destination_id", String(128), nullable=False, server_default=""),
    Column("set_at", String(32), nullable=False),
)

notification_subscriptions = Table(
    "notification_subscriptions",
    metadata,
    Column("seller_id", ID, ForeignKey("sellers.seller_id", ondelete="CASCADE"), primary_key=True),
    Column("subscription_id", String(128), nullable=False),
    Column("set_at", String(32), nullable=False),
)

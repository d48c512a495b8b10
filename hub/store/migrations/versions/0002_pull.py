"""order pull: leases, page-by-page progress, shared rate buckets, change kinds, SQS notifications

Revision ID: 0002_pull
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_pull"
down_revision = "0001"
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "notification_config",
        sa.Column("config_id", sa.Integer(), nullable=False),
        sa.Column("queue_url", sa.Text(), nullable=False),
        sa.Column("queue_arn", sa.Text(), nullable=False),
        sa.Column("region", sa.String(length=32), nullable=False),
        sa.Column("access_key_id", sa.String(length=128), nullable=False),
        sa.Column("secret_access_key_sealed", sa.Text(), nullable=False),
        sa.Column("destination_id", sa.String(length=128), server_default="", nullable=False),
        sa.Column("set_at", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("config_id", name=op.f("pk_notification_config")),
    )
    op.create_table(
        "rate_buckets",
        sa.Column("seller", sa.String(length=64), nullable=False),
        sa.Column("operation", sa.String(length=64), nullable=False),
        sa.Column("rate", sa.Float(), nullable=False),
        sa.Column("burst", sa.Float(), nullable=False),
        sa.Column("tokens", sa.Float(), nullable=False),
        sa.Column("stamp", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("seller", "operation", name=op.f("pk_rate_buckets")),
    )
    op.create_table(
        "notification_subscriptions",
        sa.Column("seller_id", ID, nullable=False),
        sa.Column("subscription_id", sa.String(length=128), nullable=False),
        sa.Column("set_at", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(["seller_id"], ["sellers.seller_id"],
                                name=op.f("fk_notification_subscriptions_seller_id"), ondelete="CASCADE"),  # fmt: skip
        sa.PrimaryKeyConstraint("seller_id", name=op.f("pk_notification_subscriptions")),
    )
    op.create_table(
        "pull_leases",
        sa.Column("seller_id", ID, nullable=False),
        sa.Column("holder", sa.String(length=64), server_default="", nullable=False),
        sa.Column("expires_at", sa.Float(), server_default="0", nullable=False),
        sa.ForeignKeyConstraint(["seller_id"], ["sellers.seller_id"], name=op.f("fk_pull_leases_seller_id"),
                                ondelete="CASCADE"),  # fmt: skip
        sa.PrimaryKeyConstraint("seller_id", name=op.f("pk_pull_leases")),
    )
    op.create_table(
        "pull_progress",
        sa.Column("seller_id", ID, nullable=False),
        sa.Column("cursor", sa.String(length=32), server_default="", nullable=False),
        sa.Column("after", sa.String(length=32), server_default="", nullable=False),
        sa.Column("before", sa.String(length=32), server_default="", nullable=False),
        sa.Column("page_token", sa.Text(), server_default="", nullable=False),
        sa.Column("token_at", sa.Float(), server_default="0", nullable=False),
        sa.Column("pages", sa.Integer(), server_default="0", nullable=False),
        sa.Column("finished_at", sa.String(length=32), server_default="", nullable=False),
        sa.Column("wanted", sa.Integer(), server_default="0", nullable=False),
        sa.ForeignKeyConstraint(["seller_id"], ["sellers.seller_id"], name=op.f("fk_pull_progress_seller_id"),
                                ondelete="CASCADE"),  # fmt: skip
        sa.PrimaryKeyConstraint("seller_id", name=op.f("pk_pull_progress")),
    )
    with op.batch_alter_table("order_changes") as batch:
        batch.add_column(sa.Column("kind", sa.String(length=32), server_default="updated", nullable=False))
        batch.add_column(sa.Column("detail", sa.Text(), server_default="{}", nullable=False))
        batch.add_column(sa.Column("station_id", ID, nullable=True))
        batch.create_foreign_key(op.f("fk_order_changes_station_id"), "stations", ["station_id"], ["station_id"],
                                 ondelete="SET NULL")  # fmt: skip
    with op.batch_alter_table("orders") as batch:
        batch.add_column(sa.Column("upstream_updated", sa.String(length=32), server_default="", nullable=False))
        batch.add_column(sa.Column("cancel_request", sa.String(length=64), server_default="", nullable=False))
        batch.add_column(sa.Column("shipped_here_at", sa.String(length=32), server_default="", nullable=False))
        batch.add_column(sa.Column("holder_station_id", ID, nullable=True))
        batch.create_foreign_key(op.f("fk_orders_holder_station_id"), "stations", ["holder_station_id"],
                                 ["station_id"], ondelete="SET NULL")  # fmt: skip


def downgrade() -> None:
    with op.batch_alter_table("orders") as batch:
        batch.drop_constraint(op.f("fk_orders_holder_station_id"), type_="foreignkey")
        for name in ("holder_station_id", "shipped_here_at", "cancel_request", "upstream_updated"):
            batch.drop_column(name)
    with op.batch_alter_table("order_changes") as batch:
        batch.drop_constraint(op.f("fk_order_changes_station_id"), type_="foreignkey")
        for name in ("station_id", "detail", "kind"):
            batch.drop_column(name)
    for table in ("pull_progress", "pull_leases", "notification_subscriptions", "rate_buckets",
                  "notification_config"):  # fmt: skip
        op.drop_table(table)

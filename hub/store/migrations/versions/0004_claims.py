"""stations through the hub: order claims (open leases and batch holds), hub flags, event triggers

Revision ID: 0004_claims
Revises: 0003_ledger

"""

import sqlalchemy as sa
from alembic import op

revision = "0004_claims"
down_revision = "0003_ledger"
branch_labels = None
depends_on = None

NOTIFY_FUNCTION = """
CREATE OR REPLACE FUNCTION hub_events_notify() RETURNS trigger AS $$
BEGIN
    PERFORM pg_notify('hub_events', '');
    RETURN NULL;
END
$$ LANGUAGE plpgsql
"""
ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "claims",
        sa.Column("order_id", ID, nullable=False),
        sa.Column("station_id", ID, nullable=False),
        sa.Column("operator", sa.String(length=64), server_default="", nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("expires_at", sa.Float(), nullable=False),
        sa.Column("claimed_at", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(["order_id"], ["orders.order_id"], name=op.f("fk_claims_order_id"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["station_id"], ["stations.station_id"], name=op.f("fk_claims_station_id"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("order_id", name=op.f("pk_claims")),
    )
    with op.batch_alter_table("claims", schema=None) as batch_op:
        batch_op.create_index("ix_claims_station_id", ["station_id"], unique=False)
    op.create_table(
        "hub_flags",
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("set_at", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_hub_flags")),
    )
    op.create_table(
        "badge_seals",
        sa.Column("operator_id", ID, nullable=False),
        sa.Column("badge_sealed", sa.Text(), nullable=False),
        sa.Column("set_at", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(["operator_id"], ["operators.operator_id"], name=op.f("fk_badge_seals_operator_id"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("operator_id", name=op.f("pk_badge_seals")),
    )
    op.create_table(
        "station_audit",
        sa.Column("station_id", ID, nullable=False),
        sa.Column("seq", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("at", sa.String(length=32), nullable=False),
        sa.Column("actor", sa.String(length=64), nullable=False),
        sa.Column("action", sa.String(length=64), nullable=False),
        sa.Column("severity", sa.String(length=16), nullable=False),
        sa.Column("target", sa.String(length=128), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("mac", sa.String(length=160), nullable=False),
        sa.ForeignKeyConstraint(["station_id"], ["stations.station_id"], name=op.f("fk_station_audit_station_id"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("station_id", "seq", name=op.f("pk_station_audit")),
    )
    op.create_table(
        "station_heads",
        sa.Column("station_id", ID, nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("mac", sa.String(length=160), nullable=False),
        sa.Column("at", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(["station_id"], ["stations.station_id"], name=op.f("fk_station_heads_station_id"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("station_id", name=op.f("pk_station_heads")),
    )
    op.create_table(
        "seller_keys",
        sa.Column("seller_id", ID, nullable=False),
        sa.Column("key_sealed", sa.Text(), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(["seller_id"], ["sellers.seller_id"], name=op.f("fk_seller_keys_seller_id"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("seller_id", name=op.f("pk_seller_keys")),
    )
    if op.get_bind().dialect.name == "postgresql":
        # Any process's commit of an order change or an audit row wakes every hub process's event streams.
        op.execute(NOTIFY_FUNCTION)
        for table in ("order_changes", "audit"):
            op.execute(f"CREATE TRIGGER {table}_notify AFTER INSERT ON {table} "
                       "FOR EACH STATEMENT EXECUTE FUNCTION hub_events_notify()")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in ("order_changes", "audit"):
            op.execute(f"DROP TRIGGER IF EXISTS {table}_notify ON {table}")
        op.execute("DROP FUNCTION IF EXISTS hub_events_notify()")
    op.drop_table("seller_keys")
    op.drop_table("station_heads")
    op.drop_table("station_audit")
    op.drop_table("badge_seals")
    op.drop_table("hub_flags")
    with op.batch_alter_table("claims", schema=None) as batch_op:
        batch_op.drop_index("ix_claims_station_id")
    op.drop_table("claims")

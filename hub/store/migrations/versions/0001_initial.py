"""initial hub schema

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "app_credentials",
        sa.Column("credential_id", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.String(length=128), nullable=False),
        sa.Column("client_secret_sealed", sa.Text(), nullable=False),
        sa.Column("set_at", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("credential_id", name=op.f("pk_app_credentials")),
    )
    op.create_table(
        "audit",
        sa.Column("seq", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("at", sa.String(length=32), nullable=False),
        sa.Column("actor", sa.String(length=64), nullable=False),
        sa.Column("station", sa.String(length=64), server_default="", nullable=False),
        sa.Column("action", sa.String(length=64), nullable=False),
        sa.Column("severity", sa.String(length=16), nullable=False),
        sa.Column("target", sa.String(length=128), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("mac", sa.String(length=160), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_audit")),
    )
    with op.batch_alter_table("audit", schema=None) as batch_op:
        batch_op.create_index("ix_audit_action_at", ["action", "at"], unique=False)

    op.create_table(
        "enrolment_codes",
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("station_name", sa.String(length=64), nullable=False),
        sa.Column("expires_at", sa.String(length=32), nullable=False),
        sa.Column("used_at", sa.String(length=32), server_default="", nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("code_hash", name=op.f("pk_enrolment_codes")),
    )
    op.create_table(
        "operators",
        sa.Column(
            "operator_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False
        ),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("secret_hash", sa.Text(), nullable=False),
        sa.Column("badge_digest", sa.String(length=64), nullable=True),
        sa.Column("totp_sealed", sa.Text(), nullable=True),
        sa.Column("last_totp_step", sa.BigInteger(), server_default="0", nullable=False),
        sa.Column("disabled", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("failures", sa.Integer(), server_default="0", nullable=False),
        sa.Column("locked_until", sa.String(length=32), server_default="", nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("operator_id", name=op.f("pk_operators")),
        sa.UniqueConstraint("badge_digest", name=op.f("uq_operators_badge_digest")),
        sa.UniqueConstraint("name", name=op.f("uq_operators_name")),
    )
    op.create_table(
        "sellers",
        sa.Column(
            "seller_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False
        ),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("selling_partner_id", sa.String(length=64), server_default="", nullable=False),
        sa.Column("refresh_token_sealed", sa.Text(), nullable=True),
        sa.Column("marketplaces", sa.Text(), server_default="", nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("authorized_at", sa.String(length=32), server_default="", nullable=False),
        sa.Column("verified_at", sa.String(length=32), server_default="", nullable=False),
        sa.PrimaryKeyConstraint("seller_id", name=op.f("pk_sellers")),
        sa.UniqueConstraint("name", name=op.f("uq_sellers_name")),
    )
    op.create_table(
        "stations",
        sa.Column(
            "station_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False
        ),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("secret_hash", sa.String(length=64), nullable=True),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("version", sa.String(length=32), server_default="", nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("last_seen", sa.String(length=32), server_default="", nullable=False),
        sa.PrimaryKeyConstraint("station_id", name=op.f("pk_stations")),
        sa.UniqueConstraint("name", name=op.f("uq_stations_name")),
        sa.UniqueConstraint("secret_hash", name=op.f("uq_stations_secret_hash")),
    )
    op.create_table(
        "onboardings",
        sa.Column(
            "onboarding_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False
        ),
        sa.Column("seller_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("expires_at", sa.String(length=32), nullable=False),
        sa.Column("completed_at", sa.String(length=32), server_default="", nullable=False),
        sa.ForeignKeyConstraint(
            ["seller_id"], ["sellers.seller_id"], name=op.f("fk_onboardings_seller_id"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("onboarding_id", name=op.f("pk_onboardings")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_onboardings_token_hash")),
    )
    op.create_table(
        "orders",
        sa.Column("order_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False),
        sa.Column("seller_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("amazon_order_id", sa.String(length=32), nullable=False),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.Column("ship_by", sa.String(length=32), server_default="", nullable=False),
        sa.Column("lines", sa.Text(), server_default="[]", nullable=False),
        sa.Column("buyer_name_sealed", sa.Text(), nullable=True),
        sa.Column("address_sealed", sa.Text(), nullable=True),
        sa.Column("phone_sealed", sa.Text(), nullable=True),
        sa.Column("updated_at", sa.String(length=32), nullable=False),
        sa.Column("closed_at", sa.String(length=32), server_default="", nullable=False),
        sa.Column("purged_at", sa.String(length=32), server_default="", nullable=False),
        sa.ForeignKeyConstraint(
            ["seller_id"], ["sellers.seller_id"], name=op.f("fk_orders_seller_id"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("order_id", name=op.f("pk_orders")),
        sa.UniqueConstraint("seller_id", "amazon_order_id", name="uq_orders_seller_order"),
    )
    op.create_table(
        "requests_seen",
        sa.Column("station_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("request_id", sa.String(length=64), nullable=False),
        sa.Column("status", sa.Integer(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(["station_id"], ["stations.station_id"], name=op.f("fk_requests_seen_station_id")),
        sa.PrimaryKeyConstraint("station_id", "request_id", name=op.f("pk_requests_seen")),
    )
    op.create_table(
        "sessions",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("operator_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("station_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("expires_at", sa.String(length=32), nullable=False),
        sa.Column("ended_at", sa.String(length=32), server_default="", nullable=False),
        sa.ForeignKeyConstraint(["operator_id"], ["operators.operator_id"], name=op.f("fk_sessions_operator_id")),
        sa.ForeignKeyConstraint(["station_id"], ["stations.station_id"], name=op.f("fk_sessions_station_id")),
        sa.PrimaryKeyConstraint("token_hash", name=op.f("pk_sessions")),
    )
    with op.batch_alter_table("sessions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sessions_operator_id"), ["operator_id"], unique=False)

    op.create_table(
        "oauth_states",
        sa.Column("state_hash", sa.String(length=64), nullable=False),
        sa.Column("onboarding_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("expires_at", sa.String(length=32), nullable=False),
        sa.Column("used_at", sa.String(length=32), server_default="", nullable=False),
        sa.ForeignKeyConstraint(
            ["onboarding_id"],
            ["onboardings.onboarding_id"],
            name=op.f("fk_oauth_states_onboarding_id"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("state_hash", name=op.f("pk_oauth_states")),
    )
    op.create_table(
        "order_changes",
        sa.Column("seq", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False),
        sa.Column("order_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("seller_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("at", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["order_id"], ["orders.order_id"], name=op.f("fk_order_changes_order_id"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_order_changes")),
    )
    with op.batch_alter_table("order_changes", schema=None) as batch_op:
        batch_op.create_index("ix_order_changes_seller_seq", ["seller_id", "seq"], unique=False)



def downgrade() -> None:
    with op.batch_alter_table("order_changes", schema=None) as batch_op:
        batch_op.drop_index("ix_order_changes_seller_seq")

    op.drop_table("order_changes")
    op.drop_table("oauth_states")
    with op.batch_alter_table("sessions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sessions_operator_id"))

    op.drop_table("sessions")
    op.drop_table("requests_seen")
    op.drop_table("orders")
    op.drop_table("onboardings")
    op.drop_table("stations")
    op.drop_table("sellers")
    op.drop_table("operators")
    op.drop_table("enrolment_codes")
    with op.batch_alter_table("audit", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_action_at")

    op.drop_table("audit")
    op.drop_table("app_credentials")

"""label ledger and confirmation outbox (issue 12)

Revision ID: 0003_ledger
Revises: 0002_pull
"""

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0003_ledger"
down_revision = "0002_pull"
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def _lease_columns() -> list[sa.Column[Any]]:
    return [
        sa.Column("lease_owner", sa.String(length=64), server_default="", nullable=False),
        sa.Column("lease_until", sa.String(length=32), server_default="", nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "labels",
        sa.Column("label_id", ID, autoincrement=True, nullable=False),
        sa.Column("seller_id", ID, nullable=False),
        sa.Column("amazon_order_id", sa.String(length=32), nullable=False),
        sa.Column("box_ref", sa.String(length=64), nullable=False),
        sa.Column("attempt", sa.Integer(), nullable=False),
        sa.Column("station", sa.String(length=64), server_default="", nullable=False),
        sa.Column("client_request_id", sa.String(length=64), server_default="", nullable=False),
        sa.Column("business_id", sa.String(length=32), nullable=False),
        sa.Column("package_ref", sa.String(length=64), nullable=False),
        sa.Column("items", sa.Text(), server_default="[]", nullable=False),
        sa.Column("idempotency_key", sa.String(length=64), nullable=False),
        sa.Column("request_body", sa.Text(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        *_lease_columns(),
        sa.Column("sends", sa.Integer(), server_default="0", nullable=False),
        sa.Column("shipment_id", sa.String(length=64), server_default="", nullable=False),
        sa.Column("tracking", sa.String(length=64), server_default="", nullable=False),
        sa.Column("carrier", sa.String(length=64), server_default="", nullable=False),
        sa.Column("service", sa.String(length=128), server_default="", nullable=False),
        sa.Column("label_format", sa.String(length=8), server_default="", nullable=False),
        sa.Column("dpi", sa.Integer(), server_default="0", nullable=False),
        sa.Column("cost", sa.String(length=32), server_default="", nullable=False),
        sa.Column("currency", sa.String(length=8), server_default="", nullable=False),
        sa.Column("document_sealed", sa.Text(), nullable=True),
        sa.Column("last_error", sa.String(length=300), server_default="", nullable=False),
        sa.Column("settled_by", sa.String(length=64), server_default="", nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("updated_at", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(["seller_id"], ["sellers.seller_id"], name=op.f("fk_labels_seller_id"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("label_id", name=op.f("pk_labels")),
        sa.UniqueConstraint("idempotency_key", name=op.f("uq_labels_idempotency_key")),
        sa.UniqueConstraint("seller_id", "amazon_order_id", "box_ref", "attempt", name="uq_labels_box_attempt"),
    )
    op.create_index("ix_labels_state_lease", "labels", ["state", "lease_until"], unique=False)
    op.create_table(
        "confirmations",
        sa.Column("entry_id", ID, autoincrement=True, nullable=False),
        sa.Column("seller_id", ID, nullable=False),
        sa.Column("amazon_order_id", sa.String(length=32), nullable=False),
        sa.Column("box_ref", sa.String(length=64), nullable=False),
        sa.Column("package_reference_id", sa.String(length=32), nullable=False),
        sa.Column("tracking", sa.String(length=64), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        *_lease_columns(),
        sa.Column("attempts", sa.Integer(), server_default="0", nullable=False),
        sa.Column("next_at", sa.String(length=32), server_default="", nullable=False),
        sa.Column("last_error", sa.String(length=300), server_default="", nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("updated_at", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(["seller_id"], ["sellers.seller_id"], name=op.f("fk_confirmations_seller_id"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("entry_id", name=op.f("pk_confirmations")),
        sa.UniqueConstraint("seller_id", "amazon_order_id", "package_reference_id",
                            name="uq_confirmations_package"),
    )
    op.create_index("ix_confirmations_state_next", "confirmations", ["state", "next_at"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_confirmations_state_next", table_name="confirmations")
    op.drop_table("confirmations")
    op.drop_index("ix_labels_state_lease", table_name="labels")
    op.drop_table("labels")

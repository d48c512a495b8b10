"""orders.marketplace_id: the marketplace of each order, sent to stations with its changes (issue 13)

Revision ID: 0008_order_marketplace
Revises: 0007_operator_language
"""

import sqlalchemy as sa
from alembic import op

revision = "0008_order_marketplace"
down_revision = "0007_operator_language"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("orders") as batch:
        batch.add_column(sa.Column("marketplace_id", sa.String(32), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("orders") as batch:
        batch.drop_column("marketplace_id")

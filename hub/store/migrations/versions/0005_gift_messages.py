"""buyer gift messages, sealed like the address (issue 15 item 9)

Revision ID: 0005_gift_messages
Revises: 0004_claims
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_gift_messages"
down_revision = "0004_claims"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # JSON [{order_item_id, message, wrap_level}] sealed (buyer-written text); erased with the address.
    op.add_column("orders", sa.Column("gifts_sealed", sa.Text(), nullable=True))


def downgrade() -> None:
    op.drop_column("orders", "gifts_sealed")

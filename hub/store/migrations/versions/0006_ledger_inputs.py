"""labels.additional_inputs_sealed: the station's additional inputs sealed, out of request_body (issue 12)

Revision ID: 0006_ledger_inputs
Revises: 0005_gift_messages
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_ledger_inputs"
down_revision = "0005_gift_messages"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("labels") as batch:
        batch.add_column(sa.Column("additional_inputs_sealed", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("labels") as batch:
        batch.drop_column("additional_inputs_sealed")

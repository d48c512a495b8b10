"""labels.additional_inputs_sealed: the station's additional inputs sealed, out of request_body (issue 12)

Revision ID: 0004_ledger_inputs
Revises: 0003_ledger
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_ledger_inputs"
down_revision = "0003_ledger"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("labels") as batch:
        batch.add_column(sa.Column("additional_inputs_sealed", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("labels") as batch:
        batch.drop_column("additional_inputs_sealed")

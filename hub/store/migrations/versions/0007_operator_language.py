"""operators.language: the language an operator's station screens show, switched at login (issue 15)

Revision ID: 0007_operator_language
Revises: 0006_ledger_inputs
"""

import sqlalchemy as sa
from alembic import op

revision = "0007_operator_language"
down_revision = "0006_ledger_inputs"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("operators") as batch:
        batch.add_column(sa.Column("language", sa.String(8), nullable=False, server_default="en"))


def downgrade() -> None:
    with op.batch_alter_table("operators") as batch:
        batch.drop_column("language")

"""Kept monthly kuntaosuus: every municipality's month of the 2015–2024 series on today's boundaries

The Overview, Benefits and the quarterly pack add up their members' monthly
kuntaosuus; built from Kela's area totals when a page opens, that is a read of
thousands of wide rows and a regrouping onto today's boundaries each time.
Each statistics import writes the result here
(``data_loaders.comparison.refresh_comparison_figures``) with a stamp of what it
was computed from; pages read it only while that stamp is current, else they
compute it as before. Empty until the next statistics import.

Revision ID: 0012
Revises: 0011
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "kuntaosuus_month",
        sa.Column("municipality", sa.String(length=3), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("kuntaosuus_cents", sa.BigInteger(), nullable=False),
        sa.Column("data_token", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("municipality", "month"),
    )


def downgrade() -> None:
    op.drop_table("kuntaosuus_month")

"""Comparison figures: every municipality's indicators per year and month, written after each statistics import

The Comparison page ranks a programme's municipalities among all 309; computing
every municipality's indicators from Kela's month totals and StatFin's cells
when the page opens costs about a second at national scale. Each statistics
import writes them here (``data_loaders.comparison.refresh_comparison_figures``),
with a stamp of what they were computed from; the page reads them only while
that stamp is current, else it computes them as before. Empty until the next
statistics import.

Revision ID: 0011
Revises: 0010
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

INDICATORS = (
    "kuntaosuus_per_resident",
    "kuntaosuus_per_jobseeker",
    "unemployment_rate",
    "long_term_share",
    "under_25_share",
    "over_50_share",
    "activation_rate",
)


def upgrade() -> None:
    op.create_table(
        "comparison_figure",
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("month", sa.Integer(), nullable=False),
        sa.Column("municipality", sa.String(length=3), nullable=False),
        sa.Column("data_token", sa.String(length=64), nullable=False),
        sa.Column("kuntaosuus_eur", sa.Float(), nullable=True),
        *(sa.Column(name, sa.Float(), nullable=True) for name in INDICATORS),
        sa.Column("population", sa.BigInteger(), nullable=True),
        sa.Column("population_year", sa.Integer(), nullable=True),
        sa.Column("population_source", sa.String(length=10), nullable=True),
        sa.Column("missing_months", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("year", "month", "municipality"),
    )


def downgrade() -> None:
    op.drop_table("comparison_figure")

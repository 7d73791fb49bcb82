"""Kela area totals: an area's rows added up over Kela's age × gender cells, written by each import

Kela publishes only cells of age group × gender × day class (no totals for
age or gender); the pages read an area's month from this table instead of
adding up the cells. Filled here from the rows already stored: rows with
``Yhteensä`` for both age and gender (the shape read before) count as one
whole cell, the rows splitting them are left out; the same rule as
``db.store.refresh_kela_area_totals``.

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

GROUP = "regime, area_kind, area_code, period_type, month, day_class, benefit, suppressed"
SUMS = ("recipients", "compensated_days", "paid_cents", "kuntaosuus_cents")


def upgrade() -> None:
    op.create_table(
        "kela_area_total",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("regime", sa.String(length=10), nullable=False),
        sa.Column("area_kind", sa.String(length=20), nullable=False),
        sa.Column("area_code", sa.String(length=10), nullable=False),
        sa.Column("period_type", sa.String(length=20), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("day_class", sa.String(length=40), nullable=False),
        sa.Column("benefit", sa.String(length=60), nullable=False),
        sa.Column("suppressed", sa.Boolean(), nullable=False),
        sa.Column("cells", sa.Integer(), nullable=False),
        sa.Column("unknown_cells", sa.Integer(), nullable=False),
        *(sa.Column(name, sa.BigInteger(), nullable=True) for name in SUMS),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_kela_area_total_read", "kela_area_total", ["area_code", "period_type", "day_class", "month"])
    sums = ", ".join(f"CASE WHEN COUNT({name}) = COUNT(*) THEN SUM({name}) END" for name in SUMS)
    op.execute(  # names are the constants above
        f"INSERT INTO kela_area_total ({GROUP}, cells, unknown_cells, {', '.join(SUMS)})"
        f" SELECT {GROUP}, COUNT(*), COUNT(*) - COUNT(kuntaosuus_cents), {sums} FROM kela_kuntaosuus"
        " WHERE replaced_by IS NULL AND ((ikaryhma <> 'Yhteensä' AND sukupuoli <> 'Yhteensä')"
        " OR (ikaryhma = 'Yhteensä' AND sukupuoli = 'Yhteensä'))"
        f" GROUP BY {GROUP}"
    )


def downgrade() -> None:
    op.drop_index("ix_kela_area_total_read", table_name="kela_area_total")
    op.drop_table("kela_area_total")

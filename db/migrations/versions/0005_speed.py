"""speed: indexes for the pages' reads of statistics, and the data version that keys the caches

Revision ID: 0005
Revises: 0004
"""

import datetime as dt
import uuid

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    version = op.create_table(
        "data_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token", sa.String(length=32), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.bulk_insert(version, [{"id": 1, "token": uuid.uuid4().hex, "changed_at": dt.datetime.now(dt.UTC)}])
    op.create_index(
        "ix_kela_kuntaosuus_area_dimensions", "kela_kuntaosuus", ["area_code", "ikaryhma", "sukupuoli", "month"]
    )
    op.create_index("ix_statfin_area", "statfin_observation", ["area_code", "indicator", "month"])
    op.create_index("ix_statfin_indicator_month", "statfin_observation", ["indicator", "month"])


def downgrade() -> None:
    op.drop_index("ix_statfin_indicator_month", table_name="statfin_observation")
    op.drop_index("ix_statfin_area", table_name="statfin_observation")
    op.drop_index("ix_kela_kuntaosuus_area_dimensions", table_name="kela_kuntaosuus")
    op.drop_table("data_version")

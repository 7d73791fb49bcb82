"""current observations: each statistics row names the version that replaced it, set by the import

Reads of current Kela and StatFin rows then filter ``replaced_by IS NULL``
instead of probing every row read for a newer version of the same
observation. Existing rows are marked here the same way an import marks them.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

OBSERVATIONS = {  # table: the columns saying what one observation is of (db.tables KELA_KEY, STATFIN_KEY)
    "kela_kuntaosuus": (
        "regime", "area_kind", "area_code", "period_type", "month", "ikaryhma", "sukupuoli", "day_class", "benefit",
    ),
    "statfin_observation": ("table_id", "area_code", "indicator", "month"),
}  # fmt: skip


def upgrade() -> None:
    for table, key in OBSERVATIONS.items():
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("replaced_by", sa.Integer(), nullable=True))
            batch.create_foreign_key(f"fk_{table}_replaced_by", "import_version", ["replaced_by"], ["id"])
        same = " AND ".join(f"newer.{column} = {table}.{column}" for column in key)
        op.execute(  # table and column names are the constants above
            f"UPDATE {table} SET replaced_by = (SELECT MIN(newer.version_id) FROM {table} AS newer"
            f" WHERE {same} AND newer.version_id > {table}.version_id)"
        )


def downgrade() -> None:
    for table in OBSERVATIONS:
        with op.batch_alter_table(table) as batch:
            batch.drop_constraint(f"fk_{table}_replaced_by", type_="foreignkey")
            batch.drop_column("replaced_by")

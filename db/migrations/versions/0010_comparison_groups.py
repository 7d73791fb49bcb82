"""comparison groups: named sets of municipalities a programme compares itself with, and the register's two

The register's groups (the six largest cities, the regional centres) come
from ``reference_data/comparison_groups.csv`` and belong to no programme.
Population by year needs no table of its own: Statistics Finland's table
11ra is kept as its other tables are (``statfin_observation``).

Revision ID: 0010
Revises: 0009
"""

import csv
import datetime as dt
from pathlib import Path

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

GROUPS = Path(__file__).resolve().parents[3] / "reference_data" / "comparison_groups.csv"
REGISTER_NAMES = {"six_largest": "Kuusi suurinta kaupunkia", "regional_centres": "Maakuntakeskukset"}


def upgrade() -> None:
    groups = op.create_table(
        "comparison_group",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=True),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("register_key", sa.String(length=40), nullable=True),
        sa.Column("created_by", sa.String(length=100), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["programme_id"], ["programme.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("programme_id", "name"),
        sa.UniqueConstraint("register_key"),
    )
    members = op.create_table(
        "comparison_group_member",
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("municipality_code", sa.String(length=3), nullable=False),
        sa.ForeignKeyConstraint(["group_id"], ["comparison_group.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("group_id", "municipality_code"),
    )
    _register_groups(groups, members)


def _register_groups(groups: sa.Table, members: sa.Table) -> None:
    """The register's groups as the reference file lists them."""
    with GROUPS.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    keys = list(dict.fromkeys(row["group"] for row in rows))
    now = dt.datetime.now(dt.UTC)
    op.bulk_insert(
        groups,
        [
            {
                "id": number,
                "name": REGISTER_NAMES[key],
                "register_key": key,
                "created_by": "rekisteri",
                "created_at": now,
            }
            for number, key in enumerate(keys, start=1)
        ],
    )
    op.bulk_insert(
        members,
        [{"group_id": keys.index(row["group"]) + 1, "municipality_code": row["code"]} for row in rows],
    )
    if op.get_bind().dialect.name == "postgresql":  # the ids were given: the sequence goes on after them
        op.execute(
            "SELECT setval(pg_get_serial_sequence('comparison_group', 'id'), (SELECT max(id) FROM comparison_group))"
        )


def downgrade() -> None:
    op.drop_table("comparison_group_member")
    op.drop_table("comparison_group")

"""The database layer on both databases: isolation chosen and set, the pool checks its connections."""

from __future__ import annotations

from db.engine import POSTGRES_ISOLATION, SQLITE_ISOLATION, engine


def test_transaction_isolation_is_set_explicitly(db_url: str):
    # db/engine.py docstring: READ COMMITTED on PostgreSQL, SERIALIZABLE on SQLite
    expected = SQLITE_ISOLATION if db_url.startswith("sqlite") else POSTGRES_ISOLATION
    with engine(db_url).connect() as connection:
        assert connection.get_isolation_level() == expected


def test_postgres_pool_pings_before_lending(db_url: str):
    made = engine(db_url)
    assert made.pool._pre_ping is (not db_url.startswith("sqlite"))


def test_migrations_build_the_schema_the_tables_declare(db_url: str):
    # `alembic check` in a test: the migrated database (0001 … head) and db/tables.py agree, on both databases
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from db.tables import Base

    with engine(db_url).connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []

"""Engine, sessions and migrations for the configured database."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

import settings

MIGRATIONS = Path(__file__).with_name("migrations")


def database_url() -> str:
    return settings.load().database_url


def engine(url: str | None = None) -> Engine:
    """The engine for ``url`` (default: the configured database, read at each call), one per URL."""
    return _engine(url or database_url())


@cache
def _engine(url: str) -> Engine:
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        made = create_engine(url)
        event.listen(made, "connect", _sqlite_pragmas)
        return made
    return create_engine(url, pool_pre_ping=True)


def _sqlite_pragmas(connection, _record) -> None:  # noqa: ANN001 - DBAPI objects
    cursor = connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


@contextmanager
def transaction(url: str | None = None) -> Iterator[Session]:
    """One unit of work: committed when the block ends, rolled back on any error."""
    with sessionmaker(engine(url)).begin() as session:
        yield session


def migrate(url: str | None = None) -> None:
    """Create or upgrade the schema to the newest migration."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection_url"] = url or database_url()
    with engine(url).begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")

"""Engine, sessions and migrations for the configured database.

Transaction isolation, chosen and set explicitly on both databases:

- PostgreSQL: ``READ COMMITTED``. Every import is one transaction that only
  *adds* rows (a new ``import_version`` and its lines or observations; the
  newest version wins when read), so a reader sees either none of an import or
  all of it, and two imports never update the same row. The few
  read-modify-write paths lock what they change (``SELECT … FOR UPDATE`` of
  the quarter being signed, see ``db.plans``), so a second sign-off waits for
  the first and then sees it signed. Stricter levels would add serialization
  failures to retry without protecting anything more here.
- SQLite: ``SERIALIZABLE`` (SQLite's only real level; in WAL mode readers
  keep reading a consistent snapshot while one writer commits).

A read of one statement (``reading``: every ``db.queries`` frame) runs in
autocommit on PostgreSQL: one statement sees one snapshot, as in a
transaction of its own, and the round trips of BEGIN and ROLLBACK are saved.

The PostgreSQL pool checks a connection before lending it (``pool_pre_ping``)
and recycles connections after an hour, so a restarted server or a firewall
that drops idle connections costs a reconnect, not an error page.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, create_engine, event, make_url
from sqlalchemy.orm import Session, sessionmaker

import db.freshness  # noqa: F401 - registers the events that keep the data version current
import settings

MIGRATIONS = Path(__file__).with_name("migrations")


def database_url() -> str:
    return settings.database_url()


def engine(url: str | None = None) -> Engine:
    """The engine for ``url`` (default: the configured database, read at each call), one per URL."""
    return _engine(url or database_url())


def reading(url: str | None = None) -> Connection:
    """A connection for one read (a single SELECT). On PostgreSQL in autocommit: the statement is its own
    transaction, as the read's was, without the BEGIN and ROLLBACK round trips around it (a page's first view
    makes some 25 reads: 20–30 % of its time). On SQLite as it is: switching its mode costs more than it saves."""
    connection = engine(url).connect()
    if connection.dialect.name == "postgresql":
        return connection.execution_options(isolation_level="AUTOCOMMIT")
    return connection


POSTGRES_ISOLATION = "READ COMMITTED"
SQLITE_ISOLATION = "SERIALIZABLE"
POOL_SIZE = 5  # connections kept per process (a gunicorn worker is a process)
POOL_OVERFLOW = 10  # more, briefly, under a burst
POOL_RECYCLE_S = 3600
_ENGINES: dict[str, Engine] = {}
_ENGINES_LOCK = threading.Lock()


def _engine(url: str) -> Engine:
    found = _ENGINES.get(url)
    if found is None:
        with _ENGINES_LOCK:
            found = _ENGINES.get(url) or _ENGINES.setdefault(url, _new_engine(url))
    return found


def _sqlite_folder(url: str) -> Path | None:
    """The folder of an SQLite database file, to make when missing; None in memory or read-only.

    >>> _sqlite_folder("sqlite:///instance/x.sqlite3")
    PosixPath('instance')
    >>> _sqlite_folder("sqlite:///file:/srv/x.sqlite3?mode=ro&uri=true")
    >>> _sqlite_folder("sqlite://")
    """
    database = make_url(url).database
    if not database or database == ":memory:" or make_url(url).query.get("uri") == "true":
        return None  # an SQLite URI (``file:…``) names an existing file: nothing to make
    return Path(database).parent


def _new_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        folder = _sqlite_folder(url)
        if folder is not None:
            folder.mkdir(parents=True, exist_ok=True)
        made = create_engine(url, isolation_level=SQLITE_ISOLATION)
        event.listen(made, "connect", _sqlite_pragmas)
        return made
    return create_engine(
        url,
        isolation_level=POSTGRES_ISOLATION,
        pool_pre_ping=True,
        pool_size=POOL_SIZE,
        max_overflow=POOL_OVERFLOW,
        pool_recycle=POOL_RECYCLE_S,
    )


def dispose_engines() -> None:
    """Close every pooled connection of this process (before it execs another program or forks workers)."""
    while _ENGINES:
        _ENGINES.popitem()[1].dispose()


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


def migrate(url: str | None = None, revision: str = "head", *, down: bool = False) -> None:
    """Create or upgrade the schema to the newest migration (or to ``revision``; ``down``: back to it)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection_url"] = url or database_url()
    with engine(url).begin() as connection:
        config.attributes["connection"] = connection
        (command.downgrade if down else command.upgrade)(config, revision)

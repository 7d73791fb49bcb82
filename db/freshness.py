"""The data version: a token that changes, in the same transaction, whenever data the pages show changes.

Caches key what they keep by this token (``queries.data_version``), so an
import, a rollback, a sign-off or any other edit makes every cached figure
stale at the moment it commits, in every worker and on every host, without
the writer knowing about any cache (data loaders never import dashboards).

How a change is noticed, for every write made through a ``Session`` (all
writes are: ``db.engine.transaction``): bulk statements
(``session.execute(insert(...))``) and flushed ORM objects mark the session
when they touch a table of the data; just before the commit a marked session
writes a new random token into ``data_version``. Accounts, sessions and the
audit log are not data the pages' figures come from, so writing them (a login
records its time) leaves the cached figures alone; who may see what is checked
on every request outside the cache.

A random token rather than a counter: a database recreated from scratch (a
test, a restore) can never present an old token with new data.

The code's version (``CODE_VERSION``) is the other half of what a kept
figure is of: caches and the kept comparison figures carry it, so an upgraded
app never serves what its earlier code computed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from pathlib import Path

from sqlalchemy import event, insert, update
from sqlalchemy.orm import ORMExecuteState, Session, UOWTransaction

from db.tables import DataVersion

CODE_FOLDERS = ("dashboards", "data_loaders", "db", "i18n", "models", "reports")
PROJECT_ROOT = Path(__file__).resolve().parents[1]


def code_version(root: Path = PROJECT_ROOT) -> str:
    """A digest of the code and data tables that compute figures (their bytes, read once at start).

    >>> len(code_version())
    16
    """
    digest = hashlib.sha256()
    for path in sorted(p for folder in CODE_FOLDERS for p in (root / folder).rglob("*") if p.suffix in (".py", ".csv")):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


CODE_VERSION = code_version()

NOT_DATA = frozenset({"audit_event", "user_account", "user_programme", "data_version", "alembic_version"})
_CHANGED = "mittari_data_changed"


def new_token() -> str:
    return uuid.uuid4().hex


def is_data(table_name: str | None) -> bool:
    """Whether a table holds data the pages show (everything but accounts, audit and bookkeeping).

    >>> is_data("kela_kuntaosuus"), is_data("audit_event")
    (True, False)
    """
    return table_name is not None and table_name not in NOT_DATA


@event.listens_for(Session, "do_orm_execute")
def _note_statement(state: ORMExecuteState) -> None:
    if state.is_insert or state.is_update or state.is_delete:
        table = getattr(state.statement, "table", None)
        if is_data(getattr(table, "name", None)):
            state.session.info[_CHANGED] = True


@event.listens_for(Session, "before_flush")
def _note_objects(session: Session, _flush: UOWTransaction, _instances: object) -> None:
    for instance in (*session.new, *session.dirty, *session.deleted):
        if is_data(getattr(getattr(instance, "__table__", None), "name", None)):
            session.info[_CHANGED] = True
            return


@event.listens_for(Session, "before_commit")
def _bump_if_changed(session: Session) -> None:
    session.flush()  # what the commit would flush next: let before_flush see it first
    if not session.info.pop(_CHANGED, False):
        return
    values = {"token": new_token(), "changed_at": dt.datetime.now(dt.UTC)}
    updated = session.execute(update(DataVersion).where(DataVersion.id == 1).values(**values))
    if updated.rowcount == 0:
        session.execute(insert(DataVersion).values(id=1, **values))


@event.listens_for(Session, "after_soft_rollback")
def _forget(session: Session, _previous: object) -> None:
    session.info.pop(_CHANGED, None)

"""Users, their programmes, and the audit log: all the SQL of accounts."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping

import pandas as pd
from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from db.engine import engine, transaction
from db.tables import AuditEvent, Programme, UserAccount, UserProgramme


def now() -> dt.datetime:
    """The audit log's clock (UTC); login throttling reads the same one."""
    return dt.datetime.now(dt.UTC)


def user_by_name(username: str, url: str | None = None) -> dict | None:
    """The user's row as a dict (with ``programmes``: the slugs they may see), or None."""
    with engine(url).connect() as connection:
        row = connection.execute(select(UserAccount).where(UserAccount.username == username)).mappings().first()
        if row is None:
            return None
        slugs = connection.scalars(
            select(Programme.slug)
            .join(UserProgramme, UserProgramme.programme_id == Programme.id)
            .where(UserProgramme.user_id == row["id"])
        ).all()
    return {**row, "programmes": sorted(slugs)}


def add_user(
    username: str,
    role: str,
    password_hash: str | None,
    display_name: str | None = None,
    programmes: list[str] | None = None,
    url: str | None = None,
    *,
    audited: bool = False,
    audit_details: Mapping[str, object] | None = None,
) -> int:
    """Add a user who may see ``programmes``; their id. ``KeyError`` names a programme there is not.

    ``audited``: record "user_add" (by no one: the command line) in the same transaction,
    with ``audit_details`` when given, else the user, role and programmes.
    """
    with transaction(url) as session:
        user = UserAccount(
            username=username,
            role=role,
            password_hash=password_hash,
            display_name=display_name,
            active=True,
            created_at=now(),
        )
        session.add(user)
        session.flush()
        _grant(session, user.id, programmes or [])
        if audited:
            details = audit_details or {"user": username, "role": role, "programmes": list(programmes or [])}
            record_audit("user_add", None, dict(details), session=session)
        return user.id


def _grant(session: Session, user_id: int, programmes: list[str]) -> None:
    ids = session.scalars(select(Programme.id).where(Programme.slug.in_(programmes))).all()
    missing = set(programmes) - set(session.scalars(select(Programme.slug).where(Programme.slug.in_(programmes))))
    if missing:
        raise KeyError(", ".join(sorted(missing)))
    session.execute(UserProgramme.__table__.delete().where(UserProgramme.user_id == user_id))
    if ids:
        session.execute(insert(UserProgramme), [{"user_id": user_id, "programme_id": i} for i in ids])


def update_user(
    username: str,
    *,
    role: str | None = None,
    active: bool | None = None,
    password_hash: str | None = None,
    programmes: list[str] | None = None,
    url: str | None = None,
) -> bool:
    """Change what is given; False when there is no such user."""
    changes = {"role": role, "active": active, "password_hash": password_hash, "programmes": programmes}
    with transaction(url) as session:
        return _change_user(session, username, changes)


def change_user(username: str, event: str, changes: dict[str, object], url: str | None = None) -> bool:
    """``update_user(username, **changes)`` and the audit event ``event`` (by no one: the command line) in one
    transaction; False, and nothing recorded, when there is no such user.

    The event's details are the user and ``changes`` as given, never the password hash.
    """
    with transaction(url) as session:
        if not _change_user(session, username, changes):
            return False
        details = {"user": username, **{k: v for k, v in changes.items() if k != "password_hash"}}
        record_audit(event, None, details, session=session)
    return True


def _change_user(session: Session, username: str, changes: dict[str, object]) -> bool:
    """Set the columns of ``changes`` that are not None (``programmes``: the grants); False when there is no user."""
    user_id = session.scalar(select(UserAccount.id).where(UserAccount.username == username))
    if user_id is None:
        return False
    columns = {k: changes[k] for k in ("role", "active", "password_hash") if changes.get(k) is not None}
    if columns:
        session.execute(update(UserAccount).where(UserAccount.id == user_id).values(**columns))
    if changes.get("programmes") is not None:
        _grant(session, user_id, changes["programmes"])
    return True


def record_login(username: str, url: str | None = None) -> None:
    with transaction(url) as session:
        session.execute(update(UserAccount).where(UserAccount.username == username).values(last_login_at=now()))


def user_language(username: str, url: str | None = None) -> str | None:
    """The interface language the user chose (``fi``, ``sv`` or ``en``), or None until they choose one."""
    with engine(url).connect() as connection:
        return connection.scalar(select(UserAccount.language).where(UserAccount.username == username))


def set_user_language(username: str, lang: str, url: str | None = None) -> bool:
    """Keep ``lang`` as the user's interface language; False when there is no such user."""
    with transaction(url) as session:
        changed = session.execute(
            update(UserAccount).where(UserAccount.username == username).values(language=lang)
        ).rowcount
    return bool(changed)


def users(url: str | None = None) -> pd.DataFrame:
    """Every user with role, state and programmes (never the password hash)."""
    with engine(url).connect() as connection:
        rows = (
            connection.execute(
                select(
                    UserAccount.id,
                    UserAccount.username,
                    UserAccount.display_name,
                    UserAccount.role,
                    UserAccount.active,
                    UserAccount.created_at,
                    UserAccount.last_login_at,
                ).order_by(UserAccount.username)
            )
            .mappings()
            .all()
        )
        grants = connection.execute(
            select(UserProgramme.user_id, Programme.slug).join(Programme, Programme.id == UserProgramme.programme_id)
        ).all()
    by_user: dict[int, list[str]] = {}
    for user_id, slug in grants:
        by_user.setdefault(user_id, []).append(slug)
    frame = pd.DataFrame(
        [dict(r) for r in rows],
        columns=["id", "username", "display_name", "role", "active", "created_at", "last_login_at"],
    )
    frame["programmes"] = [",".join(sorted(by_user.get(i, []))) for i in frame["id"]]
    return frame


def user_count(url: str | None = None) -> int:
    return len(users(url))


def record_audit(
    action: str,
    username: str | None,
    details: dict | None = None,
    remote_addr: str | None = None,
    url: str | None = None,
    *,
    session: Session | None = None,
) -> None:
    """Append one event to the audit log (UTC time).

    Given ``session``, the event is written in that session's transaction: it
    commits, or rolls back, with the change it records (the actions: imports,
    rollbacks, risk edits, sign-offs...). Without one, in a transaction of its
    own (logins, which change nothing else).
    """
    event = insert(AuditEvent).values(
        at=now(),
        username=username,
        action=action,
        remote_addr=remote_addr,
        details=json.dumps(details, ensure_ascii=False, default=str) if details else None,
    )
    if session is not None:
        session.execute(event)
        return
    with transaction(url) as own:
        own.execute(event)


def pack_exported(username: str, programme: str, quarter: str, kind: str, url: str | None = None) -> None:
    """Record that ``username`` exported the quarterly pack of ``programme`` and ``quarter`` as ``kind`` (``xlsx``
    or ``pdf``). An export changes nothing: the event has a transaction of its own."""
    record_audit("export", username, {"programme": programme, "quarter": quarter, "format": kind}, url=url)


def audit_log_exported(username: str, kind: str, url: str | None = None) -> None:
    """Record that ``username`` exported the audit log as ``kind`` (``csv`` or ``xlsx``): an export goes into the
    log itself."""
    record_audit("export", username, {"what": "audit_log", "format": kind}, url=url)


def audit_events(limit: int | None = None, url: str | None = None) -> pd.DataFrame:
    statement = select(
        AuditEvent.id, AuditEvent.at, AuditEvent.username, AuditEvent.action, AuditEvent.details, AuditEvent.remote_addr
    ).order_by(AuditEvent.id.desc())
    if limit:
        statement = statement.limit(limit)
    with engine(url).connect() as connection:
        result = connection.execute(statement)
        return pd.DataFrame(result.fetchall(), columns=list(result.keys()))


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    """SQLite hands back naive times: they were written in UTC."""
    if value is None:
        return None
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def last_event_at(username: str, action: str, url: str | None = None) -> dt.datetime | None:
    """When ``username`` last did ``action`` (e.g. logout), from the audit log."""
    statement = select(func.max(AuditEvent.at)).where(AuditEvent.username == username, AuditEvent.action == action)
    with engine(url).connect() as connection:
        return _aware(connection.scalar(statement))


def last_login_from(username: str, remote_addr: str | None, url: str | None = None) -> dt.datetime | None:
    """When ``username`` last logged in from ``remote_addr`` (None: never), from the audit log."""
    statement = select(func.max(AuditEvent.at)).where(
        AuditEvent.action == "login",
        AuditEvent.username == username,
        AuditEvent.remote_addr.is_not_distinct_from(remote_addr),
    )
    with engine(url).connect() as connection:
        return _aware(connection.scalar(statement))


def login_failures(
    since: dt.datetime, remote_addr: str | None, username: str | None = None, url: str | None = None
) -> tuple[int, dt.datetime | None, dt.datetime | None]:
    """Failed logins from ``remote_addr`` since ``since`` (only ``username``'s when given): how many, first, last."""
    statement = select(func.count(), func.min(AuditEvent.at), func.max(AuditEvent.at)).where(
        AuditEvent.action == "login_failed",
        AuditEvent.at >= since,
        AuditEvent.remote_addr.is_not_distinct_from(remote_addr),
    )
    if username is not None:
        statement = statement.where(AuditEvent.username == username)
    with engine(url).connect() as connection:
        count, first, last = connection.execute(statement).one()
    return int(count), _aware(first), _aware(last)

"""Writes: programmes, budgets and import versions, each in the caller's transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal

import numpy as np
import pandas as pd
from sqlalchemy import and_, case, delete, exists, func, insert, or_, select, text, update
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session, aliased

from db.accounts import record_audit
from db.tables import (
    KELA_KEY,
    KELA_SUMS,
    KELA_TOTAL_GROUP,
    LINE_FIELDS,
    STATFIN_KEY,
    BenefitTarget,
    Budget,
    BudgetLine,
    ComparisonFigure,
    ComparisonGroup,
    ComparisonGroupMember,
    ImportVersion,
    KelaAreaTotal,
    KelaKuntaosuus,
    KuntaosuusMonth,
    Municipality,
    MunicipalityMerger,
    Programme,
    ProgrammeMunicipality,
    StatfinObservation,
)

DEFAULT_PROGRAMME_SLUG = "oletus"


def programme_by_slug(session: Session, slug: str) -> Programme | None:
    return session.scalar(select(Programme).where(Programme.slug == slug))


def programme_for_import(session: Session, slug: str | None) -> Programme | None:
    """The programme an import goes to: the named one, the only one, or a new default one.

    Returns ``None`` when no slug is given and there are several programmes.
    """
    if slug:
        return programme_by_slug(session, slug)
    programmes = session.scalars(select(Programme).limit(2)).all()
    if len(programmes) == 1:
        return programmes[0]
    if programmes:
        return None
    default = Programme(
        slug=DEFAULT_PROGRAMME_SLUG, name="Oletusohjelma", baseline_year=2016, savings_target_pct=Decimal("3.00")
    )
    session.add(default)
    session.flush()
    return default


def budget_named(session: Session, programme: Programme, name: str) -> Budget:
    budget = session.scalar(select(Budget).where(Budget.programme_id == programme.id, Budget.name == name))
    if budget is None:
        budget = Budget(programme_id=programme.id, name=name)
        session.add(budget)
        session.flush()
    return budget


def current_version_with_hash(session: Session, budget: Budget, sha256: str) -> ImportVersion | None:
    """The version of ``budget`` imported from a file with this hash, if all its lines are still current."""
    versions = session.scalars(
        select(ImportVersion).where(ImportVersion.budget_id == budget.id, ImportVersion.sha256 == sha256)
    ).all()
    for version in versions:
        slices = session.execute(
            select(BudgetLine.year, BudgetLine.scenario).where(BudgetLine.version_id == version.id).distinct()
        ).all()
        if all(_latest_version(session, budget.id, year, scenario) == version.id for year, scenario in slices):
            return version
    return None


def _latest_version(session: Session, budget_id: int, year: int, scenario: str) -> int | None:
    return session.scalar(
        select(func.max(BudgetLine.version_id)).where(
            BudgetLine.budget_id == budget_id, BudgetLine.year == year, BudgetLine.scenario == scenario
        )
    )


@dataclass(frozen=True)
class ImportedFile:
    """What a new version records about its file: kind, name, hash, size, who imported it, and its row counts."""

    kind: str
    file_name: str
    sha256: str
    size_bytes: int
    user: str
    rows_read: int
    rows_rejected: int

    def version_fields(self, rows_imported: int) -> dict[str, object]:
        """The file's columns of an ``ImportVersion``, with how many rows it imported.

        >>> ImportedFile("template", "a.csv", "ab", 10, "maija", 5, 1).version_fields(4)["imported_by"]
        'maija'
        """
        return {
            "kind": self.kind,
            "file_name": self.file_name,
            "sha256": self.sha256,
            "size_bytes": self.size_bytes,
            "imported_by": self.user,
            "rows_read": self.rows_read,
            "rows_imported": rows_imported,
            "rows_rejected": self.rows_rejected,
        }


def new_version(session: Session, version: ImportVersion) -> ImportVersion:
    """Stamp ``version`` as imported now and give it its id."""
    version.imported_at, version.status = dt.datetime.now(dt.UTC), "imported"
    session.add(version)
    session.flush()
    return version


def record_budget_version(
    session: Session,
    budget: Budget,
    lines: pd.DataFrame,
    file: ImportedFile,
) -> ImportVersion:
    """A new version of ``budget`` with its lines; it becomes current for each year and scenario it holds."""
    version = new_version(
        session,
        ImportVersion(
            programme_id=budget.programme_id,
            budget_id=budget.id,
            **file.version_fields(rows_imported=file.rows_read - file.rows_rejected),
        ),
    )
    records = [
        {
            **{name: _plain(row[name]) for name in LINE_FIELDS if name != "parent"},
            "parent_code": _plain(row["parent"]),  # the column's name
            "budget_id": budget.id,
            "version_id": version.id,
        }
        for row in lines.to_dict("records")
    ]
    if records:
        session.execute(BudgetLine.__table__.insert(), records)
    return version


ROLLBACK_STATUS = "rollback:{version}"


def rollback_budget(session: Session, budget: Budget, to_version: int, user: str) -> ImportVersion:
    """A new version of ``budget`` whose lines copy those current right after ``to_version``; nothing is deleted.

    The new version carries the restored version's kind, file name and hash
    (importing that file again then says "unchanged") and the status
    ``rollback:N``. Years and scenarios first imported after ``to_version``
    keep their lines: a rollback adds, it never removes.
    """
    target = session.get(ImportVersion, to_version)
    if target is None or target.budget_id != budget.id:
        raise ValueError(f"version {to_version} is not a version of budget {budget.name!r}")
    newest = (
        select(BudgetLine.year, BudgetLine.scenario, func.max(BudgetLine.version_id).label("version_id"))
        .where(BudgetLine.budget_id == budget.id, BudgetLine.version_id <= to_version)
        .group_by(BudgetLine.year, BudgetLine.scenario)
        .subquery()
    )
    columns = [c for c in BudgetLine.__table__.columns if c.name not in ("id", "version_id")]
    rows = session.execute(
        select(*columns)
        .join(
            newest,
            (newest.c.year == BudgetLine.year)
            & (newest.c.scenario == BudgetLine.scenario)
            & (newest.c.version_id == BudgetLine.version_id),
        )
        .where(BudgetLine.budget_id == budget.id)
    ).all()
    version = new_version(
        session,
        ImportVersion(
            programme_id=budget.programme_id,
            budget_id=budget.id,
            kind=target.kind,
            file_name=target.file_name,
            sha256=target.sha256,
            size_bytes=target.size_bytes,
            imported_by=user,
            rows_read=len(rows),
            rows_imported=len(rows),
            rows_rejected=0,
        ),
    )
    version.status = ROLLBACK_STATUS.format(version=to_version)
    if rows:
        copies = [{**row._asdict(), "version_id": version.id} for row in rows]
        session.execute(BudgetLine.__table__.insert(), copies)
    return version


def existing_budget(session: Session, programme: str, name: str) -> Budget | None:
    """The budget ``name`` of the programme with slug ``programme``, without creating it."""
    return session.scalar(
        select(Budget)
        .join(Programme, Programme.id == Budget.programme_id)
        .where(Programme.slug == programme, Budget.name == name)
    )


def _plain(value: object) -> object:
    """Numpy scalars and pandas' missing values as plain Python for the driver."""
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    return value.item() if hasattr(value, "item") else value


def save_programme(
    session: Session,
    *,
    slug: str,
    name: str,
    baseline_year: int,
    savings_target_pct: Decimal,
    target_date: dt.date | None,
    start_date: dt.date | None,
    end_date: dt.date | None,
    description: str | None,
    members: list[tuple[str, bool, str | None]],
) -> Programme:
    """Create or update a programme and its member municipalities (code, is_assumption, note)."""
    programme = programme_by_slug(session, slug) or Programme(slug=slug)
    programme.name, programme.baseline_year = name, baseline_year
    programme.savings_target_pct, programme.target_date = savings_target_pct, target_date
    programme.start_date, programme.end_date, programme.description = start_date, end_date, description
    programme.members = [
        ProgrammeMunicipality(municipality_code=code, is_assumption=assumed, note=note)
        for code, assumed, note in members
    ]
    session.add(programme)
    session.flush()
    return programme


def save_municipalities(session: Session, rows: list[dict[str, object]]) -> int:
    """Insert or update municipalities by code; returns how many were new."""
    known = set(session.scalars(select(Municipality.code)))
    for row in rows:
        session.merge(Municipality(**row))
    return len({row["code"] for row in rows} - known)


def _observations(table_name: str) -> tuple[type, tuple[str, ...]]:
    return {"kela_kuntaosuus": (KelaKuntaosuus, KELA_KEY), "statfin_observation": (StatfinObservation, STATFIN_KEY)}[
        table_name
    ]


def current_statistics_version_with_hash(
    session: Session, table_name: str, kind: str, sha256: str
) -> ImportVersion | None:
    """The version of this kind imported from a file with this hash, if none of its rows has been replaced since.

    The import's first step: from here to its commit no other import of the
    same statistics runs (``_one_import_at_a_time``), so two imports of one
    file at once make one version, not two.
    """
    table, _ = _observations(table_name)
    _one_import_at_a_time(session, table)
    versions = session.scalars(
        select(ImportVersion)
        .where(ImportVersion.kind == kind, ImportVersion.sha256 == sha256)
        .order_by(ImportVersion.id)
    ).all()
    for version in versions:
        replaced = exists().where(table.version_id == version.id, table.replaced_by.is_not(None))
        if not session.scalar(select(replaced)):
            return version
    return None


def record_statistics_version(
    session: Session,
    table_name: str,
    records: list[dict[str, object]],
    file: ImportedFile,
) -> ImportVersion:
    """A new version of statistics (no programme, no budget); its rows become current per observation key.

    The rows they replace (the same observation in an earlier version) are
    marked with this version (``replaced_by``) in the same transaction, so
    reads find the current rows without comparing versions.
    """
    table, key = _observations(table_name)
    _one_import_at_a_time(session, table)  # held already when the check above came first in this transaction
    fields = file.version_fields(rows_imported=len(records))
    version = new_version(session, ImportVersion(programme_id=None, budget_id=None, **fields))
    if len(records):
        if isinstance(records, pd.DataFrame):
            with _indexes_built_after(session, table, len(records)):
                _insert_frame(session, table.__tablename__, records.assign(version_id=version.id))
        else:
            session.execute(table.__table__.insert(), [{**record, "version_id": version.id} for record in records])
        newer = aliased(table)
        same_observation = exists().where(
            newer.version_id == version.id, *(getattr(newer, name) == getattr(table, name) for name in key)
        )
        session.execute(
            update(table)
            .where(table.replaced_by.is_(None), table.version_id < version.id, same_observation)
            .values(replaced_by=version.id)
            .execution_options(synchronize_session=False)
        )
    if table is KelaKuntaosuus:
        refresh_kela_area_totals(session, version.id, records if isinstance(records, pd.DataFrame) else None)
    return version


CHUNK_ROWS = 100_000


def _insert_frame(session: Session, table_name: str, frame: pd.DataFrame) -> None:
    """Write a DataFrame's rows into ``table_name`` in the session's transaction, column arrays straight to the driver.

    A national Kela file is two million rows: a dict per row through
    SQLAlchemy would cost more than the database's own work. PostgreSQL
    takes them by ``COPY`` in its text format, written a column at a time
    (``_copy_lines``); SQLite by the driver's ``executemany``, in chunks of
    ``CHUNK_ROWS``. Missing values go as NULL; names come from the table
    definitions, never from the file.
    """
    columns = ", ".join(frame.columns)
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        with connection.connection.driver_connection.cursor() as cursor:
            with cursor.copy(f"COPY {table_name} ({columns}) FROM STDIN") as copy:
                for start in range(0, len(frame), CHUNK_ROWS):
                    copy.write(_copy_lines(frame.iloc[start : start + CHUNK_ROWS]))
        return
    frame = frame.assign(**{name: _iso_dates(frame[name]) for name in frame.columns if _holds_dates(frame[name])})
    statement = f"INSERT INTO {table_name} ({columns}) VALUES ({', '.join('?' * len(frame.columns))})"
    for start in range(0, len(frame), CHUNK_ROWS):
        connection.exec_driver_sql(statement, list(_driver_rows(frame.iloc[start : start + CHUNK_ROWS])))


COPY_NULL = "\\N"
_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _copy_lines(frame: pd.DataFrame) -> str:
    """The rows in PostgreSQL's COPY text format: a line per row, tab between values, ``\\N`` for NULL.

    >>> frame = pd.DataFrame({"a": pd.array([1, None], dtype="Int64"), "b": ["x\\ty", None], "c": [True, False]})
    >>> _copy_lines(frame)
    '1\\tx\\\\ty\\tt\\n\\\\N\\t\\\\N\\tf\\n'
    """
    columns = [_copy_texts(frame[name]) for name in frame.columns]
    return "".join(line + "\n" for line in map("\t".join, zip(*columns, strict=True)))


def _copy_texts(column: pd.Series) -> list[str]:
    """A column's values as COPY text: integers and flags all at once, other values once per distinct value."""
    missing = column.isna().to_numpy()
    if pd.api.types.is_bool_dtype(column.dtype) and not missing.any():
        return np.where(column.to_numpy(dtype=bool), "t", "f").tolist()
    if pd.api.types.is_integer_dtype(column.dtype):
        texts = column.to_numpy(dtype="int64", na_value=0).astype(str).astype(object)
        texts[missing] = COPY_NULL
        return texts.tolist()
    codes, distinct = pd.factorize(column)  # a missing value's code is -1: the last text, NULL
    texts = np.array([*(_copy_text(value) for value in distinct), COPY_NULL], dtype=object)
    return texts[codes].tolist()


def _copy_text(value: object) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool | np.bool_):
        return "t" if value else "f"
    return str(value).translate(_COPY_ESCAPES)


def _holds_dates(column: pd.Series) -> bool:
    if isinstance(column.dtype, pd.CategoricalDtype):
        return _holds_dates(pd.Series(column.cat.categories, dtype=object))
    known = column.dropna()
    return column.dtype == object and not known.empty and isinstance(known.iloc[0], dt.date)


def _iso_dates(column: pd.Series) -> pd.Series:
    """Dates as SQLite keeps them (``2016-01-01``, what SQLAlchemy's Date writes there), ``None`` kept.

    Dates kept as categories (a month per category) are written once per category.
    """
    if isinstance(column.dtype, pd.CategoricalDtype):
        return column.cat.rename_categories([day.isoformat() for day in column.cat.categories])
    return column.map(lambda day: day.isoformat() if day is not None and day == day else None)


INDEX_BUILD_MEMORY = "256MB"
"""PostgreSQL's memory for building an index again after a bulk write (its default, 64 MB, sorts on disk)."""


@contextmanager
def _indexes_built_after(session: Session, table: type, rows: int) -> Iterator[None]:
    """Around a write of ``rows`` rows into ``table``: when the table holds fewer rows than that, its indexes are
    dropped first and built again after the write, in the same transaction.

    Building an index once over all the rows costs a fraction of keeping it in
    step with two million inserts (a national Kela file into SQLite: 3 s
    against 14 s). Into a table that already holds more, the indexes stay: a
    rebuild would walk every older row. Either way the indexes are there when
    the transaction commits (a failed import rolls the drop back too). On
    PostgreSQL the drop locks the table against reads until the commit: the
    pages read the area totals (``kela_area_total``), not these rows.
    """
    held = session.scalar(select(func.max(table.id)))
    if held is not None and held >= rows:
        yield
        return
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        connection.execute(text(f"SET LOCAL maintenance_work_mem = '{INDEX_BUILD_MEMORY}'"))
    indexes = sorted(table.__table__.indexes, key=lambda index: index.name)
    for index in indexes:
        index.drop(connection)
    yield
    for index in indexes:
        index.create(connection)


def _driver_rows(frame: pd.DataFrame):  # noqa: ANN202 - an iterator of tuples
    """The rows as tuples of plain Python values (``None`` for missing), built a column at a time.

    >>> frame = pd.DataFrame({"a": pd.array([1, None], dtype="Int64"), "b": ["x", None], "c": [True, False]})
    >>> list(_driver_rows(frame))
    [(1, 'x', True), (None, None, False)]
    """
    columns = [frame[name].astype(object).where(frame[name].notna(), None).tolist() for name in frame.columns]
    return zip(*columns, strict=True)


def _known_sum(column):  # noqa: ANN001, ANN202 - a column and its SQL expression
    """The sum of a column over a group, or NULL when any of its cells is empty (unknown, not zero)."""
    return case((func.count(column) == func.count(), func.sum(column)), else_=None)


def refresh_kela_area_totals(session: Session, version_id: int, written: pd.DataFrame | None = None) -> None:
    """Rewrite the area totals (``KelaAreaTotal``) of every area this version has rows of, from the current rows.

    An area's total adds up its age × gender cells. Rows written before Kela's
    real shape was read (``Yhteensä`` for both age and gender) still count as
    one whole cell of their own; the rows that split them are left out.
    ``written``, the version's rows as the import wrote them: when they are
    all the current rows of their areas (no earlier version's row of those
    areas is still current), the totals are added up from them in memory
    (``area_totals``) instead of read back from the table.
    """
    rows = KelaKuntaosuus
    if written is not None:
        areas = sorted(str(code) for code in pd.unique(written["area_code"]))
    else:
        areas = select(rows.area_code).where(rows.version_id == version_id).distinct().scalar_subquery()
    session.execute(delete(KelaAreaTotal).where(KelaAreaTotal.area_code.in_(areas)))
    if written is not None and not _older_current_rows(session, version_id, areas):
        _insert_frame(session, KelaAreaTotal.__tablename__, area_totals(written))
        return
    cell = or_(
        and_(rows.ikaryhma != "Yhteensä", rows.sukupuoli != "Yhteensä"),
        and_(rows.ikaryhma == "Yhteensä", rows.sukupuoli == "Yhteensä"),
    )
    group = [getattr(rows, name) for name in KELA_TOTAL_GROUP]
    sums = [_known_sum(getattr(rows, name)) for name in KELA_SUMS]
    counts = [func.count(), func.count() - func.count(rows.kuntaosuus_cents)]
    totals = select(*group, *counts, *sums).where(rows.replaced_by.is_(None), rows.area_code.in_(areas), cell)
    columns = [*KELA_TOTAL_GROUP, "cells", "unknown_cells", *KELA_SUMS]
    session.execute(insert(KelaAreaTotal).from_select(columns, totals.group_by(*group)))


def _older_current_rows(session: Session, version_id: int, areas: list[str]) -> bool:
    """Whether a row of another version in these areas is still current (not replaced by this version)."""
    rows = KelaKuntaosuus
    older = exists().where(rows.area_code.in_(areas), rows.version_id != version_id, rows.replaced_by.is_(None))
    return bool(session.scalar(select(older)))


def area_totals(cells: pd.DataFrame) -> pd.DataFrame:
    """Kela rows (``KelaKuntaosuus`` records, in Kela's shape: cells of age × gender) added up per
    ``KELA_TOTAL_GROUP``, as ``KelaAreaTotal`` rows: what ``refresh_kela_area_totals`` adds up in SQL.

    A sum is missing when any of its cells is; ``unknown_cells`` counts the empty kuntaosuus cells.

    >>> numbers = lambda *values: pd.array(values, dtype="Int64")
    >>> cells = pd.DataFrame({name: ["x"] * 3 for name in KELA_TOTAL_GROUP} | {"suppressed": [False] * 3,
    ...     "recipients": numbers(1, 2, 3), "compensated_days": numbers(1, None, 1),
    ...     "paid_cents": numbers(5, 5, 5), "kuntaosuus_cents": numbers(1, 1, None)})
    >>> area_totals(cells)[["cells", "unknown_cells", *KELA_SUMS]].values.tolist()
    [[3, 1, 6, <NA>, 15, <NA>]]
    """
    grouped = cells.groupby(list(KELA_TOTAL_GROUP), observed=True, sort=False, dropna=False)
    size = grouped.size()
    totals = {"cells": size, "unknown_cells": size - grouped["kuntaosuus_cents"].count()}
    for name in KELA_SUMS:
        totals[name] = grouped[name].sum(min_count=1).where(grouped[name].count().eq(size)).astype("Int64")
    return pd.DataFrame(totals).reset_index()


def _one_import_at_a_time(session: Session, table: type) -> None:
    """Wait until no other import into ``table`` is open (PostgreSQL), so each sees the rows the other wrote.

    Under READ COMMITTED two imports at once would not see each other's rows,
    and neither would mark the other's as replaced: both would stay current.
    ``SHARE ROW EXCLUSIVE`` conflicts with itself and with writes, not with
    the pages' reads. SQLite lets one transaction write at a time anyway.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text(f"LOCK TABLE {table.__tablename__} IN SHARE ROW EXCLUSIVE MODE"))


def save_municipality_register(session: Session, rows: list[dict[str, object]]) -> int:
    """Region and employment area of known municipalities by code; returns how many were updated."""
    updated = 0
    for row in rows:
        municipality = session.get(Municipality, row["code"])
        if municipality is not None:
            municipality.region_code, municipality.region_name = row["region_code"], row["region_name"]
            municipality.employment_area = row["employment_area"]
            updated += 1
    return updated


def save_mergers(session: Session, rows: list[dict[str, object]]) -> None:
    """Insert or update municipality mergers by the old code."""
    for row in rows:
        session.merge(MunicipalityMerger(**row))


def save_benefit_targets(session: Session, programme: Programme, rows: list[dict[str, object]]) -> None:
    """Replace a programme's benefit register with ``rows`` (numbered by ``position``)."""
    session.execute(delete(BenefitTarget).where(BenefitTarget.programme_id == programme.id))
    for row in rows:
        session.add(BenefitTarget(programme_id=programme.id, **row))
    session.flush()


# --- comparison groups (issue 16) -------------------------------------------------------------------


class GroupError(ValueError):
    """A comparison group cannot be written: ``reason`` says why (a catalogue key's last part)."""

    def __init__(self, reason: str, **fields: object) -> None:
        super().__init__(reason)
        self.reason, self.fields = reason, fields


def save_comparison_group(
    session: Session, programme: Programme, name: str, codes: list[str], user: str
) -> ComparisonGroup:
    """Create or replace a programme's own group ``name`` with these municipalities (codes of the register), and
    record "group_add" by ``user`` in the same session.

    A code the register does not hold is refused (``GroupError("unknown_municipality", name=code)``): the page's
    choices come from the browser, which may send anything.
    """
    given, name = name, name.strip()
    if not name or len(name) > 200:
        raise GroupError("bad_name")
    if not codes:
        raise GroupError("no_members")
    known = set(session.scalars(select(Municipality.code).where(Municipality.code.in_({str(c) for c in codes}))))
    unknown = sorted({str(code) for code in codes} - known)
    if unknown:
        raise GroupError("unknown_municipality", name=", ".join(unknown)[:200])
    group = session.scalar(
        select(ComparisonGroup).where(ComparisonGroup.programme_id == programme.id, ComparisonGroup.name == name)
    )
    if group is None:
        group = ComparisonGroup(programme_id=programme.id, name=name)
        session.add(group)
    group.created_by, group.created_at = user, dt.datetime.now(dt.UTC)
    session.flush()
    session.execute(delete(ComparisonGroupMember).where(ComparisonGroupMember.group_id == group.id))
    session.execute(
        insert(ComparisonGroupMember),
        [{"group_id": group.id, "municipality_code": code} for code in sorted(set(codes))],
    )
    details = {"programme": programme.slug, "group": given, "members": sorted(set(codes))}
    record_audit("group_add", user, details, session=session)
    return group


def remove_comparison_group(session: Session, programme: Programme, name: str, user: str) -> None:
    """Remove a programme's own group and record "group_remove" by ``user`` in the same session; the register's
    groups stay (``GroupError`` says so)."""
    group = session.scalar(
        select(ComparisonGroup).where(ComparisonGroup.programme_id == programme.id, ComparisonGroup.name == name)
    )
    if group is None:
        shipped = session.scalar(
            select(ComparisonGroup).where(ComparisonGroup.programme_id.is_(None), ComparisonGroup.name == name)
        )
        raise GroupError("register_group" if shipped is not None else "no_group", name=name)
    session.execute(delete(ComparisonGroupMember).where(ComparisonGroupMember.group_id == group.id))
    session.delete(group)
    record_audit("group_remove", user, {"programme": programme.slug, "group": name}, session=session)


def replace_kept_kuntaosuus(connection: Connection, totals: pd.DataFrame, stamp: str) -> None:
    """Replace the kept monthly kuntaosuus with ``totals`` (``municipality, month, kuntaosuus_cents``) of ``stamp``.

    Derived rows, written like the comparison figures (``replace_comparison_figures``).
    """
    connection.execute(delete(KuntaosuusMonth))
    if len(totals):
        rows = totals[["municipality", "month", "kuntaosuus_cents"]].assign(month=totals["month"].dt.date)
        _insert_frame(Session(bind=connection), KuntaosuusMonth.__tablename__, rows.assign(data_token=stamp))


def replace_comparison_figures(connection: Connection, figures: pd.DataFrame, stamp: str) -> None:
    """Replace the kept comparison figures with ``figures``, of the data ``stamp`` names.

    Derived rows (``data_loaders.comparison``), not data of their own: the
    caller writes them on a plain connection, outside a session, so the data
    version stays as it is; readers use them only while ``stamp`` is current.
    """
    connection.execute(delete(ComparisonFigure))
    if len(figures):  # column arrays straight to the driver, as an import's rows
        _insert_frame(Session(bind=connection), ComparisonFigure.__tablename__, figures.assign(data_token=stamp))

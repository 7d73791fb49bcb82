"""Reads: domain-named functions that return DataFrames. All SQL lives in db/."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence

import pandas as pd
from sqlalchemy import Connection, Float, String, and_, cast, func, select, type_coerce

from db.engine import engine, reading
from db.tables import (
    KELA_KEY,
    KELA_SUMS,
    LINE_FIELDS,
    BenefitTarget,
    Budget,
    BudgetLine,
    ComparisonFigure,
    ComparisonGroup,
    ComparisonGroupMember,
    DataVersion,
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

LINE_COLUMNS = ["programme", "budget", *LINE_FIELDS, "version"]  # a budget line as one version stored it


def _frame(statement, url: str | None = None) -> pd.DataFrame:
    """The rows of ``statement`` as a DataFrame, built column by column (ten times faster than row by row)."""
    with reading(url) as connection:
        result = connection.execute(statement)
        keys, rows = list(result.keys()), result.fetchall()
    if not rows:
        return pd.DataFrame(columns=keys)
    return pd.DataFrame(dict(zip(keys, zip(*rows, strict=True), strict=True)))


def _driver_frame(statement, url: str | None = None) -> pd.DataFrame:
    """Like ``_frame``, with the values as the database driver gives them (no conversion row by row).

    For the large reads of statistics, whose callers convert each column at
    once (dates, numbers, flags): half the time of ``_frame`` at 20 000 rows.
    """
    with reading(url) as connection:
        result = connection.execute(statement)
        keys, rows = list(result.keys()), result.cursor.fetchall()
        result.close()
    if not rows:
        return pd.DataFrame(columns=keys)
    return pd.DataFrame(dict(zip(keys, zip(*rows, strict=True), strict=True)))


def _columns(table, names: str) -> list:  # noqa: ANN001 - a mapped class
    """The columns of ``table`` named in ``names`` (separated by spaces), in that order.

    >>> [column.key for column in _columns(Municipality, "code name_fi population")]
    ['code', 'name_fi', 'population']
    """
    return [getattr(table, name) for name in names.split()]


def programmes(url: str | None = None) -> pd.DataFrame:
    """Every programme: slug, name, baseline year, target, dates, member count."""
    members = (
        select(ProgrammeMunicipality.programme_id, func.count().label("municipalities"))
        .group_by(ProgrammeMunicipality.programme_id)
        .subquery()
    )
    statement = (
        select(
            *_columns(Programme, "id slug name baseline_year savings_target_pct target_date start_date end_date"),
            func.coalesce(members.c.municipalities, 0).label("municipalities"),
        )
        .outerjoin(members, members.c.programme_id == Programme.id)
        .order_by(Programme.name)
    )
    return _frame(statement, url)


def programme_members(slug: str, url: str | None = None) -> pd.DataFrame:
    """The municipalities of a programme with their names and whether membership is assumed."""
    statement = (
        select(*_columns(Municipality, "code name_fi name_sv"), *_columns(ProgrammeMunicipality, "is_assumption note"))
        .join(ProgrammeMunicipality, ProgrammeMunicipality.municipality_code == Municipality.code)
        .join(Programme, Programme.id == ProgrammeMunicipality.programme_id)
        .where(Programme.slug == slug)
        .order_by(Municipality.name_fi)
    )
    return _frame(statement, url)


def budgets(programme: str | None = None, url: str | None = None) -> pd.DataFrame:
    """Budgets with their programme's slug and name, optionally of one programme."""
    statement = (
        select(Budget.id, Budget.name, Programme.slug.label("programme"), Programme.name.label("programme_name"))
        .join(Programme, Programme.id == Budget.programme_id)
        .order_by(Programme.name, Budget.id)
    )
    if programme:
        statement = statement.where(Programme.slug == programme)
    return _frame(statement, url)


def current_budget_lines(
    programme: str | None = None,
    budget: str | None = None,
    year: int | None = None,
    url: str | None = None,
    as_of: int | None = None,
) -> pd.DataFrame:
    """The current lines: for each budget, year and scenario, those of its newest version.

    With ``as_of`` (a version id): the lines as they stood right after that
    version, i.e. of the newest version up to it.
    """
    newest = select(
        BudgetLine.budget_id,
        BudgetLine.year,
        BudgetLine.scenario,
        func.max(BudgetLine.version_id).label("version_id"),
    )
    if as_of is not None:
        newest = newest.where(BudgetLine.version_id <= as_of)
    current = newest.group_by(BudgetLine.budget_id, BudgetLine.year, BudgetLine.scenario).subquery()
    statement = (
        select(
            Programme.slug.label("programme"),
            Budget.name.label("budget"),
            *_columns(BudgetLine, "year scenario code name"),
            BudgetLine.parent_code.label("parent"),
            *_columns(
                BudgetLine, "category amount_cents unit_eur partial position source_file source_sheet source_cell"
            ),
            BudgetLine.version_id.label("version"),
        )
        .join(
            current,
            and_(
                current.c.budget_id == BudgetLine.budget_id,
                current.c.year == BudgetLine.year,
                current.c.scenario == BudgetLine.scenario,
                current.c.version_id == BudgetLine.version_id,
            ),
        )
        .join(Budget, Budget.id == BudgetLine.budget_id)
        .join(Programme, Programme.id == Budget.programme_id)
        .order_by(Programme.slug, Budget.id, BudgetLine.year, BudgetLine.scenario, BudgetLine.position)
    )
    if programme:
        statement = statement.where(Programme.slug == programme)
    if budget:
        statement = statement.where(Budget.name == budget)
    if year is not None:
        statement = statement.where(BudgetLine.year == year)
    frame = _frame(statement, url)
    if frame.empty:
        return pd.DataFrame(columns=LINE_COLUMNS)
    frame["amount_cents"] = frame["amount_cents"].astype("int64")  # one column converted, not the frame copied
    return frame


def budget_years(programme: str | None = None, url: str | None = None) -> list[int]:
    statement = select(BudgetLine.year).distinct().join(Budget).join(Programme).order_by(BudgetLine.year)
    if programme:
        statement = statement.where(Programme.slug == programme)
    return [int(year) for year in _frame(statement, url)["year"]]


def import_versions(
    programme: str | None = None,
    url: str | None = None,
    budget: str | None = None,
    kinds: Iterable[str] | None = None,
) -> pd.DataFrame:
    """The import history: who imported which file when, with its counts (of one budget, or of ``kinds``, if named).

    ``rollback_of`` is the version a rollback restored (``status`` ``rollback:N``), else missing.
    """
    statement = (
        select(
            ImportVersion.id.label("version"),
            Programme.slug.label("programme"),
            Budget.name.label("budget"),
            *_columns(ImportVersion, "kind file_name sha256 size_bytes imported_by imported_at"),
            *_columns(ImportVersion, "rows_read rows_imported rows_rejected status"),
        )
        .outerjoin(Programme, Programme.id == ImportVersion.programme_id)
        .outerjoin(Budget, Budget.id == ImportVersion.budget_id)
        .order_by(ImportVersion.id)
    )
    if programme:
        statement = statement.where(Programme.slug == programme)
    if budget:
        statement = statement.where(Budget.name == budget)
    if kinds is not None:
        statement = statement.where(ImportVersion.kind.in_(list(kinds)))
    frame = _frame(statement, url)
    restored = frame["status"].astype(str).str.extract(r"^rollback:(\d+)$")[0] if not frame.empty else None
    return frame.assign(rollback_of=pd.to_numeric(restored).astype("Int64") if restored is not None else None)


def imported_files(kind: str, url: str | None = None) -> list[str]:
    """The names of the files of ``kind`` whose import stands (status ``imported``), each once, oldest first."""
    statement = (
        select(ImportVersion.file_name)
        .where(ImportVersion.kind == kind, ImportVersion.status == "imported")
        .order_by(ImportVersion.id)
    )
    with engine(url).connect() as connection:
        return list(dict.fromkeys(connection.scalars(statement)))


def table_counts(url: str | None = None) -> dict[str, int]:
    """Rows per table: what tests compare to prove a rejected import changed nothing."""
    tables = (
        Programme,
        Budget,
        ImportVersion,
        BudgetLine,
        Municipality,
        ProgrammeMunicipality,
        KelaKuntaosuus,
        KelaAreaTotal,
        StatfinObservation,
        MunicipalityMerger,
        BenefitTarget,
    )
    with engine(url).connect() as connection:
        return {table.__tablename__: connection.scalar(select(func.count()).select_from(table)) for table in tables}


def _current_observations(table, conditions: Sequence = (), names: Sequence[str] | None = None):  # noqa: ANN001, ANN202
    """Rows of ``table`` that no newer version has replaced (the newest version wins per observation key).

    ``conditions`` narrow the rows first (through an index), so a page that
    needs a few municipalities reads those, never the whole table; a row that
    a newer version replaced was marked so by that version's import
    (``replaced_by``), so nothing is compared here. ``names``: only these columns (every one when ``None``).
    """
    columns = [column for column in _read_columns(table) if names is None or column.name in names]
    return select(*columns).where(*conditions, table.replaced_by.is_(None))


def _read_columns(table) -> list:  # noqa: ANN001 - a mapped class
    """The table's columns as the reads return them, cheaply.

    A Numeric ``value`` comes as a float (it is a statistic, not money); a
    ``month`` as the database gives it (text on SQLite, a date on PostgreSQL),
    for ``pd.to_datetime`` to convert all at once rather than row by row.
    """
    columns = []
    for column in table.__table__.c:
        if column.name == "replaced_by":  # only ever NULL in what the reads return
            continue
        if column.name == "value":
            column = cast(column, Float).label(column.name)
        elif column.name == "month":
            column = type_coerce(column, String).label(column.name)
        columns.append(column)
    return columns


def _dates(months: Iterable[dt.date] | None) -> list[dt.date] | None:
    """Months (dates, datetimes or Timestamps) as the dates a Date column holds."""
    return None if months is None else sorted({pd.Timestamp(month).date() for month in months})


def _filters(table, **wanted: object) -> list:  # noqa: ANN001 - a mapped class
    """Equality (one value) or membership (a list) conditions on columns; ``None`` means no filter."""
    conditions = []
    for name, value in wanted.items():
        if value is None:
            continue
        column = getattr(table, name)
        conditions.append(column.in_(list(value)) if isinstance(value, list | tuple | set) else column == value)
    return conditions


def _kela_typed(frame: pd.DataFrame, sums: list[str]) -> pd.DataFrame:
    """Kela's rows as the driver gave them, typed: ``sums`` nullable integers, ``suppressed`` a flag, ``month`` a date.

    >>> rows = pd.DataFrame({"paid_cents": [1250, None], "suppressed": [0, 1], "month": ["2024-01-01"] * 2})
    >>> typed = _kela_typed(rows, ["paid_cents"])
    >>> typed["paid_cents"].tolist(), typed["suppressed"].tolist(), typed["month"][0]
    ([1250, <NA>], [False, True], Timestamp('2024-01-01 00:00:00'))
    """
    frame[sums] = frame[sums].astype("Int64")
    if "suppressed" in frame:
        frame["suppressed"] = frame["suppressed"].astype(bool)
    if "month" in frame:
        frame["month"] = pd.to_datetime(frame["month"])
    return frame


def _statfin_typed(frame: pd.DataFrame) -> pd.DataFrame:
    """StatFin cells as the driver gave them, typed: ``month`` a date, ``value`` a float (NaN when missing).

    >>> typed = _statfin_typed(pd.DataFrame({"month": ["2024-01-01", "2024-02-01"], "value": ["3.5", None]}))
    >>> typed["month"][1], typed["value"].tolist()
    (Timestamp('2024-02-01 00:00:00'), [3.5, nan])
    """
    frame["month"] = pd.to_datetime(frame["month"])
    frame["value"] = pd.to_numeric(frame["value"], errors="coerce").astype("float64")
    return frame


def kela_kuntaosuus(
    regime: str | None = None,
    url: str | None = None,
    *,
    areas: Iterable[str] | None = None,
    months: Iterable[dt.date] | None = None,
    dimensions: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """Current Kela kuntaosuus rows as published (all dimensions, all period types unless narrowed), cents.

    ``areas``: only these area codes (as Kela writes them, ``837``);
    ``months``: only these months (first days); ``dimensions``: equalities on
    the other columns of an observation's key (``{"ikaryhma": "Yhteensä",
    "period_type": "Kuukausi"}``). Money columns are nullable integers
    (``Int64``): an empty cell stays missing, never zero.
    """
    conditions = _filters(
        KelaKuntaosuus,
        regime=regime,
        area_code=sorted(set(areas)) if areas is not None else None,
        month=_dates(months),
        **{name: value for name, value in (dimensions or {}).items() if name in KELA_KEY},
    )
    statement = _current_observations(KelaKuntaosuus, conditions)
    frame = _driver_frame(statement.order_by(KelaKuntaosuus.area_code, KelaKuntaosuus.month, KelaKuntaosuus.id), url)
    return _kela_typed(frame, ["recipients", "compensated_days", "paid_cents", "kuntaosuus_cents"])


def kela_area_totals(
    regime: str | None = None,
    url: str | None = None,
    *,
    areas: Iterable[str] | None = None,
    months: Iterable[dt.date] | None = None,
    period_type: str | None = None,
    day_class: str | None = None,
    sums: Sequence[str] = KELA_SUMS,
    columns: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Kela's current rows per area, period, day class and benefit, added up over age groups and genders, cents.

    What the pages need of Kela (an area's month, its day classes), kept by
    every import (``db.store.refresh_kela_area_totals``). ``areas``, ``months``,
    ``period_type`` (``Kuukausi``) and ``day_class`` (``Yhteensä``) narrow the
    read through an index. Sums are nullable integers (``Int64``): missing
    where any cell of the area was empty. ``cells`` counts the cells added. ``sums``: only these of
    ``KELA_SUMS`` (fewer values to build for a page that needs one or two); ``columns``: only these of the others.
    """
    conditions = _filters(
        KelaAreaTotal,
        regime=regime,
        area_code=sorted(set(areas)) if areas is not None else None,
        month=_dates(months),
        period_type=period_type,
        day_class=day_class,
    )
    wanted = [
        column
        for column in _read_columns(KelaAreaTotal)
        if column.name in sums or (column.name not in KELA_SUMS and column.name != "id" and _asked(column, columns))
    ]
    statement = select(*wanted).where(*conditions).order_by(KelaAreaTotal.area_code, KelaAreaTotal.month)
    return _kela_typed(_driver_frame(statement, url), list(sums))


def _asked(column, names: Sequence[str] | None) -> bool:  # noqa: ANN001 - a column
    return names is None or column.name in names


def statfin_observations(
    table_id: str | None = None,
    url: str | None = None,
    *,
    areas: Iterable[str] | None = None,
    indicators: Iterable[str] | None = None,
    months: Iterable[dt.date] | None = None,
    since: dt.date | None = None,
    columns: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Current StatFin cells: area code, month (Timestamp), indicator, value (float, NaN when missing), status.

    ``areas`` (``KU837``, ``SSS``), ``indicators``, ``months`` and ``since``
    (the first month wanted) narrow the cells read (through an index);
    ``columns``: only these of the table's columns (fewer values to build; ``month`` and ``value`` among them).
    """
    conditions = _filters(
        StatfinObservation,
        table_id=table_id,
        area_code=sorted(set(areas)) if areas is not None else None,
        indicator=sorted(set(indicators)) if indicators is not None else None,
        month=_dates(months),
    )
    if since is not None:
        conditions.append(StatfinObservation.month >= pd.Timestamp(since).date())
    statement = _current_observations(StatfinObservation, conditions, columns)
    order = (StatfinObservation.area_code, StatfinObservation.indicator, StatfinObservation.month)
    return _statfin_typed(_driver_frame(statement.order_by(*order), url))


def statfin_known_span(
    table_id: str, indicator: str, areas: Iterable[str], since: dt.date, url: str | None = None
) -> pd.DataFrame:
    """Each area's first and last month with a known value of ``indicator`` from ``since`` on (``area_code, first,
    last``, Timestamps; an area without any is not there): what a coverage check needs of a series, not its cells."""
    cell = StatfinObservation
    month = type_coerce(cell.month, String)  # as the database gives it, converted below at once
    conditions = _filters(cell, table_id=table_id, indicator=indicator, area_code=sorted(set(areas)))
    statement = (
        select(cell.area_code, func.min(month).label("first"), func.max(month).label("last"))
        .where(*conditions, cell.month >= since, cell.value.is_not(None), cell.replaced_by.is_(None))
        .group_by(cell.area_code)
        .order_by(cell.area_code)
    )
    frame = _driver_frame(statement, url)
    if frame.empty:
        none = pd.to_datetime([])
        return pd.DataFrame({"area_code": pd.Series(dtype=str), "first": none, "last": none})
    return frame.assign(first=pd.to_datetime(frame["first"]), last=pd.to_datetime(frame["last"]))


def statfin_months(url: str | None = None) -> list[pd.Timestamp]:
    """The months that have any StatFin cell, in order."""
    months = select(StatfinObservation.month).distinct().order_by(StatfinObservation.month)
    with engine(url).connect() as connection:
        return [pd.Timestamp(month) for month in connection.scalars(months)]


def data_version(url: str | None = None) -> str:
    """The token that changes with every commit that changes the data (``db.freshness``)."""
    with engine(url).connect() as connection:
        return connection.scalar(select(DataVersion.token).where(DataVersion.id == 1)) or ""


def municipality_register(url: str | None = None) -> pd.DataFrame:
    """Municipalities with region, employment area (2025) and population."""
    columns = _columns(Municipality, "code name_fi name_sv population region_code region_name employment_area")
    statement = select(*columns).order_by(Municipality.code)
    return _frame(statement, url)


def municipality_codes_by_name(url: str | None = None) -> dict[str, str]:
    """Lower-case Finnish and Swedish names to codes (``tampere`` → ``837``)."""
    register = municipality_register(url)
    names = {str(name).lower(): code for name, code in zip(register["name_sv"], register["code"], strict=True) if name}
    names.update({str(name).lower(): code for name, code in zip(register["name_fi"], register["code"], strict=True)})
    return names


def municipality_mergers(url: str | None = None) -> pd.DataFrame:
    """Mergers: old code and name, new code, date."""
    columns = _columns(MunicipalityMerger, "old_code old_name new_code merged_on")
    statement = select(*columns).order_by(MunicipalityMerger.merged_on, MunicipalityMerger.old_code)
    return _frame(statement, url)


def programme_memberships(url: str | None = None) -> pd.DataFrame:
    """Every programme's member municipalities with the programme's baseline year, target and dates."""
    statement = (
        select(
            Programme.slug.label("programme"),
            Programme.name.label("programme_name"),
            *_columns(Programme, "baseline_year savings_target_pct start_date target_date"),
            ProgrammeMunicipality.municipality_code.label("code"),
            ProgrammeMunicipality.is_assumption,
        )
        .join(ProgrammeMunicipality, ProgrammeMunicipality.programme_id == Programme.id)
        .order_by(Programme.name, ProgrammeMunicipality.municipality_code)
    )
    return _frame(statement, url)


def benefit_targets(programme: str | None = None, url: str | None = None) -> pd.DataFrame:
    """The benefit register: each programme's targets in order."""
    statement = (
        select(Programme.slug.label("programme"), *BenefitTarget.__table__.c)
        .join(Programme, Programme.id == BenefitTarget.programme_id)
        .order_by(Programme.name, BenefitTarget.position)
    )
    if programme:
        statement = statement.where(Programme.slug == programme)
    return _frame(statement, url)


# --- comparison groups and population (issue 16) -------------------------------------------------------

POPULATION_TABLE = "11ra"
POPULATION = "vaesto"  # 11ra's year-end population (Väkiluku 31.12.), its code without the prefix


def comparison_groups(programme: str | None = None, url: str | None = None) -> pd.DataFrame:
    """The groups a programme compares itself with: the register's (``programme`` missing) and its own, members listed.

    ``group_id, programme, name, register_key, created_by, created_at, members`` (codes in order);
    without ``programme``: every group of every programme.
    """
    statement = (
        select(
            ComparisonGroup.id.label("group_id"),
            Programme.slug.label("programme"),
            *_columns(ComparisonGroup, "name register_key created_by created_at"),
        )
        .outerjoin(Programme, Programme.id == ComparisonGroup.programme_id)
        .order_by(ComparisonGroup.programme_id.is_not(None), ComparisonGroup.id)
    )
    if programme:
        statement = statement.where(ComparisonGroup.programme_id.is_(None) | (Programme.slug == programme))
    groups = _frame(statement, url)
    members = _frame(
        select(ComparisonGroupMember.group_id, ComparisonGroupMember.municipality_code).order_by(
            ComparisonGroupMember.group_id, ComparisonGroupMember.municipality_code
        ),
        url,
    )
    codes = members.groupby("group_id")["municipality_code"].agg(list).to_dict() if not members.empty else {}
    keys = [key if isinstance(key, str) else None for key in groups["register_key"]]  # a programme's own: None
    return groups.assign(
        register_key=pd.Series(keys, index=groups.index, dtype=object),
        members=[codes.get(group, []) for group in groups["group_id"]],
    )


def population_by_year(url: str | None = None, *, areas: Iterable[str] | None = None) -> pd.DataFrame:
    """Year-end populations from Statistics Finland's table 11ra: ``municipality`` (``297``), ``year``, ``population``.

    Kept as StatFin cells (area ``KU297``, month December of the year); empty
    until a file of 11ra is imported. ``areas``: only these codes (``297``).
    """
    wanted = None if areas is None else [f"KU{code}" for code in areas]
    cells = statfin_observations(POPULATION_TABLE, url, areas=wanted, indicators=[POPULATION])
    cells = cells[cells["area_code"].astype(str).str.match(r"^KU\d{3}$") & cells["value"].notna()]
    return pd.DataFrame(
        {
            "municipality": cells["area_code"].str[2:].to_numpy(),
            "year": cells["month"].dt.year.astype("int64").to_numpy(),
            "population": cells["value"].round().astype("int64").to_numpy(),
        }
    )


def kela_total_months(regime: str, url: str | None = None) -> list[pd.Timestamp]:
    """The months that have any municipality's month total (``Kuukausi``, ``Yhteensä``) in ``regime``, in order."""
    statement = (
        select(KelaAreaTotal.month)
        .where(
            KelaAreaTotal.regime == regime,
            KelaAreaTotal.period_type == "Kuukausi",
            KelaAreaTotal.day_class == "Yhteensä",
        )
        .distinct()
        .order_by(KelaAreaTotal.month)
    )
    with engine(url).connect() as connection:
        return [pd.Timestamp(month) for month in connection.scalars(statement)]


def statfin_values(indicators: Iterable[str], months: Iterable[dt.date], url: str | None = None) -> pd.DataFrame:
    """Every area's current cells of these indicators in these months, only what a comparison needs.

    ``table_id, area_code, indicator, month, value`` (NaN when missing): the columns of
    ``statfin_observations`` without the status and provenance, a third of the bytes at national scale.
    """
    conditions = _filters(StatfinObservation, indicator=sorted(set(indicators)), month=_dates(months))
    columns = {column.name: column for column in _read_columns(StatfinObservation)}
    statement = select(*(columns[name] for name in ("table_id", "area_code", "indicator", "month", "value"))).where(
        *conditions, StatfinObservation.replaced_by.is_(None)
    )
    return _statfin_typed(_driver_frame(statement, url))


def comparison_figures(years: Iterable[int], month: int, stamp: str, url: str | None = None) -> pd.DataFrame:
    """Every municipality's kept comparison figures of ``years`` and ``month`` (0: the whole year) of ``stamp``.

    The rows ``data_loaders.comparison`` wrote after the last statistics import,
    only if they are of the data ``stamp`` names (``models.comparison.figures_stamp``);
    else empty, and the caller computes the figures from the stored rows.
    """
    columns = [column for column in ComparisonFigure.__table__.columns if column.name != "data_token"]
    statement = select(*columns).where(
        ComparisonFigure.year.in_(sorted({int(year) for year in years})),
        ComparisonFigure.month == int(month),
        ComparisonFigure.data_token == stamp,
    )
    return _driver_frame(statement, url)


def kept_kuntaosuus(codes: Iterable[str], stamp: str, url: str | None = None) -> pd.DataFrame | None:
    """These municipalities' kept monthly kuntaosuus (``municipality, month, kuntaosuus_cents``), in cents.

    The months ``data_loaders.comparison`` wrote after the last statistics
    import, on today's boundaries; ``None`` when what is kept is not of the data
    ``stamp`` names (``models.savings.kuntaosuus_stamp``) or nothing is kept:
    then the caller computes them from Kela's rows. Every kept row carries the
    one stamp they were written with, so the rows of ``stamp`` are read at once; only when there are none is the
    stamp kept looked at (nothing of these municipalities, or nothing current).
    """
    statement = (
        select(KuntaosuusMonth.municipality, KuntaosuusMonth.month, KuntaosuusMonth.kuntaosuus_cents)
        .where(KuntaosuusMonth.municipality.in_(sorted({str(code) for code in codes})))
        .where(KuntaosuusMonth.data_token == stamp)
        .order_by(KuntaosuusMonth.municipality, KuntaosuusMonth.month)
    )
    frame = _driver_frame(statement, url)
    if frame.empty:
        with engine(url).connect() as connection:
            kept = connection.execute(select(KuntaosuusMonth.data_token).limit(1)).scalar()
        if kept != stamp:
            return None
        return pd.DataFrame(
            {"municipality": pd.Series(dtype=object), "month": pd.Series(dtype="datetime64[ns]"),
             "kuntaosuus_cents": pd.Series(dtype="int64")}
        )  # fmt: skip
    return frame.assign(
        month=pd.to_datetime(frame["month"]), kuntaosuus_cents=frame["kuntaosuus_cents"].astype("int64")
    )


def statistics_imports(url: str | None = None, connection: Connection | None = None) -> tuple[int, int]:
    """The id of the latest committed import of statistics and how many there are: ``(0, 0)`` when none.

    The count changes with every import that commits, also one whose id is lower
    than an import committed before it (ids are handed out when an import starts).
    Read through ``connection`` when given (inside a writer's transaction), else through a connection of its own.
    """
    statement = select(func.max(ImportVersion.id), func.count(ImportVersion.id)).where(
        ImportVersion.programme_id.is_(None), ImportVersion.budget_id.is_(None)
    )
    if connection is not None:
        latest, count = connection.execute(statement).one()
    else:
        with engine(url).connect() as own:
            latest, count = own.execute(statement).one()
    return int(latest or 0), int(count or 0)


def latest_statistics_version(url: str | None = None, connection: Connection | None = None) -> int:
    """The id of the latest import of statistics (a version of no programme and no budget); 0 when none.

    Read through ``connection`` when given (inside a writer's transaction), else through a connection of its own.
    """
    statement = select(func.max(ImportVersion.id)).where(
        ImportVersion.programme_id.is_(None), ImportVersion.budget_id.is_(None)
    )
    if connection is not None:
        return int(connection.scalar(statement) or 0)
    with engine(url).connect() as own:
        return int(own.scalar(statement) or 0)

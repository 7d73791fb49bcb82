"""Kela open data: the municipal share of unemployment benefits (kuntaosuus), CSV.

Two regimes, two series: "Kunnan osarahoittaman työmarkkinatuen saajat ja
maksetut etuudet" (2015–2024: labour market subsidy, day class column
``tyomarkkinatukipaiva_luokka``) and the 2025+ co-financed unemployment
benefit datasets by municipality or by employment area (a day-class column of
their own). The column map ``kela_columns.csv`` tells which column belongs to
which regime; every row is tagged with it.

Every row is kept as published: rows per age group, gender and day class
beside the ``Yhteensä`` rows, year and year-to-date rows beside the months.
Which rows make a total is the models' business (``models.savings``). Empty
cells stay empty (NULL, unknown), refunds stay negative, and Kela's code 199
("Muut kunnat", suppressed small counts) is marked ``suppressed``.

Read → rename by the column map → coerce → validate; ``data_loaders.imports``
writes.
"""

from __future__ import annotations

import datetime as dt

from data_loaders.messages import ERROR, INFO, Message, column_letter
from data_loaders.statistics import BadNumber, ParsedStatistics, data_table, euro_cents, lookup, whole_number
from data_loaders.vocabulary import normalise
from data_loaders.workbook import Grid

KIND = "kela_kuntaosuus"
TABLE = "kela_kuntaosuus"
COLUMNS = "kela_columns.csv"
CODES = "kela_codes.csv"
REQUIRED = ("period_type", "area_code", "day_class", "kuntaosuus")
COUNTS = {"recipients": "recipients", "compensated_days": "compensated_days"}
EUROS = {"paid": "paid_cents", "kuntaosuus": "kuntaosuus_cents"}
DIMENSIONS = ("ikaryhma", "sukupuoli", "day_class", "benefit")
FIRST_YEAR_OF = {"2025+": 2025}
LAST_YEAR_OF = {"2015-2024": 2024}


def header_columns(row: list[object]) -> dict[str, tuple[int, dict[str, str]]]:
    """Each known column of a header row: its field, position and column-map entry."""
    known = lookup(COLUMNS, "header")
    found = {}
    for position, header in enumerate(row):
        entry = known.get(normalise(header))
        if entry and entry["column"] not in found:
            found[entry["column"]] = (position, entry)
    return found


def is_kela(grids: list[Grid]) -> bool:
    """True when the first row of the file names Kela's kuntaosuus columns."""
    grid = grids[0]
    if len(grids) != 1 or not grid.rows:
        return False
    return set(REQUIRED) <= set(header_columns(grid.rows[0]))


def _codes(field: str) -> dict[str, str]:
    return {normalise(row["value"]): row["meaning"] for row in data_table(CODES) if row["field"] == field}


def month_of(year_month: object, year: object, month_number: object, period: str) -> dt.date:
    """The first day of the row's month: ``vuosikuukausi`` 201603, else ``vuosi`` and ``kuukausi_nro``.

    A year row (``Vuosi``) without a month is dated to January.

    >>> month_of("201603", "2016", "3", "month")
    datetime.date(2016, 3, 1)
    >>> month_of("", "2016", "", "year")
    datetime.date(2016, 1, 1)
    """
    text = str(year_month or "").strip().removesuffix(".0")
    if len(text) == 6 and text.isdigit():
        return dt.date(int(text[:4]), int(text[4:]), 1)
    number = whole_number(month_number)
    if number is None and period == "year":
        number = 1
    year_value = whole_number(year)
    if year_value is None or number is None:
        raise ValueError(text)
    return dt.date(year_value, number, 1)


def parse(grids: list[Grid], file_name: str) -> ParsedStatistics:
    """Every row of a Kela kuntaosuus CSV as a ``kela_kuntaosuus`` record, or the reasons it cannot be."""
    grid = grids[0]
    columns = header_columns(grid.rows[0])
    regimes = {entry["regime"] for _, entry in columns.values() if entry["regime"]}
    regime = regimes.pop() if len(regimes) == 1 else "2015-2024"
    area_kind = columns["area_code"][1]["area_kind"]
    parsed = ParsedStatistics(KIND, TABLE, [], 0, 0)
    periods, special_areas = _codes("period_type"), _codes("area_code")
    seen: dict[tuple, int] = {}
    suppressed = 0
    for index, row in enumerate(grid.rows[1:], start=1):
        if not any(str(cell).strip() for cell in row):
            continue
        parsed.rows_read += 1
        record, errors = _record(row, index, columns, grid.sheet, periods, special_areas, regime, area_kind)
        key = tuple(record.get(name) for name in ("area_code", "period_type", "month", *DIMENSIONS))
        if not errors and key in seen:
            errors.append(Message(ERROR, "msg.duplicate_observation", {"first": seen[key]}, grid.sheet, row=index + 1))
        if errors:
            parsed.rows_rejected += 1
            parsed.messages += errors
            continue
        seen[key] = index + 1
        suppressed += record["suppressed"]
        parsed.records.append(record)
    if suppressed:
        parsed.messages.append(Message(INFO, "msg.kela_suppressed", {"rows": suppressed}, grid.sheet))
    parsed.messages.append(Message(INFO, "msg.kela_regime", {"regime": regime, "rows": len(parsed.records)}))
    return parsed


def _record(
    row: list[object],
    index: int,
    columns: dict[str, tuple[int, dict[str, str]]],
    sheet: str,
    periods: dict[str, str],
    special_areas: dict[str, str],
    regime: str,
    area_kind: str,
) -> tuple[dict[str, object], list[Message]]:
    """One CSV row as a record; the errors name the row and column."""

    def cell(name: str) -> object:
        position = columns.get(name, (None,))[0]
        return row[position] if position is not None and position < len(row) else ""

    def error(name: str, key: str, **fields: object) -> Message:
        position = columns.get(name, (0,))[0]
        return Message(ERROR, key, fields, sheet, cell=f"{column_letter(position)}{index + 1}", row=index + 1)

    errors: list[Message] = []
    period_text = str(cell("period_type")).strip()
    period = periods.get(normalise(period_text))
    if period is None:
        errors.append(error("period_type", "msg.kela_unknown_period", value=period_text, known=", ".join(periods)))
    area = str(cell("area_code")).strip().removesuffix(".0")
    if area_kind == "kunta" and area.isdigit():
        area = area.zfill(3)
    if not area:
        errors.append(error("area_code", "msg.kela_no_area"))
    record: dict[str, object] = {
        "regime": regime,
        "area_kind": area_kind,
        "area_code": area,
        "area_name": str(cell("area_name")).strip() or None,
        "period_type": period_text,
        "suppressed": special_areas.get(area) == "suppressed",
        "source_row": index + 1,
    }
    record.update({name: str(cell(name)).strip() for name in DIMENSIONS})
    try:
        record["month"] = month_of(cell("year_month"), cell("year"), cell("month_number"), period or "")
    except (ValueError, BadNumber):
        errors.append(error("year_month", "msg.kela_bad_month", value=cell("year_month")))
    else:
        year = record["month"].year
        if year < FIRST_YEAR_OF.get(regime, year) or year > LAST_YEAR_OF.get(regime, year):
            errors.append(error("year_month", "msg.kela_regime_mismatch", year=year, regime=regime))
    for name, field in (*COUNTS.items(), *EUROS.items()):
        convert = euro_cents if name in EUROS else whole_number
        try:
            record[field] = convert(cell(name))
        except BadNumber:
            header = columns[name][1]["header"] if name in columns else name
            errors.append(error(name, "msg.not_a_number", column=header, value=cell(name)))
    return record, errors

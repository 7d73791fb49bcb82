"""Statistics Finland (StatFin) employment service statistics: json-stat2 and CSV exports.

Tables 12r5 (jobseekers by municipality and month: TYOTTOMATLOPUSSA,
PITKAAIKAISTYOTTOMAT, TYOTTOMAT25, TYOTTOMAT50, …) and 12u4 (activation rate
AKTASTE), as PxWeb API json-stat2 responses or as CSV exports. The indicators
and which table each belongs to are ``statfin_indicators.csv``; the names of
the dimensions ``statfin_dimensions.csv``; the symbols of missing cells
``statfin_symbols.csv``. A missing cell stays missing (value NULL with its
status symbol), never zero.

json-stat2: the flat ``value`` array runs in row-major order of the dimensions
in ``id``, each ``size`` long, so the last dimension varies fastest.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator, Mapping
from decimal import Decimal
from itertools import product

from data_loaders.messages import ERROR, INFO, WARNING, Message, column_letter
from data_loaders.statistics import ParsedStatistics, data_table, lookup
from data_loaders.vocabulary import normalise
from data_loaders.workbook import Grid
from models.amounts import AmountError, parse_amount

TABLE = "statfin_observation"
KIND_PREFIX = "statfin_"
ROLES = ("area", "month", "indicator")
_MONTH = re.compile(r"(\d{4})M(\d{2})")
_AREA = re.compile(r"^(KU\d{3}|SSS|[A-Z]{2}\d{1,3})\b")
_MUNICIPALITY = re.compile(r"^(\d{3})\b")
_TABLE_ID = re.compile(r"\b(\d{2}[a-z]\d)\b")


def looks_like_json(content: bytes) -> bool:
    """True for content that opens like a JSON object (checked before reading it as CSV)."""
    return content.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{")


def month_of(text: object) -> dt.date:
    """StatFin's month ``2018M12`` as its first day.

    >>> month_of("2018M12")
    datetime.date(2018, 12, 1)
    """
    found = _MONTH.fullmatch(str(text).strip())
    if not found or not 1 <= int(found[2]) <= 12:
        raise ValueError(str(text))
    return dt.date(int(found[1]), int(found[2]), 1)


def indicator_of(text: object) -> str | None:
    """An indicator code from its code or its Finnish or English label.

    >>> indicator_of("Alle 25-vuotiaat työttömät (lkm.)"), indicator_of("aktaste")
    ('TYOTTOMAT25', 'AKTASTE')
    """
    word = normalise(text)
    for row in data_table("statfin_indicators.csv"):
        if word in {normalise(row["code"]), normalise(row["label_fi"]), normalise(row["label_en"])}:
            return row["code"]
    return None


def table_of(indicators: set[str]) -> str | None:
    """The table whose indicators these are (``12r5``), if exactly one holds them all."""
    tables = {row["table"] for row in data_table("statfin_indicators.csv") if row["code"] in indicators}
    return tables.pop() if len(tables) == 1 else None


def area_code_of(text: object, codes_by_name: Mapping[str, str]) -> str | None:
    """StatFin's area code from a cell: ``KU837``, ``KU837 Tampere``, ``837``, ``Tampere``, ``KOKO MAA``.

    >>> area_code_of("KU837 Tampere", {}), area_code_of("Tampere", {"tampere": "837"}), area_code_of("KOKO MAA", {})
    ('KU837', 'KU837', 'SSS')
    """
    cell = str(text).strip()
    if found := _AREA.match(cell):
        return found[1]
    if found := _MUNICIPALITY.match(cell):
        return f"KU{found[1]}"
    word = normalise(cell)
    if word in (areas := lookup("statfin_areas.csv", "text")):
        return areas[word]["code"]
    return f"KU{codes_by_name[word]}" if word in codes_by_name else None


def cell_value(raw: object) -> tuple[Decimal | None, str | None]:
    """A cell as (value, status): a number, or a symbol from ``statfin_symbols.csv``.

    >>> cell_value("1 420"), cell_value(".."), cell_value("-"), cell_value(None)
    ((Decimal('1420'), None), (None, '..'), (Decimal('0'), '-'), (None, None))
    """
    if raw is None or str(raw).strip() == "":
        return None, None
    symbol = str(raw).strip()
    if symbol in (symbols := {row["symbol"]: row["value"] for row in data_table("statfin_symbols.csv")}):
        return (Decimal(0) if symbols[symbol] == "zero" else None), symbol
    value = parse_amount(raw)
    return value, None


def _role_of(name: str, roles: Mapping[str, list[str]]) -> str | None:
    for role in ROLES:
        if name in roles.get({"area": "geo", "month": "time", "indicator": "metric"}[role], []):
            return role
    entry = lookup("statfin_dimensions.csv", "name").get(normalise(name))
    return entry["role"] if entry else None


def _categories(dimension: Mapping) -> list[str]:
    index = dimension.get("category", {}).get("index")
    if index is None:
        return list(dimension.get("category", {}).get("label", {}))
    if isinstance(index, list):
        return index
    return sorted(index, key=index.get)


MAX_CELLS = 5_000_000  # the whole country, monthly 2006–2026, every 12r5 indicator is about 0.4 million


def _flat(values: object, count: int) -> list[object]:
    """json-stat2 ``value`` or ``status``: an array, an object by position, or one value for all."""
    if isinstance(values, list):
        return values
    if isinstance(values, dict):
        return [values.get(str(position)) for position in range(count)]
    return [values] * count


def row_major(sizes: list[int]) -> Iterator[tuple[int, ...]]:
    """Every position's coordinates in row-major order: the last dimension varies fastest.

    >>> list(row_major([2, 3]))[:4]
    [(0, 0), (0, 1), (0, 2), (1, 0)]
    """
    return product(*(range(size) for size in sizes))


def parse_json(content: bytes, file_name: str) -> ParsedStatistics:
    """A json-stat2 response of table 12r5 or 12u4 as observations, or the reasons it cannot be."""
    parsed = ParsedStatistics(KIND_PREFIX + "json", TABLE, [], 0, 0)
    try:
        data = json.loads(content.decode("utf-8-sig"))
        ids, sizes, dimensions = list(data["id"]), [int(size) for size in data["size"]], data["dimension"]
    except (ValueError, KeyError, TypeError, RecursionError) as error:
        parsed.messages.append(Message(ERROR, "msg.statfin_not_jsonstat", {"detail": str(error)[:120]}, file_name))
        return parsed
    roles = {ids[i]: _role_of(name, data.get("role", {})) for i, name in enumerate(ids)}
    for role in ROLES:
        if role not in roles.values():
            parsed.messages.append(Message(ERROR, "msg.statfin_no_dimension", {"role": role}, file_name))
    for name, size in zip(ids, sizes, strict=False):
        if roles[name] is None and size != 1:
            fields = {"dimension": name, "size": size}
            parsed.messages.append(Message(ERROR, "msg.statfin_extra_dimension", fields, file_name))
    count = 1
    for size in sizes:
        count *= size
    if count > MAX_CELLS:
        parsed.messages.append(Message(ERROR, "msg.statfin_too_large", {"cells": count, "limit": MAX_CELLS}, file_name))
    if not parsed.ok:  # before any list as long as the declared cube is built
        return parsed
    values, statuses = _flat(data.get("value", []), count), _flat(data.get("status", {}), count)
    if len(values) != count:
        fields = {"values": len(values), "expected": count}
        parsed.messages.append(Message(ERROR, "msg.statfin_size_mismatch", fields, file_name))
    if not parsed.ok:
        return parsed
    categories = [_categories(dimensions[name]) for name in ids]
    table = _json_table_id(data) or table_of({code for code in categories[_position(roles, ids, "indicator")]})
    cells = (
        ({roles[name]: categories[d][i] for d, (name, i) in enumerate(zip(ids, at, strict=True))}, position)
        for position, at in enumerate(row_major(sizes))
    )
    _collect(parsed, table, cells, lambda position: values[position], lambda position: statuses[position], file_name)
    return parsed


def _position(roles: Mapping[str, str | None], ids: list[str], role: str) -> int:
    return next(i for i, name in enumerate(ids) if roles[name] == role)


def _json_table_id(data: Mapping) -> str | None:
    extension = data.get("extension", {}).get("px", {})
    found = _TABLE_ID.search(str(extension.get("tableid", "")) + " " + str(data.get("label", "")))
    return found[1] if found and found[1] in {row["table"] for row in data_table("statfin_indicators.csv")} else None


def _collect(parsed, table, cells, value_at, status_at, sheet, codes_by_name=None, places=None) -> None:  # noqa: ANN001
    """Turn cells ({area, month, indicator}, position) into records; validate each."""
    unknown: set[str] = set()
    missing: dict[str, int] = {}
    seen: dict[tuple, int] = {}
    for coordinates, position in cells:
        parsed.rows_read += 1
        row, cell = (places or {}).get(position, (None, None))
        place = {"sheet": sheet, "row": row, "cell": cell}
        try:
            month = month_of(coordinates["month"])
        except ValueError:
            parsed.messages.append(Message(ERROR, "msg.statfin_bad_month", {"value": coordinates["month"]}, **place))
            parsed.rows_rejected += 1
            continue
        area = coordinates["area"] if codes_by_name is None else area_code_of(coordinates["area"], codes_by_name)
        if not area:
            parsed.messages.append(Message(ERROR, "msg.statfin_unknown_area", {"value": coordinates["area"]}, **place))
            parsed.rows_rejected += 1
            continue
        try:
            value, status = cell_value(value_at(position))
        except AmountError:
            fields = {"column": coordinates["indicator"], "value": value_at(position)}
            parsed.messages.append(Message(ERROR, "msg.not_a_number", fields, **place))
            parsed.rows_rejected += 1
            continue
        status = status or status_at(position)
        key = (area, coordinates["indicator"], month)
        if key in seen:
            parsed.messages.append(Message(ERROR, "msg.duplicate_observation", {"first": seen[key]}, **place))
            parsed.rows_rejected += 1
            continue
        seen[key] = position
        if value is None:
            missing[status or "-"] = missing.get(status or "-", 0) + 1
        if indicator_of(coordinates["indicator"]) is None:
            unknown.add(coordinates["indicator"])
        parsed.records.append(
            {
                "table_id": table,
                "area_code": area,
                "month": month,
                "indicator": coordinates["indicator"],
                "value": value,
                "status": status,
                "source_row": row if row is not None else position,
            }
        )
    if table is None:
        known = ", ".join(sorted({row["code"] for row in data_table("statfin_indicators.csv")}))
        parsed.messages.append(Message(ERROR, "msg.statfin_unknown_table", {"known": known}, sheet))
        return
    parsed.kind = KIND_PREFIX + table
    for indicator in sorted(unknown):
        parsed.messages.append(Message(WARNING, "msg.statfin_unknown_indicator", {"indicator": indicator}, sheet))
    if missing:
        symbols = ", ".join(f"'{symbol}' {count}" for symbol, count in sorted(missing.items()))
        fields = {"count": sum(missing.values()), "symbols": symbols}
        parsed.messages.append(Message(INFO, "msg.statfin_missing_cells", fields, sheet))


def csv_header(grid: Grid) -> tuple[int, dict[str, int]] | None:
    """The first row (of the first ten) naming an area and a month or month-bearing columns."""
    dimensions = lookup("statfin_dimensions.csv", "name")
    for number, row in enumerate(grid.rows[:10]):
        roles = {}
        for position, header in enumerate(row):
            entry = dimensions.get(normalise(header))
            if entry and entry["role"] not in roles:
                roles[entry["role"]] = position
        has_months = "month" in roles or any(_MONTH.search(str(header)) for header in row)
        if "area" in roles and has_months:
            return number, roles
    return None


def is_statfin_csv(grids: list[Grid]) -> bool:
    return len(grids) == 1 and csv_header(grids[0]) is not None


def parse_csv(grids: list[Grid], file_name: str, codes_by_name: Mapping[str, str]) -> ParsedStatistics:
    """A CSV export of 12r5 or 12u4, long (Alue, Kuukausi, Tiedot, value) or wide (an indicator per column).

    A wide column's heading names its indicator (code or label) and, when the
    file has no month column, its month too (``2018M12 Työttömät …``).
    """
    grid = grids[0]
    parsed = ParsedStatistics(KIND_PREFIX + "csv", TABLE, [], 0, 0)
    number, roles = csv_header(grid)
    header = grid.rows[number]
    value_columns = [i for i in range(len(header)) if i not in roles.values() and str(header[i]).strip()]
    if "indicator" not in roles:
        heads = {i: _column_heading(header[i], "month" in roles) for i in value_columns}
        bad = [str(header[i]) for i, head in heads.items() if head is None]
        if bad:
            fields = {"columns": ", ".join(bad)}
            parsed.messages.append(Message(ERROR, "msg.statfin_unknown_columns", fields, grid.sheet, row=number + 1))
            return parsed
    elif len(value_columns) != 1:
        parsed.messages.append(Message(ERROR, "msg.statfin_value_column", {}, grid.sheet, row=number + 1))
        return parsed
    cells, values, places = [], {}, {}
    for row_number, row in enumerate(grid.rows[number + 1 :], start=number + 2):
        if not any(str(cell).strip() for cell in row):
            continue
        for column in value_columns:
            position = len(values)

            def at(role: str, row: list[object] = row) -> object:
                return row[roles[role]] if roles[role] < len(row) else ""

            if "indicator" in roles:
                month, indicator = at("month"), indicator_of(at("indicator")) or str(at("indicator")).strip()
            else:
                heading_month, indicator = heads[column]
                month = at("month") if "month" in roles else heading_month
            cells.append(({"area": at("area"), "month": month, "indicator": indicator}, position))
            values[position] = row[column] if column < len(row) else ""
            places[position] = (row_number, f"{column_letter(column)}{row_number}")
    indicators = {coordinates["indicator"] for coordinates, _ in cells}
    table = _csv_table_id(grid, number) or table_of(indicators)
    _collect(parsed, table, cells, values.get, lambda _: None, grid.sheet, codes_by_name, places)
    return parsed


def _column_heading(heading: object, month_column: bool) -> tuple[str, str] | None:
    """A wide column's (month, indicator) from its heading; month is '' when the file has a month column."""
    text = str(heading).strip()
    found = _MONTH.search(text)
    if found is None and not month_column:
        return None
    indicator = indicator_of(_MONTH.sub("", text).strip(" -:"))
    return (found[0] if found else "", indicator) if indicator else None


def _csv_table_id(grid: Grid, header_number: int) -> str | None:
    known = {row["table"] for row in data_table("statfin_indicators.csv")}
    for row in grid.rows[:header_number]:
        for cell in row:
            found = _TABLE_ID.search(str(cell))
            if found and found[1] in known:
                return found[1]
    return None

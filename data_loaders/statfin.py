"""Statistics Finland (StatFin) employment service statistics as the PxWeb API gives them.

Tables 12r5 (jobseekers by area and month: TYOTTOMATLOPUSSA,
PITKAAIKAISTYOTTOMAT, TYOTTOMAT25, TYOTTOMAT50, TYOTOSUUS, HAKIJALOPUSSA …)
and 12u4 (activation rate AKTASTE, by gender and age too), in every shape the
API answers:

- json-stat2: ``id``, ``size``, ``dimension``, ``value`` (and ``status``,
  ``role``) at the top; the flat ``value`` array runs in row-major order of the
  dimensions in ``id``, so the last dimension varies fastest;
- json-stat (version 1): the same dataset wrapped under a top-level key
  (``dataset``), with ``id``, ``size`` and ``role`` inside ``dimension``;
- PxWeb "json": ``columns`` (key variables of type ``d`` and ``t``, then one
  column of type ``c`` per measure), ``data`` rows ``{"key": [...], "values":
  [...]}`` with the values as strings, ``comments`` and ``metadata``;
- CSV exports, long (Alue, Kuukausi, Tiedot, value) or wide, their columns named
  as in ``statfin_dimensions.csv`` (a CSV has no codes for its variables).

Variables are found by json-stat ``role`` (or PxWeb column type) and by the
shape of their codes (``2026M06`` is a month, ``KU837`` an area), never by
their names, which Statistics Finland changes (since 8 June 2026 the month is
``timeperiod_m``). Indicators are matched by code, a statistic's prefix
(``tyonv-``) dropped; labels only through ``statfin_indicator_names.csv``.
Other variables (gender, age) are read at their total
(``statfin_totals.csv``); one without a total refuses the file. Areas of every
kind (``statfin_area_kinds.csv``) are kept. A missing cell stays missing
(value NULL with its status symbol, ``statfin_symbols.csv``), never zero.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache, lru_cache
from itertools import product
from typing import NamedTuple

from data_loaders.cell_amounts import parse_amount
from data_loaders.checks import amount_message, text_limits
from data_loaders.messages import ERROR, INFO, WARNING, Message, column_letter
from data_loaders.statistics import ParsedStatistics, data_table, lookup
from data_loaders.vocabulary import normalise
from data_loaders.workbook import Grid
from models.amounts import AmountError, AmountOutOfBounds, beyond_bound

TABLE = "statfin_observation"
KIND_PREFIX = "statfin_"
ROLES = ("area", "month", "indicator")
JSON_ROLES = {"geo": "area", "time": "month", "metric": "indicator"}
PXWEB_TYPES = {"t": "month", "c": "indicator"}
MAX_CELLS = 5_000_000  # the whole country, monthly 2006–2026, every 12r5 indicator is about 0.5 million
_MONTH = re.compile(r"(\d{4})M(\d{2})")
_YEAR = re.compile(r"(?:19|20)\d{2}")  # a yearly table's time code (11ra's Vuosi): its figure is at the year's end
_MUNICIPALITY = re.compile(r"^(\d{3})\b")
_TABLE_ID = re.compile(r"(?<![0-9A-Za-z])(\d{2}[a-z]\d)(?![0-9A-Za-z])")
_PREFIX = re.compile(r"^[a-z][a-z0-9_]*-(?=\S)")


def looks_like_json(content: bytes) -> bool:
    """True for content that opens like a JSON object (checked before reading it as CSV)."""
    return content.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{")


# --- codes ----------------------------------------------------------------------------------


def unprefixed(code: object) -> str:
    """A value code without the statistic's prefix some codes carry since June 2026.

    >>> unprefixed("tyonv-TYOTTOMATLOPUSSA"), unprefixed("KU837"), unprefixed("Mänttä-Vilppula")
    ('TYOTTOMATLOPUSSA', 'KU837', 'Mänttä-Vilppula')
    """
    return _PREFIX.sub("", str(code).strip())


def month_of(text: object) -> dt.date:
    """StatFin's month ``2018M12`` as its first day; a year (``2023``, of a yearly table) as its December.

    A yearly table's figure is of the year's end (11ra: population on 31 December).

    >>> month_of("2018M12"), month_of("2023")
    (datetime.date(2018, 12, 1), datetime.date(2023, 12, 1))
    """
    if is_year(text):
        return dt.date(int(unprefixed(text)), 12, 1)
    found = _MONTH.fullmatch(unprefixed(text))
    if not found or not 1 <= int(found[2]) <= 12:
        raise ValueError(str(text))
    return dt.date(int(found[1]), int(found[2]), 1)


def is_year(text: object) -> bool:
    """Whether a code is a year (a yearly table's time code).

    >>> is_year("2023"), is_year("2023M01"), is_year("837")
    (True, False, False)
    """
    return _YEAR.fullmatch(unprefixed(text)) is not None


@cache
def yearly_tables() -> frozenset[str]:
    """The tables whose time variable is the year (``statfin_yearly_tables.csv``); every other one is monthly."""
    return frozenset(row["table"] for row in data_table("statfin_yearly_tables.csv"))


def is_month(text: object) -> bool:
    """Whether a code has the shape of a month.

    >>> is_month("2026M06"), is_month("SSS")
    (True, False)
    """
    try:
        month_of(text)
    except ValueError:
        return False
    return True


@cache
def _area_kinds() -> tuple[tuple[re.Pattern[str], str, str], ...]:
    rows = data_table("statfin_area_kinds.csv")
    return tuple(
        (
            re.compile(re.escape(row["prefix"]) + (f"(?:{row['rest']})" if row["rest"] else "")),
            row["prefix"],
            row["kind"],
        )
        for row in rows
    )


def _area_row(code: object) -> tuple[str, str] | None:
    text = unprefixed(code)
    return next(((prefix, kind) for shape, prefix, kind in _area_kinds() if shape.fullmatch(text)), None)


def area_kind(code: object) -> str | None:
    """The kind of area a StatFin code names (``statfin_area_kinds.csv``), ``None`` if it is no area code.

    >>> [area_kind(c) for c in ("SSS", "KU837", "SK064", "MK06", "ELY01", "KUJOU", "TYOTTOMAT25", "837")]
    ['country', 'municipality', 'sub_region', 'region', 'ely_centre', 'municipality', None, None]
    """
    found = _area_row(code)
    return found[1] if found else None


def area_prefix(code: object) -> str:
    """The prefix that names an area code's kind (its leading letters if the kind is not known).

    >>> area_prefix("ELY01"), area_prefix("SKJOU"), area_prefix("FI1B1")
    ('ELY', 'SK', 'FI')
    """
    found = _area_row(code)
    if found:
        return found[0]
    letters = re.match(r"[A-Za-z]+", unprefixed(code))
    return letters[0] if letters else unprefixed(code)


@cache
def _indicator_names() -> dict[str, str]:
    """Every normalised name of an indicator (older codes, labels old and new; its code wins) → its code."""
    names = {normalise(row["name"]): row["code"] for row in data_table("statfin_indicator_names.csv")}
    return names | {normalise(row["code"]): row["code"] for row in data_table("statfin_indicators.csv")}


def indicator_of(text: object) -> str | None:
    """An indicator's code from its code (a prefix dropped), an older code, or a label in the names table.

    >>> indicator_of("Alle 25-vuotiaat työttömät (lkm.)"), indicator_of("aktaste"), indicator_of("tyonv-TYOTOSUUS")
    ('TYOTTOMAT25', 'AKTASTE', 'TYOTOSUUS')
    >>> indicator_of("Työttömät työnhakijat laskentapäivänä (lkm.)"), indicator_of("TYONHAKIJATLOPUSSA")
    ('TYOTTOMATLOPUSSA', 'HAKIJALOPUSSA')
    """
    names = _indicator_names()
    return names.get(normalise(text)) or names.get(normalise(unprefixed(text)))


def table_of(indicators: set[str]) -> str | None:
    """The table whose indicators these are (``12r5``), if exactly one holds the known ones."""
    tables = {row["table"] for row in data_table("statfin_indicators.csv") if row["code"] in indicators}
    return tables.pop() if len(tables) == 1 else None


def _table_in(text: object) -> str | None:
    """A known table id (``12r5``) written in a text: a short id, a long one or a title."""
    known = {row["table"] for row in data_table("statfin_indicators.csv")}
    return next((found for found in _TABLE_ID.findall(str(text)) if found in known), None)


def area_code_of(text: object, codes_by_name: Mapping[str, str]) -> str | None:
    """StatFin's area code from a cell: ``KU837``, ``KU837 Tampere``, ``ELY01``, ``837``, ``Tampere``, ``KOKO MAA``.

    >>> area_code_of("KU837 Tampere", {}), area_code_of("Tampere", {"tampere": "837"}), area_code_of("KOKO MAA", {})
    ('KU837', 'KU837', 'SSS')
    >>> area_code_of("ELY01 Uusimaa", {}), area_code_of("SK064", {})
    ('ELY01', 'SK064')
    """
    cell = str(text).strip()
    first = cell.split(" ", 1)[0]
    if area_kind(first):
        return unprefixed(first)
    if found := _MUNICIPALITY.match(cell):
        return f"KU{found[1]}"
    word = normalise(cell)
    if word in (areas := lookup("statfin_areas.csv", "text")):
        return areas[word]["code"]
    return f"KU{codes_by_name[word]}" if word in codes_by_name else None


@cache
def _symbols() -> dict[str, dict[str, str]]:
    return {row["symbol"]: row for row in data_table("statfin_symbols.csv")}


def _symbol_value(symbol: str) -> Decimal | None:
    return Decimal(0) if _symbols()[symbol]["value"] == "zero" else None


def cell_value(raw: object, status: object = None) -> tuple[Decimal | None, str | None]:
    """A cell as (value, status): a number, or a symbol, in the cell or as its status (``statfin_symbols.csv``).

    >>> cell_value("1 420"), cell_value(".."), cell_value("-"), cell_value(None)
    ((Decimal('1420'), None), (None, '..'), (Decimal('0'), '-'), (None, None))
    >>> cell_value(None, "..."), cell_value(None, "-"), cell_value("10.9", "p")
    ((None, '...'), (Decimal('0'), '-'), (Decimal('10.9'), 'p'))
    """
    text = "" if raw is None else str(raw).strip()
    if text in _symbols():
        return _symbol_value(text), text
    value = parse_amount(raw)
    status = None if status is None or str(status).strip() == "" else str(status).strip()
    if value is None and status in _symbols():
        return _symbol_value(status), status
    return value, status


# --- the variables of a response --------------------------------------------------------------


@dataclass(frozen=True)
class Dimension:
    """One variable of a response: its code in the file, its text, its categories' codes and labels, a role hint."""

    name: str
    text: str
    codes: tuple[str, ...]
    labels: Mapping[str, str] = field(default_factory=dict)
    hint: str | None = None  # area, month or indicator, from json-stat ``role`` or the PxWeb column type

    def label(self, code: str) -> str:
        return str(self.labels.get(code, code))


def _is_month_dimension(dimension: Dimension) -> bool:
    return all(is_month(code) for code in dimension.codes)


def _is_area_dimension(dimension: Dimension) -> bool:
    """More than half of its codes are area codes (a kind the table does not know yet does not hide it).

    >>> areas, sexes = Dimension("Alue", "Alue", ("SSS", "KU837", "TE01")), Dimension("s", "s", ("SSS", "1", "2"))
    >>> _is_area_dimension(areas), _is_area_dimension(sexes)
    (True, False)
    """
    return 2 * sum(1 for code in dimension.codes if area_kind(code)) > len(dimension.codes)


def _is_indicator_dimension(dimension: Dimension) -> bool:
    return any(indicator_of(code) or indicator_of(dimension.label(code)) for code in dimension.codes)


SHAPES: tuple[tuple[str, Callable[[Dimension], bool]], ...] = (
    ("month", _is_month_dimension),
    ("indicator", _is_indicator_dimension),
    ("area", _is_area_dimension),
)


def roles_of(dimensions: list[Dimension]) -> list[str | None]:
    """Each dimension's role: the file's hint, else the shape of its codes (the longest fitting one); others None.

    >>> area = Dimension("Alue", "Alue", ("SSS", "KU837", "ELY04"))
    >>> month = Dimension("timeperiod_m", "Kuukausi", ("2026M05", "2026M06"))
    >>> sex = Dimension("sukupuoli", "Sukupuoli", ("SSS", "1", "2"))
    >>> data = Dimension("contentscode", "Tiedot", ("AKTASTE",))
    >>> roles_of([area, month, sex, data])
    ['area', 'month', None, 'indicator']
    """
    roles: list[str | None] = []
    for dimension in dimensions:
        roles.append(dimension.hint if dimension.hint not in roles else None)
    for role, fits in SHAPES:
        candidates = [i for i, dimension in enumerate(dimensions) if roles[i] is None and fits(dimension)]
        if role not in roles and candidates:
            roles[max(candidates, key=lambda i: len(dimensions[i].codes))] = role
    return roles


@cache
def _total_words() -> frozenset[str]:
    return frozenset(normalise(row["text"]) for row in data_table("statfin_totals.csv"))


def total_of(dimension: Dimension) -> int | None:
    """The position of a dimension's total: the category whose code or label is in ``statfin_totals.csv``.

    >>> total_of(Dimension("sukupuoli", "Sukupuoli", ("1", "2", "SSS"), {"SSS": "Yhteensä"}))
    2
    >>> total_of(Dimension("ika", "Ikä", ("15-24", "25-54"))) is None
    True
    """
    words = _total_words()
    return next(
        (
            position
            for position, code in enumerate(dimension.codes)
            if normalise(unprefixed(code)) in words or normalise(dimension.label(code)) in words
        ),
        None,
    )


# --- the three json shapes --------------------------------------------------------------------


class JsonCell(NamedTuple):
    """One cell of a json response: its category position in every dimension, its value and status."""

    at: tuple[int, ...]
    value: object
    status: object
    position: int


@dataclass
class Cube:
    """What a json response holds: its dimensions, its cells and any text that may name its table."""

    dimensions: list[Dimension]
    cells: Iterable[JsonCell]
    count: int
    table_text: str = ""


class NotStatFin(ValueError):
    """The JSON is none of the shapes PxWeb answers in."""


def _categories(dimension: Mapping) -> list[str]:
    index = dimension.get("category", {}).get("index")
    if index is None:
        return list(dimension.get("category", {}).get("label", {}))
    if isinstance(index, list):
        return index
    return sorted(index, key=index.get)


def _flat(values: object, count: int) -> list[object]:
    """json-stat ``value`` or ``status``: an array, an object by position, or one value for all."""
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


def _count(sizes: Iterable[int]) -> int:
    count = 1
    for size in sizes:
        count *= size
    return count


def _jsonstat_dataset(data: Mapping) -> tuple[Mapping, list[str], list[int], Mapping]:
    """(dataset, ids, sizes, roles) of json-stat2 (``id`` at the top) or json-stat 1 (inside ``dimension``)."""
    if "id" in data:
        return data, list(data["id"]), [int(size) for size in data["size"]], data.get("role") or {}
    datasets = [value for value in data.values() if isinstance(value, dict) and "dimension" in value]
    if len(datasets) != 1:
        raise NotStatFin(f"{len(datasets)} json-stat datasets")
    dimension = datasets[0]["dimension"]
    return datasets[0], list(dimension["id"]), [int(size) for size in dimension["size"]], dimension.get("role") or {}


def _jsonstat_dimensions(dataset: Mapping, ids: list[str], sizes: list[int], roles: Mapping) -> list[Dimension]:
    hints = {name: JSON_ROLES[role] for role, names in roles.items() if role in JSON_ROLES for name in names}
    dimensions = []
    for name, size in zip(ids, sizes, strict=True):
        entry = dataset["dimension"][name]
        codes = tuple(str(code) for code in _categories(entry))
        if len(codes) != size:
            raise NotStatFin(f"'{name}' has {len(codes)} categories, its size is {size}")
        labels = entry.get("category", {}).get("label") or {}
        dimensions.append(Dimension(name, str(entry.get("label", name)), codes, labels, hints.get(name)))
    return dimensions


def _jsonstat_cube(data: Mapping, parsed: ParsedStatistics, file_name: str) -> Cube | None:
    """json-stat2 or json-stat 1 as a cube; ``None`` (with the reason in ``parsed``) if it cannot be read."""
    dataset, ids, sizes, roles = _jsonstat_dataset(data)
    if len(ids) != len(sizes):
        raise NotStatFin(f"{len(ids)} ids, {len(sizes)} sizes")
    count = _count(sizes)
    if count > MAX_CELLS:  # before any list as long as the declared cube is built
        parsed.messages.append(Message(ERROR, "msg.statfin_too_large", {"cells": count, "limit": MAX_CELLS}, file_name))
        return None
    dimensions = _jsonstat_dimensions(dataset, ids, sizes, roles)
    values, statuses = _flat(dataset.get("value", []), count), _flat(dataset.get("status", {}), count)
    if len(values) != count:
        fields = {"values": len(values), "expected": count}
        parsed.messages.append(Message(ERROR, "msg.statfin_size_mismatch", fields, file_name))
        return None
    cells = (
        JsonCell(at, values[position], statuses[position] if position < len(statuses) else None, position)
        for position, at in enumerate(row_major(sizes))
    )
    extension = dataset.get("extension", {}).get("px", {})
    return Cube(dimensions, cells, count, f"{extension.get('tableid', '')} {dataset.get('label', '')}")


def _pxweb_dimensions(columns: list[Mapping], rows: list[Mapping]) -> list[Dimension]:
    """The key columns (their codes as the rows give them, in order) and one dimension of the measure columns."""
    keys = [column for column in columns if column.get("type") != "c"]
    measures = [column for column in columns if column.get("type") == "c"]
    dimensions = []
    for number, column in enumerate(keys):
        codes = tuple(dict.fromkeys(str(row["key"][number]) for row in rows))
        dimensions.append(
            Dimension(str(column["code"]), str(column.get("text", "")), codes, {}, PXWEB_TYPES.get(column.get("type")))
        )
    codes = tuple(str(column["code"]) for column in measures)
    labels = {str(column["code"]): str(column.get("text", "")) for column in measures}
    return [*dimensions, Dimension("", "", codes, labels, "indicator")]


def _pxweb_cells(rows: list[Mapping], dimensions: list[Dimension]) -> Iterator[JsonCell]:
    positions = [{code: i for i, code in enumerate(dimension.codes)} for dimension in dimensions[:-1]]
    for number, row in enumerate(rows):
        key = tuple(positions[d][str(code)] for d, code in enumerate(row["key"]))
        for measure, value in enumerate(row["values"]):
            yield JsonCell((*key, measure), value, None, number)


def _pxweb_cube(data: Mapping, parsed: ParsedStatistics, file_name: str) -> Cube | None:
    """PxWeb "json" (``columns``, ``data``) as a cube; ``None`` (the reason in ``parsed``) if too large."""
    columns, rows = list(data["columns"]), list(data["data"])
    width = sum(1 for column in columns if column.get("type") == "c")
    count = len(rows) * width
    if count > MAX_CELLS:
        parsed.messages.append(Message(ERROR, "msg.statfin_too_large", {"cells": count, "limit": MAX_CELLS}, file_name))
        return None
    for number, row in enumerate(rows):
        if len(row["key"]) != len(columns) - width or len(row["values"]) != width:
            raise NotStatFin(f"data[{number}] has {len(row['key'])} keys and {len(row['values'])} values")
    dimensions = _pxweb_dimensions(columns, rows)
    metadata = " ".join(f"{entry.get('label', '')} {entry.get('infofile', '')}" for entry in data.get("metadata") or [])
    return Cube(dimensions, _pxweb_cells(rows, dimensions), count, metadata)


def _cube(content: bytes, parsed: ParsedStatistics, file_name: str) -> Cube | None:
    """The response in whichever shape it comes; a message in ``parsed`` when it cannot be read."""
    try:
        data = json.loads(content.decode("utf-8-sig"), object_pairs_hook=unambiguous_object)
        if not isinstance(data, dict):
            raise NotStatFin("not an object")
        return (_pxweb_cube if "columns" in data else _jsonstat_cube)(data, parsed, file_name)
    except DuplicateKey as duplicate:
        parsed.messages.append(Message(ERROR, "msg.json_duplicate_key", {"name": duplicate.key[:120]}, file_name))
        return None
    except (ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError) as error:
        parsed.messages.append(Message(ERROR, "msg.statfin_not_jsonstat", {"detail": str(error)[:120]}, file_name))
        return None


class DuplicateKey(ValueError):
    """A JSON object names one key twice: which value is meant is ambiguous."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def unambiguous_object(pairs: list[tuple[str, object]]) -> dict[str, object]:
    """A JSON object as a dict (``json.loads``' ``object_pairs_hook``), refusing a key named twice.

    >>> json.loads('{"a": 1, "b": 2}', object_pairs_hook=unambiguous_object)
    {'a': 1, 'b': 2}
    >>> json.loads('{"value": [1], "value": [2]}', object_pairs_hook=unambiguous_object)
    Traceback (most recent call last):
    ...
    data_loaders.statfin.DuplicateKey: value
    """
    found = dict(pairs)
    if len(found) < len(pairs):
        seen: set[str] = set()
        raise DuplicateKey(next(key for key, _ in pairs if key in seen or seen.add(key)))
    return found


def parse_json(content: bytes, file_name: str) -> ParsedStatistics:
    """A json-stat2, json-stat or PxWeb "json" response of table 12r5 or 12u4 as observations, or why not."""
    parsed = ParsedStatistics(KIND_PREFIX + "json", TABLE, [], 0, 0)
    cube = _cube(content, parsed, file_name)
    if cube is None:
        return parsed
    roles = roles_of(cube.dimensions)
    totals = _check_dimensions(cube.dimensions, roles, parsed, file_name)
    if not parsed.ok:
        return parsed
    indicators = cube.dimensions[roles.index("indicator")]
    table = _table_in(cube.table_text) or table_of({_indicator_code(indicators, code) for code in indicators.codes})
    cells = _json_cells(cube, roles, totals)
    _collect(parsed, table, cells, file_name)
    _say_totals(parsed, cube, totals, file_name)
    return parsed


def _check_dimensions(
    dimensions: list[Dimension], roles: list[str | None], parsed: ParsedStatistics, file_name: str
) -> dict[int, int]:
    """The total's position in each dimension beside area, month and indicator; messages for what is lacking.

    A time variable that is not months (a yearly table) is refused once, not once per cell.
    """
    for role in ROLES:
        if role not in roles:
            parsed.messages.append(Message(ERROR, "msg.statfin_no_dimension", {"role": role}, file_name))
    if "month" in roles and (bad := [c for c in dimensions[roles.index("month")].codes if not is_month(c)]):
        parsed.messages.append(Message(ERROR, "msg.statfin_bad_month", {"value": bad[0]}, file_name))
    totals = {}
    for number, (dimension, role) in enumerate(zip(dimensions, roles, strict=True)):
        if role is not None:
            continue
        total = total_of(dimension)
        if total is None:
            fields = {"dimension": _dimension_name(dimension), "values": ", ".join(dimension.codes[:6])}
            parsed.messages.append(Message(ERROR, "msg.statfin_no_total", fields, file_name))
        totals[number] = total
    return totals


def _dimension_name(dimension: Dimension) -> str:
    """``timeperiod_m (Kuukausi)``: the code, and the text when it says more."""
    return dimension.name if dimension.text in ("", dimension.name) else f"{dimension.name} ({dimension.text})"


def _indicator_code(dimension: Dimension, code: str) -> str:
    """The indicator a category names: by its code, else its label through the names table, else its code."""
    return indicator_of(code) or indicator_of(dimension.label(code)) or unprefixed(code)


def _json_cells(cube: Cube, roles: list[str | None], totals: Mapping[int, int]) -> Iterator[Cell]:
    """The cells at every other dimension's total, with their area, month and indicator codes."""
    area, month, indicator = (roles.index(role) for role in ROLES)
    codes = [
        [_code_in(role, dimension, code) for code in dimension.codes]
        for dimension, role in zip(cube.dimensions, roles, strict=True)
    ]
    for cell in cube.cells:
        if all(cell.at[number] == total for number, total in totals.items()):
            at = cell.at
            yield Cell(
                codes[area][at[area]],
                codes[month][at[month]],
                codes[indicator][at[indicator]],
                cell.value,
                cell.status,
                cell.position,
            )


def _code_in(role: str | None, dimension: Dimension, code: str) -> str:
    return _indicator_code(dimension, code) if role == "indicator" else unprefixed(code)


def _say_totals(parsed: ParsedStatistics, cube: Cube, totals: Mapping[int, int], file_name: str) -> None:
    """Tell which dimensions were read at their total only, and how many cells that left unread."""
    if not totals:
        return
    taken = ", ".join(
        f"{_dimension_name(cube.dimensions[number])} = {cube.dimensions[number].codes[total]}"
        for number, total in totals.items()
    )
    fields = {"dimensions": taken, "skipped": cube.count - parsed.rows_read}
    parsed.messages.append(Message(INFO, "msg.statfin_totals_taken", fields, file_name))


# --- cells to records -----------------------------------------------------------------------


class Cell(NamedTuple):
    """One observation as a file gives it: area, month and indicator, the raw value and status, its position."""

    area: str
    month: str
    indicator: str
    value: object
    status: object
    position: int


@dataclass
class _Seen:
    """What the cells read so far held: keys (for duplicates), unknown indicators, missing cells, areas."""

    keys: dict[tuple, int] = field(default_factory=dict)
    unknown: set[str] = field(default_factory=set)
    missing: Counter = field(default_factory=Counter)
    areas: dict[str, None] = field(default_factory=dict)
    years_refused: int = 0


def _collect(
    parsed: ParsedStatistics,
    table: str | None,
    cells: Iterable[Cell],
    sheet: str,
    area_of: Callable[[str], str | None] = lambda code: code,
    places: Mapping[int, tuple[int, str]] | None = None,
) -> None:
    """Turn cells into records, validating each; then say what the file held."""
    seen = _Seen()
    for cell in cells:
        parsed.rows_read += 1
        row, where = (places or {}).get(cell.position, (None, None))
        if table not in yearly_tables() and is_year(cell.month):  # a year is no month of a monthly table
            if not seen.years_refused:
                fields = {"value": cell.month}
                parsed.messages.append(Message(ERROR, "msg.statfin_bad_month", fields, sheet, row=row, cell=where))
            seen.years_refused += 1
            parsed.rows_rejected += 1
            continue
        record = _record(parsed, cell, area_of, seen, {"sheet": sheet, "row": row, "cell": where})
        if record is None:
            parsed.rows_rejected += 1
            continue
        parsed.records.append({"table_id": table, **record, "source_row": row if row is not None else cell.position})
    _summarise(parsed, table, seen, sheet)


def _record(
    parsed: ParsedStatistics, cell: Cell, area_of: Callable[[str], str | None], seen: _Seen, place: dict
) -> dict[str, object] | None:
    """One cell's record (area, month, indicator, value, status), or ``None`` with the reason in ``parsed``."""
    try:
        month = _month(cell.month)
    except ValueError:
        parsed.messages.append(Message(ERROR, "msg.statfin_bad_month", {"value": cell.month}, **place))
        return None
    area = area_of(cell.area)
    if not area:
        parsed.messages.append(Message(ERROR, "msg.statfin_unknown_area", {"value": cell.area}, **place))
        return None
    try:
        value, status = cell_value(cell.value, cell.status)
        if value is not None and beyond_bound(value):
            raise AmountOutOfBounds(str(value))
    except AmountError as error:
        parsed.messages.append(amount_message(error, cell.indicator, cell.value, **place))
        return None
    texts = {"area_code": area, "indicator": cell.indicator, "status": status}
    if long := [(f, v) for f, v in texts.items() if isinstance(v, str) and len(v) > text_limits(TABLE)[f]]:
        field, text = long[0]
        fields = {"column": field, "length": len(text), "limit": text_limits(TABLE)[field]}
        parsed.messages.append(Message(ERROR, "msg.text_too_long", fields, **place))
        return None
    key = (area, cell.indicator, month)
    if key in seen.keys:
        parsed.messages.append(Message(ERROR, "msg.duplicate_observation", {"first": seen.keys[key]}, **place))
        return None
    seen.keys[key] = cell.position
    seen.areas[area] = None
    if value is None:
        seen.missing[status or ""] += 1
    if not _known(cell.indicator):
        seen.unknown.add(cell.indicator)
    return {"area_code": area, "month": month, "indicator": cell.indicator, "value": value, "status": status}


@lru_cache(maxsize=4096)
def _month(code: str) -> dt.date:
    """``month_of`` once per distinct code (a large file repeats each month thousands of times)."""
    return month_of(code)


@lru_cache(maxsize=4096)
def _known(indicator: str) -> bool:
    return indicator_of(indicator) is not None


def _summarise(parsed: ParsedStatistics, table: str | None, seen: _Seen, sheet: str) -> None:
    """The file's table, its unknown indicators, its missing cells by symbol and its areas by kind."""
    if table is None:
        known = ", ".join(sorted({row["code"] for row in data_table("statfin_indicators.csv")}))
        parsed.messages.append(Message(ERROR, "msg.statfin_unknown_table", {"known": known}, sheet))
        return
    parsed.kind = KIND_PREFIX + table
    for indicator in sorted(seen.unknown):
        parsed.messages.append(Message(WARNING, "msg.statfin_unknown_indicator", {"indicator": indicator}, sheet))
    parsed.messages += _missing_messages(seen.missing, sheet)
    if seen.areas:
        parsed.messages.append(Message(INFO, "msg.statfin_areas", _area_fields(seen.areas), sheet))


def _missing_messages(missing: Counter, sheet: str) -> list[Message]:
    """One message per symbol that has its own (``...`` confidential …), one for the other missing cells."""
    messages, others = [], Counter()
    for symbol, count in sorted(missing.items()):
        key = _symbols().get(symbol, {}).get("message")
        if key:
            messages.append(Message(INFO, key, {"count": count, "symbol": symbol}, sheet))
        else:
            others[symbol or "-"] += count
    if others:
        symbols = ", ".join(f"'{symbol}' {count}" for symbol, count in sorted(others.items()))
        messages.append(
            Message(INFO, "msg.statfin_missing_cells", {"count": sum(others.values()), "symbols": symbols}, sheet)
        )
    return messages


def _area_fields(areas: Iterable[str]) -> dict[str, object]:
    """How many areas of each kind, kinds by their code prefix in the order of ``statfin_area_kinds.csv``.

    >>> _area_fields(["KU837", "SSS", "ELY04", "KU211", "SK064"])
    {'count': 5, 'kinds': 'SSS 1, KU 2, SK 1, ELY 1'}
    """
    counts = Counter(area_prefix(area) for area in areas)
    order = [row["prefix"] for row in data_table("statfin_area_kinds.csv")]
    ranked = sorted(counts, key=lambda prefix: (order.index(prefix) if prefix in order else len(order), prefix))
    return {"count": sum(counts.values()), "kinds": ", ".join(f"{prefix} {counts[prefix]}" for prefix in ranked)}


# --- CSV exports ----------------------------------------------------------------------------


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
    heads = {i: _column_heading(header[i], "month" in roles) for i in value_columns}
    if "indicator" not in roles and (bad := [str(header[i]) for i, head in heads.items() if head is None]):
        fields = {"columns": ", ".join(bad)}
        parsed.messages.append(Message(ERROR, "msg.statfin_unknown_columns", fields, grid.sheet, row=number + 1))
        return parsed
    if "indicator" in roles and len(value_columns) != 1:
        parsed.messages.append(Message(ERROR, "msg.statfin_value_column", {}, grid.sheet, row=number + 1))
        return parsed
    cells, places = _csv_cells(grid, number, roles, value_columns, heads)
    table = _csv_table_id(grid, number) or table_of({cell.indicator for cell in cells})
    _collect(parsed, table, cells, grid.sheet, _area_resolver(codes_by_name), places)
    return parsed


def _csv_cells(
    grid: Grid, number: int, roles: Mapping[str, int], value_columns: list[int], heads: Mapping
) -> tuple[list[Cell], dict[int, tuple[int, str]]]:
    """Every value cell below the header with its area, month and indicator; and its row and cell."""
    cells, places = [], {}
    for row_number, row in enumerate(grid.rows[number + 1 :], start=number + 2):
        if not any(str(cell).strip() for cell in row):
            continue

        def at(role: str, row: list[object] = row) -> object:
            return row[roles[role]] if roles[role] < len(row) else ""

        for column in value_columns:
            if "indicator" in roles:
                month, indicator = at("month"), indicator_of(at("indicator")) or str(at("indicator")).strip()
            else:
                heading_month, indicator = heads[column]
                month = at("month") if "month" in roles else heading_month
            position = len(cells)
            value = row[column] if column < len(row) else ""
            cells.append(Cell(str(at("area")), str(month), indicator, value, None, position))
            places[position] = (row_number, f"{column_letter(column)}{row_number}")
    return cells, places


def _area_resolver(codes_by_name: Mapping[str, str]) -> Callable[[str], str | None]:
    """``area_code_of`` once per distinct cell text."""
    known: dict[str, str | None] = {}

    def area_of(text: str) -> str | None:
        if text not in known:
            known[text] = area_code_of(text, codes_by_name)
        return known[text]

    return area_of


def _column_heading(heading: object, month_column: bool) -> tuple[str, str] | None:
    """A wide column's (month, indicator) from its heading; month is '' when the file has a month column."""
    text = str(heading).strip()
    found = _MONTH.search(text)
    if found is None and not month_column:
        return None
    indicator = indicator_of(_MONTH.sub("", text).strip(" -:"))
    return (found[0] if found else "", indicator) if indicator else None


def _csv_table_id(grid: Grid, header_number: int) -> str | None:
    return next((found for row in grid.rows[:header_number] for cell in row if (found := _table_in(cell))), None)

"""Kela open data: the municipal share of unemployment benefits (kuntaosuus), CSV, as Kela publishes it.

"Kunnan osarahoittaman työmarkkinatuen saajat ja maksetut etuudet kunnittain"
(2015–2024: labour market subsidy, day class ``tyomarkkinatukipaiva_luokka``),
checked against Kela's own table schema of the dataset (``README.md`` of the
``kelaopendata`` R package, rOpenGov): every row is one **cell** of age group ×
gender × day class of one municipality and period. There are no total rows
for age or gender; an area's month is the sum of its cells' ``Yhteensä`` day
class rows of ``aikatyyppi`` ``Kuukausi`` (``db.store.refresh_kela_area_totals``
keeps those sums). Day classes overlap (a person may sit in several within a
month) and are never added into a total. ``Vuosi`` and ``Vuosikertymä`` rows
stand beside the months. ``kunta_nro`` 199 (``Tuntematon``) holds groups of
fewer than four people or with no municipality: money of no municipality,
reported and counted nowhere. Refunds are negative. Municipalities that ended
before 2014 carry their number as their name.

The 2025+ co-financing datasets (by municipality, employment area or the
whole country) have columns nobody here has verified: they are mapped through
``kela_columns.csv`` and a file with a column the map does not know is
refused, naming the columns found and needed. A file with ``Yhteensä`` rows
for age or gender is not Kela's and is refused too.

Read (pandas, the whole file at once) → rename by the column map → coerce →
validate → reconcile; ``data_loaders.imports`` writes.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from data_loaders.cell_amounts import parse_amount
from data_loaders.checks import bound_fields, text_limits
from data_loaders.messages import ERROR, INFO, WARNING, Message, column_letter
from data_loaders.statistics import ParsedStatistics, data_table, lookup
from data_loaders.vocabulary import normalise
from data_loaders.workbook import UnreadableFile, csv_text
from i18n import format_eur
from models.amounts import AmountError, beyond_bound, cents_to_euros, floats_to_cents

KIND = "kela_kuntaosuus"
TABLE = "kela_kuntaosuus"
COLUMNS = "kela_columns.csv"
CODES = "kela_codes.csv"
REQUIRED = ("period_type", "area_code", "ikaryhma", "sukupuoli", "day_class", "kuntaosuus")
"""Fields every Kela file must have (the whole-country dataset has no area: see ``WHOLE_COUNTRY``)."""
COUNTS = {"recipients": "recipients", "compensated_days": "compensated_days"}
EUROS = {"paid": "paid_cents", "kuntaosuus": "kuntaosuus_cents"}
NUMBERS = frozenset((*COUNTS, *EUROS))
"""Fields of counts and amounts: read as text, each cell parsed (the rest are few distinct words and codes)."""
KEY = ("area_code", "period_type", "month", "ikaryhma", "sukupuoli", "day_class", "benefit")
FIRST_YEAR_OF = {"2025+": 2025, "2015-2024": 2006}
"""The first year of each regime's file (the 2015–2024 file has year rows from 2006, months from 2015)."""
LAST_YEAR_OF = {"2015-2024": 2024}
TOTAL = "Yhteensä"
MONTH_ROW, YEAR_ROW = "Kuukausi", "Vuosi"
WHOLE_COUNTRY = ("koko_maa", "SSS")
"""Area kind and code of a file without an area column (the 2025+ whole-country dataset)."""
MAX_MESSAGES = 20
"""Rows named per kind of error; the rest are counted in one message."""
HEADER_BYTES = 65_536


def header_columns(row: list[object]) -> dict[str, tuple[int, dict[str, str]]]:
    """Each known column of a header row: its field, position and column-map entry."""
    known = lookup(COLUMNS, "header")
    found = {}
    for position, header in enumerate(row):
        entry = known.get(normalise(header))
        if entry and entry["column"] not in found:
            found[entry["column"]] = (position, entry)
    return found


def header_of(content: bytes) -> list[str]:
    """The first line of a CSV file as cells (read from its first bytes only)."""
    head = content[:HEADER_BYTES].decode("utf-8-sig", errors="replace").lstrip("\ufeff")
    line = head.splitlines()[0] if head.strip() else ""
    delimiter = max([";", ",", "\t"], key=line.count)
    return next(csv.reader([line], delimiter=delimiter), [])


def looks_like_kela(content: bytes) -> bool:
    """True when the file's header names at least three of Kela's kuntaosuus columns (known or not all known).

    >>> looks_like_kela(b"aikatyyppi,kunta_nro,kunta_osuus_eur\\n"), looks_like_kela(b"Alue,Kuukausi,Tiedot\\n")
    (True, False)
    """
    if content[:2] == b"PK":
        return False
    return len(header_columns(header_of(content))) >= 3


@dataclass(frozen=True)
class _Layout:
    """What the header says: each field's column, the regime, the kind of area, the file's name for messages."""

    columns: dict[str, tuple[int, dict[str, str]]]
    regime: str
    area_kind: str
    sheet: str

    def header(self, name: str) -> str:
        return self.columns[name][1]["header"] if name in self.columns else name

    def cell(self, name: str, line: int) -> str:
        return f"{column_letter(self.columns.get(name, (0,))[0])}{line}"


def known_areas(register: pd.DataFrame, mergers: pd.DataFrame) -> frozenset[str] | None:
    """The municipality codes a Kela file may name: the register's and the old codes of merged municipalities.

    ``None`` when the register is empty (a new database): codes cannot be checked then.

    >>> sorted(known_areas(pd.DataFrame({"code": ["297"]}), pd.DataFrame({"old_code": ["174"]})))
    ['174', '297']
    >>> known_areas(pd.DataFrame({"code": []}), pd.DataFrame({"old_code": []})) is None
    True
    """
    if register.empty:
        return None
    return frozenset(register["code"].astype(str)) | frozenset(mergers["old_code"].astype(str))


def parse_content(content: bytes, file_name: str, areas: frozenset[str] | None = None) -> ParsedStatistics:
    """Every row of a Kela kuntaosuus CSV as ``kela_kuntaosuus`` records (a DataFrame), or the reasons it cannot be.

    ``areas`` (``known_areas``) are the municipality codes the register knows; ``None``: not checked, and said so.
    """
    parsed = ParsedStatistics(KIND, TABLE, [], 0, 0)
    sheet = file_name.rsplit("/", 1)[-1]
    try:
        text, delimiter = csv_text(content)
    except UnreadableFile as unreadable:
        parsed.messages.append(unreadable.message)
        return parsed
    raw, problem = _read_table(text, delimiter, sheet)
    if problem is not None:
        parsed.messages.append(problem)
        return parsed
    layout, problems = _layout(list(raw.columns), sheet)
    if problems:
        parsed.messages += problems
        return parsed
    filled = raw.ne("").any(axis=1)
    raw = raw if filled.all() else raw[filled]
    parsed.rows_read = len(raw)
    frame, errors, rejected = _records(raw, layout, areas)
    parsed.messages += errors
    if areas is None and layout.area_kind == "kunta":
        parsed.messages.append(Message(WARNING, "msg.kela_areas_not_checked", {}, sheet))
    parsed.rows_rejected = rejected
    if parsed.ok:
        parsed.records = frame
        parsed.messages += reconciliation(frame, layout)
    return parsed


def _read_table(text: str, delimiter: str, sheet: str) -> tuple[pd.DataFrame, Message | None]:
    """The CSV as text cells, header as column names; row ``i`` of the frame is line ``i + 2`` of the file.

    Columns of words and codes are read as categories (a national file repeats a few hundred texts two million
    times: each is then cleaned once, ``_per_distinct``), the counts and amounts as plain text.
    """
    try:
        frame = pd.read_csv(  # no header: a line longer than the first is an error, not an index column
            io.StringIO(text),
            sep=delimiter,
            dtype=_column_types(text, delimiter),
            header=None,
            keep_default_na=False,
            skip_blank_lines=False,
        )
    except pd.errors.ParserError as error:
        return pd.DataFrame(), Message(ERROR, "msg.kela_bad_line", {"detail": _parser_detail(str(error))}, sheet)
    except pd.errors.EmptyDataError:
        return pd.DataFrame(), Message(ERROR, "msg.kela_empty", {}, sheet)
    header = [str(name).strip() for name in frame.iloc[0].fillna("")]
    frame = frame.iloc[1:].set_axis(header, axis=1)
    frame.index = pd.RangeIndex(2, len(frame) + 2)  # file line numbers: the header is line 1
    return frame.apply(_filled), None


def _column_types(text: str, delimiter: str) -> dict[int, object]:
    """Each column's type by its header: text for counts and amounts (``NUMBERS``), categories for the rest.

    Only speed depends on it: every column is read as the text in the file either way.
    """
    first = next(csv.reader(io.StringIO(text[: text.find("\n") + 1 or None]), delimiter=delimiter), [])
    numbers = {position for field, (position, _) in header_columns(first).items() if field in NUMBERS}
    return {position: object if position in numbers else "category" for position in range(len(first))}


def _filled(values: pd.Series) -> pd.Series:
    """Cells missing at the end of a short line as empty text."""
    if not values.isna().any():
        return values
    if isinstance(values.dtype, pd.CategoricalDtype) and "" not in values.cat.categories:
        values = values.cat.add_categories([""])
    return values.fillna("")


def _parser_detail(text: str) -> str:
    """pandas' tokenizer error reduced to its line and field counts (``Expected 13 fields in line 5, saw 14``)."""
    return text.rsplit("C error: ", 1)[-1].strip()[:160]


def _layout(headers: list[str], sheet: str) -> tuple[_Layout | None, list[Message]]:
    """The header mapped through ``kela_columns.csv``; refused, naming the columns, when one is unknown or missing."""
    columns = header_columns(headers)
    mapped = {position for position, _ in columns.values()}
    unknown = [str(h) for i, h in enumerate(headers) if i not in mapped and str(h).strip()]
    whole_country = "area_code" not in columns and "area_name" not in columns
    needed = [name for name in REQUIRED if name not in columns and not (whole_country and name == "area_code")]
    if "year_month" not in columns and not {"year", "month_number"} <= set(columns):
        needed.append("year_month")
    if unknown or needed:
        fields = {
            "found": ", ".join(str(h) for h in headers),
            "unknown": ", ".join(unknown) or "–",
            "needed": ", ".join(_needed_headers(needed)) or "–",
        }
        return None, [Message(ERROR, "msg.kela_unknown_columns", fields, sheet, row=1)]
    regimes = {entry["regime"] for _, entry in columns.values() if entry["regime"]}
    regime = regimes.pop() if len(regimes) == 1 else "2015-2024"
    area_kind = WHOLE_COUNTRY[0] if whole_country else columns["area_code"][1]["area_kind"]
    return _Layout(columns, regime, area_kind, sheet), []


def _needed_headers(fields: list[str]) -> list[str]:
    """The column names that would give each missing field, as the map knows them (``a / b``)."""
    names = {}
    for row in data_table(COLUMNS):
        names.setdefault(row["column"], []).append(row["header"])
    return [" / ".join(names.get(field, [field])) for field in fields]


def _codes(field: str) -> dict[str, str]:
    """Kela's code words of a field by their normalised text → the canonical text (``kuukausi`` → ``Kuukausi``)."""
    return {normalise(row["value"]): row["value"] for row in data_table(CODES) if row["field"] == field}


def _meanings(field: str) -> dict[str, str]:
    return {row["value"]: row["meaning"] for row in data_table(CODES) if row["field"] == field}


class _Errors:
    """Errors of one kind per rule, the first ``MAX_MESSAGES`` rows named, the rest counted."""

    def __init__(self, layout: _Layout, index: pd.Index) -> None:
        self.layout, self.index, self.messages = layout, index, []
        self.bad = np.zeros(len(index), dtype=bool)

    def add(
        self,
        mask: np.ndarray,
        field: str,
        key: str,
        values: pd.Series | None = None,
        value_field: str = "value",
        **fields: object,
    ) -> None:
        """Rows where ``mask`` holds break a rule: each named (the cell of ``field``), with its ``values`` shown."""
        mask = np.asarray(mask, dtype=bool)
        if not mask.any():
            return
        self.bad |= mask
        positions = np.flatnonzero(mask)
        for position in positions[:MAX_MESSAGES]:
            line = int(self.index[position])
            extra = {value_field: values.iat[position]} if values is not None else {}
            cell = self.layout.cell(field, line)
            self.messages.append(Message(ERROR, key, {**fields, **extra}, self.layout.sheet, cell=cell, row=line))
        if len(positions) > MAX_MESSAGES:
            more = {"count": len(positions) - MAX_MESSAGES}
            self.messages.append(Message(ERROR, "msg.more_errors", more, self.layout.sheet))


def _records(
    raw: pd.DataFrame, layout: _Layout, areas: frozenset[str] | None = None
) -> tuple[pd.DataFrame, list[Message], int]:
    """The rows as records of ``db.tables.KelaKuntaosuus``, every row's errors named by line and column, and
    how many rows have one.

    Text fields stay categories (each distinct text worked on once); counts and amounts are parsed cell by cell.
    """
    errors = _Errors(layout, raw.index)
    stripped: dict[str, pd.Series] = {}

    def column(name: str) -> pd.Series:
        """A field's cells without surrounding spaces (empty where the file has no such column), read once.

        Counts and amounts as they are in the file: ``_numbers`` reads spaces around a number.
        """
        if name not in stripped:
            position = layout.columns.get(name, (None,))[0]
            if position is None:
                stripped[name] = _constant("", raw.index)
            elif name in NUMBERS and not isinstance(raw.dtypes.iloc[position], pd.CategoricalDtype):
                stripped[name] = raw.iloc[:, position]
            else:
                stripped[name] = _per_distinct(raw.iloc[:, position], str.strip)
        return stripped[name]

    frame = pd.DataFrame(index=raw.index)
    frame["regime"], frame["area_kind"] = _constant(layout.regime, raw.index), _constant(layout.area_kind, raw.index)
    frame["area_code"] = _area_codes(column("area_code"), layout)
    errors.add(frame["area_code"].eq("").to_numpy(), "area_code", "msg.kela_no_area")
    frame["area_name"] = _per_distinct(column("area_name"), lambda name: name or None)
    frame["period_type"] = _canonical(column("period_type"), "period_type", errors)
    frame["ikaryhma"], frame["sukupuoli"] = column("ikaryhma"), column("sukupuoli")
    _refuse_total_rows(frame, errors)
    for field in ("day_class", "benefit"):
        frame[field] = _per_distinct(column(field), lambda text: TOTAL if normalise(text) == normalise(TOTAL) else text)
    meanings = _meanings("area_code")
    frame["suppressed"] = _per_distinct_array(
        frame["area_code"], lambda code: meanings.get(code) == "suppressed", False
    )
    if areas is not None and layout.area_kind == "kunta":
        unknown = ~_per_distinct_array(frame["area_code"], lambda code: code in areas, True)
        unknown &= ~frame["suppressed"].to_numpy() & ~_named_by_number(frame).to_numpy()
        errors.add(unknown & frame["area_code"].ne("").to_numpy(), "area_code", "msg.kela_unknown_area",
                   column("area_code"))  # fmt: skip
    frame["month"] = _months(column, frame["period_type"], layout, errors)
    for name, field in (*COUNTS.items(), *EUROS.items()):
        frame[field] = _numbers(column(name), name, field in EUROS.values(), layout, errors)
    frame["source_row"] = raw.index.to_numpy()
    _refuse_long_texts(frame, errors)
    _refuse_duplicates(frame, errors)
    return frame.reset_index(drop=True), errors.messages, int(errors.bad.sum())


def _named_by_number(frame: pd.DataFrame) -> pd.Series:
    """Rows of a municipality that ended before 2014: Kela gives its number as its name (``kunta_nimi`` ``44``)."""
    padded = _per_distinct_array(
        frame["area_name"], lambda name: name.zfill(3) if _NUMBER_NAME.fullmatch(str(name)) else None, None, object
    )
    return pd.Series(padded == np.asarray(frame["area_code"], dtype=object), index=frame.index)


_NUMBER_NAME = re.compile(r"\d{1,3}")


def _normalised(values: pd.Series) -> pd.Series:
    """``normalise`` of each cell (a national file has a few dozen distinct texts in a column of two million)."""
    return _per_distinct(values, normalise)


def _categories(values: pd.Series) -> pd.Series:
    return values if isinstance(values.dtype, pd.CategoricalDtype) else values.astype("category")


def _per_distinct(values: pd.Series, function) -> pd.Series:  # noqa: ANN001 - a function of one cell's text
    """``function`` of each cell, worked out once per distinct value: categories, sorted; a missing cell (or a
    ``None`` result) stays missing.

    >>> _per_distinct(pd.Series([" Mies", "Mies ", " Mies"]), str.strip).tolist()
    ['Mies', 'Mies', 'Mies']
    """
    values = _categories(values)
    mapped = pd.Series([function(value) for value in values.cat.categories], dtype=object)
    try:
        inverse, uniques = pd.factorize(mapped, sort=True)
    except TypeError:  # texts and numbers mixed: in their first order
        inverse, uniques = pd.factorize(mapped)
    codes = values.cat.codes.to_numpy()
    chosen = np.append(inverse, -1)[codes]  # a missing cell's code -1 takes the last: missing again
    return pd.Series(pd.Categorical.from_codes(chosen, categories=pd.Index(uniques, dtype=object)), index=values.index)


def _per_distinct_array(values: pd.Series, function, missing: object, dtype: object = None) -> np.ndarray:  # noqa: ANN001
    """``function`` of each cell as an array (numbers, flags), worked out once per distinct value; ``missing``
    for a missing cell.

    >>> _per_distinct_array(pd.Series(["ab", None, "abc", "ab"]), len, 0).tolist()
    [2, 0, 3, 2]
    """
    values = _categories(values)
    mapped = np.array([*(function(value) for value in values.cat.categories), missing], dtype=dtype)
    return mapped[values.cat.codes.to_numpy()]  # a missing cell's code -1 takes the last


def _constant(value: str, index: pd.Index) -> pd.Series:
    """The same text in every row, as one category."""
    return pd.Series(pd.Categorical.from_codes(np.zeros(len(index), dtype=np.int8), categories=[value]), index=index)


def _numeric(values: pd.Series) -> pd.Series:
    """Each cell as a number (``pd.to_numeric``), NaN where it is none: per distinct text."""
    values = _categories(values)
    numbers = pd.to_numeric(pd.Series(values.cat.categories, dtype=object), errors="coerce").to_numpy(dtype="float64")
    return pd.Series(np.append(numbers, np.nan)[values.cat.codes.to_numpy()], index=values.index)


def _area_codes(codes: pd.Series, layout: _Layout) -> pd.Series:
    """Municipality numbers as three digits (``91`` → ``091``); the whole-country file's code where it has none."""
    if layout.area_kind == WHOLE_COUNTRY[0]:
        return _constant(WHOLE_COUNTRY[1], codes.index)
    kunta = layout.area_kind == "kunta"
    return _per_distinct(codes, lambda code: _area_code(code, kunta))


def _area_code(code: str, kunta: bool) -> str:
    """``91`` → ``091`` for a municipality, ``91.0`` → ``91`` (a number a spreadsheet wrote)."""
    code = code.removesuffix(".0")
    return code.zfill(3) if kunta and _NUMBER_NAME.fullmatch(code) else code


def _canonical(values: pd.Series, field: str, errors: _Errors) -> pd.Series:
    """Code words as ``kela_codes.csv`` writes them; an unknown one is an error naming the known ones."""
    codes = _codes(field)
    found = _per_distinct(values, lambda text: codes.get(normalise(text), ""))
    known = ", ".join(codes.values())
    errors.add(found.eq("").to_numpy(), field, f"msg.kela_unknown_{field.split('_')[0]}", values, known=known)
    return found


def _refuse_total_rows(frame: pd.DataFrame, errors: _Errors) -> None:
    """Rows with ``Yhteensä`` for age or gender are not Kela's: its file has only cells, never such totals.

    One message per column (the first such row named, the rest counted): the file is in a shape of its own.
    """
    for field in ("ikaryhma", "sukupuoli"):
        totals = _normalised(frame[field]).eq(normalise(TOTAL)).to_numpy()
        if totals.any():
            errors.bad |= totals
            line = int(frame.index[np.flatnonzero(totals)[0]])
            fields = {"column": errors.layout.header(field), "rows": int(totals.sum())}
            cell = errors.layout.cell(field, line)
            errors.messages.append(Message(ERROR, "msg.kela_total_rows", fields, errors.layout.sheet, cell=cell))


def _months(column, periods: pd.Series, layout: _Layout, errors: _Errors) -> pd.Series:  # noqa: ANN001
    """Each row's month (its first day): ``vuosikuukausi`` 201603, else ``vuosi`` and ``kuukausi_nro``.

    A year row (``Vuosi``) without a month stands at December, the year's end, as Kela dates its year rows.
    """
    stamp = _numeric(column("year_month"))
    year, month = stamp // 100, stamp % 100
    fallback = stamp.isna() | ~stamp.between(190001, 299912)
    given_year = _numeric(column("year"))
    year = year.mask(fallback, given_year)
    numbered = _numeric(column("month_number"))
    numbered = numbered.mask(numbered.isna() & periods.eq(YEAR_ROW), 12)
    month = month.mask(fallback, numbered)
    whole = year.eq(np.floor(year)) & month.eq(np.floor(month))
    bad = year.isna() | month.isna() | ~month.between(1, 12) | ~year.between(1900, 2999) | ~whole
    errors.add(bad.to_numpy(), "year_month", "msg.kela_bad_month", column("year_month"))
    _refuse_disagreeing(year, month, given_year, numbered, ~bad & ~fallback, column, errors)
    today = dt.date.today()
    future = ~bad & (year * 12 + month).gt(today.year * 12 + today.month)
    if future.any():
        written = _texts(column("year_month")).where(
            ~fallback, _texts(column("year")) + "/" + _texts(column("month_number"))
        )
        errors.add(future.to_numpy(), "year_month", "msg.kela_future_month", written)
    bad |= future
    bounds = year.lt(FIRST_YEAR_OF.get(layout.regime, 0)) | year.gt(LAST_YEAR_OF.get(layout.regime, 9999))
    for wrong in sorted(set(year[~bad & bounds].astype(int)))[:MAX_MESSAGES]:
        errors.add((~bad & bounds & year.eq(wrong)).to_numpy(), "year_month", "msg.kela_regime_mismatch",
                   year=wrong, regime=layout.regime)  # fmt: skip
    return _first_days(year.where(~bad, 2000).astype(int) * 12 + month.where(~bad, 1).astype(int) - 1)


def _first_days(months: pd.Series) -> pd.Series:
    """Months counted from year 0 (``year × 12 + month − 1``) as their first days: dates, one category per month."""
    codes, uniques = pd.factorize(months)
    days = pd.Index([dt.date(int(m) // 12, int(m) % 12 + 1, 1) for m in uniques], dtype=object)
    return pd.Series(pd.Categorical.from_codes(codes, categories=days), index=months.index)


def _texts(values: pd.Series) -> pd.Series:
    """Cells as plain text (for a message that joins several)."""
    return values.astype(object).astype(str)


def _refuse_disagreeing(year, month, given_year, given_month, stamped, column, errors: _Errors) -> None:  # noqa: ANN001
    """Rows whose ``vuosikuukausi`` and ``vuosi`` or ``kuukausi_nro`` name different months (both given) are errors.

    A ``Vuosi`` row's month number is December's (12), as Kela dates its year rows.
    """
    year_differs = stamped & given_year.notna() & given_year.ne(year)
    month_differs = stamped & column("month_number").ne("") & given_month.ne(month)
    differs = (year_differs | month_differs).fillna(False).to_numpy(dtype=bool)
    if differs.any():
        shown = _texts(column("year_month")) + " / " + _texts(column("year")) + " / " + _texts(column("month_number"))
        errors.add(differs, "year_month", "msg.kela_month_disagrees", shown)


def _numbers(texts: pd.Series, name: str, euros: bool, layout: _Layout, errors: _Errors) -> pd.Series:
    """A count or an amount of euros (as cents) per row, exactly; an empty cell stays missing, never zero.

    Numbers in Kela's form (``466938.12``) are read all at once; Finnish text
    (``1 234,50``, U+2212) one by one. Every value passes the one bound of
    ``models.amounts.beyond_bound`` (counts too: a count that large is a broken
    file); beyond it, or with a fraction (of a cent, or of a person), the row is
    an error. ``texts`` may have spaces around a number (an empty cell may be spaces).
    """
    texts = texts.astype(object) if isinstance(texts.dtype, pd.CategoricalDtype) else texts
    blank = texts.eq("").to_numpy().copy()
    numeric = pd.to_numeric(texts, errors="coerce").astype("float64")
    not_a_number = np.zeros(len(texts), dtype=bool)
    for position in np.flatnonzero(numeric.isna().to_numpy() & ~blank):
        if not str(texts.iat[position]).strip():
            blank[position] = True
            continue
        try:
            amount = parse_amount(texts.iat[position])
            numeric.iat[position] = float(amount) if amount is not None else np.inf
        except AmountError:
            not_a_number[position] = True
    values = numeric.to_numpy()
    out_of_bounds = ~blank & ~not_a_number & beyond_bound(values)
    finite = np.where(blank | out_of_bounds | not_a_number, 0.0, values)
    if euros:
        exact, fraction, _ = floats_to_cents(finite)
    else:
        exact = np.rint(finite).astype("int64")
        fraction = exact != finite
    header = layout.header(name)
    if (not_a_number | fraction | out_of_bounds).any():
        texts = texts.astype(str).str.strip()  # the cells as the messages name them
    errors.add(not_a_number | fraction, name, "msg.not_a_number", texts, column=header)
    errors.add(out_of_bounds, name, "msg.amount_out_of_bounds", texts, column=header, **bound_fields())
    bad = out_of_bounds | fraction | not_a_number
    result = pd.array(exact, dtype="Int64")
    result[blank | bad] = pd.NA
    return pd.Series(result, index=texts.index)


def _refuse_long_texts(frame: pd.DataFrame, errors: _Errors) -> None:
    """A text longer than its column of ``kela_kuntaosuus`` holds (``db.tables``) is an error naming the cell."""
    for field, limit in text_limits(TABLE).items():
        if field in frame and field in errors.layout.columns:
            lengths = pd.Series(_per_distinct_array(frame[field], lambda text: len(str(text)), 0), index=frame.index)
            header = errors.layout.header(field)
            errors.add(lengths.gt(limit).to_numpy(), field, "msg.text_too_long", lengths, "length", column=header,
                       limit=limit)  # fmt: skip


def _refuse_duplicates(frame: pd.DataFrame, errors: _Errors) -> None:
    """A second row of the same cell (area, period, month, age, gender, class, benefit) is an error naming the first."""
    repeated = frame.duplicated(list(KEY), keep="first").to_numpy()
    if not repeated.any():
        return
    first = frame.groupby(list(KEY), sort=False)["source_row"].transform("first")
    errors.add(repeated, "area_code", "msg.duplicate_observation", first, value_field="first")


# --- reconciliation ------------------------------------------------------------------------------------------


def reconciliation(frame: pd.DataFrame, layout: _Layout) -> list[Message]:
    """What the file adds up to, for the user to check against Kela's own figures.

    Per year: the municipalities' kuntaosuus (their months' ``Yhteensä`` cells),
    the money of no municipality (199), how many municipalities and months;
    each municipality's months against its ``Vuosi`` row; the day classes as the
    overlapping breakdown they are; refunds; municipalities named by number.
    """
    messages = [Message(INFO, "msg.kela_regime", {"regime": layout.regime, "rows": len(frame)})]
    months = month_cells(frame)
    if months.empty:
        return [*messages, Message(WARNING, "msg.kela_no_month_totals", {}, layout.sheet)]
    messages += _years(frame, months, layout)
    messages += _year_rows(frame, months, layout)
    messages += _day_classes(frame, months, layout)
    messages += _oddities(frame, layout)
    return messages


def month_cells(frame: pd.DataFrame) -> pd.DataFrame:
    """The month's ``Yhteensä`` cells of the file (every area, 199 included): what an area's month adds up."""
    chosen = frame["period_type"].eq(MONTH_ROW) & frame["day_class"].eq(TOTAL) & frame["benefit"].isin([TOTAL, ""])
    return frame[chosen]


def _eur(cents: object) -> str:
    return "–" if pd.isna(cents) else format_eur(cents_to_euros(int(cents)), digits=2)


def _years(frame: pd.DataFrame, months: pd.DataFrame, layout: _Layout) -> list[Message]:
    """Per year: the areas' kuntaosuus, the 199 money, areas and months covered."""
    messages = []
    year = pd.Series(_per_distinct_array(months["month"], lambda day: day.year, 0), index=months.index)
    for value, cells in months.groupby(year):
        areas, nowhere = cells[~cells["suppressed"]], cells[cells["suppressed"]]
        numbers = _per_distinct_array(areas["month"], lambda day: day.month, 0)
        fields = {
            "year": int(value),
            "total": _eur(areas["kuntaosuus_cents"].sum(min_count=1)),
            "areas": areas["area_code"].nunique(),
            "months": len(np.unique(numbers)),
            "first": f"{numbers.min()}/{value}" if len(areas) else "–",
            "last": f"{numbers.max()}/{value}" if len(areas) else "–",
            "nowhere": _eur(nowhere["kuntaosuus_cents"].sum(min_count=1) if len(nowhere) else 0),
        }
        messages.append(Message(INFO, "msg.kela_year", fields, layout.sheet))
    return messages


def _year_rows(frame: pd.DataFrame, months: pd.DataFrame, layout: _Layout) -> list[Message]:
    """Each area's months added up against its ``Vuosi`` row (its cells added up), to the cent."""
    years = frame[frame["period_type"].eq(YEAR_ROW) & frame["day_class"].eq(TOTAL) & frame["benefit"].isin([TOTAL, ""])]
    if years.empty:
        return []
    by_year = _area_year_sums(years)
    by_months = _area_year_sums(months)
    compared = by_year.add_suffix("_year").join(by_months.add_suffix("_months"), how="inner")
    if compared.empty:
        return []
    difference = compared["cents_months"] - compared["cents_year"]
    wrong = compared[difference.ne(0) | difference.isna()]
    messages = []
    for (area, year), row in wrong.head(MAX_MESSAGES).iterrows():
        fields = {
            "area": area,
            "year": int(year),
            "months": _eur(row["cents_months"]),
            "count": int(row["count_months"]),
            "year_row": _eur(row["cents_year"]),
            "difference": _eur(row["cents_months"] - row["cents_year"]),
        }
        messages.append(Message(WARNING, "msg.kela_year_row_differs", fields, layout.sheet, row=int(row["row_year"])))
    if len(wrong) > MAX_MESSAGES:
        messages.append(Message(WARNING, "msg.more_errors", {"count": len(wrong) - MAX_MESSAGES}, layout.sheet))
    agreeing = {"agree": len(compared) - len(wrong), "compared": len(compared)}
    return [Message(INFO, "msg.kela_year_rows", agreeing, layout.sheet), *messages]


def _area_year_sums(cells: pd.DataFrame) -> pd.DataFrame:
    """Per area and year: the cells' kuntaosuus (missing when any is), the months seen, the first line."""
    frame = cells.assign(year=_per_distinct_array(cells["month"], lambda day: day.year, 0))
    grouped = frame.groupby(["area_code", "year"])
    known = grouped["kuntaosuus_cents"].count().eq(grouped.size())
    return pd.DataFrame(
        {
            "cents": grouped["kuntaosuus_cents"].sum(min_count=1).where(known),
            "count": grouped["month"].nunique(),
            "row": grouped["source_row"].min(),
        }
    )


def _day_classes(frame: pd.DataFrame, months: pd.DataFrame, layout: _Layout) -> list[Message]:
    """The day classes' kuntaosuus beside the months' total: an overlapping breakdown, never added to it."""
    chosen = frame["period_type"].eq(MONTH_ROW) & ~frame["day_class"].eq(TOTAL) & ~frame["suppressed"]
    classes = frame[chosen & frame["benefit"].isin([TOTAL, ""])]
    if classes.empty:
        return []
    sums = classes.groupby("day_class", sort=False)["kuntaosuus_cents"].sum(min_count=1)
    parts = ", ".join(f"{label} {_eur(cents)}" for label, cents in sums.items())
    total = months.loc[~months["suppressed"], "kuntaosuus_cents"].sum(min_count=1)
    fields = {"classes": parts, "sum": _eur(sums.sum(min_count=1)), "total": _eur(total)}
    return [Message(INFO, "msg.kela_day_classes", fields, layout.sheet)]


def _oddities(frame: pd.DataFrame, layout: _Layout) -> list[Message]:
    """Refund cells, and municipalities that ended before 2014 (named by their number)."""
    messages = []
    refunds = (frame["kuntaosuus_cents"].lt(0).fillna(False) & frame["period_type"].eq(MONTH_ROW)).to_numpy()
    if refunds.any():
        fields = {"rows": int(refunds.sum()), "sum": _eur(frame.loc[refunds, "kuntaosuus_cents"].sum())}
        messages.append(Message(INFO, "msg.kela_refunds", fields, layout.sheet))
    numbered = _named_by_number(frame) & ~frame["suppressed"]
    if numbered.any():
        codes = sorted(frame.loc[numbered, "area_code"].unique())
        fields = {"count": len(codes), "codes": ", ".join(codes[:12]) + (" …" if len(codes) > 12 else "")}
        messages.append(Message(INFO, "msg.kela_ended_municipalities", fields, layout.sheet))
    return messages

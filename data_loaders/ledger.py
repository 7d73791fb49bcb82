"""General-ledger extracts (Tampere's open budget data): many rows per account, summed into JHS 192 lines.

Columns (``ledger_columns.csv``): Tulosyksikkö, TY hierarkia taso 1–7,
Pääkirjatiliryhmä, Pääkirjatili (number, or number and name), Pääkirjatilin
nimi, Vuosi, and one amount column per scenario (``TA 2019``, ``Toteuma``,
``Talousarvio`` with a Vuosi column; ``headings.period_of``). Every row's
account is mapped to a JHS 192 line by its first four digits through the
ranges in ``account_ranges.csv`` (``from,to,category,source``): the ranges are
data, and the ``source`` column says which come from the usual Finnish
municipal chart and which are assumptions. Accounts outside every range
(financial items, taxes, depreciation) are left out and the user is told how
many rows and which accounts.

Lines: each JHS 192 category present (with its parents), under it the
account groups, under each group its accounts, each summed over all the
organisation units of the extract. Everything is vectorised: no Python loop
runs over the rows (only over the few that hold amounts as text).
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd

from data_loaders import vocabulary
from data_loaders.budget_lines import (
    LINE_COLUMNS,
    ParsedBudget,
    positive_cost_messages,
    sign_flips,
    sign_messages,
    text_length_messages,
)
from data_loaders.cell_amounts import parse_amount
from data_loaders.checks import amount_message, bound_fields
from data_loaders.headings import Period, period_of, scenarios_in, units_in
from data_loaders.messages import ERROR, INFO, WARNING, Message, column_letter, has_errors
from data_loaders.workbook import Grid
from i18n import t
from models.amounts import (
    CENTS_PER_EURO,
    AmountError,
    AmountOutOfBounds,
    beyond_bound,
    floats_to_cents,
    to_cents,
)
from models.budget import categories, category_contains, groups

COLUMNS_TABLE = "ledger_columns.csv"
SEARCH_ROWS = 30
MAX_CELL_MESSAGES = 20
KEY_DIGITS = 4


@cache
def account_ranges() -> pd.DataFrame:
    """The account ranges (``from``, ``to`` on an account's first four digits) and their JHS 192 lines."""
    with (Path(__file__).parent / "account_ranges.csv").open(encoding="utf-8", newline="") as handle:
        ranges = pd.DataFrame(list(csv.DictReader(handle)))
    ranges = ranges.astype({"from": "int64", "to": "int64"}).sort_values("from").reset_index(drop=True)
    unknown = set(ranges["category"]) - set(categories())
    overlapping = (ranges["from"].to_numpy()[1:] <= ranges["to"].to_numpy()[:-1]).any()
    if unknown or overlapping:
        raise ValueError(f"account_ranges.csv: unknown categories {unknown} or overlapping ranges")
    return ranges


def category_of_accounts(keys: np.ndarray) -> np.ndarray:
    """JHS 192 category of each account key (first four digits), ``None`` outside every range.

    >>> category_of_accounts(np.array([4300, 3001, 5000])).tolist()
    ['palvelujen_ostot', 'myyntituotot', None]
    """
    ranges = account_ranges()
    at = np.searchsorted(ranges["from"].to_numpy(), keys, side="right") - 1
    inside = (at >= 0) & (keys <= ranges["to"].to_numpy()[np.clip(at, 0, None)])
    found = ranges["category"].to_numpy(dtype=object)[np.clip(at, 0, None)]
    return np.where(inside, found, None)


# ---------------------------------------------------------------- detection


def _header(grid: Grid) -> tuple[int, dict[str, int], dict[int, Period]] | None:
    for number, row in enumerate(grid.rows[:SEARCH_ROWS]):
        columns: dict[str, int] = {}
        for i, value in enumerate(row):
            column = vocabulary.column_of(value, COLUMNS_TABLE) if isinstance(value, str) else None
            if column and column not in columns:
                columns[column] = i
        if "account" not in columns or len(columns) < 2:
            continue
        taken = set(columns.values())
        periods = {i: p for i, value in enumerate(row) if i not in taken and (p := period_of(value)) is not None}
        if "amount" in columns:
            periods.setdefault(columns["amount"], Period(None, None, None))
        if periods:
            return number, columns, periods
    return None


def is_ledger(grids: list[Grid]) -> bool:
    """True when a sheet has an account column (Pääkirjatili) beside organisation or group columns and amounts."""
    return any(_header(grid) is not None for grid in grids)


# ---------------------------------------------------------------- reading


def _column(body: list[list[object]], index: int) -> pd.Series:
    width_ok = all(len(row) > index for row in body[:1]) and min(map(len, body)) > index
    values = [row[index] for row in body] if width_ok else [row[index] if len(row) > index else "" for row in body]
    return pd.Series(values, dtype=object)


def _blank(values: pd.Series) -> pd.Series:
    """Empty cells: calamine gives ``''``, pandas NaN."""
    return values.isna() | (values == "")


def _accounts(raw: pd.Series, names: pd.Series | None) -> tuple[np.ndarray, pd.Series]:
    """Account numbers (int64, ``-1`` where a row has none) and names, from their column or after the number.

    Numbers stay numbers: only cells holding text (``461200 Kirjallisuuden ostot``) go through a regex.
    """
    numeric = pd.to_numeric(raw, errors="coerce").to_numpy(dtype="float64")
    whole = np.isfinite(numeric) & (numeric >= 0) & (numeric == np.floor(numeric))
    numbers = np.where(whole, numeric, -1).astype("int64")
    after_number = pd.Series("", index=raw.index, dtype=object)
    textual = np.flatnonzero(~whole & ~_blank(raw).to_numpy())
    if textual.size:
        parts = raw.iloc[textual].astype(str).str.extract(r"^\s*(\d+)\s*[-–:]?\s*(.*)$")
        found = parts[0].notna().to_numpy()
        numbers[textual[found]] = parts[0][found].astype("int64").to_numpy()
        after_number.iloc[textual] = parts[1].fillna("").to_numpy(dtype=object)
    if names is None:
        return numbers, after_number
    return numbers, names.where(~_blank(names), after_number)


_POWERS = 10 ** np.arange(19, dtype="int64")


def account_keys(numbers: np.ndarray) -> np.ndarray:
    """The first four digits of each account number, ``-1`` for none or fewer digits.

    >>> account_keys(np.array([461200, 4300, 43, -1, 1000000])).tolist()
    [4612, 4300, -1, -1, 1000]
    """
    digits = np.searchsorted(_POWERS, numbers, side="right")
    scale = _POWERS[np.clip(digits - KEY_DIGITS, 0, None)]
    return np.where((numbers > 0) & (digits >= KEY_DIGITS), numbers // scale, -1)


def _cell(column: int, row: int) -> str:
    return f"{column_letter(column)}{row}"


def _amounts(
    grid: Grid, raw: pd.Series, index: int, unit: int, heading: str, first_row: int
) -> tuple[np.ndarray, list[Message], np.ndarray]:
    """Cents of one amount column; numbers vectorised, text (Finnish ``1 234,50``) parsed one by one."""
    numeric = pd.to_numeric(raw, errors="coerce")
    blank = _blank(raw)
    cents, fraction, beyond = floats_to_cents(numeric.to_numpy(dtype="float64"), unit)
    messages = []
    texts = np.flatnonzero((numeric.isna() & ~blank).to_numpy())
    bad: dict[int, AmountError] = {p: AmountError() for p in np.flatnonzero(fraction)}
    bad.update({p: AmountOutOfBounds() for p in np.flatnonzero(beyond)})
    for position in texts:
        try:
            cents[position] = to_cents(parse_amount(raw.iat[position]) * unit)
        except AmountError as error:
            bad[position] = error
    for position in sorted(bad)[:MAX_CELL_MESSAGES]:
        row = first_row + int(position)
        place = {"sheet": grid.sheet, "cell": _cell(index, row), "row": row}
        messages.append(amount_message(bad[position], heading, raw.iat[position], **place))
    if len(bad) > MAX_CELL_MESSAGES:
        messages.append(Message(ERROR, "msg.more_errors", {"count": len(bad) - MAX_CELL_MESSAGES}, sheet=grid.sheet))
    return cents, messages, blank.to_numpy()


def _title_texts(grid: Grid, header: int) -> list[str]:
    return [v for row in grid.rows[:header] for v in row if isinstance(v, str) and v.strip()]


def _formula_messages(grid: Grid, header: int, blanks: dict[int, np.ndarray]) -> list[Message]:
    """Blank amount cells that are formulas Excel never calculated (looked for only when there are blanks)."""
    if grid.book is None:
        return []
    wanted = {_cell(index, header + 2 + int(p)) for index, blank in blanks.items() for p in np.flatnonzero(blank)}
    if not wanted:
        return []
    found = grid.book.formulas_without_values(grid.sheet, wanted)
    messages = [Message(ERROR, "msg.formula_without_value", sheet=grid.sheet, cell=ref) for ref in found]
    return messages[:MAX_CELL_MESSAGES]


def parse(grids: list[Grid], source_file: str) -> ParsedBudget:
    """The ledger sheet(s) of a workbook summed into JHS 192 lines."""
    frames, messages, rows_read, rows_left_out = [], [], 0, 0
    for grid in grids:
        located = _header(grid)
        if located is None:
            continue
        read = _read_sheet(grid, located, source_file)
        messages += read[1]
        if read[0] is not None:
            frames.append(read[0])
        rows_read, rows_left_out = rows_read + read[2], rows_left_out + read[3]
    if not frames or has_errors(messages):
        return ParsedBudget(pd.DataFrame(columns=LINE_COLUMNS), rows_read, rows_read, messages)
    accounts = _summed_accounts(pd.concat(frames, ignore_index=True))
    messages += _sum_messages(accounts)
    if has_errors(messages):
        return ParsedBudget(pd.DataFrame(columns=LINE_COLUMNS), rows_read, rows_read, messages)
    flip_costs, flip_income = sign_flips(accounts["category"], accounts["cents"])
    group = accounts["category"].map({code: found.group for code, found in categories().items()})
    flip = (group.isin(groups("cost")) & flip_costs) | (group.isin(groups("income")) & flip_income)
    accounts["cents"] = accounts["cents"].where(~flip, -accounts["cents"])
    messages += sign_messages(flip_costs, flip_income, accounts["sheet"].iat[0])
    lines = _lines(accounts, source_file)
    messages += positive_cost_messages(lines) + text_length_messages(lines)
    if has_errors(messages):
        return ParsedBudget(pd.DataFrame(columns=LINE_COLUMNS), rows_read, rows_read, messages)
    return ParsedBudget(lines, rows_read, rows_left_out, messages, rows_imported=rows_read - rows_left_out)


def _read_sheet(
    grid: Grid, located: tuple[int, dict[str, int], dict[int, Period]], source_file: str
) -> tuple[pd.DataFrame | None, list[Message], int, int]:
    header, columns, periods = located
    body = grid.rows[header + 1 :]
    if not body:
        return None, [Message(ERROR, "msg.no_rows", sheet=grid.sheet, row=header + 2)], 0, 0
    first_row = header + 2  # Excel's number of the first body row
    titles = _title_texts(grid, header)
    title_units = [u for text in titles for u in units_in(text)]
    messages: list[Message] = []
    numbers, names = _accounts(
        _column(body, columns["account"]),
        _column(body, columns["account_name"]) if "account_name" in columns else None,
    )
    groups = _column(body, columns["account_group"]) if "account_group" in columns else None
    years = pd.to_numeric(_column(body, columns["year"]), errors="coerce") if "year" in columns else None
    blank_account = numbers < 0
    parts, blanks, empty = [], {}, blank_account.copy()
    for index, period in sorted(periods.items()):
        heading = str(grid.value(header, index)).strip()
        unit = period.unit or (title_units[0] if title_units else 1)
        raw = _column(body, index)
        cents, problems, blank = _amounts(grid, raw, index, unit, heading, first_row)
        messages += problems
        blanks[index] = blank & ~blank_account
        empty &= blank
        year = _period_year(period, years, titles, grid, header, index, heading, messages)
        scenario = period.scenario or _title_scenario(titles, grid, header, index, heading, messages)
        parts.append(
            pd.DataFrame(
                {
                    "year": year,
                    "scenario": scenario,
                    "account": numbers,
                    "name": names,
                    "group": groups if groups is not None else "",
                    "cents": cents,
                    "unit_eur": unit,
                    "row": np.arange(first_row, first_row + len(body)),
                    "column": index,
                }
            )
        )
    messages += _formula_messages(grid, header, blanks)
    rows_read = int((~empty).sum())
    if has_errors(messages):
        return None, messages, rows_read, rows_read
    booked = pd.concat(parts, ignore_index=True)
    booked = booked[np.tile(~empty, len(parts))]
    keys = account_keys(booked["account"].to_numpy())
    booked = booked.assign(category=category_of_accounts(keys), sheet=grid.sheet)
    no_year = booked["year"].isna() & booked["category"].notna()
    if no_year.any():
        first = int(booked.loc[no_year, "row"].min())
        cell = _cell(columns.get("year", 0), first)
        messages.append(Message(ERROR, "msg.ledger_no_year", {"rows": int(no_year.sum())}, sheet=grid.sheet, cell=cell))
        return None, messages, rows_read, rows_read
    kept = booked["category"].notna()
    messages += _left_out_messages(grid, booked[~kept], columns["account"])
    left_out_rows = booked.loc[~kept, "row"].nunique()
    if "unit" in columns:
        units = _column(body, columns["unit"])
        count = units[~_blank(units)].nunique()
        messages.append(Message(INFO, "msg.ledger_summed", {"units": count}, sheet=grid.sheet))
    return booked[kept].astype({"year": "int64"}), messages, rows_read, int(left_out_rows)


def _period_year(period, years, titles, grid, header, index, heading, messages) -> object:
    if period.year is not None:
        return period.year
    if years is not None:
        return years.where(years == np.floor(years)).astype("Float64")
    found = {p.year for text in titles if (p := period_of(text)) is not None and p.year}
    if len(found) == 1:
        return found.pop()
    messages.append(
        Message(ERROR, "msg.year_missing", {"heading": heading}, sheet=grid.sheet, cell=_cell(index, header + 1))
    )
    return pd.NA


def _title_scenario(titles, grid, header, index, heading, messages) -> str:
    for text in titles:
        found = scenarios_in(text)
        if found:
            fields = {"heading": heading, "scenario": found[0], "title": text.strip()}
            messages.append(
                Message(INFO, "msg.scenario_from_title", fields, sheet=grid.sheet, cell=_cell(index, header + 1))
            )
            return found[0]
    fields = {"heading": heading, "scenario": "budget"}
    messages.append(Message(INFO, "msg.scenario_default", fields, sheet=grid.sheet, cell=_cell(index, header + 1)))
    return "budget"


def _left_out_messages(grid: Grid, left: pd.DataFrame, account_column: int) -> list[Message]:
    if left.empty:
        return []
    messages = []
    no_account = left[left["account"] < 0]
    if not no_account.empty:
        first = int(no_account["row"].min())
        fields = {"rows": no_account["row"].nunique()}
        messages.append(
            Message(WARNING, "msg.ledger_no_account", fields, sheet=grid.sheet, cell=_cell(account_column, first))
        )
    outside = left[left["account"] >= 0]
    if not outside.empty:
        accounts = sorted(outside["account"].unique())
        shown = ", ".join(str(a) for a in accounts[:10]) + (" …" if len(accounts) > 10 else "")
        first = int(outside["row"].min())
        fields = {"rows": outside["row"].nunique(), "accounts": shown}
        messages.append(
            Message(INFO, "msg.ledger_left_out", fields, sheet=grid.sheet, cell=_cell(account_column, first))
        )
    return messages


# ---------------------------------------------------------------- lines


def _summed_accounts(booked: pd.DataFrame) -> pd.DataFrame:
    """One row per year, scenario and account: its cents summed over every row (every organisation unit).

    The account's name, group and source cell are its first row's; text is tidied only after summing.
    """
    booked = booked.assign(magnitude=booked["cents"].abs().astype("float64") / CENTS_PER_EURO)
    first = booked.sort_values("row", kind="stable").groupby(["year", "scenario", "account"], sort=False)
    accounts = first.agg(
        cents=("cents", "sum"),
        magnitude=("magnitude", "sum"),
        name=("name", "first"),
        group=("group", "first"),
        category=("category", "first"),
        unit_eur=("unit_eur", "first"),
        sheet=("sheet", "first"),
        column=("column", "first"),
        row=("row", "first"),
    ).reset_index()
    return accounts.assign(
        account=accounts["account"].astype(str),
        name=accounts["name"].map(_tidy),
        group=accounts["group"].map(_tidy),
        cell=accounts["column"].map(column_letter) + accounts["row"].astype(str),
    )


def _sum_messages(accounts: pd.DataFrame) -> list[Message]:
    """Refuse a year and scenario whose amounts add up (in magnitude) beyond the bound: no line can wrap then.

    ``magnitude`` is each account's euros in magnitude summed as floats, which
    never wrap where a sum of int64 cents could.
    """
    totals = accounts.groupby(["year", "scenario"], sort=False).agg(
        magnitude=("magnitude", "sum"), sheet=("sheet", "first"), cell=("cell", "first")
    )
    messages = []
    for (year, scenario), found in totals[beyond_bound(totals["magnitude"].to_numpy())].iterrows():
        fields = {"year": int(year), "scenario": scenario, **bound_fields()}
        place = {"sheet": found["sheet"], "cell": found["cell"]}
        messages.append(Message(ERROR, "msg.ledger_sum_out_of_bounds", fields, **place))
    return messages


def _tidy(value: object) -> str:
    return " ".join(str(value).split()) if isinstance(value, str) else ""


SUMMED_LINE = {
    "amount_cents": ("cents", "sum"),
    "unit_eur": ("unit_eur", "first"),
    "sheet": ("sheet", "first"),
    "cell": ("cell", "first"),
    "row": ("row", "min"),
}
"""A line summed from the accounts under it (pandas named aggregations): cents summed, first unit and cell, top row."""


def _lines(accounts: pd.DataFrame, source_file: str) -> pd.DataFrame:
    """Accounts under their groups under their JHS 192 lines, each summed, for every year and scenario."""
    keys = ["year", "scenario"]
    accounts = accounts.copy()
    accounts["group"] = accounts["group"].where(~_names_its_category(accounts["group"], accounts["category"]), "")
    accounts["group_code"] = np.where(
        accounts["group"] != "", accounts["category"] + "/" + accounts["group"], accounts["category"]
    )
    account_lines = pd.DataFrame(
        {
            **{k: accounts[k] for k in keys},
            "code": accounts["account"],
            "name": (accounts["account"] + " " + accounts["name"]).str.strip(),
            "parent": accounts["group_code"],
            "category": accounts["category"],
            "amount_cents": accounts["cents"],
            "level": 2,
            **{k: accounts[k] for k in ("unit_eur", "sheet", "cell", "row")},
        }
    )
    grouped = accounts[accounts["group"] != ""]
    groups = grouped.groupby([*keys, "group_code"], sort=False).agg(
        name=("group", "first"), category=("category", "first"), **SUMMED_LINE
    )
    group_lines = groups.reset_index().rename(columns={"group_code": "code"})
    group_lines = group_lines.assign(parent=group_lines["category"], level=1)
    lines = pd.concat([_category_lines(accounts, keys), group_lines, account_lines], ignore_index=True)
    order = lines["category"].map({code: found.order for code, found in categories().items()})
    lines = lines.assign(order=order).sort_values([*keys, "order", "level", "code"], kind="stable")
    lines["position"] = lines.groupby(keys).cumcount() + 1
    return pd.DataFrame(
        {
            **{k: lines[k] for k in (*keys, "code", "name", "parent", "category", "amount_cents", "unit_eur")},
            "partial": False,
            "position": lines["position"],
            "source_file": source_file,
            "source_sheet": lines["sheet"],
            "source_cell": lines["cell"],
            "row": lines["row"],
        }
    )[LINE_COLUMNS].reset_index(drop=True)


def _names_its_category(groups: pd.Series, found: pd.Series) -> pd.Series:
    """True where an account group is named like its JHS 192 line or one above it (no level of its own then)."""
    named = groups.map({group: vocabulary.category_of(group, patterns=False) for group in groups.unique()})
    pairs = set(zip(named, found))
    same = {(n, f) for n, f in pairs if isinstance(n, str) and (n == f or category_contains(n, f))}
    return pd.Series([(n, f) in same for n, f in zip(named, found)], index=groups.index)


def _category_lines(accounts: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """One line per JHS 192 category holding accounts, and per category above it up to its group's total."""
    frames = []
    level = accounts[[*keys, "category", "cents", "unit_eur", "sheet", "cell", "row"]]
    while not level.empty:
        frames.append(level)
        parent = level["category"].map(lambda c: categories()[c].parent)
        up = level.assign(category=parent)[parent.notna() & ~parent.isin(groups("result"))]
        level = up
    every = pd.concat(frames, ignore_index=True)
    summed = every.groupby([*keys, "category"], sort=False).agg(**SUMMED_LINE)
    summed = summed.reset_index()
    parent = summed["category"].map(lambda c: categories()[c].parent)
    return summed.assign(
        code=summed["category"],
        name=summed["category"].map(lambda c: t(f"jhs.{c}", "fi")),
        parent=parent.where(~parent.isin(groups("result")), None),
        level=0,
    )

"""Wide budget tables as municipalities keep them: one row per line, one column per year and scenario.

Read → locate → coerce → link → classify, sheet by sheet:

- **locate**: the header row is the nearest row above the first line of
  numbers holding period headings (``TA 2019``, ``2018``, ``Toteuma 2018``;
  ``headings.period_of``); rows above it are titles. A bare year takes its
  scenario from a word in the same column or in the titles (``VUSU``,
  ``talousarvio``), else budget, and says so. The unit note (``1 000 €``,
  ``t€``, ``euroa``) is searched in the column, then anywhere above the
  numbers; none means euros, and says so.
- **coerce**: numbers or Finnish text (``cell_amounts.parse_amount``) times
  the unit, to integer cents exactly; a blank cell in a line is zero. A formula
  without a cached value is an error naming its cell.
- **link**: the hierarchy from Excel outline levels, cell indentation (both
  through openpyxl, loaded only when the XML shows them) or leading spaces;
  ``joista``/``josta`` lines own the lines below them as a partial breakdown;
  a heading without amounts owns the lines below it; and among lines at one
  level, the JHS 192 tree decides what a total line totals, above or below
  its lines (``Toimintakate`` at the bottom owns toimintatuotot and
  toimintakulut).
- **Yhteensä** (total) lines: one right below a heading without amounts is
  that heading's amount (the heading line takes it, the Yhteensä row is not a
  line of its own); otherwise the Yhteensä line becomes the parent of the
  lines above it that it totals (back to a blank row, a heading or another
  total). Either way every euro sits under one outermost line of its JHS
  group, so ``models.budget.toimintakate`` counts it once.
- **classify**: by the synonym table ``line_categories.csv``; a total over
  classified lines takes their common JHS category; other lines inherit from
  their parent; a line directly under toimintakate (or at the top) with no
  name we know is a cost when negative, income when positive, and says so.
  Costs are stored negative whichever sign the sheet uses (decided from the
  sheet's classified lines, ``budget_lines.sign_flips``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from data_loaders import vocabulary
from data_loaders.budget_lines import (
    LINE_COLUMNS,
    ParsedBudget,
    inherit_categories,
    inheritable,
    positive_cost_messages,
    rejected_budget,
    sign_flips,
    sign_messages,
    text_length_messages,
    unique_codes,
)
from data_loaders.cell_amounts import parse_amount
from data_loaders.checks import amount_message
from data_loaders.headings import Period, heading_text, period_of, scenarios_in, units_in
from data_loaders.messages import ERROR, INFO, Message, column_letter, has_errors
from data_loaders.workbook import Grid, cell_position
from i18n import format_number, t
from models.amounts import AmountError, to_cents
from models.budget import category_contains, category_group, common_category, groups

SEARCH_ROWS = 60  # the header is looked for this far down
GROUP_LEVEL = set(groups())  # lines standing for a whole JHS 192 group (their category is the group)
_LEADING = re.compile(r"^[ \u00a0\u2007\u202f\t]*")
_TRIM = " \t\u00a0,;:–-("


@dataclass(frozen=True)
class AmountColumn:
    index: int
    heading: str
    year: int
    scenario: str
    unit: int


@dataclass
class TableRow:
    """One body row with a line name: its amounts, place in the hierarchy and category."""

    row: int  # zero-based grid row
    label: str
    name: str
    depth: int = 0
    values: dict[int, object] = field(default_factory=dict)
    cents: dict[int, int | None] = field(default_factory=dict)
    partial: bool = False
    total: bool = False
    bare_total: bool = False  # a plain "Yhteensä": named after what it totals once that is known
    base_category: str | None = None  # from the name, patterns included (``*kulut``)
    named_category: str | None = None  # from the name exactly: only these shape the hierarchy
    category: str | None = None
    parent: int | None = None  # index into the sheet's rows
    after_gap: bool = False  # a blank row stands right above it
    merged_into: int | None = None  # a Yhteensä row read as a heading's amount (-1: a row skipped)
    source_row: int | None = None  # where the amounts stand, when a Yhteensä row gave them

    @property
    def heading(self) -> bool:
        return all(value is None for value in self.cents.values())


@dataclass
class Table:
    grid: Grid
    header: int
    label_column: int
    columns: list[AmountColumn]
    first_body: int
    messages: list[Message] = field(default_factory=list)


# ---------------------------------------------------------------- detection


def is_wide(grids: list[Grid]) -> bool:
    """True when some sheet has period headings above a column of numbers beside line names."""
    return any(_header_and_body(grid) is not None for grid in grids)


def _is_number(value: object) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int | float):
        return value == value
    if isinstance(value, str) and value.strip():
        try:
            return parse_amount(value) is not None
        except AmountError:
            return False
    return False


def _is_text(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip()) and not _is_number(value)


def sheet_title(grids: list[Grid]) -> str | None:
    """The title a wide table gives itself: the first text above its header row, a bare unit note left out.

    What a budget is named by when the workbook has no title in its document properties: the
    sheet's own heading names it rather than the file name.
    """
    for grid in grids:
        found = _header_and_body(grid)
        if found is None:
            continue
        for row in grid.rows[: found[0]]:
            for value in row:
                text = value.strip() if isinstance(value, str) else ""
                bare_unit = units_in(text) and len(re.sub(r"[\d\s.,€()]", "", text)) <= 5
                if any(ch.isalpha() for ch in text) and not bare_unit:
                    return " ".join(text.split())
        return None
    return None


def _header_and_body(grid: Grid) -> tuple[int, int, dict[int, Period]] | None:
    """(header row, first row of numbers, periods by column), or ``None`` when the sheet has no such table.

    The header is the topmost row with period headings (with a year, where any
    row has one) right of a column of names, confirmed by the first named row
    below it holding a number under one of those headings. Title rows above it
    may name a year ("Talousarvio 2021") but not over a column of numbers, and
    an amount that looks like a year (1 990 €) is not taken for a header.
    """
    rows = grid.rows[:SEARCH_ROWS]
    found = [{i: p for i, value in enumerate(row) if (p := period_of(value)) is not None} for row in rows]
    with_year = [{i: p for i, p in periods.items() if p.year is not None} for periods in found]
    candidates = with_year if any(with_year) else found
    for header, periods in enumerate(candidates):
        if not periods or min(periods) == 0:
            continue
        first = _first_numbers(grid, header, periods)
        if first is not None:
            return header, first, found[header]
    return None


def _first_numbers(grid: Grid, header: int, periods: dict[int, Period]) -> int | None:
    """The first row below ``header`` naming a line with a number under a period heading, if the table goes on.

    Rows without a name (units under the years) and named rows without numbers (headings) are passed over.
    """
    left = min(periods)
    for number in range(header + 1, min(len(grid.rows), header + 1 + SEARCH_ROWS)):
        row = grid.rows[number]
        if not any(_is_text(value) for value in row[:left]):
            continue
        if any(i < len(row) and _is_number(row[i]) for i in periods):
            return number
    return None


# ---------------------------------------------------------------- locating


def locate(grid: Grid) -> Table | None:
    """The table of one sheet: header row, label column and amount columns with year, scenario and unit."""
    found = _header_and_body(grid)
    if found is None:
        return None
    header, first_line, periods = found
    label_column = _label_column(grid, header, min(periods))
    table = Table(grid, header, label_column, [], header + 1)
    titles = _title_cells(grid, header, first_line, label_column, set(periods))
    sheet_unit = _sheet_unit(grid, titles, table)
    for index, period in sorted(periods.items()):
        column_cells = [(r, grid.value(r, index)) for r in range(0, first_line) if r != header]
        table.columns.append(_column(grid, header, index, period, column_cells, titles, sheet_unit, table))
    _check_duplicate_periods(table)
    return table


def _label_column(grid: Grid, header: int, first_amount: int) -> int:
    counts = [0] * first_amount
    for row in grid.rows[header + 1 :]:
        for i in range(min(first_amount, len(row))):
            counts[i] += _is_text(row[i])
    return max(range(first_amount), key=lambda i: (counts[i], -i))


def _title_cells(grid: Grid, header: int, first_line: int, label_column: int, periods: set[int]):
    """Text above the numbers that is not a column's own: titles, notes, the label column's heading.

    Rows between the header and the first line count only where their label cell is empty.
    """
    cells = []
    for r in range(first_line):
        if r > header and _is_text(grid.value(r, label_column)):
            break
        for c, value in enumerate(grid.rows[r]):
            if isinstance(value, str) and value.strip() and (r < header or c not in periods):
                cells.append((r, c, value))
    return cells


def _cell(row: int, column: int) -> str:
    return f"{column_letter(column)}{row + 1}"


def _sheet_unit(grid: Grid, titles, table: Table) -> int | None:
    found = [(unit, r, c) for r, c, text in titles for unit in units_in(text)]
    distinct = sorted({unit for unit, _, _ in found})
    if len(distinct) > 1:
        cells = ", ".join(_cell(r, c) for _, r, c in found)
        table.messages.append(
            Message(
                ERROR, "msg.units_conflict", {"cells": cells}, sheet=grid.sheet, cell=_cell(found[0][1], found[0][2])
            )
        )
    if found:
        unit, r, c = found[0]
        table.messages.append(
            Message(
                INFO,
                "msg.unit_read",
                {"unit": unit_text(unit), "note": grid.value(r, c)},
                sheet=grid.sheet,
                cell=_cell(r, c),
            )
        )
        return unit
    return None


def unit_text(unit: int) -> str:
    """A unit as a note would write it.

    >>> unit_text(1), unit_text(1000)
    ('€', '1\xa0000 €')
    """
    return "€" if unit == 1 else f"{format_number(unit)} €"


def _column(grid, header, index, period, column_cells, titles, sheet_unit, table) -> AmountColumn:
    heading = heading_text(grid.value(header, index))
    cell = _cell(header, index)
    year, scenario, unit = period.year, period.scenario, period.unit
    for _r, value in column_cells:
        other = period_of(value)
        if other is None:
            unit = unit or next(iter(units_in(value)), None)
            continue
        year = year or other.year
        scenario = scenario or other.scenario
        unit = unit or other.unit
    if scenario is None:
        scenario = _scenario_from_titles(grid, titles, heading, cell, table)
    if year is None:
        years = sorted({p.year for _, _, text in titles if (p := _year_in(text)) is not None})
        if len(years) == 1:
            year = years[0]
        else:
            table.messages.append(Message(ERROR, "msg.year_missing", {"heading": heading}, sheet=grid.sheet, cell=cell))
            year = 0
    if unit is None and sheet_unit is None:
        unit = 1
        if not any(message.key == "msg.unit_assumed" for message in table.messages):
            table.messages.append(Message(INFO, "msg.unit_assumed", sheet=grid.sheet, cell=cell))
    return AmountColumn(index, heading, year, scenario, unit or sheet_unit)


def _year_in(text: str) -> Period | None:
    years = re.findall(r"(?<!\d)((?:19|20)\d\d)(?!\d)", text)
    return Period(int(years[0]), None, None) if len(set(years)) == 1 else None


def _scenario_from_titles(grid: Grid, titles, heading: str, cell: str, table: Table) -> str:
    for _r, _c, text in titles:
        words = scenarios_in(text)
        if words:
            table.messages.append(
                Message(
                    INFO,
                    "msg.scenario_from_title",
                    {"heading": heading, "scenario": words[0], "title": text.strip()},
                    sheet=grid.sheet,
                    cell=cell,
                )
            )
            return words[0]
    table.messages.append(
        Message(INFO, "msg.scenario_default", {"heading": heading, "scenario": "budget"}, sheet=grid.sheet, cell=cell)
    )
    return "budget"


def _check_duplicate_periods(table: Table) -> None:
    seen: dict[tuple[int, str], AmountColumn] = {}
    for column in table.columns:
        key = (column.year, column.scenario)
        if key in seen and column.year:
            first = seen[key]
            table.messages.append(
                Message(
                    ERROR,
                    "msg.duplicate_period",
                    {"year": column.year, "scenario": column.scenario, "first": _cell(table.header, first.index)},
                    sheet=table.grid.sheet,
                    cell=_cell(table.header, column.index),
                )
            )
        seen.setdefault(key, column)


# ---------------------------------------------------------------- reading rows


def clean_label(label: str) -> tuple[str, bool, bool, str]:
    """A row's label as (name, partial, total, base): ``joista`` and ``yhteensä`` read and dropped.

    ``base`` is what classifies the line: the name without the total word.

    >>> clean_label("Toimintatuotot, joista")
    ('Toimintatuotot', True, False, 'Toimintatuotot')
    >>> clean_label("  Toimintakulut yhteensä")
    ('Toimintakulut yhteensä', False, True, 'Toimintakulut')
    >>> clean_label("Yhteensä")
    ('Yhteensä', False, True, '')
    """
    name = " ".join(label.replace("\u00a0", " ").split()).strip(" :")
    partial = total = False
    for word in vocabulary.marker_words("partial"):
        match = re.search(rf"[\s,(:–-]*\b{re.escape(word)}\b[\s:)]*$", name, flags=re.IGNORECASE)
        if match:
            name, partial = name[: match.start()].rstrip(_TRIM), True
            break
    base = name
    for word in vocabulary.marker_words("total"):
        pattern = rf"^{re.escape(word)}\b[\s:,–-]*|[\s,:–-]*\b{re.escape(word)}$"
        if re.search(pattern, name, flags=re.IGNORECASE):
            total, base = True, re.sub(pattern, "", name, flags=re.IGNORECASE).strip(_TRIM)
            break
    return name, partial, total, base


def _body(table: Table) -> tuple[list[TableRow], list[Message]]:
    grid, messages, rows = table.grid, [], []
    gap = False
    amount_columns = [column.index for column in table.columns]
    for number in range(table.header + 1, len(grid.rows)):
        label_value = grid.value(number, table.label_column)
        label = heading_text(label_value) if not isinstance(label_value, str) else label_value
        values = {i: grid.value(number, i) for i in amount_columns}
        filled = {i: v for i, v in values.items() if not (v is None or (isinstance(v, str) and not v.strip()))}
        if not label.strip():
            if filled and any(_is_number(v) for v in filled.values()) and rows:
                first = min(i for i, v in filled.items() if _is_number(v))
                messages.append(
                    Message(
                        ERROR, "msg.amount_without_line", sheet=grid.sheet, cell=_cell(number, first), row=number + 1
                    )
                )
            gap = gap or (not filled and bool(rows))
            continue
        name, partial, total, base = clean_label(label)
        line = TableRow(
            number, label, name or label.strip(), partial=partial, total=total, values=values, after_gap=gap
        )
        line.bare_total = total and not base
        line.base_category = vocabulary.category_of(base) if base else None
        line.named_category = vocabulary.category_of(base, patterns=False) if base else None
        gap = False
        rows.append(line)
    return rows, messages


def _coerce(table: Table, rows: list[TableRow]) -> list[Message]:
    messages = []
    units = {column.index: column for column in table.columns}
    for line in rows:
        for index, value in line.values.items():
            try:
                amount = parse_amount(value if value != "" else None)
                line.cents[index] = to_cents(amount * units[index].unit) if amount is not None else None
            except AmountError as error:
                line.cents[index] = None
                place = {"sheet": table.grid.sheet, "cell": _cell(line.row, index), "row": line.row + 1}
                messages.append(amount_message(error, units[index].heading, value, **place))
    return messages


def _formula_messages(table: Table, rows: list[TableRow]) -> list[Message]:
    book = table.grid.book
    if book is None:
        return []
    wanted = {_cell(line.row, i) for line in rows for i, v in line.values.items() if v == ""}
    wanted |= {_cell(r, table.label_column) for r in range(table.header + 1, len(table.grid.rows))}
    if not wanted:
        return []
    return [
        Message(ERROR, "msg.formula_without_value", sheet=table.grid.sheet, cell=ref, row=cell_position(ref)[0] + 1)
        for ref in book.formulas_without_values(table.grid.sheet, wanted)
    ]


# ---------------------------------------------------------------- hierarchy


def _depths(table: Table, rows: list[TableRow]) -> tuple[str, bool]:
    """Set each row's depth from the first signal the sheet has; returns the signal and whether summaries are below.

    Leading spaces are read from the values; indentation and outline levels
    need openpyxl, loaded only when the sheet's XML has them.
    """
    spaces = [len(_LEADING.match(line.label).group(0).replace("\t", "    ")) for line in rows]
    if any(spaces):
        ranks = {count: depth for depth, count in enumerate(sorted(set(spaces)))}
        for line, count in zip(rows, spaces):
            line.depth = ranks[count]
        return "spaces", False
    book = table.grid.book
    if book is not None and book.has_layout_hierarchy(table.grid.sheet):
        formats = book.formats(table.grid.sheet)
        outline = [formats.outline.get(line.row, 0) for line in rows]
        if any(outline):
            for line, level in zip(rows, outline):
                line.depth = level
            return "outline", formats.summary_below
        indent = [formats.indent.get((line.row, table.label_column), 0) for line in rows]
        if any(indent):
            ranks = {count: depth for depth, count in enumerate(sorted(set(indent)))}
            for line, count in zip(rows, indent):
                line.depth = ranks[count]
            return "indent", False
    return "flat", False


def _depth_tree(rows: list[TableRow], summary_below: bool) -> None:
    """Parent = the nearest shallower row above (below, for outlines summarised below)."""
    for i, line in enumerate(rows):
        above = next((j for j in range(i - 1, -1, -1) if rows[j].depth < line.depth), None)
        below = None
        if summary_below:
            below = next((j for j in range(i + 1, len(rows)) if rows[j].depth < line.depth), None)
        line.parent = below if below is not None else above


def _ends_run(line: TableRow) -> bool:
    return line.after_gap or line.total or line.partial or line.heading or line.named_category in GROUP_LEVEL


def _adopt_following(rows: list[TableRow], owner: int) -> None:
    """Lines right below ``owner`` at its own level become its lines, up to a blank row, heading or total.

    A heading (not a joista line) also stops at a line its JHS category cannot contain: a blank
    "Maksutuotot" does not own "Tuet ja avustukset".
    """
    head = rows[owner]
    for j in range(owner + 1, len(rows)):
        line = rows[j]
        if line.parent != head.parent or line.depth != head.depth:
            if _descends(rows, j, owner):
                continue
            break
        if _ends_run(line):
            break
        if not head.partial and head.base_category and line.base_category:
            if not category_contains(head.base_category, line.base_category):
                break
        line.parent = owner


def _descends(rows: list[TableRow], j: int, ancestor: int) -> bool:
    seen = 0
    while rows[j].parent is not None and seen < len(rows):
        j, seen = rows[j].parent, seen + 1
        if j == ancestor:
            return True
    return False


def _has_children(rows: list[TableRow], i: int) -> bool:
    return any(line.parent == i for line in rows if line.merged_into is None)


def _read_totals(rows: list[TableRow]) -> None:
    """Each Yhteensä row: a heading's amount if one stands above its lines, else the parent of those lines."""
    for at, total in enumerate(rows):
        if not total.total or total.heading:
            continue
        block, stop = _totalled_block(rows, at)
        if stop is not None and rows[stop].heading:
            _merge_into_heading(rows, at, stop, block)
        else:
            for j in block:
                rows[j].parent = at


def _totalled_block(rows: list[TableRow], at: int) -> tuple[list[int], int | None]:
    """The lines a Yhteensä row at ``at`` totals, nearest first, and the row that stops the run upwards.

    The run stops at the total's own parent, a heading or another total (which stops it), or a line
    right below a blank row (which belongs to it). Lines of other levels are passed over.
    """
    total, block = rows[at], []
    for j in range(at - 1, -1, -1):
        line = rows[j]
        if line.merged_into is not None:
            continue
        if j == total.parent:
            return block, j
        if line.parent != total.parent:
            continue
        if line.heading or line.total:
            return block, j
        block.append(j)
        if line.after_gap:
            break
    return block, None


def _merge_into_heading(rows: list[TableRow], at: int, stop: int, block: list[int]) -> None:
    """The heading at ``stop`` takes the Yhteensä row's amounts and category; the total row is no line of its own."""
    heading, total = rows[stop], rows[at]
    heading.cents, heading.values, heading.source_row = dict(total.cents), dict(total.values), total.row
    heading.base_category = heading.base_category or total.base_category
    heading.named_category = heading.named_category or total.named_category
    total.merged_into = stop
    for j in block:
        rows[j].parent = stop
    for line in rows:
        if line.parent == at:
            line.parent = stop


def nest_by_category(cats: list[str | None], flat: bool) -> list[int | None]:
    """Parents among lines of one level from their JHS 192 categories, totals above or below their lines.

    A line whose category contains the categories of the lines just above it
    (still without a parent) totals them; otherwise its parent is the nearest
    open line above whose category contains its own. Unclassified lines are
    totalled by a group-level line below them; in a flat sheet (no other
    hierarchy signal) an unclassified line belongs to the open line above it.

    >>> nest_by_category(["myyntituotot", "tuet_ja_avustukset", "toimintatuotot", "palkat_ja_palkkiot",
    ...                   "toimintakulut", "toimintakate"], flat=True)
    [2, 2, 5, 4, 5, None]
    >>> nest_by_category(["toimintatuotot", "myyntituotot", "toimintakulut", None, "toimintakate"], flat=True)
    [4, 0, 4, 2, None]
    """
    parents: list[int | None] = [None] * len(cats)
    stack: list[int] = []
    pending: list[int] = []
    for i, category in enumerate(cats):
        if category is None:
            if flat and stack:
                parents[i] = stack[-1]
            else:
                pending.append(i)
            continue
        while pending and (
            category_contains(category, cats[pending[-1]]) or (cats[pending[-1]] is None and category in GROUP_LEVEL)
        ):
            parents[pending.pop()] = i
        while stack and not category_contains(cats[stack[-1]], category):
            stack.pop()
        if stack:
            parents[i] = stack[-1]
        else:
            pending.append(i)
        stack.append(i)
    return parents


def _nest_levels(rows: list[TableRow], flat: bool) -> None:
    live = [i for i, line in enumerate(rows) if line.merged_into is None]
    levels: dict[int | None, list[int]] = {}
    for i in live:
        levels.setdefault(rows[i].parent, []).append(i)
    for parent, members in levels.items():
        found = nest_by_category([rows[i].named_category for i in members], flat and parent is None)
        for i, parent in zip(members, found):
            if parent is not None:
                rows[i].parent = members[parent]


def link(table: Table, rows: list[TableRow]) -> str:
    """Every row's parent; returns the hierarchy signal used."""
    signal, summary_below = _depths(table, rows)
    _depth_tree(rows, summary_below)
    for i, line in enumerate(rows):
        if line.partial:
            _adopt_following(rows, i)
    for i, line in enumerate(rows):
        if line.heading and not line.total and not _has_children(rows, i):
            _adopt_following(rows, i)
    _read_totals(rows)
    _nest_levels(rows, flat=signal == "flat")
    return signal


# ---------------------------------------------------------------- amounts and categories


def _children(rows: list[TableRow]) -> dict[int, list[int]]:
    found: dict[int, list[int]] = {}
    for i, line in enumerate(rows):
        if line.merged_into is None and line.parent is not None:
            found.setdefault(line.parent, []).append(i)
    return found


def _bottom_up(rows: list[TableRow]) -> list[int]:
    depth = {}
    for i in range(len(rows)):
        d, j = 0, i
        while rows[j].parent is not None and d <= len(rows):
            j, d = rows[j].parent, d + 1
        depth[i] = d
    return sorted(depth, key=lambda i: -depth[i])


def _sum_headings(table: Table, rows: list[TableRow], computed: set[int]) -> None:
    """A heading without amounts gets the sum of its lines (each column)."""
    children = _children(rows)
    for i in _bottom_up(rows):
        if i in computed or (rows[i].heading and children.get(i)):
            computed.add(i)
            for column in table.columns:
                rows[i].cents[column.index] = sum(rows[c].cents.get(column.index) or 0 for c in children.get(i, []))


def classify(table: Table, rows: list[TableRow]) -> list[Message]:
    """Categories for every line; costs negative; headings summed. Returns the messages it has to tell.

    In passes: categories from the names, totals from their lines, the parent's group where it
    overrules; headings summed; the sheet's sign convention; unknown top lines by their sign; costs
    stored negative; headings summed again; bare Yhteensä lines named after what they total.
    """
    _categories_from_names(rows)
    _categories_from_lines(rows)
    messages = _categories_from_parents(table, rows)
    computed: set[int] = set()
    _sum_headings(table, rows, computed)
    _inherit(rows)
    flip_costs, flip_income = _sheet_sign_flips(table, rows)
    messages += sign_messages(flip_costs, flip_income, table.grid.sheet)
    messages += _categories_by_sign(table, rows, flip_costs)
    _inherit(rows)
    _store_signs(rows, flip_costs, flip_income)
    _sum_headings(table, rows, computed)
    messages += [_line_message(table, rows[i], "msg.heading_sum") for i in sorted(computed)]
    _name_bare_totals(rows)
    return messages


def _categories_from_names(rows: list[TableRow]) -> None:
    for line in rows:
        line.category = line.base_category


def _categories_from_lines(rows: list[TableRow]) -> None:
    """An unclassified line whose lines are all classified takes their common category (deepest first)."""
    children = _children(rows)
    for i in _bottom_up(rows):
        line, kids = rows[i], children.get(i, [])
        if line.category is None and kids and all(rows[k].category for k in kids):
            line.category = common_category([rows[k].category for k in kids])


def _categories_from_parents(table: Table, rows: list[TableRow]) -> list[Message]:
    """A line under a named income or cost line, but of another group, takes its parent's category, and says so."""
    messages = []
    for line in rows:
        parent = rows[line.parent] if line.parent is not None else None
        if parent is None or line.category is None or parent.base_category is None:
            continue
        inner, outer = category_group(line.category), category_group(parent.base_category)
        if outer in groups("income", "cost") and inner != outer:
            messages.append(_line_message(table, line, "msg.category_from_parent", category=parent.base_category))
            line.category = parent.base_category
    return messages


def _sheet_sign_flips(table: Table, rows: list[TableRow]) -> tuple[bool, bool]:
    """Whether the sheet writes costs positive and income negative (``budget_lines.sign_flips`` on its lines)."""
    live = [line for line in rows if line.merged_into is None]
    frame = pd.DataFrame(
        {
            "category": [line.category for line in live for _ in table.columns],
            "cents": [line.cents.get(c.index) or 0 for line in live for c in table.columns],
        }
    )
    return sign_flips(frame["category"], frame["cents"])


def _categories_by_sign(table: Table, rows: list[TableRow], flip_costs: bool) -> list[Message]:
    """A line at the top or under toimintakate with no name we know: a cost when negative, income when positive."""
    messages = []
    for i in _bottom_up(rows)[::-1]:
        line = rows[i]
        if line.merged_into is not None or line.category is not None:
            continue
        if line.parent is not None and rows[line.parent].category not in (None, *groups("result")):
            continue
        line.category = None if flip_costs else _group_by_sign(line)
        if line.category is not None:
            messages.append(_line_message(table, line, "msg.category_by_sign", category=line.category))
    return messages


def _group_by_sign(line: TableRow) -> str | None:
    """The cost group when every amount of the line is negative, the income group when every one is positive."""
    signs = {(cents > 0) - (cents < 0) for cents in line.cents.values() if cents}
    if signs == {-1}:
        return groups("cost")[0]
    if signs == {1}:
        return groups("income")[0]
    return None


def _store_signs(rows: list[TableRow], flip_costs: bool, flip_income: bool) -> None:
    """Costs negative and income positive, whichever the sheet wrote."""
    flipped = (groups("cost") if flip_costs else ()) + (groups("income") if flip_income else ())
    for line in rows:
        if category_group(line.category) in flipped and line.merged_into is None:
            line.cents = {k: -v if v is not None else None for k, v in line.cents.items()}


def _name_bare_totals(rows: list[TableRow]) -> None:
    """A plain "Yhteensä" line is named after the JHS 192 line it totals."""
    for line in rows:
        if line.bare_total and line.category and line.merged_into is None:
            line.name = f"{line.name} ({t(f'jhs.{line.category}', 'fi')})"


def _inherit(rows: list[TableRow]) -> None:
    for i in _bottom_up(rows)[::-1]:
        line = rows[i]
        if line.category is None and line.parent is not None and inheritable(rows[line.parent].category):
            line.category = rows[line.parent].category


def _line_message(table: Table, line: TableRow, key: str, severity: str = INFO, **fields: object) -> Message:
    return Message(
        severity,
        key,
        {"line": line.name, **fields},
        sheet=table.grid.sheet,
        cell=_cell(line.row, table.label_column),
        row=line.row + 1,
    )


# ---------------------------------------------------------------- sheet and workbook


def _blank_messages(table: Table, rows: list[TableRow]) -> list[Message]:
    """An amount cell left blank in a line is zero, and the user is told where (headings are summed instead)."""
    messages = []
    for i, line in enumerate(rows):
        if line.merged_into is not None or line.source_row is not None:
            continue
        if line.heading and _has_children(rows, i):
            continue
        for column in table.columns:
            if line.values.get(column.index) in ("", None):
                cell = _cell(line.row, column.index)
                messages.append(Message(INFO, "msg.blank_amount", sheet=table.grid.sheet, cell=cell, row=line.row + 1))
    return messages


def _records(table: Table, rows: list[TableRow], source_file: str, order: int) -> list[dict[str, object]]:
    records = []
    for _i, line in enumerate(rows):
        if line.merged_into is not None:
            continue
        parent = rows[line.parent] if line.parent is not None else None
        source_row = line.source_row if line.source_row is not None else line.row
        for column in table.columns:
            records.append(
                {
                    "year": column.year,
                    "scenario": column.scenario,
                    "name": line.name,
                    "parent_row": parent.row if parent is not None else None,
                    "parent_name": parent.name if parent is not None else None,
                    "sheet": table.grid.sheet,
                    "row_key": line.row,
                    "category": line.category,
                    "amount_cents": int(line.cents.get(column.index) or 0),
                    "unit_eur": column.unit,
                    "partial": line.partial,
                    "position": order * 10_000_000 + line.row + 1,
                    "source_file": source_file,
                    "source_sheet": table.grid.sheet,
                    "source_cell": _cell(source_row, column.index),
                    "row": source_row + 1,
                }
            )
    return records


def read_sheet(grid: Grid, source_file: str, order: int) -> tuple[list[dict[str, object]], list[Message]] | None:
    """The line records and messages of one sheet, or ``None`` when it holds no wide table."""
    table = locate(grid)
    if table is None:
        return None
    rows, messages = _body(table)
    messages = table.messages + messages + _formula_messages(table, rows) + _coerce(table, rows)
    if has_errors(messages):
        return [], messages
    signal = link(table, rows)
    messages.append(Message(INFO, f"msg.hierarchy_{signal}", sheet=grid.sheet))
    messages += classify(table, rows)
    for i, line in enumerate(rows):
        if line.merged_into is None and line.heading and not _has_children(rows, i) and line.category is None:
            line.merged_into = -1
            messages.append(_line_message(table, line, "msg.row_skipped"))
    for line in rows:
        if line.merged_into is None and line.category is None:
            messages.append(_line_message(table, line, "msg.no_category", severity=ERROR))
    messages += _blank_messages(table, rows)
    return _records(table, rows, source_file, order), messages


def parse(grids: list[Grid], source_file: str) -> ParsedBudget:
    """Every sheet holding a wide table, read into one budget's lines."""
    records, messages, found = [], [], False
    for order, grid in enumerate(grids):
        read = read_sheet(grid, source_file, order)
        if read is None:
            messages.append(Message(INFO, "msg.sheet_skipped", sheet=grid.sheet))
            continue
        found = True
        records += read[0]
        messages += read[1]
    if not found:
        return rejected_budget(Message(ERROR, "msg.no_wide_table", sheet=grids[0].sheet if grids else None))
    frame = pd.DataFrame.from_records(records)
    if has_errors(messages) or frame.empty:
        return ParsedBudget(pd.DataFrame(columns=LINE_COLUMNS), len(frame), len(frame), messages)
    lines = _with_codes(frame)
    category, unresolved = inherit_categories(lines)
    lines = lines.assign(category=category)
    messages += positive_cost_messages(lines) + text_length_messages(lines.reset_index(drop=True))
    rejected = len(lines) if has_errors(messages) else 0
    return ParsedBudget(lines[LINE_COLUMNS].reset_index(drop=True), len(lines), rejected, messages)


def _with_codes(frame: pd.DataFrame) -> pd.DataFrame:
    """Codes unique within year and scenario, and each parent named by its code."""
    frame = frame.assign(code=unique_codes(frame))
    keyed = frame.set_index(["year", "scenario", "sheet", "row_key"])["code"]
    parent_keys = pd.MultiIndex.from_arrays([frame["year"], frame["scenario"], frame["sheet"], frame["parent_row"]])
    parent = keyed.reindex(parent_keys).to_numpy(dtype=object)
    return frame.assign(parent=[p if isinstance(p, str) else None for p in parent])

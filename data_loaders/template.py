"""The project's own budget template: long format, one row per line, year and scenario.

Columns (Finnish or English headers): ``rivi`` line, ``ylärivi`` parent,
``luokka`` JHS 192 category, ``vuosi`` year, ``skenaario`` scenario, ``summa``
amount; optional ``yksikkö`` unit (``€``, ``1 000 €``), ``erittely`` (``joista``
marks a partial breakdown) and ``tunnus`` code. Read → rename → coerce →
validate; writing is ``data_loaders.imports``'s job.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.datavalidation import DataValidation

from data_loaders import vocabulary
from data_loaders.budget_lines import (
    LINE_COLUMNS,
    ParsedBudget,
    inherit_categories,
    positive_cost_messages,
    text_length_messages,
)
from data_loaders.cell_amounts import parse_amount
from data_loaders.checks import amount_key, bound_fields
from data_loaders.messages import ERROR, INFO, Message, column_letter, has_errors
from data_loaders.workbook import Grid
from i18n import t
from models.amounts import AmountError, cents_to_euros, to_cents
from models.budget import parent_cycles

REQUIRED = ("line", "category", "year", "scenario", "amount")
OPTIONAL = ("parent", "unit", "breakdown", "code")
WRITTEN = ("line", "parent", "category", "year", "scenario", "amount", "unit", "breakdown")
SHEET_NAME = "Budjetti"
INSTRUCTIONS_SHEET = "Ohjeet"


def finnish_headings() -> dict[str, str]:
    """Each column's Finnish heading: the one ``template_columns.csv`` marks as the template's own.

    >>> finnish_headings()["parent"], finnish_headings()["code"]
    ('ylärivi', 'tunnus')
    """
    with Path(__file__).with_name("template_columns.csv").open(encoding="utf-8", newline="") as handle:
        return {row["column"]: row["header"] for row in csv.DictReader(handle) if row["template_heading"] == "yes"}


HEADERS_FI = finnish_headings()


def header_row(grid: Grid) -> tuple[int, dict[str, int]] | None:
    """The first row naming at least three of the template's columns, and each column's position."""
    for number, row in enumerate(grid.rows[:20]):
        found = {vocabulary.column_of(value): i for i, value in enumerate(row) if vocabulary.column_of(value)}
        if len(found.keys() & set(REQUIRED)) >= 3:
            return number, found
    return None


def is_template(grids: list[Grid]) -> bool:
    return any(header_row(grid) for grid in grids if grid.sheet != INSTRUCTIONS_SHEET)


def parse(grids: list[Grid], source_file: str) -> ParsedBudget:
    """Read the budget sheet of a template workbook or CSV into validated lines."""
    sheets = [grid for grid in grids if grid.sheet != INSTRUCTIONS_SHEET] or grids
    grid = next((g for g in sheets if header_row(g)), sheets[0])
    located = header_row(grid)
    if located is None:
        missing = ", ".join(HEADERS_FI[c] for c in REQUIRED)
        return _rejected(Message(ERROR, "msg.no_header", {"columns": missing}, sheet=grid.sheet, row=1))
    header, columns = located
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        names = ", ".join(HEADERS_FI[c] for c in missing)
        return _rejected(Message(ERROR, "msg.missing_columns", {"columns": names}, sheet=grid.sheet, row=header + 1))
    body = [(header + 2 + i, row) for i, row in enumerate(grid.rows[header + 1 :]) if any(_text(v) for v in row)]
    if not body:
        return _rejected(Message(ERROR, "msg.no_rows", sheet=grid.sheet, row=header + 2))
    records, messages = [], []
    for excel_row, row in body:
        record, problems = _coerce_row(row, excel_row, columns, grid.sheet, source_file)
        messages += problems
        if record is not None:
            records.append(record)
    rejected = len(body) - len(records)
    lines = pd.DataFrame.from_records(records, columns=_LINE_COLUMNS)
    if not has_errors(messages):
        lines, problems = _link_hierarchy(lines, grid.sheet, columns)
        messages += problems
    messages += text_length_messages(lines, _headings(columns))
    return ParsedBudget(lines, len(body), rejected if not has_errors(messages) else len(body), messages)


_LINE_COLUMNS = LINE_COLUMNS


def _headings(columns: dict[str, int]) -> dict[str, tuple[str, str]]:
    """Each line field's heading and column letter in the sheet, for messages (the code is the name's without one).

    >>> _headings({"line": 0, "parent": 1, "scenario": 4, "category": 2})["code"]
    ('rivi', 'A')
    """
    fields = {"name": "line", "parent": "parent", "scenario": "scenario", "category": "category"}
    fields["code"] = "code" if "code" in columns else "line"
    return {
        field: (HEADERS_FI[column], column_letter(columns[column]))
        for field, column in fields.items()
        if column in columns
    }


def _rejected(message: Message) -> ParsedBudget:
    return ParsedBudget(pd.DataFrame(columns=_LINE_COLUMNS), 0, 0, [message])


def _text(value: object) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return str(value).strip()


def _coerce_row(row: list[object], excel_row: int, columns: dict[str, int], sheet: str, source_file: str):
    def cell(column: str) -> tuple[object, str]:
        index = columns.get(column)
        value = row[index] if index is not None and index < len(row) else None
        return value, f"{column_letter(index if index is not None else 0)}{excel_row}"

    def problem(column: str, key: str, **fields: object) -> Message:
        return Message(
            ERROR, key, {"column": HEADERS_FI[column], **fields}, sheet=sheet, cell=cell(column)[1], row=excel_row
        )

    problems: list[Message] = []
    name = _text(cell("line")[0])
    if not name:
        problems.append(problem("line", "msg.blank_line"))
    year_value = _text(cell("year")[0])
    year = _year(year_value)
    if year is None:
        problems.append(problem("year", "msg.bad_year", value=year_value))
    scenario_word = _text(cell("scenario")[0])
    scenario = vocabulary.scenario_of(scenario_word)
    if scenario is None:
        problems.append(
            problem(
                "scenario", "msg.unknown_scenario", value=scenario_word, allowed=", ".join(vocabulary.scenario_words())
            )
        )
    category_word = _text(cell("category")[0])
    category = vocabulary.category_of(category_word) if category_word else None
    if category_word and category is None:
        problems.append(problem("category", "msg.unknown_category", value=category_word))
    unit_word = _text(cell("unit")[0]) if "unit" in columns else ""
    unit = vocabulary.unit_of(unit_word) if unit_word else 1
    if unit is None:
        problems.append(problem("unit", "msg.unknown_unit", value=unit_word))
    amount_value, amount_cell = cell("amount")
    try:
        amount = parse_amount(amount_value)
        cents = to_cents(amount * (unit or 1)) if amount is not None else 0
    except AmountError as error:
        problems.append(problem("amount", amount_key(error), value=_text(amount_value), **bound_fields()))
        cents = 0
    if problems:
        return None, problems
    if amount is None:
        problems.append(Message(INFO, "msg.blank_amount", sheet=sheet, cell=amount_cell, row=excel_row))
    breakdown = vocabulary.normalise(cell("breakdown")[0] or "") if "breakdown" in columns else ""
    code = _text(cell("code")[0]) if "code" in columns else ""
    record = {
        "year": year,
        "scenario": scenario,
        "code": code or name,
        "name": name,
        "parent": _text(cell("parent")[0]) or None,
        "category": category,
        "amount_cents": cents,
        "unit_eur": unit,
        "partial": vocabulary.marker_of(breakdown) == "partial",
        "position": excel_row,
        "source_file": source_file,
        "source_sheet": sheet,
        "source_cell": amount_cell,
        "row": excel_row,
    }
    return record, problems


def _year(text: str) -> int | None:
    """A year 1990–2100 written as a whole number (``2019`` or ``2019.0``), else None.

    >>> _year("2019"), _year("2019,0"), _year("20.5"), _year("9" * 400)
    (2019, 2019, None, None)
    """
    try:
        number = float(text.replace(",", "."))
    except ValueError:
        return None
    return int(number) if number.is_integer() and 1990 <= number <= 2100 else None


def _link_hierarchy(lines: pd.DataFrame, sheet: str, columns: dict[str, int]) -> tuple[pd.DataFrame, list[Message]]:
    """Parents by name or code within the same year and scenario; categories inherited downwards."""

    def cell(column: str, row: int) -> str:
        return f"{column_letter(columns[column])}{row}"

    messages: list[Message] = []
    keys = ["year", "scenario", "code"]
    for _, dup in lines[lines.duplicated(keys, keep="first")].iterrows():
        messages.append(
            Message(
                ERROR, "msg.duplicate_line", {"line": dup["name"]}, sheet=sheet, cell=dup["source_cell"], row=dup["row"]
            )
        )
    by_name = lines.set_index(["year", "scenario", "name"])["code"].to_dict()
    codes = set(zip(lines["year"], lines["scenario"], lines["code"]))
    parents = []
    for _, line in lines.iterrows():
        parent = line["parent"]
        if parent is None or pd.isna(parent):
            parents.append(None)
        elif (line["year"], line["scenario"], parent) in codes:
            parents.append(parent)
        elif (line["year"], line["scenario"], parent) in by_name:
            parents.append(by_name[(line["year"], line["scenario"], parent)])
        else:
            parents.append(None)
            messages.append(
                Message(
                    ERROR,
                    "msg.unknown_parent",
                    {"parent": parent},
                    sheet=sheet,
                    cell=cell("parent", line["row"]),
                    row=line["row"],
                )
            )
    lines = lines.assign(parent=parents)
    messages += _cycle_messages(lines, sheet, column_letter(columns.get("parent", 0)))
    if has_errors(messages):
        return lines, messages
    category, unresolved = inherit_categories(lines)
    lines = lines.assign(category=category)
    letter = column_letter(columns["category"])
    messages += [
        Message(ERROR, "msg.no_category", {"line": name}, sheet=sheet, cell=f"{letter}{row}", row=int(row))
        for name, row in zip(lines.loc[unresolved, "name"], lines.loc[unresolved, "row"])
    ]
    return lines, messages + positive_cost_messages(lines)


def _cycle_messages(lines: pd.DataFrame, sheet: str, parent_letter: str) -> list[Message]:
    """Lines that are their own parent, or each other's, refused naming their rows (they belong to no total)."""
    keys = list(zip(lines["year"], lines["scenario"], lines["code"]))
    parent_of = {key: (key[0], key[1], parent) for key, parent in zip(keys, lines["parent"]) if parent is not None}
    rows = dict(zip(keys, zip(lines["row"], lines["name"])))
    messages = []
    for cycle in parent_cycles(parent_of):
        first = rows[cycle[0]][0]
        place = {"sheet": sheet, "cell": f"{parent_letter}{first}", "row": int(first)}
        if len(cycle) == 1:
            messages.append(Message(ERROR, "msg.self_parent", {"line": rows[cycle[0]][1]}, **place))
            continue
        fields = {"rows": ", ".join(str(rows[key][0]) for key in cycle), "lines": ", ".join(rows[k][1] for k in cycle)}
        messages.append(Message(ERROR, "msg.parent_cycle", fields, **place))
    return messages


def template_workbook(lang: str = "fi") -> bytes:
    """The empty template with its instructions sheet, as xlsx bytes."""
    return lines_workbook(pd.DataFrame(columns=_LINE_COLUMNS), lang=lang)


def lines_workbook(lines: pd.DataFrame, title: str | None = None, lang: str = "fi") -> bytes:
    """Lines written in the template's shape (what the template loader reads back)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET_NAME
    sheet.append([HEADERS_FI[column] for column in WRITTEN])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for _, line in lines.iterrows():
        unit = int(line.get("unit_eur", 1) or 1)
        sheet.append(
            [
                line["name"],
                line.get("parent_name") or line.get("parent"),
                line["category"],
                int(line["year"]),
                line["scenario"],
                cents_to_euros(line["amount_cents"]) / unit,
                "1 000 €" if unit == 1000 else "€",
                vocabulary.marker_word("partial") if line.get("partial") else None,
            ]
        )
    scenarios = DataValidation(type="list", formula1='"talousarvio,muutettu talousarvio,toteuma,ennuste"')
    sheet.add_data_validation(scenarios)
    scenarios.add("E2:E5000")
    for letter, width in zip("ABCDEFGH", (40, 30, 26, 8, 18, 16, 10, 10)):
        sheet.column_dimensions[letter].width = width
    instructions = workbook.create_sheet(INSTRUCTIONS_SHEET)
    for number in range(1, 13):
        instructions.append([t(f"template.instructions.{number}", lang)])
    instructions["A1"].font = Font(bold=True, size=14)
    instructions.column_dimensions["A"].width = 120
    if title:
        workbook.properties.title = title
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

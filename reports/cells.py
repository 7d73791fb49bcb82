"""Cells of every export, safe against formula injection: one function for all exports.

Text from users (a risk's title, a commentary) must never become a formula in
a spreadsheet: text that begins with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return is neutralised. Numbers stay numbers.
"""

from __future__ import annotations

from openpyxl.cell.cell import Cell
from openpyxl.worksheet.worksheet import Worksheet

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(value: object) -> bool:
    """True for text a spreadsheet would read as a formula.

    >>> is_formula_like("=HYPERLINK(\\"http://x\\")"), is_formula_like("-48 664"), is_formula_like(-48664)
    (True, True, False)
    """
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def neutralise(value: object) -> object:
    """A value for a text export (CSV): formula-like text gets a leading apostrophe; anything else as it is.

    >>> neutralise("=1+1"), neutralise("@SUM(A1)"), neutralise("Riski"), neutralise(-12.5)
    ("'=1+1", "'@SUM(A1)", 'Riski', -12.5)
    """
    return f"'{value}" if is_formula_like(value) else value


def write_cell(sheet: Worksheet, row: int, column: int, value: object) -> Cell:
    """Write ``value`` into a sheet: text always as text (formula-like text quote-prefixed), numbers as numbers.

    openpyxl would store any string starting with ``=`` as a formula; here text
    is forced to a string cell, and formula-like text also gets Excel's quote
    prefix so that editing the cell in Excel keeps it text.
    """
    cell = sheet.cell(row=row, column=column)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
        if is_formula_like(value):
            cell.quotePrefix = True
    return cell

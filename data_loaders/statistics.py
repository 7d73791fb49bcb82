"""What a statistics file (Kela, Statistics Finland) holds before it is written.

Statistics are not budgets: they belong to no programme. Each parsed file is a
list of observation records for one table of ``db.tables``; the newest version
wins per observation key.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from data_loaders.cell_amounts import parse_amount
from data_loaders.messages import Message, has_errors
from data_loaders.vocabulary import normalise
from models.amounts import AmountError, to_cents

_HERE = Path(__file__).parent
KELA, STATFIN = "kela", "statfin"


@dataclass
class ParsedStatistics:
    """Observation records (``db.tables`` column names) of one statistics file."""

    kind: str
    table: str
    records: list[dict[str, object]]
    rows_read: int
    rows_rejected: int
    messages: list[Message] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not has_errors(self.messages)


@cache
def data_table(name: str) -> tuple[dict[str, str], ...]:
    """The rows of a CSV data file beside this module."""
    with (_HERE / name).open(encoding="utf-8", newline="") as handle:
        return tuple(csv.DictReader(handle))


def lookup(name: str, key: str) -> dict[str, dict[str, str]]:
    """The rows of a data file by their normalised ``key`` column."""
    return {normalise(row[key]): row for row in data_table(name)}


class BadNumber(ValueError):
    """A cell that should hold a number holds something else."""


def whole_number(value: object) -> int | None:
    """A count from a cell; ``None`` for an empty cell.

    >>> whole_number("579"), whole_number(""), whole_number(12.0)
    (579, None, 12)
    """
    try:
        amount = parse_amount(value)
    except AmountError as error:
        raise BadNumber(str(value)) from error
    if amount is None:
        return None
    if amount != amount.to_integral_value():
        raise BadNumber(str(value))
    return int(amount)


def euro_cents(value: object) -> int | None:
    """Euros in a cell as integer cents, exactly; ``None`` for an empty cell.

    >>> euro_cents("-1922.00"), euro_cents("466938.12"), euro_cents("")
    (-192200, 46693812, None)
    """
    try:
        amount = parse_amount(value)
        return None if amount is None else to_cents(amount)
    except AmountError as error:
        raise BadNumber(str(value)) from error

"""Quarter arithmetic: ``2018Q4``, its first and last day, year to date, the quarter before.

A quarter is written ``YYYYQn`` (n = 1…4), the form the steering group's
packs and the database use. Quarter n of year y runs from month
``3 × (n − 1) + 1`` to month ``3 × n``; the year to date of a quarter runs
from 1 January to the quarter's last day; the quarter before Q1 is Q4 of the
previous year.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

QUARTER_PATTERN = re.compile(r"^\s*(\d{4})\s*[Qq]\s*([1-4])\s*$")
MONTHS_PER_QUARTER = 3


@dataclass(frozen=True, order=True)
class Quarter:
    """A calendar quarter; ``str(Quarter(2018, 4)) == "2018Q4"``."""

    year: int
    number: int

    def __post_init__(self) -> None:
        if not 1 <= self.number <= 4:
            raise ValueError(f"quarter number must be 1–4, not {self.number}")

    def __str__(self) -> str:
        return f"{self.year}Q{self.number}"


def parse_quarter(text: str | Quarter) -> Quarter:
    """``"2018Q4"`` (or ``"2018 q4"``) as a ``Quarter``; ``ValueError`` for anything else.

    >>> parse_quarter("2018Q4")
    Quarter(year=2018, number=4)
    >>> parse_quarter("2018Q5")
    Traceback (most recent call last):
    ...
    ValueError: not a quarter: '2018Q5' (write it like 2018Q4)
    """
    if isinstance(text, Quarter):
        return text
    found = QUARTER_PATTERN.match(str(text))
    if not found:
        raise ValueError(f"not a quarter: {text!r} (write it like 2018Q4)")
    return Quarter(int(found.group(1)), int(found.group(2)))


def quarter_of(day: dt.date) -> Quarter:
    """The quarter a day falls in: ``number = (month − 1) // 3 + 1``.

    >>> str(quarter_of(dt.date(2018, 12, 31))), str(quarter_of(dt.date(2019, 1, 1)))
    ('2018Q4', '2019Q1')
    """
    return Quarter(day.year, (day.month - 1) // MONTHS_PER_QUARTER + 1)


def first_month(quarter: str | Quarter) -> int:
    """The quarter's first month: ``3 × (n − 1) + 1``.

    >>> first_month("2018Q4")
    10
    """
    return MONTHS_PER_QUARTER * (parse_quarter(quarter).number - 1) + 1


def quarter_start(quarter: str | Quarter) -> dt.date:
    """The quarter's first day.

    >>> quarter_start("2018Q4")
    datetime.date(2018, 10, 1)
    """
    chosen = parse_quarter(quarter)
    return dt.date(chosen.year, first_month(chosen), 1)


def quarter_end(quarter: str | Quarter) -> dt.date:
    """The quarter's last day (the day before the next quarter starts).

    >>> quarter_end("2018Q4"), quarter_end("2020Q1")
    (datetime.date(2018, 12, 31), datetime.date(2020, 3, 31))
    """
    return quarter_start(next_quarter(quarter)) - dt.timedelta(days=1)


def quarter_months(quarter: str | Quarter) -> list[dt.date]:
    """The first days of the quarter's three months.

    >>> [d.month for d in quarter_months("2019Q2")]
    [4, 5, 6]
    """
    start = quarter_start(quarter)
    return [start.replace(month=start.month + i) for i in range(MONTHS_PER_QUARTER)]


def year_to_date(quarter: str | Quarter) -> tuple[dt.date, dt.date]:
    """From 1 January to the quarter's last day.

    >>> year_to_date("2018Q3")
    (datetime.date(2018, 1, 1), datetime.date(2018, 9, 30))
    """
    chosen = parse_quarter(quarter)
    return dt.date(chosen.year, 1, 1), quarter_end(chosen)


def months_to_date(quarter: str | Quarter) -> int:
    """Months from 1 January to the quarter's end: ``3 × n``.

    >>> months_to_date("2018Q1"), months_to_date("2018Q4")
    (3, 12)
    """
    return MONTHS_PER_QUARTER * parse_quarter(quarter).number


def previous_quarter(quarter: str | Quarter) -> Quarter:
    """The quarter before; Q1's is Q4 of the year before.

    >>> str(previous_quarter("2019Q1")), str(previous_quarter("2018Q3"))
    ('2018Q4', '2018Q2')
    """
    chosen = parse_quarter(quarter)
    if chosen.number == 1:
        return Quarter(chosen.year - 1, 4)
    return Quarter(chosen.year, chosen.number - 1)


def next_quarter(quarter: str | Quarter) -> Quarter:
    """The quarter after; Q4's is Q1 of the next year.

    >>> str(next_quarter("2018Q4"))
    '2019Q1'
    """
    chosen = parse_quarter(quarter)
    if chosen.number == 4:
        return Quarter(chosen.year + 1, 1)
    return Quarter(chosen.year, chosen.number + 1)


def quarters_between(first: str | Quarter, last: str | Quarter) -> list[Quarter]:
    """Every quarter from ``first`` to ``last``, both included (empty if ``last`` is earlier).

    >>> [str(q) for q in quarters_between("2018Q3", "2019Q2")]
    ['2018Q3', '2018Q4', '2019Q1', '2019Q2']
    """
    current, end = parse_quarter(first), parse_quarter(last)
    found = []
    while current <= end:
        found.append(current)
        current = next_quarter(current)
    return found


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later; a month's last day stays the last day (quarter ends stay month ends).

    >>> add_months(dt.date(2020, 6, 30), 6), add_months(dt.date(2019, 8, 31), 6), add_months(dt.date(2019, 8, 15), 6)
    (datetime.date(2020, 12, 31), datetime.date(2020, 2, 29), datetime.date(2020, 2, 15))
    """
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last_day = _month_end(year, month + 1).day
    if day == _month_end(day.year, day.month):
        return dt.date(year, month + 1, last_day)
    return dt.date(year, month + 1, min(day.day, last_day))


def _month_end(year: int, month: int) -> dt.date:
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return following - dt.timedelta(days=1)

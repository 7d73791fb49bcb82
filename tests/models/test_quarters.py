"""Quarter arithmetic: quarters, their days, year to date, the quarter before across a year boundary."""

from __future__ import annotations

import datetime as dt

import pytest

from models.quarters import (
    Quarter,
    add_months,
    months_to_date,
    next_quarter,
    parse_quarter,
    previous_quarter,
    quarter_end,
    quarter_months,
    quarter_of,
    quarter_start,
    quarters_between,
    year_to_date,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2018Q4", Quarter(2018, 4)), ("2019q1", Quarter(2019, 1)), (" 2020 Q2 ", Quarter(2020, 2))],
)
def test_quarter_is_read_from_its_written_form(text: str, expected: Quarter):
    assert parse_quarter(text) == expected
    assert str(parse_quarter(text)) == f"{expected.year}Q{expected.number}"


@pytest.mark.parametrize("text", ["2018Q0", "2018Q5", "Q4 2018", "2018-12", ""])
def test_anything_else_is_not_a_quarter(text: str):
    with pytest.raises(ValueError, match="not a quarter"):
        parse_quarter(text)


@pytest.mark.parametrize(
    ("quarter", "start", "end"),
    [
        # calendar quarters: Jan–Mar, Apr–Jun, Jul–Sep, Oct–Dec; 2020 is a leap year (29.2.)
        ("2018Q1", dt.date(2018, 1, 1), dt.date(2018, 3, 31)),
        ("2018Q2", dt.date(2018, 4, 1), dt.date(2018, 6, 30)),
        ("2018Q3", dt.date(2018, 7, 1), dt.date(2018, 9, 30)),
        ("2018Q4", dt.date(2018, 10, 1), dt.date(2018, 12, 31)),
        ("2020Q1", dt.date(2020, 1, 1), dt.date(2020, 3, 31)),
    ],
)
def test_quarter_runs_from_its_first_to_its_last_day(quarter: str, start: dt.date, end: dt.date):
    assert (quarter_start(quarter), quarter_end(quarter)) == (start, end)
    assert quarter_of(start) == quarter_of(end) == parse_quarter(quarter)
    assert quarter_months(quarter)[0] == start and quarter_months(quarter)[-1].month == end.month


@pytest.mark.parametrize(
    ("quarter", "months", "end"),
    [("2018Q1", 3, dt.date(2018, 3, 31)), ("2018Q3", 9, dt.date(2018, 9, 30)), ("2019Q4", 12, dt.date(2019, 12, 31))],
)
def test_year_to_date_runs_from_new_year_to_the_quarters_end(quarter: str, months: int, end: dt.date):
    start = dt.date(int(quarter[:4]), 1, 1)
    assert year_to_date(quarter) == (start, end)
    assert months_to_date(quarter) == months


@pytest.mark.parametrize(
    ("quarter", "before"),
    [("2019Q1", "2018Q4"), ("2018Q4", "2018Q3"), ("2018Q2", "2018Q1"), ("2000Q1", "1999Q4")],
)
def test_previous_quarter_crosses_the_year_boundary(quarter: str, before: str):
    assert str(previous_quarter(quarter)) == before
    assert next_quarter(before) == parse_quarter(quarter)


def test_quarters_between_lists_both_ends_across_years():
    assert [str(q) for q in quarters_between("2018Q4", "2019Q2")] == ["2018Q4", "2019Q1", "2019Q2"]
    assert quarters_between("2019Q2", "2019Q1") == []


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (dt.date(2020, 6, 30), 6, dt.date(2020, 12, 31)),  # the fixed-term horizon from 2020Q2's end: a month end
        (dt.date(2020, 6, 15), 6, dt.date(2020, 12, 15)),
        (dt.date(2019, 8, 31), 6, dt.date(2020, 2, 29)),  # clipped to the leap month's last day
        (dt.date(2018, 12, 31), 1, dt.date(2019, 1, 31)),  # across the year boundary
    ],
)
def test_months_are_added_in_calendar_months(day: dt.date, months: int, expected: dt.date):
    assert add_months(day, months) == expected

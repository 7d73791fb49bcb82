"""Column headings and notes of real budget sheets: years, scenarios and units.

Headings such as ``TA 2019``, ``TP 2018``, ``Toteuma 2018``, ``muutettu TA
2018``, ``Budget 2019`` or a bare ``2018`` name a year and a scenario; unit
notes (``1 000 €``, ``t€``, ``euroa``) stand anywhere above the numbers. The
words come from ``scenarios.csv`` and ``units.csv`` (see ``vocabulary``).

>>> period_of("muutettu TA 2018")
Period(year=2018, scenario='revised_budget', unit=None)
>>> period_of("TP 2018 (1 000 €)")
Period(year=2018, scenario='actual', unit=1000)
>>> period_of(2017.0)
Period(year=2017, scenario=None, unit=None)
>>> period_of("Muutos-% TA 2019 / TP 2018") is None
True
>>> units_in("TYÖLLISYYDENHOITO VUSU 2017 1.000")
[1000]
>>> scenarios_in("KEHITYSOHJELMAN BUDJETTI")
['budget']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from data_loaders import vocabulary

YEARS = range(1990, 2101)
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
_LETTER_DIGIT = re.compile(r"(?<=[^\W\d])(?=\d)|(?<=\d)(?=[^\W\d])")
_BRACKETS = re.compile(r"[()\[\]/|]")


@dataclass(frozen=True)
class Period:
    """A column's year, scenario and unit as its heading gives them (``None`` where it does not)."""

    year: int | None
    scenario: str | None
    unit: int | None


def heading_text(value: object) -> str:
    """A cell as heading text: whole numbers without ``.0`` (calamine reads ``2018`` as ``2018.0``)."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value if isinstance(value, str) else ""


def period_of(value: object) -> Period | None:
    """The period a column heading names, or ``None`` when it is not a period heading.

    A period heading holds exactly one year or one scenario phrase; what else
    it holds must be a unit note.
    """
    text = _prepared(heading_text(value))
    if not text:
        return None
    years = _YEAR.findall(text)
    if len(years) > 1:
        return None
    rest = _YEAR.sub(" ", text)
    units = units_in(rest)
    rest = _unit_pattern().sub(" ", rest)
    words = " ".join(rest.split())
    scenario = vocabulary.scenario_of(words) if words else None
    if words and scenario is None:
        return None
    year = int(years[0]) if years else None
    if year is None and scenario is None:
        return None
    if year is not None and year not in YEARS:
        return None
    return Period(year, scenario, units[0] if len(set(units)) == 1 else None)


def units_in(value: object) -> list[int]:
    """Every unit note in a text, in euros per unit, in reading order."""
    text = _prepared(value if isinstance(value, str) else "")
    return [vocabulary.unit_of(match.group(0)) for match in _unit_pattern().finditer(text)]


def scenarios_in(value: object) -> list[str]:
    """Every scenario word in a text (a title such as ``TALOUSARVIO 2019``), in reading order."""
    text = _prepared(value if isinstance(value, str) else "")
    return [vocabulary.scenario_of(match.group(0)) for match in _scenario_pattern().finditer(text)]


def _prepared(text: str) -> str:
    return vocabulary.normalise(_BRACKETS.sub(" ", _LETTER_DIGIT.sub(" ", text)))


def _alternatives(words: list[str]) -> str:
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


@cache
def _unit_pattern() -> re.Pattern[str]:
    notes = [note for note in vocabulary._table("units.csv", "note", "unit_eur") if note]
    return re.compile(rf"(?<![\w.,])(?:{_alternatives(notes)})(?![\w.,])")


@cache
def _scenario_pattern() -> re.Pattern[str]:
    return re.compile(rf"(?<![\w])(?:{_alternatives(vocabulary.scenario_words())})(?![\w])")

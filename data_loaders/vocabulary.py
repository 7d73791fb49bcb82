"""The words spreadsheets use, kept as data files beside this module.

>>> normalise("  Palvelujen   ostot ")
'palvelujen ostot'
>>> scenario_of("TA")
'budget'
>>> unit_of("1 000 €")
1000
>>> category_of("Aineet, tarvikkeet ja tavarat")
'aineet_tarvikkeet_ja_tavarat'
"""

from __future__ import annotations

import csv
import re
from functools import cache
from pathlib import Path

from models.budget import categories

_HERE = Path(__file__).parent


def normalise(text: object) -> str:
    """Lower case, punctuation dropped, white space (incl. non-breaking) folded."""
    folded = re.sub(r"[,;:]", " ", str(text).replace("\u00a0", " ").lower())
    return " ".join(folded.split())


@cache
def _table(name: str, key: str, value: str) -> dict[str, str]:
    with (_HERE / name).open(encoding="utf-8", newline="") as handle:
        return {normalise(row[key]): row[value] for row in csv.DictReader(handle)}


def column_of(header: object, table: str = "template_columns.csv") -> str | None:
    return _table(table, "header", "column").get(normalise(header))


def scenario_of(word: object) -> str | None:
    return _table("scenarios.csv", "word", "scenario").get(normalise(word))


def unit_of(note: object) -> int | None:
    found = _table("units.csv", "note", "unit_eur").get(normalise(note))
    return int(found) if found else None


def category_of(text: object, patterns: bool = True) -> str | None:
    """A JHS 192 category from its code (``palvelujen_ostot``) or a line name.

    Names are looked up exactly first; then (unless ``patterns`` is false) by
    the table's patterns, ``*kulut`` (ends with) and ``avustukset
    yksityisille*`` (starts with), longest first.

    >>> category_of("Toimipistekulut"), category_of("Avustukset yksityisille henkilöille")
    ('toimintakulut', 'avustukset')
    """
    word = normalise(text)
    if word.replace(" ", "_") in categories():
        return word.replace(" ", "_")
    table = _table("line_categories.csv", "name", "category")
    if word in table:
        return table[word]
    if not patterns:
        return None
    for pattern, category in _category_patterns():
        if (pattern.startswith("*") and word.endswith(pattern[1:])) or (
            pattern.endswith("*") and word.startswith(pattern[:-1])
        ):
            return category
    return None


@cache
def _category_patterns() -> list[tuple[str, str]]:
    table = _table("line_categories.csv", "name", "category")
    patterns = [(name, category) for name, category in table.items() if "*" in name]
    return sorted(patterns, key=lambda item: -len(item[0]))


def marker_of(word: object) -> str | None:
    """The role of a word that marks a line: ``total`` (yhteensä) or ``partial`` (joista)."""
    return _table("line_markers.csv", "word", "role").get(normalise(word))


def marker_words(role: str) -> list[str]:
    return sorted(w for w, r in _table("line_markers.csv", "word", "role").items() if r == role)


def marker_word(role: str) -> str:
    """The first word ``line_markers.csv`` gives for a role: the one the template writes.

    >>> marker_word("partial"), marker_word("total")
    ('joista', 'yhteensä')
    """
    return next(w for w, r in _table("line_markers.csv", "word", "role").items() if r == role)


def scenario_words() -> list[str]:
    return sorted(_table("scenarios.csv", "word", "scenario"))

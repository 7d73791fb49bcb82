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


def category_of(text: object) -> str | None:
    """A JHS 192 category from its code (``palvelujen_ostot``) or a line name."""
    word = normalise(text)
    if word.replace(" ", "_") in categories():
        return word.replace(" ", "_")
    return _table("line_categories.csv", "name", "category").get(word)


def scenario_words() -> list[str]:
    return sorted(_table("scenarios.csv", "word", "scenario"))

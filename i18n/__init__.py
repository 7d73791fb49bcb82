"""One catalogue for every user-visible string, and Finnish number and date formats.

The catalogue is ``catalogue.csv`` beside this file: ``key,fi,sv,en``. Strings use
``str.format`` fields, e.g. ``{sheet}``.

>>> t("nav.overview", "fi")
'Yleiskatsaus'
>>> t("nav.overview", "en")
'Overview'
>>> format_eur(-43732000, "fi")
'−43\\xa0732\\xa0000\\xa0€'
>>> format_date(__import__("datetime").date(2018, 12, 31), "fi")
'31.12.2018'
"""

from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal
from functools import cache
from pathlib import Path

from babel.dates import format_date as _babel_date
from babel.numbers import format_decimal

LANGUAGES = ("fi", "en")
DEFAULT_LANGUAGE = "fi"
_LOCALES = {"fi": "fi_FI", "en": "en_GB"}
MINUS = "\u2212"


@cache
def catalogue() -> dict[str, dict[str, str]]:
    path = Path(__file__).with_name("catalogue.csv")
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["key"]: row for row in csv.DictReader(handle)}


def language(value: str | None) -> str:
    """The supported language closest to ``value`` (Finnish by default)."""
    value = (value or "").lower()[:2]
    return value if value in LANGUAGES else DEFAULT_LANGUAGE


def t(key: str, lang: str = DEFAULT_LANGUAGE, **fields: object) -> str:
    """The text of ``key`` in ``lang``, its fields filled in."""
    entry = catalogue()[key]
    text = entry.get(language(lang)) or entry[DEFAULT_LANGUAGE]
    return text.format(**fields) if fields else text


def format_number(value: float | int | Decimal, lang: str = DEFAULT_LANGUAGE, digits: int = 0) -> str:
    """A number in the language's convention; Finnish uses U+2212 for minus."""
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    text = format_decimal(value, format=pattern, locale=_LOCALES[language(lang)])
    return text.replace("-", MINUS) if language(lang) == "fi" else text


def format_eur(value: float | int | Decimal, lang: str = DEFAULT_LANGUAGE, digits: int = 0) -> str:
    """Euros: ``−43 732 000 €`` in Finnish, ``-€43,732,000`` style in English."""
    number = format_number(value, lang, digits)
    if language(lang) == "fi":
        return f"{number}\xa0€"
    return f"-€{number[1:]}" if number.startswith("-") else f"€{number}"


def format_pct(value: float, lang: str = DEFAULT_LANGUAGE, digits: int = 1) -> str:
    number = format_number(value, lang, digits)
    return f"{number}\xa0%" if language(lang) == "fi" else f"{number}%"


def format_date(value: dt.date, lang: str = DEFAULT_LANGUAGE) -> str:
    """``31.12.2018`` in Finnish, ``31 Dec 2018`` in English."""
    if language(lang) == "fi":
        return f"{value.day}.{value.month}.{value.year}"
    return _babel_date(value, format="d MMM y", locale=_LOCALES["en"])

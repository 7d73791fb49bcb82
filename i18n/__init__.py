"""One catalogue for every user-visible string, and number and date formats for Finland.

The catalogue is ``catalogue.csv`` beside this file: ``key,fi,sv,en``. Strings use
``str.format`` fields, e.g. ``{sheet}``. Finnish and Swedish follow Babel's
``fi_FI`` and ``sv_FI`` (which agree on numbers: space between thousands,
decimal comma, U+2212 for minus, ``€`` and ``%`` after a no-break space);
English follows ``en_GB``.

>>> t("nav.overview", "fi"), t("nav.overview", "sv"), t("nav.overview", "en")
('Yleiskatsaus', 'Översikt', 'Overview')
>>> format_eur(-43732000, "fi")
'−43\\xa0732\\xa0000\\xa0€'
>>> format_eur(-43732000, "sv"), format_eur(-43732000, "en")
('−43\\xa0732\\xa0000\\xa0€', '-€43,732,000')
>>> format_eur(1234.5, "sv", 2), format_pct(-3.04, "sv"), format_number(12345.678, "sv", 1)
('1\\xa0234,50\\xa0€', '−3,0\\xa0%', '12\\xa0345,7')
>>> format_date(__import__("datetime").date(2018, 12, 31), "fi")
'31.12.2018'
>>> format_date(__import__("datetime").date(2018, 12, 31), "sv")
'31.12.2018'
>>> september = __import__("datetime").date(2020, 9, 1)
>>> format_month(september, "fi"), format_month(september, "sv"), format_month(september, "en")
('9/2020', 'sep. 2020', 'Sep 2020')
>>> format_clock(__import__("datetime").time(9, 5), "sv"), format_clock(__import__("datetime").time(9, 5), "en")
('9.05', '09:05')
"""

from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal
from functools import cache
from pathlib import Path

from babel import Locale
from babel.dates import format_date as _babel_date
from babel.dates import format_time as _babel_time
from babel.numbers import NumberPattern, get_decimal_symbol, parse_pattern

from models.amounts import CENTS_PER_EURO, whole_euros

LANGUAGES = ("fi", "sv", "en")
DEFAULT_LANGUAGE = "fi"
_LOCALES = {"fi": "fi_FI", "sv": "sv_FI", "en": "en_GB"}
MINUS = "\u2212"
MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
LANGUAGE_NAMES = {"fi": "Suomi", "sv": "Svenska", "en": "English"}  # each in its own language, for the switch


@cache
def catalogue() -> dict[str, dict[str, str]]:
    path = Path(__file__).with_name("catalogue.csv")
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["key"]: row for row in csv.DictReader(handle)}


def language(value: str | None) -> str:
    """The supported language closest to ``value`` (Finnish by default).

    >>> language("sv-FI"), language("SV"), language("en"), language("de"), language(None)
    ('sv', 'sv', 'en', 'fi', 'fi')
    """
    value = (value or "").lower()[:2]
    return value if value in LANGUAGES else DEFAULT_LANGUAGE


def chosen_language(value: str | None) -> str | None:
    """``value`` when it names a supported language exactly (``?lang=sv``), else None: no choice was made.

    >>> chosen_language("sv"), chosen_language(""), chosen_language("xx")
    ('sv', None, None)
    """
    value = (value or "").strip().lower()
    return value if value in LANGUAGES else None


def locale_of(lang: str) -> str:
    """Babel's locale for ``lang`` (``sv`` → ``sv_FI``)."""
    return _LOCALES[language(lang)]


def t(key: str, lang: str = DEFAULT_LANGUAGE, **fields: object) -> str:
    """The text of ``key`` in ``lang``, its fields filled in."""
    entry = catalogue()[key]
    text = entry.get(language(lang)) or entry[DEFAULT_LANGUAGE]
    return text.format(**fields) if fields else text


def place_name(name_fi: str, name_sv: object, lang: str) -> str:
    """A municipality's name in ``lang``: the Swedish one where the register has it, else the Finnish one.

    >>> place_name("Vaasa", "Vasa", "sv"), place_name("Vaasa", "Vasa", "fi"), place_name("Kuopio", None, "sv")
    ('Vasa', 'Vaasa', 'Kuopio')
    """
    if language(lang) == "sv" and isinstance(name_sv, str) and name_sv.strip():
        return name_sv
    return name_fi


def place_names(codes: object, names_fi: object, names_sv: object, lang: str) -> dict[str, str]:
    """Code → name in ``lang`` for columns of the municipality register (``place_name`` of each)."""
    return {str(code): place_name(fi, sv, lang) for code, fi, sv in zip(codes, names_fi, names_sv, strict=True)}


def decimal_comma(lang: str) -> bool:
    """True when the language writes a decimal comma (Finnish and Swedish in Finland)."""
    return _decimal_comma(language(lang))


@cache
def _decimal_comma(code: str) -> bool:  # per language code (a bounded set), never per text a request sends
    return get_decimal_symbol(_LOCALES[code]) == ","


def plotly_separators(lang: str) -> str:
    """Plotly's ``separators`` (decimal, then thousands) for the language.

    >>> plotly_separators("sv"), plotly_separators("en")
    (', ', '.,')
    """
    return ", " if decimal_comma(lang) else ".,"


def format_number(value: float | int | Decimal, lang: str = DEFAULT_LANGUAGE, digits: int = 0) -> str:
    """A number in the language's convention; Finnish and Swedish use U+2212 for minus (CLDR's minus sign)."""
    pattern, locale = _number_format(language(lang), int(digits))
    text = pattern.apply(value, locale, decimal_quantization=True, group_separator=True, numbering_system="latn")
    return text.replace("-", MINUS) if decimal_comma(lang) else text


@cache
def _number_format(code: str, digits: int) -> tuple[NumberPattern, Locale]:
    """Babel's parsed pattern and locale for ``format_number`` (what ``format_decimal`` parses on every call), per
    language code and number of decimals."""
    return parse_pattern("#,##0" + ("." + "0" * digits if digits else "")), Locale.parse(_LOCALES[code])


def format_eur(value: float | int | Decimal, lang: str = DEFAULT_LANGUAGE, digits: int = 0) -> str:
    """Euros: ``−43 732 000 €`` in Finnish and Swedish, ``-€43,732,000`` style in English."""
    number = format_number(value, lang, digits)
    if decimal_comma(lang):
        return f"{number}\xa0€"
    return f"-€{number[1:]}" if number.startswith("-") else f"€{number}"


def money_text(cents: int, lang: str = DEFAULT_LANGUAGE, *, whole: bool = False) -> str:
    """Integer cents as euros in the language's format: the product's one way of writing money.

    Cents are shown when the amount has them; ``whole`` rounds to whole euros
    (half away from zero), as a table of a report does.

    >>> money_text(-4373200000, "fi"), money_text(1250, "en"), money_text(12345650, "sv")
    ('−43\xa0732\xa0000\xa0€', '€12.50', '123\xa0456,50\xa0€')
    >>> money_text(12345650, "fi", whole=True), money_text(-170538670, "en", whole=True)
    ('123\xa0457\xa0€', '-€1,705,387')
    """
    cents = int(cents)
    if whole:
        return format_eur(whole_euros(cents), lang, 0)
    if cents % CENTS_PER_EURO == 0:
        return format_eur(cents // CENTS_PER_EURO, lang, 0)
    return format_eur(Decimal(cents) / CENTS_PER_EURO, lang, 2)


def format_pct(value: float, lang: str = DEFAULT_LANGUAGE, digits: int = 1) -> str:
    number = format_number(value, lang, digits)
    return f"{number}\xa0%" if decimal_comma(lang) else f"{number}%"


BABEL = "babel:"  # before a pattern of Babel's (CLDR), written in the language's locale
DATE_PATTERNS = {"fi": "{day}.{month}.{year}", "sv": f"{BABEL}short", "en": f"{BABEL}d MMM y"}
MONTH_PATTERNS = {"fi": "{month}/{year}", "sv": f"{BABEL}MMM y", "en": "{month_en} {year}"}


def _dated(value: dt.date, lang: str, patterns: dict[str, str]) -> str:
    """``value`` by the language's pattern: Babel's after ``babel:``, else ``str.format`` of the date's parts.

    >>> _dated(dt.date(2018, 12, 31), "fi", DATE_PATTERNS), _dated(dt.date(2020, 9, 1), "en", MONTH_PATTERNS)
    ('31.12.2018', 'Sep 2020')
    """
    lang = language(lang)
    pattern = patterns[lang]
    if pattern.startswith(BABEL):
        return _babel_date(value, format=pattern.removeprefix(BABEL), locale=locale_of(lang))
    return pattern.format(day=value.day, month=value.month, year=value.year, month_en=MONTHS_EN[value.month - 1])


def format_date(value: dt.date, lang: str = DEFAULT_LANGUAGE) -> str:
    """``31.12.2018`` in Finnish and Swedish (Babel's short ``sv_FI`` date), ``31 Dec 2018`` in English.

    >>> [format_date(dt.date(2018, 12, 31), lang) for lang in ("fi", "sv", "en")]
    ['31.12.2018', '31.12.2018', '31 Dec 2018']
    """
    return _dated(value, lang, DATE_PATTERNS)


def format_month(value: dt.date, lang: str = DEFAULT_LANGUAGE) -> str:
    """A month: ``9/2020`` in Finnish, ``sep. 2020`` in Swedish (Babel, ``sv_FI``), ``Sep 2020`` in English.

    >>> [format_month(dt.date(2020, 9, 1), lang) for lang in ("fi", "sv", "en")]
    ['9/2020', 'sep. 2020', 'Sep 2020']
    """
    return _dated(value, lang, MONTH_PATTERNS)


def format_clock(value: dt.time | dt.datetime, lang: str = DEFAULT_LANGUAGE, seconds: bool = False) -> str:
    """A time of day: ``9.05`` (``8.51.03`` with seconds) in Finnish and Swedish, ``09:05`` in English (Babel)."""
    moment = value.time() if isinstance(value, dt.datetime) else value
    return _babel_time(moment, format="medium" if seconds else "short", locale=locale_of(lang))

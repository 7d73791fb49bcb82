"""National-scale synthetic data, written as the files the loaders accept (not loaded by default).

Every current municipality of ``sample_data/municipalities.csv`` (309), to
``--last-month`` (default 2026-09):

- ``kela_kuntaosuus_2006_2024.csv``: Kela's open data "Kunnan osarahoittaman
  työmarkkinatuen saajat ja maksetut etuudet kunnittain" in the shape Kela
  publishes it (about 2.1 million rows). Every row is one cell of age group
  (``17-19`` … ``65-67``, ``Tieto puuttuu``) × gender (``Mies``, ``Nainen``,
  ``Tuntematon``) × day class (``tyomarkkinatukipaiva_luokka``: ``Yhteensä``
  and three classes that overlap a little, as a person can cross a class
  within a period) of one municipality and period; there are no total rows
  over age or gender. ``Kuukausi`` and ``Vuosikertymä`` (year to date, its
  ``Yhteensä`` row) rows 2015–2024, ``Vuosi`` rows 2006–2024 (dated
  ``YYYY12``). A cell of fewer than 4 recipients is not published under its
  municipality (small municipalities lack many cells): its people and money
  go to ``199 Tuntematon`` with a few of no municipality. A dozen refund
  cells (negative, no recipients). The municipalities merged since 2015
  (``sample_data/municipality_mergers.csv``) appear under their old code until
  the merger; five that ended before 2014 appear in the year rows of their
  years with their number as their name;
- ``kela_kuntaosuus_2025_2026.csv``: the 2025+ co-financing dataset (columns
  ``etuus`` and ``kertymapaiva_luokka``, as assumed in
  ``data_loaders/kela_columns.csv``): monthly cells of age group × gender too,
  each with an ``etuus`` ``Yhteensä`` row per day class (``Yhteensä`` and
  five) and a ``Yhteensä`` day-class row per benefit;
- ``statfin_12r5_2006_2026.json``, ``statfin_12u4_2006_2026.json``: PxWeb
  json-stat2 responses of tables 12r5 (its six indicators) and 12u4
  (AKTASTE) for the municipalities and the whole country (``SSS``), one cell
  in a thousand missing (``..``);
- ``paakirja_<rows>.xlsx``: a general-ledger extract of ``--ledger-rows``
  rows (default 1 000 000) in the layout of ``bench/ingest.py`` (Tampere's
  open budget data), written as the sheet's XML directly, column by column.

Synthetic and deterministic (``--seed``): levels follow population, a
national cycle, the season and noise; nothing in them is real. Vectorised
with numpy and pandas. ::

    .venv/bin/python bench/generate.py [--out bench/data] [--ledger-rows 1000000]
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import time
import zipfile
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sample_data.generate_benefits import json_stat_dataset  # noqa: E402 - PxWeb's json-stat2, as the sample writes it

MUNICIPALITIES = ROOT / "sample_data" / "municipalities.csv"
MERGERS = ROOT / "sample_data" / "municipality_mergers.csv"
DEFAULT_OUT = Path(__file__).resolve().parent / "data"
FIRST_MONTH = "2006-01"
MONTHS_FROM = "2015-01"  # Kela's Kuukausi and Vuosikertymä rows from here; Vuosi rows from FIRST_MONTH's year
OLD_REGIME_LAST = "2024-12"
LAST_MONTH = "2026-09"  # the latest month published, by default
TOTAL = "Yhteensä"
MONTH, YEAR_TO_DATE, YEAR = "Kuukausi", "Vuosikertymä", "Vuosi"
OLD_CLASSES = (("300-499", 50, 0.27), ("500-999", 50, 0.33), ("1000 tai yli", 70, 0.40))  # label, share %, weight
NEW_CLASSES = (("101-200", 10, 0.22), ("201-300", 20, 0.18), ("301-400", 30, 0.15), ("401-999", 40, 0.25))
NEW_CLASSES += (("1000", 50, 0.20),)
NEW_BENEFITS = (("työmarkkinatuki", 0.55), ("peruspäiväraha", 0.15), ("ansiopäiväraha", 0.30))
AGE_GROUPS = (("17-19", 0.006), ("20-24", 0.06), ("25-29", 0.11), ("30-34", 0.11), ("35-39", 0.10))
AGE_GROUPS += (("40-44", 0.10), ("45-49", 0.11), ("50-54", 0.12), ("55-59", 0.14), ("60-64", 0.13), ("65-67", 0.004))
GENDERS = (("Mies", 0.58), ("Nainen", 0.42))
NO_AGE, NO_GENDER, NO_AGE_WEIGHT = "Tieto puuttuu", "Tuntematon", 0.002
# the cells of a municipality and period: every age group × Mies, Nainen; then Tieto puuttuu × Tuntematon
CELL_AGES = np.array([age for age, _ in AGE_GROUPS for _ in GENDERS] + [NO_AGE], dtype=object)
CELL_GENDERS = np.array([gender for _ in AGE_GROUPS for gender, _ in GENDERS] + [NO_GENDER], dtype=object)
CELL_WEIGHTS = np.array([a * g for _, a in AGE_GROUPS for _, g in GENDERS] + [NO_AGE_WEIGHT])
CELL_WEIGHTS = CELL_WEIGHTS / CELL_WEIGHTS.sum()
MIN_PEOPLE = 4  # a smaller cell is published under 199 only
UNKNOWN_CODE, UNKNOWN_NAME = "199", "Tuntematon"
NO_MUNICIPALITY_PEOPLE = 3.0  # a month's recipients of no municipality (199, Tieto puuttuu × Tuntematon), Poisson mean
KUNTAOSUUS_PER_RECIPIENT_CENTS = 38_000  # a month's kuntaosuus per recipient: about 21 days at the daily rate
# 2025+: every basic benefit from day 101, at 10–50 %: more recipients, less each, more in all than the old share
NEW_PER_RECIPIENT_CENTS, NEW_LEVEL_FACTOR = 24_000, 2
OVERLAP = 0.03  # the share of a cell's recipients counted in two day classes of a period
YEAR_PEOPLE = 1.66  # a year's recipients per its busiest month's (people come and go); year to date grows to it
REFUNDS = 12  # refund cells in a file: negative money, no recipients
MERGED_POPULATION = {"476": 3_800, "838": 1_900, "319": 2_700, "174": 4_900, "099": 1_800, "911": 2_200}
ENDED_BEFORE_2014 = (("004", 2009, 5_000), ("040", 2011, 1_500), ("045", 2009, 6_700), ("164", 2009, 4_300))
ENDED_BEFORE_2014 += (("246", 2013, 2_300),)  # code, the first year without it, population
SEASON = np.array([1.06, 1.03, 1.04, 1.00, 0.98, 0.97, 0.99, 0.98, 0.96, 0.98, 0.99, 1.02])
UNEMPLOYED_SEASON = np.array([1.05, 1.02, 0.99, 0.97, 0.99, 1.08, 1.10, 0.99, 0.95, 0.95, 0.97, 1.04])
# the national cycle by year (2016 = 1): the 2009 and 2015 troughs, 2020, the 2025 rise
CYCLE = dict(
    zip(
        range(2006, 2027),
        [0.78, 0.72, 0.70, 0.86, 0.90, 0.86, 0.88, 0.95, 1.02, 1.06, 1.00, 0.90, 0.80, 0.76, 0.92, 0.84]
        + [0.78, 0.80, 0.86, 0.98, 1.04],
        strict=True,
    )
)
DAILY_RATE_CENTS = 3378
R5_INDICATORS = ("TYOTTOMATLOPUSSA", "PITKAAIKAISTYOTTOMAT", "TYOTTOMAT25", "TYOTTOMAT50", "TYOTOSUUS")
R5_INDICATORS += ("TYONHAKIJATLOPUSSA",)
R5_LABELS = {
    "TYOTTOMATLOPUSSA": "Työttömät työnhakijat kuukauden lopussa (lkm.)",
    "PITKAAIKAISTYOTTOMAT": "Pitkäaikaistyöttömät (lkm.)",
    "TYOTTOMAT25": "Alle 25-vuotiaat työttömät (lkm.)",
    "TYOTTOMAT50": "Yli 50-vuotiaat työttömät (lkm.)",
    "TYOTOSUUS": "Työttömien osuus työvoimasta (%)",
    "TYONHAKIJATLOPUSSA": "Työnhakijat kuukauden lopussa (lkm.)",
}
MISSING_SHARE = 0.001
SOURCE = "Tilastokeskus (SYNTEETTINEN suorituskykyaineisto, ei oikeita lukuja)"
OLD_HEADER = ["aikatyyppi", "kuukausi_nro", "vuosikuukausi", "vuosi", "kunta_nro", "kunta_nimi", "ikaryhma"]
OLD_HEADER += ["sukupuoli", "tyomarkkinatukipaiva_luokka", "saaja_lkm", "korvattu_paiva_lkm", "maksettu_eur"]
OLD_HEADER += ["kunta_osuus_eur"]  # Kela's columns, in its order
NEW_HEADER = [*OLD_HEADER[:6], "etuus", "ikaryhma", "sukupuoli", "kertymapaiva_luokka", *OLD_HEADER[9:12]]
NEW_HEADER.append("kunnan_rahoitusosuus_eur")


def municipalities() -> pd.DataFrame:
    """The 309 municipalities: code, Finnish name, population."""
    return pd.read_csv(MUNICIPALITIES, dtype={"code": str})[["code", "name_fi", "population"]]


def kela_places(places: pd.DataFrame) -> pd.DataFrame:
    """Who is in Kela's 2015–2024 file, by code: ``places``, the merged and the ended; ``ends``: the first month gone.

    The municipalities merged since 2015 keep their old code and name until the merger; those that ended
    before 2014 are named by their number, as Kela writes them.
    """
    mergers = pd.read_csv(MERGERS, dtype={"old_code": str})
    merged = pd.DataFrame(
        {
            "code": mergers["old_code"],
            "name_fi": mergers["old_name"],
            "population": mergers["old_code"].map(MERGED_POPULATION).fillna(3_000).astype(np.int64),
            "ends": pd.to_datetime(mergers["merged_on"]),
        }
    )
    ended = pd.DataFrame(
        {
            "code": [code for code, *_ in ENDED_BEFORE_2014],
            "name_fi": [code for code, *_ in ENDED_BEFORE_2014],
            "population": [population for *_, population in ENDED_BEFORE_2014],
            "ends": pd.to_datetime([f"{year}-01-01" for _, year, _ in ENDED_BEFORE_2014]),
        }
    )
    current = places[["code", "name_fi", "population"]].assign(ends=pd.NaT)
    return pd.concat([current, merged, ended], ignore_index=True).sort_values("code", ignore_index=True)


def month_range(first: str, last: str) -> pd.DatetimeIndex:
    return pd.date_range(first, last, freq="MS")


def split_cents(totals: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Integer parts of each total by its weights, adding up to it exactly (the largest weight takes the remainder).

    ``weights``: one row per total, or one row for all. A total whose weights are all zero goes to its first part.

    >>> split_cents(np.array([1000, -7]), np.array([1.0, 1.0, 2.0])).tolist()
    [[250, 250, 500], [-1, -1, -5]]
    >>> split_cents(np.array([10, 10]), np.array([[1.0, 0.0], [0.0, 3.0]])).tolist()
    [[10, 0], [0, 10]]
    """
    weights = np.broadcast_to(weights, (*totals.shape, weights.shape[-1])).astype(float)
    sums = weights.sum(axis=-1, keepdims=True)
    shares = np.divide(weights, sums, out=np.zeros_like(weights), where=sums > 0)
    parts = np.trunc(totals[..., None] * shares).astype(np.int64)
    largest = weights.argmax(axis=-1)[..., None]
    rest = (totals - parts.sum(axis=-1))[..., None]
    np.put_along_axis(parts, largest, np.take_along_axis(parts, largest, axis=-1) + rest, axis=-1)
    return parts


def kuntaosuus_levels(places: pd.DataFrame, months: pd.DatetimeIndex, rng: np.random.Generator) -> np.ndarray:
    """Monthly kuntaosuus in cents, places × months: population × a level × cycle × season × noise."""
    per_person_eur = rng.uniform(3.0, 7.0, len(places))
    cycle = np.array([CYCLE[year] for year in months.year])
    season = SEASON[months.month - 1]
    noise = rng.normal(1.0, 0.015, (len(places), len(months)))
    euros = places["population"].to_numpy()[:, None] * per_person_eur[:, None] * (cycle * season)[None, :] * noise
    return np.round(euros * 100).astype(np.int64)


class Cells(NamedTuple):
    """Age × gender cells of places × periods (arrays places × periods × cells)."""

    people: np.ndarray  # recipients
    cents: np.ndarray  # kuntaosuus
    shown: np.ndarray  # published


def kela_cells(
    levels: np.ndarray, rng: np.random.Generator, people_per_cent: float, loose: float, refunds: int = 0
) -> tuple[Cells, Cells]:
    """``levels`` (places × periods, cents) split over the age × gender cells; the cells 199 publishes instead.

    A cell's recipients are Poisson around its share of ``levels × people_per_cent``; a cell of fewer than
    ``MIN_PEOPLE`` is published under 199, not its municipality, and a period with money but no cell that
    large shows its largest cell with ``MIN_PEOPLE``. The published cells add up to the level exactly,
    ``refunds`` refund cells (negative, no recipients, in a cell otherwise empty) included. 199 has the
    hidden cells' recipients and ``loose`` (a Poisson mean per period) of no municipality (Tieto puuttuu ×
    Tuntematon), each with a recipient's usual money, on top of the levels.
    Returns (the places' cells, 199's cells: 1 × periods × cells).
    """
    expected = np.clip(levels, 0, None)[..., None] * people_per_cent * CELL_WEIGHTS
    people = rng.poisson(expected)
    shown = people >= MIN_PEOPLE
    lonely = np.nonzero((levels > 0) & ~shown.any(axis=-1))
    largest = (*lonely, expected[lonely].argmax(axis=-1))
    shown[largest] = True
    people[largest] = np.maximum(people[largest], MIN_PEOPLE)
    hidden = np.where(shown, 0, people)
    people = np.where(shown, people, 0)
    refund = np.zeros(people.shape, np.int64)
    candidates = np.flatnonzero((levels > 100_000) & ~shown.all(axis=-1))
    for flat in rng.choice(candidates, size=min(refunds, len(candidates)), replace=False):
        place, period = np.unravel_index(flat, levels.shape)
        cell = rng.choice(np.flatnonzero(~shown[place, period]))
        refund[place, period, cell] = -round(min(rng.uniform(100, 3000) * 100, levels[place, period] / 4))
    cents = split_cents(levels - refund.sum(axis=-1), people * rng.uniform(0.85, 1.15, people.shape)) + refund
    shown |= refund != 0
    unknown_people = hidden.sum(axis=0)
    unknown_people[:, -1] += np.where(levels.sum(axis=0) > 0, rng.poisson(loose, levels.shape[1]), 0)
    usual = rng.uniform(0.85, 1.15, unknown_people.shape) / people_per_cent
    unknown_cents = np.round(unknown_people * usual).astype(np.int64)
    unknown = Cells(unknown_people[None], unknown_cents[None], (unknown_people > 0)[None])
    return Cells(people, cents, shown), unknown


class Measures(NamedTuple):
    """Recipients, compensated days, paid (cents) and kuntaosuus (cents) of rows: shape (n,) or (n, parts)."""

    people: np.ndarray
    days: np.ndarray
    paid: np.ndarray
    cents: np.ndarray


def day_classes(people: np.ndarray, cents: np.ndarray, classes: tuple, rng: np.random.Generator):
    """The published cells' totals and day-class rows: (total ``Measures`` (n,), class ``Measures`` (n, classes)).

    Recipients fall into the classes by their weights; ``OVERLAP`` of them are counted again in the second
    class (they crossed into it within the period), with their share of the money, so the class rows add
    up to a little more than the total. A recipient is paid alike in any class, the kuntaosuus being the
    class's share of it; days follow the daily rate.
    A refund cell (no recipients) is all in the first class's share and has no class rows.
    """
    weights = np.array([weight for *_, weight in classes])
    share = np.array([pct for _, pct, _ in classes], dtype=float)
    split = rng.multinomial(people, weights / weights.sum())
    exact = split_cents(cents, split * share)  # a recipient is paid alike in every class, costing its share
    paid = np.round(exact * 100 / share).astype(np.int64)
    days = np.round(paid / DAILY_RATE_CENTS).astype(np.int64)
    total = Measures(people, days.sum(axis=1), paid.sum(axis=1), cents)
    counted = (people > 0)[:, None]  # a refund's money is in no class (nor in a year's class sums)
    exact, paid, days = (np.where(counted, values, 0) for values in (exact, paid, days))
    overlap = rng.binomial(people, OVERLAP)
    extra_cents = np.round(cents * overlap / np.maximum(people, 1)).astype(np.int64)
    extra_paid = np.round(extra_cents * 100 / share[1]).astype(np.int64)
    extra = (overlap, np.round(extra_paid / DAILY_RATE_CENTS).astype(np.int64), extra_paid, extra_cents)
    parts = Measures(split, days, paid, exact)
    for part, more in zip(parts, extra, strict=True):
        part[:, 1] += more
    return total, parts


def benefit_split(total: Measures, benefits: tuple, rng: np.random.Generator) -> Measures:
    """The cells' totals by benefit (n, benefits): recipients by the benefits' weights, the rest in proportion."""
    weights = np.array([weight for _, weight in benefits])
    people = rng.multinomial(total.people, weights / weights.sum())
    by = np.where(total.people[:, None] > 0, people, weights)
    return Measures(people, *(split_cents(values, by) for values in total[1:]))


class Block(NamedTuple):
    """Rows of the file: aikatyyppi, month (first day; a year's December), place and cell, classes, figures."""

    period: str
    month: np.ndarray
    place: np.ndarray
    cell: np.ndarray
    day_class: np.ndarray  # 0: Yhteensä, else the class's number
    benefit: np.ndarray  # 0: Yhteensä, else the benefit's number
    measures: Measures


def _cell_blocks(
    period: str,
    months: np.ndarray,
    places: np.ndarray,
    cells: np.ndarray,
    totals: Measures,
    parts: Measures,
    benefits: Measures | None = None,
) -> list[Block]:
    """The total row, the class rows with recipients and the benefit rows with recipients of published cells."""
    zeros = np.zeros(len(places), np.int64)
    blocks = [Block(period, months, places, cells, zeros, zeros, totals)]
    for at, values in (("day_class", parts), ("benefit", benefits)):
        if values is None:
            continue
        for number in range(values.people.shape[1]):
            keep = values.people[:, number] > 0
            figures = Measures(*(column[keep, number] for column in values))
            numbers = np.full(int(keep.sum()), number + 1)
            other = np.zeros(int(keep.sum()), np.int64)
            day_class, benefit = (numbers, other) if at == "day_class" else (other, numbers)
            blocks.append(Block(period, months[keep], places[keep], cells[keep], day_class, benefit, figures))
    return blocks


def _dense(shape: tuple, where: tuple, values: np.ndarray) -> np.ndarray:
    dense = np.zeros(shape + values.shape[1:], values.dtype)
    dense[where] = values
    return dense


def _year_blocks(
    months: pd.DatetimeIndex, where: tuple, totals: Measures, parts: Measures, n_places: int
) -> list[Block]:
    """``Vuosikertymä`` rows of the months' published cells (their Yhteensä), and ``Vuosi`` rows of whole years.

    Year to date: the sums so far; recipients the busiest month's so far, growing to ``YEAR_PEOPLE`` times it
    by December. A year: December's year to date, and per class the months' sums (recipients likewise).
    """
    place, period, cell = where
    years = np.unique(months.year)
    at = (place, np.searchsorted(years, months.year[period]), months.month[period] - 1, cell)
    shape = (n_places, len(years), 12, len(CELL_WEIGHTS))
    published = np.zeros(shape, bool)
    published[at] = True
    exists = np.zeros((len(years), 12), bool)
    exists[np.searchsorted(years, months.year), months.month - 1] = True
    ever = np.logical_or.accumulate(published, axis=2) & exists[None, :, :, None]
    growth = 1 + (YEAR_PEOPLE - 1) * np.arange(12) / 11
    busiest = np.maximum.accumulate(_dense(shape, at, totals.people), axis=2)
    sums = [np.cumsum(_dense(shape, at, values), axis=2) for values in totals[1:]]
    to_date = Measures(np.ceil(busiest * growth[None, None, :, None] - 1e-9).astype(np.int64), *sums)
    kept = np.nonzero(ever)
    first_days = pd.to_datetime({"year": years[kept[1]], "month": kept[2] + 1, "day": 1}).to_numpy()
    zeros = np.zeros(len(kept[0]), np.int64)
    ytd = Measures(*(values[kept] for values in to_date))
    blocks = [Block(YEAR_TO_DATE, first_days, kept[0], kept[3], zeros, zeros, ytd)]
    whole = exists.all(axis=1)
    if not whole.any():
        return blocks
    december = ever[:, :, 11] & whole[None, :, None]
    kept = np.nonzero(december)
    year_totals = Measures(*(values[:, :, 11][kept] for values in to_date))
    class_people = np.ceil(_dense(shape, at, parts.people).max(axis=2) * YEAR_PEOPLE - 1e-9).astype(np.int64)
    class_sums = [_dense(shape, at, values).sum(axis=2) for values in parts[1:]]
    year_parts = Measures(class_people[kept], *(values[kept] for values in class_sums))
    decembers = pd.to_datetime({"year": years[kept[1]], "month": 12, "day": 1}).to_numpy()
    return blocks + _cell_blocks(YEAR, decembers, kept[0], kept[2], year_totals, year_parts)


def _published(
    cells: tuple[Cells, Cells], classes: tuple, rng: np.random.Generator
) -> tuple[tuple, Measures, Measures]:
    """The published cells of the places and then 199 (place index after the last): where (place, period,
    cell), their totals and their day classes."""
    both = Cells(*(np.concatenate([mine, theirs]) for mine, theirs in zip(*cells, strict=True)))
    where = np.nonzero(both.shown)
    return where, *day_classes(both.people[where], both.cents[where], classes, rng)


def _refund_count(levels: np.ndarray) -> int:
    return max(1, min(REFUNDS, levels.size // 1000))


def kela_rows(
    places: pd.DataFrame,
    months: pd.DatetimeIndex,
    cents: np.ndarray,
    rng: np.random.Generator,
    regime: str = "2015-2024",
) -> pd.DataFrame:
    """The rows of a Kela file from monthly levels (``cents``: places × months) and ``places``' code and name.

    2015–2024: the months from ``MONTHS_FROM`` as ``Kuukausi`` cells (Yhteensä and the classes) with their
    ``Vuosikertymä`` rows, and a ``Vuosi`` row set per whole year, those before ``MONTHS_FROM`` split into
    cells from the year's level directly. 2025+: ``Kuukausi`` cells with their classes and benefits. 199's
    cells follow the places'. Per place and month, the ``Kuukausi`` ``Yhteensä`` rows add up to ``cents``.
    """
    old = regime == "2015-2024"
    classes = OLD_CLASSES if old else NEW_CLASSES
    codes = np.append(places["code"].to_numpy(dtype=object), UNKNOWN_CODE)
    names = np.append(places["name_fi"].to_numpy(dtype=object), UNKNOWN_NAME)
    n_places = len(codes)
    by_month = months >= MONTHS_FROM if old else np.ones(len(months), bool)
    blocks: list[Block] = []
    if by_month.any():
        shown_months = months[by_month]
        levels = cents[:, by_month]
        per_recipient = KUNTAOSUUS_PER_RECIPIENT_CENTS if old else NEW_PER_RECIPIENT_CENTS
        cells = kela_cells(levels, rng, 1 / per_recipient, NO_MUNICIPALITY_PEOPLE, _refund_count(levels))
        where, totals, parts = _published(cells, classes, rng)
        benefits = None if old else benefit_split(totals, NEW_BENEFITS, rng)
        first_days = shown_months.to_numpy()[where[1]]
        blocks += _cell_blocks(MONTH, first_days, where[0], where[2], totals, parts, benefits)
        if old:
            blocks += _year_blocks(shown_months, where, totals, parts, n_places)
    early = months[~by_month]
    complete = [year for year in np.unique(early.year) if (early.year == year).sum() == 12]
    if complete:
        levels = np.stack([cents[:, ~by_month][:, early.year == year].sum(axis=1) for year in complete], axis=1)
        per_cent = YEAR_PEOPLE / 12 / KUNTAOSUUS_PER_RECIPIENT_CENTS
        cells = kela_cells(levels, rng, per_cent, NO_MUNICIPALITY_PEOPLE * YEAR_PEOPLE)
        where, totals, parts = _published(cells, classes, rng)
        decembers = pd.to_datetime([f"{year}-12-01" for year in complete]).to_numpy()[where[1]]
        blocks += _cell_blocks(YEAR, decembers, where[0], where[2], totals, parts)
    return _rows(blocks, codes, names, classes, NEW_BENEFITS if not old else ())


def _rows(blocks: list[Block], codes: np.ndarray, names: np.ndarray, classes: tuple, benefits: tuple) -> pd.DataFrame:
    """The blocks as one frame, sorted by month, place (199 last), cell, then Kuukausi (total, classes,
    benefits), Vuosikertymä and Vuosi (total, classes)."""
    kinds = {MONTH: 0, YEAR_TO_DATE: 1, YEAR: 2}
    order = np.concatenate([kinds[b.period] * 100 + b.benefit * 10 + b.day_class for b in blocks])
    month = np.concatenate([b.month for b in blocks]).astype("datetime64[ns]")
    place = np.concatenate([b.place for b in blocks])
    cell = np.concatenate([b.cell for b in blocks])
    sort = np.lexsort((order, cell, place, month))
    period = np.concatenate([np.full(len(b.place), kinds[b.period], np.int8) for b in blocks])[sort]
    day_class = np.concatenate([b.day_class for b in blocks])[sort]
    benefit = np.concatenate([b.benefit for b in blocks])[sort]
    place, cell = place[sort], cell[sort]
    figures = {
        name: np.concatenate([getattr(b.measures, field) for b in blocks])[sort]
        for name, field in (("recipients", "people"), ("days", "days"), ("paid", "paid"), ("kuntaosuus", "cents"))
    }
    return pd.DataFrame(
        {
            "period": pd.Categorical.from_codes(period, list(kinds)),
            "code": codes[place],
            "name": names[place],
            "month": month[sort],
            "benefit": pd.Categorical.from_codes(benefit, [TOTAL, *(label for label, _ in benefits)]),
            "ikaryhma": CELL_AGES[cell],
            "sukupuoli": CELL_GENDERS[cell],
            "day_class": pd.Categorical.from_codes(day_class, [TOTAL, *(label for label, *_ in classes)]),
            **figures,
        }
    )


def kela_csv(rows: pd.DataFrame, header: list[str], with_benefit: bool) -> str:
    """The rows in Kela's columns: a year's row as its December (``YYYY12``), euros with two decimals."""
    month = pd.DatetimeIndex(rows["month"])
    columns = [
        rows["period"],
        month.month,
        month.year * 100 + month.month,
        month.year,
        rows["code"],
        rows["name"],
        *([rows["benefit"]] if with_benefit else []),
        rows["ikaryhma"],
        rows["sukupuoli"],
        rows["day_class"],
        rows["recipients"],
        rows["days"],
        rows["paid"] / 100,
        rows["kuntaosuus"] / 100,
    ]
    frame = pd.DataFrame({name: np.asarray(column) for name, column in zip(header, columns, strict=True)})
    return frame.to_csv(index=False, lineterminator="\n", float_format="%.2f")


def kela_levels(
    places: pd.DataFrame, last_month: str, rng: np.random.Generator
) -> tuple[pd.DataFrame, pd.DatetimeIndex, pd.DatetimeIndex, np.ndarray]:
    """Who is in the Kela files (``kela_places``), the old and the new regime's months, and the monthly levels
    (cents, everyone × both regimes' months; zero once a municipality is gone)."""
    everyone = kela_places(places)
    old_months = month_range(FIRST_MONTH, min(OLD_REGIME_LAST, last_month))
    new_months = month_range("2025-01", last_month) if last_month >= "2025-01" else pd.DatetimeIndex([])
    months = old_months.append(new_months)
    cents = kuntaosuus_levels(everyone, months, rng)
    cents[everyone["ends"].to_numpy()[:, None] <= months.to_numpy()[None, :]] = 0  # gone: no rows
    return everyone, old_months, new_months, cents


def old_kela_csv(
    everyone: pd.DataFrame, old_months: pd.DatetimeIndex, cents: np.ndarray, rng: np.random.Generator
) -> str:
    """The 2006–2024 file's text from ``kela_levels``."""
    return kela_csv(kela_rows(everyone, old_months, cents[:, : len(old_months)], rng), OLD_HEADER, with_benefit=False)


def write_kela(out: Path, places: pd.DataFrame, last_month: str, rng: np.random.Generator) -> list[Path]:
    """Both Kela files: 2006–2024 under the old rules (with the merged and ended municipalities), 2025 on."""
    everyone, old_months, new_months, cents = kela_levels(places, last_month, rng)
    written = [out / "kela_kuntaosuus_2006_2024.csv"]
    written[0].write_text(old_kela_csv(everyone, old_months, cents, rng), encoding="utf-8")
    if len(new_months):
        current = everyone["ends"].isna().to_numpy()
        levels = cents[current, len(old_months) :] * NEW_LEVEL_FACTOR
        new = kela_rows(everyone[current], new_months, levels, rng, regime="2025+")
        written.append(out / "kela_kuntaosuus_2025_2026.csv")
        written[1].write_text(kela_csv(new, NEW_HEADER, with_benefit=True), encoding="utf-8")
    return written


# --- Statistics Finland ------------------------------------------------------------------


def unemployment_cube(places: pd.DataFrame, months: pd.DatetimeIndex, rng: np.random.Generator) -> dict:
    """Counts and rates by area (municipalities, then ``SSS``) × month for 12r5 and 12u4."""
    labour_force = places["population"].to_numpy()[:, None] * rng.uniform(0.42, 0.52, (len(places), 1))
    rate = rng.uniform(0.06, 0.14, (len(places), 1))
    cycle = np.array([CYCLE[year] for year in months.year])[None, :]
    season = UNEMPLOYED_SEASON[months.month - 1][None, :]
    noise = rng.normal(1.0, 0.02, (len(places), len(months)))
    unemployed = np.round(labour_force * rate * cycle * season * noise)
    long_share = np.clip(0.30 + 0.25 * (cycle - 0.9), 0.15, 0.5) * rng.uniform(0.8, 1.2, (len(places), 1))
    counts = {
        "TYOTTOMATLOPUSSA": unemployed,
        "PITKAAIKAISTYOTTOMAT": np.round(unemployed * long_share),
        "TYOTTOMAT25": np.round(unemployed * rng.uniform(0.08, 0.14, (len(places), 1))),
        "TYOTTOMAT50": np.round(unemployed * rng.uniform(0.33, 0.45, (len(places), 1))),
        "TYONHAKIJATLOPUSSA": np.round(unemployed * rng.uniform(1.6, 2.0, (len(places), 1))),
    }
    labour = np.repeat(labour_force, len(months), axis=1)
    counts = {code: np.vstack([values, values.sum(axis=0)]) for code, values in counts.items()}  # + the country
    labour = np.vstack([labour, labour.sum(axis=0)])
    counts["TYOTOSUUS"] = np.round(counts["TYOTTOMATLOPUSSA"] / labour * 100, 1)
    activation = np.round(np.clip(rng.normal(28.0, 3.0, (len(places) + 1, 1)) / cycle**0.5, 10, 50), 1)
    return {"12r5": {code: counts[code] for code in R5_INDICATORS}, "12u4": {"AKTASTE": activation}}


def jsonstat(
    table: str, label: str, areas: dict[str, str], months: pd.DatetimeIndex, cube: dict[str, np.ndarray], rng
) -> dict:  # noqa: ANN001
    """A PxWeb json-stat2 response: ``value`` row-major over (Alue, Kuukausi, Tiedot); a few cells ``..``."""
    indicators = list(cube)
    stacked = np.stack([np.broadcast_to(cube[code], (len(areas), len(months))) for code in indicators], axis=-1)
    values = stacked.reshape(-1).astype(float)
    missing = rng.random(values.size) < MISSING_SHARE
    numbers = [None if gone else (int(v) if v.is_integer() else round(v, 1)) for v, gone in zip(values, missing)]
    month_codes = [f"{m.year}M{m.month:02d}" for m in months]
    labels = {c: R5_LABELS.get(c, "Aktivointiaste (%)") for c in indicators}
    status = {str(position): ".." for position in np.flatnonzero(missing)}
    return json_stat_dataset(table, label, areas, month_codes, labels, numbers, status, SOURCE, "2026-10-27T06:00:00Z")


def write_statfin(out: Path, places: pd.DataFrame, last_month: str, rng: np.random.Generator) -> list[Path]:
    months = month_range(FIRST_MONTH, last_month)
    cube = unemployment_cube(places, months, rng)
    areas = {f"KU{code}": name for code, name in zip(places["code"], places["name_fi"], strict=True)}
    areas["SSS"] = "KOKO MAA"
    labels = {
        "12r5": "Työnhakijat kuukauden viimeisenä päivänä muuttujina Alue, Kuukausi ja Tiedot",
        "12u4": "Aktivointiaste muuttujina Alue, Kuukausi ja Tiedot",
    }
    written = []
    for table in ("12r5", "12u4"):
        path = out / f"statfin_{table}_2006_2026.json"
        path.write_text(json.dumps(jsonstat(table, labels[table], areas, months, cube[table], rng)), encoding="utf-8")
        written.append(path)
    return written


# --- general ledger (xlsx) -------------------------------------------------------------------

LEDGER_HEADER = [
    "Vuosi",
    "Tulosyksikkö",
    "Tulosyksikön nimi",
    *[f"TY hierarkia taso {level}" for level in range(1, 8)],
    "Pääkirjatiliryhmä",
    "Pääkirjatili",
    "Pääkirjatilin nimi",
    "TA 2019",
    "TP 2018",
]
LEDGER_GROUPS = {
    30: "Myyntituotot",
    31: "Maksutuotot",
    32: "Tuet ja avustukset",
    36: "Vuokratuotot",
    37: "Muut toimintatuotot",
    40: "Palkat ja palkkiot",
    41: "Henkilösivukulut",
    43: "Palvelujen ostot",
    45: "Aineet, tarvikkeet ja tavarat",
    47: "Avustukset",
    48: "Vuokrakulut",
    49: "Muut toimintakulut",
    69: "Poistot ja arvonalentumiset",
}
LETTERS = [chr(ord("A") + i) for i in range(len(LEDGER_HEADER))]
CHUNK_ROWS = 100_000
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Talousarvio" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
    'Target="sharedStrings.xml"/></Relationships>'
)


def ledger_columns(rows: int, rng: np.random.Generator) -> dict[str, np.ndarray]:
    """The ledger's columns: 300 units, 260 accounts, costs positive (debits), one outturn in twenty blank."""
    accounts = np.array([prefix * 10000 + n * 100 for prefix in LEDGER_GROUPS for n in range(20)])
    names = np.array([f"{name} {n}" for name in LEDGER_GROUPS.values() for n in range(20)], dtype=object)
    chosen = rng.integers(0, len(accounts), rows)
    account = accounts[chosen]
    unit = 1000 + np.arange(rows) % 300
    sign = np.where(account < 400000, -1.0, 1.0)
    budget = np.round(sign * rng.uniform(0, 50_000, rows), 2)
    actual = np.round(sign * rng.uniform(0, 50_000, rows), 2)
    actual[np.arange(rows) % 20 == 0] = np.nan
    unit_text = unit.astype(str).astype(object)
    return {
        "Vuosi": np.full(rows, 2019),
        "Tulosyksikkö": unit,
        "Tulosyksikön nimi": "Tulosyksikkö " + unit_text,
        "TY hierarkia taso 1": np.full(rows, "Tampere", dtype=object),
        "TY hierarkia taso 2": "Toimiala " + (unit % 7).astype(str).astype(object),
        "TY hierarkia taso 3": "Palvelualue " + (unit % 19).astype(str).astype(object),
        "TY hierarkia taso 4": "Yksikkö " + unit_text,
        "Pääkirjatiliryhmä": np.array(list(LEDGER_GROUPS.values()), dtype=object)[
            np.searchsorted(np.array(list(LEDGER_GROUPS)), account // 10000)
        ],
        "Pääkirjatili": account,
        "Pääkirjatilin nimi": names[chosen],
        "TA 2019": budget,
        "TP 2018": actual,
    }


def _xml_escape(texts: pd.Series) -> pd.Series:
    return texts.str.replace("&", "&amp;").str.replace("<", "&lt;").str.replace(">", "&gt;")


def ledger_xlsx(rows: int, rng: np.random.Generator) -> bytes:
    """The ledger as an xlsx: shared strings, one sheet whose XML is built column by column, in chunks."""
    columns = ledger_columns(rows, rng)
    texts = [name for name, values in columns.items() if values.dtype == object]
    codes, strings = pd.factorize(pd.Series(np.concatenate([columns[name] for name in texts] + [LEDGER_HEADER])))
    index = {name: codes[i * rows : (i + 1) * rows] for i, name in enumerate(texts)}
    header_index = codes[len(texts) * rows :]
    title = "Tampereen kaupunki, talousarvio ja tilinpäätös, euroa"
    shared = [*strings, title]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        items = "".join(f"<si><t>{text}</t></si>" for text in _xml_escape(pd.Series(shared, dtype=object)))
        archive.writestr(
            "xl/sharedStrings.xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{len(shared)}" '
            f'uniqueCount="{len(shared)}">{items}</sst>',
        )
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(
                b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
            )
            heading = "".join(f'<c r="{letter}2" t="s"><v>{i}</v></c>' for letter, i in zip(LETTERS, header_index))
            sheet.write(
                f'<row r="1"><c r="A1" t="s"><v>{len(shared) - 1}</v></c></row><row r="2">{heading}</row>'.encode()
            )
            for start in range(0, rows, CHUNK_ROWS):
                stop = min(rows, start + CHUNK_ROWS)
                sheet.write(_sheet_rows(columns, index, start, stop).encode())
            sheet.write(b"</sheetData></worksheet>")
    return buffer.getvalue()


def _sheet_rows(columns: dict[str, np.ndarray], index: dict[str, np.ndarray], start: int, stop: int) -> str:
    """Rows ``start``–``stop`` of the data as sheet XML (data starts on sheet row 3); blank cells left out."""
    number = pd.Series(np.arange(start + 3, stop + 3)).astype(str)
    row = '<row r="' + number + '">'
    for letter, name in zip(LETTERS, LEDGER_HEADER):
        if name not in columns:
            continue  # levels 5–7: empty
        reference = f'<c r="{letter}' + number
        if name in index:
            row += reference + '" t="s"><v>' + pd.Series(index[name][start:stop]).astype(str) + "</v></c>"
            continue
        values = pd.Series(columns[name][start:stop])
        cells = reference + '"><v>' + values.astype(str).str.removesuffix(".0") + "</v></c>"
        row += cells.where(values.notna(), "")
    return "".join(row + "</row>")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder to write into (default bench/data)")
    parser.add_argument("--last-month", default=LAST_MONTH, help="the latest month published (YYYY-MM)")
    parser.add_argument("--ledger-rows", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=2026)
    options = parser.parse_args(argv)
    options.out.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(options.seed)
    places = municipalities()
    began = time.perf_counter()
    written = write_kela(options.out, places, options.last_month, rng)
    written += write_statfin(options.out, places, options.last_month, rng)
    if options.ledger_rows:
        ledger = options.out / f"paakirja_{options.ledger_rows}.xlsx"
        ledger.write_bytes(ledger_xlsx(options.ledger_rows, rng))
        written.append(ledger)
    for path in written:
        print(f"{path.name}: {path.stat().st_size / 2**20:.1f} MiB")
    print(f"municipalities: {len(places)}, months: {FIRST_MONTH}–{options.last_month}, out: {options.out}")
    print(f"seconds: {time.perf_counter() - began:.1f}")


if __name__ == "__main__":
    main()

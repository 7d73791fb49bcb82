"""Generate the synthetic benefit statistics of the sample: Kela kuntaosuus and StatFin 12r5/12u4.

Synthetic, deterministic and consistent with the seeds: Tampere's 2016
kuntaosuus is exactly 32 219 400 € (seed 000: 3 % = 966 582 €), Kuopio's 2019
exactly 10 250 000 € (seed 004, Table 2). Juankoski (174) appears on its own
in 2016 and merges into Kuopio (297) from 2017. Monthly January 2016 –
September 2020 (the latest month "published"). Run from the project root::

    python sample_data/generate_benefits.py

The Kela file has the shape of Kela's open data "Kunnan osarahoittaman
työmarkkinatuen saajat ja maksetut etuudet kunnittain" (2015–2024 regime).
Every row is one cell of age group (``17-19`` … ``65-67``, ``Tieto puuttuu``)
× gender (``Mies``, ``Nainen``, ``Tuntematon``) × day class (``300-499``,
``500-999``, ``1000 tai yli``, ``Yhteensä``) of one municipality and period;
there are no total rows for age or gender. A municipality's month is the sum
over its age × gender cells of the ``Yhteensä`` rows of ``aikatyyppi``
``Kuukausi``; the class rows overlap (a person crossing day 500 or 1000 in a
month sits in two classes), so they add up to a little more than the cell.
Beside the months stand ``Vuosikertymä`` rows (each cell's year to date:
money and days the sum of its months so far, recipients a distinct count)
and ``Vuosi`` rows of the whole years (``vuosikuukausi`` ``YYYY12``, equal to
December's year to date). Code 199 ``Tuntematon`` carries small sums of no
municipality (groups under four people) every month. Vesilahti's July 2017 is
a refund month: one cell pays back more than the others are paid, so the
month is negative.

How a municipality's month is made: the month's kuntaosuus (``kela_series``,
the seeds' annual sums over seasonal months) gives the month's recipients,
days and paid euros (``month_figures``); those four totals are split into the
municipality's age × gender cells with integer cents and counts that add up
exactly (``allocate``), by a fixed age and gender structure of co-financed
recipients with a little noise per municipality and month. Kela's file only
has cells with people: a cell that would hold fewer than three people in a
typical month is left out and its people counted in the nearest age group of
the same gender (Kela would put groups under four in 199; here the
municipalities' totals stay whole, so some small cells have two or three
people). Each cell's day-class rows follow its age (the young are in the short
classes, the old mostly in ``1000 tai yli``).

Only the standard library; the same output every run (string seeds).
"""

from __future__ import annotations

import csv
import functools
import json
import math
import random
import statistics
from pathlib import Path

HERE = Path(__file__).parent
KELA_FILE = HERE / "kela_kuntaosuus_synteettinen_2016_2020.csv"
R5_FILE = HERE / "statfin_12r5_synteettinen_2016_2020.json"
U4_FILE = HERE / "statfin_12u4_synteettinen_2016_2020.json"
YEARS = range(2016, 2021)
LAST_MONTH = (2020, 9)
TOTAL = "Yhteensä"

# code: (name, kuntaosuus 2016 in euros, ratio of each year 2017–2020 to 2016)
MUNICIPALITIES = {
    "837": ("Tampere", 32_219_400, (0.982, 0.966, 0.935, 0.958)),
    "211": ("Kangasala", 2_400_000, (0.978, 0.955, 0.930, 0.950)),
    "418": ("Lempäälä", 1_650_000, (0.975, 0.950, 0.921, 0.947)),
    "536": ("Nokia", 3_100_000, (0.990, 0.972, 0.951, 0.975)),
    "562": ("Orivesi", 820_000, (1.010, 1.015, 0.990, 1.020)),
    "604": ("Pirkkala", 1_500_000, (0.970, 0.948, 0.925, 0.940)),
    "922": ("Vesilahti", 260_000, (0.985, 0.968, 0.950, 0.962)),
    "980": ("Ylöjärvi", 2_700_000, (0.976, 0.962, 0.939, 0.955)),
    "108": ("Hämeenkyrö", 760_000, (0.992, 0.980, 0.962, 0.985)),
    "790": ("Sastamala", 2_300_000, (1.004, 0.990, 0.975, 0.992)),
    "297": ("Kuopio", 10_350_000, None),  # by euros below: 2016 without Juankoski
}
KUOPIO_EUROS = {2016: 10_350_000, 2017: 10_880_000, 2018: 10_640_000, 2019: 10_250_000, 2020: 10_560_000}
JUANKOSKI = ("174", "Juankoski", 300_000)  # 2016 only; part of Kuopio from 1.1.2017
SEASON = (1.06, 1.03, 1.04, 1.00, 0.98, 0.97, 0.99, 0.98, 0.96, 0.98, 0.99, 1.02)
MONTH_CLASS_PCT = (50, 50, 70)  # kuntaosuus % of 300–499, 500–999 and 1000+ days (month_figures)
DAILY_RATE_CENTS = {2016: 3268, 2017: 3240, 2018: 3240, 2019: 3378, 2020: 3378}
REFUND = ("922", 2017, 7, -124_000)  # Vesilahti July 2017: a refund month, negative
REFUND_CELL = ("55-59", "Mies")  # the cell that pays it back
REFUND_PAID_SHARE = 0.25  # the rest of the refund month is paid as usual, a quarter of a month's kuntaosuus

# Kela's cells: age group: (share of co-financed recipients, share of men, 2016 split of the group's days
# into 300–499, 500–999 and 1000+ days); invented, roughly as long-term unemployment lies by age
AGE_GROUPS = {
    "17-19": (0.004, 0.58, (0.85, 0.15, 0.00)),
    "20-24": (0.050, 0.60, (0.55, 0.36, 0.09)),
    "25-29": (0.090, 0.60, (0.42, 0.36, 0.22)),
    "30-34": (0.095, 0.59, (0.36, 0.34, 0.30)),
    "35-39": (0.100, 0.58, (0.33, 0.33, 0.34)),
    "40-44": (0.100, 0.57, (0.31, 0.32, 0.37)),
    "45-49": (0.110, 0.56, (0.29, 0.31, 0.40)),
    "50-54": (0.130, 0.56, (0.27, 0.30, 0.43)),
    "55-59": (0.150, 0.55, (0.24, 0.28, 0.48)),
    "60-64": (0.130, 0.54, (0.20, 0.25, 0.55)),
    "65-67": (0.003, 0.55, (0.15, 0.23, 0.62)),
}
UNKNOWN_CELL = ("Tieto puuttuu", "Tuntematon")
UNKNOWN_PROFILE = (0.32, 0.31, 0.37)
UNKNOWN_PEOPLE = 5  # about this many people in a month's "Tieto puuttuu" cell
DAY_CLASSES = (("300-499", 50), ("500-999", 50), ("1000 tai yli", 70))  # Kela's labels, kuntaosuus %
LONG_SHIFT = 0.012  # each year from 2016 this much of a group's days moves from 500–999 to 1000+
MIN_CELL_PEOPLE = 3  # a cell is published where a typical month has at least this many people
PEOPLE_OVERLAP = (0.03, 0.07)  # the class rows count this many more people than the cell (crossing a limit)
MONEY_OVERLAP = (0.005, 0.015)  # … and this much more days and money
UNKNOWN_ODDS = (0.3, 0.12)  # a month has a "Tieto puuttuu" cell: odds in big (≥ 2 000 people) / other municipalities
SUPPRESSED = ("199", "Tuntematon")  # groups under four people or with no municipality
KELA_HEADER = [
    "aikatyyppi",
    "kuukausi_nro",
    "vuosikuukausi",
    "vuosi",
    "kunta_nro",
    "kunta_nimi",
    "ikaryhma",
    "sukupuoli",
    "tyomarkkinatukipaiva_luokka",
    "saaja_lkm",
    "korvattu_paiva_lkm",
    "maksettu_eur",
    "kunta_osuus_eur",
]

# StatFin: code: (unemployed jobseekers 2016, labour force)
AREAS = {
    "837": (20_400, 118_000),
    "211": (1_900, 16_000),
    "418": (1_400, 12_000),
    "536": (2_500, 16_500),
    "562": (700, 4_200),
    "604": (1_250, 9_800),
    "922": (230, 2_200),
    "980": (2_200, 16_400),
    "108": (700, 5_000),
    "790": (2_000, 11_300),
    "297": (8_300, 58_000),
}
COUNTRY = (330_000, 2_650_000)
UNEMPLOYED_TREND = {2016: 1.0, 2017: 0.88, 2018: 0.77, 2019: 0.73, 2020: 0.90}
SHARES_2016 = {"PITKAAIKAISTYOTTOMAT": 0.36, "TYOTTOMAT25": 0.11, "TYOTTOMAT50": 0.39}
LONG_TERM_TREND = {2016: 1.0, 2017: 0.97, 2018: 0.88, 2019: 0.80, 2020: 0.76}
UNEMPLOYED_SEASON = (1.05, 1.02, 0.99, 0.97, 0.99, 1.08, 1.10, 0.99, 0.95, 0.95, 0.97, 1.04)
ACTIVATION = {2016: 26.0, 2017: 28.5, 2018: 30.5, 2019: 31.0, 2020: 27.0}

Cell = tuple[str, str]  # (ikaryhma, sukupuoli)
Figures = tuple[int, int, int, int]  # recipients, compensated days, paid cents, kuntaosuus cents


def months() -> list[tuple[int, int]]:
    return [(y, m) for y in YEARS for m in range(1, 13) if (y, m) <= LAST_MONTH]


def annual_euros(code: str) -> dict[int, int]:
    if code == "297":
        return dict(KUOPIO_EUROS)
    _, base, ratios = MUNICIPALITIES[code]
    return {2016: base, **{year: round(base * ratio) for year, ratio in zip(range(2017, 2021), ratios, strict=True)}}


def spread(total_cents: int, weights: list[float]) -> list[int]:
    """Cents by weight adding up to ``total_cents`` exactly (the remainder goes to the last month)."""
    scale = sum(weights)
    parts = [round(total_cents * w / scale) for w in weights]
    parts[-1] += total_cents - sum(parts)
    return parts


def monthly_cents(code: str, year: int, total_euros: int, previous: float, ratio: float) -> list[int]:
    """Twelve months of a year: season × a level moving smoothly from last year's ratio × noise."""
    rng = random.Random(f"kela-{code}-{year}")
    weights = [
        SEASON[m] * (previous + (ratio - previous) * (m + 0.5) / 12) * (1 + rng.gauss(0, 0.012)) for m in range(12)
    ]
    cents = spread(total_euros * 100, weights)
    if (code, year) == REFUND[:2]:
        refund_month = REFUND[2] - 1
        moved = cents[refund_month] - REFUND[3]
        cents[refund_month] = REFUND[3]
        others = [i for i in range(12) if i != refund_month]
        for i, extra in zip(others, spread(moved, [1.0] * len(others)), strict=True):
            cents[i] += extra
    return cents


def month_figures(total: int, year: int, month: int) -> Figures:
    """A month's recipients, days, paid cents and kuntaosuus cents from its kuntaosuus ``total``.

    The kuntaosuus is spread over the day classes, each class's paid euros
    follow from its share (50 % or 70 %), days from the daily rate and people
    from about 17.6 days a month; a refund month pays back (no days, no people).
    """
    long_share = 0.40 + 0.01 * (year - 2016) + 0.002 * month / 12
    shares = (0.27, 0.33 - 0.01 * (year - 2016), long_share)
    kuntaosuus = [round(total * s / sum(shares)) for s in shares]
    kuntaosuus[-1] = total - sum(kuntaosuus[:-1])
    people = days = paid = 0
    for share_pct, part in zip(MONTH_CLASS_PCT, kuntaosuus, strict=True):
        class_paid = round(part * 100 / share_pct)
        class_days = max(0, round(class_paid / DAILY_RATE_CENTS[year]))
        people += round(class_days / 17.6)
        days += class_days
        paid += class_paid
    return round(people * 0.99), days, paid, total  # a person can be in two classes in a month


def allocate(total: int, weights: list[float]) -> list[int]:
    """Integers by weight adding up to ``total`` exactly (largest remainder; ties to the first)."""
    if total < 0:
        return [-part for part in allocate(-total, weights)]
    scale = sum(weights)
    exact = [total * w / scale for w in weights]
    parts = [math.floor(x) for x in exact]
    order = sorted(range(len(weights)), key=lambda i: (parts[i] - exact[i], i))
    for i in order[: total - sum(parts)]:
        parts[i] += 1
    return parts


def class_profile(cell: Cell, year: int) -> tuple[float, float, float]:
    """Shares of a cell's days in 300–499, 500–999 and 1000+ days in ``year`` (adding up to 1)."""
    short, middle, long = UNKNOWN_PROFILE if cell == UNKNOWN_CELL else AGE_GROUPS[cell[0]][2]
    if long > 0:
        shift = min(middle, LONG_SHIFT * (year - 2016))
        middle, long = middle - shift, long + shift
    return short, middle, long


def kuntaosuus_factor(profile: tuple[float, float, float]) -> float:
    """Kuntaosuus per paid euro of a cell with this day-class profile (50 % or 70 % of each class's days)."""
    return sum(share * pct / 100 for share, (_, pct) in zip(profile, DAY_CLASSES, strict=True))


def municipality_cells(code: str, typical_people: float) -> dict[Cell, tuple[float, float, float]]:
    """The age × gender cells a municipality publishes: cell: (people weight, days per person, € per day).

    Days per person and € per day are relative (1.0 the average); the young
    have fewer days, the 25–44-year-olds child increases.

    Fixed per municipality (the age structure with a little noise). A cell
    too small for ``MIN_CELL_PEOPLE`` people in a typical month is left out
    and its people counted in the nearest age group of the same gender that
    is kept (the older on a tie), so the genders keep their shares; a
    gender's biggest cell is always kept.
    """
    rng = random.Random(f"kela-cells-{code}")
    weights: dict[Cell, tuple[float, float, float]] = {}
    for age, (share, men, _) in AGE_GROUPS.items():
        first = int(age[:2])
        days_factor = 0.95 if first < 30 else 1.03 if first >= 55 else 1.0  # the young work part-time more
        rate_factor = 1.02 if 25 <= first < 45 else 1.0  # child increases
        for gender, gender_share in (("Mies", men), ("Nainen", 1 - men)):
            weights[(age, gender)] = (
                share * gender_share * (1 + rng.gauss(0, 0.08)),
                days_factor * (1 + rng.gauss(0, 0.02)),
                rate_factor * (1 + rng.gauss(0, 0.005)),
            )
    scale = sum(weight for weight, *_ in weights.values())
    ages = list(AGE_GROUPS)
    kept: dict[Cell, tuple[float, float, float]] = {}
    for gender in ("Mies", "Nainen"):
        own = {age: weights[(age, gender)] for age in ages}
        biggest = max(own, key=lambda age: own[age][0])
        keep = [
            age for age, (w, _, _) in own.items() if w / scale * typical_people >= MIN_CELL_PEOPLE or age == biggest
        ]
        people = dict.fromkeys(keep, 0.0)
        for age, (w, _, _) in own.items():
            nearest = min(keep, key=lambda k: (abs(ages.index(k) - ages.index(age)), -ages.index(k)))
            people[nearest] += w
        kept |= {(age, gender): (people[age], *own[age][1:]) for age in keep}
    return {cell: kept[cell] for cell in weights if cell in kept}


def split_month(
    code: str, year: int, month: int, figures: Figures, cells: dict[Cell, tuple[float, float, float]]
) -> dict[Cell, Figures]:
    """A municipality's month split into its cells, each of the four figures adding up exactly."""
    rng = random.Random(f"kela-cells-{code}-{year}-{month}")
    people, *_ = figures
    weights = {cell: (w * (1 + rng.gauss(0, 0.03)), d, r) for cell, (w, d, r) in cells.items()}
    if rng.random() < UNKNOWN_ODDS[0 if people >= 2000 else 1] and people > 0:
        weights[UNKNOWN_CELL] = (UNKNOWN_PEOPLE / people * sum(w for w, _, _ in weights.values()), 1.0, 1.0)
    if (code, year, month) == REFUND[:3]:
        return refund_month(code, year, month, figures, weights)
    return split_figures(figures, weights, year)


def split_figures(figures: Figures, weights: dict[Cell, tuple[float, float, float]], year: int) -> dict[Cell, Figures]:
    """Recipients by people, days by people × days per person, paid by days × € per day, kuntaosuus by paid ×
    the cell's share of long spells."""
    people, days, paid, kuntaosuus = figures
    cells = list(weights)
    w_people = [weights[c][0] for c in cells]
    w_days = [weights[c][0] * weights[c][1] for c in cells]
    w_paid = [w * weights[c][2] for w, c in zip(w_days, cells, strict=True)]
    w_kuntaosuus = [w * kuntaosuus_factor(class_profile(c, year)) for w, c in zip(w_paid, cells, strict=True)]
    columns = [allocate(total, w) for total, w in zip(figures, (w_people, w_days, w_paid, w_kuntaosuus), strict=True)]
    assert [sum(column) for column in columns] == [people, days, paid, kuntaosuus]
    return {cell: (r, d, p, k) for cell, r, d, p, k in zip(cells, *columns, strict=True)}


def refund_month(
    code: str, year: int, month: int, figures: Figures, weights: dict[Cell, tuple[float, float, float]]
) -> dict[Cell, Figures]:
    """The refund month: the other cells are paid as usual (a quarter of a month), one cell pays back the rest."""
    series = kela_series()[code]
    others = [cents for (y, m), cents in series.items() if y == year and m != month]
    paid_part = month_figures(round(REFUND_PAID_SHARE * sum(others) / len(others)), year, month)
    cells = split_figures(paid_part, {c: w for c, w in weights.items() if c != REFUND_CELL}, year)
    _, days, paid, kuntaosuus = figures
    back = (0, days - paid_part[1], paid - paid_part[2], kuntaosuus - paid_part[3])
    assert all(value <= 0 for value in back)
    return {**cells, REFUND_CELL: back}


def class_rows(cell: Cell, year: int, figures: Figures, rng: random.Random) -> list[tuple[str, Figures]]:
    """A cell's day-class rows: its figures by the cell's profile, overlapping a little, none above the cell.

    A refund (negative) cell has no class rows; a class with nobody in it is not published.
    """
    people, days, paid, kuntaosuus = figures
    if paid <= 0:
        return []
    profile = [share * (1 + rng.gauss(0, 0.03)) for share in class_profile(cell, year)]
    people_overlap, money_overlap = rng.uniform(*PEOPLE_OVERLAP), rng.uniform(*MONEY_OVERLAP)
    columns = [[min(part, people) for part in allocate(round(people * (1 + people_overlap)), profile)]]
    profile = [share if n > 0 else 0.0 for share, n in zip(profile, columns[0], strict=True)]  # nobody: no days
    to_kuntaosuus = [share * pct for share, (_, pct) in zip(profile, DAY_CLASSES, strict=True)]
    for total, weights in ((days, profile), (paid, profile), (kuntaosuus, to_kuntaosuus)):
        columns.append([min(part, total) for part in allocate(round(total * (1 + money_overlap)), weights)])
    return [
        (label, (r, d, p, k))
        for (label, _), r, d, p, k in zip(DAY_CLASSES, *columns, strict=True)
        if r > 0 and d > 0 and p > 0 and k > 0
    ]


def year_to_date_people(monthly: list[int]) -> int:
    """Distinct people of the months so far: more than in the biggest month, at most the months added up."""
    if not monthly:
        return 0
    return min(sum(monthly), round(max(monthly) * (1 + 0.6 * (len(monthly) - 1) / 11)))


@functools.cache
def kela_series() -> dict[str, dict[tuple[int, int], int]]:
    """Each municipality's kuntaosuus cents by (year, month): the seeds' annual sums over seasonal months."""
    series: dict[str, dict[tuple[int, int], int]] = {}
    for code in MUNICIPALITIES:
        series[code] = {}
        annual, previous = annual_euros(code), 1.0
        for year in YEARS:
            ratio = annual[year] / annual[2016]
            for month, cents in enumerate(monthly_cents(code, year, annual[year], previous, ratio), start=1):
                if (year, month) <= LAST_MONTH:
                    series[code][(year, month)] = cents
            previous = ratio
    juankoski_code, _, juankoski_euros = JUANKOSKI
    series[juankoski_code] = dict(
        zip(
            [(2016, m) for m in range(1, 13)],
            monthly_cents(juankoski_code, 2016, juankoski_euros, 1.0, 1.0),
            strict=True,
        )
    )
    return series


def suppressed_month(year: int, month: int) -> Figures:
    """Code 199's month: a few people of no municipality (or in groups under four), paid as usual."""
    rng = random.Random(f"kela-199-{year}-{month}")
    people = rng.randint(1, 3)
    days = people * rng.randint(15, 21)
    paid = round(days * DAILY_RATE_CENTS[year] * (1 + rng.gauss(0, 0.02)))
    return people, days, paid, round(paid * rng.uniform(0.52, 0.6))


def euros(cents: int) -> str:
    sign = "-" if cents < 0 else ""
    return f"{sign}{abs(cents) // 100}.{abs(cents) % 100:02d}"


def year_to_date(so_far: list[dict[Cell, Figures]], cell: Cell) -> Figures:
    """A cell's year to date: money and days its months added up, recipients a distinct count."""
    monthly = [cells.get(cell, (0, 0, 0, 0)) for cells in so_far]
    return (
        year_to_date_people([figures[0] for figures in monthly]),
        *(sum(figures[i] for figures in monthly) for i in (1, 2, 3)),
    )


def row_figures(figures: Figures) -> list[object]:
    people, days, paid, kuntaosuus = figures
    return [people, days, euros(paid), euros(kuntaosuus)]


def kela_cells() -> dict[str, dict[tuple[int, int], dict[Cell, Figures]]]:
    """Each area's months split into cells (code 199's one cell included)."""
    cell_months: dict[str, dict[tuple[int, int], dict[Cell, Figures]]] = {}
    for code, monthly in kela_series().items():
        typical = statistics.median(month_figures(cents, y, m)[0] for (y, m), cents in monthly.items())
        cells = municipality_cells(code, typical)
        cell_months[code] = {
            (y, m): split_month(code, y, m, month_figures(cents, y, m), cells) for (y, m), cents in monthly.items()
        }
    cell_months[SUPPRESSED[0]] = {(y, m): {UNKNOWN_CELL: suppressed_month(y, m)} for y, m in months()}
    return cell_months


def kela_lines() -> list[list[object]]:
    """Kela's rows: per month each area's cells (the month's ``Yhteensä`` row, its class rows, the year to
    date), 199 last; after each December the year's ``Vuosi`` rows."""
    names = {code: name for code, (name, *_rest) in MUNICIPALITIES.items()} | {JUANKOSKI[0]: JUANKOSKI[1]}
    names[SUPPRESSED[0]] = SUPPRESSED[1]
    cell_months = kela_cells()
    lines: list[list[object]] = [KELA_HEADER]
    for year, month in months():
        for code, by_month in cell_months.items():
            if (year, month) in by_month:
                lines += kela_month_rows(code, names[code], by_month, year, month)
        if month == 12:
            for code, by_month in cell_months.items():
                lines += kela_year_rows(code, names[code], by_month, year)
    return lines


def kela_cell_order() -> list[Cell]:
    """The order of an area's cells in Kela's file: age groups, men before women, the unknown cell last."""
    return [*((age, gender) for age in AGE_GROUPS for gender in ("Mies", "Nainen")), UNKNOWN_CELL]


def kela_month_rows(
    code: str, name: str, by_month: dict[tuple[int, int], dict[Cell, Figures]], year: int, month: int
) -> list[list[object]]:
    """One area's rows of one month: each cell's ``Yhteensä`` and class rows, then its year to date."""
    start = [month, f"{year}{month:02d}", year, code, name]
    so_far = [by_month.get((year, m), {}) for m in range(1, month + 1)]
    rng = random.Random(f"kela-classes-{code}-{year}-{month}")
    lines: list[list[object]] = []
    for cell in kela_cell_order():
        if cell in by_month[(year, month)]:
            figures = by_month[(year, month)][cell]
            lines.append(["Kuukausi", *start, *cell, TOTAL, *row_figures(figures)])
            classes = class_rows(cell, year, figures, rng) if code != SUPPRESSED[0] else []
            for label, class_figures in classes:
                lines.append(["Kuukausi", *start, *cell, label, *row_figures(class_figures)])
        if any(cell in cells for cells in so_far):
            lines.append(["Vuosikertymä", *start, *cell, TOTAL, *row_figures(year_to_date(so_far, cell))])
    return lines


def kela_year_rows(
    code: str, name: str, by_month: dict[tuple[int, int], dict[Cell, Figures]], year: int
) -> list[list[object]]:
    """One area's ``Vuosi`` rows of a year, only for a whole year."""
    so_far = [by_month.get((year, m), {}) for m in range(1, 13)]
    if not all(so_far):
        return []
    start = [12, f"{year}12", year, code, name]
    return [
        ["Vuosi", *start, *cell, TOTAL, *row_figures(year_to_date(so_far, cell))]
        for cell in kela_cell_order()
        if any(cell in cells for cells in so_far)
    ]


def statfin_values(code: str, base: int, labour_force: int, months_list: list[tuple[int, int]]) -> dict[str, list]:
    """Monthly values of the 12r5 indicators of one area (``None`` where the cell is suppressed)."""
    rng = random.Random(f"statfin-{code}")
    values: dict[str, list] = {key: [] for key in ("TYOTTOMATLOPUSSA", *SHARES_2016, "TYOTOSUUS", "AKTASTE")}
    for year, month in months_list:
        level = UNEMPLOYED_TREND[year]
        if year == 2020 and month >= 4:
            level *= 1.25 - 0.03 * (month - 4)  # the spring 2020 layoffs, easing
        unemployed = round(base * level * UNEMPLOYED_SEASON[month - 1] * (1 + rng.gauss(0, 0.01)))
        values["TYOTTOMATLOPUSSA"].append(unemployed)
        for key, share in SHARES_2016.items():
            trend = LONG_TERM_TREND[year] / level if key == "PITKAAIKAISTYOTTOMAT" else 1.0
            summer = 1.3 if key == "TYOTTOMAT25" and month in (6, 7) else 1.0
            count = round(unemployed * share * trend * summer * (1 + rng.gauss(0, 0.02)))
            values[key].append(None if key == "TYOTTOMAT25" and count < 20 else count)
        values["TYOTOSUUS"].append(round(unemployed / labour_force * 100, 1))
        values["AKTASTE"].append(round(ACTIVATION[year] + rng.gauss(0, 0.6) + (code == "837") * 1.5, 1))
    return values


SOURCE = "Tilastokeskus, työnvälitystilasto (SYNTEETTINEN esimerkkiaineisto, ei oikeita lukuja)"


def json_stat(table: str, label: str, areas: dict[str, str], indicators: dict[str, str], data: dict) -> dict:
    """A json-stat2 dataset like PxWeb's: dimensions Alue × Kuukausi × Tiedot, row-major values."""
    months_list = [f"{y}M{m:02d}" for y, m in months()]
    values, status = [], {}
    for area in areas:
        for position in range(len(months_list)):
            for indicator in indicators:
                value = data[area][indicator][position]
                if value is None:
                    status[str(len(values))] = "."
                values.append(value)
    return json_stat_dataset(
        table, label, areas, months_list, indicators, values, status, SOURCE, "2020-10-27T06:00:00Z"
    )


def json_stat_dataset(
    table: str,
    label: str,
    areas: dict[str, str],
    months: list[str],
    indicators: dict[str, str],
    values: list,
    status: dict[str, str],
    source: str,
    updated: str,
) -> dict:
    """A json-stat2 dataset as PxWeb writes one: dimensions Alue × Kuukausi × Tiedot, ``values`` row-major.

    ``areas`` and ``indicators``: code → label; ``months``: codes (``2020M09``); ``status``: a value's
    symbol (``..``) by its position. ``bench/generate.py`` writes its national files with it too.

    >>> areas, indicators = {"SSS": "KOKO MAA"}, {"AKTASTE": "%"}
    >>> dataset = json_stat_dataset("12u4", "A", areas, ["2020M09"], indicators, [28.5], {}, "S", "U")
    >>> dataset["size"], dataset["dimension"]["Kuukausi"]["category"]
    ([1, 1, 1], {'index': {'2020M09': 0}, 'label': {'2020M09': '2020M09'}})
    """
    return {
        "version": "2.0",
        "class": "dataset",
        "label": label,
        "source": source,
        "updated": updated,
        "id": ["Alue", "Kuukausi", "Tiedot"],
        "size": [len(areas), len(months), len(indicators)],
        "dimension": {
            "Alue": {"label": "Alue", "category": {"index": {a: i for i, a in enumerate(areas)}, "label": areas}},
            "Kuukausi": {
                "label": "Kuukausi",
                "category": {"index": {m: i for i, m in enumerate(months)}, "label": {m: m for m in months}},
            },
            "Tiedot": {
                "label": "Tiedot",
                "category": {"index": {k: i for i, k in enumerate(indicators)}, "label": indicators},
            },
        },
        "value": values,
        "status": status,
        "role": {"time": ["Kuukausi"], "geo": ["Alue"], "metric": ["Tiedot"]},
        "extension": {"px": {"tableid": table}},
    }


def statfin_files() -> tuple[dict, dict]:
    areas = {f"KU{code}": MUNICIPALITIES[code][0] for code in AREAS} | {"SSS": "KOKO MAA"}
    data = {f"KU{code}": statfin_values(code, *AREAS[code], months()) for code in AREAS}
    data["SSS"] = statfin_values("SSS", *COUNTRY, months())
    r5 = {
        "TYOTTOMATLOPUSSA": "Työttömät työnhakijat kuukauden lopussa (lkm.)",
        "PITKAAIKAISTYOTTOMAT": "Pitkäaikaistyöttömät (lkm.)",
        "TYOTTOMAT25": "Alle 25-vuotiaat työttömät (lkm.)",
        "TYOTTOMAT50": "Yli 50-vuotiaat työttömät (lkm.)",
        "TYOTOSUUS": "Työttömien osuus työvoimasta (%)",
    }
    u4 = {"AKTASTE": "Aktivointiaste (%)"}
    return (
        json_stat(
            "12r5", "Työnhakijat kuukauden viimeisenä päivänä muuttujina Alue, Kuukausi ja Tiedot", areas, r5, data
        ),
        json_stat("12u4", "Aktivointiaste muuttujina Alue, Kuukausi ja Tiedot", areas, u4, data),
    )


def check(lines: list[list[object]]) -> None:
    """The seeds' figures hold to the cent, and each year row is its cell's months added up."""
    kuntaosuus: dict[tuple[str, int], int] = {}
    months_added: dict[tuple[object, ...], list[int]] = {}
    year_rows: dict[tuple[object, ...], list[int]] = {}
    for kind, _, _, year, code, _, age, gender, day_class, _, days, paid, cents in lines[1:]:
        if day_class != TOTAL:
            continue
        figures = [int(days), round(float(paid) * 100), round(float(cents) * 100)]
        key = (code, year, age, gender)
        if kind == "Kuukausi":
            months_added[key] = [a + b for a, b in zip(months_added.get(key, [0, 0, 0]), figures, strict=True)]
            if code != SUPPRESSED[0]:
                kuntaosuus[(code, year)] = kuntaosuus.get((code, year), 0) + figures[2]
        elif kind == "Vuosi":
            year_rows[key] = figures
    assert kuntaosuus[("837", 2016)] == 32_219_400_00, kuntaosuus[("837", 2016)]
    assert kuntaosuus[("297", 2019)] == 10_250_000_00, kuntaosuus[("297", 2019)]
    assert math.isclose(kuntaosuus[("837", 2016)] * 0.03 / 100, 966_582)
    assert year_rows and all(months_added[key] == figures for key, figures in year_rows.items())


def main() -> None:
    lines = kela_lines()
    check(lines)
    with KELA_FILE.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(lines)
    r5, u4 = statfin_files()
    for path, data in ((R5_FILE, r5), (U4_FILE, u4)):
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{KELA_FILE.name}: {len(lines) - 1} rows; {R5_FILE.name}, {U4_FILE.name}")


if __name__ == "__main__":
    main()

"""Comparison with peer municipalities: the same indicators side by side, ranked within a group and nationally.

For each municipality (on today's boundaries) and a period (a year, or one
month of it) the indicators are::

    kuntaosuus_per_resident  = Σ kuntaosuus (€) over the period / population
    kuntaosuus_per_jobseeker = Σ kuntaosuus (€) over the period / mean unemployed jobseekers (TYOTTOMATLOPUSSA)
    kuntaosuus_change_pct    = (Σ kuntaosuus − Σ the same months of the baseline year) / that baseline × 100
    unemployment_rate        = mean of the months' TYOTOSUUS (%)
    long_term_share          = Σ PITKAAIKAISTYOTTOMAT / Σ TYOTTOMATLOPUSSA × 100   (likewise under_25, over_50)
    activation_rate          = mean of the months' AKTASTE (%)

Every indicator is computed for the baseline year's same months too
(``baseline_value``). A period counts only when every one of its months is
known: a municipality with a missing month has no value for the indicators
that need it, and ``missing_months`` names the months (never read as zero).

Population: Statistics Finland's year-end population (table 11ra) of the
period's year, else of the latest earlier year it has; without any, the
municipality register's population, with the year it is from
(``population_year``, ``population_source``). The baseline uses the baseline
year's population the same way.

Ranks and percentiles: a smaller value ranks first (rank 1 is the smallest).
Ties share the smallest rank (competition ranking, "min": 1, 2, 2, 4).
The percentile is the mid-rank percentile rank::

    percentile = (below + ½ × equal) / n × 100

where ``below`` counts the values smaller than this one, ``equal`` the values
equal to it (itself included) and ``n`` the values compared. The group median
is the median of the group's members' known values (the programme's own
municipalities count only if they are members).

Mergers: the kuntaosuus comes already on today's boundaries
(``models.savings.kuntaosuus_totals``); StatFin counts and populations of a
municipality merged since are added to its successor (a month only when every
part is known); a predecessor's rates (TYOTOSUUS, AKTASTE) cannot be added and
are left out, so a successor's rate is the one published for it.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from models.savings import current_code

INDICATORS = (
    "kuntaosuus_per_resident",
    "kuntaosuus_per_jobseeker",
    "kuntaosuus_change_pct",
    "unemployment_rate",
    "long_term_share",
    "under_25_share",
    "over_50_share",
    "activation_rate",
)
UNITS = {
    "kuntaosuus_per_resident": "eur",
    "kuntaosuus_per_jobseeker": "eur",
    "kuntaosuus_change_pct": "pct",
    "unemployment_rate": "pct",
    "long_term_share": "pct",
    "under_25_share": "pct",
    "over_50_share": "pct",
    "activation_rate": "pct",
}
JOBSEEKERS = "TYOTTOMATLOPUSSA"
SHARES = {"long_term_share": "PITKAAIKAISTYOTTOMAT", "under_25_share": "TYOTTOMAT25", "over_50_share": "TYOTTOMAT50"}
RATES = {"unemployment_rate": "TYOTOSUUS", "activation_rate": "AKTASTE"}
STATFIN_INDICATORS = (JOBSEEKERS, *SHARES.values(), *RATES.values())
VALUE_COLUMNS = [
    "municipality", "indicator", "value", "baseline_value", "missing_months",
    "population", "population_year", "population_source",
]  # fmt: skip
RANK_COLUMNS = ["municipality", "indicator", "value", "rank", "of", "percentile"]
REGISTER_POPULATION_YEAR = 2020
"""The year whose end the register's population is of (``reference_data/README.md``: end of 2020)."""


@dataclass(frozen=True)
class Period:
    """A year, or one month of it (``month`` 1–12), and the baseline year it is compared with."""

    year: int
    month: int | None = None
    baseline_year: int = 2016

    def months(self, year: int | None = None) -> list[pd.Timestamp]:
        """The period's months (first days), in ``year`` (default the period's own).

        >>> [m.month for m in Period(2019).months()][:3], Period(2019, 6).months(2016)
        ([1, 2, 3], [Timestamp('2016-06-01 00:00:00')])
        """
        year = self.year if year is None else year
        chosen = [self.month] if self.month else range(1, 13)
        return [pd.Timestamp(year, number, 1) for number in chosen]


# --- today's boundaries ---------------------------------------------------------------------


def statfin_on_todays_boundaries(observations: pd.DataFrame, successors: dict[str, str]) -> pd.DataFrame:
    """StatFin municipality cells (``KU837``) as ``municipality`` (``837``) on today's boundaries.

    Counts of a merged municipality are added to its successor's, a month only
    when every part is known; its rates are left out (a rate cannot be added).

    >>> cells = pd.DataFrame({"area_code": ["KU297", "KU174", "KU174"],
    ...     "indicator": ["TYOTTOMAT25"] * 2 + ["TYOTOSUUS"], "month": pd.to_datetime(["2016-01-01"] * 3),
    ...     "value": [100.0, 10.0, 9.0]})
    >>> statfin_on_todays_boundaries(cells, {"174": "297"})[["municipality", "indicator", "value"]].values.tolist()
    [['297', 'TYOTTOMAT25', 110.0]]
    """
    cells = observations[observations["area_code"].astype(str).str.match(r"^KU\d{3}$")]
    old = cells["area_code"].str[2:]
    merged = old.isin(list(successors))
    kept = ~(merged & cells["indicator"].isin(list(RATES.values())))
    cells, old = cells[kept], old[kept]
    today = {code: current_code(code, successors) for code in old.unique()}  # once per code, not per cell
    frame = pd.DataFrame(
        {
            "municipality": old.map(today).to_numpy(),
            "indicator": cells["indicator"].to_numpy(),
            "month": pd.to_datetime(cells["month"]).to_numpy(),
            "value": cells["value"].astype(float).to_numpy(),
        }
    )
    grouped = frame.groupby(["municipality", "indicator", "month"], as_index=False).agg(
        value=("value", "sum"), known=("value", "count"), cells=("value", "size")
    )
    grouped["value"] = grouped["value"].where(grouped["known"] == grouped["cells"], np.nan)
    return grouped[["municipality", "indicator", "month", "value"]]


def population_on_todays_boundaries(population: pd.DataFrame, successors: dict[str, str]) -> pd.DataFrame:
    """Year-end populations (``municipality, year, population``) with merged municipalities added to successors.

    >>> pop = pd.DataFrame({"municipality": ["297", "174"], "year": [2016, 2016], "population": [112117, 4613]})
    >>> population_on_todays_boundaries(pop, {"174": "297"}).values.tolist()
    [['297', 2016, 116730]]
    """
    frame = population.assign(municipality=[current_code(str(c), successors) for c in population["municipality"]])
    return frame.groupby(["municipality", "year"], as_index=False)["population"].sum()[
        ["municipality", "year", "population"]
    ]


# --- population -------------------------------------------------------------------------------


def population_for(statfin: pd.DataFrame, register: pd.DataFrame, year: int, register_year: int) -> pd.DataFrame:
    """Each municipality's population for ``year``: 11ra's of that year or the latest before, else the register's.

    ``statfin``: ``municipality, year, population`` (on today's boundaries);
    ``register``: ``municipality, population`` as the register gives it,
    from the end of ``register_year``. Returns ``municipality, population,
    population_year, population_source`` (``statfin`` or ``register``).

    >>> stat = pd.DataFrame({"municipality": ["297"], "year": [2018], "population": [118664]})
    >>> reg = pd.DataFrame({"municipality": ["297", "837"], "population": [120210, 241009]})
    >>> population_for(stat, reg, 2019, 2020).values.tolist()
    [['297', 118664, 2018, 'statfin'], ['837', 241009, 2020, 'register']]
    """
    known = statfin[(statfin["year"] <= year) & statfin["population"].notna()] if not statfin.empty else statfin
    latest = known.sort_values("year").groupby("municipality", as_index=False).last() if not known.empty else None
    rows = {}
    if latest is not None:
        for code, people, at in zip(latest["municipality"], latest["population"], latest["year"], strict=True):
            rows[str(code)] = (int(people), int(at), "statfin")
    for code, people in zip(register["municipality"], register["population"], strict=True):
        if str(code) not in rows and people is not None and not pd.isna(people):
            rows[str(code)] = (int(people), register_year, "register")
    return pd.DataFrame(
        [(code, *values) for code, values in sorted(rows.items())],
        columns=["municipality", "population", "population_year", "population_source"],
    )


# --- indicators -------------------------------------------------------------------------------


def _period_sums(series: pd.DataFrame, months: list[pd.Timestamp], column: str) -> pd.DataFrame:
    """Per municipality: the sum and mean of ``column`` over ``months`` and the months that are missing.

    A municipality's month appears at most once in ``series`` (its figures are added up on today's boundaries).
    Municipalities without a single known month are left out. Added up by ``month_sums``.
    """
    chosen = series[series["month"].isin(months) & series[column].notna()]
    rows, found = pd.factorize(chosen["municipality"].astype(str), sort=True)
    matrix = np.full((len(found), len(months)), np.nan)
    matrix[rows, pd.Index(months).get_indexer(pd.to_datetime(chosen["month"]))] = chosen[column].astype(float)
    total, mean, _known = month_sums(matrix)
    unknown = np.isnan(matrix)
    missing = [tuple(month for month, gap in zip(months, gaps, strict=True) if gap) for gaps in unknown]
    return pd.DataFrame(
        {"total": total, "mean": mean, "missing": pd.Series(missing, dtype=object).to_numpy()},
        index=pd.Index(found, name="municipality"),
    )


def _complete(sums: pd.DataFrame, codes: pd.Index, field: str) -> pd.Series:
    """Each municipality's period figure when every month is known, else NaN."""
    found = sums.reindex(codes)
    whole = found["missing"].map(lambda gap: isinstance(gap, tuple) and not gap)
    return found[field].astype(float).where(whole, np.nan)


def _missing(sums: pd.DataFrame, codes: pd.Index, months: list[pd.Timestamp]) -> pd.Series:
    found = sums.reindex(codes)["missing"]
    return found.map(lambda gap: gap if isinstance(gap, tuple) else tuple(months))


def _union(*gaps: pd.Series) -> pd.Series:
    if all(not any(gap) for gap in gaps):
        return gaps[0]
    return pd.Series(
        [tuple(sorted(set().union(*parts))) for parts in zip(*gaps, strict=True)], index=gaps[0].index, dtype=object
    )


def _ratio(numerator: pd.Series, denominator: pd.Series, scale: float = 1.0) -> pd.Series:
    return numerator / denominator.where(denominator != 0) * scale


def indicator_values(
    kuntaosuus: pd.DataFrame,
    statfin: pd.DataFrame,
    population: pd.DataFrame,
    baseline_population: pd.DataFrame,
    codes: list[str],
    period: Period,
) -> pd.DataFrame:
    """Every indicator of each municipality in ``codes`` for ``period`` and the baseline year's same months.

    ``kuntaosuus``: ``municipality, month, kuntaosuus_cents`` (known months
    only, on today's boundaries); ``statfin``: ``municipality, indicator,
    month, value`` (``statfin_on_todays_boundaries``); ``population`` and
    ``baseline_population`` as ``population_for`` returns them. One row per
    municipality and indicator, in the order of ``codes`` and ``INDICATORS``.

    >>> k = pd.DataFrame({"municipality": ["297"] * 2, "month": pd.to_datetime(["2016-06-01", "2019-06-01"]),
    ...     "kuntaosuus_cents": [1_200_000_00, 1_000_000_00]})
    >>> pop = pd.DataFrame({"municipality": ["297"], "population": [100_000], "population_year": [2019],
    ...     "population_source": ["statfin"]})
    >>> v = indicator_values(k, pd.DataFrame(columns=["municipality", "indicator", "month", "value"]), pop, pop,
    ...     ["297"], Period(2019, 6))
    >>> v.set_index("indicator").loc["kuntaosuus_per_resident", ["value", "baseline_value"]].tolist()
    [10.0, 12.0]
    """
    index = pd.Index([str(code) for code in codes], name="municipality")
    statfin = statfin[statfin["municipality"].isin(index)]
    kuntaosuus = kuntaosuus[kuntaosuus["municipality"].isin(index)]
    now = _figures(index, kuntaosuus, statfin, population, period.months())
    then = _figures(index, kuntaosuus, statfin, baseline_population, period.months(period.baseline_year))
    now["values"]["kuntaosuus_change_pct"] = _ratio(now["eur"] - then["eur"], then["eur"], 100)
    then["values"]["kuntaosuus_change_pct"] = pd.Series(np.nan, index=index)
    people = population.drop_duplicates("municipality").set_index("municipality").reindex(index)
    frames = [
        pd.DataFrame(
            {
                "municipality": index,
                "indicator": indicator,
                "value": now["values"][indicator].to_numpy(dtype=float),
                "baseline_value": then["values"][indicator].to_numpy(dtype=float),
                "missing_months": _union(now["missing"][indicator], then["missing"][indicator]).to_numpy(),
                "population": people["population"].to_numpy(),
                "population_year": people["population_year"].to_numpy(),
                "population_source": people["population_source"].to_numpy(),
            }
        )
        for indicator in INDICATORS
    ]
    table = pd.concat(frames, ignore_index=True) if len(index) else pd.DataFrame(columns=VALUE_COLUMNS)
    order = {code: number for number, code in enumerate(index)}
    table = table.sort_values(["municipality"], key=lambda c: c.map(order), kind="stable")
    return table[VALUE_COLUMNS].reset_index(drop=True)


def _figures(
    index: pd.Index, kuntaosuus: pd.DataFrame, statfin: pd.DataFrame, population: pd.DataFrame, months: list
) -> dict:
    """The municipalities' indicators over ``months`` and, per indicator, the months each lacks."""
    euros = kuntaosuus.assign(eur=kuntaosuus["kuntaosuus_cents"].astype(float) / 100)
    money = _period_sums(euros, months, "eur")
    by_indicator = dict(tuple(statfin.groupby("indicator")))
    empty = statfin.iloc[0:0]
    cells = {name: _period_sums(by_indicator.get(name, empty), months, "value") for name in STATFIN_INDICATORS}
    residents = population.drop_duplicates("municipality").set_index("municipality")["population"]
    residents = residents.reindex(index).astype(float)
    eur = _complete(money, index, "total")
    seekers_total = _complete(cells[JOBSEEKERS], index, "total")
    values = {
        "kuntaosuus_per_resident": _ratio(eur, residents),
        "kuntaosuus_per_jobseeker": _ratio(eur, _complete(cells[JOBSEEKERS], index, "mean")),
        **{name: _complete(cells[code], index, "mean") for name, code in RATES.items()},
        **{name: _ratio(_complete(cells[code], index, "total"), seekers_total, 100) for name, code in SHARES.items()},
    }
    money_gap, seeker_gap = _missing(money, index, months), _missing(cells[JOBSEEKERS], index, months)
    missing = {
        "kuntaosuus_per_resident": money_gap,
        "kuntaosuus_per_jobseeker": _union(money_gap, seeker_gap),
        "kuntaosuus_change_pct": money_gap,
        **{name: _missing(cells[code], index, months) for name, code in RATES.items()},
        **{name: _union(_missing(cells[code], index, months), seeker_gap) for name, code in SHARES.items()},
    }
    return {"values": values, "missing": missing, "eur": eur}


# --- ranks ------------------------------------------------------------------------------------


def rank_min(values: pd.Series) -> pd.Series:
    """Ranks from the smallest (1), ties sharing the smallest rank; a missing value has no rank.

    >>> rank_min(pd.Series([5.0, 3.0, 5.0, 1.0, float("nan")])).tolist()
    [3.0, 2.0, 3.0, 1.0, nan]
    """
    return values.rank(method="min", ascending=True)


def percentile_rank(values: pd.Series) -> pd.Series:
    """Each value's mid-rank percentile: (values below + ½ × values equal, itself included) / n × 100.

    ``below`` is the smallest rank − 1 and ``equal`` the largest − the smallest + 1, so ties share a percentile.

    >>> percentile_rank(pd.Series([5.0, 3.0, 5.0, 1.0])).tolist()
    [75.0, 37.5, 75.0, 12.5]
    """
    lowest, highest = values.rank(method="min"), values.rank(method="max")
    below, equal = lowest - 1, highest - lowest + 1
    return ((below + 0.5 * equal) / values.notna().sum() * 100).astype("float64")


def ranks(values: pd.DataFrame, codes: list[str]) -> pd.DataFrame:
    """Rank, count and percentile of each municipality of ``codes`` per indicator, among ``codes`` only.

    ``values``: ``municipality, indicator, value``. ``of`` counts the
    municipalities with a value for the indicator (a missing one is not
    compared).

    >>> v = pd.DataFrame({"municipality": ["a", "b", "c", "d"], "indicator": ["x"] * 4, "value": [5.0, 3.0, 5.0, 1.0]})
    >>> ranks(v, ["a", "b", "c", "d"])[["municipality", "rank", "of", "percentile"]].values.tolist()
    [['a', 3, 4, 75.0], ['b', 2, 4, 37.5], ['c', 3, 4, 75.0], ['d', 1, 4, 12.5]]
    """
    chosen = values[values["municipality"].isin(codes)]
    if chosen.empty:
        return pd.DataFrame(columns=RANK_COLUMNS)
    chosen = chosen.iloc[np.argsort(pd.factorize(chosen["indicator"])[0], kind="stable")]  # indicators in turn
    known = chosen["value"].astype(float)
    by_indicator = known.groupby(chosen["indicator"].to_numpy(), sort=False)
    lowest, highest = by_indicator.rank(method="min"), by_indicator.rank(method="max")
    of = by_indicator.transform("count").astype("int64")
    below, equal = lowest - 1, highest - lowest + 1
    return chosen.assign(
        rank=lowest.astype("Int64"),
        of=of,
        percentile=((below + 0.5 * equal) / of * 100).astype("float64").round(1),
    )[RANK_COLUMNS].reset_index(drop=True)


def group_median(values: pd.DataFrame, members: list[str], indicator: str) -> float:
    """The median of the group members' known values of ``indicator`` (NaN when none is known).

    >>> v = pd.DataFrame({"municipality": ["a", "b", "c"], "indicator": ["x"] * 3, "value": [1.0, 4.0, float("nan")]})
    >>> group_median(v, ["a", "b", "c"], "x")
    2.5
    """
    chosen = values[values["municipality"].isin(members) & (values["indicator"] == indicator)]["value"].dropna()
    return float(chosen.median()) if len(chosen) else math.nan


def compared_codes(members: list[str], ours: list[str]) -> list[str]:
    """The municipalities shown: the group's members and the programme's own, each once, members first.

    >>> compared_codes(["091", "297"], ["297", "174"])
    ['091', '297', '174']
    """
    return list(dict.fromkeys([*map(str, members), *map(str, ours)]))


def comparison_table(
    values: pd.DataFrame, members: list[str], ours: list[str], national: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Each compared municipality's values with rank and percentile in the group (members and ours) and nationally.

    ``national``: every municipality's values (``indicator_values`` over the
    whole country) for the national rank; without it the national columns are
    missing. Adds ``group_rank, group_of, group_percentile, national_rank,
    national_of, national_percentile, group_median, ours``.
    """
    shown = compared_codes(members, ours)
    table = values[values["municipality"].isin(shown)].copy()
    group = ranks(values, shown).rename(
        columns={"rank": "group_rank", "of": "group_of", "percentile": "group_percentile"}
    )
    table = table.merge(group.drop(columns="value"), on=["municipality", "indicator"], how="left")
    if national is not None and not national.empty:
        everyone = ranks(national, list(national["municipality"].unique()))
        everyone = everyone.rename(
            columns={"rank": "national_rank", "of": "national_of", "percentile": "national_percentile"}
        )
        table = table.merge(everyone.drop(columns="value"), on=["municipality", "indicator"], how="left")
    else:
        table = table.assign(national_rank=pd.NA, national_of=pd.NA, national_percentile=math.nan)
    in_group = values[values["municipality"].isin([str(code) for code in members])]
    medians = in_group["value"].astype(float).groupby(in_group["indicator"].to_numpy()).median()
    table["group_median"] = table["indicator"].map(medians).astype(float)
    table["ours"] = table["municipality"].isin([str(code) for code in ours])
    return table.reset_index(drop=True)


def indicator_trend(
    kuntaosuus: pd.DataFrame,
    statfin: pd.DataFrame,
    populations: pd.DataFrame,
    register: pd.DataFrame,
    register_year: int,
    codes: list[str],
    period: Period,
) -> pd.DataFrame:
    """Every indicator of ``codes`` for each year from the baseline year to the period's, the same months each year.

    ``populations``: 11ra's ``municipality, year, population``; ``register``
    the register's (``population_for``). Returns ``indicator_values``' columns
    and ``year``.

    >>> k = pd.DataFrame({"municipality": ["297"] * 3,
    ...     "month": pd.to_datetime(["2016-06-01", "2017-06-01", "2018-06-01"]),
    ...     "kuntaosuus_cents": [300_00, 200_00, 100_00]})
    >>> reg = pd.DataFrame({"municipality": ["297"], "population": [100]})
    >>> t = indicator_trend(k, pd.DataFrame(columns=["municipality", "indicator", "month", "value"]),
    ...     pd.DataFrame(columns=["municipality", "year", "population"]), reg, 2020, ["297"], Period(2018, 6))
    >>> per_resident = t[t["indicator"] == "kuntaosuus_per_resident"]
    >>> per_resident["year"].tolist(), per_resident["value"].tolist()
    ([2016, 2017, 2018], [3.0, 2.0, 1.0])
    """
    baseline = population_for(populations, register, period.baseline_year, register_year)
    years = []
    for year in range(period.baseline_year, period.year + 1):
        shown = Period(year, period.month, period.baseline_year)
        people = population_for(populations, register, year, register_year)
        years.append(indicator_values(kuntaosuus, statfin, people, baseline, codes, shown).assign(year=year))
    return pd.concat(years, ignore_index=True) if years else pd.DataFrame(columns=[*VALUE_COLUMNS, "year"])


# --- figures kept per year and month (written after each import, read by the page) --------------------

FIGURE_INDICATORS = tuple(name for name in INDICATORS if name != "kuntaosuus_change_pct")
FIGURE_COLUMNS = [
    "year", "month", "municipality", "kuntaosuus_eur", *FIGURE_INDICATORS,
    "population", "population_year", "population_source", "missing_months",
]  # fmt: skip
_SOURCES = ("eur", *STATFIN_INDICATORS)
_GAPS = {
    "kuntaosuus_per_resident": ("eur",),
    "kuntaosuus_per_jobseeker": ("eur", JOBSEEKERS),
    "kuntaosuus_change_pct": ("eur",),
    **{name: (code,) for name, code in RATES.items()},
    **{name: (code, JOBSEEKERS) for name, code in SHARES.items()},
}


def period_figures(
    kuntaosuus: pd.DataFrame,
    statfin: pd.DataFrame,
    populations: pd.DataFrame,
    register: pd.DataFrame,
    register_year: int,
) -> pd.DataFrame:
    """Every municipality's indicators (``indicator_values``' rules) in each year (``month`` 0) and each month.

    The indicators that do not depend on a baseline, ``kuntaosuus_eur`` (the
    period's Σ kuntaosuus when every month is known) for the change, the
    population as ``population_for`` gives it for the year, and
    ``missing_months``: each indicator's unknown months of the period
    (``_gap_texts``), ``None`` when none is. Municipalities: the register's (today's).
    Computed for every year at once with the same sums and means as
    ``indicator_values``, so ``values_from_figures`` returns its figures.

    >>> k = pd.DataFrame({"municipality": ["297"] * 2, "month": pd.to_datetime(["2019-05-01", "2019-06-01"]),
    ...     "kuntaosuus_cents": [1_200_000_00, 1_000_000_00]})
    >>> reg = pd.DataFrame({"municipality": ["297"], "population": [100_000]})
    >>> f = period_figures(k, pd.DataFrame(columns=["municipality", "indicator", "month", "value"]),
    ...     pd.DataFrame(columns=["municipality", "year", "population"]), reg, 2020)
    >>> f[f["month"] == 6][["year", "kuntaosuus_per_resident", "population_source"]].values.tolist()
    [[2019, 10.0, 'register']]
    """
    codes = pd.Index(sorted(str(code) for code in register["municipality"]), name="municipality")
    grid = _month_grid(kuntaosuus, statfin, codes)
    if grid.empty:
        return pd.DataFrame(columns=FIGURE_COLUMNS)
    figures = pd.concat([_aggregate(grid, by_month=False), _aggregate(grid, by_month=True)], ignore_index=True)
    people = pd.concat(
        [
            population_for(populations, register, int(year), register_year).assign(year=int(year))
            for year in sorted(figures["year"].unique())
        ],
        ignore_index=True,
    )
    figures = figures.merge(people, on=["municipality", "year"], how="left")
    residents = figures["population"].astype(float)
    eur = figures["eur_total"].where(figures["eur_whole"])
    seekers = figures[f"{JOBSEEKERS}_total"].where(figures[f"{JOBSEEKERS}_whole"])
    figures["kuntaosuus_eur"] = eur
    figures["kuntaosuus_per_resident"] = _ratio(eur, residents)
    figures["kuntaosuus_per_jobseeker"] = _ratio(
        eur, figures[f"{JOBSEEKERS}_mean"].where(figures[f"{JOBSEEKERS}_whole"])
    )
    for name, code in RATES.items():
        figures[name] = figures[f"{code}_mean"].where(figures[f"{code}_whole"])
    for name, code in SHARES.items():
        figures[name] = _ratio(figures[f"{code}_total"].where(figures[f"{code}_whole"]), seekers, 100)
    figures["missing_months"] = _gap_texts(figures)
    figures["population"] = figures["population"].astype("Int64")
    figures["population_year"] = figures["population_year"].astype("Int64")
    return figures[FIGURE_COLUMNS].sort_values(["year", "month", "municipality"]).reset_index(drop=True)


def _month_grid(kuntaosuus: pd.DataFrame, statfin: pd.DataFrame, codes: pd.Index) -> pd.DataFrame:
    """One row per municipality of ``codes`` and month of every year with data, a column per source (NaN unknown)."""
    euros = kuntaosuus[kuntaosuus["municipality"].isin(codes)]
    euros = euros.assign(eur=euros["kuntaosuus_cents"].astype(float) / 100, month=pd.to_datetime(euros["month"]))
    money = euros.dropna(subset=["eur"]).groupby(["municipality", "month"])[["eur"]].sum()
    cells = statfin[statfin["municipality"].isin(codes) & statfin["indicator"].isin(STATFIN_INDICATORS)]
    cells = cells.assign(month=pd.to_datetime(cells["month"]), value=cells["value"].astype(float))
    wide = cells.pivot_table(index=["municipality", "month"], columns="indicator", values="value", aggfunc="first")
    months = pd.concat([money.reset_index()["month"], cells["month"]])
    if months.empty or not len(codes):
        return pd.DataFrame()
    first, last = months.min().year, months.max().year
    every = pd.date_range(f"{first}-01-01", f"{last}-12-01", freq="MS")
    index = pd.MultiIndex.from_product([codes, every], names=["municipality", "month"])
    grid = pd.DataFrame({"eur": money["eur"].reindex(index)}, index=index)
    for code in STATFIN_INDICATORS:
        grid[code] = wide[code].reindex(index) if code in wide else np.nan
    return grid.astype(float)


def _aggregate(grid: pd.DataFrame, by_month: bool) -> pd.DataFrame:
    """Per municipality and year (or month): each source's sum and mean, whether every month is known, the gaps.

    ``grid``: ``_month_grid`` (every municipality × every month of whole years). ``_gaps``: the unknown months as
    bits (bit 0 January).
    """
    codes = grid.index.get_level_values("municipality").unique()
    first = grid.index.get_level_values("month").min().year
    years = np.arange(first, first + len(grid) // len(codes) // 12)
    shape = (len(codes), len(years), 12) + ((1,) if by_month else ())
    bits = (1 << np.arange(12)).reshape((12, 1) if by_month else (12,))
    frame = pd.DataFrame(
        {
            "municipality": np.repeat(codes.to_numpy(dtype=object), len(years) * (12 if by_month else 1)),
            "year": np.tile(np.repeat(years, 12 if by_month else 1), len(codes)),
            "month": np.tile(np.arange(1, 13), len(codes) * len(years)) if by_month else 0,
        }
    )
    for source in _SOURCES:
        matrix = grid[source].to_numpy(dtype=float).reshape(shape)
        total, mean, known = month_sums(matrix)
        frame[f"{source}_total"] = total.ravel()
        frame[f"{source}_mean"] = mean.ravel()
        frame[f"{source}_whole"] = (known == shape[-1]).ravel()
        frame[f"{source}_gaps"] = (np.isnan(matrix) * bits).sum(axis=-1).ravel()
    return frame


def month_sums(matrix: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The sum, the mean and the count of the known (not NaN) values along the last axis (the months, in order).

    The one way both the page's computation and the kept figures add up months, so they agree to the last digit.

    >>> [part.tolist() for part in month_sums(np.array([[1.5, np.nan, 2.0], [np.nan] * 3]))]
    [[3.5, 0.0], [1.75, nan], [2, 0]]
    """
    known = ~np.isnan(matrix)
    total = np.where(known, matrix, 0.0).sum(axis=-1)
    count = known.sum(axis=-1)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(count > 0, total / np.maximum(count, 1), np.nan)
    return total, mean, count


def _gap_texts(figures: pd.DataFrame) -> pd.Series:
    """Each row's unknown months per indicator as ``indicator:mask;…`` (bit 0 January), ``None`` when none is.

    >>> _gap_texts(pd.DataFrame({**{f"{s}_gaps": [0, 0] for s in _SOURCES}, "eur_gaps": [0, 6]})).tolist()
    [None, 'kuntaosuus_per_resident:6;kuntaosuus_per_jobseeker:6;kuntaosuus_change_pct:6']
    """
    parts = []
    for name, sources in _GAPS.items():
        mask = np.bitwise_or.reduce([figures[f"{source}_gaps"].to_numpy(dtype="int64") for source in sources])
        parts.append(pd.Series(np.where(mask > 0, [f"{name}:{m}" for m in mask], ""), index=figures.index))
    joined = parts[0].str.cat(parts[1:], sep=";").str.replace(r";{2,}", ";", regex=True).str.strip(";")
    return pd.Series([text or None for text in joined], index=figures.index, dtype=object)


def _gap_months(text: object, year: int) -> dict[str, list[str]]:
    """``_gap_texts``' text of a row of ``year`` as ``{indicator: ["YYYY-MM", …]}``.

    >>> _gap_months("activation_rate:5", 2019)
    {'activation_rate': ['2019-01', '2019-03']}
    """
    if not isinstance(text, str):
        return {}
    found = {}
    for part in text.split(";"):
        name, mask = part.split(":")
        found[name] = [f"{year}-{month:02d}" for month in range(1, 13) if int(mask) >> (month - 1) & 1]
    return found


def figures_stamp(statistics_version: int, register: pd.DataFrame, mergers: pd.DataFrame, code: str) -> str:
    """What ``period_figures`` are of: the latest statistics import, the register's populations, the mergers and
    the version of the code that computes them (``code``).

    Kept figures are read only while this is what they were computed from.

    >>> reg = pd.DataFrame({"municipality": ["297"], "population": [120210]})
    >>> none = pd.DataFrame(columns=["old_code", "new_code", "merged_on"])
    >>> stamp = figures_stamp(7, reg, none, "c1")
    >>> stamp == figures_stamp(7, reg, none, "c1"), stamp == figures_stamp(8, reg, none, "c1")
    (True, False)
    >>> stamp == figures_stamp(7, reg, none, "c2")  # an upgraded app computes afresh
    False
    """
    text = "|".join(
        [
            code,
            str(int(statistics_version)),
            register[["municipality", "population"]].astype(str).to_csv(index=False),
            mergers[["old_code", "new_code", "merged_on"]].astype(str).to_csv(index=False),
        ]
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def values_from_figures(figures: pd.DataFrame, codes: list[str], period: Period) -> pd.DataFrame | None:
    """``indicator_values`` of ``codes`` for ``period`` from ``period_figures``' rows of its year and baseline year.

    ``None`` when a municipality of ``codes`` has no row of either year (then compute with ``indicator_values``).

    >>> k = pd.DataFrame({"municipality": ["297"] * 2, "month": pd.to_datetime(["2016-06-01", "2019-06-01"]),
    ...     "kuntaosuus_cents": [1_200_000_00, 1_000_000_00]})
    >>> reg = pd.DataFrame({"municipality": ["297"], "population": [100_000]})
    >>> f = period_figures(k, pd.DataFrame(columns=["municipality", "indicator", "month", "value"]),
    ...     pd.DataFrame(columns=["municipality", "year", "population"]), reg, 2020)
    >>> v = values_from_figures(f, ["297"], Period(2019, 6))
    >>> change = v.set_index("indicator").loc["kuntaosuus_change_pct"]
    >>> float(change["value"]), change["missing_months"]
    (-16.666666666666664, ())
    """
    index = pd.Index([str(code) for code in codes], name="municipality")
    month = period.month or 0
    chosen = figures[figures["month"] == month]
    now = chosen[chosen["year"] == period.year].set_index("municipality")
    then = chosen[chosen["year"] == period.baseline_year].set_index("municipality")
    if not (index.isin(now.index).all() and index.isin(then.index).all()):
        return None
    if not len(index):
        return pd.DataFrame(columns=VALUE_COLUMNS)
    now, then = now.reindex(index), then.reindex(index)
    values = {name: now[name].astype(float) for name in FIGURE_INDICATORS}
    baseline = {name: then[name].astype(float) for name in FIGURE_INDICATORS}
    eur_now, eur_then = now["kuntaosuus_eur"].astype(float), then["kuntaosuus_eur"].astype(float)
    values["kuntaosuus_change_pct"] = _ratio(eur_now - eur_then, eur_then, 100)
    baseline["kuntaosuus_change_pct"] = pd.Series(np.nan, index=index)
    gaps_now = [_gap_months(text, period.year) for text in now["missing_months"]]
    gaps_then = [_gap_months(text, period.baseline_year) for text in then["missing_months"]]
    population = _plain_numbers(now["population"])
    population_year = _plain_numbers(now["population_year"])
    count, kinds = len(index), len(INDICATORS)
    missing = [
        _months_of(now_gap.get(indicator, ()), then_gap.get(indicator, ())) if now_gap or then_gap else ()
        for now_gap, then_gap in zip(gaps_now, gaps_then, strict=True)
        for indicator in INDICATORS
    ]
    table = pd.DataFrame(  # a municipality's rows together, the indicators in their order
        {
            "municipality": np.repeat(index.to_numpy(dtype=object), kinds),
            "indicator": np.tile(np.array(INDICATORS, dtype=object), count),
            "value": np.column_stack([values[name].to_numpy(dtype=float) for name in INDICATORS]).ravel(),
            "baseline_value": np.column_stack([baseline[name].to_numpy(dtype=float) for name in INDICATORS]).ravel(),
            "missing_months": pd.Series(missing, dtype=object).to_numpy() if missing else [],
            "population": np.repeat(population, kinds),
            "population_year": np.repeat(population_year, kinds),
            "population_source": np.repeat(now["population_source"].to_numpy(dtype=object), kinds),
        }
    )
    return table[VALUE_COLUMNS].reset_index(drop=True)


def _months_of(*gaps: list[str]) -> tuple:
    """The months (first days, in order) of ``YYYY-MM`` lists, each once."""
    if not any(gaps):
        return ()
    return tuple(pd.Timestamp(f"{text}-01") for text in sorted(set().union(*gaps)))


def _plain_numbers(column: pd.Series) -> np.ndarray:
    """Whole numbers as ``int64`` when every one is known, else ``float`` with NaN (as ``population_for``)."""
    numbers = pd.to_numeric(column, errors="coerce")
    if numbers.notna().all():
        return numbers.astype("int64").to_numpy()
    return numbers.astype(float).to_numpy()


def statfin_sources(indicator: str) -> list[str]:
    """The StatFin indicators a comparison indicator is computed from (none for kuntaosuus per resident or change).

    >>> statfin_sources("unemployment_rate"), statfin_sources("under_25_share")
    (['TYOTOSUUS'], ['TYOTTOMAT25', 'TYOTTOMATLOPUSSA'])
    >>> statfin_sources("kuntaosuus_per_jobseeker"), statfin_sources("kuntaosuus_per_resident")
    (['TYOTTOMATLOPUSSA'], [])
    """
    if indicator in RATES:
        return [RATES[indicator]]
    if indicator in SHARES:
        return [SHARES[indicator], JOBSEEKERS]
    return [JOBSEEKERS] if indicator == "kuntaosuus_per_jobseeker" else []


def compared_months(year: int, month: int | None, baseline_year: int) -> list[pd.Timestamp]:
    """The months of a period (a year, or one ``month`` of it) and the baseline year's same months.

    >>> [m.strftime("%Y-%m") for m in compared_months(2019, 6, 2016)]
    ['2019-06', '2016-06']
    >>> len(compared_months(2019, None, 2016))
    24
    """
    numbers = [month] if month else range(1, 13)
    return [pd.Timestamp(shown, number, 1) for shown in (year, baseline_year) for number in numbers]

"""Unemployment in the target groups and the activation rate against the same month of the baseline year.

For an area, indicator and month outside the baseline year::

    change_pct = (value − value in the same month of the baseline year) / that baseline value × 100

A missing cell stays missing: no change is computed from it. A programme's
counts are its members' counts added up, for a month only when every member's
cell is known; percentages (rates) are not added up.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from models.savings import DEFAULT_BASELINE_YEAR

COLUMNS = ["area", "indicator", "month", "value", "baseline_value", "change_pct"]
TARGET_GROUPS = {
    "all": "TYOTTOMATLOPUSSA",
    "long_term": "PITKAAIKAISTYOTTOMAT",
    "under_25": "TYOTTOMAT25",
    "over_50": "TYOTTOMAT50",
    "activation": "AKTASTE",
}
RATES = ("TYOTOSUUS", "AKTASTE")
HOME_TABLE = {"AKTASTE": "12u4"}
"""The table each indicator is read from; every other one from 12r5. Table 12u4 publishes jobseeker counts
(TYOTTOMATLOPUSSA) beside its activation rate: read from both, the same jobseekers would count twice."""


def own_table(observations: pd.DataFrame) -> pd.DataFrame:
    """Each indicator's cells from its own table only (``HOME_TABLE``, else 12r5).

    >>> cells = pd.DataFrame({"table_id": ["12r5", "12u4", "12u4"],
    ...     "indicator": ["TYOTTOMATLOPUSSA", "TYOTTOMATLOPUSSA", "AKTASTE"], "value": [10.0, 10.0, 22.7]})
    >>> own_table(cells)["table_id"].tolist()
    ['12r5', '12u4']
    """
    if observations.empty or "table_id" not in observations:
        return observations
    home = observations["indicator"].map(HOME_TABLE).fillna("12r5")
    return observations[observations["table_id"].eq(home)]


def area_code(municipality: str) -> str:
    """StatFin's area code of a municipality.

    >>> area_code("837")
    'KU837'
    """
    return f"KU{municipality}"


def change_against_baseline(observations: pd.DataFrame, baseline_year: int | dict[str, int]) -> pd.DataFrame:
    """Every area, indicator and month outside its baseline year against the same month of that year.

    ``observations``: ``area_code, indicator, month, value`` (NaN when
    missing). ``baseline_year``: one for all, or per area code (default 2016).

    >>> obs = pd.DataFrame({"area_code": ["KU837"] * 2, "indicator": ["TYOTTOMAT25"] * 2,
    ...     "month": pd.to_datetime(["2016-12-01", "2018-12-01"]), "value": [1000.0, 900.0]})
    >>> change_against_baseline(obs, 2016)[["value", "baseline_value", "change_pct"]].values.tolist()
    [[900.0, 1000.0, -10.0]]
    """
    if observations.empty:
        return pd.DataFrame(columns=COLUMNS)
    frame = observations.rename(columns={"area_code": "area"})[["area", "indicator", "month", "value"]]
    frame = frame.assign(
        baseline_year=[
            baseline_year.get(area, DEFAULT_BASELINE_YEAR) if isinstance(baseline_year, dict) else baseline_year
            for area in frame["area"]
        ],
        calendar_month=frame["month"].dt.month,
    )
    baseline = frame[frame["month"].dt.year == frame["baseline_year"]]
    baseline = baseline[["area", "indicator", "calendar_month", "value"]].rename(columns={"value": "baseline_value"})
    later = frame[frame["month"].dt.year != frame["baseline_year"]]
    merged = later.merge(baseline, on=["area", "indicator", "calendar_month"], how="left")
    base = merged["baseline_value"].astype(float)
    merged["change_pct"] = ((merged["value"].astype(float) - base) / base.where(base != 0) * 100).round(2)
    return merged[COLUMNS].sort_values(["area", "indicator", "month"]).reset_index(drop=True)


def programme_counts(observations: pd.DataFrame, members: list[str], area: str) -> pd.DataFrame:
    """A programme's counts: its members' cells added up, a month only when every member's cell is known.

    ``members`` are area codes (``KU837``); the result is under ``area``.

    >>> obs = pd.DataFrame({"area_code": ["KU837", "KU211", "KU837", "KU211"], "indicator": ["TYOTTOMAT25"] * 4,
    ...     "month": pd.to_datetime(["2016-01-01"] * 2 + ["2016-02-01"] * 2), "value": [10.0, 5.0, 12.0, np.nan]})
    >>> programme_counts(obs, ["KU837", "KU211"], "ohjelma")["value"].tolist()
    [15.0, nan]
    """
    mine = observations[observations["area_code"].isin(members) & ~observations["indicator"].isin(RATES)]
    values = mine.groupby(["indicator", "month"])["value"]  # one grouping, three answers: faster than .agg
    complete = (values.count().to_numpy() == len(members)) & (values.size().to_numpy() == len(members))
    grouped = values.sum().where(complete, np.nan).reset_index()
    return grouped.assign(area_code=area)[["area_code", "indicator", "month", "value"]]


ProgrammeChanges = dict[tuple[str, pd.Timestamp], tuple[float, float]]
"""(indicator, month) → the programme's count and its change against the baseline month (%), NaN when unknown."""


def programme_changes(observations: pd.DataFrame, members: list[str], baseline_year: int) -> ProgrammeChanges:
    """``change_against_baseline(programme_counts(observations, members, …), baseline_year)`` as a lookup: the
    same figures (a month only when every member's cell is known; the baseline year's own months left out), in
    one plain pass over the few hundred cells of a programme (a pack's quarters are looked up in it).

    >>> obs = pd.DataFrame({"area_code": ["KU837", "KU211"] * 3, "indicator": ["TYOTTOMAT25"] * 6,
    ...     "month": pd.to_datetime(["2016-12-01"] * 2 + ["2018-12-01"] * 2 + ["2019-12-01"] * 2),
    ...     "value": [10.0, 5.0, 9.0, 3.0, 12.0, np.nan]})
    >>> changes = programme_changes(obs, ["KU837", "KU211"], 2016)
    >>> changes[("TYOTTOMAT25", pd.Timestamp("2018-12-01"))]  # (9 + 3 − 15) / 15 × 100
    (12.0, -20.0)
    >>> [math.isnan(x) for x in changes[("TYOTTOMAT25", pd.Timestamp("2019-12-01"))]]
    [True, True]
    """
    if observations.empty:
        return {}
    counts = _member_sums(observations, set(members))
    keys, values, bases = [], [], []
    for (indicator, year, month), entry in counts.items():
        if year == baseline_year:
            continue
        value = _complete(entry, len(members))
        base = _complete(counts.get((indicator, baseline_year, month)), len(members))
        keys.append((indicator, pd.Timestamp(year, month, 1)))
        values.append(value)
        bases.append(math.nan if base == 0 else base)
    value_array, base_array = np.array(values, dtype="float64"), np.array(bases, dtype="float64")
    changes = np.round((value_array - base_array) / base_array * 100, 2)
    return dict(zip(keys, zip(values, changes.tolist(), strict=True), strict=True))


def _member_sums(observations: pd.DataFrame, members: set[str]) -> dict[tuple[str, int, int], list]:
    """(indicator, year, month) → [sum of the members' known values, cells, known cells]; rates left out."""
    sums: dict[tuple[str, int, int], list] = {}
    months = observations["month"]
    columns = (observations["area_code"], observations["indicator"], months.dt.year, months.dt.month)
    for area, indicator, year, month, value in zip(*columns, observations["value"].to_numpy(), strict=True):
        if area not in members or indicator in RATES:
            continue
        entry = sums.setdefault((indicator, int(year), int(month)), [0.0, 0, 0])
        entry[1] += 1
        if value == value:  # noqa: PLR0124 - NaN is the one value unequal to itself
            entry[0] += float(value)
            entry[2] += 1
    return sums


def _complete(entry: list | None, members: int) -> float:
    """A member sum's total when every member's cell is there and known, else NaN."""
    return entry[0] if entry is not None and entry[1] == entry[2] == members else math.nan


def colour_limit(changes: list[float], step: int = 5) -> int:
    """The end of a map's colour scale (−limit … +limit): the largest change (%) rounded up to ``step``.

    ``limit = ⌈max(|change|, 1) / step⌉ × step``

    >>> colour_limit([-3.2, 12.5]), colour_limit([]), colour_limit([-20.0])
    (15, 5, 20)
    """
    largest = max([abs(change) for change in changes] + [1.0])
    return math.ceil(largest / step) * step


def colour_class(change: float, limit: float, classes: int) -> int:
    """The class (0 … classes − 1) of a change (%) on a scale from −limit to +limit, split evenly.

    ``class = min(⌊(change + limit) / (2 × limit) × classes⌋, classes − 1)``, the position clipped to the scale.

    >>> colour_class(-10.0, 10.0, 10), colour_class(0.0, 10.0, 10), colour_class(9.99, 10.0, 10)
    (0, 5, 9)
    >>> colour_class(25.0, 10.0, 10)
    9
    """
    position = min(max((change + limit) / (2 * limit), 0.0), 1.0) if limit > 0 else 0.5
    return min(int(position * classes), classes - 1)

"""Savings in the municipal share of labour market subsidy (kuntaosuus) against a baseline year.

For a municipality, month by month::

    savings(m) = baseline(calendar month of m, in the baseline year) − actual(m)

A month counts only when both its actual and the same calendar month of the
baseline year are known, so a missing month is left out of both sides rather
than read as zero. Sums over months (year to date, whole year, cumulative)
add these matched months; ``savings_pct = savings / baseline × 100``.

Totals come from Kela's rows added up over its age × gender cells (``db``
keeps those sums per area): only the month's (``Kuukausi``) ``Yhteensä`` day
class, of a municipality (not 199, money of no municipality). The day-class
rows overlap and the year rows repeat the months: either would count the same
euros again. A merged municipality's figures count for its successor
(Juankoski 174 → Kuopio 297 from 2017), so a baseline is compared on today's
boundaries. Amounts are integer cents throughout.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

DEFAULT_BASELINE_YEAR = 2016
DEFAULT_TARGET_PCT = 3.0
BASELINE_REGIME = "2015-2024"
TOTAL = "Yhteensä"
MONTH_ROW = "Kuukausi"
MUNICIPALITY = "kunta"
MONTH_TOTAL = {"period_type": MONTH_ROW, "day_class": TOTAL}
"""What an area's month total holds (a read of the area totals narrows by it; see ``is_total_row``)."""
MONTH_COLUMNS = ["municipality", "month", "baseline_cents", "actual_cents", "savings_cents"]
YEAR_COLUMNS = ["municipality", "year", "months", "baseline_cents", "actual_cents", "savings_cents", "savings_pct"]


def current_code(code: str, successors: dict[str, str]) -> str:
    """The code a municipality has on today's boundaries, following mergers in a chain.

    >>> current_code("174", {"174": "297"}), current_code("837", {"174": "297"})
    ('297', '837')
    """
    seen = {code}
    while code in successors:
        code = successors[code]
        if code in seen:  # a loop in the register: stop rather than spin
            break
        seen.add(code)
    return code


def successors_of(mergers: pd.DataFrame | None) -> dict[str, str]:
    """Old code → new code, from a table with ``old_code`` and ``new_code``."""
    if mergers is None or mergers.empty:
        return {}
    return dict(zip(mergers["old_code"].astype(str), mergers["new_code"].astype(str), strict=True))


def with_predecessors(codes: Iterable[str], mergers: pd.DataFrame | None) -> list[str]:
    """The codes and every older code that merged into one of them, directly or in a chain.

    What to read to put these municipalities on today's boundaries.

    >>> with_predecessors(["297"], pd.DataFrame({"old_code": ["174", "476", "838"], "new_code": ["297", "297", "423"]}))
    ['174', '297', '476']
    """
    successors = successors_of(mergers)
    wanted = {str(code) for code in codes}
    return sorted(wanted | {old for old in successors if current_code(old, successors) in wanted})


def is_total_row(rows: pd.DataFrame) -> pd.Series:
    """True for an area's month total: ``Kuukausi``, day class ``Yhteensä``, a municipality's (not 199).

    ``rows`` are Kela's rows added up over age and gender (``db.queries.kela_area_totals``).
    The 2025+ datasets' benefit column must be the total too (or absent).
    """
    mask = ~rows["suppressed"].to_numpy(dtype=bool)  # numpy on the values: pandas' text comparisons cost more
    for dimension, value in MONTH_TOTAL.items():
        mask &= rows[dimension].to_numpy(dtype=object) == value
    if "benefit" in rows:
        benefits = rows["benefit"].to_numpy(dtype=object)
        mask &= (benefits == TOTAL) | (benefits == "")
    if "area_kind" in rows:
        mask &= rows["area_kind"].to_numpy(dtype=object) == MUNICIPALITY
    return pd.Series(mask, index=rows.index)


def kuntaosuus_totals(
    rows: pd.DataFrame, mergers: pd.DataFrame | None = None, regime: str = BASELINE_REGIME
) -> pd.DataFrame:
    """Monthly kuntaosuus per municipality on today's boundaries, in cents, of one regime's series.

    The regimes are different series and are never mixed: a 2016 baseline is
    compared within the 2015–2024 series (the default). ``rows`` are area
    totals (Kela's cells added up over age and gender); keeps only the month
    totals (``is_total_row``), maps merged codes to their successor and adds
    them up. A month where any part is unknown (an empty cell) is unknown as a
    whole and left out.

    Returns ``municipality, month, kuntaosuus_cents``.

    >>> rows = pd.DataFrame({
    ...     "period_type": ["Kuukausi"] * 3, "suppressed": [False] * 3,
    ...     "day_class": ["Yhteensä", "1000", "Yhteensä"], "area_code": ["297", "297", "174"],
    ...     "month": pd.to_datetime(["2016-01-01"] * 3), "kuntaosuus_cents": [900_00, 400_00, 100_00]})
    >>> kuntaosuus_totals(rows, pd.DataFrame({"old_code": ["174"], "new_code": ["297"]})).to_dict("records")
    [{'municipality': '297', 'month': Timestamp('2016-01-01 00:00:00'), 'kuntaosuus_cents': 100000}]
    """
    chosen = is_total_row(rows).to_numpy().copy()
    if "regime" in rows:
        chosen &= rows["regime"].to_numpy(dtype=object) == regime
    totals = rows[chosen]
    successors = successors_of(mergers)
    today = {code: current_code(str(code), successors) for code in totals["area_code"].unique()}  # once per code
    cents = pd.array(totals["kuntaosuus_cents"], dtype="Int64")
    frame = pd.DataFrame(
        {
            "municipality": [today[code] for code in totals["area_code"]],
            "month": pd.to_datetime(totals["month"]),
            "kuntaosuus_cents": cents.fillna(0).to_numpy(dtype="int64"),
            "unknown": cents.isna().astype("int64"),
        }
    )
    grouped = frame.groupby(["municipality", "month"], as_index=False)[["kuntaosuus_cents", "unknown"]].sum()
    known = grouped[grouped["unknown"].to_numpy() == 0].drop(columns="unknown")
    return known.reset_index(drop=True)


def kuntaosuus_stamp(statistics_imports: tuple[int, int], mergers: pd.DataFrame | None, code: str) -> str:
    """What kept monthly totals (``kuntaosuus_totals`` of every municipality) are of: the statistics imports
    committed (the latest's id and their count: an import committed after a later-numbered one changes the count),
    the mergers that put them on today's boundaries and the version of the code that computed them.

    >>> none = pd.DataFrame(columns=["old_code", "new_code", "merged_on"])
    >>> stamp = kuntaosuus_stamp((7, 3), none, "c1")
    >>> stamp == kuntaosuus_stamp((7, 3), none, "c1"), stamp == kuntaosuus_stamp((7, 4), none, "c1")
    (True, False)
    """
    rows = () if mergers is None else zip(mergers["old_code"], mergers["new_code"], mergers["merged_on"], strict=True)
    merged = "\n".join(",".join(str(value) for value in row) for row in rows)  # plain: a frame's to_csv costs more
    latest, count = statistics_imports
    text = "|".join(["kuntaosuus", code, str(int(latest)), str(int(count)), merged])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def savings_by_month(totals: pd.DataFrame, baseline_year: int | dict[str, int]) -> pd.DataFrame:
    """Each municipality's months outside the baseline year against the same calendar month of it.

    ``baseline_year`` is one year for all or a year per municipality code.
    Returns ``municipality, month, baseline_cents, actual_cents, savings_cents``
    for the months where both are known; ``savings = baseline − actual``.

    >>> totals = pd.DataFrame({"municipality": ["837"] * 3,
    ...     "month": pd.to_datetime(["2016-01-01", "2016-02-01", "2018-01-01"]),
    ...     "kuntaosuus_cents": [1000, 2000, 900]})
    >>> savings_by_month(totals, 2016)[["baseline_cents", "actual_cents", "savings_cents"]].values.tolist()
    [[1000, 900, 100]]
    """
    if totals.empty:
        return pd.DataFrame(columns=MONTH_COLUMNS)
    actual, baseline = _matched_positions(totals, baseline_year)
    chosen = totals.iloc[actual].reset_index(drop=True)
    compared = totals["kuntaosuus_cents"].iloc[baseline].reset_index(drop=True)
    return pd.DataFrame(
        {
            "municipality": chosen["municipality"],
            "month": chosen["month"],
            "baseline_cents": compared,
            "actual_cents": chosen["kuntaosuus_cents"],
            "savings_cents": compared - chosen["kuntaosuus_cents"],
        }
    )


def _matched_positions(totals: pd.DataFrame, baseline_year: int | dict[str, int]) -> tuple[list[int], list[int]]:
    """The positions of the months outside their municipality's baseline year that have that year's same calendar
    month, in order of municipality and month, and the positions of those baseline months (one plain pass)."""
    codes, months = totals["municipality"].tolist(), totals["month"]
    bases = [_baseline_year_of(code, baseline_year) for code in codes]
    keys = list(zip(codes, months.dt.year.tolist(), months.dt.month.tolist(), bases, strict=True))
    baseline_rows = {(code, month): at for at, (code, year, month, base) in enumerate(keys) if year == base}
    matched = []
    for at, (code, year, month, base) in enumerate(keys):
        found = baseline_rows.get((code, month))
        if found is not None and year != base:
            matched.append((code, year, month, at, found))
    matched.sort()
    return [entry[3] for entry in matched], [entry[4] for entry in matched]


def _baseline_year_of(code: str, baseline_year: int | dict[str, int]) -> int:
    return baseline_year.get(code, DEFAULT_BASELINE_YEAR) if isinstance(baseline_year, dict) else baseline_year


def programme_months(monthly: pd.DataFrame, members: list[str], name: str) -> pd.DataFrame:
    """A programme's monthly savings: its members' matched months added up, under ``name``.

    Each member contributes only the months it has on both sides, so a
    member's missing month lowers baseline and actual alike.
    """
    mine = monthly[monthly["municipality"].isin(members)]
    summed = mine.groupby("month", as_index=False)[["baseline_cents", "actual_cents", "savings_cents"]].sum()
    return summed.assign(municipality=name)[MONTH_COLUMNS]


def programme_month_sums(
    totals: pd.DataFrame, members: list[str], baseline_year: int
) -> dict[pd.Timestamp, tuple[int, int, int]]:
    """``programme_months(savings_by_month(totals, baseline_year), members, …)`` as a lookup, in one plain pass:
    month → actual, baseline and saving (cents), the members' months that have the baseline year's same month.

    >>> totals = pd.DataFrame({"municipality": ["837", "837", "211", "211", "837"],
    ...     "month": pd.to_datetime(["2016-01-01", "2018-01-01", "2016-01-01", "2018-01-01", "2018-02-01"]),
    ...     "kuntaosuus_cents": [1000, 900, 500, 520, 800]})
    >>> programme_month_sums(totals, ["837", "211"], 2016)  # 900 + 520 against 1000 + 500; February unmatched
    {Timestamp('2018-01-01 00:00:00'): (1420, 1500, 80)}
    """
    if totals.empty:
        return {}
    wanted = {str(code) for code in members}
    months = totals["month"]
    columns = (totals["municipality"].tolist(), months.dt.year.tolist(), months.dt.month.tolist())
    rows = zip(*columns, totals["kuntaosuus_cents"].tolist(), strict=True)
    mine = [row for row in rows if row[0] in wanted]
    baseline = {(code, month): cents for code, year, month, cents in mine if year == baseline_year}
    sums: dict[tuple[int, int], list[int]] = {}
    for code, year, month, cents in mine:
        base = baseline.get((code, month))
        if base is not None and year != baseline_year:
            found = sums.setdefault((year, month), [0, 0])
            found[0] += int(cents)
            found[1] += int(base)
    return {pd.Timestamp(*key, 1): (actual, base, base - actual) for key, (actual, base) in sums.items()}


def savings_pct(savings_cents: int, baseline_cents: int) -> float:
    """Savings as a percentage of the baseline, two decimals; NaN without a baseline.

    >>> savings_pct(96658200, 3221940000)
    3.0
    """
    if not baseline_cents:
        return math.nan
    return round(savings_cents / baseline_cents * 100, 2)


def savings_by_year(monthly: pd.DataFrame) -> pd.DataFrame:
    """Per municipality (or programme) and year: the matched months added up.

    ``months`` says how many months were compared (12 for a whole year).

    >>> monthly = pd.DataFrame({"municipality": ["837", "837"], "month": pd.to_datetime(["2018-01-01", "2018-02-01"]),
    ...     "baseline_cents": [1000, 1000], "actual_cents": [950, 1010], "savings_cents": [50, -10]})
    >>> savings_by_year(monthly).to_dict("records")[0]["savings_pct"]
    2.0
    """
    if monthly.empty:
        return pd.DataFrame(columns=YEAR_COLUMNS)
    frame = monthly.assign(year=monthly["month"].dt.year)
    years = frame.groupby(["municipality", "year"], as_index=False).agg(
        months=("month", "nunique"),
        baseline_cents=("baseline_cents", "sum"),
        actual_cents=("actual_cents", "sum"),
        savings_cents=("savings_cents", "sum"),
    )
    years["savings_pct"] = [
        savings_pct(s, b) for s, b in zip(years["savings_cents"], years["baseline_cents"], strict=True)
    ]
    return years[YEAR_COLUMNS]


def target_met(savings_pct_value: float, target_pct: float) -> bool:
    """The target is met when the saving is at least the target percentage (3.0: three per cent).

    >>> target_met(3.0, 3.0), target_met(2.99, 3.0)
    (True, False)
    """
    return bool(savings_pct_value >= target_pct)


def target_cents(baseline_cents: int, target_pct: float | Decimal) -> int:
    """The saving the target asks for, to the cent (half up): 3 % of 32 219 400 € is 966 582 €.

    >>> target_cents(3221940000, 3)
    96658200
    """
    exact = Decimal(baseline_cents) * Decimal(str(target_pct)) / 100
    return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def year_to_date(monthly: pd.DataFrame, through: pd.Timestamp) -> pd.DataFrame:
    """Per municipality: the matched months of ``through``'s year up to and including it, added up."""
    chosen = monthly[(monthly["month"].dt.year == through.year) & (monthly["month"] <= through)]
    return savings_by_year(chosen)


def cumulative(monthly: pd.DataFrame, start: pd.Timestamp) -> pd.DataFrame:
    """Running totals from ``start``: ``cumulative_savings_cents`` (and baseline, actual) month by month."""
    chosen = monthly[monthly["month"] >= start].sort_values(["municipality", "month"])
    running = chosen.groupby("municipality")[["baseline_cents", "actual_cents", "savings_cents"]].cumsum()
    return chosen.assign(
        cumulative_baseline_cents=running["baseline_cents"],
        cumulative_actual_cents=running["actual_cents"],
        cumulative_savings_cents=running["savings_cents"],
    ).reset_index(drop=True)


def target_trajectory(
    baseline_by_month: pd.Series, start: pd.Timestamp, target_month: pd.Timestamp, target_pct: float
) -> pd.DataFrame:
    """The saving that should have accumulated by each month, from the programme start to the target month.

    The target rate ramps up by programme year: in year ``k`` of ``n``
    (calendar years from the start to the target month) each month should
    save ``target_pct × k / n`` of the same calendar month of the baseline
    year, so the target year itself saves the whole ``target_pct``::

        target(m) = target_pct / 100 × k(m) / n × baseline(calendar month of m)
        cumulative_target(m) = Σ target(start … m)

    ``baseline_by_month`` is indexed by calendar month 1–12 (cents); months
    without a baseline add nothing.

    >>> base = pd.Series([100_000] * 12, index=range(1, 13))
    >>> t = target_trajectory(base, pd.Timestamp("2017-01-01"), pd.Timestamp("2018-12-01"), 3.0)
    >>> int(t["target_cents"].iloc[0]), int(t["target_cents"].iloc[-1]), int(t["cumulative_target_cents"].iloc[-1])
    (1500, 3000, 54000)
    """
    months = pd.date_range(start, target_month, freq="MS")
    years = target_month.year - start.year + 1
    step = [(month.year - start.year + 1) / years for month in months]
    base = [int(baseline_by_month.get(month.month, 0)) for month in months]
    target = [target_cents(b, Decimal(str(target_pct)) * Decimal(str(k))) for b, k in zip(base, step, strict=True)]
    frame = pd.DataFrame({"month": months, "baseline_cents": base, "target_cents": target})
    frame["cumulative_target_cents"] = frame["target_cents"].cumsum()
    return frame


def combined_series(totals: pd.DataFrame, codes: list[str]) -> pd.Series:
    """Monthly kuntaosuus (cents) of several municipalities added up, a month only when all of them have it.

    >>> totals = pd.DataFrame({"municipality": ["837", "211", "837"],
    ...     "month": pd.to_datetime(["2016-01-01", "2016-01-01", "2016-02-01"]), "kuntaosuus_cents": [10, 5, 12]})
    >>> combined_series(totals, ["837", "211"]).tolist()
    [15]
    """
    mine = totals[totals["municipality"].isin(codes)]
    values = mine.groupby("month")["kuntaosuus_cents"]  # one grouping, two answers: faster than .agg
    sums, counts = values.sum(), values.count()
    return sums[counts.to_numpy() == len(set(codes))].astype("int64").rename("kuntaosuus_cents")

"""Forecast of the monthly kuntaosuus to the target date, and the status of the savings target.

Method: **seasonal naive with a year-on-year trend**. Each future month is the
same calendar month of the latest year, scaled by the latest year-on-year
ratio once per year ahead::

    g = Σ last 12 months / Σ the 12 months before      (1 with under 24 months)
    ŷ(T + h) = y(T + h − 12k) × g^k,   k = ceil(h / 12)

The interval (80 % by default) comes from how much the monthly year-on-year
ratios ``r(t) = y(t) / y(t − 12)`` of the last 24 months scatter (sample
standard deviation ``s``), widening with the years ahead::

    ŷ × (1 ± z × s × √k),   z = 1.2816 for 80 %

Months are assumed to err together (a common level shift), so the bounds of a
sum of months are the sums of their bounds: the cautious choice.

Status of a savings target over the 12 months ending at the target month
(``outlook``), by this rule:

- **on track** (``on_track``): the forecast saving reaches the target;
- **at risk** (``at_risk``): it does not, but the interval's favourable end does;
- **off track** (``off_track``): not even the favourable end reaches it;
- once every month of the target window is known: **met** or **missed**.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from models.amounts import CENTS_PER_EURO
from models.savings import savings_pct, target_cents

METHOD = "seasonal_naive_trend"
Z_80 = 1.2816
ON_TRACK, AT_RISK, OFF_TRACK, MET, MISSED = "on_track", "at_risk", "off_track", "met", "missed"
FORECAST_COLUMNS = ["month", "forecast", "lower", "upper"]
TIME_UNITS = ("s", "ms", "us", "ns")  # coarse to fine


def year_on_year_growth(history: pd.Series) -> float:
    """The latest year-on-year ratio: last 12 months' sum over the 12 before (1.0 with too little history).

    >>> year_on_year_growth(pd.Series([100.0] * 12 + [95.0] * 12))
    0.95
    """
    return _growth(history.to_numpy())


def _growth(values: np.ndarray) -> float:
    if len(values) < 24:
        return 1.0
    before = float(np.nansum(values[-24:-12]))  # a missing value counts as 0, as in pandas' sum
    return float(np.nansum(values[-12:])) / before if before > 0 else 1.0


def ratio_spread(history: pd.Series) -> float:
    """Sample standard deviation of the monthly year-on-year ratios of the last 24 months (0 if under two).

    Only months whose year-earlier value is positive give a ratio (a refund
    month would make a meaningless one).

    >>> ratio_spread(pd.Series([100.0] * 12 + [95.0] * 12))
    0.0
    """
    return _spread(history.to_numpy(dtype=float))


def _spread(values: np.ndarray) -> float:
    start = max(12, len(values) - 24)
    if len(values) - start < 2:
        return 0.0
    now, year_before = values[start:], values[start - 12 : len(values) - 12]
    ratios = now[year_before > 0] / year_before[year_before > 0]
    return round(sample_sd(ratios), 12) if len(ratios) >= 2 else 0.0


def sample_sd(values: np.ndarray) -> float:
    """Two-pass sample standard deviation, missing values left out: ``√(Σ (x − x̄)² / (n − 1))``, NaN if n < 2.

    The same arithmetic, in the same order, as ``pandas.Series.std(ddof=1)``.

    >>> bool(sample_sd(np.array([1.1, 0.9, float("nan"), 1.1, 0.9])) == pd.Series([1.1, 0.9, None, 1.1, 0.9]).std())
    True
    """
    missing = np.isnan(values)
    count = len(values) - int(missing.sum())
    if count < 2:
        return math.nan
    known = np.where(missing, 0.0, values)
    mean = known.sum() / count
    squares = np.where(missing, 0.0, (mean - known) ** 2)
    return math.sqrt(squares.sum() / (count - 1))


def seasonal_forecast(history: pd.Series, until: pd.Timestamp, z: float = Z_80) -> pd.DataFrame:
    """Monthly forecast from the month after the history's last month through ``until``.

    ``history`` is monthly (a DatetimeIndex of month starts) with at least 12
    values; a missing month inside it is interpolated linearly. Returns ``month, forecast,
    lower, upper`` (same unit as the history).

    >>> history = pd.Series([100.0, 200.0] * 6, index=pd.date_range("2017-01-01", periods=12, freq="MS"))
    >>> seasonal_forecast(history, pd.Timestamp("2018-02-01"))["forecast"].tolist()
    [100.0, 200.0]
    """
    history = history.sort_index()
    if len(history) < 12:
        raise ValueError("a seasonal forecast needs at least 12 months of history")
    history = _every_month(history)
    months = pd.date_range(history.index[-1] + pd.offsets.MonthBegin(1), until, freq="MS")
    points = forecast_points(history.to_numpy(), range(1, len(months) + 1), z)
    return pd.DataFrame([(month, *point) for month, point in zip(months, points)], columns=FORECAST_COLUMNS)


def _every_month(history: pd.Series) -> pd.Series:
    """The history as floats on every month from its first to its last; a gap: linear between."""
    full = pd.date_range(history.index[0], history.index[-1], freq="MS")
    return history.astype(float).reindex(full).interpolate(limit_area="inside")


def forecast_points(values: np.ndarray, horizons: Iterable[int], z: float = Z_80) -> list[tuple[float, float, float]]:
    """``(forecast, lower, upper)`` for each month ``h`` months after the last of ``values`` (monthly, no gaps).

    By the formulas in this module's docstring: the same month of the latest
    year × ``g^k``, ± ``z × s × √k`` of it.

    >>> forecast_points(np.array([100.0, 200.0] * 6), [1, 2, 13])
    [(100.0, 100.0, 100.0), (200.0, 200.0, 200.0), (100.0, 100.0, 100.0)]
    """
    growth, spread = _growth(values), _spread(values)
    latest_year = values[-12:]
    points = []
    for h in horizons:
        years_ahead = math.ceil(h / 12)
        point = float(latest_year[(h - 1) % 12]) * growth**years_ahead
        half_width = abs(point) * z * spread * math.sqrt(years_ahead)
        points.append((point, point - half_width, point + half_width))
    return points


def round_to_whole_euros(cents: float) -> int:
    """A forecast in cents rounded to whole euros: a forecast is not exact to the cent.

    >>> round_to_whole_euros(25268948.3)
    25268900
    """
    return round(float(cents) / CENTS_PER_EURO) * CENTS_PER_EURO


def savings_status(target: float, saving: float, saving_high: float, months_left: int) -> str:
    """The status of a savings target by the rule in this module's docstring.

    >>> savings_status(100, 100, 120, 3), savings_status(100, 99, 100, 3), savings_status(100, 99, 99, 3)
    ('on_track', 'at_risk', 'off_track')
    >>> savings_status(100, 100, 100, 0), savings_status(100, 99, 99, 0)
    ('met', 'missed')
    """
    if months_left == 0:
        return MET if saving >= target else MISSED
    if saving >= target:
        return ON_TRACK
    if saving_high >= target:
        return AT_RISK
    return OFF_TRACK


@dataclass(frozen=True)
class Outlook:
    """The savings target over the 12 months ending at ``target_month``, seen at ``as_of``.

    All amounts are cents. ``saving`` is the expected saving (known months plus
    forecast), ``saving_low``/``saving_high`` its interval; ``gap`` what is
    still missing from the target (0 when reached). ``forecast_rows``: the
    months still to come as ``FORECAST_COLUMNS`` tuples (``forecast``: as a frame).
    """

    as_of: pd.Timestamp
    target_month: pd.Timestamp
    target_pct: float
    baseline: int
    target: int
    actual_known: int
    months_known: int
    months_left: int
    expected_kuntaosuus: int
    saving: int
    saving_low: int
    saving_high: int
    status: str
    forecast_rows: tuple[tuple[pd.Timestamp, float, float, float], ...] = ()

    @property
    def gap(self) -> int:
        return max(0, self.target - self.saving)

    @property
    def saving_pct(self) -> float:
        return savings_pct(self.saving, self.baseline)

    @functools.cached_property
    def forecast(self) -> pd.DataFrame:
        """``month, forecast, lower, upper`` of the months still to come (no rows when every month is known)."""
        if not self.forecast_rows:
            return pd.DataFrame(columns=FORECAST_COLUMNS)
        return pd.DataFrame(list(self.forecast_rows), columns=FORECAST_COLUMNS)


def outlook(
    totals: pd.Series,
    baseline_year: int,
    target_month: pd.Timestamp,
    target_pct: float,
    as_of: pd.Timestamp | None = None,
    z: float = Z_80,
) -> Outlook | None:
    """Where the savings target stands at ``as_of`` (default: the last known month).

    ``totals``: monthly kuntaosuus in cents of one municipality or programme,
    indexed by month start (each month once). The target window is the 12 months ending at
    ``target_month``; its baseline is the same calendar months of
    ``baseline_year``; ``target = target_pct % × baseline`` (cents, half up).
    Months of the window after ``as_of`` are forecast from the history up to
    ``as_of`` (``seasonal_forecast``), their sums rounded to whole euros. ``None`` without a full baseline year
    or 12 months of history.

    100 € a month in 2016–2017, 95 € in January–June 2018: g = (6·100 + 6·95) / 1 200 = 0.975, so July–December
    are 97.50 € each; expected 6·95 + 6·97.50 = 1 155 € against the baseline 1 200 €, a saving of 45 € ≥ 3 % (36 €):

    >>> totals = pd.Series([100_00] * 24 + [95_00] * 6, index=pd.date_range("2016-01-01", periods=30, freq="MS"))
    >>> seen = outlook(totals, 2016, pd.Timestamp("2018-12-01"), 3.0)
    >>> seen.baseline, seen.actual_known, seen.months_left, seen.expected_kuntaosuus, seen.saving, seen.status
    (120000, 57000, 6, 115500, 4500, 'on_track')
    """
    totals = totals if totals.index.is_monotonic_increasing else totals.sort_index()
    months, values = month_numbers(totals.index), totals.to_numpy()
    last_known = totals.index[-1]
    as_of = min(as_of or last_known, last_known)
    baseline_values = values[months // 12 == baseline_year]  # in calendar order: each month once
    if len(baseline_values) < 12:
        return None
    first, last = _window(target_month)
    seen = _month_number(as_of)  # a month start is at or before as_of when its month number is
    history = int((months <= seen).sum())  # the months up to as_of: the first ones, the index being in order
    known = (months <= seen) & (months >= first) & (months <= last)
    remaining = np.arange(max(first, seen + 1), last + 1)
    if history < 12 and len(remaining):
        return None
    compared = np.concatenate([months[known], remaining])  # a missing past month is left out of both sides
    baseline = int(np.nansum(baseline_values[compared % 12]))
    rows = _forecast_rows(totals.iloc[:history], int(months[history - 1]), remaining, _unit(totals, target_month), z)
    actual_known = int(np.nansum(values[known]))
    forecast, lower, upper = (_sum_to_whole_euros([row[column] for row in rows]) for column in (1, 2, 3))
    expected, low_kuntaosuus, high_kuntaosuus = actual_known + forecast, actual_known + lower, actual_known + upper
    target = target_cents(baseline, target_pct)
    saving, saving_high = baseline - expected, baseline - low_kuntaosuus
    return Outlook(
        as_of=as_of,
        target_month=target_month,
        target_pct=target_pct,
        baseline=baseline,
        target=target,
        actual_known=actual_known,
        months_known=int(known.sum()),
        months_left=len(remaining),
        expected_kuntaosuus=expected,
        saving=saving,
        saving_low=baseline - high_kuntaosuus,
        saving_high=saving_high,
        status=savings_status(target, saving, saving_high, len(remaining)),
        forecast_rows=rows,
    )


def _forecast_rows(
    history: pd.Series, last: int, remaining: np.ndarray, unit: str, z: float
) -> tuple[tuple[pd.Timestamp, float, float, float], ...]:
    """The ``remaining`` months' forecast from ``history`` (ending at month number ``last``), months in ``unit``."""
    if not len(remaining):
        return ()
    if len(history) < 12:
        raise ValueError("a seasonal forecast needs at least 12 months of history")
    values = history.to_numpy().astype(float)
    if last - _month_number(history.index[0]) + 1 != len(values) or np.isnan(values).any():
        values = _every_month(history).to_numpy()  # a missing month or value: linear between
    points = forecast_points(values, [int(month) - last for month in remaining], z)
    return tuple((_month_start(int(month), unit), *point) for month, point in zip(remaining, points, strict=True))


def _sum_to_whole_euros(cents: list[float]) -> int:
    """Forecast months added up as pandas adds a column (a missing value as 0), then to whole euros."""
    return round_to_whole_euros(np.nansum(np.array(cents, dtype=float))) if cents else 0


def month_numbers(index: pd.DatetimeIndex) -> np.ndarray:
    """``year × 12 + month − 1`` of each month start; ``ValueError`` unless every one is a month start, each once.

    >>> month_numbers(pd.DatetimeIndex(["2016-01-01", "2016-12-01"])).tolist()
    [24192, 24203]
    """
    stamps = index.to_numpy()
    months = stamps.astype("datetime64[M]")
    numbers = months.astype(np.int64) + 1970 * 12
    if not (np.array_equal(months.astype(stamps.dtype), stamps) and bool((np.diff(numbers) > 0).all())):
        raise ValueError("monthly totals are indexed by month starts, each month once")
    return numbers


def _month_number(stamp: pd.Timestamp) -> int:
    return stamp.year * 12 + stamp.month - 1


def _month_start(number: int, unit: str) -> pd.Timestamp:
    return pd.Timestamp(number // 12, number % 12 + 1, 1).as_unit(unit)


def _window(target_month: pd.Timestamp) -> tuple[int, int]:
    """The month numbers of the first and last month start of the 12 months ending at ``target_month``."""
    if target_month == pd.Timestamp(target_month.year, target_month.month, 1):
        return _month_number(target_month) - 11, _month_number(target_month)
    window = pd.date_range(target_month - pd.DateOffset(months=11), target_month, freq="MS")
    return _month_number(window[0]), _month_number(window[-1])


def _unit(totals: pd.Series, target_month: pd.Timestamp) -> str:
    """The finer time unit of the two: the months of a forecast are stamped in it."""
    return max(totals.index.unit, pd.Timestamp(target_month).unit, key=TIME_UNITS.index)


def cumulative_forecast_path(
    start_euros: float, baseline_cents: Sequence[float], forecast_cents: Sequence[float]
) -> list[float]:
    """The saving accumulated to each forecast month (euros), going on from ``start_euros``.

    Each month adds the baseline year's same month less the kuntaosuus
    forecast for it (a forecast or one end of its interval), in cents::

        path(0) = start,   path(i) = path(i − 1) + (baseline(i) − forecast(i)) / 100

    The path has one point more than the months: its start, the saving
    accumulated to the last known month, joins it to the actual line.

    >>> cumulative_forecast_path(1000.0, [50_000, 50_000], [45_000.0, 52_500.0])
    [1000.0, 1050.0, 1025.0]
    >>> cumulative_forecast_path(0.0, [], [])
    [0.0]
    """
    path = [start_euros]
    for baseline, forecast in zip(baseline_cents, forecast_cents, strict=True):
        path.append(path[-1] + (baseline - forecast) / CENTS_PER_EURO)
    return path

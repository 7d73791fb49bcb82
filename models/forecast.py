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

import math
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from models.amounts import CENTS_PER_EURO
from models.savings import savings_pct, target_cents

METHOD = "seasonal_naive_trend"
Z_80 = 1.2816
ON_TRACK, AT_RISK, OFF_TRACK, MET, MISSED = "on_track", "at_risk", "off_track", "met", "missed"
FORECAST_COLUMNS = ["month", "forecast", "lower", "upper"]


def year_on_year_growth(history: pd.Series) -> float:
    """The latest year-on-year ratio: last 12 months' sum over the 12 before (1.0 with too little history).

    >>> year_on_year_growth(pd.Series([100.0] * 12 + [95.0] * 12))
    0.95
    """
    if len(history) < 24:
        return 1.0
    before = float(history.iloc[-24:-12].sum())
    return float(history.iloc[-12:].sum()) / before if before > 0 else 1.0


def ratio_spread(history: pd.Series) -> float:
    """Sample standard deviation of the monthly year-on-year ratios of the last 24 months (0 if under two).

    Only months whose year-earlier value is positive give a ratio (a refund
    month would make a meaningless one).

    >>> ratio_spread(pd.Series([100.0] * 12 + [95.0] * 12))
    0.0
    """
    values = history.to_numpy(dtype=float)
    ratios = [values[t] / values[t - 12] for t in range(max(12, len(values) - 24), len(values)) if values[t - 12] > 0]
    return round(float(pd.Series(ratios).std(ddof=1)), 12) if len(ratios) >= 2 else 0.0


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
    full = pd.date_range(history.index[0], history.index[-1], freq="MS")
    history = history.astype(float).reindex(full).interpolate(limit_area="inside")  # a gap: linear between
    last = history.index[-1]
    months = pd.date_range(last + pd.offsets.MonthBegin(1), until, freq="MS")
    growth, spread = year_on_year_growth(history), ratio_spread(history)
    latest_year = history.iloc[-12:]
    rows = []
    for h, month in enumerate(months, start=1):
        years_ahead = math.ceil(h / 12)
        same_month = float(latest_year.iloc[(h - 1) % 12])
        point = same_month * growth**years_ahead
        half_width = abs(point) * z * spread * math.sqrt(years_ahead)
        rows.append((month, point, point - half_width, point + half_width))
    return pd.DataFrame(rows, columns=FORECAST_COLUMNS)


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
    still missing from the target (0 when reached).
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
    forecast: pd.DataFrame

    @property
    def gap(self) -> int:
        return max(0, self.target - self.saving)

    @property
    def saving_pct(self) -> float:
        return savings_pct(self.saving, self.baseline)


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
    indexed by month start. The target window is the 12 months ending at
    ``target_month``; its baseline is the same calendar months of
    ``baseline_year``; ``target = target_pct % × baseline`` (cents, half up).
    Months of the window after ``as_of`` are forecast from the history up to
    ``as_of`` (``seasonal_forecast``), their sums rounded to whole euros. ``None`` without a full baseline year
    or 12 months of history.
    """
    totals = totals.sort_index()
    as_of = min(as_of or totals.index[-1], totals.index[-1])
    window = pd.date_range(target_month - pd.DateOffset(months=11), target_month, freq="MS")
    baseline_months = totals[totals.index.year == baseline_year]
    if len(baseline_months) < 12:
        return None
    history = totals[totals.index <= as_of]
    known = history[history.index.isin(window)]
    remaining = window[window > as_of]
    if len(history) < 12 and len(remaining):
        return None
    compared = known.index.append(remaining)  # a missing past month is left out of both sides
    by_calendar_month = baseline_months.groupby(baseline_months.index.month).sum()
    baseline = int(by_calendar_month.reindex(compared.month).sum())
    if len(remaining):
        forecast = seasonal_forecast(history, window[-1], z)
        forecast = forecast[forecast["month"].isin(remaining)].reset_index(drop=True)
    else:
        forecast = pd.DataFrame(columns=FORECAST_COLUMNS)
    actual_known = int(known.sum())
    expected = actual_known + round_to_whole_euros(forecast["forecast"].sum())
    low_kuntaosuus = actual_known + round_to_whole_euros(forecast["lower"].sum())
    high_kuntaosuus = actual_known + round_to_whole_euros(forecast["upper"].sum())
    target = target_cents(baseline, target_pct)
    saving, saving_high = baseline - expected, baseline - low_kuntaosuus
    return Outlook(
        as_of=as_of,
        target_month=target_month,
        target_pct=target_pct,
        baseline=baseline,
        target=target,
        actual_known=actual_known,
        months_known=len(known),
        months_left=len(remaining),
        expected_kuntaosuus=expected,
        saving=saving,
        saving_low=baseline - high_kuntaosuus,
        saving_high=saving_high,
        status=savings_status(target, saving, saving_high, len(remaining)),
        forecast=forecast,
    )


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

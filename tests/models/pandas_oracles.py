"""The pandas forms of figures the models now work out in plain passes, kept as the oracles their tests compare with.

Each is the model's code as it stood before the plain pass (December 2026), trimmed of its docstring: the
property tests draw inputs and assert that the plain pass gives exactly what these give.
"""

from __future__ import annotations

import math

import pandas as pd

from models.forecast import FORECAST_COLUMNS, Z_80, round_to_whole_euros, savings_status
from models.quarters import parse_quarter, previous_quarter
from models.risks import HEAT_MAP_COLUMNS, MOVEMENT_COLUMNS, SCALE, movement, risk_level, risk_score
from models.savings import MONTH_COLUMNS, target_cents


def heat_map(placed: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for likelihood in SCALE:
        for impact in SCALE:
            here = placed[(placed["likelihood"] == likelihood) & (placed["impact"] == impact)]
            score = risk_score(likelihood, impact)
            codes = ", ".join(sorted(str(code) for code in here["code"]))
            rows.append((likelihood, impact, score, risk_level(score), len(here), codes))
    return pd.DataFrame(rows, columns=HEAT_MAP_COLUMNS)


def assessments_as_of(assessments: pd.DataFrame, quarter: str) -> pd.DataFrame:
    chosen = parse_quarter(quarter)
    if assessments.empty:
        return assessments.copy()
    known = assessments[[parse_quarter(q) <= chosen for q in assessments["quarter"]]]
    ordered = known.assign(_order=[parse_quarter(q) for q in known["quarter"]]).sort_values(["risk_id", "_order"])
    return ordered.groupby("risk_id").tail(1).drop(columns="_order").reset_index(drop=True)


def risk_movements(assessments: pd.DataFrame, quarter: str, kind: str = "residual") -> pd.DataFrame:
    now = assessments_as_of(assessments, quarter)
    before = assessments_as_of(assessments, str(previous_quarter(quarter)))
    earlier = {
        int(row["risk_id"]): (int(row[f"{kind}_likelihood"]), int(row[f"{kind}_impact"]))
        for row in before.to_dict("records")
    }
    rows = []
    for row in now.to_dict("records"):
        place = (int(row[f"{kind}_likelihood"]), int(row[f"{kind}_impact"]))
        before_place = earlier.get(int(row["risk_id"]), (None, None))
        before_score = risk_score(*before_place) if before_place[0] is not None else None
        score = risk_score(*place)
        rows.append((int(row["risk_id"]), *place, score, *before_place, before_score, movement(before_score, score)))
    return pd.DataFrame(rows, columns=MOVEMENT_COLUMNS)


def year_on_year_growth(history: pd.Series) -> float:
    if len(history) < 24:
        return 1.0
    before = float(history.iloc[-24:-12].sum())
    return float(history.iloc[-12:].sum()) / before if before > 0 else 1.0


def ratio_spread(history: pd.Series) -> float:
    values = history.to_numpy(dtype=float)
    ratios = [values[t] / values[t - 12] for t in range(max(12, len(values) - 24), len(values)) if values[t - 12] > 0]
    return round(float(pd.Series(ratios).std(ddof=1)), 12) if len(ratios) >= 2 else 0.0


def seasonal_forecast(history: pd.Series, until: pd.Timestamp, z: float = Z_80) -> pd.DataFrame:
    history = history.sort_index()
    if len(history) < 12:
        raise ValueError("a seasonal forecast needs at least 12 months of history")
    full = pd.date_range(history.index[0], history.index[-1], freq="MS")
    history = history.astype(float).reindex(full).interpolate(limit_area="inside")
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


def outlook(
    totals: pd.Series, baseline_year: int, target_month: pd.Timestamp, target_pct: float, as_of: pd.Timestamp | None
) -> dict | None:
    """The old ``models.forecast.outlook``'s figures (its ``Outlook`` fields but the forecast, which is returned
    as ``forecast_rows``: month, forecast, lower, upper)."""
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
    compared = known.index.append(remaining)
    by_calendar_month = baseline_months.groupby(baseline_months.index.month).sum()
    baseline = int(by_calendar_month.reindex(compared.month).sum())
    if len(remaining):
        forecast = seasonal_forecast(history, window[-1])
        forecast = forecast[forecast["month"].isin(remaining)].reset_index(drop=True)
    else:
        forecast = pd.DataFrame(columns=FORECAST_COLUMNS)
    actual_known = int(known.sum())
    expected = actual_known + round_to_whole_euros(forecast["forecast"].sum())
    low_kuntaosuus = actual_known + round_to_whole_euros(forecast["lower"].sum())
    high_kuntaosuus = actual_known + round_to_whole_euros(forecast["upper"].sum())
    target = target_cents(baseline, target_pct)
    saving, saving_high = baseline - expected, baseline - low_kuntaosuus
    return {
        "as_of": as_of,
        "baseline": baseline,
        "target": target,
        "actual_known": actual_known,
        "months_known": len(known),
        "months_left": len(remaining),
        "expected_kuntaosuus": expected,
        "saving": saving,
        "saving_low": baseline - high_kuntaosuus,
        "saving_high": saving_high,
        "status": savings_status(target, saving, saving_high, len(remaining)),
        "forecast_rows": list(forecast.itertuples(index=False, name=None)),
    }


def savings_by_month(totals: pd.DataFrame, baseline_year: int) -> pd.DataFrame:
    if totals.empty:
        return pd.DataFrame(columns=MONTH_COLUMNS)
    frame = totals.assign(
        baseline_year=baseline_year, year=totals["month"].dt.year, calendar_month=totals["month"].dt.month
    )
    baseline = frame[frame["year"] == frame["baseline_year"]][["municipality", "calendar_month", "kuntaosuus_cents"]]
    actual = frame[frame["year"] != frame["baseline_year"]]
    matched = actual.merge(
        baseline.rename(columns={"kuntaosuus_cents": "baseline_cents"}), on=["municipality", "calendar_month"]
    )
    matched = matched.rename(columns={"kuntaosuus_cents": "actual_cents"})
    matched["savings_cents"] = matched["baseline_cents"] - matched["actual_cents"]
    return matched[MONTH_COLUMNS].sort_values(["municipality", "month"]).reset_index(drop=True)

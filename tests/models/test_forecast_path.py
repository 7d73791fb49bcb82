"""The cumulative saving path the Benefits page draws after the last known month."""

from __future__ import annotations

import pandas as pd
import pytest

from models.forecast import cumulative_forecast_path, seasonal_forecast


def test_each_month_adds_the_baseline_less_the_forecast_in_euros():
    # 12 000,00 € saved to date; the baseline months are 500 € and 400 €, forecast 450 € and 410,50 €:
    # +50 € then −10,50 €
    path = cumulative_forecast_path(12_000.0, [50_000, 40_000], [45_000.0, 41_050.0])
    assert path == pytest.approx([12_000.0, 12_050.0, 12_039.5])


def test_the_path_starts_at_the_saving_to_date_and_has_a_point_per_month_after_it():
    history = pd.Series([100_000.0] * 24, index=pd.date_range("2016-01-01", periods=24, freq="MS"))
    forecast = seasonal_forecast(history, pd.Timestamp("2018-06-01"))
    baseline = [110_000] * len(forecast)  # 100 € a month above a flat forecast
    path = cumulative_forecast_path(250.0, baseline, forecast["forecast"])
    assert path[0] == 250.0 and len(path) == len(forecast) + 1 == 7
    assert path[-1] == pytest.approx(250.0 + 6 * 100.0)


def test_months_and_forecasts_must_pair_up():
    with pytest.raises(ValueError):
        cumulative_forecast_path(0.0, [1, 2], [1.0])

"""The forecast's plain helpers: points from an array, pandas' sample deviation, month numbers."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from models.forecast import forecast_points, month_numbers, sample_sd, seasonal_forecast

SEASON = [130.0, 120.0, 110.0, 100.0, 90.0, 80.0, 70.0, 80.0, 90.0, 100.0, 110.0, 120.0]


def test_points_are_the_seasonal_forecasts_rows():
    history = pd.Series(SEASON + [v * 0.9 for v in SEASON], index=pd.date_range("2016-01-01", periods=24, freq="MS"))
    frame = seasonal_forecast(history, pd.Timestamp("2019-06-01"))  # 18 months ahead: h = 1 … 18
    points = forecast_points(history.to_numpy(), range(1, 19))
    assert points == list(frame[["forecast", "lower", "upper"]].itertuples(index=False, name=None))
    # g = 0.9 and no spread (every ratio is 0.9): January 2018 = 130 × 0.9²; July 2019 (h = 13, k = 2) the same.
    assert points[0] == (130.0 * 0.9 * 0.9,) * 3 and points[12][0] == 130.0 * 0.9 * 0.9**2


@given(st.lists(st.one_of(st.floats(0.5, 1.5), st.just(math.nan)), max_size=24))
def test_sample_sd_is_pandas_std(values: list[float]):
    expected = pd.Series(values, dtype=float).std(ddof=1)
    found = sample_sd(np.array(values, dtype=float))
    assert found == expected or (math.isnan(found) and math.isnan(expected))


def test_month_numbers_count_months_and_refuse_other_days():
    # 2016 × 12 + (1 − 1) = 24 192; December 2016 eleven more.
    assert month_numbers(pd.DatetimeIndex(["2016-01-01", "2016-12-01"])).tolist() == [24_192, 24_203]
    with pytest.raises(ValueError, match="month starts"):
        month_numbers(pd.DatetimeIndex(["2016-01-01", "2016-01-15"]))
    with pytest.raises(ValueError, match="each month once"):
        month_numbers(pd.DatetimeIndex(["2016-01-01", "2016-01-01"]))

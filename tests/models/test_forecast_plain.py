"""The forecast's plain helpers (points from an array, pandas' sample deviation, month numbers) and the outlook,
against the pandas form it replaced (``tests.models.pandas_oracles``)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from models.forecast import forecast_points, month_numbers, outlook, sample_sd, seasonal_forecast
from tests.models import pandas_oracles as oracle

SEASON = [130.0, 120.0, 110.0, 100.0, 90.0, 80.0, 70.0, 80.0, 90.0, 100.0, 110.0, 120.0]


def test_points_are_the_seasonal_forecasts_rows():
    history = pd.Series(SEASON + [v * 0.9 for v in SEASON], index=pd.date_range("2016-01-01", periods=24, freq="MS"))
    frame = oracle.seasonal_forecast(history, pd.Timestamp("2019-06-01"))  # 18 months ahead: h = 1 … 18
    points = forecast_points(history.to_numpy(), range(1, 19))
    assert points == list(frame[["forecast", "lower", "upper"]].itertuples(index=False, name=None))
    assert seasonal_forecast(history, pd.Timestamp("2019-06-01")).equals(frame)
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


MONTHS = pd.date_range("2015-01-01", "2020-12-01", freq="MS")


@st.composite
def kuntaosuus_series(draw: st.DrawFn) -> pd.Series:
    """Monthly kuntaosuus (cents) from 2015 on, some months missing, some refunds (negative), in a drawn time unit."""
    length = draw(st.integers(12, len(MONTHS)))
    values = draw(st.lists(st.integers(-50_000, 5_000_000), min_size=length, max_size=length))
    kept = draw(st.lists(st.booleans(), min_size=length, max_size=length))
    months = MONTHS[:length].as_unit(draw(st.sampled_from(["s", "us", "ns"])))
    chosen = [at for at, keep in enumerate(kept) if keep or at < 24]  # 2015–2016 whole: a baseline year to see
    return pd.Series([values[at] for at in chosen], index=months[chosen], dtype="int64")


@given(
    kuntaosuus_series(),
    st.sampled_from([2015, 2016]),
    st.sampled_from(list(MONTHS[12:])),
    st.one_of(st.none(), st.sampled_from(list(MONTHS[11:]))),
    st.sampled_from([3.0, 0.5, 10.0]),
)
def test_outlook_gives_the_figures_of_its_pandas_form(
    series: pd.Series, baseline_year: int, target_month: pd.Timestamp, as_of: pd.Timestamp | None, target_pct: float
):
    expected = oracle.outlook(series, baseline_year, target_month, target_pct, as_of)
    found = outlook(series, baseline_year, target_month, target_pct, as_of)
    if expected is None:
        assert found is None
        return
    assert {name: getattr(found, name) for name in expected if name != "forecast_rows"} == {
        name: value for name, value in expected.items() if name != "forecast_rows"
    }
    assert list(found.forecast_rows) == expected["forecast_rows"]
    assert list(found.forecast.itertuples(index=False, name=None)) == expected["forecast_rows"]

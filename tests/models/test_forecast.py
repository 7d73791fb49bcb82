"""The forecast on series with a known answer, and the status rule at its boundaries."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from models.forecast import Z_80, outlook, ratio_spread, savings_status, seasonal_forecast, year_on_year_growth

SEASON = [130.0, 120.0, 110.0, 100.0, 90.0, 80.0, 70.0, 80.0, 90.0, 100.0, 110.0, 120.0]


def monthly(values: list[float], start: str = "2016-01-01") -> pd.Series:
    return pd.Series(values, index=pd.date_range(start, periods=len(values), freq="MS"))


def test_a_series_falling_five_per_cent_a_year_is_forecast_exactly_with_no_spread():
    # y = season × 0.95^year: every year-on-year ratio is 0.95, so g = 0.95 and s = 0.
    history = monthly([v * 0.95**year for year in range(3) for v in SEASON])
    forecast = seasonal_forecast(history, pd.Timestamp("2020-12-01"))
    expected = [v * 0.95**year for year in (3, 4) for v in SEASON]  # 2019 and 2020 continue the fall
    assert forecast["forecast"].tolist() == pytest.approx(expected)
    assert forecast["lower"].tolist() == pytest.approx(expected) and forecast["upper"].tolist() == pytest.approx(
        expected
    )


def test_with_one_year_of_history_the_forecast_repeats_it():
    # Under 24 months there is no trend (g = 1): seasonal naive.
    forecast = seasonal_forecast(monthly(SEASON), pd.Timestamp("2017-12-01"))
    assert forecast["forecast"].tolist() == SEASON


def test_growth_and_spread_are_the_documented_formulas():
    history = monthly([100.0] * 12 + [110.0, 90.0] * 6)
    # g = (6·110 + 6·90) / (12·100) = 1 200 / 1 200 = 1.0
    assert year_on_year_growth(history) == 1.0
    # ratios 1.1 and 0.9 alternating (12 of them): mean 1.0, sample sd = sqrt(12 · 0.01 / 11)
    assert ratio_spread(history) == pytest.approx(math.sqrt(0.12 / 11))


def test_too_short_a_history_cannot_be_forecast():
    with pytest.raises(ValueError):
        seasonal_forecast(monthly([1.0] * 11), pd.Timestamp("2017-12-01"))


def test_outlook_half_way_through_the_target_year():
    # 2016 and 2017: 1 000,00 € a month; January–June 2018: 970,00 €.
    totals = monthly([100_000.0] * 24 + [97_000.0] * 6).astype("int64")
    seen = outlook(totals, 2016, pd.Timestamp("2018-12-01"), 3.0, pd.Timestamp("2018-06-01"))
    # g = (6·1 000 + 6·970) / (12·1 000) = 0.985; July–December 2018 = 1 000 € × 0.985 = 985 € each.
    # expected 2018 = 6·970 + 6·985 = 11 730 €; baseline 12 000 €; saving 270 € < target 3 % = 360 €.
    assert (seen.baseline, seen.target, seen.saving, seen.months_left) == (1_200_000, 36_000, 27_000, 6)
    # s = sd of 12 ratios of 1.0 and 6 of 0.97 = sqrt((12·0.01² + 6·0.02²) / 17); each month ± 985 € · z · s,
    # the sum rounded to whole euros (100 cents).
    spread = math.sqrt((12 * 0.01**2 + 6 * 0.02**2) / 17)
    assert seen.saving_high == pytest.approx(27_000 + 6 * 98_500 * Z_80 * spread, abs=50)
    # 270 € < 360 € but the favourable end, about 380 €, reaches it: at risk.
    assert seen.status == "at_risk" and seen.gap == 9_000


def test_outlook_after_the_target_date_is_met_or_missed_on_actuals():
    totals = monthly([100_000.0] * 12 + [99_000.0] * 12 + [96_900.0] * 12).astype("int64")
    seen = outlook(totals, 2016, pd.Timestamp("2018-12-01"), 3.0)
    # 2018: 12 · (1 000 − 969) = 372 € saved = 3,1 % ≥ 3 %: met.
    assert (seen.saving, seen.saving_low, seen.saving_high, seen.status) == (37_200, 37_200, 37_200, "met")


@pytest.mark.parametrize(
    ("saving", "saving_high", "months_left", "status"),
    [
        (100_00, 100_00, 3, "on_track"),  # the forecast saving equals the target: on track
        (99_99, 100_00, 3, "at_risk"),  # one cent short, the favourable end exactly reaches it: at risk
        (99_99, 99_99, 3, "off_track"),  # not even the favourable end reaches it: off track
        (100_00, 100_00, 0, "met"),  # nothing left to forecast: the actual saving decides
        (99_99, 99_99, 0, "missed"),
    ],
)
def test_status_rule_at_its_boundaries(saving: int, saving_high: int, months_left: int, status: str):
    assert savings_status(100_00, saving, saving_high, months_left) == status

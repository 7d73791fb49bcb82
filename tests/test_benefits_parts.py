"""The Benefits page's parts built for speed give what the slower way gave: the charts as plain dicts, the
cumulative saving, the register read from its months and the day classes added up without a groupby."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import pytest

from dashboards.figures.benefits import COLOURS_ACTUAL_LINE
from dashboards.statistics import euro_array, euro_chart, figure_layout, line_trace
from dashboards.target import cumulative_savings
from models.benefits import measured_after_baseline, measured_months, register_status
from models.kuntaosuus import day_class_month
from models.savings import savings_by_month

MONTHS = pd.date_range("2016-01-01", periods=36, freq="MS")
SERIES = pd.Series([1_000_00 + 37 * i - (i % 5) * 1_00 for i in range(36)], index=MONTHS)


def sent(figure: go.Figure | dict) -> str:
    """The JSON Dash sends for a figure (plotly's own encoder, as Dash uses)."""
    plain = figure.to_plotly_json() if isinstance(figure, go.Figure) else figure
    return pio.json.to_json_plotly(plain)


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_plain_chart_sends_the_json_of_the_plotly_figure_it_replaces(lang: str):
    # The same traces through go.Scatter and figure_layout (the old way), and as plain dicts.
    fan_x = [pd.Timestamp("2018-01-01"), pd.Timestamp("2018-02-01")]
    figure = go.Figure()
    figure.add_trace(go.Scatter(x=fan_x, y=[1.5, 2.25], fill="toself", line={"width": 0}, name="fan", hoverinfo="skip"))
    figure.add_trace(go.Scatter(x=SERIES.index, y=SERIES.to_numpy() / 100, name="actual", line=COLOURS_ACTUAL_LINE))
    figure.add_trace(go.Scatter(x=[MONTHS[-1], *fan_x], y=[1.0, 2.0, 3.0], name="path", line={"dash": "dot"}))
    expected = figure_layout(figure, "Otsikko, €", "€", lang).to_dict()
    band = {"fill": "toself", "hoverinfo": "skip", "line": {"width": 0}, "name": "fan", "x": fan_x, "y": [1.5, 2.25]}
    traces = [
        {**band, "type": "scatter"},
        line_trace(SERIES.index, euro_array(SERIES), "actual", COLOURS_ACTUAL_LINE),
        line_trace([MONTHS[-1], *fan_x], [1.0, 2.0, 3.0], "path", {"dash": "dot"}),
    ]
    assert sent(euro_chart(traces, "Otsikko, €", lang)) == sent(expected)


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_the_overviews_trend_sends_the_json_of_the_plotly_figure_it_replaces(lang: str):
    from dashboards.figures.overview import TREND_COLOUR, TREND_HEIGHT, trend_figure

    trend = pd.DataFrame({"month": MONTHS[12:], "cumulative_cents": SERIES[12:].cumsum().to_numpy()})
    line = {"color": TREND_COLOUR, "width": 2}
    figure = go.Figure(go.Scatter(x=trend["month"], y=trend["cumulative_cents"] / 100, name="x", line=line))
    title = trend_figure(trend, lang)["layout"]["title"]["text"]
    figure = figure_layout(figure.update_traces(name=trend_figure(trend, lang)["data"][0]["name"]), title, "€", lang)
    figure.update_layout(height=TREND_HEIGHT, showlegend=False, margin={"l": 10, "r": 10, "t": 30, "b": 20})
    figure.update_layout(font={"size": 11}, title={"font": {"size": 12}})
    assert sent(trend_figure(trend, lang)) == sent(figure)


def test_euro_array_is_plotlys_typed_array_of_the_cents_divided():
    # 150 cents = 1.5 €, 250 cents = 2.5 €: float64 little-endian, base64, as plotly encodes a numpy array
    assert euro_array([150, 250]) == go.Figure(go.Scatter(y=np.array([1.5, 2.5]))).to_dict()["data"][0]["y"]
    assert euro_array(pd.Series([], dtype="int64")) == []


@pytest.mark.parametrize("as_of", ["2016-06-01", "2017-01-01", "2017-08-01", "2018-12-01"])
@pytest.mark.parametrize("start", ["2017-01-01", "2017-05-01", "2015-01-01"])
def test_cumulative_saving_is_savings_by_month_summed_from_the_start(as_of: str, start: str):
    # The oracle: models.savings.savings_by_month (baseline month − actual), cut to start … as_of, then summed.
    frame = SERIES.rename("kuntaosuus_cents").rename_axis("month").reset_index().assign(municipality="x")
    monthly = savings_by_month(frame, 2016)
    monthly = monthly[(monthly["month"] >= pd.Timestamp(start)) & (monthly["month"] <= pd.Timestamp(as_of))]
    expected = monthly[["month", "savings_cents"]].assign(cumulative_cents=monthly["savings_cents"].cumsum())
    setting = {"baseline_year": 2016, "start": pd.Timestamp(start)}
    gappy = SERIES.drop(MONTHS[[3, 20]])  # a baseline month and a later one missing: both sides leave them out
    pd.testing.assert_frame_equal(cumulative_savings(SERIES, setting, pd.Timestamp(as_of)), expected, check_exact=True)
    frame = gappy.rename("kuntaosuus_cents").rename_axis("month").reset_index().assign(municipality="x")
    monthly = savings_by_month(frame, 2016)
    monthly = monthly[(monthly["month"] >= pd.Timestamp(start)) & (monthly["month"] <= pd.Timestamp(as_of))]
    expected = monthly[["month", "savings_cents"]].assign(cumulative_cents=monthly["savings_cents"].cumsum())
    pd.testing.assert_frame_equal(cumulative_savings(gappy, setting, pd.Timestamp(as_of)), expected, check_exact=True)


def register_targets(baseline_year: int = 2016) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"name": "Fewer unemployed", "indicator": "TYOTTOMATLOPUSSA", "area": None, "baseline_year": baseline_year,
             "target_change_pct": 0.0, "target_date": pd.Timestamp("2018-12-31"), "manual_status": None},
            {"name": "Fewer young unemployed", "indicator": "TYOTTOMAT25", "area": "837", "baseline_year": 2016,
             "target_change_pct": -5.0, "target_date": pd.Timestamp("2018-12-31"), "manual_status": None},
        ]
    )  # fmt: skip


def statfin_cells() -> pd.DataFrame:
    """Two municipalities, two indicators, monthly 2015–2019 (a fall of 1 % a year)."""
    months = pd.date_range("2015-01-01", "2019-12-01", freq="MS")
    rows = [
        {"area_code": area, "indicator": indicator, "month": month, "value": 1000.0 * (1 - 0.01 * (month.year - 2015))}
        for area in ("KU837", "KU211")
        for indicator in ("TYOTTOMATLOPUSSA", "TYOTTOMAT25")
        for month in months
    ]
    return pd.DataFrame(rows)


@pytest.mark.parametrize("as_of", ["2016-06-01", "2017-03-01", "2018-12-01", "2019-06-01"])
def test_register_from_its_measured_months_is_the_register_from_every_month(as_of: str):
    cells, targets, at = statfin_cells(), register_targets(), pd.Timestamp(as_of)
    totals = pd.DataFrame(columns=["municipality", "month", "kuntaosuus_cents"])
    months = measured_months(targets, at)
    narrow = register_status(targets, totals, cells[cells["month"].isin(months)], ["837", "211"], at)
    every = register_status(targets, totals, cells, ["837", "211"], at)
    if measured_after_baseline(narrow):  # else the page reads every month
        pd.testing.assert_frame_equal(narrow, every, check_exact=True)
    # At 6/2016 nothing after the baseline year is known: the months leave the targets unmeasured (the page then
    # reads every month, where 2015 is measured against 2016: 1 000 against 990 is +1.01 %).
    assert measured_after_baseline(narrow) == (at.year > 2016)


def test_register_targets_with_their_own_baseline_years_are_each_compared_with_theirs():
    # TYOTTOMATLOPUSSA against 2017 (980 + 980 = 1 960), at 12/2018 970 + 970 = 1 940: −1.02 %: met (a fall).
    cells, targets = statfin_cells(), register_targets(baseline_year=2017)
    register = register_status(targets, pd.DataFrame(), cells, ["837", "211"], pd.Timestamp("2018-12-01"))
    assert register["measured_pct"].tolist() == [-1.02, -2.02]  # TYOTTOMAT25 of Tampere against 2016: 990 → 970
    assert register["status"].tolist() == ["met", "missed"]  # −2 % is short of the −5 % asked


def test_day_classes_are_added_up_in_order_of_appearance_unknown_without_every_municipality():
    rows = pd.DataFrame(
        {
            "regime": ["2015-2024"] * 6,
            "period_type": ["Kuukausi"] * 5 + ["Vuosi"],
            "area_code": ["837", "211", "837", "211", "837", "837"],
            "month": pd.to_datetime(["2018-01-01"] * 6),
            "day_class": ["500-999", "500-999", "300-499", "300-499", "Yhteensä", "500-999"],
            "suppressed": [False] * 6,
            "recipients": [10, 5, 3, pd.NA, 99, 1000],
            "compensated_days": [100, 50, 30, 20, 999, 1000],
            "paid_cents": [1000, 500, 300, 200, 9999, 1000],
            "kuntaosuus_cents": [700, 300, pd.NA, pd.NA, 99, 1000],
        }
    )
    classes = day_class_month(rows, ["837", "211"], pd.Timestamp("2018-01-01"), "2015-2024")
    # 500-999: 10 + 5 recipients, 100 + 50 days, 1 000 + 500 paid, 700 + 300 kuntaosuus (the year row left out);
    # 300-499: 30 + 20 days, 300 + 200 paid; recipients and kuntaosuus unknown (one or both municipalities empty).
    assert classes.astype(object).where(classes.notna(), None).values.tolist() == [
        ["500-999", 15, 150, 1500, 1000],
        ["300-499", None, 50, 500, None],
    ]
    assert list(classes.dtypes.astype(str))[1:] == ["Int64"] * 4

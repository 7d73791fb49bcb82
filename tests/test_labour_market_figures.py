"""The Labour market page's charts and table, built as plain dicts: the same as plotly's objects give."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest
from plotly.io.json import to_json_plotly

from dashboards.figures.labour_market import COUNT_GROUPS, groups_figure, multiples_figure, table_rows
from dashboards.statistics import figure_layout
from i18n import t
from models.unemployment import TARGET_GROUPS, change_against_baseline, programme_counts

MONTH = pd.Timestamp("2018-03-01")


def cells(area: str, indicator: str, values: dict[str, float]) -> pd.DataFrame:
    """StatFin cells of one area and indicator, month (``2016-01``) → value."""
    months = pd.to_datetime([f"{month}-01" for month in values])
    return pd.DataFrame({"area_code": area, "indicator": indicator, "month": months, "value": list(values.values())})


def programme_changes() -> pd.DataFrame:
    """Every count group of a programme over 2016–2018, one cell missing (a gap) and one baseline of zero."""
    frames = []
    for number, code in enumerate(TARGET_GROUPS[group] for group in COUNT_GROUPS):
        values = {f"{year}-{month:02d}": 100.0 + number + year - 2016 + month for year in (2016, 2017, 2018)
                  for month in (1, 2, 3, 4)}  # fmt: skip
        values["2017-02"] = np.nan
        values["2016-04"] = 0.0
        frames.append(cells("programme", code, values))
    return change_against_baseline(pd.concat(frames, ignore_index=True), 2016)


def plotly_groups_figure(changes: pd.DataFrame, name: str, month: pd.Timestamp, year: int, lang: str) -> dict:
    """The oracle: the target-group chart as plotly's validating objects build it (the page's former code)."""
    figure = go.Figure()
    for group in COUNT_GROUPS:
        series = changes[(changes["indicator"] == TARGET_GROUPS[group]) & (changes["month"] <= month)]
        figure.add_trace(go.Scatter(x=series["month"], y=series["change_pct"], name=t(f"group.{group}", lang)))
    figure.add_hline(y=0, line={"color": "#777777", "width": 1})
    title = t("labour.groups_title", lang, name=name, year=year)
    return figure_layout(figure, title, "%", lang, height=620).to_plotly_json()


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
@pytest.mark.parametrize("month", [MONTH, pd.Timestamp("2016-06-01")])  # the second: no month after the baseline
def test_groups_figure_is_the_figure_plotly_builds(lang: str, month: pd.Timestamp):
    changes = programme_changes()
    plain = groups_figure(changes, "Ohjelma", month, 2016, lang)
    oracle = plotly_groups_figure(changes, "Ohjelma", month, 2016, lang)
    assert json.loads(to_json_plotly(plain)) == json.loads(to_json_plotly(oracle))  # the same JSON, keys in any order


def test_multiples_show_each_month_and_the_baseline_years_same_month():
    observations = pd.concat(
        [
            # 2015 is before the baseline: not shown; 2018-04 is after the chosen month: not shown
            cells(
                "KU837",
                "TYOTTOMAT25",
                {
                    "2015-03": 1.0,
                    "2016-02": 10.0,
                    "2016-03": 12.0,
                    "2017-02": 9.0,
                    "2017-03": np.nan,
                    "2018-03": 11.0,
                    "2018-04": 13.0,
                },
            ),  # fmt: skip
            cells("KU837", "TYOTTOMAT50", {"2017-02": 99.0}),  # another indicator: not shown
            cells("KU211", "TYOTTOMAT25", {"2017-02": 5.0}),  # no baseline year: its dotted line has gaps
        ],
        ignore_index=True,
    )
    figure = multiples_figure(observations, ["KU837", "KU211"], "TYOTTOMAT25", MONTH, 2016, {"837": "Tampere"}, "fi")
    baseline, value, other_baseline, other_value = figure["data"]
    assert value["x"] == ["2016-02-01", "2016-03-01", "2017-02-01", "2017-03-01", "2018-03-01"]
    assert value["y"] == [10.0, 12.0, 9.0, None, 11.0]  # the missing March 2017 a gap
    assert baseline["x"] == ["2017-02-01", "2017-03-01", "2018-03-01"]
    assert baseline["y"] == [10.0, 12.0, 12.0]  # February and March 2016 beside each later month
    assert (other_baseline["y"], other_value["y"]) == ([None], [5.0])
    assert [value["showlegend"], other_value["showlegend"]] == [True, False]
    assert [note["text"] for note in figure["layout"]["annotations"]] == ["Tampere", "KU211"]


def test_table_rows_give_each_area_the_programme_and_the_country():
    observations = pd.concat(
        [
            cells("KU837", "TYOTTOMATLOPUSSA", {"2016-03": 200.0, "2018-03": 150.0}),
            cells("KU211", "TYOTTOMATLOPUSSA", {"2016-03": 100.0, "2018-03": 120.0}),
            cells("KU837", "AKTASTE", {"2016-03": 25.0, "2018-03": 26.5}),
            cells("SSS", "TYOTTOMATLOPUSSA", {"2016-03": 1000.0, "2018-03": np.nan}),
        ],
        ignore_index=True,
    )
    changes = change_against_baseline(observations, 2016)
    programme = change_against_baseline(programme_counts(observations, ["KU837", "KU211"], "programme"), 2016)
    rows = table_rows(changes, programme, ["KU837", "KU211"], "Ohjelma", MONTH, {"837": "Tampere"}, "fi")
    assert [row["area"] for row in rows] == ["Tampere", "KU211", "Ohjelma yhteensä", "Koko maa"]
    # Tampere: (150 − 200) / 200 = −25 %; the activation rate (26.5 − 25) / 25 = +6 %
    assert (rows[0]["TYOTTOMATLOPUSSA_change"], rows[0]["TYOTTOMATLOPUSSA_change_text"]) == (-25.0, "−25,0\xa0%")
    assert (rows[0]["AKTASTE_value_text"], rows[0]["AKTASTE_change"]) == ("26,5", 6.0)
    # the programme: 150 + 120 = 270 against 200 + 100 = 300, −10 %; rates are not added up
    assert (rows[2]["TYOTTOMATLOPUSSA_value"], rows[2]["TYOTTOMATLOPUSSA_change"]) == (270.0, -10.0)
    assert "AKTASTE_value" not in rows[2]
    # the country's month is missing: blank, not zero
    assert (rows[3]["TYOTTOMATLOPUSSA_value"], rows[3]["TYOTTOMATLOPUSSA_value_text"]) == (None, "")
    assert rows[3]["TYOTTOMATLOPUSSA_baseline_text"] == "1\xa0000"

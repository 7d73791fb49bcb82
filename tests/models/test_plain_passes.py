"""The pages' plain passes give exactly what the pandas forms give, on drawn data: a programme's target groups
(``programme_changes``), its monthly savings (``programme_month_sums``, ``savings_by_month``) and each budget's
headline toimintakate (``headline_toimintakate``)."""

from __future__ import annotations

import math

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from models.budget import headline_toimintakate, toimintakate
from models.savings import programme_month_sums, programme_months, savings_by_month
from models.unemployment import change_against_baseline, programme_changes, programme_counts
from tests.models import pandas_oracles as oracle

AREAS = ["KU837", "KU211", "KU604", "SSS"]
INDICATORS = ["TYOTTOMATLOPUSSA", "TYOTTOMAT25", "AKTASTE"]  # AKTASTE: a rate, never added up
MONTHS = pd.to_datetime(["2015-12-01", "2016-03-01", "2016-06-01", "2017-03-01", "2017-06-01", "2018-03-01"])
CODES = ["837", "211", "604", "980"]


@st.composite
def statfin_cells(draw: st.DrawFn) -> pd.DataFrame:
    """Cells of some areas, indicators and months, each at most once; some values missing, some zero."""
    keys = [(area, indicator, month) for area in AREAS for indicator in INDICATORS for month in MONTHS]
    chosen = draw(st.lists(st.sampled_from(keys), unique=True, max_size=len(keys)))
    values = draw(
        st.lists(st.one_of(st.just(math.nan), st.just(0.0), st.integers(1, 5000).map(float)),
                 min_size=len(chosen), max_size=len(chosen))
    )  # fmt: skip
    rows = [(*key, value) for key, value in zip(chosen, values, strict=True)]
    frame = pd.DataFrame(rows, columns=["area_code", "indicator", "month", "value"])
    return frame.astype({"value": "float64", "month": "datetime64[us]"})


@given(statfin_cells(), st.lists(st.sampled_from(AREAS[:3]), min_size=1, max_size=3, unique=True))
def test_programme_changes_are_the_counts_against_the_baseline(cells: pd.DataFrame, members: list[str]):
    found = programme_changes(cells, members, 2016)
    if cells.empty:
        assert found == {}
        return
    expected = change_against_baseline(programme_counts(cells, members, "ohjelma"), 2016)
    assert set(found) == set(zip(expected["indicator"], expected["month"], strict=True))
    for indicator, month, value, change in expected[["indicator", "month", "value", "change_pct"]].itertuples(
        index=False
    ):
        got_value, got_change = found[(indicator, month)]
        assert got_value == value or (math.isnan(got_value) and math.isnan(value))
        assert got_change == change or (math.isnan(got_change) and math.isnan(change))


@st.composite
def kela_months(draw: st.DrawFn) -> pd.DataFrame:
    """Municipalities' monthly kuntaosuus 2016–2018 (each month at most once), refunds among them."""
    months = pd.date_range("2016-01-01", "2018-12-01", freq="MS")
    keys = [(code, month) for code in CODES for month in months]
    chosen = draw(st.lists(st.sampled_from(keys), unique=True, max_size=60))
    cents = draw(st.lists(st.integers(-10_000, 10_000_000), min_size=len(chosen), max_size=len(chosen)))
    rows = [(*key, value) for key, value in zip(chosen, cents, strict=True)]
    frame = pd.DataFrame(rows, columns=["municipality", "month", "kuntaosuus_cents"])
    return frame.astype({"kuntaosuus_cents": "int64", "month": "datetime64[us]"})


@given(
    kela_months(), st.lists(st.sampled_from(CODES), min_size=1, max_size=4, unique=True), st.sampled_from([2016, 2017])
)
def test_programme_month_sums_are_the_matched_months_added_up(totals: pd.DataFrame, members: list[str], year: int):
    pd.testing.assert_frame_equal(savings_by_month(totals, year), oracle.savings_by_month(totals, year))
    monthly = programme_months(oracle.savings_by_month(totals, year), members, "ohjelma")
    expected = {
        month: (int(actual), int(baseline), int(saving))
        for month, actual, baseline, saving in monthly[
            ["month", "actual_cents", "baseline_cents", "savings_cents"]
        ].itertuples(index=False)
    }
    assert programme_month_sums(totals, members, year) == expected


LINE = st.tuples(
    st.sampled_from([2018, 2019]),
    st.sampled_from(["budget", "revised_budget", "forecast"]),
    st.sampled_from(
        ["toimintatuotot", "toimintakulut", "valmistus_omaan_kayttoon", "toimintakate", "palvelujen_ostot"]
    ),
    st.integers(-10_000_000, 10_000_000),
    st.one_of(st.none(), st.integers(0, 19)),  # the parent line, a line of the same group under it not a top
)


@given(st.lists(LINE, max_size=20))
def test_headline_toimintakate_is_the_tables_headline(drawn: list[tuple]):
    rows = [
        (year, scenario, f"L{at}", f"rivi {at}", None if parent is None else f"L{parent}", category, cents)
        for at, (year, scenario, category, cents, parent) in enumerate(drawn)
    ]
    lines = pd.DataFrame(rows, columns=["year", "scenario", "code", "name", "parent", "category", "amount_cents"])
    table = toimintakate(lines)
    expected = dict(zip(zip(table["year"], table["scenario"], strict=True), table["toimintakate"], strict=True))
    assert headline_toimintakate(lines) == {key: int(value) for key, value in expected.items()}

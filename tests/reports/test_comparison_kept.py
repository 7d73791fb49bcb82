"""The Comparison page's figures kept after each import are the figures computed from the stored rows."""

from __future__ import annotations

from sqlalchemy import delete

from data_loaders.comparison import refresh_comparison_figures
from db import queries, store
from db.engine import engine, transaction
from db.freshness import CODE_VERSION
from db.tables import ComparisonFigure
from models.comparison import figures_stamp
from reports.comparison import comparison, national_values


def current_stamp(url: str) -> str:
    mergers = queries.municipality_mergers(url)
    register = queries.municipality_register(url)
    register = register[~register["code"].isin(set(mergers["old_code"]))]
    places = register.rename(columns={"code": "municipality"})[["municipality", "population"]]
    return figures_stamp(queries.latest_statistics_version(url), places, mergers, CODE_VERSION)


def test_an_import_keeps_every_municipalitys_figures_of_the_current_data(sample_url: str):
    kept = queries.comparison_figures([2016, 2019], 0, current_stamp(sample_url), sample_url)
    assert set(kept["year"]) == {2016, 2019}
    assert "297" in set(kept["municipality"])  # Kuopio, as the page ranks it among every municipality
    assert queries.comparison_figures([2016, 2019], 0, "figures of other data", sample_url).empty


def test_kept_figures_give_the_same_comparison_as_computing_them(sample_url: str):
    for year, month in ((2019, None), (2019, 6), (2018, 3)):
        kept = comparison("kuopio", 1, year, month, sample_url, national=national_values(year, month, 2016, sample_url))
        kept_shown = comparison("kuopio", 1, year, month, sample_url, national=False, with_trend=False)
        with engine(sample_url).begin() as connection:
            connection.execute(delete(ComparisonFigure))
        computed = comparison("kuopio", 1, year, month, sample_url, national=True)
        computed_shown = comparison("kuopio", 1, year, month, sample_url, national=False, with_trend=False)
        assert kept.rows == computed.rows  # values, ranks, percentiles, medians, missing months, populations
        assert kept.trend == computed.trend  # every indicator year by year since the baseline year
        assert kept_shown.rows == computed_shown.rows
        refresh_comparison_figures(sample_url)


def test_a_change_of_other_data_keeps_the_figures(sample_url: str):
    stamp = current_stamp(sample_url)
    with transaction(sample_url) as session:
        owner = store.programme_by_slug(session, "kuopio")
        store.save_comparison_group(session, owner, "Naapurit", ["297", "749"], "tester")
    assert current_stamp(sample_url) == stamp
    assert not queries.comparison_figures([2019], 0, stamp, sample_url).empty


def test_figures_kept_by_other_code_are_not_read(sample_url: str, monkeypatch):
    """An upgraded app computes afresh rather than serving what its earlier code kept."""
    import reports.comparison

    kept = current_stamp(sample_url)
    monkeypatch.setattr(reports.comparison, "CODE_VERSION", "upgraded")
    places = reports.comparison._reference(sample_url, with_populations=False)
    period = reports.comparison.Period(2019, None, 2016)
    codes = places["register"]["municipality"].tolist()
    assert not queries.comparison_figures([2016, 2019], 0, kept, sample_url).empty  # kept by this code
    assert reports.comparison._kept_values(codes, period, places, sample_url) is None  # not read by the upgraded

"""The monthly kuntaosuus kept after each import is the kuntaosuus computed from Kela's rows, figure for figure."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import delete

from data_loaders.comparison import refresh_comparison_figures
from db import queries
from db.engine import engine
from db.freshness import CODE_VERSION
from db.tables import KuntaosuusMonth
from models.savings import BASELINE_REGIME, MONTH_TOTAL, kuntaosuus_stamp, kuntaosuus_totals, with_predecessors
from reports import monthly_totals
from reports.monthly_totals import kuntaosuus_months
from reports.quarterly import Sources

TAMPERE_REGION = ["837", "211", "604", "980", "536", "562", "418", "922"]


def computed(codes: list[str], url: str) -> pd.DataFrame:
    mergers = queries.municipality_mergers(url)
    rows = queries.kela_area_totals(BASELINE_REGIME, url, areas=with_predecessors(codes, mergers), **MONTH_TOTAL)
    return kuntaosuus_totals(rows, mergers)


def current_stamp(url: str) -> str:
    return kuntaosuus_stamp(queries.statistics_imports(url), queries.municipality_mergers(url), CODE_VERSION)


def test_an_import_keeps_the_months_of_the_current_data(sample_url: str):
    kept = queries.kept_kuntaosuus(["837", "297"], current_stamp(sample_url), sample_url)
    assert kept is not None and set(kept["municipality"]) == {"837", "297"}
    tampere_2016 = kept[(kept["municipality"] == "837") & (kept["month"].dt.year == 2016)]
    assert tampere_2016["kuntaosuus_cents"].sum() == 32_219_400_00  # the seed's Tampere 2016, 32 219 400 €
    assert queries.kept_kuntaosuus(["837"], "months of other data", sample_url) is None


def test_kept_months_are_the_months_computed_from_kelas_rows(sample_url: str):
    for codes in (TAMPERE_REGION, ["297"], ["837", "no such code"]):
        kept = kuntaosuus_months(codes, sample_url)
        pd.testing.assert_frame_equal(kept, computed([c for c in codes if c.isdigit()], sample_url))


def test_without_kept_months_they_are_computed(sample_url: str):
    pack_before = Sources("kuopio", sample_url).kela_totals
    with engine(sample_url).begin() as connection:
        connection.execute(delete(KuntaosuusMonth))
    try:
        assert queries.kept_kuntaosuus(["297"], current_stamp(sample_url), sample_url) is None
        pd.testing.assert_frame_equal(kuntaosuus_months(["297"], sample_url), computed(["297"], sample_url))
        pd.testing.assert_frame_equal(Sources("kuopio", sample_url).kela_totals, pack_before)
    finally:
        refresh_comparison_figures(sample_url)


def test_months_kept_by_other_code_are_not_read(sample_url: str, monkeypatch):
    """An upgraded app computes afresh rather than serving what its earlier code kept."""
    assert queries.kept_kuntaosuus(["297"], current_stamp(sample_url), sample_url) is not None  # kept by this code
    monkeypatch.setattr(monthly_totals, "CODE_VERSION", "upgraded")
    read = []
    monkeypatch.setattr(queries, "kept_kuntaosuus", lambda *arguments: read.append(queries_kept(*arguments)))
    kuntaosuus_months(["297"], sample_url)
    assert read == [None]  # asked with the upgraded code's stamp: nothing kept is of it


queries_kept = queries.kept_kuntaosuus

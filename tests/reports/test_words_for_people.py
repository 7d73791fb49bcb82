"""Words for people: forecasts in whole euros, sources by document and page, a grid as xlsx."""

from __future__ import annotations

from io import BytesIO

import pytest
from openpyxl import load_workbook

from reports.text import source_citation, target_reason
from reports.workbook import table_workbook

NBSP = "\xa0"
OUTLOOK = {  # a forecast with cents, as models.forecast gives it (issue 12: "1 626 350,71 €")
    "status": "on_track",
    "baseline_year": 2016,
    "target_month": "2018-12-01",
    "as_of": "2018-06-01",
    "months_known": 6,
    "months_left": 6,
    "target_pct": 3.0,
    "saving_pct": 5.05,
    "baseline": 3_221_940_000,
    "target": 96_658_200,
    "saving": 162_635_071,
    "saving_low": 100_000_049,
    "saving_high": 200_000_050,
    "gap": 0,
}


def test_the_reason_sentence_gives_forecasts_in_whole_euros():
    reason = target_reason(OUTLOOK, "Tampere", "fi")
    assert f"1{NBSP}626{NBSP}351{NBSP}€" in reason  # 1 626 350,71 € rounded half away from zero
    assert ",71" not in reason and ",49" not in reason


@pytest.mark.parametrize(
    ("source", "lang", "cited"),
    [
        (
            "seed 000 p. 5 (risk, cause: 'Aikataulu'); invented: owner, scores",
            "fi",
            "Työllisyydenhoidon kehitysohjelma, Kaupunkiseudun työllisyyspalvelut: raportointi kaupungin "
            "johtoryhmälle 11.4. ja KH Sukolle 18.4. (seed 000), s. 5 · osin näytedatan keksimä",
        ),
        (
            "computed: kuntaosuus_saving_pct; seed 000 p. 4 (target 3 %) and p. 7 (perspective 'talous')",
            "fi",
            "Työllisyydenhoidon kehitysohjelma, Kaupunkiseudun työllisyyspalvelut: raportointi kaupungin "
            "johtoryhmälle 11.4. ja KH Sukolle 18.4. (seed 000), s. 4, 7",
        ),
        (
            "seed 004 Table 1 p. 9",
            "en",
            "Kuopio: Tulevaisuuden työllisyyspalvelu -kehityshanke (seed 004), Table 1, p. 9",
        ),
        ("invented", "fi", "näytedatan keksimä"),
    ],
)
def test_sources_are_cited_by_document_name_and_page(source: str, lang: str, cited: str):
    assert source_citation(source, lang) == cited


def test_a_grid_as_xlsx_keeps_numbers_and_makes_formula_text_inert():
    content = table_workbook("Budjetti", ["Rivi", "Talousarvio, €"], [["=1+1", -43_732_000], ["Koulutus", 50_000.5]])
    sheet = load_workbook(BytesIO(content)).active
    assert [[cell.value for cell in row] for row in sheet.iter_rows()] == [
        ["Rivi", "Talousarvio, €"],
        ["=1+1", -43_732_000],
        ["Koulutus", 50_000.5],
    ]
    assert sheet["A2"].data_type == "s" and sheet["A2"].quotePrefix  # text, never a formula
    assert sheet["B3"].number_format == "#,##0.00"
    assert sheet.freeze_panes == "A2" and sheet.tables

"""The pack's optional comparison section shows the page's figures, in the workbook and the printed page."""

from __future__ import annotations

import io

import openpyxl
import pytest

from reports.comparison import comparison, pack_section
from reports.pdf import pack_html
from reports.quarterly import quarterly_pack
from reports.workbook import pack_workbook
from tests.reports.conftest import THRESHOLDS


@pytest.fixture
def pack(sample_url: str) -> dict:
    found = quarterly_pack("kuopio", "2019Q4", sample_url, thresholds=THRESHOLDS)
    found["comparison"] = pack_section("kuopio", "2019Q4", sample_url)
    return found


def test_the_pack_without_comparison_has_no_comparison_sheet(sample_url: str):
    workbook = openpyxl.load_workbook(
        io.BytesIO(pack_workbook(quarterly_pack("kuopio", "2019Q4", sample_url, thresholds=THRESHOLDS)))
    )
    assert "Vertailu" not in workbook.sheetnames


def test_comparison_sheet_holds_the_pages_figures(pack: dict, sample_url: str):
    # Q4: the whole year 2019, as the page shows it for 2019; the page's rows of ours are the pack's rows
    assert (pack["comparison"]["year"], pack["comparison"]["month"]) == (2019, None)
    page = comparison("kuopio", 1, 2019, None, sample_url)
    ours = [row for row in page.rows if row["ours"]]
    sheet = openpyxl.load_workbook(io.BytesIO(pack_workbook(pack)))["Vertailu"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    per_resident = next(
        row for row in rows if row[0] == "Kuusi suurinta kaupunkia" and row[2].startswith("Kuntaosuus asukasta")
    )
    expected = next(row for row in ours if row["indicator"] == "kuntaosuus_per_resident")
    assert per_resident[3] == pytest.approx(expected["value"])  # a number in euros, not text
    assert per_resident[5] == f"{expected['group_rank']}/{expected['group_of']}"
    assert len(rows) == sum(len(group["rows"]) for group in pack["comparison"]["groups"])


def test_the_printed_pack_has_a_comparison_section_per_group(pack: dict):
    html = pack_html(pack, "fi")
    assert "Vertailu: Kuusi suurinta kaupunkia (6 kuntaa), 2019" in html
    assert "Vertailu: Maakuntakeskukset (20 kuntaa), 2019" in html
    assert "Sija 1 on pienin arvo" in html


def test_a_swedish_comparison_names_places_in_swedish(sample_url: str):
    # group 2: the regional centres; the register names 905 Vaasa "Vasa" and 853 Turku "Åbo" in Swedish
    finnish = {row["municipality"]: row["name"] for row in comparison("kuopio", 2, 2019, None, sample_url).rows}
    swedish = comparison("kuopio", 2, 2019, None, sample_url, lang="sv").rows
    names = {row["municipality"]: row["name"] for row in swedish}
    assert (finnish["905"], names["905"]) == ("Vaasa", "Vasa")
    assert (finnish["853"], names["853"]) == ("Turku", "Åbo")
    assert names["297"] == "Kuopio"  # no Swedish name: the Finnish one

"""The Budget page: the programme a link names, and a source box that follows what is shown."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from dashboards import ids
from tests.browser.test_pages import budget_cell, choose, fi_eur

pytestmark = pytest.mark.browser

TIMEOUT_MS = 15_000


def test_budget_page_opens_the_programme_its_link_names(page: Page, app_url: str) -> None:
    # the Overview links to /budget?programme=<slug>; seed 004: Kuopio's toimintakate 2019 −17 053 867 €
    page.goto(app_url + "/budget?programme=kuopio")
    expect(budget_cell(page, "Toimintakate")).to_have_text(fi_eur("−17 053 867 €"), timeout=TIMEOUT_MS)


def test_source_box_forgets_a_cell_of_another_programme(page: Page, app_url: str) -> None:
    # sample_data/tampere_tyollisyydenhoito_vusu2017.csv: toimintakate in cell F2
    page.goto(app_url + "/budget")
    cell = budget_cell(page, "Toimintakate")
    expect(cell).to_have_text(fi_eur("−43 732 000 €"), timeout=TIMEOUT_MS)
    cell.click()
    source = page.locator(f"#{ids.BUDGET_SOURCE}")
    expect(source).to_contain_text("tampere_tyollisyydenhoito_vusu2017.csv")
    choose(page, ids.BUDGET_PROGRAMME, "Tulevaisuuden työllisyyspalvelu (Kuopio)")
    expect(budget_cell(page, "Toimintakate")).to_have_text(fi_eur("−17 053 867 €"), timeout=TIMEOUT_MS)
    expect(source).not_to_contain_text("tampere")
    expect(source).to_have_text(
        "Napsauta summaa tai siirry siihen nuolinäppäimillä ja paina Enter, niin näet sen lähteen."
    )


def test_csv_cells_are_what_finnish_excel_reads_and_xlsx_is_offered_beside_it(page: Page, app_url: str) -> None:
    page.goto(app_url + "/budget")
    expect(budget_cell(page, "Toimintakate")).to_be_visible(timeout=TIMEOUT_MS)
    cell = "(value) => window.dashAgGridFunctions.csvCell({value})"
    assert page.evaluate(cell, 1234.5) == "1234,5"  # a decimal comma
    assert page.evaluate(cell, "=1+1") == "'=1+1"  # formula text stays inert
    with page.expect_download() as workbook:
        page.locator(f"#{ids.BUDGET_EXPORT_XLSX}").click()
    assert workbook.value.suggested_filename == "budjetti.xlsx"

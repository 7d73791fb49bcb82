"""The pages in a real browser: golden figures on screen, language switch, budget drill-down."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from dashboards import ids
from tests.browser.conftest import open_menu

pytestmark = pytest.mark.browser

NBSP = "\xa0"
TIMEOUT_MS = 15_000


def fi_eur(text: str) -> str:
    """``"−43 732 000 €"`` written with the non-breaking spaces Finnish formatting uses."""
    return text.replace(" ", NBSP)


def choose(page: Page, select_id: str, option: str) -> None:
    """Choose ``option`` (its label) in a labelled ``<select>`` (``components.selector``)."""
    page.locator(f"#{select_id}").select_option(label=option)
    expect(page.locator(f"#{select_id} option:checked")).to_have_text(option)


def budget_cell(page: Page, line_code: str, scenario: str = "budget"):
    return page.locator(f'#{ids.BUDGET_GRID} .ag-row[row-id="{line_code}"] [col-id="{scenario}"]')


@pytest.mark.parametrize(
    "programme, toimintakate",
    [
        # seed 000, VUSU 2017 Työllisyydenhoito: toimintakate −43 732 (1 000 €)
        ("Kaupunkiseudun työllisyyspalvelut", "−43 732 000 €"),
        # seed 004, Kuopio resources 2019: toimintakate −17 053 867 €
        ("Tulevaisuuden työllisyyspalvelu", "−17 053 867 €"),
    ],
)
def test_overview_shows_each_programmes_toimintakate(
    page: Page, app_url: str, programme: str, toimintakate: str
) -> None:
    page.goto(app_url + "/")
    card = page.locator(".card", has_text=programme).first
    expect(card).to_contain_text(toimintakate, timeout=TIMEOUT_MS)
    assert fi_eur(toimintakate) in card.inner_text()


def test_overview_marks_assumed_members(page: Page, app_url: str) -> None:
    # sample_data/programmes.json: two of Tampere's ten pilot municipalities are assumptions
    page.goto(app_url + "/")
    expect(page.locator(f"#{ids.OVERVIEW_PROGRAMMES}")).to_contain_text(
        "10 jäsenkuntaa (joista 2 oletettu", timeout=TIMEOUT_MS
    )


def test_language_switch_shows_english_labels_and_numbers(page: Page, app_url: str) -> None:
    page.goto(app_url + "/")
    expect(page.locator(f"#{ids.OVERVIEW_PROGRAMMES}")).to_contain_text("Toimintakate", timeout=TIMEOUT_MS)
    open_menu(page)
    page.locator(f"#{ids.SHELL_LANGUAGE_SWITCH} a[lang=en]").click()
    try:
        expect(page).to_have_url(re.compile(r"lang=en"))
        programmes = page.locator(f"#{ids.OVERVIEW_PROGRAMMES}")
        expect(programmes).to_contain_text("Operating margin", timeout=TIMEOUT_MS)
        expect(programmes).to_contain_text("-€43,732,000")
        expect(page.locator(f"#{ids.SHELL_NAVBAR}")).to_contain_text("Budget")
        expect(page.locator("html")).to_have_attribute("lang", "en")
        assert "Toimintakulut, €" not in programmes.inner_text()
    finally:  # the switch keeps English in the admin's profile: Finnish again for the tests after this one
        page.goto(f"{app_url}/kieli?lang=fi&next=/")


def test_navbar_links_keep_the_language(page: Page, app_url: str) -> None:
    page.goto(app_url + "/?lang=en")
    open_menu(page)
    page.locator(f"#{ids.SHELL_NAVBAR}").get_by_role("link", name="Budget", exact=True).click()
    expect(page).to_have_url(re.compile(r"/budget\?lang=en"))
    expect(page.locator("h1")).to_have_text("Budget line by line", timeout=TIMEOUT_MS)


def test_budget_total_follows_the_chosen_year(page: Page, app_url: str) -> None:
    # seed 000, development-programme budget: effect on toimintakate −800 (2017), −1 000 (2018)
    page.goto(app_url + "/budget")
    choose(page, ids.BUDGET_BUDGET, "Kehitysohjelman budjetti")
    title = page.locator(f"#{ids.BUDGET_GRID_TITLE}")
    expect(title).to_contain_text("Kehitysohjelman budjetti", timeout=TIMEOUT_MS)  # years loaded
    total = budget_cell(page, "VAIKUTUS TOIMINTAKATTEESEEN")
    choose(page, ids.BUDGET_YEAR, "2017")
    expect(total).to_have_text(fi_eur("−800 000 €"), timeout=TIMEOUT_MS)
    choose(page, ids.BUDGET_YEAR, "2018")
    expect(total).to_have_text(fi_eur("−1 000 000 €"), timeout=TIMEOUT_MS)
    expect(title).to_contain_text("2018")


def test_a_figure_tells_where_it_comes_from(page: Page, app_url: str) -> None:
    # sample_data/tampere_tyollisyydenhoito_vusu2017.csv: toimintakate is in cell F2
    page.goto(app_url + "/budget")
    cell = budget_cell(page, "Toimintakate")
    expect(cell).to_have_text(fi_eur("−43 732 000 €"), timeout=TIMEOUT_MS)
    cell.hover()
    expect(page.locator(".ag-tooltip")).to_contain_text("tampere_tyollisyydenhoito_vusu2017.csv")
    cell.click()
    source = page.locator(f"#{ids.BUDGET_SOURCE}")
    expect(source).to_contain_text("tampere_tyollisyydenhoito_vusu2017.csv")
    expect(source).to_contain_text("solu F2")


def test_reconciliation_reports_rounding_as_information(page: Page, app_url: str) -> None:
    # seed 000: the sub-lines of toimintakulut add up to −48 665, one thousand off: rounding
    page.goto(app_url + "/budget")
    findings = page.locator(f"#{ids.BUDGET_FINDINGS}")
    expect(findings).to_contain_text("pyöristysero", timeout=TIMEOUT_MS)
    expect(findings).to_contain_text("Tieto")


def test_waterfall_is_drawn(page: Page, app_url: str) -> None:
    page.goto(app_url + "/budget")
    graph = page.locator(f"#{ids.BUDGET_WATERFALL} .js-plotly-plot")
    expect(graph).to_have_count(1, timeout=TIMEOUT_MS)
    expect(graph.locator(".waterfalllayer .point").first).to_be_visible()
    expect(graph).to_contain_text("Toimintatuotoista toimintakatteeseen, €")


def test_budget_lines_can_be_downloaded(page: Page, app_url: str) -> None:
    page.goto(app_url + "/budget")
    expect(budget_cell(page, "Toimintakate")).to_be_visible(timeout=TIMEOUT_MS)
    with page.expect_download() as download:
        page.locator(f"#{ids.BUDGET_EXPORT}").click()
    assert download.value.suggested_filename == "budjetti.csv"
    raw = open(download.value.path(), "rb").read()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with a BOM, as Finnish Excel reads it
    exported = raw.decode("utf-8-sig")
    assert exported.splitlines()[0] == '"Rivi";"JHS 192 -rivi";"Talousarvio, €"'  # ";" between columns
    assert "Toimintakate" in exported and "-43732000" in exported.replace(" ", "").replace(",", "")


@pytest.mark.parametrize(
    ("value", "exported"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1", "'+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("Palvelujen ostot", "Palvelujen ostot"),
        (-48664000, -48664000),
    ],
)
def test_csv_export_neutralises_formula_text_in_the_browser(page: Page, app_url: str, value, exported) -> None:
    """The grid's CSV guard, run by the browser itself: text that looks like a formula is made inert."""
    page.goto(app_url + "/budget")
    result = page.evaluate("(params) => window.dashAgGridFunctions.neutraliseFormula(params)", {"value": value})
    assert result == exported

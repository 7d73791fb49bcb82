"""The Overview as the director's cockpit, in a real browser: status, savings, budget figures and their sources."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from dashboards import ids
from tests.browser.conftest import ADMIN, log_in

pytestmark = pytest.mark.browser

NBSP = "\xa0"
TIMEOUT_MS = 15_000


def fi(text: str) -> str:
    """Finnish formatting's non-breaking spaces (thousands, before € and %)."""
    return text.replace(" ", NBSP)


def card(page: Page, slug: str):
    return page.locator(f'.overview-card[data-programme="{slug}"]')


@pytest.mark.parametrize(
    "slug, status, figures",
    [
        # Tampere's ten pilots, 1–12/2018: saving 1 587 580 € (3.33 %) against a target of 1 431 282 € — met
        ("tampere-seutu", "Saavutettu", ["1 587 580 € (3,3 %)", "1 431 282 € (3,0 %)"]),
        # Kuopio at 9/2020, the last month of the synthetic Kela file: at risk, three months forecast
        (
            "kuopio",
            "Vaarassa",
            ["Tiedot 9/2020 asti; 3 kuukautta ennustettu", "136 169,91 € (1,7 %)", "tavoite 1/2020–12/2020: 319 500 €"],
        ),
    ],
)
def test_each_programme_shows_its_target_status_and_saving(page: Page, app_url: str, slug, status, figures) -> None:
    page.goto(app_url + "/")
    shown = card(page, slug)
    expect(shown.locator(".card-header")).to_contain_text(status, timeout=TIMEOUT_MS)
    for figure in figures:
        expect(shown).to_contain_text(fi(figure))


def test_the_status_reason_uses_the_benefits_pages_words(page: Page, app_url: str) -> None:
    page.goto(app_url + "/")
    reason = card(page, "tampere-seutu").locator(".overview-reason")
    expect(reason).to_contain_text("saavutti tavoitteen", timeout=TIMEOUT_MS)
    overview_reason = reason.locator("span").first.inner_text().strip()
    reason.get_by_role("link").click()
    expect(page.locator(f"#{ids.BENEFITS_REASON}")).to_have_text(overview_reason, timeout=TIMEOUT_MS)


def test_the_development_budgets_actuals_are_shown_against_its_plan(page: Page, app_url: str) -> None:
    # seed 000: development programme −1 000 (1 000 €) in 2018; sample_data/plans.json: 2018Q4 actual −1 030 000 €
    page.goto(app_url + "/")
    row = card(page, "tampere-seutu").locator("tr", has_text="Kehitysohjelman budjetti")
    expect(row).to_contain_text(fi("−1 000 000 €"), timeout=TIMEOUT_MS)
    expect(row).to_contain_text(fi("−1 030 000 €"))
    expect(row).to_contain_text(fi("−30 000 €"))


def test_a_plan_figure_links_to_its_page_and_names_its_source_cell(page: Page, app_url: str) -> None:
    # sample_data/tampere_kehitysohjelma_2017_2018.csv: the 2018 effect on toimintakate is in cell F18
    page.goto(app_url + "/")
    row = card(page, "tampere-seutu").locator("tr", has_text="Kehitysohjelman budjetti")
    plan = row.get_by_role("link", name=fi("−1 000 000 €"))
    expect(plan).to_have_attribute("href", "/budget?programme=tampere-seutu", timeout=TIMEOUT_MS)
    expect(plan).to_have_attribute("title", "lähde: tampere_kehitysohjelma_2017_2018.csv, solu F18")
    # sample_data/tampere_tyollisyydenhoito_vusu2017.csv: VUSU 2017 toimintakate in cell F2
    vusu = card(page, "tampere-seutu").get_by_role("link", name=fi("−43 732 000 €"))
    expect(vusu).to_have_attribute("title", "lähde: tampere_tyollisyydenhoito_vusu2017.csv, solu F2")
    saving = card(page, "tampere-seutu").locator(".overview-savings").get_by_role("link").first
    expect(saving).to_have_attribute("href", "/hyodyt?programme=tampere-seutu")


def test_very_high_risks_and_the_next_deadline_are_shown(page: Page, app_url: str) -> None:
    # sample_data/plans.json: K2 residual 4 × 5 = 20 in 2020Q3, up from 16; 22 people's fixed-term posts end 31.12.2020
    page.goto(app_url + "/")
    kuopio = card(page, "kuopio")
    expect(kuopio.locator(".overview-risks")).to_contain_text("K2 (20)", timeout=TIMEOUT_MS)
    expect(kuopio.locator(".overview-risks")).to_contain_text("↑ kasvoi")
    expect(kuopio.locator(".overview-deadlines")).to_contain_text("31.12.2020: 22 henkilön määräaikaisuus päättyy")
    expect(kuopio.locator(".overview-risks").get_by_role("link").first).to_have_attribute(
        "href", "/riskit?programme=kuopio"
    )


def test_both_cards_fit_in_one_screen_at_1366_by_768(browser: Browser, app_url: str) -> None:
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="fi-FI")
    opened = context.new_page()
    try:
        log_in(opened, app_url, *ADMIN)
        opened.goto(app_url + "/")
        expect(card(opened, "kuopio").locator(".overview-trend .main-svg").first).to_be_visible(timeout=TIMEOUT_MS)
        for slug in ("tampere-seutu", "kuopio"):
            box = card(opened, slug).bounding_box()
            assert box is not None and box["y"] + box["height"] <= 768, (slug, box)
    finally:
        context.close()

"""The Comparison page in a real browser: choose a group, see ours highlighted, open source rows, export the table."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from dashboards import ids
from tests.browser.test_charts import CHARTS_ON_PAGE
from tests.browser.test_pages import TIMEOUT_MS, choose
from tests.browser.test_roles import viewer  # noqa: F401 - the fixture: a viewer of Kuopio, logged in

pytestmark = pytest.mark.browser
OURS_COLOUR = "rgb(192, 57, 43)"  # dashboards.figures.comparison.OURS_COLOUR, #c0392b


def test_choose_a_group_see_ours_highlighted_and_export(page: Page, app_url: str) -> None:
    page.goto(app_url + "/vertailu?programme=kuopio")
    choose(page, ids.COMPARISON_PROGRAMME, "Tulevaisuuden työllisyyspalvelu (Kuopio)")
    choose(page, ids.COMPARISON_GROUP, "Kuusi suurinta kaupunkia (6)")
    strips = page.locator(f"#{ids.COMPARISON_STRIPS}")
    # the sample's Kela data (2016–2020) has Tampere of the six; Kuopio is ours, drawn red and named on its dot
    expect(strips).to_contain_text("Kuusi suurinta kaupunkia", timeout=TIMEOUT_MS)
    expect(strips.locator(".textpoint text", has_text="Kuopio").first).to_be_visible(timeout=TIMEOUT_MS)
    red = strips.locator(f'.scatterlayer path.point[style*="fill: {OURS_COLOUR}"]')
    expect(red.first).to_be_attached()
    # the trend as small multiples, one per municipality shown: the six and Kuopio, drawn with the partial bundle
    expect(page.locator(f"#{ids.COMPARISON_TREND} .infolayer .annotation")).to_have_count(7, timeout=TIMEOUT_MS)
    charts = page.evaluate(CHARTS_ON_PAGE)
    assert charts["drawn"] >= 2 and set(charts["used"]) <= set(charts["registered"]), charts
    # the sentence says Kuopio's rank among the group and ours; the notes say the Juankoski merger and the population
    expect(page.locator(f"#{ids.COMPARISON_SENTENCE}")).to_contain_text("Kuopio: kuntaosuus asukasta kohden")
    notes = page.locator(f"#{ids.COMPARISON_NOTES}")
    expect(notes).to_contain_text("Juankoski → Kuopio")
    expect(notes).to_contain_text("kuntarekisterin väkiluku vuoden 2020 lopulta")
    grid = page.locator(f"#{ids.COMPARISON_GRID}")
    expect(grid).to_contain_text("Kuopio", timeout=TIMEOUT_MS)
    expect(grid).to_contain_text("Tampere")
    # a row opens its source rows: Kela's month totals of Kuopio and Juankoski
    grid.locator('.ag-cell[col-id="indicator_text"]', has_text="Kuntaosuus asukasta kohden").first.click()
    source = page.locator(f"#{ids.COMPARISON_SOURCE}")
    expect(source).to_contain_text("Lähderivit: Kuopio", timeout=TIMEOUT_MS)
    expect(source).to_contain_text("kunta_osuus_eur")
    with page.expect_download() as download:
        page.locator(f"#{ids.COMPARISON_EXPORT}").click()
    assert download.value.suggested_filename == "vertailu.csv"
    text = download.value.path().read_text(encoding="utf-8-sig")
    assert text.splitlines()[0].startswith('"Kunta";') and "Kuopio" in text
    with page.expect_download() as workbook:
        page.locator(f"#{ids.COMPARISON_EXPORT_XLSX}").click()
    assert workbook.value.suggested_filename == "vertailu.xlsx"


def test_an_analyst_saves_and_removes_a_group_on_the_page(page: Page, app_url: str) -> None:
    # the admin may do what an analyst may: save a group of the programme's own, then remove it
    page.goto(app_url + "/vertailu?programme=kuopio")
    choose(page, ids.COMPARISON_PROGRAMME, "Tulevaisuuden työllisyyspalvelu (Kuopio)")
    page.locator(f"#{ids.COMPARISON_GROUP_NAME}").fill("Savon kaupungit")
    members = page.locator(f"#{ids.COMPARISON_GROUP_MEMBERS}")
    for name in ("Mikkeli (491)", "Varkaus (915)"):
        members.click()
        page.keyboard.type(name.split(" ")[0])
        page.get_by_role("option", name=name).click()
        page.keyboard.press("Escape")
        expect(members).to_contain_text(name.split(" ")[0])
    page.locator(f"#{ids.COMPARISON_GROUP_SAVE}").click()
    expect(page.locator(f"#{ids.COMPARISON_GROUP_MESSAGE}")).to_contain_text("tallennettiin", timeout=TIMEOUT_MS)
    expect(page.locator(f"#{ids.COMPARISON_GROUP} option", has_text="Savon kaupungit (2)")).to_be_attached()
    choose(page, ids.COMPARISON_GROUP, "Savon kaupungit (2)")
    expect(page.locator(f"#{ids.COMPARISON_STRIPS}")).to_contain_text("Savon kaupungit", timeout=TIMEOUT_MS)
    page.locator(f"#{ids.COMPARISON_GROUP_REMOVE}").click()
    expect(page.locator(f"#{ids.COMPARISON_GROUP_MESSAGE}")).to_contain_text("poistettiin", timeout=TIMEOUT_MS)
    expect(page.locator(f"#{ids.COMPARISON_GROUP} option", has_text="Savon kaupungit")).to_have_count(0)


def test_a_viewer_sees_the_group_editor_disabled_with_the_reason(request: pytest.FixtureRequest, app_url: str) -> None:
    opened, errors = request.getfixturevalue("viewer")
    opened.goto(app_url + "/vertailu?programme=kuopio")
    expect(opened.locator("#role-reason-import")).to_contain_text("Katselija", timeout=TIMEOUT_MS)
    for control in (ids.COMPARISON_GROUP_NAME, ids.COMPARISON_GROUP_SAVE, ids.COMPARISON_GROUP_REMOVE):
        expect(opened.locator(f"#{control}")).to_be_disabled()
    expect(opened.locator(f"#{ids.COMPARISON_STRIPS}")).to_contain_text("Kuusi suurinta", timeout=TIMEOUT_MS)
    assert errors == []

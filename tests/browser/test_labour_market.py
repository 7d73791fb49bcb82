"""The Labour market page in a real browser: the map with its credit, small multiples and a table that exports."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from dashboards import ids
from tests.browser.test_pages import TIMEOUT_MS, choose

pytestmark = pytest.mark.browser


def test_labour_market_draws_the_map_and_the_pilot_municipalities(page: Page, app_url: str) -> None:
    page.goto(app_url + "/tyomarkkinat")
    map_card = page.locator(".card", has=page.locator(f"#{ids.LABOUR_MAP}"))
    expect(map_card).to_contain_text("Maanmittauslaitos, Yle", timeout=TIMEOUT_MS)
    # 309 municipalities: one grey trace for those without data, one filled trace per colour class, and a
    # hover point in the middle of each of the eleven with data (sample: Tampere's ten and Kuopio).
    expect(page.locator(f"#{ids.LABOUR_MAP} .scatterlayer .trace").first).to_be_attached(timeout=TIMEOUT_MS)
    expect(page.locator(f"#{ids.LABOUR_MAP} .scatterlayer .points path.point")).to_have_count(11)
    # Small multiples: one chart for each of Tampere's ten pilot municipalities (sample_data/programmes.json).
    expect(page.locator(f"#{ids.LABOUR_MULTIPLES} .infolayer .annotation")).to_have_count(10, timeout=TIMEOUT_MS)
    expect(page.locator(f"#{ids.LABOUR_SOURCES}")).to_contain_text("synteettisiä")


def test_labour_market_table_follows_the_group_and_exports(page: Page, app_url: str) -> None:
    page.goto(app_url + "/tyomarkkinat")
    grid = page.locator(f"#{ids.LABOUR_GRID}")
    expect(grid).to_contain_text("Tampere", timeout=TIMEOUT_MS)
    expect(grid).to_contain_text("Koko maa")
    choose(page, ids.LABOUR_GROUP, "Pitkäaikaistyöttömät")
    expect(page.locator(f"#{ids.LABOUR_MAP}")).to_contain_text("Pitkäaikaistyöttömät", timeout=TIMEOUT_MS)
    # the small multiples come after the map (LABOUR_MAP_SHOWN) and follow the new group too
    expect(page.locator(f"#{ids.LABOUR_MULTIPLES}")).to_contain_text("Pitkäaikaistyöttömät", timeout=TIMEOUT_MS)
    with page.expect_download() as download:
        page.locator(f"#{ids.LABOUR_EXPORT}").click()
    assert download.value.suggested_filename == "tyomarkkinat.csv"

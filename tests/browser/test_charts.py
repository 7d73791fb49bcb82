"""Every chart is drawn with the partial plotly.js bundle (``frontend/plotly``), never the full one.

A trace type missing from the bundle would leave its chart silently empty, so
each page with charts is opened and every trace on it checked against the
trace types the bundle registers.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from plotly.offline import get_plotlyjs_version

pytestmark = pytest.mark.browser

TIMEOUT_MS = 20_000
PAGES_WITH_CHARTS = {  # path: how many charts the sample data draws there at least
    "/budget": 1,
    "/hyodyt?programme=tampere-seutu": 2,
    "/tyomarkkinat": 3,
    "/riskit?programme=tampere-seutu": 1,
    "/neljannes?programme=kuopio&quarter=2019Q4": 3,
}
DRAWN_AT_LEAST = """(wanted) =>
    [...document.querySelectorAll('.js-plotly-plot')].filter((gd) => (gd.data || []).length).length >= wanted"""
CHARTS_ON_PAGE = """() => {
    const registered = Object.keys(Plotly.PlotSchema.get().traces);
    const graphs = [...document.querySelectorAll('.js-plotly-plot')].filter((gd) => (gd.data || []).length);
    const used = graphs.flatMap((gd) => gd.data.map((trace) => trace.type || 'scatter'));
    return {version: Plotly.version, registered, used, drawn: graphs.length};
}"""


@pytest.mark.parametrize("path", PAGES_WITH_CHARTS)
def test_every_chart_uses_a_trace_type_of_the_bundle(page: Page, app_url: str, path: str) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(app_url + path)
    expect(page.locator(".js-plotly-plot .main-svg").first).to_be_visible(timeout=TIMEOUT_MS)
    page.wait_for_load_state("networkidle")
    try:  # the answers are in at network idle; Plotly may still be drawing the last charts (a loaded machine)
        page.wait_for_function(DRAWN_AT_LEAST, arg=PAGES_WITH_CHARTS[path], timeout=TIMEOUT_MS)
    except PlaywrightTimeout:
        pass  # the assertion below says how many were drawn
    charts = page.evaluate(CHARTS_ON_PAGE)
    assert charts["drawn"] >= PAGES_WITH_CHARTS[path]
    assert set(charts["used"]) <= set(charts["registered"]), charts
    assert charts["version"] == get_plotlyjs_version()
    assert any("/assets/plotly-partial.min.js" in url for url in requested)
    assert not [url for url in requested if "package_data/plotly" in url]  # the full 4.8 MB plotly.js

"""Every screen: no page scrolls sideways at 320 px, the navbar folds behind a menu button where it does not fit,
200 % zoom keeps the page's heading on the first screen, and every chart is told in words and as a table.

The pages are the navbar's and the footer's own links (the admin sees every page), so a page added
later is measured too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from dashboards import ids
from tests.browser.conftest import ADMIN, log_in

pytestmark = pytest.mark.browser

TIMEOUT_MS = 20_000
NARROWEST = {"width": 320, "height": 640}  # WCAG 1.4.10: 1 280 px at 400 % zoom
NAVBAR_TIGHT = {"width": 1024, "height": 768}  # where the navbar used to need 1 326 px
ZOOMED = {"width": 683, "height": 450}  # 1 366 × 900 at 200 % zoom
LANGUAGES = ("fi", "sv", "en")
PAGE_LINKS = """() => [...document.querySelectorAll('#shell-navbar a.nav-link[href], footer a[href]')]
    .filter((link) => !link.closest('#shell-language-switch') && link.id !== 'shell-language-switch')
    .map((link) => link.getAttribute('href'))
    .filter((href) => href.startsWith('/'))"""
SIDEWAYS = """() => ({scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth,
    widest: [...document.querySelectorAll('body *')]
        .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
        .filter((e) => e.parentElement.getBoundingClientRect().right <= document.documentElement.clientWidth + 1)
        .slice(0, 3).map((e) => e.tagName + '.' + e.className + '#' + e.id)})"""


@pytest.fixture
def narrow(browser: Browser, app_url: str) -> Iterator[Page]:
    """A logged-in page whose viewport each test sets itself."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="fi-FI")
    opened = context.new_page()
    log_in(opened, app_url, *ADMIN)
    yield opened
    context.close()


def page_paths(page: Page, app_url: str) -> list[str]:
    """The addresses of every page the navbar and the footer link to, without the language."""
    page.goto(app_url + "/")
    page.wait_for_function(f"({PAGE_LINKS})().length > 5", timeout=TIMEOUT_MS)  # the navbar filled for the user
    paths = [re.sub(r"[?&]lang=\w+", "", href) or "/" for href in page.evaluate(PAGE_LINKS)]
    return list(dict.fromkeys(paths))


def settle(page: Page) -> None:
    """Wait until the page's callbacks have answered and its charts are drawn."""
    page.wait_for_load_state("networkidle")
    expect(page.locator("h1").first).to_be_visible(timeout=TIMEOUT_MS)
    expect(page.locator("[data-dash-is-loading='true']")).to_have_count(0, timeout=TIMEOUT_MS)
    page.wait_for_timeout(300)


def test_no_page_scrolls_sideways_at_320_px(narrow: Page, app_url: str) -> None:
    paths = page_paths(narrow, app_url)
    assert {"/", "/budget", "/hyodyt", "/tyomarkkinat", "/riskit", "/neljannes"} <= set(paths), paths
    narrow.set_viewport_size(NARROWEST)
    wide = {}
    for path in paths:
        narrow.goto(app_url + path)
        settle(narrow)
        measured = narrow.evaluate(SIDEWAYS)
        if measured["scroll"] > measured["client"]:
            wide[path] = measured
    assert wide == {}, f"pages wider than {NARROWEST['width']} px: {wide}"


def navbar_items(page: Page) -> list[Locator]:
    """Every item of the navbar: the page links, the account menu (log-out is in it) and the language switch."""
    navbar = page.locator(f"#{ids.SHELL_NAVBAR}")
    links = navbar.locator("a.nav-link")
    return [links.nth(index) for index in range(links.count())]


def within_viewport(item: Locator, width: int) -> bool:
    box = item.bounding_box()
    return box is not None and item.is_visible() and box["x"] >= 0 and box["x"] + box["width"] <= width


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_navbar_item_is_reachable_at_1024_px(narrow: Page, app_url: str, lang: str) -> None:
    narrow.set_viewport_size(NAVBAR_TIGHT)
    narrow.goto(f"{app_url}/hyodyt?lang={lang}")
    settle(narrow)
    items = navbar_items(narrow)
    assert len(items) >= 10  # nine pages, the account menu and the language switch
    if not all(within_viewport(item, NAVBAR_TIGHT["width"]) for item in items):
        button = narrow.locator(f"#{ids.SHELL_MENU_BUTTON}")
        expect(button).to_be_visible()
        expect(button).to_have_attribute("aria-expanded", "false")
        expect(button).to_have_accessible_name(re.compile(r"\w+"))
        assert button.get_attribute("aria-controls") == ids.SHELL_MENU
        button.focus()
        narrow.keyboard.press("Enter")
        expect(button).to_have_attribute("aria-expanded", "true")
        narrow.wait_for_timeout(400)  # the menu's opening transition
    outside = [item.inner_text() for item in items if not within_viewport(item, NAVBAR_TIGHT["width"])]
    assert outside == []
    account = narrow.locator(f"#{ids.SHELL_NAVBAR} .dropdown-toggle")
    account.focus()
    narrow.keyboard.press("Enter")
    log_out = narrow.locator(f"#{ids.SHELL_NAVBAR} form button[type=submit]")
    expect(log_out).to_be_visible()
    assert within_viewport(log_out, NAVBAR_TIGHT["width"])
    assert narrow.evaluate("document.documentElement.scrollWidth") <= NAVBAR_TIGHT["width"]


def test_menu_closes_again_and_the_wide_navbar_needs_no_button(narrow: Page, app_url: str) -> None:
    narrow.set_viewport_size(NAVBAR_TIGHT)
    narrow.goto(app_url + "/budget")
    settle(narrow)
    button = narrow.locator(f"#{ids.SHELL_MENU_BUTTON}")
    button.click()
    expect(narrow.locator(f"#{ids.SHELL_MENU}")).to_be_visible()
    button.click()
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(narrow.locator(f"#{ids.SHELL_MENU}")).to_be_hidden()
    narrow.set_viewport_size({"width": 1600, "height": 900})
    expect(button).to_be_hidden()
    assert all(within_viewport(item, 1600) for item in navbar_items(narrow))


def test_at_200_percent_zoom_each_page_starts_with_its_heading(narrow: Page, app_url: str) -> None:
    paths = page_paths(narrow, app_url)
    narrow.set_viewport_size(ZOOMED)
    late = {}
    for path in paths:
        narrow.goto(app_url + path)
        settle(narrow)
        expect(narrow.locator(f"#{ids.SHELL_MENU_BUTTON}")).to_be_visible()  # the navbar is folded
        heading = narrow.locator("h1").first.bounding_box()
        measured = narrow.evaluate(SIDEWAYS)
        if heading["y"] < 0 or heading["y"] + heading["height"] > ZOOMED["height"] * 2 / 3:  # content follows it
            late[path] = heading
        assert measured["scroll"] <= measured["client"], (path, measured)
    assert late == {}, f"headings below the first two thirds of the screen: {late}"


# --- charts in words ---------------------------------------------------------------------------

CHART_POINTS = """(name) => {
    const gd = document.querySelector(`figure[aria-labelledby="${name}-summary"] .js-plotly-plot`);
    const shown = (gd.data || []).filter((trace) => trace.hoverinfo !== 'skip' && trace.hoverinfo !== 'none');
    const along = (trace) => (trace.orientation === 'h' ? trace.y : trace.x) || [];
    return new Set(shown.flatMap((trace) => Array.from(along(trace)).filter((x) => x !== null).map(String))).size;
}"""


def charts_of(page: Page) -> list[str]:
    """The names of the charts on the page (``chart_text.chart``)."""
    return page.eval_on_selector_all(
        "figure.chart[aria-labelledby]", "figures => figures.map((f) => f.getAttribute('aria-labelledby'))"
    )


def check_chart(page: Page, labelled_by: str, unit: str) -> None:
    """The chart is named by a summary with ``unit``; its table opens from the keyboard, one row per point."""
    name = labelled_by.removesuffix("-summary")
    figure = page.locator(f'figure[aria-labelledby="{labelled_by}"]')
    expect(figure.locator(".js-plotly-plot .main-svg").first).to_be_visible(timeout=TIMEOUT_MS)
    expect(figure).to_have_accessible_name(re.compile(re.escape(unit)), timeout=TIMEOUT_MS)
    expect(figure).to_have_accessible_name(re.compile(r"\d"))  # the latest value
    table = page.locator(f"#{name}-table table")
    expect(table).to_be_hidden()
    summary = figure.locator("details > summary")
    summary.focus()
    page.keyboard.press("Enter")
    expect(table).to_be_visible()
    expect(table.locator("caption")).to_contain_text(unit)
    expect(table.locator("thead th[scope=col]").first).to_be_visible()
    points = page.evaluate(CHART_POINTS, name)
    assert points > 0
    expect(table.locator("tbody tr")).to_have_count(points)
    expect(table.locator("tbody th[scope=row]")).to_have_count(points)


@pytest.mark.parametrize(
    "path, at_least",
    [
        ("/hyodyt?programme=tampere-seutu", 2),  # monthly kuntaosuus and the accumulated saving, in euros
        ("/", 2),  # each programme's accumulated saving, in euros
    ],
)
def test_each_chart_is_named_with_its_unit_and_opens_its_table_by_keyboard(
    page: Page, app_url: str, path: str, at_least: int
) -> None:
    page.goto(app_url + path)
    expect(page.locator("figure.chart .js-plotly-plot").first).to_be_visible(timeout=TIMEOUT_MS)
    page.wait_for_load_state("networkidle")
    charts = charts_of(page)
    assert len(charts) >= at_least
    for labelled_by in charts:
        check_chart(page, labelled_by, "€")


def test_the_table_follows_the_chart_when_the_choice_changes(page: Page, app_url: str) -> None:
    page.goto(app_url + "/hyodyt?programme=tampere-seutu")
    summary = page.locator(f"#{ids.BENEFITS_MONTHLY}-summary")
    expect(summary).to_contain_text("€", timeout=TIMEOUT_MS)
    before = summary.inner_text()
    page.goto(app_url + "/hyodyt?programme=kuopio&lang=en")
    expect(summary).to_contain_text("latest", timeout=TIMEOUT_MS)
    assert summary.inner_text() != before
    check_chart(page, f"{ids.BENEFITS_MONTHLY}-summary", "€")

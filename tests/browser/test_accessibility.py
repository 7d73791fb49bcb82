"""WCAG 2.1 AA in a real browser: axe-core on every page in fi, sv and en, the states users reach, and the keyboard.

axe-core comes from the npm registry, pinned in ``tests/browser/axe/package-lock.json`` and
installed by ``make axe`` (a prerequisite of ``make test``). Every rule tagged WCAG 2.0/2.1
A or AA runs; no rule is excluded. Measured before the work of issue 13 (sample data, admin,
1366×900, Finnish): 132 serious or critical violations over the 9 pages (colour-contrast 99,
aria-hidden-focus 18, label 7, select-name 7, aria-required-children 1); the login page none.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

import app as composition
import settings
from auth.web import STATEMENT_PATH
from dashboards import ids
from tests.browser.conftest import ADMIN, log_in
from tests.browser.test_pages import choose
from tests.browser.test_upload import upload
from tests.data_loaders.budget_workbooks import formula_without_value

pytestmark = pytest.mark.browser

AXE_JS = Path(__file__).parent / "axe" / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
VIEWPORT = {"width": 1366, "height": 900}
TIMEOUT_MS = 15_000
LANGUAGES = ("fi", "sv", "en")
KUOPIO = "Tulevaisuuden työllisyyspalvelu (Kuopio)"  # sample: at risk on the Benefits page as of 9/2020
KUOPIO_BUDGET = "Käytettävissä olevat resurssit 2019"  # sample: Kuopio's one budget
KNOWN_PAGES = {
    *("/", "/budget", "/hyodyt", "/tyomarkkinat", "/riskit", "/suunnitelma", "/neljannes", "/lataus", "/yllapito"),
}


# --- axe-core ----------------------------------------------------------------------


def axe_violations(page: Page) -> list[dict]:
    """axe-core's serious and critical WCAG 2.0/2.1 A and AA violations on ``page`` as it is now."""
    assert AXE_JS.exists(), f"{AXE_JS} is missing: run `make axe`"
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(content=AXE_JS.read_text(encoding="utf-8"))
    return page.evaluate(
        """async (tags) => {
            const only = {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]};
            const found = await window.axe.run(document, only);
            return found.violations
                .map(v => ({id: v.id, help: v.help, nodes: v.nodes
                    .filter(n => ["serious", "critical"].includes(n.impact))
                    .map(n => `${n.target.join(" ")}: ${(n.failureSummary || "").split("\\n").pop().trim()}`)}))
                .filter(v => v.nodes.length > 0);
        }""",
        WCAG_TAGS,
    )


def described(where: str, violations: list[dict]) -> list[str]:
    lines = []
    for violation in violations:
        lines.append(f"{where}: {violation['id']} ×{len(violation['nodes'])} ({violation['help']})")
        lines += [f"    {node}" for node in violation["nodes"][:5]]
    return lines


QUIET_MS = 600  # no change to the page for this long: the last callbacks' answers are drawn (charts, grids)
SETTLE_TIMEOUT_MS = 40_000  # the map page takes long on a busy machine


def settle(page: Page) -> None:
    """Wait until the page stands still: a heading, the network quiet, nothing loading, the DOM unchanged a while."""
    expect(page.locator("h1").first).to_be_visible(timeout=TIMEOUT_MS)
    page.wait_for_load_state("networkidle", timeout=SETTLE_TIMEOUT_MS)
    page.evaluate(
        """() => { window.__changed = performance.now();
                   new MutationObserver(() => { window.__changed = performance.now(); })
                       .observe(document.body, {subtree: true, childList: true, attributes: true}); }"""
    )
    page.wait_for_function(
        """(quiet) => !document.querySelector('[data-dash-is-loading="true"]')
                      && performance.now() - window.__changed > quiet""",
        arg=QUIET_MS,
        timeout=SETTLE_TIMEOUT_MS,
    )  # a page that never stands still fails here: it would also keep a screen reader's view changing


def with_language(path: str, lang: str) -> str:
    """``path`` in ``lang``, said even for Finnish: the session keeps the language last chosen."""
    return f"{path}?lang={lang}"


@pytest.fixture(scope="module")
def admin_page(browser: Browser, app_url: str) -> Iterator[Page]:
    """One logged-in admin page at 1366×900 for the whole module (a login per test would be slow).

    Like the ``page`` fixture, it fails if the browser logged any error.
    """
    context = browser.new_context(viewport=VIEWPORT, locale="fi-FI")
    opened = context.new_page()
    errors: list[str] = []
    opened.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    opened.on("pageerror", lambda error: errors.append(f"page error: {error}"))
    log_in(opened, app_url, *ADMIN)
    yield opened
    context.close()
    assert not errors, "browser errors:\n" + "\n".join(errors)


@pytest.fixture(scope="module")
def pages(admin_page: Page, app_url: str) -> list[str]:
    """Every page the admin can open: the navbar's links and the footer's, so a new page is covered by itself."""
    admin_page.goto(app_url + "/")
    settle(admin_page)
    hrefs = admin_page.evaluate(
        """() => [...document.querySelectorAll("nav a[href^='/'], footer a[href^='/']")]
                 .map(a => a.getAttribute("href"))"""
    )
    found = sorted({urlsplit(href).path for href in hrefs} - {"/kieli", "/logout", "/login"})
    assert KNOWN_PAGES | {STATEMENT_PATH} <= set(found), found
    return found


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_has_no_serious_violations(admin_page: Page, app_url: str, pages: list[str], lang: str) -> None:
    problems: list[str] = []
    for path in pages:
        where = with_language(path, lang)
        admin_page.goto(app_url + where)
        try:
            settle(admin_page)
        except PlaywrightTimeoutError:
            problems.append(f"{where}: the page did not stand still within {SETTLE_TIMEOUT_MS} ms")
            continue
        problems += described(where, axe_violations(admin_page))
    assert not problems, "\n".join(problems)


def test_login_page_and_public_statement_have_no_serious_violations(browser: Browser, app_url: str) -> None:
    context = browser.new_context(viewport=VIEWPORT)
    opened = context.new_page()
    problems: list[str] = []
    for lang in LANGUAGES:
        for path in ("/login", STATEMENT_PATH):
            opened.goto(f"{app_url}{path}?lang={lang}")
            problems += described(f"{path}?lang={lang}", axe_violations(opened))
    context.close()
    assert not problems, "\n".join(problems)


# --- states a user reaches ----------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_what_if_sliders_and_an_at_risk_programme_have_no_serious_violations(
    admin_page: Page, app_url: str, lang: str
) -> None:
    admin_page.goto(app_url + with_language("/hyodyt", lang))
    settle(admin_page)
    choose(admin_page, ids.BENEFITS_PROGRAMME, KUOPIO)
    sliders = admin_page.get_by_role("slider")
    expect(sliders.first).to_be_visible(timeout=TIMEOUT_MS)
    expect(admin_page.locator(".badge.bg-warning").first).to_be_visible()  # at risk (Kuopio, sample 9/2020)
    settle(admin_page)
    for index in range(sliders.count()):  # each handle is named by its label, not just "slider"
        name = sliders.nth(index).evaluate(
            "el => (document.getElementById(el.getAttribute('aria-labelledby')) || {}).textContent || ''"
        )
        assert name.strip(), f"slider {index} has no name"
    problems = described("/hyodyt (Kuopio, what-if)", axe_violations(admin_page))
    assert not problems, "\n".join(problems)


def test_upload_refusal_is_focused_and_it_and_the_empty_grid_have_no_serious_violations(
    admin_page: Page, app_url: str
) -> None:
    admin_page.goto(app_url + "/lataus?lang=fi")  # the refusal's words are Finnish
    settle(admin_page)
    choose(admin_page, ids.UPLOAD_PROGRAMME, KUOPIO)
    # the programme's budgets chosen first: a file arriving before them would be previewed and then forgotten
    expect(admin_page.locator(f"#{ids.UPLOAD_BUDGET} option", has_text=KUOPIO_BUDGET)).to_have_count(1)
    settle(admin_page)
    upload(admin_page, "kaava.xlsx", formula_without_value())
    preview = admin_page.locator(f"#{ids.UPLOAD_PREVIEW}")
    expect(preview).to_contain_text("Tiedostoa ei voi tuoda", timeout=4 * TIMEOUT_MS)
    refusal = preview.locator(".alert-danger").first
    expect(refusal).to_be_focused(timeout=TIMEOUT_MS)  # the keyboard and a screen reader are taken to it
    # the preview's grid of lines is empty (nothing could be read): its columns, and "no rows" said
    expect(admin_page.locator(f"#{ids.UPLOAD_LINES} .ag-overlay-no-rows-center")).to_be_visible()
    expect(admin_page.locator(f"#{ids.UPLOAD_LINES} [role=columnheader]").first).to_be_visible()
    settle(admin_page)
    problems = described("/lataus (refused file, empty grid)", axe_violations(admin_page))
    admin_page.locator(f"#{ids.UPLOAD_CANCEL}").click()
    assert not problems, "\n".join(problems)


# --- keyboard ----------------------------------------------------------------------


def test_skip_link_is_first_and_moves_focus_to_main(admin_page: Page, app_url: str) -> None:
    admin_page.goto(app_url + "/budget?lang=sv")
    settle(admin_page)
    admin_page.keyboard.press("Tab")
    skip = admin_page.locator(f"#{ids.SHELL_SKIP}")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    expect(skip).to_have_text("Hoppa till innehållet")
    admin_page.keyboard.press("Enter")
    expect(admin_page.locator(f"main#{ids.SHELL_MAIN}")).to_be_focused()
    assert admin_page.locator("main").count() == 1


FOCUS_OUTLINE = """() => { const s = getComputedStyle(document.activeElement);
    return {nav: document.activeElement.matches('nav .nav-link'), style: s.outlineStyle,
            width: parseFloat(s.outlineWidth), colour: s.outlineColor}; }"""


def test_focus_is_visible_on_a_navbar_link(admin_page: Page, app_url: str) -> None:
    admin_page.set_viewport_size({"width": 1600, "height": 900})  # wide enough for the links beside each other
    try:
        admin_page.goto(app_url + "/?lang=fi")
        settle(admin_page)
        for _ in range(6):  # skip link, brand, then the first page links
            admin_page.keyboard.press("Tab")
            if admin_page.evaluate("() => document.activeElement.matches('nav .nav-link')"):
                break
        outline = admin_page.evaluate(FOCUS_OUTLINE)
    finally:
        admin_page.set_viewport_size(VIEWPORT)
    assert outline["nav"], "Tab did not reach a navbar link"
    assert outline["style"] == "solid" and outline["width"] >= 2, outline
    assert outline["colour"] == "rgb(255, 255, 255)", outline  # white on the dark blue navbar


def test_budget_grid_is_one_tab_stop_and_enter_shows_a_figures_source(admin_page: Page, app_url: str) -> None:
    # sample_data/tampere_tyollisyydenhoito_vusu2017.csv: toimintakate is in cell F2
    admin_page.goto(app_url + "/budget?lang=fi")
    settle(admin_page)
    grid = f"#{ids.BUDGET_GRID}"
    expect(admin_page.locator(f'{grid} .ag-row[row-id="Toimintakate"]').first).to_be_visible(timeout=TIMEOUT_MS)
    admin_page.locator(f"#{ids.BUDGET_YEAR}").focus()
    inside = f"() => !!document.activeElement.closest('{grid}')"
    for _ in range(6):  # the year, the two export buttons, then the grid
        admin_page.keyboard.press("Tab")
        if admin_page.evaluate(inside):
            break
    assert admin_page.evaluate(inside), "Tab did not reach the budget grid"
    admin_page.keyboard.press("ArrowDown")  # from the header to the first line
    for _ in range(2):
        admin_page.keyboard.press("ArrowRight")  # line → JHS 192 line → budget
    focused_row = (
        "() => (document.activeElement.closest('.ag-row') || {getAttribute: () => null}).getAttribute('row-id')"
    )
    for _ in range(40):
        if admin_page.evaluate(focused_row) == "Toimintakate":
            break
        admin_page.keyboard.press("ArrowDown")
    assert admin_page.evaluate(focused_row) == "Toimintakate"
    admin_page.keyboard.press("Enter")
    source = admin_page.locator(f"#{ids.BUDGET_SOURCE}")
    expect(source).to_contain_text("tampere_tyollisyydenhoito_vusu2017.csv", timeout=TIMEOUT_MS)
    expect(source).to_contain_text("solu F2")
    admin_page.keyboard.press("Tab")  # one tab stop: the next Tab leaves the grid
    assert not admin_page.evaluate(inside)


def test_selects_are_named_by_their_labels(admin_page: Page, app_url: str) -> None:
    admin_page.goto(app_url + "/budget?lang=en")
    settle(admin_page)
    expect(admin_page.get_by_role("combobox", name="Programme")).to_be_visible()
    expect(admin_page.get_by_role("combobox", name="Year")).to_be_visible()


# --- the accessibility statement -------------------------------------------------------


def test_statement_is_linked_from_every_page_and_readable_without_login(
    admin_page: Page, browser: Browser, app_url: str
) -> None:
    admin_page.goto(app_url + "/riskit?lang=en")
    settle(admin_page)
    admin_page.locator(f"#{ids.SHELL_STATEMENT_LINK}").click()
    expect(admin_page.locator("h1")).to_have_text("Accessibility statement", timeout=TIMEOUT_MS)
    main = admin_page.locator("main")
    expect(main).to_contain_text("partially conforms to WCAG 2.1")
    expect(main).to_contain_text("Traficom")
    expect(main).to_contain_text("7 Dec 2026")  # the last assessment, en_GB
    context = browser.new_context(viewport=VIEWPORT)
    anonymous = context.new_page()
    anonymous.goto(app_url + "/login?lang=sv")
    anonymous.get_by_role("link", name="Tillgänglighetsutlåtande").click()
    expect(anonymous).to_have_url(f"{app_url}{STATEMENT_PATH}?lang=sv")
    expect(anonymous.locator("h1")).to_have_text("Tillgänglighetsutlåtande")
    expect(anonymous.locator("main")).to_contain_text("Transport- och kommunikationsverket Traficom")
    expect(anonymous.locator("html")).to_have_attribute("lang", "sv")
    context.close()


def test_feedback_channel_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MITTARI_ACCESSIBILITY_FEEDBACK", " saavutettavuus@kunta.example ")
    assert settings.load().accessibility_feedback == "saavutettavuus@kunta.example"
    monkeypatch.delenv("MITTARI_ACCESSIBILITY_FEEDBACK")
    assert settings.load().accessibility_feedback == ""


@pytest.mark.parametrize(
    ("channel", "shown"),
    [
        ("saavutettavuus@kunta.example", 'href="mailto:saavutettavuus@kunta.example"'),
        ("https://kunta.example/palaute", 'href="https://kunta.example/palaute"'),
        ("", "ei ole vielä ilmoittanut palautekanavaa"),
    ],
)
def test_statement_shows_the_configured_feedback_channel(monkeypatch: pytest.MonkeyPatch, channel: str, shown: str):
    server = composition.app.server
    monkeypatch.setitem(server.config, "MITTARI_ACCESSIBILITY_FEEDBACK", channel)
    page = server.test_client().get(STATEMENT_PATH)
    assert page.status_code == 200
    assert shown in page.get_data(as_text=True)

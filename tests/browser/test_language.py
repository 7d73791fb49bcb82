"""Swedish in a real browser: every page without a Finnish interface string, and the chosen language stays.

The walk reads each registered page's visible text in Swedish and looks for the
catalogue's Finnish texts that differ from their Swedish ones and are long enough
to be told apart: a whole text of two words or eight letters, or, of a text with
``{fields}``, a literal part of two words. Data (municipality, programme and
budget names, the lines of a budget, the sample's risk owners, a user's name) is
no catalogue text and is not looked for: a Finnish text that is also a value of
the sample data or a user's display name is left out, and so are the keys below.
"""

from __future__ import annotations

import ast
import csv
import json
import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from dashboards import ids
from db import accounts
from tests.browser.conftest import ADMIN, log_in, open_menu
from tests.browser.test_pages import TIMEOUT_MS
from tests.conftest import ROOT

pytestmark = pytest.mark.browser

SV_APP = "Työllisyysmittari (sysselsättningsmätare)"
FIELD = re.compile(r"%?\{[^}]*\}")
# Catalogue texts that are also the data the pages show: the JHS 192 line names (jhs.*) are the lines
# of the sample budgets as their files name them (tampere_tyollisyydenhoito_vusu2017.csv: "Toimintakate",
# "Palvelujen ostot" ...), shown as they were imported; source.doc.* are the source documents' titles.
DATA_KEYS = re.compile(r"^(jhs\.|source\.doc\.)")


def registered_pages() -> list[str]:
    """The path of every ``dash.register_page`` in ``dashboards/`` (read from the code, so a new page is walked too).

    A path given as a constant's name is looked up among the module-level constants of ``dashboards`` and ``auth``.
    """
    trees = [ast.parse(p.read_text(encoding="utf-8")) for d in ("dashboards", "auth") for p in (ROOT / d).rglob("*.py")]
    constants = {
        target.id: node.value.value
        for tree in trees
        for node in tree.body
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)
        for target in node.targets
        if isinstance(target, ast.Name)
    }
    paths = []
    for node in (node for tree in trees for node in ast.walk(tree)):
        if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "register_page":
            for keyword in (kw.value for kw in node.keywords if kw.arg == "path"):
                paths.append(keyword.value if isinstance(keyword, ast.Constant) else constants[keyword.id])
    return sorted(paths)


def distinctive(text: str, whole: bool) -> bool:
    return len(text.split()) >= 2 or (whole and len(text) >= 8)


def sample_values() -> set[str]:
    """Every text value of the sample data (its CSV cells and JSON strings): data, never interface."""
    values: set[str] = set()

    def walk(item: object) -> None:
        if isinstance(item, str):
            values.add(item.strip())
        elif isinstance(item, dict):
            [walk(value) for value in item.values()]
        elif isinstance(item, list):
            [walk(value) for value in item]

    for path in (ROOT / "sample_data").glob("*.json"):
        walk(json.loads(path.read_text(encoding="utf-8")))
    for path in (ROOT / "sample_data").glob("*.csv"):
        for line in path.read_text(encoding="utf-8-sig", errors="replace").splitlines():
            values.update(cell.strip().strip('"') for cell in re.split(r"[;,]", line))
    return values


def finnish_interface_strings(data: set[str]) -> dict[str, str]:
    """Finnish fragment → its key: the distinctive literal parts of each Finnish text whose Swedish differs."""
    with (ROOT / "i18n" / "catalogue.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    swedish = "\n".join(row["sv"] for row in rows)
    found = {}
    for row in rows:
        if row["fi"] == row["sv"] or DATA_KEYS.match(row["key"]):
            continue
        parts = FIELD.split(row["fi"])
        for part in (part.strip(" .,:;()–-\n") for part in parts):
            if distinctive(part, whole=len(parts) == 1) and part not in swedish and part not in data:
                found.setdefault(part, row["key"])
    return found


FINNISH = finnish_interface_strings(sample_values())


def finnish_in(text: str, data: set[str] = frozenset()) -> dict[str, str]:
    """The Finnish interface strings in ``text`` (whole words) that are not ``data``, with their keys."""
    return {
        part: key
        for part, key in FINNISH.items()
        if part not in data and part in text and re.search(rf"(?<!\w){re.escape(part)}(?!\w)", text)
    }


@pytest.fixture(scope="module")
def user_names(app_database: str) -> set[str]:
    """The users' display names (the first administrator's is "Ylläpitäjä"): data, shown as they were written."""
    return {name for name in accounts.users(app_database)["display_name"] if isinstance(name, str)}


def settle(page: Page) -> None:
    """Wait until the page's callbacks have answered: no request in flight, no Dash loading state."""
    page.wait_for_load_state("networkidle")
    expect(page.locator("[data-dash-is-loading='true']")).to_have_count(0, timeout=TIMEOUT_MS)
    page.wait_for_load_state("networkidle")


@pytest.fixture
def swedish_page(page: Page, app_url: str) -> Iterator[Page]:
    """The admin's page; whatever the test chose, Finnish is chosen again after it (other tests expect it)."""
    yield page
    page.goto(f"{app_url}/kieli?lang=fi&next=/")


def test_the_finnish_strings_looked_for_are_many_and_exclude_data() -> None:
    assert len(FINNISH) > 500
    assert "Budjetti rivi riviltä" in FINNISH and "Ei näytettäviä rivejä" in FINNISH
    assert "Toimintakate" not in FINNISH and "Ohjelmajohtaja" not in FINNISH  # budget lines; risk owners


@pytest.mark.parametrize("path", registered_pages())
def test_a_page_in_swedish_has_no_finnish_interface_string(
    swedish_page: Page, app_url: str, path: str, user_names: set[str]
) -> None:
    page = swedish_page
    page.goto(f"{app_url}{path}?lang=sv")
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    expect(page.locator("h1").first).to_be_visible(timeout=TIMEOUT_MS)
    settle(page)
    text = page.locator("body").inner_text()
    assert not finnish_in(text, user_names), f"{path}: {finnish_in(text, user_names)}"
    assert not finnish_in(page.title()), page.title()


def test_swedish_chosen_on_the_login_page_survives_login_and_a_typed_address(browser: Browser, app_url: str) -> None:
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    try:
        page.goto(f"{app_url}/login")
        page.get_by_role("link", name="Svenska").click()
        expect(page.locator("html")).to_have_attribute("lang", "sv")
        expect(page.locator("h1")).to_have_text("Logga in")
        page.fill("#username", ADMIN[0])
        page.fill("#password", ADMIN[1])
        page.click("button[type=submit]")
        expect(page).to_have_url(re.compile(r"/\?lang=sv$"), timeout=TIMEOUT_MS)
        expect(page.locator(f"#{ids.SHELL_NAVBAR}")).to_contain_text("Översikt", timeout=TIMEOUT_MS)
        page.goto(f"{app_url}/budget")  # typed, without ?lang=
        expect(page).to_have_url(re.compile(r"/budget\?lang=sv$"))
        expect(page.locator("h1")).to_have_text("Budgeten rad för rad", timeout=TIMEOUT_MS)
        expect(page).to_have_title(f"Budget – {SV_APP}")
        # a new session of the same user, logging in without choosing: the profile's Swedish
        again = browser.new_context().new_page()
        log_in(again, app_url, *ADMIN)
        again.goto(f"{app_url}/riskit")
        expect(again).to_have_url(re.compile(r"/riskit\?lang=sv$"))
        expect(again.locator("html")).to_have_attribute("lang", "sv")
        again.context.close()
    finally:
        page.goto(f"{app_url}/kieli?lang=fi&next=/")
        context.close()


def test_the_navbar_switch_names_each_language_in_its_own_and_keeps_the_page(swedish_page: Page, app_url: str) -> None:
    page = swedish_page
    page.goto(f"{app_url}/hyodyt")
    switch = page.locator(f"#{ids.SHELL_LANGUAGE_SWITCH}")
    expect(switch.locator("a[lang=sv]")).to_have_text("Svenska", timeout=TIMEOUT_MS)
    open_menu(page)  # at 1 366 px the navbar is folded behind its menu button
    expect(switch.locator("a[lang=en]")).to_have_text("English")
    expect(switch).to_have_attribute("aria-label", "Kieli")
    switch.locator("a[lang=sv]").click()
    expect(page).to_have_url(re.compile(r"/hyodyt\?lang=sv$"))
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    expect(page).to_have_title(f"Nytta – {SV_APP}", timeout=TIMEOUT_MS)
    expect(page.locator(f"#{ids.SHELL_LANGUAGE_SWITCH} a[lang=fi]")).to_have_text("Suomi", timeout=TIMEOUT_MS)


def test_the_server_sends_html_lang_and_the_title_in_the_first_bytes(swedish_page: Page, app_url: str) -> None:
    raw = swedish_page.context.request.get(f"{app_url}/hyodyt?lang=sv").text()
    assert raw.split(">", 2)[1].strip().startswith('<html lang="sv"')
    assert f"<title>Nytta – {SV_APP}</title>" in raw


def test_charts_and_grids_speak_swedish(swedish_page: Page, app_url: str) -> None:
    page = swedish_page
    page.goto(f"{app_url}/hyodyt?lang=sv")
    graph = page.locator(f"#{ids.BENEFITS_MONTHLY}")
    expect(graph.locator(".main-svg").first).to_be_visible(timeout=TIMEOUT_MS)
    graph.hover()
    expect(graph.locator(".modebar-btn[data-title='Ladda ner diagram som PNG']")).to_have_count(1)
    expect(graph.locator(".modebar-btn[data-title='Återställ axlar']")).to_have_count(1)
    page.goto(f"{app_url}/yllapito?lang=sv")
    expect(page.locator(f"#{ids.ADMIN_AUDIT} .ag-row").first).to_be_visible(timeout=TIMEOUT_MS)
    texts = page.evaluate(
        """async (id) => {
            const api = await dash_ag_grid.getApiAsync(id);
            const text = api.getGridOption("localeText");
            return [text.noRowsToShow, text.page, text.ariaSortableColumn];
        }""",
        ids.ADMIN_AUDIT,
    )
    assert texts == ["Inga rader att visa", "Sida", "Tryck på Enter för att sortera"]


def test_municipalities_have_their_swedish_names_where_the_register_has_them(swedish_page: Page, app_url: str) -> None:
    # sample_data/municipalities.csv: Tampere 837 is Tammerfors in Swedish; Kangasala 211 is Kangasala in both
    page = swedish_page
    page.goto(f"{app_url}/hyodyt?lang=sv")
    options = page.locator(f"#{ids.BENEFITS_AREA} option")
    expect(options.filter(has_text="Tammerfors (837)")).to_have_count(1, timeout=TIMEOUT_MS)
    expect(options.filter(has_text="Kangasala (211)")).to_have_count(1)
    assert not options.filter(has_text="Tampere (837)").count()

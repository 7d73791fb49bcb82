"""Risks and the quarterly pack in a real browser: edit a risk and see the map move; sign off; download the pack."""

from __future__ import annotations

import json
import re
from io import BytesIO

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from dashboards import ids
from i18n import t

pytestmark = pytest.mark.browser
TIMEOUT_MS = 20_000


def field(name: str) -> str:
    """The CSS selector of a risk-form field (a pattern-matching id, serialised as Dash does)."""
    key = json.dumps({"field": name, "type": ids.RISKS_FIELD_PREFIX.rstrip("-")}, separators=(",", ":"))
    return f"[id='{key}']"


def heat_map_codes(page: Page, graph_id: str) -> dict[tuple[int, int], str]:
    """(likelihood, impact) → the codes written in that cell of the plotted heat map."""
    text = page.evaluate(f"document.querySelector('#{graph_id} .js-plotly-plot').data[0].text")
    return {(row + 1, column + 1): codes for row, cells in enumerate(text) for column, codes in enumerate(cells)}


def test_editing_a_risk_moves_it_on_the_heat_map(page: Page, app_url: str) -> None:
    page.goto(f"{app_url}/riskit?programme=tampere-seutu")
    expect(page.locator(f"#{ids.RISKS_REGISTER}")).to_contain_text("R6", timeout=TIMEOUT_MS)
    # plans.json: R6 "Kokeilulle muodostuu huono imago" sits at residual 2 × 2
    page.wait_for_function(f"document.querySelector('#{ids.RISKS_HEAT_MAP} .js-plotly-plot')?.data")
    assert "R6" in heat_map_codes(page, ids.RISKS_HEAT_MAP)[(2, 2)]
    page.select_option(f"#{ids.RISKS_SELECT}", "R6")
    expect(page.locator(field("title"))).to_have_value(re.compile("imago"), timeout=TIMEOUT_MS)
    page.select_option(field("residual_likelihood"), "5")
    page.select_option(field("residual_impact"), "4")
    page.locator(f"#{ids.RISKS_SAVE}").click()
    expect(page.locator(f"#{ids.RISKS_MESSAGE}")).to_contain_text("R6", timeout=TIMEOUT_MS)
    page.wait_for_function(
        f"document.querySelector('#{ids.RISKS_HEAT_MAP} .js-plotly-plot').data[0].text[4][3].includes('R6')",
        timeout=TIMEOUT_MS,
    )
    cells = heat_map_codes(page, ids.RISKS_HEAT_MAP)
    assert "R6" in cells[(5, 4)] and "R6" not in cells[(2, 2)]
    expect(page.locator(f"#{ids.RISKS_REGISTER}")).to_contain_text(t("risk.level.very_high"))  # 5 × 4 = 20
    expect(page.locator(f"#{ids.RISKS_HISTORY}")).to_contain_text("5 × 4 = 20")  # the quarter's assessment


def test_signing_off_a_quarter_freezes_it_and_the_pack_downloads(page: Page, app_url: str) -> None:
    page.goto(f"{app_url}/neljannes?programme=kuopio&quarter=2019Q2")
    expect(page.locator(f"#{ids.QUARTERLY_STATUS}")).to_contain_text(t("pack.not_signed"), timeout=TIMEOUT_MS)
    expect(page.locator(f"#{ids.QUARTERLY_CONTENT}")).to_contain_text(t("pack.figure.kuntaosuus"))
    page.locator(f"#{ids.QUARTERLY_COMMENTARY}").fill("Neljännes eteni suunnitelman mukaan.")
    page.locator(f"#{ids.QUARTERLY_SAVE_COMMENTARY}").click()
    expect(page.locator(f"#{ids.QUARTERLY_MESSAGE}")).to_contain_text(t("quarterly.commentary_saved"))
    page.once("dialog", lambda dialog: dialog.accept())  # sign-off asks for confirmation first
    page.locator(f"#{ids.QUARTERLY_SIGN}").click()
    signed = t("pack.signed", who="\0", when="").split("\0")[0]  # "Hyväksytty: " before the signer's name
    expect(page.locator(f"#{ids.QUARTERLY_STATUS}")).to_contain_text(signed, timeout=TIMEOUT_MS)
    expect(page.locator(f"#{ids.QUARTERLY_COMMENTARY}")).to_be_disabled()
    expect(page.locator(f"#{ids.QUARTERLY_SIGN}")).to_be_disabled()

    with page.expect_download(timeout=TIMEOUT_MS) as download:
        page.locator(f"#{ids.QUARTERLY_DOWNLOAD_XLSX}").click()
    assert download.value.suggested_filename == "ohjausryhma_kuopio_2019Q2.xlsx"
    summary = load_workbook(BytesIO(download.value.path().read_bytes()))[t("pack.sheet.summary")]
    items = {summary.cell(r, 1).value: summary.cell(r, 2).value for r in range(4, summary.max_row + 1)}
    assert items[t("pack.quarter")] == "2019Q2"
    assert items[t("pack.item.status")].startswith(signed)  # signed in the logged-in user's name
    assert items[f"{t('pack.signature')}: {t('pack.signature.name')}"]  # the signature block: name, role, date
    assert items[t("pack.commentary")] == "Neljännes eteni suunnitelman mukaan."

    with page.expect_download(timeout=60_000) as download:
        page.locator(f"#{ids.QUARTERLY_DOWNLOAD_PDF}").click()
    assert download.value.suggested_filename == "ohjausryhma_kuopio_2019Q2.pdf"
    text = " ".join(p.extract_text() for p in PdfReader(download.value.path()).pages)
    assert "2019Q2" in text and "Neljännes eteni suunnitelman mukaan." in text


def test_sign_off_asks_for_confirmation_and_cancelling_signs_nothing(page: Page, app_url: str) -> None:
    page.goto(f"{app_url}/neljannes?programme=kuopio&quarter=2019Q3")
    status = page.locator(f"#{ids.QUARTERLY_STATUS}")
    expect(status).to_contain_text(t("pack.not_signed"), timeout=TIMEOUT_MS)
    expect(page.locator(f"#{ids.QUARTERLY_CONTENT}")).to_contain_text(t("pack.figure.kuntaosuus"))
    asked: list[str] = []

    def cancel(dialog) -> None:  # noqa: ANN001 - playwright's Dialog
        asked.append(dialog.message)
        dialog.dismiss()

    page.once("dialog", cancel)
    page.locator(f"#{ids.QUARTERLY_SIGN}").click()
    for _ in range(50):  # the dialog opens once the server has answered the click
        if asked:
            break
        page.wait_for_timeout(100)
    assert asked and "2019Q3" in asked[0] and "Tulevaisuuden työllisyyspalvelu" in asked[0]
    page.wait_for_timeout(1000)  # a sign-off would re-draw the status; cancelling leaves it as it was
    expect(status).to_contain_text(t("pack.not_signed"))
    expect(page.locator(f"#{ids.QUARTERLY_SIGN}")).to_be_enabled()

    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
    page.locator(f"#{ids.QUARTERLY_SIGN}").click()
    signed = t("pack.signed", who="\0", when="").split("\0")[0]
    expect(status).to_contain_text(signed, timeout=TIMEOUT_MS)
    assert len(asked) == 2
    signature = page.locator("#quarterly-signature")  # the signature block: the admin's name and role
    expect(signature).to_contain_text(t("pack.signature.role"))
    expect(signature).to_contain_text(t("role.admin"))
    expect(page.locator("#quarterly-target")).to_contain_text("Tavoite: työmarkkinatuen kuntaosuus")


def test_plan_shows_the_staffing_plan_and_the_cap(page: Page, app_url: str) -> None:
    page.goto(f"{app_url}/suunnitelma?programme=kuopio")
    content = page.locator(f"#{ids.PLAN_CONTENT}")
    # seed 004: 27 people, 22 fixed-term to 31.12.2020; kuntouttava työtoiminta at most 800 000 €
    expect(content).to_contain_text(t("plan.staff_total", total=27, fixed=22), timeout=TIMEOUT_MS)
    expect(content).to_contain_text("31.12.2020")
    expect(content).to_contain_text("800\xa0000\xa0€")
    for perspective in ("client", "process", "finance", "staff"):
        expect(content).to_contain_text(t(f"plan.perspective.{perspective}"))


def test_pack_charts_write_euros_out_in_finnish(page: Page, app_url: str) -> None:
    # the steering group reads "10 000 000", not "10M", on the euro axes of the pack's bar charts
    page.goto(f"{app_url}/neljannes?programme=kuopio&quarter=2019Q4")
    expect(page.locator(f"#{ids.QUARTERLY_CONTENT} .barlayer .point").first).to_be_visible(timeout=TIMEOUT_MS)
    expect(page.locator(f"#{ids.QUARTERLY_CONTENT} .js-plotly-plot .barlayer")).to_have_count(2, timeout=TIMEOUT_MS)
    euro_axes = page.evaluate(
        """() => [...document.querySelectorAll('.js-plotly-plot')]
            .filter((gd) => gd.data.some((trace) => trace.type === 'bar'))
            .map((gd) => [...gd.querySelectorAll(gd.data[0].orientation === 'h' ? '.xtick text' : '.ytick text')]
                .map((tick) => tick.textContent))"""
    )
    assert len(euro_axes) == 2  # kuntaosuus, and the measures against their caps
    for ticks in euro_axes:
        assert any(re.fullmatch(r"\d{1,3}( \d{3})+", tick) for tick in ticks), ticks
        assert not [tick for tick in ticks if tick[-1:] in "kMG"], ticks

"""The upload page in a real browser: preview, confirm, the Budget page changes; a broken file changes nothing."""

from __future__ import annotations

import urllib.request
from collections.abc import Callable

import pytest
from playwright.sync_api import Locator, Page, expect

from dashboards import ids
from db import queries
from tests.browser.conftest import UPLOAD_LIMIT_MB
from tests.browser.test_pages import choose, fi_eur
from tests.data_loaders.budget_workbooks import KUOPIO_ROWS, formula_without_value, workbook
from tests.security.hostile_files import far_apart_cells, far_apart_cells_spelled_oddly

pytestmark = pytest.mark.browser

TIMEOUT_MS = 20_000
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
KUOPIO = "Tulevaisuuden työllisyyspalvelu (Kuopio)"


def upload(page: Page, name: str, content: bytes) -> None:
    page.set_input_files(
        f"#{ids.UPLOAD_FILE} input[type=file]", files=[{"name": name, "mimeType": XLSX, "buffer": content}]
    )


def revised_kuopio() -> bytes:
    """Seed 004's table with työllisyyshankkeet 100 000 € larger: toimintakate −17 153 867 €."""
    changes = {"työllisyyshankkeet": -1_130_000, "Toimintakulut, joista": -18_610_561, "Toimintakate": -17_153_867}
    rows = [[row[0], changes.get(row[0], row[1])] if len(row) > 1 and row[0] in changes else row for row in KUOPIO_ROWS]
    return workbook({"Resurssit 2019": rows})


def test_upload_previews_then_confirm_changes_the_budget_page(page: Page, app_url: str, app_database: str):
    url = app_database
    page.goto(app_url + "/lataus")
    choose(page, ids.UPLOAD_PROGRAMME, KUOPIO)
    page.fill(f"#{ids.UPLOAD_NEW_BUDGET}", "Selaintesti 2019")
    page.press(f"#{ids.UPLOAD_NEW_BUDGET}", "Enter")
    before = queries.table_counts(url)
    upload(page, "kuopio_tarkistettu.xlsx", revised_kuopio())
    preview = page.locator(f"#{ids.UPLOAD_PREVIEW}")
    expect(preview).to_contain_text("voidaan tuoda budjettiin Selaintesti 2019", timeout=TIMEOUT_MS)
    expect(preview).to_contain_text(fi_eur("−17 153 867 €"))  # the revised toimintakate, 2019 talousarvio
    expect(page.locator(f"#{ids.UPLOAD_LINES} .ag-row", has_text="työllisyyshankkeet")).to_have_count(1)
    # seed 004: the joista lines leave −561 € unexplained; its message shows row 7 of the sheet
    preview.locator(".list-group-item", has_text="erittelemättä").click()
    row = page.locator(f"#{ids.UPLOAD_ROW}")
    expect(row).to_contain_text("rivi 7", timeout=TIMEOUT_MS)
    expect(row).to_contain_text("Toimintakulut, joista")
    assert queries.table_counts(url) == before  # the preview wrote nothing
    page.locator(f"#{ids.UPLOAD_CONFIRM}").click()
    result = page.locator(f"#{ids.UPLOAD_RESULT}")
    expect(result).to_contain_text("Tuotu budjettiin Selaintesti 2019", timeout=TIMEOUT_MS)
    expect(page.locator(f"#{ids.UPLOAD_VERSIONS}")).to_contain_text("kuopio_tarkistettu.xlsx", timeout=TIMEOUT_MS)
    assert queries.table_counts(url)["import_version"] == before["import_version"] + 1
    page.goto(app_url + "/budget")
    choose(page, ids.BUDGET_PROGRAMME, KUOPIO)
    choose(page, ids.BUDGET_BUDGET, "Selaintesti 2019")
    total = page.locator(f'#{ids.BUDGET_GRID} .ag-row[row-id="Toimintakate"] [col-id="budget"]')
    expect(total).to_have_text(fi_eur("−17 153 867 €"), timeout=TIMEOUT_MS)


def refused_preview(page: Page, app_url: str, name: str, content: bytes) -> Locator:
    """Upload ``content`` for Kuopio's programme; the preview, once it says the file cannot be imported."""
    page.goto(app_url + "/lataus")
    choose(page, ids.UPLOAD_PROGRAMME, KUOPIO)
    upload(page, name, content)
    preview = page.locator(f"#{ids.UPLOAD_PREVIEW}")
    # a reader that crashes costs its child process, which the next upload starts afresh: slow on a busy machine
    expect(preview).to_contain_text("Tiedostoa ei voi tuoda", timeout=3 * TIMEOUT_MS)
    expect(page.locator(f"#{ids.UPLOAD_CONFIRM}")).to_be_disabled()
    return preview


def test_broken_workbook_shows_its_messages_and_changes_nothing(page: Page, app_url: str, app_database: str):
    url = app_database
    before = queries.table_counts(url)
    preview = refused_preview(page, app_url, "kaava.xlsx", formula_without_value())
    expect(preview).to_contain_text("Taulukko 'TA', rivi 5, sarake B: Solussa on kaava ilman laskettua arvoa")
    page.locator(f"#{ids.UPLOAD_CANCEL}").click()
    expect(page.locator(f"#{ids.UPLOAD_RESULT}")).to_contain_text("Tuonti peruttiin", timeout=TIMEOUT_MS)
    assert queries.table_counts(url) == before


@pytest.mark.parametrize(
    ("workbook", "told"),
    [
        # refused before reading: the sheet declares A1:XFD1048576 (17 billion cells; issue 15)
        (far_apart_cells, "ilmoittaa kooksi soluun XFD1048576 asti"),
        # the same cells spelled so that only the reader sees them: its allocation fails in the child process
        (far_apart_cells_spelled_oddly, "Tiedoston kaukana.xlsx lukeminen keskeytyi"),
    ],
    ids=["declared", "reader-crash"],
)
def test_a_far_apart_cells_workbook_gets_a_message_and_the_server_goes_on(
    page: Page, app_url: str, app_database: str, workbook: Callable[[], bytes], told: str
):
    before = queries.table_counts(app_database)
    preview = refused_preview(page, app_url, "kaukana.xlsx", workbook())
    expect(preview).to_contain_text(told)
    expect(preview).to_contain_text("Tietokantaa ei muutettu")
    with urllib.request.urlopen(app_url + "/login", timeout=10) as response:  # the server still answers
        assert response.status == 200
    upload(page, "kuopio_tarkistettu.xlsx", revised_kuopio())  # and still imports
    expect(preview).to_contain_text("voidaan tuoda", timeout=3 * TIMEOUT_MS)
    assert queries.table_counts(app_database) == before


def test_file_over_the_limit_is_stopped_in_the_browser(page: Page, app_url: str):
    page.goto(app_url + "/lataus")
    expect(page.locator(f"#{ids.UPLOAD_PROGRAMME}")).to_contain_text("(", timeout=TIMEOUT_MS)
    upload(page, "iso.xlsx", b"PK\x03\x04" + b"\0" * (UPLOAD_LIMIT_MB * 1024 * 1024 + 1))
    expect(page.locator(f"#{ids.UPLOAD_SIZE_MESSAGE}")).to_contain_text("liian suuri", timeout=TIMEOUT_MS)
    expect(page.locator(f"#{ids.UPLOAD_PREVIEW}")).to_be_empty()


def test_template_can_be_downloaded(page: Page, app_url: str):
    page.goto(app_url + "/lataus")
    with page.expect_download() as download:
        page.locator(f"#{ids.UPLOAD_TEMPLATE}").click()
    assert download.value.suggested_filename == "budjettipohja.xlsx"


def test_a_kela_file_previews_its_reconciliation_and_writes_nothing(page: Page, app_url: str, app_database: str):
    from tests.data_loaders.test_kela import MERGER_FILE

    before = queries.table_counts(app_database)
    page.goto(app_url + "/lataus")
    page.set_input_files(
        f"#{ids.UPLOAD_FILE} input[type=file]",
        files=[{"name": MERGER_FILE.name, "mimeType": "text/csv", "buffer": MERGER_FILE.read_bytes()}],
    )
    preview = page.locator(f"#{ids.UPLOAD_PREVIEW}")
    # tests/data/kela_kunnittain_liitos.csv: 2016 months 6 560,00 €, 199 money 77,77 €, Juankoski's Vuosi row a cent off
    expect(preview).to_contain_text("Vuosi 2016: kuntien kuntaosuus yhteensä 6\xa0560,00\xa0€", timeout=TIMEOUT_MS)
    expect(preview).to_contain_text("(kunta 199 Tuntematon) 77,77\xa0€")
    expect(preview).to_contain_text("ero −0,01\xa0€")
    expect(preview).to_contain_text("päällekkäisiä")
    assert queries.table_counts(app_database) == before

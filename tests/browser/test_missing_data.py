"""A programme without Kela data: the Benefits page and the quarterly pack say what is missing, never an empty chart."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect

from dashboards import ids
from db import store
from db.engine import transaction

pytestmark = pytest.mark.browser
TIMEOUT_MS = 20_000
SLUG = "helsinki-kokeilu"
KELA_FILE = "Kunnan osarahoittaman työmarkkinatuen saajat ja maksetut etuudet kunnittain"


@pytest.fixture
def programme_without_kela(app_database: str) -> Iterator[str]:
    """A programme of Helsinki (091), whose Kela and StatFin figures the sample does not have; removed afterwards."""
    with transaction(app_database) as session:
        store.save_programme(
            session,
            slug=SLUG,
            name="Helsingin kokeilu",
            baseline_year=2016,
            savings_target_pct=Decimal("3.0"),
            target_date=dt.date(2018, 12, 31),
            start_date=dt.date(2017, 1, 1),
            end_date=dt.date(2018, 12, 31),
            description=None,
            members=[("091", False, None)],
        )
    yield SLUG
    with transaction(app_database) as session:
        session.delete(store.programme_by_slug(session, SLUG))


def test_benefits_page_names_the_missing_kela_data_and_the_file(page: Page, app_url: str, programme_without_kela):
    page.goto(f"{app_url}/hyodyt?programme={programme_without_kela}")
    missing = page.locator(f"#{ids.BENEFITS_MISSING}")
    # Helsinki has no month at all: the baseline year 2016 and the months after it are both named, with the file
    expect(missing).to_contain_text(
        "Kelan kuntaosuustiedot puuttuvat perusvuodelta 2016: Helsinki (091)", timeout=TIMEOUT_MS
    )
    expect(missing).to_contain_text(KELA_FILE)
    # the chart says why it is empty rather than drawing empty axes
    expect(page.locator(f"#{ids.BENEFITS_MONTHLY}")).to_contain_text("tiedot puuttuvat")


def test_quarterly_pack_names_the_missing_data(page: Page, app_url: str, programme_without_kela):
    page.goto(f"{app_url}/neljannes?programme={programme_without_kela}&quarter=2018Q4")
    missing = page.locator(f"#{ids.QUARTERLY_MISSING}")
    expect(missing).to_contain_text("Helsingin kokeilu: Kelan kuntaosuustiedot puuttuvat", timeout=TIMEOUT_MS)
    expect(missing).to_contain_text("Tilastokeskuksen työnhakijatiedot (taulukko 12r5) puuttuvat perusvuodelta 2016")


def test_labour_market_names_the_missing_jobseeker_data(page: Page, app_url: str, programme_without_kela):
    page.goto(f"{app_url}/tyomarkkinat?programme={programme_without_kela}")
    missing = page.locator(f"#{ids.LABOUR_MISSING}")
    expected = "Tilastokeskuksen työnhakijatiedot (taulukko 12r5) puuttuvat perusvuodelta 2016: Helsinki (091)"
    expect(missing).to_contain_text(expected, timeout=TIMEOUT_MS)
    expect(missing).to_contain_text("PxWeb")

"""Log-out in a real browser: the navbar's button posts the form, and the session ends."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from dashboards import ids
from tests.browser.conftest import open_menu

pytestmark = pytest.mark.browser

TIMEOUT_MS = 15_000


def test_the_navbar_button_logs_out(page: Page, app_url: str) -> None:
    page.goto(app_url + "/")
    navbar = page.locator(f"#{ids.SHELL_NAVBAR}")
    open_menu(page)
    navbar.get_by_role("button", name="Ylläpitäjä").click(timeout=TIMEOUT_MS)
    navbar.get_by_role("button", name="Kirjaudu ulos").click()
    expect(page).to_have_url(re.compile(r"/login$"), timeout=TIMEOUT_MS)
    page.goto(app_url + "/budget")
    expect(page).to_have_url(re.compile(r"/login\?next="))
    expect(page.locator("h1")).to_have_text("Kirjaudu sisään")

"""The admin page: users and the audit log; the navbar offers each role only its pages."""

from __future__ import annotations

import os
import subprocess
import sys

from playwright.sync_api import Browser, Page, expect

from dashboards import ids
from tests.browser.conftest import CHROMIUM_ARGS, PROJECT_ROOT, log_in  # noqa: F401

TIMEOUT_MS = 20_000


def test_admin_sees_the_audit_log_with_logins_and_imports(page: Page, app_url: str) -> None:
    page.goto(app_url + "/yllapito")
    grid = page.locator(f"#{ids.ADMIN_AUDIT}")
    expect(grid).to_contain_text("Kirjautuminen", timeout=TIMEOUT_MS)  # events in words, not codes
    expect(grid).not_to_contain_text("user_add")
    expect(grid).to_contain_text("admin")
    expect(grid).to_contain_text(" klo ")  # Finnish local time, not ISO in UTC
    expect(grid).not_to_contain_text("UTC")
    expect(page.locator(f"#{ids.ADMIN_USERS}")).to_contain_text("Ylläpitäjä")
    with page.expect_download() as download:
        page.locator(f"#{ids.ADMIN_AUDIT_EXPORT}").click()
    assert download.value.suggested_filename == "auditointiloki.csv"


def test_viewer_gets_no_admin_or_upload_link_and_no_admin_data(
    browser: Browser, app_url: str, app_database: str
) -> None:
    env = {**os.environ, "DATABASE_URL": app_database}
    subprocess.run(
        [sys.executable, "-m", "cli", "user", "add", "ohjausryhma", "--role", "viewer", "--programme", "kuopio"],
        input="ohjausryhman-salasana-1\n",
        text=True,
        cwd=PROJECT_ROOT,
        env=env,
        check=False,
        capture_output=True,
    )
    context = browser.new_context()
    viewer = context.new_page()
    log_in(viewer, app_url, "ohjausryhma", "ohjausryhman-salasana-1")
    navbar = viewer.locator(f"#{ids.SHELL_NAVBAR}")
    expect(navbar).to_contain_text("Budjetti", timeout=TIMEOUT_MS)
    expect(navbar).not_to_contain_text("Ylläpito")
    expect(navbar).not_to_contain_text("Lataus")
    expect(viewer.locator(f"#{ids.OVERVIEW_PROGRAMMES}")).to_contain_text("Kuopio")
    expect(viewer.locator(f"#{ids.OVERVIEW_PROGRAMMES}")).not_to_contain_text("Tampereen kaupunkiseutu")
    viewer.goto(app_url + "/yllapito")
    expect(viewer.locator(f"#{ids.SHELL_FORBIDDEN}")).to_be_visible(timeout=TIMEOUT_MS)
    expect(viewer.locator(f"#{ids.ADMIN_AUDIT}")).to_have_count(0)
    context.close()

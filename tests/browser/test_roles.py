"""A viewer (steering group) in the browser: no enabled control they cannot use, and refusals said in words."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from dashboards import ids
from tests.browser.conftest import PROJECT_ROOT, log_in

pytestmark = pytest.mark.browser

TIMEOUT_MS = 20_000
VIEWER = ("ohjausryhma-katsoja", "katsojan-salasana-2026")
# What a viewer may not do (auth.PERMISSIONS): edit risks, write the commentary, sign off, upload.
EDIT_CONTROLS = {
    "/riskit?programme=kuopio": [f"#{ids.RISKS_SAVE}", f"#{ids.RISKS_QUARTER}", "[id*='risks-field']"],
    "/neljannes?programme=kuopio": [
        f"#{ids.QUARTERLY_COMMENTARY}",
        f"#{ids.QUARTERLY_SAVE_COMMENTARY}",
        f"#{ids.QUARTERLY_SIGN}",
    ],
}


@pytest.fixture
def viewer(browser: Browser, app_url: str, app_database: str) -> Iterator[tuple[Page, list[str]]]:
    """A page logged in as a viewer of Kuopio, and the browser errors it logs."""
    subprocess.run(
        [sys.executable, "-m", "cli", "user", "add", VIEWER[0], "--role", "viewer", "--programme", "kuopio"],
        input=f"{VIEWER[1]}\n",
        text=True,
        cwd=PROJECT_ROOT,
        env={**os.environ, "DATABASE_URL": app_database},
        check=False,
        capture_output=True,
    )
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="fi-FI")
    opened = context.new_page()
    errors: list[str] = []
    opened.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    opened.on("pageerror", lambda error: errors.append(str(error)))
    log_in(opened, app_url, *VIEWER)
    yield opened, errors
    context.close()


@pytest.mark.parametrize("path", sorted(EDIT_CONTROLS))
def test_viewer_sees_no_enabled_control_they_cannot_use(viewer, app_url: str, path: str) -> None:
    page, errors = viewer
    page.goto(app_url + path)
    expect(page.locator("[id^='role-reason-']").first).to_contain_text("Katselija", timeout=TIMEOUT_MS)
    if "neljannes" in path:  # the pack's callback sets the controls once more: still disabled after it
        expect(page.locator(f"#{ids.QUARTERLY_CONTENT}")).to_contain_text("Pääluvut", timeout=TIMEOUT_MS)
    for selector in EDIT_CONTROLS[path]:
        controls = page.locator(selector)
        expect(controls.first).to_be_attached(timeout=TIMEOUT_MS)
        for index in range(controls.count()):
            expect(controls.nth(index)).to_be_disabled()
    assert errors == []


def test_viewer_is_told_a_page_is_not_theirs(viewer, app_url: str) -> None:
    page, errors = viewer
    page.goto(app_url + "/yllapito")
    expect(page.locator(f"#{ids.SHELL_FORBIDDEN}")).to_contain_text("vain ylläpitäjille", timeout=TIMEOUT_MS)
    expect(page.locator(f"#{ids.SHELL_FORBIDDEN}")).to_contain_text("Katselija")
    expect(page.locator(f"#{ids.ADMIN_AUDIT}")).to_have_count(0)
    page.goto(app_url + "/lataus")
    expect(page.locator(".alert-warning")).to_contain_text("vain analyytikot ja ylläpitäjät", timeout=TIMEOUT_MS)
    assert errors == []


def test_a_refused_action_is_told_in_the_page_not_only_in_the_console(viewer, app_url: str) -> None:
    page, errors = viewer
    page.goto(app_url + "/riskit?programme=kuopio")
    expect(page.locator(f"#{ids.RISKS_REGISTER}")).to_contain_text("K1", timeout=TIMEOUT_MS)
    banner = page.locator(f"#{ids.SHELL_REFUSED}")
    expect(banner).to_be_hidden()
    # what the save button would send, had it been enabled: the server refuses it (403)
    status = page.evaluate(
        """async () => {
            const value = (id, property, v) => ({id, property, value: v});
            const response = await window.fetch("/_dash-update-component", {
                method: "POST",
                headers: {"Content-Type": "application/json"},
                body: JSON.stringify({
                    output: "..risks-message.children...risks-saved.data..",
                    outputs: [{id: "risks-message", property: "children"}, {id: "risks-saved", property: "data"}],
                    inputs: [value("risks-save", "n_clicks", 1)],
                    state: [value("risks-select", "value", null), value("risks-quarter", "value", "2019Q4"), [],
                            value("risks-programme", "value", "kuopio"), value("risks-lang", "data", "fi")],
                    changedPropIds: ["risks-save.n_clicks"],
                }),
            });
            return response.status;
        }"""
    )
    assert status == 403
    expect(banner).to_be_visible()
    expect(banner).to_contain_text("Toimintoa ei tehty: roolisi tai ohjelmasi ei salli sitä")
    assert all("403" in error for error in errors), errors

"""Browser-test fixtures: the app on a free loopback port over a sample database, and Chromium.

Debian's ``/usr/bin/chromium`` is driven through Python Playwright; never run
``playwright install`` (it downloads a browser of its own).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, sync_playwright
from sqlalchemy import create_engine, make_url, text

from bench.harness import child_process  # the app served in a child process, as the benchmarks serve it
from db.engine import dispose_engines
from reports.pdf import CHROMIUM_ARGS  # the flags the PDF export starts Chromium with

PROJECT_ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
START_TIMEOUT_S = 60
ADMIN = ("admin", "selain-testi-salasana-2026")  # the first admin, created from MITTARI_ADMIN_PASSWORD


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_answering(url: str, server: subprocess.Popen, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the app exited with {server.returncode} before answering")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.25)
    raise TimeoutError(f"the app did not answer at {url} within {timeout_s} s")


UPLOAD_LIMIT_MB = 1  # small, so the upload page's size limit can be shown with a small file


@pytest.fixture(scope="session")
def app_instance(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The instance folder of the browser tests' app (secret key, cache, log)."""
    return tmp_path_factory.mktemp("browser")


@pytest.fixture(scope="session")
def app_database(app_instance: Path) -> Iterator[str]:
    """The URL of the database the browser tests' app serves (tests compare its table counts).

    A SQLite file when the session's ``DATABASE_URL`` is SQLite; on PostgreSQL a
    database of its own on the same server (``<name>_browser``), created empty
    here and dropped at the end, so the per-test schema resets of ``db_url``
    never pull the data from under the running app.
    """
    url = os.environ["DATABASE_URL"]
    if url.startswith("sqlite"):
        yield f"sqlite:///{app_instance / 'mittari.sqlite3'}"
        return
    server = make_url(url)
    name = f"{server.database}_browser"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        dispose_engines()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="session")
def app_url(app_database: str, app_instance: Path) -> Iterator[str]:
    """The base URL of ``python app.py`` serving the sample data from ``app_database``."""
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": app_database,
        "MITTARI_PORT": str(port),
        "MITTARI_HOST": "127.0.0.1",
        "MITTARI_ADMIN_PASSWORD": ADMIN[1],
        "MITTARI_INSTANCE_DIR": str(app_instance),
        "MITTARI_UPLOAD_LIMIT_MB": str(UPLOAD_LIMIT_MB),
    }
    subprocess.run([sys.executable, "-m", "cli", "sample"], cwd=PROJECT_ROOT, env=env, check=True, capture_output=True)
    command, log_path = [sys.executable, "app.py"], app_instance / "app.log"
    url = f"http://127.0.0.1:{port}"
    with child_process(command, cwd=PROJECT_ROOT, env=env, log_path=log_path, stop_timeout_s=10) as server:
        wait_until_answering(url + "/", server, START_TIMEOUT_S)
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    playwright = sync_playwright().start()
    launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    try:
        yield launched
    finally:
        launched.close()
        playwright.stop()


def log_in(opened: Page, app_url: str, username: str, password: str) -> None:
    """Log in through the login form, as a person would."""
    opened.goto(f"{app_url}/login")
    opened.fill("#username", username)
    opened.fill("#password", password)
    opened.click("button[type=submit]")
    opened.wait_for_url(lambda url: "/login" not in url)


def open_menu(opened: Page) -> None:
    """Open the navbar's menu when the navbar is folded behind its button (it unfolds only where its items fit)."""
    # a page's link, drawn only by the navbar's callback for the logged-in user; the language links (hreflang) are
    # in the navbar before it, and the callback's drawing would fold a menu opened before it arrived
    opened.wait_for_function("() => document.querySelector('#shell-navbar a.nav-link[href^=\"/\"]:not([hreflang])')")
    button = opened.locator("#shell-menu-button")
    if button.is_visible() and button.get_attribute("aria-expanded") != "true":
        button.click()
        opened.locator("#shell-menu").wait_for(state="visible")


@pytest.fixture
def page(browser: Browser, app_url: str) -> Iterator[Page]:
    """A fresh page logged in as the admin; the test fails if the browser logged any error."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="fi-FI")
    opened = context.new_page()
    errors: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            errors.append(f"console: {message.text}")

    opened.on("console", on_console)
    opened.on("pageerror", lambda error: errors.append(f"page error: {error}"))
    log_in(opened, app_url, *ADMIN)
    yield opened
    context.close()
    assert not errors, "browser errors:\n" + "\n".join(errors)

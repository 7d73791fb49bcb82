"""Page load until the main figure is drawn, in headless Chromium (Playwright), against a minimal Dash page.

Both are served the same way (gunicorn, ``--workers`` processes, loopback):
the dashboard with the national data (``bench/national.py``) and
``bench/minimal_app.py``, one graph drawn by one callback. For each page, in
alternation, ``--repeat`` times:

- cold: a new browser context (empty HTTP cache), logged in by a request of
  its own (no page loaded), then the page opened: milliseconds from the start
  of navigation (``performance.now()``) until the figure's first trace is in
  the DOM, noted by a MutationObserver;
- warm: the same page opened again in that context (its scripts cached).

Prints the medians per page, and last ``cold_ratio: R warm_ms: W``: the
Benefits page's (the director's savings chart) cold median over the minimal
page's, and its warm median.

    .venv/bin/python bench/pageload.py [--repeat 5] [--workers 2] [--database URL]
"""

from __future__ import annotations

import argparse
import contextlib
import re
import statistics
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

from playwright.sync_api import BrowserContext, sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))

from national import ADMIN, DEFAULT_DATABASE, ROOT, free_port, prepare, serving, wait_until_answering  # noqa: E402

from reports.pdf import CHROMIUM_ARGS  # noqa: E402  (Debian's chromium, as the PDF export drives it)

CHROMIUM = "/usr/bin/chromium"
TIMEOUT_MS = 120_000
PAGES = {  # name: (path, what is drawn when the main figure is)
    "minimal": ("/", "#graph .scatterlayer .trace"),
    "overview": ("/", "#overview-programmes .card"),
    "benefits": ("/hyodyt", "#benefits-monthly .scatterlayer .trace"),
    "labour_market": ("/tyomarkkinat", "#labour-map .scatterlayer .trace"),
}
HEADLINE = "benefits"
OBSERVER = """(selector) => {
    window.__drawnAt = null;
    const seen = () => {
        if (window.__drawnAt === null && document.querySelector(selector)) { window.__drawnAt = performance.now(); }
    };
    new MutationObserver(seen).observe(document, {subtree: true, childList: true});
}"""


@contextlib.contextmanager
def minimal_serving(workers: int):
    """``bench/minimal_app.py`` under gunicorn like the dashboard; yields its base URL."""
    port = free_port()
    command = [sys.executable, "-m", "gunicorn", "--workers", str(workers), "--worker-class", "gthread"]
    command += ["--threads", "4", "--bind", f"127.0.0.1:{port}", "--no-control-socket"]
    command += ["--chdir", str(ROOT / "bench"), "minimal_app:server"]
    log = open(ROOT / "bench" / "data" / "minimal.log", "w")  # noqa: SIM115 - closed with the server
    server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_until_answering(f"http://127.0.0.1:{port}", server, path="/")
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()


def log_in(context: BrowserContext, base: str) -> None:
    """The session cookie for ``context`` from the login form, without loading any page in it."""
    form = context.request.get(f"{base}/login").text()
    token = re.search(r'name="csrf" value="([^"]+)"', form).group(1)
    response = context.request.post(
        f"{base}/login",
        form={"username": ADMIN[0], "password": ADMIN[1], "csrf": token, "next": "/"},
        max_redirects=0,
    )
    if response.status != 302:
        raise SystemExit(f"login failed: {response.status}")


def drawn_after(context: BrowserContext, url: str, selector: str) -> float:
    """Milliseconds from navigation start until ``selector`` appears."""
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("requestfailed", lambda request: problems.append(f"failed: {request.url} {request.failure}"))
    page.add_init_script(f"({OBSERVER})({selector!r})")
    page.goto(url, wait_until="commit", timeout=TIMEOUT_MS)
    try:
        page.wait_for_function("window.__drawnAt !== null", timeout=TIMEOUT_MS)
    except Exception as error:
        raise SystemExit(f"{url}: {selector} never drawn; {problems}") from error
    drawn = float(page.evaluate("window.__drawnAt"))
    page.close()
    return drawn


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default=DEFAULT_DATABASE)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--workers", type=int, default=2)
    options = parser.parse_args()
    prepare(options.database)
    cold: dict[str, list[float]] = defaultdict(list)
    warm: dict[str, list[float]] = defaultdict(list)
    with (
        serving(options.database, options.workers) as dashboard,
        minimal_serving(options.workers) as minimal,
        sync_playwright() as playwright,
    ):
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for _ in range(options.repeat):
            for name, (path, selector) in PAGES.items():
                base = minimal if name == "minimal" else dashboard
                context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="fi-FI")
                if name != "minimal":
                    log_in(context, base)
                cold[name].append(drawn_after(context, base + path, selector))
                warm[name].append(drawn_after(context, base + path, selector))
                context.close()
        browser.close()
    print(f"{'page':<14} {'cold ms':>9} {'warm ms':>9} {'cold / minimal':>15}   (medians of {options.repeat})")
    base_cold = statistics.median(cold["minimal"])
    for name in PAGES:
        cold_ms, warm_ms = statistics.median(cold[name]), statistics.median(warm[name])
        print(f"{name:<14} {cold_ms:>9.0f} {warm_ms:>9.0f} {cold_ms / base_cold:>15.2f}")
    ratio = statistics.median(cold[HEADLINE]) / base_cold
    print(f"cold_ratio: {ratio:.2f} warm_ms: {statistics.median(warm[HEADLINE]):.0f}")


if __name__ == "__main__":
    main()

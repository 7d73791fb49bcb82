"""Page load until the main figure is drawn, in headless Chromium (Playwright), against a minimal Dash page.

All are served the same way (gunicorn, ``--workers`` processes, loopback):
the dashboard with the national data (``bench/national.py``) and
``bench/minimal_app.py``, one graph drawn by one callback, twice: as Dash
ships it (the full plotly.js, the yardstick of the targets) and with the
dashboard's partial plotly.js (``minimal_partial``: what the dashboard adds
beyond the same plotly.js). For each page, in alternation, ``--repeat`` times:

- cold: a new browser context (empty HTTP cache), logged in by a request of
  its own (no page loaded), then the page opened: milliseconds from the start
  of navigation (``performance.now()``) until the figure's first trace is in
  the DOM, noted by a MutationObserver;
- warm: the same page opened again in that context (its scripts cached).

Prints the medians per page, and last ``cold_ratio: R warm_ms: W
worst_cold_ratio: R2 worst_warm_ms: W2``: the Benefits page's (the director's
savings chart) cold median over the minimal page's and its warm median, then
the same for the slowest dashboard page.

    .venv/bin/python bench/pageload.py [--repeat 5] [--workers 2] [--database URL]
"""

from __future__ import annotations

import argparse
import contextlib
import os
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
PAGES = {  # name: (served by, path, what is drawn when the main figure is)
    "minimal": ("minimal", "/", "#graph .scatterlayer .trace"),
    "minimal_partial": ("minimal_partial", "/", "#graph .scatterlayer .trace"),
    "overview": ("dashboard", "/", "#overview-programmes .card"),
    "benefits": ("dashboard", "/hyodyt", "#benefits-monthly .scatterlayer .trace"),
    "labour_market": ("dashboard", "/tyomarkkinat", "#labour-map .scatterlayer .trace"),
}
HEADLINE = "benefits"
DASHBOARD_CHARTS = ("benefits", "labour_market")  # the pages whose main figure is a chart
OBSERVER = """(selector) => {
    window.__drawnAt = null;
    const seen = () => {
        if (window.__drawnAt === null && document.querySelector(selector)) { window.__drawnAt = performance.now(); }
    };
    new MutationObserver(seen).observe(document, {subtree: true, childList: true});
}"""


@contextlib.contextmanager
def minimal_serving(workers: int, plotly: str = "full"):
    """``bench/minimal_app.py`` under gunicorn like the dashboard; yields its base URL."""
    port = free_port()
    command = [sys.executable, "-m", "gunicorn", "--workers", str(workers), "--worker-class", "gthread"]
    command += ["--threads", "4", "--bind", f"127.0.0.1:{port}", "--no-control-socket"]
    command += ["--chdir", str(ROOT / "bench"), "minimal_app:server"]
    log = open(ROOT / "bench" / "data" / f"minimal_{plotly}.log", "w")  # noqa: SIM115 - closed with the server
    environment = {**os.environ, "MINIMAL_PLOTLY": plotly}
    server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=environment)
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
        minimal_serving(options.workers, "partial") as minimal_partial,
        sync_playwright() as playwright,
    ):
        bases = {"dashboard": dashboard, "minimal": minimal, "minimal_partial": minimal_partial}
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for _ in range(options.repeat):
            for name, (served_by, path, selector) in PAGES.items():
                base = bases[served_by]
                context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="fi-FI")
                if served_by == "dashboard":
                    log_in(context, base)
                cold[name].append(drawn_after(context, base + path, selector))
                warm[name].append(drawn_after(context, base + path, selector))
                context.close()
        browser.close()
    report(cold, warm, options.repeat)


def report(cold: dict[str, list[float]], warm: dict[str, list[float]], repeat: int) -> None:
    """The medians per page, their ratios to both minimal pages, and the headline line."""
    cold_ms = {name: statistics.median(times) for name, times in cold.items()}
    warm_ms = {name: statistics.median(times) for name, times in warm.items()}
    ratio = {name: cold_ms[name] / cold_ms["minimal"] for name in PAGES}
    heading = f"{'page':<16} {'cold ms':>9} {'warm ms':>9} {'cold / minimal':>15} {'/ minimal_partial':>18}"
    print(f"{heading}   (medians of {repeat})")
    for name in PAGES:
        partial = cold_ms[name] / cold_ms["minimal_partial"]
        print(f"{name:<16} {cold_ms[name]:>9.0f} {warm_ms[name]:>9.0f} {ratio[name]:>15.2f} {partial:>18.2f}")
    worst_cold = max(DASHBOARD_CHARTS, key=ratio.get)
    worst_warm = max(DASHBOARD_CHARTS, key=warm_ms.get)
    print(
        f"cold_ratio: {ratio[HEADLINE]:.2f} warm_ms: {warm_ms[HEADLINE]:.0f} "
        f"worst_cold_ratio: {ratio[worst_cold]:.2f} worst_warm_ms: {warm_ms[worst_warm]:.0f}"
    )


if __name__ == "__main__":
    main()

"""The quarterly pack as a PDF that looks like the screen.

The pack is laid out as one HTML page with the app's own Bootstrap style and
the page's Plotly charts (``reports.figures``), and Debian's headless Chromium
prints it through Playwright (``page.pdf``). Nothing is fetched from the
network: the CSS and plotly.js are inlined. Chromium's path is the setting
``MITTARI_CHROMIUM`` (default ``/usr/bin/chromium``).
"""

from __future__ import annotations

import concurrent.futures
from html import escape

from playwright.sync_api import sync_playwright
from plotly.graph_objects import Figure

import settings
from i18n import language, t
from reports.figures import heat_map_figure, kuntaosuus_figure, measures_figure
from reports.text import headline_rows, indicator_rows, measure_rows, missing_texts, risk_rows, status_text

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
STATUS_CLASSES = {"alert": "table-danger", "ok": "", "no_data": "text-muted"}
BOOTSTRAP = settings.PROJECT_ROOT / "assets" / "bootstrap.min.css"
PLOTLY_JS = settings.PROJECT_ROOT / "assets" / "plotly-partial.min.js"  # the screen's plotly.js (frontend/plotly)
PRINT_CSS = """
@page { size: A4; margin: 12mm; }
body { font-size: 10.5pt; }
.card, table, .chart { break-inside: avoid; }
h1 { font-size: 18pt; } h2 { font-size: 13pt; margin-top: 1rem; }
"""


def _table(headers: list[str], rows: list[list[str]], numeric_from: int, row_classes: list[str] | None = None) -> str:
    head = "".join(
        f'<th class="{"text-end" if i >= numeric_from else ""}">{escape(h)}</th>' for i, h in enumerate(headers)
    )
    body = []
    for index, row in enumerate(rows):
        cells = "".join(
            f'<td class="{"text-end text-nowrap" if i >= numeric_from else ""}">{escape(str(c))}</td>'
            for i, c in enumerate(row)
        )
        css = row_classes[index] if row_classes else ""
        body.append(f'<tr class="{css}">{cells}</tr>')
    return (
        '<table class="table table-sm table-striped">'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    )


def _chart(figure: Figure, width: int = 900) -> str:
    figure.update_layout(width=width)
    html = figure.to_html(full_html=False, include_plotlyjs=False, config={"staticPlot": True})
    return f'<div class="chart">{html}</div>'


def pack_html(pack: dict, lang: str = "fi") -> str:
    """The whole pack as one self-contained HTML document (Bootstrap and plotly.js inlined)."""
    lang = language(lang)  # it reaches the markup: only a known language code may
    columns = lambda *names: [t(f"pack.col.{name}", lang) for name in names]  # noqa: E731
    indicator_classes = [STATUS_CLASSES[row["status"]] for row in pack["indicators"]]
    commentary = escape(pack.get("commentary") or t("pack.no_commentary", lang)).replace("\n", "<br>")
    parts = [
        f"<h1>{escape(t('pack.title', lang))} {escape(pack['quarter'])}</h1>",
        f"<p class='lead mb-1'>{escape(pack['programme_name'])}</p>",
        f"<p class='text-muted'>{escape(status_text(pack, lang))}</p>",
        *(f"<div class='alert alert-warning'>{escape(text)}</div>" for text in missing_texts(pack, lang)),
        f"<h2>{escape(t('pack.headline', lang))}</h2>",
        _table(
            columns("figure", "quarter", "year_to_date", "previous_quarter", "change"), headline_rows(pack, lang), 1
        ),
        f"<h2>{escape(t('pack.commentary', lang))}</h2><div class='card card-body mb-3'>{commentary}</div>",
        _chart(kuntaosuus_figure(pack["headline"], lang)),
        _chart(heat_map_figure(pack["heat_map"], pack["risks"], lang), width=700),
        f"<h2>{escape(t('pack.indicators', lang))}</h2>",
        _table(
            columns("indicator", "value", "threshold", "previous", "trend", "status", "risk", "detail"),
            indicator_rows(pack, lang),
            1,
            indicator_classes,
        ),
        f"<h2>{escape(t('pack.risks', lang))}</h2>",
        _table(
            columns("code", "title", "owner", "status", "likelihood", "impact", "score", "previous_score", "movement"),
            risk_rows(pack, lang),
            4,
        ),
        f"<h2>{escape(t('pack.measures', lang))}</h2>",
        _table(columns("measure", "owner", "cap", "spent", "spent_pct"), measure_rows(pack, lang), 2),
        _chart(measures_figure(pack["measures"], lang)),
    ]
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>{escape(t('pack.title', lang))} {escape(pack['quarter'])}</title>"
        f"<style>{BOOTSTRAP.read_text(encoding='utf-8')}</style><style>{PRINT_CSS}</style>"
        f"<script>{PLOTLY_JS.read_text(encoding='utf-8')}</script></head>"
        f'<body><div class="container-fluid">{"".join(parts)}</div></body></html>'
    )


def pack_pdf(pack: dict, lang: str = "fi") -> bytes:
    """The pack printed to PDF (A4) by headless Chromium.

    Printed in a thread of its own: Playwright's sync API refuses to run where an
    asyncio loop is already running (another Playwright user in the same thread).
    """
    html = pack_html(pack, lang)
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as printer:
        return printer.submit(_print_pdf, html).result()


def _print_pdf(html: str) -> bytes:
    charts = html.count('class="chart"')
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=settings.load().chromium_path, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.route("**/*", lambda route: route.abort())  # everything is inlined: fetch nothing at all
            page.set_content(html, wait_until="load")
            page.wait_for_function(f"document.querySelectorAll('.chart .main-svg').length >= {charts}", timeout=30_000)
            return page.pdf(format="A4", print_background=True)
        finally:
            browser.close()

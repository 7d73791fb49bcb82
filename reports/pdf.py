"""The quarterly pack as a PDF that looks like the screen.

The pack is laid out as one HTML page with the app's own Bootstrap style and
the page's Plotly charts (``reports.figures``), and Debian's headless Chromium
prints it through Playwright (``page.pdf``). Nothing is fetched from the
network: the CSS and plotly.js are inlined. Chromium's path is the setting
``MITTARI_CHROMIUM`` (default ``/usr/bin/chromium``).

A board document: the first line states the target, its status and the
reason; each heading is printed with its content (a heading and what follows
it are one unbreakable block, and headings never end a page); every page has
a footer with the programme, the quarter, the print date (Finnish local time)
and "page n / N"; the pack ends with the signature block.
"""

from __future__ import annotations

import concurrent.futures
import datetime as dt
from html import escape

from playwright.sync_api import sync_playwright
from plotly.graph_objects import Figure

import settings
from i18n import format_date, language, t
from reports.figures import heat_map_figure, kuntaosuus_figure, measures_figure
from reports.text import (
    HELSINKI,
    comparison_group_name,
    comparison_rows,
    left_out_text,
    missing_texts,
    pack_tables,
    signature_rows,
    status_text,
    target_colour,
    target_text,
)

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
STATUS_CLASSES = {"alert": "table-danger", "ok": "", "no_data": "text-muted"}
MARGIN = {"top": "12mm", "bottom": "16mm", "left": "12mm", "right": "12mm"}
BOOTSTRAP = settings.PROJECT_ROOT / "assets" / "bootstrap.min.css"
PLOTLY_JS = settings.PROJECT_ROOT / "assets" / "plotly-partial.min.js"  # the screen's plotly.js (frontend/plotly)
PRINT_CSS = """
@page { size: A4; }
body { font-size: 10pt; }
h1 { font-size: 18pt; } h2 { font-size: 13pt; margin-top: 1rem; }
h1, h2 { break-after: avoid; page-break-after: avoid; }
.keep, .chart, .card, tr, .signature { break-inside: avoid; page-break-inside: avoid; }
thead { display: table-header-group; }
.signature td { height: 2.2em; vertical-align: bottom; }
.signature td.line { border-bottom: 1px solid #212529; min-width: 60mm; }
"""
FOOTER = (
    "<div style=\"font-size:8px;font-family:'DejaVu Sans',sans-serif;color:#495057;width:100%;"
    'margin:0 12mm;display:flex;justify-content:space-between;">'
    "<span>{text}</span><span>{page}</span></div>"
)


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


def _chart(figure: Figure | dict, width: int = 900) -> str:
    figure = Figure(figure).update_layout(width=width)  # the pack's charts are plain dicts (reports.figures)
    html = figure.to_html(full_html=False, include_plotlyjs=False, config={"staticPlot": True})
    return f'<div class="chart">{html}</div>'


def _section(heading: str, *content: str) -> str:
    """A heading and its content as one block that a page break does not split."""
    return f"<section class='keep'><h2>{escape(heading)}</h2>{''.join(content)}</section>"


def target_block(pack: dict, lang: str) -> str:
    """The first line: the target, its status and the reason, coloured by the status."""
    text = target_text(pack, lang)
    if not text:
        return ""
    return f"<div class='alert alert-{target_colour(pack)} fw-semibold target' role='status'>{escape(text)}</div>"


def signature_block(pack: dict, lang: str) -> str:
    """Name, role and date (Finnish local time) of the signer; lines to sign on until the quarter is signed."""
    rows = "".join(
        f"<tr><th scope='row' class='pe-3'>{escape(label)}</th><td class='line'>{escape(value)}</td></tr>"
        for label, value in signature_rows(pack, lang)
    )
    return _section(t("pack.signature", lang), f"<table class='signature'><tbody>{rows}</tbody></table>")


def pack_html(pack: dict, lang: str = "fi", with_cents: bool = False) -> str:
    """The whole pack as one self-contained HTML document (Bootstrap and plotly.js inlined)."""
    lang = language(lang)  # it reaches the markup: only a known language code may
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>{escape(t('pack.title', lang))} {escape(pack['quarter'])}</title>"
        f"<style>{BOOTSTRAP.read_text(encoding='utf-8')}</style><style>{PRINT_CSS}</style>"
        f"<script>{PLOTLY_JS.read_text(encoding='utf-8')}</script></head>"
        f'<body><div class="container-fluid">{"".join(pack_parts(pack, lang, with_cents))}</div></body></html>'
    )


def pack_parts(pack: dict, lang: str, with_cents: bool = False) -> list[str]:
    """The pack's blocks in order: title, target, status, missing data, headline, commentary, charts, tables,
    the comparison (when the pack has one) and the signature."""
    commentary = escape(pack.get("commentary") or t("pack.no_commentary", lang)).replace("\n", "<br>")
    left_out = left_out_text(pack, lang)
    headline = _table(*pack_tables(pack, lang, with_cents)["headline"])
    return [
        f"<h1>{escape(t('pack.title', lang))} {escape(pack['quarter'])}</h1>",
        target_block(pack, lang),
        f"<p class='lead mb-1'>{escape(pack['programme_name'])}</p>",
        f"<p class='text-muted'>{escape(status_text(pack, lang))}</p>",
        *(f"<div class='alert alert-warning'>{escape(text)}</div>" for text in missing_texts(pack, lang)),
        _section(
            t("pack.headline", lang),
            headline,
            f"<p class='small text-muted'>{escape(left_out)}</p>" if left_out else "",
        ),
        _section(t("pack.commentary", lang), f"<div class='card card-body mb-3'>{commentary}</div>"),
        _chart(kuntaosuus_figure(pack["headline"], lang, float(pack.get("target_pct") or 0))),
        _chart(heat_map_figure(pack["heat_map"], pack["risks"], lang), width=700),
        *table_sections(pack, lang, with_cents),
        *comparison_sections(pack, lang),
        signature_block(pack, lang),
    ]


def table_sections(pack: dict, lang: str, with_cents: bool = False) -> list[str]:
    """The indicators (coloured by their status), the risk register and the measures with their chart."""
    indicator_classes = [STATUS_CLASSES[row["status"]] for row in pack["indicators"]]
    tables = pack_tables(pack, lang, with_cents)
    return [
        _section(t("pack.indicators", lang), _table(*tables["indicators"], indicator_classes)),
        _section(t("pack.risks", lang), _table(*tables["risks"])),
        _section(
            t("pack.measures", lang), _table(*tables["measures"]), _chart(measures_figure(pack["measures"], lang))
        ),
    ]


def comparison_sections(pack: dict, lang: str) -> list[str]:
    """The optional comparison (``reports.comparison.pack_section``): one table per group, when the pack has it."""
    section = pack.get("comparison")
    if not section:
        return []
    headers = [t(f"pack.comparison.col.{name}", lang) for name in COMPARISON_COLUMNS]
    period = f"{section['month']}/{section['year']}" if section.get("month") else str(section["year"])
    return [
        _section(
            t("pack.comparison", lang, group=comparison_group_name(group, lang), count=group["members"], period=period),
            _table(headers, comparison_rows(group, lang), 2),
            f"<p class='small text-muted'>{escape(t('comparison.rank_rule', lang))}</p>",
        )
        for group in section["groups"]
    ]


COMPARISON_COLUMNS = (
    "municipality",
    "indicator",
    "value",
    "baseline",
    "group_rank",
    "percentile",
    "national_rank",
    "median",
)


def footer_html(pack: dict, lang: str, printed: dt.date | None = None) -> str:
    """Chromium's page footer: programme, quarter and print date (Finnish local time) left, "page n / N" right."""
    printed = printed or dt.datetime.now(HELSINKI).date()
    lang = language(lang)
    text = t(
        "pack.footer", lang, programme=pack["programme_name"], quarter=pack["quarter"], date=format_date(printed, lang)
    )
    page = escape(t("pack.page_of", lang, page="\0", pages="\1"))
    page = page.replace("\0", '<span class="pageNumber"></span>').replace("\1", '<span class="totalPages"></span>')
    return FOOTER.format(text=escape(text), page=page)


def pack_pdf(pack: dict, lang: str = "fi", with_cents: bool = False) -> bytes:
    """The pack printed to PDF (A4) by headless Chromium, with page numbers and a footer on every page.

    Printed in a thread of its own: Playwright's sync API refuses to run where an
    asyncio loop is already running (another Playwright user in the same thread).
    """
    html = pack_html(pack, lang, with_cents)
    footer = footer_html(pack, lang)
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as printer:
        return printer.submit(_print_pdf, html, footer).result()


def _print_pdf(html: str, footer: str) -> bytes:
    charts = html.count('class="chart"')
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=settings.load().chromium_path, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.route("**/*", lambda route: route.abort())  # everything is inlined: fetch nothing at all
            page.set_content(html, wait_until="load")
            page.wait_for_function(f"document.querySelectorAll('.chart .main-svg').length >= {charts}", timeout=30_000)
            return page.pdf(
                format="A4",
                print_background=True,
                display_header_footer=True,
                header_template="<span></span>",
                footer_template=footer,
                margin=MARGIN,
            )
        finally:
            browser.close()

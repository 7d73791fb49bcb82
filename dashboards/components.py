"""Shared widgets: the navbar, figure cards, selectors and formatted money.

Every text comes from the catalogue (``i18n.t``), every amount through
``i18n.money_text`` so the whole product writes euros the same way.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from urllib.parse import parse_qsl, urlencode

import dash_ag_grid as dag
import dash_bootstrap_components as dbc
import pandas as pd
import plotly.graph_objects as go
from dash import (
    Input,
    Output,
    State,
    callback,
    callback_context,
    clientside_callback,
    dcc,
    html,
    no_update,
    page_registry,
)
from dash.exceptions import MissingCallbackContextException

from auth import can, sees_programme
from auth.guard import guarded
from auth.web import CSRF_FIELD, LANGUAGE_PATH, LOGOUT_PATH, STATEMENT_PATH, csrf_token, current_user, request_language
from dashboards import chart_text, ids
from dashboards.copies import copies
from i18n import DEFAULT_LANGUAGE, LANGUAGE_NAMES, LANGUAGES, catalogue, format_pct, language, money_text, t

Option = dict[str, object]


# --- language in the URL -------------------------------------------------


def lang_from_search(search: str | None) -> str:
    """The language of a URL query string (``?lang=en``); Finnish by default.

    >>> lang_from_search("?lang=en"), lang_from_search(""), lang_from_search("?lang=xx")
    ('en', 'fi', 'fi')
    """
    return language(dict(parse_qsl((search or "").lstrip("?"))).get("lang"))


def page_href(path: str, lang: str, search: str | None = None) -> str:
    """``path`` in ``lang``, keeping the other query parameters of ``search``.

    >>> page_href("/budget", "en")
    '/budget?lang=en'
    >>> page_href("/budget", "fi", "?lang=en&x=1")
    '/budget?x=1'
    """
    query = {k: v for k, v in parse_qsl((search or "").lstrip("?")) if k != "lang"}
    if lang != DEFAULT_LANGUAGE:
        query["lang"] = lang
    return f"{path}?{urlencode(query)}" if query else path


def language_choice_href(path: str, lang: str, search: str | None = None) -> str:
    """The switch's link to ``lang``: the server keeps the choice (session, profile) and opens ``path`` in it.

    >>> language_choice_href("/budget", "sv", "?lang=en&x=1")
    '/kieli?lang=sv&next=%2Fbudget%3Fx%3D1'
    """
    return f"{LANGUAGE_PATH}?{urlencode({'lang': lang, 'next': page_href(path, DEFAULT_LANGUAGE, search)})}"


def language_switch(path: str, lang: str, search: str | None = None) -> html.Div:
    """Links to the other languages, each named in its own language (``lang`` marks it for screen readers)."""
    links = [
        html.A(  # a plain link, so a full page load: the server keeps the choice and serves <html lang> right
            LANGUAGE_NAMES[other],
            href=language_choice_href(path, other, search),
            id=f"{ids.SHELL_LANGUAGE_SWITCH}-{other}",
            lang=other,
            hrefLang=other,
            className="nav-link border rounded px-2 ms-1 text-nowrap",
        )
        for other in LANGUAGES
        if other != language(lang)
    ]
    return html.Div(
        links, id=ids.SHELL_LANGUAGE_SWITCH, role="group", className="d-flex", **{"aria-label": t("nav.language", lang)}
    )


def lang_store(store_id: str, lang: str) -> dcc.Store:
    """The page's language, for its callbacks."""
    return dcc.Store(id=store_id, data=language(lang))


# --- shell -----------------------------------------------------------------


def nav_page(path: str, name: str, order: int, **extra: object) -> dict:
    """What ``dash.register_page`` needs of a page in the navbar: its ``path``, its link ``nav.<name>`` at place
    ``order`` and the title "link – app" (``page_title`` shows it in the user's language); ``extra``: e.g. the
    ``permission`` it needs.

    >>> nav_page("/budget", "budget", 10)["title"]
    'Budjetti – Työllisyysmittari'
    """
    nav_key = f"nav.{name}"
    return dict(path=path, name=name, title=f"{t(nav_key)} – {t('app.title')}", nav_key=nav_key, order=order, **extra)


def page_at(path: str) -> dict | None:
    """The registered page at ``path``, or None."""
    return next((page for page in page_registry.values() if page["path"] == path), None)


def page_title(page: dict, lang: str) -> str:
    """``Budjetti – Työllisyysmittari``: the page's name (``title_key``, else ``nav_key``) and the app's in ``lang``."""
    key = page.get("title_key") or page.get("nav_key")
    return f"{t(key, lang)} – {t('app.title', lang)}" if key else t("app.title", lang)


def shown_language() -> str:
    """The language of the page being shown: its URL's inside Dash's routing callback, else this request's."""
    try:
        search = callback_context.inputs.get(f"{ids.PAGES_LOCATION}.search")
    except (MissingCallbackContextException, LookupError):  # LookupError: no callback ever ran in this thread
        return request_language()
    return lang_from_search(search)


def page_title_function(page: dict) -> Callable[..., str]:
    """A title Dash calls when it shows ``page`` (at routing and in the served HTML), in the shown language."""
    return lambda **_path_variables: page_title(page, shown_language())


def nav_pages() -> list[dict]:
    """Registered pages that ask for a navbar link (``nav_key``), in ``order``."""
    pages = [page for page in page_registry.values() if page.get("nav_key")]
    return sorted(pages, key=lambda page: page.get("order") or 0)


def navbar_items(pathname: str | None, search: str | None) -> list:
    """The navbar's contents for the page at ``pathname`` in the language of ``search``, for the logged-in user."""
    user = current_user()
    return navbar_contents(pathname or "/", lang_from_search(search), user, search, csrf_token() if user else "")


def navbar_contents(path: str, lang: str, user: dict | None, search: str | None = None, csrf: str = "") -> list:
    """Links to the pages the user's role may use (``permission`` of the page, default read), and log out.

    ``csrf`` is the session's token, which the log-out form posts.
    """
    allowed = [page for page in nav_pages() if user and can(user["role"], page.get("permission", "read"))]
    links = [
        dbc.NavItem(
            dbc.NavLink(
                t(page["nav_key"], lang),
                href=page_href(page["path"], lang),
                active=page["path"] == path,
            )
        )
        for page in allowed
    ]
    switch = language_switch(path, lang, search)
    account = []
    if user:
        account = [
            dbc.DropdownMenu(
                [logout_form(lang, csrf)],
                label=user.get("display_name") or user["username"],
                nav=True,
                in_navbar=True,
                align_end=True,
                className="text-nowrap me-2",
            ),
        ]
    return [
        dbc.NavbarBrand(t("app.title", lang), href=page_href("/", lang)),
        menu_button(lang),
        dbc.Collapse(
            [dbc.Nav(links, navbar=True, className="me-auto"), dbc.Nav([*account, dbc.NavItem(switch)], navbar=True)],
            id=ids.SHELL_MENU,
            navbar=True,
            is_open=False,
        ),
    ]


def menu_button(lang: str) -> html.Button:
    """The button that opens the navbar's menu where the navbar does not fit (``assets/navbar_fit.js``), in ``lang``."""
    return html.Button(
        html.Span(className="navbar-toggler-icon"),
        id=ids.SHELL_MENU_BUTTON,
        type="button",
        className="navbar-toggler",
        title=t("nav.menu", lang),
        **{"aria-label": t("nav.menu", lang), "aria-controls": ids.SHELL_MENU, "aria-expanded": "false"},
    )


# The menu opens and closes in the browser, and the button tells a screen reader which it is. The navbar's
# contents are drawn anew on every page, so the menu starts closed after following a link.
clientside_callback(
    """function (clicks, open) {
        const now = !open;
        return [now, String(now)];
    }""",
    Output(ids.SHELL_MENU, "is_open"),
    Output(ids.SHELL_MENU_BUTTON, "aria-expanded"),
    Input(ids.SHELL_MENU_BUTTON, "n_clicks"),
    State(ids.SHELL_MENU, "is_open"),
    prevent_initial_call=True,
)


def skip_link(lang: str) -> html.A:
    """The first thing a keyboard reaches: past the navbar to the page's content (``<main>``)."""
    return html.A(
        t("a11y.skip", lang),
        href=f"#{ids.SHELL_MAIN}",
        id=ids.SHELL_SKIP,
        className="skip-link visually-hidden-focusable",
    )


def footer(lang: str) -> html.Footer:
    """Every page's footer; its contents follow the page's language (``shell_texts``)."""
    return html.Footer(
        dbc.Container(footer_contents(lang), id=ids.SHELL_FOOTER, fluid=True), className="app-footer py-3 mt-4 small"
    )


def footer_contents(lang: str) -> list:
    link = dcc.Link(t("a11y.statement", lang), href=page_href(STATEMENT_PATH, lang), id=ids.SHELL_STATEMENT_LINK)
    return [link]


def shell_texts(search: str | None) -> tuple[str, list]:
    """The skip link's text and the footer's contents in the language of the page's address."""
    lang = lang_from_search(search)
    return t("a11y.skip", lang), footer_contents(lang)


def logout_form(lang: str, csrf: str) -> html.Form:
    """Log out: a menu button that POSTs the session's token (a link would let any page log the user out)."""
    return html.Form(
        [
            dcc.Input(type="hidden", name=CSRF_FIELD, value=csrf),
            dcc.Input(type="hidden", name="lang", value=lang),
            html.Button(t("nav.logout", lang), type="submit", className="dropdown-item"),
        ],
        method="post",
        action=LOGOUT_PATH,
    )


NAVBAR_EXPAND = False  # no fixed breakpoint: assets/navbar_fit.js unfolds the row where its items fit


def navbar() -> dbc.Navbar:
    """The shell's navbar; its items are filled by a callback on the page URL."""
    return dbc.Navbar(
        dbc.Container(navbar_contents("/", DEFAULT_LANGUAGE, None), id=ids.SHELL_NAVBAR, fluid=True),
        color="primary",
        dark=True,
        expand=NAVBAR_EXPAND,
        className="mb-3",
    )


# --- what the user's role may do ----------------------------------------------------------


def may(action: str) -> bool:
    """True when the logged-in user's role may ``action``: what a page offers them enabled.

    The server checks again in every callback (``auth.guard.guarded``); this only
    keeps controls the role cannot use from looking usable.
    """
    user = current_user()
    return bool(user) and can(user["role"], action)


def role_reason(key: str, lang: str) -> html.P:
    """Why controls are disabled: the user's role and who may use them (``role.cannot.<key>``)."""
    user = current_user() or {}
    role = t(f"role.{user['role']}", lang) if user.get("role") else "–"
    return html.P(t(f"role.cannot.{key}", lang, role=role), className="small text-muted mb-2", id=f"role-reason-{key}")


def page_refusal(action: str, title: str, lang: str) -> html.Div | None:
    """A page the user's role may not open says so (instead of an empty page); ``None`` when they may."""
    if may(action):
        return None
    user = current_user() or {}
    role = t(f"role.{user['role']}", lang) if user.get("role") else "–"
    return html.Div(
        [
            page_heading(title),
            dbc.Alert(t(f"role.forbidden.{action}", lang, role=role), color="warning", id=ids.SHELL_FORBIDDEN),
        ]
    )


def refusal_banner() -> html.Div:
    """Where a refused action is told (``assets/refusals.js`` fills it when the server answers 401 or 403)."""
    texts = {f"data-{kind}-{lang}": t(f"refused.{kind}", lang) for kind in ("forbidden", "login") for lang in LANGUAGES}
    return html.Div(id=ids.SHELL_REFUSED, role="alert", className="alert alert-danger mx-3 d-none", **texts)


# --- money -----------------------------------------------------------------


def percent_text(value: float, lang: str, digits: int = 1) -> str:
    """A percentage in the language's format (``−3,0 %``)."""
    return format_pct(value, lang, digits)


def money_cell(cents: int | None, lang: str, **props: object) -> html.Td:
    """A right-aligned table cell with an amount (``i18n.money_text``; blank when there is none)."""
    text = "" if cents is None else money_text(cents, lang)
    return html.Td(text, className=AMOUNT, **props) if props else AMOUNT_CELL(text)


# --- tables and cards ------------------------------------------------------

AMOUNT = "text-end text-nowrap"  # an amount's cell: right-aligned, on one line
# A table's cells are built as copies (``chart_text.copies``): Dash would check the same props on every cell.
TABLE_HEAD, TABLE_BODY, TABLE_ROW = chart_text.TABLE_HEAD, chart_text.TABLE_BODY, chart_text.TABLE_ROW
SMALL_TABLE = copies(dbc.Table, size="sm", striped=True, hover=True, className="mb-0")
SCROLL_BOX_CLASS = "scroll-box mb-2"
SCROLL_BOX = copies(html.Div, className=SCROLL_BOX_CLASS, tabIndex="0")
HEADER, AMOUNT_HEADER = copies(html.Th, className=None), copies(html.Th, className="text-end")
TEXT_CELL, AMOUNT_CELL = copies(html.Td, className=None), copies(html.Td, className=AMOUNT)


def simple_table(headers: Sequence[str], rows: Iterable[Sequence], numeric_from: int) -> html.Div:
    """A small striped table; columns from ``numeric_from`` on are right-aligned amounts.

    A table wider than the screen scrolls sideways inside its own box (``scroll_box``), not the page.
    """
    head = TABLE_HEAD(
        TABLE_ROW([(AMOUNT_HEADER if i >= numeric_from else HEADER)(text) for i, text in enumerate(headers)])
    )
    body = TABLE_BODY([TABLE_ROW(_cells(row, numeric_from)) for row in rows])
    return scroll_box(SMALL_TABLE([head, body]))


def scroll_box(wide: object, label: str | None = None) -> html.Div:
    """A box that scrolls sideways when ``wide`` does not fit (``assets/reflow.css``); the keyboard scrolls it too."""
    if not label:
        return SCROLL_BOX(wide)
    return html.Div(wide, className=SCROLL_BOX_CLASS, tabIndex="0", role="region", **{"aria-label": label})


def _cells(row: Sequence, numeric_from: int) -> list:
    """A row's cells: a cell given as ``html.Td`` as it is, another value in a text or an amount cell."""
    return [
        cell if isinstance(cell, html.Td) else (AMOUNT_CELL if i >= numeric_from else TEXT_CELL)(cell)
        for i, cell in enumerate(row)
    ]


GRAPH_CONFIG = {"displaylogo": False, "responsive": True}  # redrawn to its box's width when the window changes


def figure_card(title: str, graph_id: str, note: str | None = None, lang: str = DEFAULT_LANGUAGE) -> dbc.Card:
    """A card holding one Plotly graph with its title, its summary and data table (``chart_text``), and a note.

    The page registers the graph with ``chart_text.register`` so its words follow the figure its callback sets.
    """
    graph = dcc.Graph(id=graph_id, config=GRAPH_CONFIG, style={"minHeight": "320px"})
    body = [chart_text.chart(graph, lang, title=title)]
    if note:
        body.append(html.P(note, className="text-muted small mb-0"))
    return dbc.Card([dbc.CardHeader(title), dbc.CardBody(body)], className="mb-3")


def empty_figure(message: str) -> go.Figure:
    """A blank chart that says why it is blank."""
    figure = go.Figure()
    figure.update_layout(
        annotations=[{"text": message, "showarrow": False, "font": {"size": 14}}],
        xaxis={"visible": False},
        yaxis={"visible": False},
        plot_bgcolor="white",
        height=200,
    )
    return figure


# AG Grid's own texts ("No Rows To Show", pagination, filters, screen-reader hints), from the catalogue
GRID_TEXT_KEYS = [key.removeprefix("grid.") for key in catalogue() if key.startswith("grid.")]


def grid_locale_text(lang: str) -> dict[str, str]:
    """AG Grid's ``localeText`` in ``lang``.

    >>> grid_locale_text("sv")["noRowsToShow"], grid_locale_text("fi")["noRowsToShow"]
    ('Inga rader att visa', 'Ei näytettäviä rivejä')
    """
    return {key: t(f"grid.{key}", lang) for key in GRID_TEXT_KEYS}


def data_grid(grid_id: str, export_name: str, fit_columns: bool = False, lang: str = DEFAULT_LANGUAGE) -> dag.AgGrid:
    """A sortable, resizable AG Grid that grows with its rows and exports as ``export_name`` (CSV).

    ``fit_columns`` spreads a few columns over the grid's width (wide tables keep their own widths);
    the grid's own texts are in ``lang``.
    """
    return dag.AgGrid(
        id=grid_id,
        rowData=[],
        columnDefs=[],
        defaultColDef={"resizable": True, "sortable": True, "suppressHeaderMenuButton": True},
        dashGridOptions={
            "theme": GRID_THEME,
            "domLayout": "autoHeight",
            "animateRows": False,
            "defaultCsvExportParams": CSV_EXPORT_DEFAULTS,
            "localeText": grid_locale_text(lang),
            **GRID_KEYBOARD,
        },
        csvExportParams={"fileName": export_name},
        columnSize="responsiveSizeToFit" if fit_columns else None,
        style={"height": None},
    )


INDENT_BY_DEPTH = "(params.data.depth * 20 + 12) + 'px'"  # a budget line's name, indented by its depth


def line_name_columns(lang: str, name_style: str, category_width: int) -> list[dict]:
    """A budget-line grid's first two columns: the line's name (``name_style``: the JS of its cell style)
    and its JHS 192 line (``category_width`` pixels at the least).

    >>> [column["field"] for column in line_name_columns("fi", "({})", 160)]
    ['name', 'category']
    """
    name = {
        "field": "name",
        "headerName": t("col.line", lang),
        "flex": 3,
        "minWidth": 260,
        "tooltipField": "name",
        "cellStyle": {"function": name_style},
    }
    return [name, {"field": "category", "headerName": t("col.category", lang), "flex": 2, "minWidth": category_width}]


# CSV exports as Finnish Excel reads them: ";" between columns, numbers with a decimal comma (AG Grid
# writes UTF-8 with a BOM). A text cell that a spreadsheet would take for a formula (= + - @ tab CR)
# gets a leading apostrophe; numbers stay numbers (reports.cells.neutralise does the same on the server).
CSV_FORMULA_GUARD = {"function": "csvCell(params)"}  # assets/dashAgGridFunctions.js

# A grid is one tab stop: Tab enters it and the next Tab leaves it (AG Grid would walk every cell);
# inside, the arrow keys move between headers and cells (AG Grid's own keyboard navigation).
GRID_KEYBOARD = {"tabToNextCell": {"function": "false"}, "tabToNextHeader": {"function": "false"}}
CSV_SEPARATOR = ";"


# Grid options (not the csvExportParams prop) are where dash-ag-grid turns {"function": ...} into code.
CSV_EXPORT_DEFAULTS = {"processCellCallback": CSV_FORMULA_GUARD, "columnSeparator": CSV_SEPARATOR}
GRID_THEME = {"function": "themeQuartz.withParams({fontFamily: 'inherit', headerFontWeight: 600})"}


def export_buttons(csv_id: str, xlsx_id: str, lang: str) -> html.Div:
    """A grid's downloads: CSV for Finnish Excel and, beside it, the same rows as xlsx."""
    button = {"size": "sm", "color": "secondary", "outline": True}
    return html.Div(
        [
            dbc.Button(t("export.csv", lang), id=csv_id, className="me-2", **button),
            dbc.Button(t("export.xlsx", lang), id=xlsx_id, **button),
            dcc.Download(id=f"{xlsx_id}-download"),
        ],
        className="d-flex",
    )


def grid_header(title: html.Span, csv_id: str, xlsx_id: str, lang: str) -> html.Div:
    """A grid card's header: its title (a span) at the left, the grid's downloads (``export_buttons``) at the right."""
    return html.Div(
        [title, export_buttons(csv_id, xlsx_id, lang)], className="d-flex justify-content-between align-items-center"
    )


def grid_xlsx(rows: list[dict] | None, columns: list[dict] | None, title: str, file_name: str) -> dict:
    """A grid's rows and columns (header names) as an xlsx download, the grid's own values (numbers as numbers)."""
    from reports.workbook import table_workbook

    shown = [column for column in columns or [] if column.get("field") and not column.get("hide")]
    table = [[row.get(column["field"]) for column in shown] for row in rows or []]
    headers = [str(column.get("headerName") or column["field"]) for column in shown]
    return dcc.send_bytes(table_workbook(title, headers, table), file_name, type=XLSX_MEDIA_TYPE)


XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def register_xlsx_export(
    button_id: str,
    grid_id: str,
    lang_id: str,
    file_name: str,
    title_key: str,
    action: str = "export",
    after: Callable[[], None] | None = None,
) -> None:
    """The xlsx button of ``export_buttons`` sends ``grid_id``'s rows as ``file_name``; ``after()`` runs once sent."""

    @callback(
        Output(f"{button_id}-download", "data"),
        Input(button_id, "n_clicks"),
        State(grid_id, "rowData"),
        State(grid_id, "columnDefs"),
        State(lang_id, "data"),
        prevent_initial_call=True,
    )
    @guarded(action)
    def send_xlsx(clicks: int | None, rows: list[dict] | None, columns: list[dict] | None, lang: str) -> dict:
        if not clicks:
            return no_update
        sent = grid_xlsx(rows, columns, t(title_key, language(lang)), file_name)
        if after is not None:
            after()
        return sent


def severity_badge(severity: str, lang: str) -> dbc.Badge:
    """A coloured badge naming a finding's severity (info, warning, error)."""
    colours = {"info": "info", "warning": "warning", "error": "danger"}
    return dbc.Badge(t(f"severity.{severity}", lang), color=colours[severity], className="me-2")


def page_top(lang_id: str, name: str, lang: str, *kept: object) -> list:
    """A page's first children: its language store (``lang_id``), what else it keeps in the browser (``kept``:
    stores, downloads, dialogs) and its heading, the catalogue's ``<name>.title`` and ``<name>.intro``."""
    return [lang_store(lang_id, lang), *kept, page_heading(t(f"{name}.title", lang), t(f"{name}.intro", lang))]


def page_heading(title: str, intro: str | None = None) -> html.Div:
    """A page's title and a one-line explanation of what it shows."""
    parts = [html.H1(title, className="h3")]
    if intro:
        parts.append(html.P(intro, className="text-muted"))
    return html.Div(parts, className="mb-3")


# --- selectors -------------------------------------------------------------


def selector(label: str, component_id: str, options: list[Option], value: object) -> html.Div:
    """A labelled choice of one: a native ``<select>`` named by its ``<label>``.

    Native rather than Dash's dropdown: screen readers announce the label with the choice,
    and the keyboard works as in every other form (Dash 4's dropdown names itself by its
    value only and puts a focusable element under ``aria-hidden``). The browser returns
    the chosen value as text.
    """
    return html.Div(
        [
            dbc.Label(label, html_for=component_id, className="fw-semibold mb-1"),
            dbc.Select(id=component_id, options=options, value=value),
        ]
    )


def dom_id(component_id: str | dict) -> str:
    """The ``id`` attribute Dash gives a component, for ``<label for>``: a pattern-matching id is its JSON, keys sorted.

    >>> dom_id({"type": "risks-field", "field": "title"})
    '{"field":"title","type":"risks-field"}'
    >>> dom_id("budget-year")
    'budget-year'
    """
    if isinstance(component_id, str):
        return component_id
    return json.dumps(component_id, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def programme_options(programmes: Mapping[str, str]) -> list[Option]:
    """Dropdown options from ``{slug: name}``."""
    return [{"label": name, "value": slug} for slug, name in programmes.items()]


def name_options(names: Iterable[str]) -> list[Option]:
    """Dropdown options whose label is their value (budget names)."""
    return [{"label": name, "value": name} for name in names]


def year_options(years: Iterable[int]) -> list[Option]:
    """Options for years, in the order given; the value is the year as text, as a ``<select>`` returns it."""
    return [{"label": str(year), "value": str(int(year))} for year in years]


def visible_programmes() -> pd.DataFrame:
    """The programmes the logged-in user may see (admins: every one; nobody logged in: none)."""
    from db import queries

    found = queries.programmes()
    user = current_user()
    if user is None:
        return found.iloc[0:0]
    return found[[sees_programme(user, slug) for slug in found["slug"]]].reset_index(drop=True)


def chooser_row(chooser: html.Div) -> dbc.Row:
    """A page's programme selector alone on its row (``programme_choice``), above what it chooses."""
    return dbc.Row(dbc.Col(chooser, md=5), className="mb-3")


def programme_choice(
    component_id: str, lang: str, wanted: str | None, label: str | None = None
) -> tuple[html.Div, str | None]:
    """A programme selector (the wanted one chosen when it exists, else the first) and the chosen slug."""
    found = visible_programmes()
    programmes = dict(zip(found["slug"], found["name"], strict=True))
    slug = wanted if wanted in programmes else next(iter(programmes), None)
    chooser = selector(label or t("pack.programme", lang), component_id, programme_options(programmes), slug)
    return chooser, slug

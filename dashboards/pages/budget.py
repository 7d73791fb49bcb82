"""Budget: one budget's lines for a year, where each figure comes from, and how they add up."""

from __future__ import annotations

import dash
import dash_ag_grid as dag
import dash_bootstrap_components as dbc
import pandas as pd
from dash import Input, Output, State, callback, html

from auth.guard import guarded
from dashboards import chart_text, components, ids
from dashboards.cache import cached, plain
from dashboards.figures.budget import (
    findings,
    grid_columns,
    grid_rows,
    scenarios_note,
    scenarios_present,
    source_detail,
    waterfall_figure,
)
from db import queries
from i18n import language, t
from models.budget import reconcile

dash.register_page(__name__, **components.nav_page("/budget", "budget", 10))


def layout(lang: str = "fi", programme: str | None = None, **_query: str) -> html.Div:
    """The page for ``?programme=`` (the Overview's links), else the first programme the user may see."""
    lang = language(lang)
    chooser, _slug = components.programme_choice(ids.BUDGET_PROGRAMME, lang, programme, t("col.programme", lang))
    return html.Div(
        [
            *components.page_top(ids.BUDGET_LANG, "budget", lang),
            dbc.Row(
                [
                    dbc.Col(chooser, md=5),
                    dbc.Col(components.selector(t("col.budget", lang), ids.BUDGET_BUDGET, [], None), md=4),
                    dbc.Col(components.selector(t("col.year", lang), ids.BUDGET_YEAR, [], None), md=2),
                ],
                className="g-3 mb-3",
            ),
            lines_card(lang),
            html.Div(id=ids.BUDGET_FINDINGS, className="mb-3"),
            components.figure_card(
                t("budget.waterfall_card", lang), ids.BUDGET_WATERFALL, t("budget.waterfall_note", lang), lang
            ),
        ]
    )


def lines_card(lang: str) -> dbc.Card:
    title = html.Span(id=ids.BUDGET_GRID_TITLE, className="fw-semibold")
    header = components.grid_header(title, ids.BUDGET_EXPORT, ids.BUDGET_EXPORT_XLSX, lang)
    return dbc.Card(
        [
            dbc.CardHeader(header),
            dbc.CardBody(
                [
                    html.P(id=ids.BUDGET_SCENARIOS, className="small text-muted mb-2"),
                    lines_grid(lang),
                    dbc.Alert(
                        t("budget.source_hint", lang), id=ids.BUDGET_SOURCE, color="light", className="mt-2 mb-0 small"
                    ),
                ]
            ),
        ],
        className="mb-3",
    )


def lines_grid(lang: str) -> dag.AgGrid:
    """The budget's lines, one row per line; Enter on a cell tells its source as a click does."""
    return dag.AgGrid(
        id=ids.BUDGET_GRID,
        rowData=[],
        columnDefs=[],
        defaultColDef={"resizable": True, "sortable": True, "suppressHeaderMenuButton": True},
        getRowId="params.data.code",
        dashGridOptions={
            "theme": components.GRID_THEME,
            "domLayout": "autoHeight",
            "tooltipShowDelay": 200,
            "animateRows": False,
            "defaultCsvExportParams": components.CSV_EXPORT_DEFAULTS,
            **components.GRID_KEYBOARD,
            "localeText": components.grid_locale_text(lang),
        },
        csvExportParams={"fileName": "budjetti.csv"},
        eventListeners={"cellKeyDown": ["sourceOnEnter(params, setEventData)"]},  # assets/dashAgGridFunctions.js
        style={"height": None},
    )


# --- callbacks: inputs → db.queries → models → figure ---------------------


@callback(
    Output(ids.BUDGET_BUDGET, "options"),
    Output(ids.BUDGET_BUDGET, "value"),
    Input(ids.BUDGET_PROGRAMME, "value"),
)
@guarded("read", programme="programme")
def choose_budget(programme: str | None) -> tuple[list, str | None]:
    budgets = queries.budgets(programme) if programme else pd.DataFrame(columns=["name"])
    options = components.name_options(budgets["name"])
    return options, _first(options)


@callback(
    Output(ids.BUDGET_YEAR, "options"),
    Output(ids.BUDGET_YEAR, "value"),
    Input(ids.BUDGET_PROGRAMME, "value"),
    Input(ids.BUDGET_BUDGET, "value"),
)
@guarded("read", programme="programme")
def choose_year(programme: str | None, budget: str | None) -> tuple[list, str | None]:
    lines = queries.current_budget_lines(programme=programme, budget=budget) if programme and budget else None
    years = sorted({int(year) for year in lines["year"]}) if lines is not None else []
    options = components.year_options(years)
    return options, (options[-1]["value"] if options else None)


def chosen_year(value: str | int | None) -> int | None:
    """The year chosen in the year ``<select>`` (its value is text).

    >>> chosen_year("2018"), chosen_year(None), chosen_year("")
    (2018, None, None)
    """
    return int(value) if value not in (None, "") else None


@callback(
    output=dict(
        title=Output(ids.BUDGET_GRID_TITLE, "children"),
        scenarios=Output(ids.BUDGET_SCENARIOS, "children"),
        columns=Output(ids.BUDGET_GRID, "columnDefs"),
        rows=Output(ids.BUDGET_GRID, "rowData"),
        findings=Output(ids.BUDGET_FINDINGS, "children"),
        waterfall=Output(ids.BUDGET_WATERFALL, "figure"),
    ),
    inputs=dict(
        programme=Input(ids.BUDGET_PROGRAMME, "value"),
        budget=Input(ids.BUDGET_BUDGET, "value"),
        year=Input(ids.BUDGET_YEAR, "value"),
        lang=State(ids.BUDGET_LANG, "data"),
    ),
)
@guarded("read", programme="programme")
def show_budget(programme: str | None, budget: str | None, year: str | None, lang: str) -> dict:
    """The chosen budget's lines of one year: grid, reconciliation and waterfall."""
    return budget_view(programme, budget, chosen_year(year), lang)


@cached
def budget_view(programme: str | None, budget: str | None, year: int | None, lang: str) -> dict:
    """What ``show_budget`` shows, the same for everyone who may see the programme until the data changes."""
    lines = (
        queries.current_budget_lines(programme=programme, budget=budget, year=year)
        if programme and budget and year is not None
        else pd.DataFrame(columns=queries.LINE_COLUMNS)
    )
    scenarios = scenarios_present(lines)
    return {
        "title": t("budget.grid_title", lang, budget=budget or "", year=year or ""),
        "scenarios": scenarios_note(scenarios, year, lang),
        "columns": grid_columns(scenarios, lang),
        "rows": grid_rows(lines, scenarios, lang),
        "findings": findings(reconcile(lines), lang),
        "waterfall": plain(waterfall_figure(lines, budget or "", year, lang)),
    }


@callback(
    Output(ids.BUDGET_SOURCE, "children"),
    Input(ids.BUDGET_GRID, "cellClicked"),
    Input(ids.BUDGET_GRID, "eventData"),  # Enter on a cell: the same as a click
    Input(ids.BUDGET_GRID, "rowData"),
    State(ids.BUDGET_YEAR, "value"),
    State(ids.BUDGET_LANG, "data"),
    prevent_initial_call=True,
)
@guarded("read")
def show_source(clicked: dict | None, entered: dict | None, rows: list[dict], year: str | None, lang: str) -> str:
    """Where the clicked (or Enter-pressed) figure comes from: file, sheet and cell; the hint again for other lines."""
    triggered = dash.ctx.triggered_prop_ids
    if f"{ids.BUDGET_GRID}.rowData" in triggered:  # another programme, budget or year
        return t("budget.source_hint", lang)
    cell = (entered or {}).get("data") if f"{ids.BUDGET_GRID}.eventData" in triggered else clicked
    return source_detail(cell, rows, chosen_year(year), lang)


dash.clientside_callback(
    "function (n) { return Boolean(n); }",
    Output(ids.BUDGET_GRID, "exportDataAsCsv"),
    Input(ids.BUDGET_EXPORT, "n_clicks"),
    prevent_initial_call=True,
)
components.register_xlsx_export(ids.BUDGET_EXPORT_XLSX, ids.BUDGET_GRID, ids.BUDGET_LANG, "budjetti.xlsx", "nav.budget")


chart_text.register(ids.BUDGET_WATERFALL, ids.BUDGET_LANG)  # the waterfall's summary and table follow its figure


def _first(options: list[dict]) -> object:
    return options[0]["value"] if options else None

"""Budget: one budget's lines for a year, where each figure comes from, and how they add up."""

from __future__ import annotations

import dash
import dash_ag_grid as dag
import dash_bootstrap_components as dbc
import pandas as pd
import plotly.graph_objects as go
from dash import Input, Output, State, callback, html

from auth.guard import guarded
from dashboards import chart_text, components, ids
from dashboards.cache import cached, plain
from db import queries
from i18n import catalogue, language, plotly_separators, t
from models.amounts import cents_to_euros
from models.budget import SCENARIOS, line_tree, reconcile, waterfall_steps

dash.register_page(
    __name__,
    path="/budget",
    name="budget",
    title=f"{t('nav.budget')} – {t('app.title')}",
    nav_key="nav.budget",
    order=10,
)

SEVERITY = {"rounding": "info", "remainder": "info", "mismatch": "warning"}
WATERFALL_SCENARIO = "budget"  # the chart shows the plan; other scenarios if there is none
LABEL_LENGTH = 45
COLOURS = {"increasing": "#2e7d32", "decreasing": "#c62828", "totals": "#1f4e79"}


def layout(lang: str = "fi", programme: str | None = None, **_query: str) -> html.Div:
    """The page for ``?programme=`` (the Overview's links), else the first programme the user may see."""
    lang = language(lang)
    chooser, _slug = components.programme_choice(ids.BUDGET_PROGRAMME, lang, programme, t("col.programme", lang))
    return html.Div(
        [
            components.lang_store(ids.BUDGET_LANG, lang),
            components.page_heading(t("budget.title", lang), t("budget.intro", lang)),
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
    header = html.Div(
        [
            html.Span(id=ids.BUDGET_GRID_TITLE, className="fw-semibold"),
            components.export_buttons(ids.BUDGET_EXPORT, ids.BUDGET_EXPORT_XLSX, lang),
        ],
        className="d-flex justify-content-between align-items-center",
    )
    grid = dag.AgGrid(
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
    return dbc.Card(
        [
            dbc.CardHeader(header),
            dbc.CardBody(
                [
                    html.P(id=ids.BUDGET_SCENARIOS, className="small text-muted mb-2"),
                    grid,
                    dbc.Alert(
                        t("budget.source_hint", lang), id=ids.BUDGET_SOURCE, color="light", className="mt-2 mb-0 small"
                    ),
                ]
            ),
        ],
        className="mb-3",
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
    Output(ids.BUDGET_GRID_TITLE, "children"),
    Output(ids.BUDGET_SCENARIOS, "children"),
    Output(ids.BUDGET_GRID, "columnDefs"),
    Output(ids.BUDGET_GRID, "rowData"),
    Output(ids.BUDGET_FINDINGS, "children"),
    Output(ids.BUDGET_WATERFALL, "figure"),
    Input(ids.BUDGET_PROGRAMME, "value"),
    Input(ids.BUDGET_BUDGET, "value"),
    Input(ids.BUDGET_YEAR, "value"),
    State(ids.BUDGET_LANG, "data"),
)
@guarded("read", programme="programme")
def show_budget(programme: str | None, budget: str | None, year: str | None, lang: str) -> tuple:
    """The chosen budget's lines of one year: grid, reconciliation and waterfall."""
    return budget_view(programme, budget, chosen_year(year), lang)


@cached
def budget_view(programme: str | None, budget: str | None, year: int | None, lang: str) -> tuple:
    """What ``show_budget`` shows, the same for everyone who may see the programme until the data changes."""
    lines = (
        queries.current_budget_lines(programme=programme, budget=budget, year=year)
        if programme and budget and year is not None
        else pd.DataFrame(columns=queries.LINE_COLUMNS)
    )
    scenarios = scenarios_present(lines)
    return (
        t("budget.grid_title", lang, budget=budget or "", year=year or ""),
        scenarios_note(scenarios, year, lang),
        grid_columns(scenarios, lang),
        grid_rows(lines, scenarios, lang),
        findings(reconcile(lines), lang),
        plain(waterfall_figure(lines, budget or "", year, lang)),
    )


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


# --- grid -----------------------------------------------------------------


def scenarios_present(lines: pd.DataFrame) -> list[str]:
    """The scenarios among ``lines``, in the order plan → revised → actual → forecast."""
    found = set(lines["scenario"])
    return [name for name in SCENARIOS if name in found]


def scenarios_note(scenarios: list[str], year: int | None, lang: str) -> str:
    if not scenarios:
        return t("budget.no_lines", lang)
    names = ", ".join(t(f"scenario.{name}", lang) for name in scenarios)
    return t("budget.scenarios", lang, year=year, scenarios=names)


def grid_columns(scenarios: list[str], lang: str) -> list[dict]:
    """Line name (indented by depth), JHS 192 line, and one money column per scenario."""
    name = {
        "field": "name",
        "headerName": t("col.line", lang),
        "flex": 3,
        "minWidth": 260,
        "tooltipField": "name",
        "cellStyle": {
            "function": "({paddingLeft: (params.data.depth * 20 + 12) + 'px',"
            " fontWeight: params.data.depth === 0 ? 600 : 400})"
        },
    }
    category = {"field": "category", "headerName": t("col.category", lang), "flex": 2, "minWidth": 180}
    return [name, category, *(money_column(scenario, lang) for scenario in scenarios)]


def money_column(scenario: str, lang: str) -> dict:
    return {
        "field": scenario,
        "colId": scenario,
        "headerName": f"{t(f'scenario.{scenario}', lang)}, €",
        "type": "rightAligned",
        "flex": 1,
        "minWidth": 150,
        "valueFormatter": {"function": f"params.data ? params.data['{scenario}_text'] : ''"},
        "tooltipField": f"{scenario}_source",
        "cellStyle": {"fontVariantNumeric": "tabular-nums"},
    }


def grid_rows(lines: pd.DataFrame, scenarios: list[str], lang: str) -> list[dict]:
    """One row per line in reading order, each scenario's amount, text and source."""
    if lines.empty:
        return []
    rank = {name: i for i, name in enumerate(SCENARIOS)}
    ordered = lines.assign(rank=lines["scenario"].map(rank)).sort_values(["rank", "position"])
    tree = line_tree(ordered.drop_duplicates("code"))
    by_key = ordered.set_index(["scenario", "code"])
    return [line_row(line, by_key, scenarios, lang) for line in tree.to_dict("records")]


def line_row(line: dict, by_key: pd.DataFrame, scenarios: list[str], lang: str) -> dict:
    row = {
        "code": line["code"],
        "name": line["name"],
        "depth": int(line["depth"]),
        "category": category_label(line["category"], lang),
    }
    for scenario in scenarios:
        if (scenario, line["code"]) not in by_key.index:
            continue
        figure = by_key.loc[(scenario, line["code"])]
        cents = int(figure["amount_cents"])
        row[scenario] = cents_to_euros(cents)
        row[f"{scenario}_text"] = components.money_text(cents, lang)
        row[f"{scenario}_source"] = source_text(figure, lang)
    return row


def category_label(category: object, lang: str) -> str:
    """The JHS 192 line's name; blank when the line has none."""
    if not isinstance(category, str) or not category:
        return ""
    key = f"jhs.{category}"
    return t(key, lang) if key in catalogue() else category


def source_text(figure: pd.Series, lang: str) -> str:
    """``Lähde: file, sheet 'S', cell F3`` (the sheet is left out for CSV files)."""
    file, sheet, cell = (figure.get(name) for name in ("source_file", "source_sheet", "source_cell"))
    has_sheet = isinstance(sheet, str) and sheet and sheet != file
    has_cell = isinstance(cell, str) and cell
    if has_sheet and has_cell:
        return t("source.file_sheet_cell", lang, file=file, sheet=sheet, cell=cell)
    if has_cell:
        return t("source.file_cell", lang, file=file, cell=cell)
    return t("source.file", lang, file=file)


def source_detail(clicked: dict | None, rows: list[dict], year: int | None, lang: str) -> str:
    scenario = (clicked or {}).get("colId")
    row = next((r for r in rows or [] if r.get("code") == (clicked or {}).get("rowId")), None)
    if row is None or scenario not in SCENARIOS:
        return t("budget.source_hint", lang)
    if f"{scenario}_source" not in row:
        return t("budget.source_none", lang, line=row["name"])
    return t(
        "budget.source_detail",
        lang,
        line=row["name"],
        scenario=t(f"scenario.{scenario}", lang),
        year=year,
        amount=row[f"{scenario}_text"],
        source=row[f"{scenario}_source"],
    )


# --- reconciliation -------------------------------------------------------


def findings(reconciled: pd.DataFrame, lang: str) -> dbc.Card:
    """The reconciliation findings in words: rounding and remainders inform, mismatches warn."""
    if reconciled.empty:
        items = [html.Li(t("budget.findings_none", lang))]
    else:
        items = [finding_item(row, lang) for row in reconciled.to_dict("records")]
    return dbc.Card(
        [
            dbc.CardHeader(t("budget.findings_title", lang)),
            dbc.CardBody(html.Ul(items, className="list-unstyled mb-0")),
        ]
    )


def finding_item(row: dict, lang: str) -> html.Li:
    severity = SEVERITY[row["finding"]]
    text = t(
        f"msg.{row['finding']}",
        lang,
        line=row["name"],
        year=int(row["year"]),
        scenario=t(f"scenario.{row['scenario']}", lang),
        amount=components.money_text(row["amount_cents"], lang),
        children=components.money_text(row["children_cents"], lang),
        difference=components.money_text(row["difference"], lang),
        tolerance=components.money_text(row["tolerance"], lang),
    )
    return html.Li([components.severity_badge(severity, lang), text], className="mb-1")


# --- waterfall ------------------------------------------------------------


def waterfall_scenario(lines: pd.DataFrame) -> str | None:
    """The plan ("budget") where the year has one, else the first scenario present."""
    present = scenarios_present(lines)
    return WATERFALL_SCENARIO if WATERFALL_SCENARIO in present else next(iter(present), None)


def waterfall_figure(lines: pd.DataFrame, budget: str, year: int | None, lang: str) -> go.Figure:
    """From toimintatuotot through the cost lines to toimintakate, one scenario, in euros."""
    scenario = waterfall_scenario(lines)
    if scenario is None:
        return components.empty_figure(t("budget.no_lines", lang))
    steps = waterfall_steps(lines[lines["scenario"] == scenario])
    steps = steps[(steps["measure"] != "relative") | (steps["amount_cents"] != 0)]
    labels = [step_label(label, lang) for label in steps["label"]]
    texts = [components.money_text(cents, lang) for cents in steps["amount_cents"]]
    figure = go.Figure(
        go.Waterfall(
            orientation="h",
            measure=list(steps["measure"]),
            y=_distinct([_shorten(label) for label in labels]),
            x=[cents_to_euros(cents) for cents in steps["amount_cents"]],
            text=texts,
            textposition="outside",
            customdata=labels,
            hovertemplate="%{customdata}<br>%{text}<extra></extra>",
            increasing={"marker": {"color": COLOURS["increasing"]}},
            decreasing={"marker": {"color": COLOURS["decreasing"]}},
            totals={"marker": {"color": COLOURS["totals"]}},
            connector={"line": {"color": "#9e9e9e", "width": 1}},
        )
    )
    title = t("budget.waterfall_title", lang)
    subtitle = f"{budget} · {t(f'scenario.{scenario}', lang)} {year}"
    figure.update_layout(
        title={"text": f"{title}<br><sup>{subtitle}</sup>", "x": 0, "xanchor": "left"},
        separators=plotly_separators(lang),
        height=160 + 34 * len(steps),
        margin={"l": 10, "r": 40, "t": 70, "b": 40},
        xaxis={"title": {"text": "€"}, "tickformat": ",.0f", "range": axis_range(steps)},
        yaxis={"autorange": "reversed", "automargin": True},
        plot_bgcolor="white",
        font={"size": 13},
        showlegend=False,
    )
    figure.update_xaxes(gridcolor="#e0e0e0")
    return figure


def axis_range(steps: pd.DataFrame, margin: float = 0.25) -> list[float]:
    """The x range of a waterfall with room beside its bars for their labels, in euros."""
    running, ends = 0, [0]
    for cents, measure in zip(steps["amount_cents"], steps["measure"]):
        running = int(cents) if measure in ("absolute", "total") else running + int(cents)
        ends.append(running)
    low, high = cents_to_euros(min(ends)), cents_to_euros(max(ends))
    pad = (high - low) * margin or 1
    return [low - pad, high + pad]


def step_label(label: str, lang: str) -> str:
    """A category code (toimintatuotot, toimintakate, unexplained) in words; a line's own name as is."""
    key = f"jhs.{label}"
    return t(key, lang) if key in catalogue() else label


def _shorten(label: str) -> str:
    return label if len(label) <= LABEL_LENGTH else label[: LABEL_LENGTH - 1].rstrip() + "…"


def _distinct(labels: list[str]) -> list[str]:
    """Plotly merges equal category labels: repeats get invisible zero-width spaces."""
    seen: dict[str, int] = {}
    result = []
    for label in labels:
        seen[label] = seen.get(label, -1) + 1
        result.append(label + "\u200b" * seen[label])
    return result


def _first(options: list[dict]) -> object:
    return options[0]["value"] if options else None

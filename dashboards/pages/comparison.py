"""Comparison: the programme's municipalities against a group of peers, indicator by indicator.

A group chooser (the register's six largest cities and regional centres, and
the programme's own groups), one axis per indicator with every municipality
of the group as a dot, ours highlighted and the group median marked; the rank
and percentile in the group and nationally in a sentence and in a table that
exports; the trend since the baseline year as small multiples. Clicking a dot,
a small chart or a table row opens the rows the figure comes from. Analysts
edit the programme's own groups here. The figures are ``reports.comparison``'s
(the pack and ``mittari figures`` show the same).
"""

from __future__ import annotations

import datetime as dt
import math

import dash
import dash_bootstrap_components as dbc
import pandas as pd
from dash import Input, Output, State, callback, ctx, dcc, html, no_update

from auth.guard import guarded
from auth.web import current_user
from dashboards import chart_text, components, ids
from dashboards.cache import cached
from dashboards.statistics import month_text, sources_note
from db import accounts, queries, store
from db.engine import transaction
from i18n import format_date, format_number, language, t
from models.comparison import INDICATORS, RATES, SHARES, UNITS
from models.savings import BASELINE_REGIME, MONTH_TOTAL, with_predecessors
from reports import comparison as figures

dash.register_page(
    __name__,
    path="/vertailu",
    name="comparison",
    title=f"{t('nav.comparison')} – {t('app.title')}",
    nav_key="nav.comparison",
    order=27,
)

KINDS = ["kela_kuntaosuus", "statfin_12r5", "statfin_12u4", "statfin_11ra"]
OURS_COLOUR = "#c0392b"
PEER_COLOUR = "#5b7fa6"
MEDIAN_COLOUR = "#333333"
WHOLE_YEAR = 0
STRIP_ROW_HEIGHT = 104
TREND_COLUMNS = 5


def layout(lang: str = "fi", programme: str | None = None, **_query: str) -> html.Div:
    """The page with its choices made: the user's first programme, its first group, the latest whole year."""
    lang = language(lang)
    chooser, slug = components.programme_choice(ids.COMPARISON_PROGRAMME, lang, programme, t("col.programme", lang))
    groups = group_options(slug, lang) if slug else []
    years = year_options()
    default_year, default_month = latest_period()
    months = [{"label": t("comparison.whole_year", lang), "value": WHOLE_YEAR}] + [
        {
            "label": month_name(number, lang),
            "value": number,
        }
        for number in range(1, 13)
    ]
    indicators = [{"label": t(f"comparison.indicator.{name}", lang), "value": name} for name in INDICATORS]
    return html.Div(
        [
            components.lang_store(ids.COMPARISON_LANG, lang),
            dcc.Store(id=ids.COMPARISON_VIEW),
            components.page_heading(t("comparison.title", lang), t("comparison.intro", lang)),
            html.Div(sources_note(KINDS, lang)),
            dbc.Row(
                [
                    dbc.Col(chooser, md=4),
                    dbc.Col(
                        components.selector(
                            t("comparison.group", lang),
                            ids.COMPARISON_GROUP,
                            groups,
                            groups[0]["value"] if groups else None,
                        ),
                        md=4,
                    ),
                    dbc.Col(
                        components.selector(t("comparison.year", lang), ids.COMPARISON_YEAR, years, default_year), md=2
                    ),
                    dbc.Col(
                        components.selector(
                            t("comparison.month", lang), ids.COMPARISON_MONTH, months, default_month or WHOLE_YEAR
                        ),
                        md=2,
                    ),
                ],
                className="g-3 mb-3",
            ),
            html.Div(id=ids.COMPARISON_SENTENCE, className="lead mb-2"),
            html.Div(id=ids.COMPARISON_NOTES, className="small text-muted mb-3"),
            components.figure_card(
                t("comparison.strips_card", lang), ids.COMPARISON_STRIPS, t("comparison.click_note", lang), lang=lang
            ),
            html.Div(id=ids.COMPARISON_SOURCE, className="mb-3"),
            dbc.Card(
                [
                    dbc.CardHeader(t("comparison.trend_card", lang)),
                    dbc.CardBody(
                        [
                            components.selector(
                                t("comparison.trend_indicator", lang),
                                ids.COMPARISON_TREND_INDICATOR,
                                indicators,
                                INDICATORS[0],
                            ),
                            chart_text.chart(dcc.Graph(id=ids.COMPARISON_TREND, config=components.GRAPH_CONFIG), lang),
                        ]
                    ),
                ],
                className="mb-3",
            ),
            table_card(lang),
            group_editor(slug, lang),
        ]
    )


def month_name(number: int, lang: str) -> str:
    """A month without its year, as the page writes months: ``6`` in Finnish, ``juni`` in Swedish, ``Jun``.

    >>> month_name(6, "fi"), month_name(6, "en")
    ('6', 'Jun')
    """
    return month_text(pd.Timestamp(2000, number, 1), lang).replace("/2000", "").replace(" 2000", "")


def table_card(lang: str) -> dbc.Card:
    header = html.Div(
        [
            html.Span(t("comparison.table_card", lang), className="fw-semibold"),
            components.export_buttons(ids.COMPARISON_EXPORT, ids.COMPARISON_EXPORT_XLSX, lang),
        ],
        className="d-flex justify-content-between align-items-center",
    )
    grid = components.data_grid(ids.COMPARISON_GRID, "vertailu.csv", lang=lang)
    return dbc.Card([dbc.CardHeader(header), dbc.CardBody(grid)], className="mb-3")


def group_editor(slug: str | None, lang: str) -> dbc.Card:
    """The programme's own groups: a name and municipalities to save, or the chosen group to remove (analysts)."""
    allowed = components.may("import")
    register = queries.municipality_register()
    options = [
        {"label": f"{name} ({code})", "value": code}
        for code, name in zip(register["code"], register["name_fi"], strict=True)
    ]
    name_input = html.Div(
        [
            dbc.Label(
                t("comparison.edit.name", lang), html_for=ids.COMPARISON_GROUP_NAME, className="fw-semibold mb-1"
            ),
            dbc.Input(id=ids.COMPARISON_GROUP_NAME, type="text", maxLength=200, disabled=not allowed),
        ]
    )
    members = html.Div(
        [
            dbc.Label(
                t("comparison.edit.members", lang), html_for=ids.COMPARISON_GROUP_MEMBERS, className="fw-semibold mb-1"
            ),
            dcc.Dropdown(id=ids.COMPARISON_GROUP_MEMBERS, options=options, multi=True, disabled=not allowed),
        ]
    )
    buttons = html.Div(
        [
            dbc.Button(
                t("comparison.edit.save", lang),
                id=ids.COMPARISON_GROUP_SAVE,
                color="primary",
                className="me-2",
                disabled=not allowed,
            ),
            dbc.Button(
                t("comparison.edit.remove", lang),
                id=ids.COMPARISON_GROUP_REMOVE,
                color="danger",
                outline=True,
                disabled=not allowed,
            ),
        ],
        className="mt-2",
    )
    body = [
        html.P(t("comparison.edit.intro", lang), className="small text-muted"),
        None if allowed else components.role_reason("import", lang),
        dbc.Row([dbc.Col(name_input, md=4), dbc.Col(members, md=8)], className="g-3"),
        buttons,
        html.Div(id=ids.COMPARISON_GROUP_MESSAGE, className="mt-2", role="status"),
    ]
    return dbc.Card([dbc.CardHeader(t("comparison.edit.card", lang)), dbc.CardBody(body)], className="mb-3")


def group_options(slug: str, lang: str) -> list[dict]:
    """The groups a programme may compare with, named (the register's in the catalogue) with their size."""
    groups = figures.groups_of(slug)
    return [
        {"label": f"{group_name(row, lang)} ({len(row['members'])})", "value": int(row["group_id"])}
        for row in groups.to_dict("records")
    ]


def group_name(row: dict, lang: str) -> str:
    key = row.get("register_key")
    return (
        t(f"comparison.group.{key}", lang)
        if isinstance(key, str) and key
        else str(row.get("name") or row.get("group_name"))
    )


@cached
def latest_period() -> tuple[int | None, int | None]:
    """The latest whole year of Kela's month totals (else the latest month): the page's first choice."""
    return figures.default_period()


@cached
def year_options() -> list[dict]:
    """The years with Kela month totals, newest first."""
    years = sorted({month.year for month in queries.kela_total_months(BASELINE_REGIME)}, reverse=True)
    return [{"label": str(year), "value": year} for year in years]


# --- callbacks: inputs → reports.comparison (db → models) → figures ----------------------------


@callback(
    Output(ids.COMPARISON_NOTES, "children"),
    Output(ids.COMPARISON_STRIPS, "figure"),
    Output(ids.COMPARISON_VIEW, "data"),
    Input(ids.COMPARISON_PROGRAMME, "value"),
    Input(ids.COMPARISON_GROUP, "value"),
    Input(ids.COMPARISON_YEAR, "value"),
    Input(ids.COMPARISON_MONTH, "value"),
    State(ids.COMPARISON_LANG, "data"),
)
@guarded("read", programme="programme")
def show_comparison(programme: str | None, group: int | None, year: int | None, month: int | None, lang: str) -> tuple:
    """The notes and one axis per indicator for the chosen programme, group and period: the page's main figure.

    Computed from the shown municipalities only; then ``COMPARISON_VIEW`` changes, which asks for the national
    ranks (the sentence and the table, ``show_ranks``) and the trend: the dots are drawn while those are computed.
    """
    lang = language(lang)
    chosen = (str(group or ""), str(year or ""), str(month or 0))  # from the browser: whole numbers, or nothing shown
    if not programme or not all(text.isdigit() for text in chosen):
        return "", components.empty_figure(t("comparison.no_data", lang)), None
    return comparison_view(programme, int(group), int(year), int(month or 0), lang)


@cached
def comparison_data(programme: str, group: int, year: int, month: int, lang: str) -> dict:
    """The group's figures (``reports.comparison``, no national ranks) as JSON, kept until the data changes."""
    return figures.comparison(
        programme, group, year, month or None, national=False, with_trend=False, lang=lang
    ).as_json()


@cached
def national_frame(year: int, month: int, baseline_year: int) -> object:
    """Every municipality's figures in the period: the national ranks' ground, shared by every programme and group."""
    return figures.national_values(year, month or None, baseline_year)


@cached
def ranked_data(programme: str, group: int, year: int, month: int, baseline_year: int, lang: str) -> dict:
    """The group's figures with the national ranks (``reports.comparison``, what the pack and the CLI show)."""
    everyone = national_frame(year, month, baseline_year)
    return figures.comparison(
        programme, group, year, month or None, national=everyone, with_trend=False, lang=lang
    ).as_json()


@cached
def trend_data(programme: str, group: int, year: int, month: int, lang: str) -> list[dict]:
    """``reports.comparison.trend``: every indicator year by year, drawn after the main figures."""
    return figures.trend(programme, group, year, month or None, lang=lang)


@cached
def comparison_view(programme: str, group: int, year: int, month: int, lang: str) -> tuple:
    try:
        data = comparison_data(programme, group, year, month, lang)
    except figures.UnknownGroup:
        return t("comparison.no_group", lang), components.empty_figure(t("comparison.no_group", lang)), None
    view = {
        "programme": programme,
        "group": group,
        "year": year,
        "month": month,
        "baseline_year": data["baseline_year"],
    }
    return notes(data, lang), strips_figure(data, lang), view


@callback(
    Output(ids.COMPARISON_SENTENCE, "children"),
    Output(ids.COMPARISON_GRID, "columnDefs"),
    Output(ids.COMPARISON_GRID, "rowData"),
    Input(ids.COMPARISON_VIEW, "data"),
    State(ids.COMPARISON_PROGRAMME, "value"),
    State(ids.COMPARISON_LANG, "data"),
    prevent_initial_call=True,  # after the main figure
)
@guarded("read", programme="programme")
def show_ranks(view: dict | None, programme: str | None, lang: str) -> tuple:
    """The sentence and the table: ranks and percentiles in the group and among every municipality."""
    lang = language(lang)
    if not view or view.get("programme") != programme:
        return t("comparison.no_data", lang), [], []
    return ranks_view(view["programme"], view["group"], view["year"], view["month"], view["baseline_year"], lang)


@cached
def ranks_view(programme: str, group: int, year: int, month: int, baseline_year: int, lang: str) -> tuple:
    try:
        data = ranked_data(programme, int(group), int(year), int(month or 0), int(baseline_year), lang)
    except (figures.UnknownGroup, TypeError, ValueError):
        return t("comparison.no_group", lang), [], []
    return sentence(data, lang), table_columns(data, lang), table_rows(data, lang)


@callback(
    Output(ids.COMPARISON_TREND, "figure"),
    Input(ids.COMPARISON_VIEW, "data"),
    Input(ids.COMPARISON_TREND_INDICATOR, "value"),
    State(ids.COMPARISON_PROGRAMME, "value"),
    State(ids.COMPARISON_LANG, "data"),
    prevent_initial_call=True,
)
@guarded("read", programme="programme")
def show_trend(view: dict | None, indicator: str | None, programme: str | None, lang: str) -> dict:
    """The chosen indicator year by year since the baseline year, one small chart per municipality."""
    lang = language(lang)
    if not view or indicator not in INDICATORS or view.get("programme") != programme:
        return components.empty_figure(t("comparison.no_data", lang))
    try:
        data = comparison_data(view["programme"], int(view["group"]), int(view["year"]), int(view["month"] or 0), lang)
    except (figures.UnknownGroup, TypeError, ValueError, KeyError):
        return components.empty_figure(t("comparison.no_group", lang))
    return trend_figure(
        {**data, "trend": trend_data(view["programme"], view["group"], view["year"], view["month"], lang)},
        indicator,
        lang,
    )


@callback(
    Output(ids.COMPARISON_SOURCE, "children"),
    Input(ids.COMPARISON_STRIPS, "clickData"),
    Input(ids.COMPARISON_TREND, "clickData"),
    Input(ids.COMPARISON_GRID, "cellClicked"),
    State(ids.COMPARISON_PROGRAMME, "value"),
    State(ids.COMPARISON_VIEW, "data"),
    State(ids.COMPARISON_GRID, "rowData"),
    State(ids.COMPARISON_LANG, "data"),
    prevent_initial_call=True,
)
@guarded("read", programme="programme")
def show_source(
    strip: dict | None,
    trend: dict | None,
    cell: dict | None,
    programme: str | None,
    view: dict | None,
    rows: list[dict] | None,
    lang: str,
) -> object:
    """The rows a clicked figure comes from: Kela's month totals, StatFin's cells and the population used."""
    lang = language(lang)
    clicked = _clicked(ctx.triggered_id, strip, trend, cell, rows)
    if not clicked or not view or view.get("programme") != programme or clicked[1] not in INDICATORS:
        return no_update
    code, indicator, year = clicked
    return source_panel(code, indicator, year or view["year"], view["month"], view["baseline_year"], lang)


def _clicked(trigger: str | None, strip: dict | None, trend: dict | None, cell: dict | None, rows: list[dict] | None):  # noqa: ANN202
    """(municipality, indicator, year or None) of the clicked dot, small chart point or table row."""
    if trigger == ids.COMPARISON_GRID and cell and rows:
        index = cell.get("rowIndex")
        row = next((r for r in rows if r.get("row_id") == (cell.get("rowId"))), None)
        if row is None and isinstance(index, int) and 0 <= index < len(rows):
            row = rows[index]
        return (row["municipality"], row["indicator"], None) if row else None
    found = strip if trigger == ids.COMPARISON_STRIPS else trend
    points = (found or {}).get("points") or []
    data = points[0].get("customdata") if points else None
    if not data:
        return None
    return str(data[0]), str(data[1]), int(data[2]) if len(data) > 2 and data[2] else None


@callback(
    Output(ids.COMPARISON_GROUP, "options"),
    Output(ids.COMPARISON_GROUP, "value"),
    Input(ids.COMPARISON_PROGRAMME, "value"),
    Input(ids.COMPARISON_GROUP_MESSAGE, "children"),
    State(ids.COMPARISON_GROUP, "value"),
    State(ids.COMPARISON_LANG, "data"),
    prevent_initial_call=True,
)
@guarded("read", programme="programme")
def show_groups(programme: str | None, _message: object, chosen: int | str | None, lang: str) -> tuple:
    """The programme's groups (after a save or a removal too); the chosen one kept while it exists."""
    if not programme:
        return [], None
    options = group_options(programme, language(lang))
    values = [str(option["value"]) for option in options]  # a native select gives its value as text
    return options, str(chosen) if str(chosen) in values else (values[0] if values else None)


@callback(
    Output(ids.COMPARISON_GROUP_MESSAGE, "children"),
    Input(ids.COMPARISON_GROUP_SAVE, "n_clicks"),
    Input(ids.COMPARISON_GROUP_REMOVE, "n_clicks"),
    State(ids.COMPARISON_PROGRAMME, "value"),
    State(ids.COMPARISON_GROUP_NAME, "value"),
    State(ids.COMPARISON_GROUP_MEMBERS, "value"),
    State(ids.COMPARISON_GROUP, "value"),
    State(ids.COMPARISON_LANG, "data"),
    prevent_initial_call=True,
)
@guarded("import", programme="programme")
def edit_group(
    _save: int | None,
    _remove: int | None,
    programme: str | None,
    name: str | None,
    members: list[str] | None,
    chosen: int | None,
    lang: str,
) -> object:
    """Save the programme's own group (name and municipalities) or remove the chosen one; the audit log says so."""
    lang = language(lang)
    if not programme:
        return no_update
    user = current_user() or {}
    if ctx.triggered_id == ids.COMPARISON_GROUP_REMOVE:
        groups = figures.groups_of(programme)
        found = groups[groups["group_id"].astype(str) == str(chosen)]
        name = str(found["name"].iloc[0]) if len(found) else ""
        action, text_key = "group_remove", "comparison.edit.removed"
    else:
        action, text_key = "group_add", "comparison.edit.saved"
    try:
        with transaction() as session:
            owner = store.programme_by_slug(session, programme)
            if action == "group_remove":
                store.remove_comparison_group(session, owner, name)
            else:
                store.save_comparison_group(session, owner, name or "", list(members or []), user.get("username", ""))
    except store.GroupError as error:
        told = {"name": name or "", **error.fields}
        return dbc.Alert(t(f"comparison.edit.{error.reason}", lang, **told), color="warning", className="py-2")
    accounts.record_audit(
        action, user.get("username"), {"programme": programme, "group": name, "members": members or []}
    )
    return dbc.Alert(t(text_key, lang, name=name), color="success", className="py-2")


dash.clientside_callback(
    "function (n) { return Boolean(n); }",
    Output(ids.COMPARISON_GRID, "exportDataAsCsv"),
    Input(ids.COMPARISON_EXPORT, "n_clicks"),
    prevent_initial_call=True,
)
components.register_xlsx_export(
    ids.COMPARISON_EXPORT_XLSX, ids.COMPARISON_GRID, ids.COMPARISON_LANG, "vertailu.xlsx", "comparison.table_card"
)


for chart_id in (ids.COMPARISON_STRIPS, ids.COMPARISON_TREND):
    chart_text.register(chart_id, ids.COMPARISON_LANG)  # each chart's summary and table follow its figure


# --- words ------------------------------------------------------------------------------------


def value_text(value: float | None, indicator: str, lang: str) -> str:
    """A value in its unit: euros whole, percentages with one decimal; a missing one as a dash."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if UNITS[indicator] == "eur":
        return f"{format_number(value, lang, 2 if indicator == 'kuntaosuus_per_resident' else 0)}\xa0€"
    return components.percent_text(value, lang)


def period_text(data: dict, lang: str) -> str:
    if data.get("month"):
        return month_text(pd.Timestamp(data["year"], data["month"], 1), lang)
    return str(data["year"])


def data_group_name(data: dict, lang: str) -> str:
    return group_name({"register_key": data.get("register_key"), "name": data.get("group_name")}, lang)


def sentence(data: dict, lang: str) -> list:
    """In words, per municipality of ours: its rank in the group and nationally and the group median."""
    indicator = INDICATORS[0]
    parts = []
    for row in data["rows"]:
        if not row["ours"] or row["indicator"] != indicator:
            continue
        if row["group_rank"] is None:
            parts.append(
                html.P(t("comparison.sentence_missing", lang, name=row["name"], period=period_text(data, lang)))
            )
            continue
        parts.append(
            html.P(
                t(
                    "comparison.sentence",
                    lang,
                    name=row["name"],
                    indicator=t(f"comparison.indicator.{indicator}", lang).lower(),
                    rank=row["group_rank"],
                    of=row["group_of"],
                    group=data_group_name(data, lang),
                    value=value_text(row["value"], indicator, lang),
                    median=value_text(row["group_median"], indicator, lang),
                    national_rank=row["national_rank"] if row["national_rank"] is not None else "–",
                    national_of=row["national_of"] if row["national_of"] is not None else "–",
                    period=period_text(data, lang),
                ),
                className="mb-1",
            )
        )
    return parts


def notes(data: dict, lang: str) -> list:
    """How ranks are counted, the mergers on today's boundaries, the population used and the missing months."""
    items = [html.Li(t("comparison.rank_rule", lang))]
    if data["mergers"]:
        mergers = "; ".join(
            t(
                "comparison.merger",
                lang,
                old=m["old_name"],
                new=m["new_name"],
                date=format_date(dt.date.fromisoformat(m["merged_on"]), lang),
            )
            for m in data["mergers"]
        )
        items.append(html.Li(t("comparison.mergers", lang, mergers=mergers, year=data["baseline_year"])))
    else:
        items.append(html.Li(t("comparison.no_mergers", lang, year=data["baseline_year"])))
    population = data["population"]
    if population["register"]:
        items.append(
            html.Li(
                t(
                    "comparison.population_register",
                    lang,
                    count=population["register"],
                    year=population["register_year"],
                ),
                id="comparison-population-note",
            )
        )
    if population["statfin"]:
        items.append(html.Li(t("comparison.population_statfin", lang, count=population["statfin"])))
    missing = sorted({(row["name"], m) for row in data["rows"] for m in row["missing_months"]})
    if missing:
        by_name: dict[str, list[str]] = {}
        for name, month in missing:
            by_name.setdefault(name, []).append(month)
        text = "; ".join(
            f"{name}: {months[0]}" if len(months) == 1 else f"{name}: {len(months)} ({months[0]} … {months[-1]})"
            for name, months in by_name.items()
        )
        items.append(html.Li(t("comparison.missing_months", lang, months=text), className="text-warning-emphasis"))
    return [html.Ul(items, className="mb-0")]


# --- charts -----------------------------------------------------------------------------------


def unit_text(indicator: str, lang: str) -> str:
    return t(f"comparison.unit.{indicator}", lang)


def indicator_label(indicator: str, lang: str) -> str:
    """``Kuntaosuus asukasta kohden (€ / asukas)``: the indicator and its unit."""
    return f"{t(f'comparison.indicator.{indicator}', lang)} ({unit_text(indicator, lang)})"


def strips_figure(data: dict, lang: str) -> dict:
    """One horizontal axis per indicator: the group's municipalities as dots, ours highlighted, the median a line."""
    count = len(INDICATORS)
    gap = 0.07
    height = (1 - gap * (count - 1)) / count
    layout: dict = {
        "title": {
            "text": t(
                "comparison.strips_title", lang, group=data_group_name(data, lang), period=period_text(data, lang)
            ),
            "x": 0,
            "xanchor": "left",
            "font": {"size": 15},
        },
        "height": STRIP_ROW_HEIGHT * count + 120,
        "margin": {"l": 20, "r": 20, "t": 60, "b": 70},
        "plot_bgcolor": "white",
        "showlegend": True,
        "legend": {"orientation": "h", "y": -0.04, "x": 0, "yanchor": "top"},
        "separators": ", " if lang in ("fi", "sv") else ".,",
        "hovermode": "closest",
        "annotations": [],
        "shapes": [],
    }
    traces: list[dict] = []
    for number, indicator in enumerate(INDICATORS):
        axis = "" if number == 0 else str(number + 1)
        top = 1 - number * (height + gap)
        layout[f"xaxis{axis}"] = {
            "anchor": f"y{axis}",
            "domain": [0, 1],
            "gridcolor": "#eeeeee",
            "zeroline": False,
            "ticksuffix": " €" if UNITS[indicator] == "eur" else " %",
        }
        layout[f"yaxis{axis}"] = {"domain": [top - height, top], "visible": False, "range": [-1, 1]}
        layout["annotations"].append(
            {
                "text": f"{t(f'comparison.indicator.{indicator}', lang)} ({unit_text(indicator, lang)})",
                "x": 0,
                "y": top,
                "xref": "paper",
                "yref": "paper",
                "xanchor": "left",
                "yanchor": "bottom",
                "showarrow": False,
                "font": {"size": 12},
            }
        )
        rows = [row for row in data["rows"] if row["indicator"] == indicator and row["value"] is not None]
        traces += _strip_traces(rows, indicator, axis, data["year"], lang, number == 0)
        median = rows[0]["group_median"] if rows else None
        if median is not None:
            layout["shapes"].append(
                {
                    "type": "line",
                    "xref": f"x{axis}",
                    "yref": f"y{axis}",
                    "x0": median,
                    "x1": median,
                    "y0": -0.8,
                    "y1": 0.8,
                    "line": {"color": MEDIAN_COLOUR, "width": 2, "dash": "dash"},
                }
            )
    if data["rows"]:
        traces.append(
            {
                "type": "scatter",
                "x": [None],
                "y": [None],
                "mode": "lines",
                "xaxis": "x",
                "yaxis": "y",
                "line": {"color": MEDIAN_COLOUR, "dash": "dash"},
                "name": t("comparison.median", lang),
            }
        )
    return {"data": traces, "layout": layout}


def _strip_traces(rows: list[dict], indicator: str, axis: str, year: int, lang: str, legend: bool) -> list[dict]:
    """The peers (grey-blue) and ours (red, labelled) on one indicator's axis; hover and click carry the code."""
    traces = []
    label = f"{t(f'comparison.indicator.{indicator}', lang)} ({unit_text(indicator, lang)})"
    for ours in (False, True):
        chosen = [row for row in rows if row["ours"] is ours]
        if not chosen:
            continue
        traces.append(
            {
                "type": "scatter",
                "mode": "markers+text" if ours else "markers",
                "x": [row["value"] for row in chosen],
                "y": [0.0 for _ in chosen],
                "text": [row["name"] for row in chosen] if ours else None,
                "textposition": "top center",
                "hovertext": [_hover(row, indicator, lang) for row in chosen],
                "hoverinfo": "text",
                "customdata": [[row["municipality"], indicator, year] for row in chosen],
                "meta": {  # the chart's table (chart_text): one row per dot
                    "columns": [
                        t("chart.col.municipality", lang),
                        t("chart.col.indicator", lang),
                        t("chart.col.value", lang),
                    ],
                    "rows": [[row["name"], label, value_text(row["value"], indicator, lang)] for row in chosen],
                },
                "marker": {
                    "size": 14 if ours else 10,
                    "color": OURS_COLOUR if ours else PEER_COLOUR,
                    "line": {"color": "white", "width": 1},
                    "opacity": 1 if ours else 0.75,
                },
                "name": t("comparison.ours" if ours else "comparison.peers", lang),
                "legendgroup": "ours" if ours else "peers",
                "showlegend": legend,
                "xaxis": f"x{axis}",
                "yaxis": f"y{axis}",
            }
        )
    return traces


def _hover(row: dict, indicator: str, lang: str) -> str:
    rank = t("comparison.hover_rank", lang, rank=row["group_rank"], of=row["group_of"]) if row["group_rank"] else ""
    return f"{row['name']}: {value_text(row['value'], indicator, lang)} {rank}"


def trend_figure(data: dict, indicator: str, lang: str) -> dict:
    """One small chart per municipality: the indicator year by year from the baseline year (ours in red)."""
    codes = list(dict.fromkeys(row["municipality"] for row in data["trend"]))
    if not codes:
        return components.empty_figure(t("comparison.no_data", lang))
    names = {row["municipality"]: row["name"] for row in data["trend"]}
    ours = set(data["ours"])
    rows_count = max(1, math.ceil(len(codes) / TREND_COLUMNS))
    title = t(
        "comparison.trend_title",
        lang,
        indicator=t(f"comparison.indicator.{indicator}", lang),
        unit=unit_text(indicator, lang),
        year=data["baseline_year"],
        period=period_text(data, lang),
    )
    layout: dict = {
        "title": {"text": title, "x": 0, "xanchor": "left", "font": {"size": 15}},
        "height": 190 * rows_count + 90,
        "margin": {"l": 30, "r": 10, "t": 70, "b": 30},
        "plot_bgcolor": "white",
        "showlegend": False,
        "separators": ", " if lang in ("fi", "sv") else ".,",
        "hovermode": "closest",
        "annotations": [],
    }
    traces = []
    width, height, gap_x, gap_y = (1 - 0.04 * (TREND_COLUMNS - 1)) / TREND_COLUMNS, 0, 0.04, 0.12
    height = (1 - gap_y * (rows_count - 1)) / rows_count
    for index, code in enumerate(codes):
        axis = "" if index == 0 else str(index + 1)
        left = (index % TREND_COLUMNS) * (width + gap_x)
        top = 1 - (index // TREND_COLUMNS) * (height + gap_y)
        layout[f"xaxis{axis}"] = {
            "domain": [left, left + width],
            "anchor": f"y{axis}",
            "gridcolor": "#f0f0f0",
            "dtick": 2,
        }
        layout[f"yaxis{axis}"] = {"domain": [top - height, top], "anchor": f"x{axis}", "gridcolor": "#e6e6e6"}
        layout["annotations"].append(
            {
                "text": names[code],
                "x": left + width / 2,
                "y": top,
                "xref": "paper",
                "yref": "paper",
                "xanchor": "center",
                "yanchor": "bottom",
                "showarrow": False,
                "font": {"size": 12, "color": OURS_COLOUR if code in ours else "#222222"},
            }
        )
        points = [row for row in data["trend"] if row["municipality"] == code and row["indicator"] == indicator]
        traces.append(
            {
                "type": "scatter",
                "mode": "lines+markers",
                "x": [row["year"] for row in points],
                "y": [row["value"] for row in points],
                "xaxis": f"x{axis}",
                "yaxis": f"y{axis}",
                "line": {"color": OURS_COLOUR if code in ours else PEER_COLOUR, "width": 2.4 if code in ours else 1.4},
                "marker": {"size": 4},
                "name": names[code],
                "customdata": [[code, indicator, row["year"]] for row in points],
                "hovertext": [
                    f"{names[code]} {row['year']}: {value_text(row['value'], indicator, lang)}" for row in points
                ],
                "hoverinfo": "text",
            }
        )
    return {"data": traces, "layout": layout}


# --- table ------------------------------------------------------------------------------------


def table_columns(data: dict, lang: str) -> list[dict]:
    """Municipality, indicator, the values, ranks and percentiles, the median, missing months and population."""
    period, base = period_text(data, lang), str(data["baseline_year"])
    fields = [
        ("name", t("comparison.col.municipality", lang), False),
        ("ours_text", t("comparison.col.ours", lang), False),
        ("indicator_text", t("comparison.col.indicator", lang), False),
        ("value", t("comparison.col.value", lang, period=period), True),
        ("baseline_value", t("comparison.col.baseline", lang, year=base), True),
        ("group_rank", t("comparison.col.group_rank", lang), True),
        ("group_of", t("comparison.col.group_of", lang), True),
        ("group_percentile", t("comparison.col.group_percentile", lang), True),
        ("national_rank", t("comparison.col.national_rank", lang), True),
        ("national_of", t("comparison.col.national_of", lang), True),
        ("national_percentile", t("comparison.col.national_percentile", lang), True),
        ("group_median", t("comparison.col.median", lang), True),
        ("missing_text", t("comparison.col.missing", lang), False),
        ("population", t("comparison.col.population", lang), True),
        ("population_text", t("comparison.col.population_source", lang), False),
    ]
    columns = []
    for field, header, number in fields:
        column: dict = {"field": field, "headerName": header, "minWidth": 110}
        if number:
            column.update(type="rightAligned", cellStyle={"fontVariantNumeric": "tabular-nums"})
        if field == "name":
            column.update(pinned="left", minWidth=150)
        columns.append(column)
    return columns


def table_rows(data: dict, lang: str) -> list[dict]:
    """One row per municipality and indicator, ours first; figures rounded as shown (two decimals)."""
    rows = []
    ordered = sorted(data["rows"], key=lambda row: (not row["ours"], INDICATORS.index(row["indicator"]), row["name"]))
    for number, row in enumerate(ordered):
        source = row["population_source"]
        rows.append(
            {
                "row_id": number,
                "municipality": row["municipality"],
                "indicator": row["indicator"],
                "name": row["name"],
                "ours_text": t("comparison.yes", lang) if row["ours"] else "",
                "indicator_text": indicator_label(row["indicator"], lang),
                "value": _rounded(row["value"]),
                "baseline_value": _rounded(row["baseline_value"]),
                "group_rank": row["group_rank"],
                "group_of": row["group_of"],
                "group_percentile": row["group_percentile"],
                "national_rank": row["national_rank"],
                "national_of": row["national_of"],
                "national_percentile": row["national_percentile"],
                "group_median": _rounded(row["group_median"]),
                "missing_text": ", ".join(row["missing_months"]),
                "population": row["population"],
                "population_text": t(f"comparison.population_source.{source}", lang, year=row["population_year"])
                if source
                else "",
            }
        )
    return rows


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(float(value), 2)


# --- source rows --------------------------------------------------------------------------------


def source_panel(code: str, indicator: str, year: int, month: int, baseline_year: int, lang: str) -> dbc.Card:
    """The rows one municipality's figure comes from in the chosen period and the baseline's same months."""
    frame = source_rows(code, indicator, int(year), int(month or 0), int(baseline_year), lang)
    register = queries.municipality_register()
    name = dict(zip(register["code"], register["name_fi"], strict=True)).get(code, code)
    header = t(
        "comparison.source_title", lang, name=name, indicator=t(f"comparison.indicator.{indicator}", lang), year=year
    )
    if not frame:
        body = html.P(t("comparison.source_none", lang), className="mb-0")
    else:
        headers = [
            t(f"comparison.source.{column}", lang) for column in ("file", "row", "area", "month", "what", "value")
        ]
        body = components.simple_table(
            headers,
            [[row["file"], row["row"], row["area"], row["month"], row["what"], row["value"]] for row in frame],
            5,
        )
    return dbc.Card(
        [dbc.CardHeader(header), dbc.CardBody(body, style={"maxHeight": "420px", "overflowY": "auto"})],
        id="comparison-source-card",
    )


@cached
def source_rows(code: str, indicator: str, year: int, month: int, baseline_year: int, lang: str) -> list[dict]:
    """Kela's month totals (with the Kela files), StatFin's cells (file and row) and the population of the figure."""
    months = []
    for shown in (year, baseline_year):
        months += [pd.Timestamp(shown, number, 1) for number in ([month] if month else range(1, 13))]
    mergers = queries.municipality_mergers()
    areas = with_predecessors([code], mergers)
    files = _files()
    rows: list[dict] = []
    if indicator.startswith("kuntaosuus"):
        kela = queries.kela_area_totals(BASELINE_REGIME, areas=areas, months=months, **MONTH_TOTAL)
        kela_files = ", ".join(name for kind, name in files.values() if kind.startswith("kela")) or "Kela"
        rows += [
            {
                "file": kela_files,
                "row": t("comparison.source.cells", lang, cells=int(r["cells"])),
                "area": r["area_code"],
                "month": r["month"].strftime("%Y-%m"),
                "what": "kunta_osuus_eur",
                "value": "" if pd.isna(r["kuntaosuus_cents"]) else f"{int(r['kuntaosuus_cents']) / 100:.2f}",
            }
            for r in kela.to_dict("records")
        ]
    wanted = _statfin_indicators(indicator)
    if wanted:
        cells = queries.statfin_observations(areas=[f"KU{area}" for area in areas], indicators=wanted, months=months)
        rows += [
            {
                "file": files.get(int(r["version_id"]), ("", ""))[1],
                "row": int(r["source_row"]),
                "area": r["area_code"],
                "month": r["month"].strftime("%Y-%m"),
                "what": f"{r['table_id']} {r['indicator']}",
                "value": ""
                if pd.isna(r["value"])
                else f"{r['value']:g}{' (' + r['status'] + ')' if r['status'] else ''}",
            }
            for r in cells.to_dict("records")
        ]
    if indicator == "kuntaosuus_per_resident":
        people = queries.statfin_observations(
            queries.POPULATION_TABLE, areas=[f"KU{a}" for a in areas], indicators=[queries.POPULATION]
        )
        people = people[people["month"].dt.year.isin([year, baseline_year])]
        rows += [
            {
                "file": files.get(int(r["version_id"]), ("", ""))[1],
                "row": int(r["source_row"]),
                "area": r["area_code"],
                "month": str(r["month"].year),
                "what": "11ra vaesto",
                "value": f"{r['value']:g}",
            }
            for r in people.to_dict("records")
        ]
        register = queries.municipality_register()
        found = register[register["code"].isin(areas)]
        rows += [
            {
                "file": "municipalities.csv",
                "row": "",
                "area": r["code"],
                "month": str(figures.REGISTER_POPULATION_YEAR),
                "what": "population",
                "value": "" if pd.isna(r["population"]) else str(int(r["population"])),
            }
            for r in found.to_dict("records")
        ]
    return rows


def _statfin_indicators(indicator: str) -> list[str]:
    if indicator in RATES:
        return [RATES[indicator]]
    if indicator in SHARES:
        return [SHARES[indicator], "TYOTTOMATLOPUSSA"]
    return ["TYOTTOMATLOPUSSA"] if indicator == "kuntaosuus_per_jobseeker" else []


def _files() -> dict[int, tuple[str, str]]:
    versions = queries.import_versions(kinds=["kela_kuntaosuus", *KINDS])
    return {
        int(v): (str(k), str(f))
        for v, k, f in zip(versions["version"], versions["kind"], versions["file_name"], strict=True)
    }

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

import dash
from dash import Input, Output, State, callback, ctx, dcc, html, no_update

from auth.guard import guarded
from auth.web import current_user
from dashboards import chart_text, components, ids
from dashboards.comparison_parts import (
    KINDS,
    change_group,
    choices,
    chosen_group,
    clicked_figure,
    comparison_view,
    group_editor,
    group_options,
    ranks_view,
    source_panel,
    table_card,
    trend_card,
    trend_view,
)
from dashboards.statistics import sources_note
from i18n import language, t
from models.comparison import INDICATORS

dash.register_page(__name__, **components.nav_page("/vertailu", "comparison", 27))


def layout(lang: str = "fi", programme: str | None = None, **_query: str) -> html.Div:
    """The page with its choices made: the user's first programme, its first group, the latest whole year."""
    lang = language(lang)
    chooser, slug = components.programme_choice(ids.COMPARISON_PROGRAMME, lang, programme, t("col.programme", lang))
    strips = components.figure_card(
        t("comparison.strips_card", lang), ids.COMPARISON_STRIPS, t("comparison.click_note", lang), lang=lang
    )
    return html.Div(
        [
            *components.page_top(ids.COMPARISON_LANG, "comparison", lang, dcc.Store(id=ids.COMPARISON_VIEW)),
            html.Div(sources_note(KINDS, lang)),
            choices(chooser, slug, lang),
            html.Div(id=ids.COMPARISON_SENTENCE, className="lead mb-2"),
            html.Div(id=ids.COMPARISON_NOTES, className="small text-muted mb-3"),
            strips,
            html.Div(id=ids.COMPARISON_SOURCE, className="mb-3"),
            trend_card(lang),
            table_card(lang),
            group_editor(lang),
        ]
    )


# --- callbacks: inputs → reports.comparison (db → models) → figures (dashboards.comparison_parts) --------


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
    return trend_view(view, indicator, lang)


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
    clicked = clicked_figure(ctx.triggered_id, strip, trend, cell, rows)
    if not clicked or not view or view.get("programme") != programme or clicked[1] not in INDICATORS:
        return no_update
    code, indicator, year = clicked
    return source_panel(code, indicator, year or view["year"], view["month"], view["baseline_year"], lang)


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
    return options, chosen_group(options, chosen)


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
    """Save the programme's own group (name and municipalities) or remove the chosen one; the store audits it."""
    if not programme:
        return no_update
    username = (current_user() or {}).get("username", "")
    removing = ctx.triggered_id == ids.COMPARISON_GROUP_REMOVE
    return change_group(programme, removing, name, members, chosen, username, language(lang))


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

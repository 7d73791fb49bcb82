"""Labour market: unemployment in the target groups and the activation rate against the baseline year.

By municipality and target group: a map of the municipalities coloured by the
change against the same month of the baseline year, small multiples of the
programme's municipalities, the programme's target groups over time, and a
table that exports.
"""

from __future__ import annotations

import dash
from dash import Input, Output, State, callback, dcc, html

from auth.guard import guarded
from dashboards import chart_text, components, ids
from dashboards.labour_market_parts import (
    KINDS,
    choices,
    empty_view,
    labour_map_view,
    labour_market_view,
    map_and_groups,
    table_card,
)
from dashboards.statistics import sources_note
from i18n import language, t

dash.register_page(__name__, **components.nav_page("/tyomarkkinat", "labour_market", 25))


def layout(lang: str = "fi", programme: str | None = None, **_query: str) -> html.Div:
    """The page with its choices already made (the user's first programme, all target groups, the latest month).

    Made here rather than by a callback, so the map's callback fires as soon
    as the page arrives: one round trip fewer before the map is drawn. The
    other charts and the table follow the map (``LABOUR_MAP_SHOWN``).
    """
    lang = language(lang)
    chooser, _slug = components.programme_choice(ids.LABOUR_PROGRAMME, lang, programme, t("col.programme", lang))
    return html.Div(
        [
            *components.page_top(ids.LABOUR_LANG, "labour", lang, dcc.Store(id=ids.LABOUR_MAP_SHOWN)),
            html.Div(sources_note(KINDS, lang), id=ids.LABOUR_SOURCES),
            html.Div(id=ids.LABOUR_MISSING_AREA),
            choices(chooser, lang),
            map_and_groups(lang),
            components.figure_card(t("labour.multiples_card", lang), ids.LABOUR_MULTIPLES, lang=lang),
            table_card(lang),
        ]
    )


# --- callbacks: inputs → db.queries → models → figure (dashboards.labour_market_parts) ---------


@callback(
    Output(ids.LABOUR_MAP, "figure"),
    Output(ids.LABOUR_MAP_SHOWN, "data"),
    Input(ids.LABOUR_PROGRAMME, "value"),
    Input(ids.LABOUR_GROUP, "value"),
    Input(ids.LABOUR_MONTH, "value"),
    State(ids.LABOUR_LANG, "data"),
)
@guarded("read", programme="programme")
def show_labour_map(
    programme: str | None, group: str | None, month_text_value: str | None, lang: str
) -> tuple[dict, str]:
    """The map of every municipality's change for the chosen group and month: the page's main figure, first.

    Then ``LABOUR_MAP_SHOWN`` changes, which asks for the rest of the page
    (``show_labour_market``): the map is drawn while the rest is computed,
    not after the other charts and the table.
    """
    shown = f"{programme}|{group}|{month_text_value}"
    if not programme or not group or not month_text_value:
        return components.empty_figure(t("labour.no_data", lang)), shown
    return labour_map_view(programme, group, month_text_value, lang), shown


@callback(
    output={
        "groups": Output(ids.LABOUR_GROUPS, "figure"),
        "multiples": Output(ids.LABOUR_MULTIPLES, "figure"),
        "columns": Output(ids.LABOUR_GRID, "columnDefs"),
        "rows": Output(ids.LABOUR_GRID, "rowData"),
        "note": Output(ids.LABOUR_NOTE, "children"),
        "missing": Output(ids.LABOUR_MISSING_AREA, "children"),
    },
    inputs={
        "_map_shown": Input(ids.LABOUR_MAP_SHOWN, "data"),
        "programme": State(ids.LABOUR_PROGRAMME, "value"),
        "group": State(ids.LABOUR_GROUP, "value"),
        "month_text_value": State(ids.LABOUR_MONTH, "value"),
        "lang": State(ids.LABOUR_LANG, "data"),
    },
    prevent_initial_call=True,  # after the map
)
@guarded("read", programme="programme")
def show_labour_market(
    _map_shown: str, programme: str | None, group: str | None, month_text_value: str | None, lang: str
) -> dict:
    """Target groups, small multiples and the table for the chosen programme, group and month."""
    if not programme or not group or not month_text_value:
        return empty_view(programme, lang)
    return labour_market_view(programme, group, month_text_value, lang)


dash.clientside_callback(
    "function (n) { return Boolean(n); }",
    Output(ids.LABOUR_GRID, "exportDataAsCsv"),
    Input(ids.LABOUR_EXPORT, "n_clicks"),
    prevent_initial_call=True,
)
components.register_xlsx_export(
    ids.LABOUR_EXPORT_XLSX, ids.LABOUR_GRID, ids.LABOUR_LANG, "tyomarkkinat.xlsx", "labour.table_card"
)


for chart_id in (ids.LABOUR_MAP, ids.LABOUR_GROUPS, ids.LABOUR_MULTIPLES):
    chart_text.register(chart_id, ids.LABOUR_LANG)  # each chart's summary and table follow its figure

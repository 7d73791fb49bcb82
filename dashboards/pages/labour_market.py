"""Labour market: unemployment in the target groups and the activation rate against the baseline year.

By municipality and target group: a map of the municipalities coloured by the
change against the same month of the baseline year, small multiples of the
programme's municipalities, the programme's target groups over time, and a
table that exports.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Iterable
from functools import cache
from pathlib import Path

import dash
import dash_bootstrap_components as dbc
import pandas as pd
import plotly.graph_objects as go
from dash import Input, Output, State, callback, dcc, html
from plotly.colors import sample_colorscale

from auth.guard import guarded
from dashboards import chart_text, components, ids
from dashboards.cache import cached, plain
from dashboards.statistics import (
    common_layout,
    figure_layout,
    missing_alert,
    missing_texts,
    month_text,
    programme_frame,
    sources_note,
)
from db import queries
from i18n import format_number, language, place_names, plotly_separators, t
from models.unemployment import (
    RATES,
    TARGET_GROUPS,
    area_code,
    change_against_baseline,
    own_table,
    programme_counts,
)

dash.register_page(
    __name__,
    path="/tyomarkkinat",
    name="labour_market",
    title=f"{t('nav.labour_market')} – {t('app.title')}",
    nav_key="nav.labour_market",
    order=25,
)

BOUNDARIES = Path(__file__).resolve().parents[2] / "reference_data" / "finland-municipalities-2021.geojson"
COLOURSCALE = "RdBu_r"  # a fall (good) blue, a rise red
MAP_CLASSES = 10  # colour classes of the map, from −limit to +limit
NO_DATA_COLOUR = "#e6e6e6"
COUNTRY = "SSS"
PROGRAMME_AREA = "programme"
KINDS = ["statfin_12r5", "statfin_12u4"]
COUNT_GROUPS = [group for group, code in TARGET_GROUPS.items() if code not in RATES]


def layout(lang: str = "fi", programme: str | None = None, **_query: str) -> html.Div:
    """The page with its choices already made (the user's first programme, all target groups, the latest month).

    Made here rather than by a callback, so the map's callback fires as soon
    as the page arrives: one round trip fewer before the map is drawn. The
    other charts and the table follow the map (``LABOUR_MAP_SHOWN``).
    """
    lang = language(lang)
    chooser, _slug = components.programme_choice(ids.LABOUR_PROGRAMME, lang, programme, t("col.programme", lang))
    groups = [{"label": t(f"group.{group}", lang), "value": group} for group in TARGET_GROUPS]
    months = [{"label": month_text(month, lang), "value": month.date().isoformat()} for month in statistics_months()]
    latest = months[-1]["value"] if months else None
    return html.Div(
        [
            components.lang_store(ids.LABOUR_LANG, lang),
            dcc.Store(id=ids.LABOUR_MAP_SHOWN),
            components.page_heading(t("labour.title", lang), t("labour.intro", lang)),
            html.Div(sources_note(KINDS, lang), id=ids.LABOUR_SOURCES),
            html.Div(id=ids.LABOUR_MISSING_AREA),
            dbc.Row(
                [
                    dbc.Col(chooser, md=5),
                    dbc.Col(components.selector(t("labour.group", lang), ids.LABOUR_GROUP, groups, "all"), md=4),
                    dbc.Col(components.selector(t("labour.month", lang), ids.LABOUR_MONTH, months, latest), md=3),
                ],
                className="g-3 mb-3",
            ),
            dbc.Row(
                [
                    dbc.Col(
                        components.figure_card(t("labour.map_card", lang), ids.LABOUR_MAP, t("map.credit", lang), lang),
                        lg=5,
                    ),
                    dbc.Col(
                        components.figure_card(
                            t("labour.groups_card", lang), ids.LABOUR_GROUPS, t("labour.groups_note", lang), lang
                        ),
                        lg=7,
                    ),
                ]
            ),
            components.figure_card(t("labour.multiples_card", lang), ids.LABOUR_MULTIPLES, lang=lang),
            table_card(lang),
        ]
    )


def table_card(lang: str) -> dbc.Card:
    header = html.Div(
        [
            html.Span(t("labour.table_card", lang), className="fw-semibold"),
            components.export_buttons(ids.LABOUR_EXPORT, ids.LABOUR_EXPORT_XLSX, lang),
        ],
        className="d-flex justify-content-between align-items-center",
    )
    grid = components.data_grid(ids.LABOUR_GRID, "tyomarkkinat.csv", lang=lang)
    return dbc.Card(
        [
            dbc.CardHeader(header),
            dbc.CardBody([grid, html.P(id=ids.LABOUR_NOTE, className="small text-muted mt-2 mb-0")]),
        ]
    )


# --- callbacks: inputs → db.queries → models → figure ---------------------


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
    Output(ids.LABOUR_GROUPS, "figure"),
    Output(ids.LABOUR_MULTIPLES, "figure"),
    Output(ids.LABOUR_GRID, "columnDefs"),
    Output(ids.LABOUR_GRID, "rowData"),
    Output(ids.LABOUR_NOTE, "children"),
    Output(ids.LABOUR_MISSING_AREA, "children"),
    Input(ids.LABOUR_MAP_SHOWN, "data"),
    State(ids.LABOUR_PROGRAMME, "value"),
    State(ids.LABOUR_GROUP, "value"),
    State(ids.LABOUR_MONTH, "value"),
    State(ids.LABOUR_LANG, "data"),
    prevent_initial_call=True,  # after the map
)
@guarded("read", programme="programme")
def show_labour_market(
    _map_shown: str, programme: str | None, group: str | None, month_text_value: str | None, lang: str
) -> tuple:
    """Target groups, small multiples and the table for the chosen programme, group and month."""
    if not programme or not group or not month_text_value:
        empty = components.empty_figure(t("labour.no_data", lang))
        codes = list(queries.programme_members(programme)["code"]) if programme else []
        texts = missing_texts(programme, codes, lang, observations=pd.DataFrame()) if programme else []
        return empty, empty, [], [], "", missing_alert(texts, ids.LABOUR_MISSING)
    return labour_market_view(programme, group, month_text_value, lang)


@cached
def labour_map_view(programme: str, group: str, month_text_value: str, lang: str) -> dict:
    """What ``show_labour_map`` shows, the same for everyone who may see it until the data changes."""
    baseline_year = int(programme_frame(programme)["baseline_year"])
    month = pd.Timestamp(month_text_value)
    indicator = TARGET_GROUPS[group]
    changes = map_changes(indicator, month, baseline_year)
    return map_figure(changes, indicator, month, baseline_year, municipality_names(lang), lang)


@cached
def labour_market_view(programme: str, group: str, month_text_value: str, lang: str) -> tuple:
    """What ``show_labour_market`` shows, the same for everyone who may see it until the data changes."""
    setting = programme_frame(programme)
    baseline_year = int(setting["baseline_year"])
    month = pd.Timestamp(month_text_value)
    members = queries.programme_members(programme)
    names = municipality_names(lang)
    member_areas = [area_code(code) for code in members["code"]]
    indicator = TARGET_GROUPS[group]
    observations = areas_over_time(tuple(sorted([*member_areas, COUNTRY])), baseline_year)
    missing = missing_texts(programme, list(members["code"]), lang, observations=observations)
    if observations.empty:
        empty = components.empty_figure(t("labour.no_data", lang))
        return empty, empty, [], [], "", missing_alert(missing, ids.LABOUR_MISSING)
    compared = [month, month.replace(year=baseline_year)]
    changes = change_against_baseline(observations[observations["month"].isin(compared)], baseline_year)
    programme_changes = change_against_baseline(
        programme_counts(observations, member_areas, PROGRAMME_AREA), baseline_year
    )
    return (
        plain(groups_figure(programme_changes, str(setting["name"]), month, baseline_year, lang)),
        multiples_figure(observations, member_areas, indicator, month, baseline_year, names, lang),
        table_columns(month, baseline_year, lang),
        table_rows(changes, programme_changes, member_areas, str(setting["name"]), month, names, lang),
        t("labour.table_note", lang, year=baseline_year),
        missing_alert(missing, ids.LABOUR_MISSING),
    )


@cached
def statistics_months() -> list[pd.Timestamp]:
    """The months that have StatFin figures."""
    return queries.statfin_months()


@cached
def areas_over_time(areas: tuple[str, ...], baseline_year: int) -> pd.DataFrame:
    """Every indicator of these areas (``KU837``, ``SSS``), every month from the start of the baseline year."""
    return own_table(queries.statfin_observations(areas=areas, since=dt.date(baseline_year, 1, 1)))


@cached
def map_changes(indicator: str, month: pd.Timestamp, baseline_year: int) -> pd.DataFrame:
    """Every area's change of ``indicator`` in ``month`` against the same month of the baseline year."""
    compared = [month, month.replace(year=baseline_year)]
    observations = own_table(queries.statfin_observations(indicators=[indicator], months=compared))
    return change_against_baseline(observations, baseline_year)


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


# --- map --------------------------------------------------------------------


@cache
def municipality_shapes() -> tuple[dict, ...]:
    """Each municipality's outline as x (longitude) and y (latitude) lists, rings separated by ``None``."""
    features = json.loads(BOUNDARIES.read_text(encoding="utf-8"))["features"]
    shapes = []
    for feature in features:
        geometry = feature["geometry"]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        xs: list[float | None] = []
        ys: list[float | None] = []
        for polygon in polygons:
            exterior = polygon[0]
            xs += [point[0] for point in exterior] + [None]
            ys += [point[1] for point in exterior] + [None]
        properties = feature["properties"]
        largest = max((polygon[0] for polygon in polygons), key=len)
        centre = (sum(p[0] for p in largest) / len(largest), sum(p[1] for p in largest) / len(largest))
        shapes.append({"code": properties["id"], "name": properties["name_fi"], "x": xs, "y": ys, "centre": centre})
    return tuple(shapes)


def colour_class(change: float, limit: float, classes: int = MAP_CLASSES) -> int:
    """The class (0 … classes − 1) of a change (%) on a scale from −limit to +limit, split evenly.

    >>> colour_class(-10.0, 10.0), colour_class(0.0, 10.0), colour_class(9.99, 10.0), colour_class(25.0, 10.0)
    (0, 5, 9, 9)
    """
    position = min(max((change + limit) / (2 * limit), 0.0), 1.0) if limit > 0 else 0.5
    return min(int(position * classes), classes - 1)


def class_colours(classes: int = MAP_CLASSES) -> list[str]:
    """Each class's colour: the diverging scale (a fall blue, a rise red) sampled at the class's middle.

    >>> len(class_colours()), class_colours(2)[0] != class_colours(2)[1]
    (10, True)
    """
    return sample_colorscale(COLOURSCALE, [(number + 0.5) / classes for number in range(classes)])


def map_figure(
    changes: pd.DataFrame, indicator: str, month: pd.Timestamp, baseline_year: int, names: dict[str, str], lang: str
) -> dict:
    """Municipalities coloured by the change of ``indicator`` in ``month`` against the same month of the baseline.

    A classed map: the change runs from −limit to +limit in ``MAP_CLASSES``
    even steps, and the outlines of one class are one filled trace; each
    municipality's value and change show on hover over its middle. A dozen
    traces draw ten times faster than one per municipality (309), and the plain
    figure dict skips plotly's validation of every property.
    """
    chosen = changes[(changes["indicator"] == indicator) & (changes["month"] == month)].dropna(subset=["change_pct"])
    by_code = {
        area.removeprefix("KU"): row for area, row in zip(chosen["area"], chosen.to_dict("records"), strict=True)
    }
    limit = max([abs(value) for value in chosen["change_pct"]] + [1.0])
    limit = math.ceil(limit / 5) * 5
    shapes = municipality_shapes()
    grey = [shape for shape in shapes if shape["code"] not in by_code]
    coloured = [shape for shape in shapes if shape["code"] in by_code]
    classes: dict[int, list[dict]] = {}
    for shape in coloured:
        classes.setdefault(colour_class(by_code[shape["code"]]["change_pct"], limit), []).append(shape)
    colours = class_colours()
    traces = [_outlines(grey, NO_DATA_COLOUR, "white", 0.4, t("labour.map_no_data", lang))]
    step = 2 * limit / MAP_CLASSES
    for number, members in sorted(classes.items()):
        low, high = -limit + number * step, -limit + (number + 1) * step
        traces.append(_outlines(members, colours[number], "#555555", 0.6, f"{low:g} … {high:g} %"))
    digits = 0 if indicator not in RATES else 1
    records = [  # what hovering a municipality tells, and the map's table (chart_text) row by row
        [
            names.get(shape["code"], shape["name"]),
            format_number(by_code[shape["code"]]["value"], lang, digits),
            components.percent_text(by_code[shape["code"]]["change_pct"], lang),
        ]
        for shape in coloured
    ]
    hover = [t("labour.map_hover", lang, name=name, value=value, change=change, year=baseline_year)
             for name, value, change in records]  # fmt: skip
    columns = [t("labour.col.area", lang), t("labour.col.value", lang, month=month_text(month, lang)),
               t("labour.col.change", lang)]  # fmt: skip
    traces.append(
        {
            "type": "scatter",
            "x": [shape["centre"][0] for shape in coloured],
            "y": [shape["centre"][1] for shape in coloured],
            "mode": "markers",
            "marker": {"size": 9, "opacity": 0},
            "text": hover,
            "hoverinfo": "text",
            "customdata": records,
            "meta": {"columns": columns},
            "showlegend": False,
        }
    )
    traces.append(
        {
            "type": "scatter",
            "x": [None],
            "y": [None],
            "mode": "markers",
            "marker": {
                "color": [-limit, limit],
                "colorscale": COLOURSCALE,
                "cmin": -limit,
                "cmax": limit,
                "showscale": True,
                "colorbar": {"title": {"text": "%"}, "thickness": 12, "len": 0.6},
            },
            "hoverinfo": "skip",
            "showlegend": False,
        }
    )
    title = t(
        "labour.map_title",
        lang,
        group=t(f"indicator.{indicator}", lang),
        month=month_text(month, lang),
        year=baseline_year,
    )
    layout = {
        "title": {"text": title, "x": 0, "xanchor": "left", "font": {"size": 14}},
        "xaxis": {"visible": False},
        "yaxis": {"visible": False, "scaleanchor": "x", "scaleratio": 2.1},
        "plot_bgcolor": "white",
        "height": 620,
        "margin": {"l": 0, "r": 0, "t": 60, "b": 0},
        "separators": plotly_separators(lang),
        "hoverlabel": {"bgcolor": "white"},
        "hovermode": "closest",
    }
    return {"data": traces, "layout": layout}


def _outlines(shapes: list[dict], fill: str, line: str, width: float, name: str) -> dict:
    """The outlines of ``shapes`` as one filled trace (rings separated by gaps)."""
    return {
        "type": "scatter",
        "x": [x for shape in shapes for x in shape["x"]],
        "y": [y for shape in shapes for y in shape["y"]],
        "fill": "toself",
        "fillcolor": fill,
        "mode": "lines",
        "line": {"color": line, "width": width},
        "hoverinfo": "skip",
        "name": name,
        "showlegend": False,
    }


# --- charts -------------------------------------------------------------------


def groups_figure(changes: pd.DataFrame, name: str, month: pd.Timestamp, baseline_year: int, lang: str) -> go.Figure:
    """The programme's target groups: change (%) against the same month of the baseline year, month by month."""
    figure = go.Figure()
    for group in COUNT_GROUPS:
        series = changes[(changes["indicator"] == TARGET_GROUPS[group]) & (changes["month"] <= month)]
        figure.add_trace(go.Scatter(x=series["month"], y=series["change_pct"], name=t(f"group.{group}", lang)))
    figure.add_hline(y=0, line={"color": "#777777", "width": 1})
    title = t("labour.groups_title", lang, name=name, year=baseline_year)
    return figure_layout(figure, title, "%", lang, height=620)


MULTIPLES_COLUMNS = 5
MULTIPLES_SPACING = {"x": 0.05, "y": 0.16}  # between the small charts, as shares of the figure


def multiples_figure(
    observations: pd.DataFrame,
    areas: list[str],
    indicator: str,
    month: pd.Timestamp,
    baseline_year: int,
    names: dict[str, str],
    lang: str,
) -> dict:
    """One small chart per municipality: the indicator month by month, and the baseline year's same month beside it.

    A plain figure dict (as the map): building ten subplots through plotly's
    validating objects took most of the page's time when not cached.
    """
    rows = max(1, math.ceil(len(areas) / MULTIPLES_COLUMNS))
    title = t("labour.multiples_title", lang, group=t(f"indicator.{indicator}", lang), year=baseline_year)
    layout = common_layout(title, "", lang, height=260 * rows + 120)
    layout.update(legend={"orientation": "h", "y": -0.08}, hovermode="closest", annotations=[])
    traces = []
    for index, area in enumerate(areas):
        axis = "" if index == 0 else str(index + 1)
        x_domain, y_domain = _multiple_domain(index, rows)
        layout[f"xaxis{axis}"] = {"domain": x_domain, "anchor": f"y{axis}", "gridcolor": "#f0f0f0"}
        if lang == "fi":
            layout[f"xaxis{axis}"]["tickformat"] = "%Y"
        layout[f"yaxis{axis}"] = {
            "domain": y_domain, "anchor": f"x{axis}", "gridcolor": "#e0e0e0",
            "tickformat": ",.0f" if indicator not in RATES else ",.1f", **({"automargin": True} if index == 0 else {}),
        }  # fmt: skip
        layout["annotations"].append(_multiple_title(names.get(area.removeprefix("KU"), area), x_domain, y_domain))
        traces += _multiple_traces(observations, area, indicator, month, baseline_year, lang, axis, index == 0)
    return {"data": traces, "layout": layout}


def _multiple_domain(index: int, rows: int) -> tuple[list[float], list[float]]:
    """Where the ``index``th small chart sits (row by row, from the top left), as shares of the figure."""
    width = (1 - MULTIPLES_SPACING["x"] * (MULTIPLES_COLUMNS - 1)) / MULTIPLES_COLUMNS
    height = (1 - MULTIPLES_SPACING["y"] * (rows - 1)) / rows
    left = (index % MULTIPLES_COLUMNS) * (width + MULTIPLES_SPACING["x"])
    top = 1 - (index // MULTIPLES_COLUMNS) * (height + MULTIPLES_SPACING["y"])
    return [round(left, 6), round(left + width, 6)], [round(top - height, 6), round(top, 6)]


def _multiple_title(name: str, x_domain: list[float], y_domain: list[float]) -> dict:
    return {
        "text": name, "x": sum(x_domain) / 2, "y": y_domain[1], "xref": "paper", "yref": "paper",
        "xanchor": "center", "yanchor": "bottom", "showarrow": False, "font": {"size": 16},
    }  # fmt: skip


def _multiple_traces(
    observations: pd.DataFrame,
    area: str,
    indicator: str,
    month: pd.Timestamp,
    baseline_year: int,
    lang: str,
    axis: str,
    in_legend: bool,
) -> list[dict]:
    """The baseline year's same month (dotted) and the indicator month by month, on the axes ``x{axis}, y{axis}``."""
    cells = observations[(observations["area_code"] == area) & (observations["indicator"] == indicator)]
    cells = cells[(cells["month"] <= month) & (cells["month"].dt.year >= baseline_year)].set_index("month")["value"]
    baseline = cells[cells.index.year == baseline_year]
    same_month = dict(zip(baseline.index.month, baseline.to_numpy(), strict=True))
    later = cells.index[cells.index.year > baseline_year]
    axes = {"xaxis": f"x{axis}", "yaxis": f"y{axis}", "mode": "lines", "type": "scatter", "showlegend": in_legend}
    return [
        {
            "x": _dates(later),
            "y": _values(same_month.get(m.month) for m in later),
            "name": t("labour.trace.baseline", lang, year=baseline_year),
            "line": {"color": "#9e9e9e", "dash": "dot", "width": 1},
            "legendgroup": "baseline",
            **axes,
        },
        {
            "x": _dates(cells.index),
            "y": _values(cells.to_numpy()),
            "name": t(f"indicator.{indicator}", lang),
            "line": {"color": "#1f4e79", "width": 1.6},
            "legendgroup": "value",
            **axes,
        },
    ]


def _dates(months: pd.DatetimeIndex) -> list[str]:
    return [month.strftime("%Y-%m-%d") for month in months]


def _values(values: Iterable[object]) -> list[float | None]:
    """Floats for the figure's JSON; a missing value (NaN, None) is a gap."""
    return [None if value is None or pd.isna(value) else float(value) for value in values]


# --- table --------------------------------------------------------------------


def table_columns(month: pd.Timestamp, baseline_year: int, lang: str) -> list[dict]:
    """Area, then for each target group its value in ``month`` and the change against the baseline year."""
    columns: list[dict] = [
        {
            "field": "area",
            "headerName": t("labour.col.area", lang),
            "pinned": "left",
            "minWidth": 220,
            # not stretched over the group row: AG Grid then leaves that row empty, a row without cells
            "suppressSpanHeaderHeight": True,
        }
    ]
    for group, code in TARGET_GROUPS.items():
        columns.append(
            {
                "headerName": t(f"group.{group}", lang),
                "children": [
                    _number_column(f"{code}_value", t("labour.col.value", lang, month=month_text(month, lang))),
                    _number_column(f"{code}_baseline", t("labour.col.baseline", lang, year=baseline_year)),
                    _number_column(f"{code}_change", t("labour.col.change", lang)),
                ],
            }
        )
    return columns


def _number_column(field: str, header: str) -> dict:
    return {
        "field": field,
        "headerName": header,
        "type": "rightAligned",
        "minWidth": 110,
        "valueFormatter": {"function": f"params.data ? params.data['{field}_text'] : ''"},
        "cellStyle": {"fontVariantNumeric": "tabular-nums"},
    }


def table_rows(
    changes: pd.DataFrame,
    programme_changes: pd.DataFrame,
    member_areas: list[str],
    programme_name: str,
    month: pd.Timestamp,
    names: dict[str, str],
    lang: str,
) -> list[dict]:
    """One row per member municipality, then the programme together and the whole country."""
    rows = []
    for area in member_areas:
        rows.append(_table_row(names.get(area.removeprefix("KU"), area), changes[changes["area"] == area], month, lang))
    rows.append(_table_row(t("labour.programme_total", lang, name=programme_name), programme_changes, month, lang))
    rows.append(_table_row(t("labour.country", lang), changes[changes["area"] == COUNTRY], month, lang))
    return rows


def _table_row(name: str, changes: pd.DataFrame, month: pd.Timestamp, lang: str) -> dict:
    row: dict[str, object] = {"area": name}
    at_month = changes[changes["month"] == month].set_index("indicator")
    for code in TARGET_GROUPS.values():
        if code not in at_month.index:
            continue
        cell = at_month.loc[code]
        digits = 1 if code in RATES else 0
        for suffix, value, text in (
            ("value", cell["value"], _number_text(cell["value"], lang, digits)),
            ("baseline", cell["baseline_value"], _number_text(cell["baseline_value"], lang, digits)),
            ("change", cell["change_pct"], _pct_text(cell["change_pct"], lang)),
        ):
            row[f"{code}_{suffix}"] = None if pd.isna(value) else float(value)
            row[f"{code}_{suffix}_text"] = text
    return row


def _number_text(value: object, lang: str, digits: int) -> str:
    return "" if value is None or pd.isna(value) else format_number(float(value), lang, digits)


def _pct_text(value: object, lang: str) -> str:
    return "" if value is None or pd.isna(value) else components.percent_text(float(value), lang)


def municipality_names(lang: str) -> dict[str, str]:
    """Code → name in ``lang`` (Swedish where the register has it)."""
    register = queries.municipality_register()
    return place_names(register["code"], register["name_fi"], register["name_sv"], lang)

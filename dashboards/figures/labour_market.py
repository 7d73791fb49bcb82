"""The Labour market page's map, target-group chart, small multiples and table: plain functions from statistics.

The map and the small multiples are plain figure dicts: building them through
plotly's validating objects took most of the page's time when not cached.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from functools import cache
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
from plotly.colors import sample_colorscale

from dashboards import components
from dashboards.statistics import common_layout, figure_layout, month_text
from i18n import format_number, plotly_separators, t
from models.unemployment import RATES, TARGET_GROUPS, colour_class, colour_limit

BOUNDARIES = Path(__file__).resolve().parents[2] / "reference_data" / "finland-municipalities-2021.geojson"
COLOURSCALE = "RdBu_r"  # a fall (good) blue, a rise red
MAP_CLASSES = 10  # colour classes of the map, from −limit to +limit
NO_DATA_COLOUR = "#e6e6e6"
COUNTRY = "SSS"
COUNT_GROUPS = [group for group, code in TARGET_GROUPS.items() if code not in RATES]
MULTIPLES_COLUMNS = 5
MULTIPLES_SPACING = {"x": 0.05, "y": 0.16}  # between the small charts, as shares of the figure


# --- map --------------------------------------------------------------------


@cache
def municipality_shapes() -> tuple[dict, ...]:
    """Each municipality's outline as x (longitude) and y (latitude) lists, rings separated by ``None``."""
    features = json.loads(BOUNDARIES.read_text(encoding="utf-8"))["features"]
    return tuple(_shape(feature) for feature in features)


def _shape(feature: dict) -> dict:
    """One municipality's outer rings, and the middle of its largest ring (where hovering tells its figures)."""
    geometry = feature["geometry"]
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    xs: list[float | None] = []
    ys: list[float | None] = []
    for polygon in polygons:
        exterior = polygon[0]
        xs += [point[0] for point in exterior] + [None]
        ys += [point[1] for point in exterior] + [None]
    largest = max((polygon[0] for polygon in polygons), key=len)
    centre = (sum(p[0] for p in largest) / len(largest), sum(p[1] for p in largest) / len(largest))
    properties = feature["properties"]
    return {"code": properties["id"], "name": properties["name_fi"], "x": xs, "y": ys, "centre": centre}


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
    limit = colour_limit(list(chosen["change_pct"]))
    shapes = municipality_shapes()
    coloured = [shape for shape in shapes if shape["code"] in by_code]
    grey = [shape for shape in shapes if shape["code"] not in by_code]
    traces = [_outlines(grey, NO_DATA_COLOUR, "white", 0.4, t("labour.map_no_data", lang))]
    traces += _class_traces(coloured, by_code, limit)
    records = _map_records(coloured, by_code, indicator, names, lang)
    traces.append(_hover_trace(coloured, records, month, baseline_year, lang))
    traces.append(_colour_bar(limit))
    return {"data": traces, "layout": _map_layout(indicator, month, baseline_year, lang)}


def _class_traces(coloured: list[dict], by_code: dict[str, dict], limit: int) -> list[dict]:
    """One filled trace per colour class that has municipalities, named by its range (``-5 … -4 %``)."""
    classes: dict[int, list[dict]] = {}
    for shape in coloured:
        classes.setdefault(colour_class(by_code[shape["code"]]["change_pct"], limit, MAP_CLASSES), []).append(shape)
    colours = class_colours()
    step = 2 * limit / MAP_CLASSES
    traces = []
    for number, members in sorted(classes.items()):
        low, high = -limit + number * step, -limit + (number + 1) * step
        traces.append(_outlines(members, colours[number], "#555555", 0.6, f"{low:g} … {high:g} %"))
    return traces


def _map_records(
    coloured: list[dict], by_code: dict[str, dict], indicator: str, names: dict[str, str], lang: str
) -> list[list[str]]:
    """What hovering a municipality tells, and the map's table (chart_text) row by row: name, value, change."""
    digits = 0 if indicator not in RATES else 1
    return [
        [
            names.get(shape["code"], shape["name"]),
            format_number(by_code[shape["code"]]["value"], lang, digits),
            components.percent_text(by_code[shape["code"]]["change_pct"], lang),
        ]
        for shape in coloured
    ]


def _hover_trace(
    coloured: list[dict], records: list[list[str]], month: pd.Timestamp, baseline_year: int, lang: str
) -> dict:
    """Invisible points at the municipalities' middles that carry the hover text and the map's table."""
    hover = [t("labour.map_hover", lang, name=name, value=value, change=change, year=baseline_year)
             for name, value, change in records]  # fmt: skip
    columns = [t("labour.col.area", lang), t("labour.col.value", lang, month=month_text(month, lang)),
               t("labour.col.change", lang)]  # fmt: skip
    return {
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


def _colour_bar(limit: int) -> dict:
    """An empty trace whose only use is the colour bar from −limit to +limit (%)."""
    return {
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


def _map_layout(indicator: str, month: pd.Timestamp, baseline_year: int, lang: str) -> dict:
    """The map's title and its axes hidden, latitude stretched so that Finland keeps its shape."""
    group, shown = t(f"indicator.{indicator}", lang), month_text(month, lang)
    title = t("labour.map_title", lang, group=group, month=shown, year=baseline_year)
    return {
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
        layout.update(_multiple_axes(axis, x_domain, y_domain, indicator, lang))
        layout["annotations"].append(_multiple_title(names.get(area.removeprefix("KU"), area), x_domain, y_domain))
        traces += _multiple_traces(observations, area, indicator, month, baseline_year, lang, axis, index == 0)
    return {"data": traces, "layout": layout}


def _multiple_axes(axis: str, x_domain: list[float], y_domain: list[float], indicator: str, lang: str) -> dict:
    """The ``xaxis{axis}`` and ``yaxis{axis}`` of one small chart (years on x in Finnish, the first with room)."""
    x_axis = {"domain": x_domain, "anchor": f"y{axis}", "gridcolor": "#f0f0f0"}
    if lang == "fi":
        x_axis["tickformat"] = "%Y"
    y_axis = {
        "domain": y_domain, "anchor": f"x{axis}", "gridcolor": "#e0e0e0",
        "tickformat": ",.0f" if indicator not in RATES else ",.1f", **({"automargin": True} if not axis else {}),
    }  # fmt: skip
    return {f"xaxis{axis}": x_axis, f"yaxis{axis}": y_axis}


def _multiple_domain(index: int, rows: int) -> tuple[list[float], list[float]]:
    """Where the ``index``th small chart sits (row by row, from the top left), as shares of the figure.

    >>> _multiple_domain(0, 1), _multiple_domain(6, 2)[1]
    (([0.0, 0.16], [0.0, 1.0]), [0.0, 0.42])
    """
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

"""The Labour market page's map, target-group chart, small multiples and table: plain functions from statistics.

Every chart is a plain figure dict: building them through plotly's validating
objects took most of the page's time when not cached.
"""

from __future__ import annotations

import json
import math
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd
from plotly.colors import sample_colorscale

from dashboards import components
from dashboards.statistics import common_layout, month_text, typed_floats
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
ZERO_LINE = {"line": {"color": "#777777", "width": 1}, "type": "line", "x0": 0, "x1": 1, "xref": "x domain",
             "y0": 0, "y1": 0, "yref": "y"}  # fmt: skip


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


def groups_figure(changes: pd.DataFrame, name: str, month: pd.Timestamp, baseline_year: int, lang: str) -> dict:
    """The programme's target groups: change (%) against the same month of the baseline year, month by month.

    A plain figure dict, as plotly's validating objects would give it (lines,
    the zero line, the common layout): building it through them took a third
    of the page's time when not cached.
    """
    shown = changes[changes["month"] <= month]
    traces = []
    for group in COUNT_GROUPS:
        series = shown[shown["indicator"] == TARGET_GROUPS[group]]
        x, y = series["month"].to_numpy(), typed_floats(series["change_pct"].to_numpy())
        traces.append({"name": t(f"group.{group}", lang), "x": x, "y": y, "type": "scatter", "mode": "lines"})
    layout = common_layout(t("labour.groups_title", lang, name=name, year=baseline_year), "%", lang, height=620)
    layout["shapes"] = [ZERO_LINE]
    return {"data": traces, "layout": layout}


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
    validating objects took most of the page's time when not cached. The
    cells are read once for all the charts (``area_series``).
    """
    rows = max(1, math.ceil(len(areas) / MULTIPLES_COLUMNS))
    title = t("labour.multiples_title", lang, group=t(f"indicator.{indicator}", lang), year=baseline_year)
    layout = common_layout(title, "", lang, height=260 * rows + 120)
    layout.update(legend={"orientation": "h", "y": -0.08}, hovermode="closest", annotations=[])
    series = area_series(observations, indicator, month, baseline_year)
    names_of_traces = (t("labour.trace.baseline", lang, year=baseline_year), t(f"indicator.{indicator}", lang))
    traces = []
    for index, area in enumerate(areas):
        axis = "" if index == 0 else str(index + 1)
        x_domain, y_domain = _multiple_domain(index, rows)
        layout.update(_multiple_axes(axis, x_domain, y_domain, indicator, lang))
        layout["annotations"].append(_multiple_title(names.get(area.removeprefix("KU"), area), x_domain, y_domain))
        cells = series.get(area, [])
        traces += _multiple_traces(cells, baseline_year, names_of_traces, axis, index == 0)
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


def area_series(
    observations: pd.DataFrame, indicator: str, month: pd.Timestamp, baseline_year: int
) -> dict[str, list[tuple[str, int, int, float | None]]]:
    """Each area's cells of ``indicator`` from the baseline year to ``month``, in the order read.

    A cell is its month (``2017-01-01``), year, calendar month and value (``None`` when missing).

    >>> cells = pd.DataFrame({"area_code": ["KU837", "KU837", "KU837"], "indicator": ["TYOTTOMAT25"] * 3,
    ...     "month": pd.to_datetime(["2015-12-01", "2016-12-01", "2017-12-01"]), "value": [9.0, 10.0, np.nan]})
    >>> area_series(cells, "TYOTTOMAT25", pd.Timestamp("2017-12-01"), 2016)
    {'KU837': [('2016-12-01', 2016, 12, 10.0), ('2017-12-01', 2017, 12, None)]}
    """
    months = observations["month"]
    chosen = observations[
        (observations["indicator"] == indicator) & (months <= month) & (months.dt.year >= baseline_year)
    ]
    dates = chosen["month"].to_numpy().astype("datetime64[D]")
    cells = zip(
        chosen["area_code"].tolist(),
        np.datetime_as_string(dates).tolist(),
        chosen["month"].dt.year.tolist(),
        chosen["month"].dt.month.tolist(),
        chosen["value"].astype("float64").tolist(),
        strict=True,
    )
    series: dict[str, list[tuple[str, int, int, float | None]]] = {}
    for area, date, year, calendar_month, value in cells:
        series.setdefault(area, []).append((date, year, calendar_month, None if math.isnan(value) else value))
    return series


def _multiple_traces(
    cells: list[tuple[str, int, int, float | None]],
    baseline_year: int,
    names: tuple[str, str],
    axis: str,
    in_legend: bool,
) -> list[dict]:
    """The baseline year's same month (dotted) and the indicator month by month, on the axes ``x{axis}, y{axis}``.

    ``cells``: one area's (``area_series``); ``names``: the two lines' names.
    """
    same_month = {calendar_month: value for _date, year, calendar_month, value in cells if year == baseline_year}
    later = [(date, calendar_month) for date, year, calendar_month, _value in cells if year > baseline_year]
    axes = {"xaxis": f"x{axis}", "yaxis": f"y{axis}", "mode": "lines", "type": "scatter", "showlegend": in_legend}
    return [
        {
            "x": [date for date, _calendar_month in later],
            "y": [same_month.get(calendar_month) for _date, calendar_month in later],
            "name": names[0],
            "line": {"color": "#9e9e9e", "dash": "dot", "width": 1},
            "legendgroup": "baseline",
            **axes,
        },
        {
            "x": [cell[0] for cell in cells],
            "y": [cell[3] for cell in cells],
            "name": names[1],
            "line": {"color": "#1f4e79", "width": 1.6},
            "legendgroup": "value",
            **axes,
        },
    ]


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
    cells = month_cells(changes, month)
    rows = [_table_row(names.get(area.removeprefix("KU"), area), cells.get(area, {}), lang) for area in member_areas]
    programme = {code: row for found in month_cells(programme_changes, month).values() for code, row in found.items()}
    rows.append(_table_row(t("labour.programme_total", lang, name=programme_name), programme, lang))
    rows.append(_table_row(t("labour.country", lang), cells.get(COUNTRY, {}), lang))
    return rows


def month_cells(changes: pd.DataFrame, month: pd.Timestamp) -> dict[str, dict[str, dict]]:
    """The changes (``models.unemployment.change_against_baseline``) in ``month``: area → indicator → its row.

    >>> changes = pd.DataFrame({"area": ["KU837", "KU837"], "indicator": ["TYOTTOMAT25"] * 2,
    ...     "month": pd.to_datetime(["2017-12-01", "2018-12-01"]), "value": [9.0, 8.0]})
    >>> month_cells(changes, pd.Timestamp("2018-12-01"))["KU837"]["TYOTTOMAT25"]["value"]
    8.0
    """
    cells: dict[str, dict[str, dict]] = {}
    for row in changes[changes["month"] == month].to_dict("records"):
        cells.setdefault(row["area"], {})[row["indicator"]] = row
    return cells


def _table_row(name: str, cells: dict[str, dict], lang: str) -> dict:
    """A table row: for each target group with a row in ``cells``, its value, baseline and change, with their texts."""
    row: dict[str, object] = {"area": name}
    for code in TARGET_GROUPS.values():
        if code not in cells:
            continue
        cell = cells[code]
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

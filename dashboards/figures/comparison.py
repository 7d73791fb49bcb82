"""The Comparison page's words, strips, trend, table and source rows: functions of ``reports.comparison``'s JSON.

The strips and the trend are plain figure dicts (as the map of the Labour
market page): one axis per indicator, one small chart per municipality.
"""

from __future__ import annotations

import datetime as dt
import math

import dash_bootstrap_components as dbc
import pandas as pd
from dash import html

from dashboards import components
from dashboards.statistics import month_text
from i18n import format_date, format_number, t
from models.comparison import INDICATORS, UNITS

OURS_COLOUR = "#c0392b"
PEER_COLOUR = "#5b7fa6"
MEDIAN_COLOUR = "#333333"
STRIP_ROW_HEIGHT = 104
STRIP_GAP = 0.07  # between the indicators' axes, as a share of the figure
TREND_COLUMNS = 5
TREND_GAPS = {"x": 0.04, "y": 0.12}  # between the small charts, as shares of the figure


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


def group_name(row: dict, lang: str) -> str:
    key = row.get("register_key")
    return (
        t(f"comparison.group.{key}", lang)
        if isinstance(key, str) and key
        else str(row.get("name") or row.get("group_name"))
    )


def data_group_name(data: dict, lang: str) -> str:
    return group_name({"register_key": data.get("register_key"), "name": data.get("group_name")}, lang)


def unit_text(indicator: str, lang: str) -> str:
    return t(f"comparison.unit.{indicator}", lang)


def indicator_label(indicator: str, lang: str) -> str:
    """``Kuntaosuus asukasta kohden (€ / asukas)``: the indicator and its unit."""
    return f"{t(f'comparison.indicator.{indicator}', lang)} ({unit_text(indicator, lang)})"


def sentence(data: dict, lang: str) -> list:
    """In words, per municipality of ours: its rank in the group and nationally and the group median."""
    indicator = INDICATORS[0]
    return [
        _sentence_line(row, data, indicator, lang)
        for row in data["rows"]
        if row["ours"] and row["indicator"] == indicator
    ]


def _sentence_line(row: dict, data: dict, indicator: str, lang: str) -> html.P:
    """One municipality's ranks and the group median, or that its figure is missing in the period."""
    if row["group_rank"] is None:
        return html.P(t("comparison.sentence_missing", lang, name=row["name"], period=period_text(data, lang)))
    text = t(
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
    )
    return html.P(text, className="mb-1")


def notes(data: dict, lang: str) -> list:
    """How ranks are counted, the mergers on today's boundaries, the population used and the missing months."""
    items = [html.Li(t("comparison.rank_rule", lang)), _mergers_item(data, lang)]
    items += _population_items(data["population"], lang)
    missing = _missing_item(data["rows"], lang)
    if missing is not None:
        items.append(missing)
    return [html.Ul(items, className="mb-0")]


def _mergers_item(data: dict, lang: str) -> html.Li:
    """The municipalities merged into those compared, put on today's boundaries for the baseline, or none."""
    if not data["mergers"]:
        return html.Li(t("comparison.no_mergers", lang, year=data["baseline_year"]))
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
    return html.Li(t("comparison.mergers", lang, mergers=mergers, year=data["baseline_year"]))


def _population_items(population: dict, lang: str) -> list[html.Li]:
    """How many municipalities' population comes from the register (and of which year), how many from StatFin."""
    items = []
    if population["register"]:
        text = t("comparison.population_register", lang, count=population["register"], year=population["register_year"])
        items.append(html.Li(text, id="comparison-population-note"))
    if population["statfin"]:
        items.append(html.Li(t("comparison.population_statfin", lang, count=population["statfin"])))
    return items


def _missing_item(rows: list[dict], lang: str) -> html.Li | None:
    """The months each municipality lacks (``Tampere: 3 (2019-01 … 2019-03)``), or nothing when none is missing."""
    missing = sorted({(row["name"], m) for row in rows for m in row["missing_months"]})
    if not missing:
        return None
    by_name: dict[str, list[str]] = {}
    for name, month in missing:
        by_name.setdefault(name, []).append(month)
    text = "; ".join(
        f"{name}: {months[0]}" if len(months) == 1 else f"{name}: {len(months)} ({months[0]} … {months[-1]})"
        for name, months in by_name.items()
    )
    return html.Li(t("comparison.missing_months", lang, months=text), className="text-warning-emphasis")


# --- strips -----------------------------------------------------------------------------------


def strips_figure(data: dict, lang: str) -> dict:
    """One horizontal axis per indicator: the group's municipalities as dots, ours highlighted, the median a line."""
    layout = _strips_layout(data, lang)
    height = (1 - STRIP_GAP * (len(INDICATORS) - 1)) / len(INDICATORS)
    traces: list[dict] = []
    for number, indicator in enumerate(INDICATORS):
        axis = "" if number == 0 else str(number + 1)
        top = 1 - number * (height + STRIP_GAP)
        layout.update(_strip_axes(axis, indicator, top - height, top))
        layout["annotations"].append(_strip_title(indicator, top, lang))
        rows = [row for row in data["rows"] if row["indicator"] == indicator and row["value"] is not None]
        traces += _strip_traces(rows, indicator, axis, data["year"], lang, number == 0)
        median = rows[0]["group_median"] if rows else None
        if median is not None:
            layout["shapes"].append(_median_line(axis, median))
    if data["rows"]:
        traces.append(_median_legend(lang))
    return {"data": traces, "layout": layout}


def _strips_layout(data: dict, lang: str) -> dict:
    """The strips' title, size and legend; the axes, titles and median lines are added per indicator."""
    title = t("comparison.strips_title", lang, group=data_group_name(data, lang), period=period_text(data, lang))
    return {
        "title": {"text": title, "x": 0, "xanchor": "left", "font": {"size": 15}},
        "height": STRIP_ROW_HEIGHT * len(INDICATORS) + 120,
        "margin": {"l": 20, "r": 20, "t": 60, "b": 70},
        "plot_bgcolor": "white",
        "showlegend": True,
        "legend": {"orientation": "h", "y": -0.04, "x": 0, "yanchor": "top"},
        "separators": ", " if lang in ("fi", "sv") else ".,",
        "hovermode": "closest",
        "annotations": [],
        "shapes": [],
    }


def _strip_axes(axis: str, indicator: str, bottom: float, top: float) -> dict:
    """One indicator's axes: the values along x (in € or %), y hidden (the dots sit on its zero)."""
    x_axis = {
        "anchor": f"y{axis}",
        "domain": [0, 1],
        "gridcolor": "#eeeeee",
        "zeroline": False,
        "ticksuffix": " €" if UNITS[indicator] == "eur" else " %",
    }
    return {f"xaxis{axis}": x_axis, f"yaxis{axis}": {"domain": [bottom, top], "visible": False, "range": [-1, 1]}}


def _strip_title(indicator: str, top: float, lang: str) -> dict:
    """The indicator and its unit above its axis, at the left."""
    return {
        "text": f"{t(f'comparison.indicator.{indicator}', lang)} ({unit_text(indicator, lang)})",
        "x": 0, "y": top, "xref": "paper", "yref": "paper", "xanchor": "left", "yanchor": "bottom",
        "showarrow": False, "font": {"size": 12},
    }  # fmt: skip


def _median_line(axis: str, median: float) -> dict:
    """The group median as a dashed line across the indicator's dots."""
    return {
        "type": "line", "xref": f"x{axis}", "yref": f"y{axis}", "x0": median, "x1": median, "y0": -0.8, "y1": 0.8,
        "line": {"color": MEDIAN_COLOUR, "width": 2, "dash": "dash"},
    }  # fmt: skip


def _median_legend(lang: str) -> dict:
    """An empty trace that names the median lines in the legend."""
    return {
        "type": "scatter", "x": [None], "y": [None], "mode": "lines", "xaxis": "x", "yaxis": "y",
        "line": {"color": MEDIAN_COLOUR, "dash": "dash"}, "name": t("comparison.median", lang),
    }  # fmt: skip


def _strip_traces(rows: list[dict], indicator: str, axis: str, year: int, lang: str, legend: bool) -> list[dict]:
    """The peers (grey-blue) and ours (red, labelled) on one indicator's axis; hover and click carry the code."""
    traces = []
    for ours in (False, True):
        chosen = [row for row in rows if row["ours"] is ours]
        if chosen:
            traces.append(_strip_trace(chosen, ours, indicator, axis, year, lang, legend))
    return traces


def _strip_trace(chosen: list[dict], ours: bool, indicator: str, axis: str, year: int, lang: str, legend: bool) -> dict:
    """The ``chosen`` municipalities' dots on one indicator's axis, with the chart's table (chart_text) row by row."""
    label = f"{t(f'comparison.indicator.{indicator}', lang)} ({unit_text(indicator, lang)})"
    columns = [t("chart.col.municipality", lang), t("chart.col.indicator", lang), t("chart.col.value", lang)]
    return {
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
            "columns": columns,
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


def _hover(row: dict, indicator: str, lang: str) -> str:
    rank = t("comparison.hover_rank", lang, rank=row["group_rank"], of=row["group_of"]) if row["group_rank"] else ""
    return f"{row['name']}: {value_text(row['value'], indicator, lang)} {rank}"


# --- trend ------------------------------------------------------------------------------------


def trend_figure(data: dict, indicator: str, lang: str) -> dict:
    """One small chart per municipality: the indicator year by year from the baseline year (ours in red)."""
    codes = list(dict.fromkeys(row["municipality"] for row in data["trend"]))
    if not codes:
        return components.empty_figure(t("comparison.no_data", lang))
    names = {row["municipality"]: row["name"] for row in data["trend"]}
    ours = set(data["ours"])
    rows_count = max(1, math.ceil(len(codes) / TREND_COLUMNS))
    layout = _trend_layout(data, indicator, rows_count, lang)
    traces = []
    for index, code in enumerate(codes):
        axis = "" if index == 0 else str(index + 1)
        left, top, width, height = _trend_cell(index, rows_count)
        layout[f"xaxis{axis}"] = {
            "domain": [left, left + width],
            "anchor": f"y{axis}",
            "gridcolor": "#f0f0f0",
            "dtick": 2,
        }
        layout[f"yaxis{axis}"] = {"domain": [top - height, top], "anchor": f"x{axis}", "gridcolor": "#e6e6e6"}
        layout["annotations"].append(_trend_title(names[code], left + width / 2, top, code in ours))
        points = [row for row in data["trend"] if row["municipality"] == code and row["indicator"] == indicator]
        traces.append(_trend_trace(points, code, names[code], code in ours, indicator, axis, lang))
    return {"data": traces, "layout": layout}


def _trend_layout(data: dict, indicator: str, rows_count: int, lang: str) -> dict:
    """The trend's title (indicator, unit, baseline year and period) and size; the small charts are added to it."""
    title = t(
        "comparison.trend_title",
        lang,
        indicator=t(f"comparison.indicator.{indicator}", lang),
        unit=unit_text(indicator, lang),
        year=data["baseline_year"],
        period=period_text(data, lang),
    )
    return {
        "title": {"text": title, "x": 0, "xanchor": "left", "font": {"size": 15}},
        "height": 190 * rows_count + 90,
        "margin": {"l": 30, "r": 10, "t": 70, "b": 30},
        "plot_bgcolor": "white",
        "showlegend": False,
        "separators": ", " if lang in ("fi", "sv") else ".,",
        "hovermode": "closest",
        "annotations": [],
    }


def _trend_cell(index: int, rows_count: int) -> tuple[float, float, float, float]:
    """Where the ``index``th small chart sits (row by row, from the top left): left, top, width and height.

    As shares of the figure: five to a row, 0.04 apart across and 0.12 down.

    >>> [round(share, 3) for share in _trend_cell(6, 2)]
    [0.208, 0.44, 0.168, 0.44]
    """
    width = (1 - TREND_GAPS["x"] * (TREND_COLUMNS - 1)) / TREND_COLUMNS
    height = (1 - TREND_GAPS["y"] * (rows_count - 1)) / rows_count
    left = (index % TREND_COLUMNS) * (width + TREND_GAPS["x"])
    top = 1 - (index // TREND_COLUMNS) * (height + TREND_GAPS["y"])
    return left, top, width, height


def _trend_title(name: str, x: float, top: float, ours: bool) -> dict:
    """A small chart's municipality above it, ours in red."""
    return {
        "text": name, "x": x, "y": top, "xref": "paper", "yref": "paper", "xanchor": "center", "yanchor": "bottom",
        "showarrow": False, "font": {"size": 12, "color": OURS_COLOUR if ours else "#222222"},
    }  # fmt: skip


def _trend_trace(points: list[dict], code: str, name: str, ours: bool, indicator: str, axis: str, lang: str) -> dict:
    """One municipality's indicator year by year; a click on a point carries its code, indicator and year."""
    return {
        "type": "scatter",
        "mode": "lines+markers",
        "x": [row["year"] for row in points],
        "y": [row["value"] for row in points],
        "xaxis": f"x{axis}",
        "yaxis": f"y{axis}",
        "line": {"color": OURS_COLOUR if ours else PEER_COLOUR, "width": 2.4 if ours else 1.4},
        "marker": {"size": 4},
        "name": name,
        "customdata": [[code, indicator, row["year"]] for row in points],
        "hovertext": [f"{name} {row['year']}: {value_text(row['value'], indicator, lang)}" for row in points],
        "hoverinfo": "text",
    }


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
    return [_table_column(field, header, number) for field, header, number in fields]


def _table_column(field: str, header: str, number: bool) -> dict:
    column: dict = {"field": field, "headerName": header, "minWidth": 110}
    if number:
        column.update(type="rightAligned", cellStyle={"fontVariantNumeric": "tabular-nums"})
    if field == "name":
        column.update(pinned="left", minWidth=150)
    return column


def table_rows(data: dict, lang: str) -> list[dict]:
    """One row per municipality and indicator, ours first; figures rounded as shown (two decimals)."""
    ordered = sorted(data["rows"], key=lambda row: (not row["ours"], INDICATORS.index(row["indicator"]), row["name"]))
    return [_table_row(number, row, lang) for number, row in enumerate(ordered)]


def _table_row(number: int, row: dict, lang: str) -> dict:
    source = row["population_source"]
    return {
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


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(float(value), 2)


# --- source rows --------------------------------------------------------------------------------


def source_card(rows: list[dict], name: str, indicator: str, year: int, lang: str) -> dbc.Card:
    """The rows one municipality's figure comes from (file, row, area, month, what, value), or that there are none."""
    header = t(
        "comparison.source_title", lang, name=name, indicator=t(f"comparison.indicator.{indicator}", lang), year=year
    )
    if not rows:
        body = html.P(t("comparison.source_none", lang), className="mb-0")
    else:
        columns = ("file", "row", "area", "month", "what", "value")
        headers = [t(f"comparison.source.{column}", lang) for column in columns]
        body = components.simple_table(headers, [[row[column] for column in columns] for row in rows], 5)
    return dbc.Card(
        [dbc.CardHeader(header), dbc.CardBody(body, style={"maxHeight": "420px", "overflowY": "auto"})],
        id="comparison-source-card",
    )

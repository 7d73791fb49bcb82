"""A chart in words: its summary as the accessible name, and its data as a table hidden until asked.

Both are read from the figure's own traces, so they always say what is drawn:

- the **summary** (the chart's accessible name): the title (what it shows and
  in which unit) and the latest value of the chart's last series, e.g.
  ``Kuopio: kuntaosuus kuukausittain, €. Toteutunut, viimeisin 9/2020: 812 345 €``;
- the **table**: one row per point of the category axis (a month, a budget
  line), one column per series; a heat map's rows and columns are its own;
  a trace that states its columns (``meta.columns``, one ``customdata`` row
  per point, as the map) gives its rows as they are.

Traces that show nothing on hover (``hoverinfo`` ``skip`` or ``none``: outlines,
bands, a colour scale) are decoration and left out of both.

A chart whose figure a callback sets (``chart``) is registered once with
``register``: the browser sends back only the traces' data (a clientside
callback drops the decoration), and the server words it in the page's language.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
from dash import Input, Output, State, callback, clientside_callback, dcc, html, no_update

from auth.guard import guarded
from dashboards.copies import copies
from dashboards.statistics import month_text
from i18n import format_date, format_eur, format_number, format_pct, t

DECORATION = ("skip", "none")
UNIT_LENGTH = 12  # a value axis's title this short is a unit written after each value (``€ / asukas``)
SUMMARY_CELLS = 6  # a heat map's summary names at most this many of its filled cells
TAG = re.compile(r"<[^>]+>")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
FIGURE = go.Figure  # looked up once: ``go`` finds its classes anew on every attribute access
ARRAYS = (np.ndarray, pd.Series, pd.Index)
SEQUENCES = (list, tuple)


@dataclass(frozen=True)
class ChartTable:
    """A chart's data as text: the header row and the rows (the first cell of each names the row)."""

    caption: str
    headers: list[str]
    rows: list[list[str]]
    dated: bool = False  # the rows are months or dates, in time order


# --- the figure as plain JSON ------------------------------------------------------------------


def plain_figure(figure: go.Figure | dict | None) -> dict:
    """``figure`` as the JSON Dash sends the browser (numbers of arrays as lists, dates as ISO text)."""
    if figure is None:
        return {"data": [], "layout": {}}
    if isinstance(figure, FIGURE):
        return json.loads(pio.to_json(figure, validate=False))
    return json.loads(pio.to_json(figure, validate=False, engine="json")) if _has_arrays(figure) else figure


def _has_arrays(value: object) -> bool:
    """True when ``value`` holds a numpy array or a pandas series or index: in a dict's values, or as the first
    item of a list (a list of numbers, or of records).

    >>> _has_arrays({"data": [{"x": np.arange(2)}], "layout": {}}), _has_arrays({"data": [{"x": [1, 2]}]})
    (True, False)
    """
    if isinstance(value, dict):
        for item in value.values():
            if _has_arrays(item):
                return True
        return False
    if isinstance(value, SEQUENCES):
        return bool(value) and _has_arrays(value[0])
    return isinstance(value, ARRAYS)


def values_of(raw: object) -> list:
    """A trace's array as a list: plain lists as they are, plotly's typed arrays (``bdata``) decoded.

    >>> values_of({"dtype": "f8", "bdata": "AAAAAAAA8D8AAAAAAAAAQA=="})
    [1.0, 2.0]
    >>> values_of([1, None, 3]), values_of(None)
    ([1, None, 3], [])
    """
    if raw is None:
        return []
    if isinstance(raw, dict) and "bdata" in raw:
        array = np.frombuffer(base64.b64decode(raw["bdata"]), dtype=np.dtype(raw["dtype"]).newbyteorder("<"))
        if raw.get("shape"):
            array = array.reshape([int(size) for size in str(raw["shape"]).split(",")])
        return array.tolist()
    if isinstance(raw, np.ndarray):
        return raw.tolist()
    return list(raw) if isinstance(raw, list | tuple) else [raw]


def data_traces(figure: dict) -> list[dict]:
    """The traces that carry data: those that show something on hover."""
    return [trace for trace in figure.get("data") or [] if trace.get("hoverinfo") not in DECORATION]


def plain_text(text: object, line_break: str = " – ") -> str:
    """A Plotly title as plain text: a line break as a dash, tags dropped.

    >>> plain_text("Muutos, %<br><sup>Kuopio</sup>"), plain_text("R1<br>R2", ", ")
    ('Muutos, % – Kuopio', 'R1, R2')
    """
    if isinstance(text, dict):
        text = text.get("text")
    text = str(text or "").replace("<br>", line_break).replace("<br/>", line_break)
    return " ".join(TAG.sub("", text).replace("\u200b", "").split())


def title_of(figure: dict) -> str:
    """The figure's title; a blank chart's message (its first annotation) when it has none."""
    layout = figure.get("layout") or {}
    title = plain_text(layout.get("title"))
    notes = layout.get("annotations") or []
    return title or (plain_text(notes[0].get("text")) if notes and not figure.get("data") else "")


# --- axes: which one counts, which one holds the values -----------------------------------------


def is_horizontal(trace: dict) -> bool:
    return trace.get("orientation") == "h"


def value_axis(figure: dict, trace: dict) -> dict:
    """The layout of the axis the trace's values run along (x for horizontal bars and waterfalls)."""
    layout = figure.get("layout") or {}
    letter = "x" if is_horizontal(trace) else "y"
    reference = str(trace.get(f"{letter}axis") or letter)
    return layout.get(f"{letter}axis{reference[1:]}") or {}


def unit_of(figure: dict, trace: dict) -> str:
    """The unit of a trace's values: its value axis's title (``€``, ``%``), else a colour scale's title."""
    unit = plain_text(value_axis(figure, trace).get("title") or "")
    if unit:
        return unit
    for other in figure.get("data") or []:
        colorbar = ((other.get("marker") or {}).get("colorbar") or other.get("colorbar") or {}).get("title")
        if colorbar:
            return plain_text(colorbar)
    return ""


def subplot_title(figure: dict, trace: dict) -> str:
    """The title over the small chart a trace is drawn in (an annotation at the top of its axes), if any."""
    layout = figure.get("layout") or {}
    x_axis = layout.get(f"xaxis{str(trace.get('xaxis') or 'x')[1:]}") or {}
    y_axis = layout.get(f"yaxis{str(trace.get('yaxis') or 'y')[1:]}") or {}
    if "domain" not in x_axis or "domain" not in y_axis:
        return ""
    (left, right), top = x_axis["domain"], y_axis["domain"][1]
    for note in layout.get("annotations") or []:
        if note.get("xref") == "paper" and left <= float(note.get("x", -1)) <= right:
            if abs(float(note.get("y", -1)) - top) < 0.02:
                return plain_text(note.get("text"))
    return ""


def series_names(figure: dict, traces: list[dict]) -> list[str]:
    """A column name per trace: its name, with the small chart's title when names repeat (small multiples)."""
    names = [plain_text(trace.get("name")) for trace in traces]
    repeated = len(set(names)) < len(names)
    titled = []
    for trace, name in zip(traces, names, strict=True):
        place = subplot_title(figure, trace) if repeated else ""
        titled.append(f"{place}: {name}" if place and name else place or name)
    return titled


# --- categories: months, dates, names ----------------------------------------------------------


def as_month(value: object) -> pd.Timestamp | None:
    """A category that is a date (``2020-09-01``, a timestamp) as a timestamp; anything else ``None``."""
    if isinstance(value, dt.date | pd.Timestamp | np.datetime64):
        return pd.Timestamp(value)
    if isinstance(value, str) and ISO_DATE.match(value):
        return pd.Timestamp(value[:10])
    return None


def category_text(value: object, dated: bool, lang: str) -> str:
    """A category as the table and summary write it: a month as ``9/2020``, another date as the language writes it."""
    if dated:
        return moment_text(as_month(value), lang)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return plain_text(value)


def moment_text(moment: pd.Timestamp, lang: str) -> str:
    """A dated category as the table and summary write it: a month as ``9/2020``, another day as the language does.

    >>> moment_text(pd.Timestamp("2020-09-01"), "fi")
    '9/2020'
    """
    if moment.day == 1:
        return month_text(moment, lang)
    return format_date(moment.date(), lang)


def category_header(figure: dict, trace: dict, dated: bool, lang: str) -> str:
    """The first column's header: the category axis's title, else what the categories are."""
    layout = figure.get("layout") or {}
    letter = "y" if is_horizontal(trace) else "x"
    axis = layout.get(f"{letter}axis{str(trace.get(f'{letter}axis') or letter)[1:]}") or {}
    title = plain_text(axis.get("title") or "")
    if title:
        return title
    if dated:
        return t("chart.col.month", lang)
    return t("chart.col.category", lang)


# --- numbers -------------------------------------------------------------------------------------


def number_text(value: object, unit: str, lang: str, whole: bool) -> str:
    """A value in the language's format with its unit: euros, percentages or a plain number."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    number = float(value)
    if unit == "€":
        return format_eur(number, lang, 0 if whole else 2)
    if unit == "%":
        return format_pct(number, lang, 1)
    text = format_number(number, lang, 0 if whole else 1)
    return f"{text}\xa0{unit}" if unit and len(unit) <= UNIT_LENGTH else text


def all_whole(values: Iterable[object]) -> bool:
    return all(float(value).is_integer() for value in values if _is_number(value))


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and not np.isnan(float(value))


# --- the table -----------------------------------------------------------------------------------


def chart_table(figure: go.Figure | dict | None, lang: str) -> ChartTable:
    """The chart's data as a table: a heat map's grid, a trace's own records, or the series side by side."""
    return plain_table(plain_figure(figure), lang)


def plain_table(figure: dict, lang: str) -> ChartTable:
    """``chart_table`` of a figure that is plain JSON already (``plain_figure``)."""
    traces = data_traces(figure)
    caption = caption_of(figure, traces)
    if not traces:
        return ChartTable(caption, [], [])
    heat = [trace for trace in traces if trace.get("type") == "heatmap"]
    if heat:
        return heat_map_table(figure, heat[0], caption)
    recorded = [trace for trace in traces if (trace.get("meta") or {}).get("columns")]
    if recorded:
        return records_table(recorded, caption)
    return series_table(figure, traces, caption, lang)


def caption_of(figure: dict, traces: list[dict]) -> str:
    """The chart's title, with the unit when the title does not say it."""
    title = title_of(figure)
    grid = not traces or traces[0].get("type") == "heatmap"  # a heat map's axes are dimensions, not units
    unit = "" if grid else unit_of(figure, traces[0])
    return f"{title}, {unit}" if unit and not re.search(rf"(^|\W){re.escape(unit)}(\W|$)", title) else title


def heat_map_table(figure: dict, trace: dict, caption: str) -> ChartTable:
    """Rows and columns as the map draws them (the top row first); each cell its text, else its value."""
    layout = figure.get("layout") or {}
    rows_title = plain_text((layout.get("yaxis") or {}).get("title") or "")
    columns_title = plain_text((layout.get("xaxis") or {}).get("title") or "")
    xs, ys = values_of(trace.get("x")), values_of(trace.get("y"))
    texts = trace.get("text") or values_of(trace.get("z"))
    headers = [f"{rows_title} \\ {columns_title}".strip(" \\")] + [category_text(x, False, "") for x in xs]
    rows = []
    for index in reversed(range(len(ys))):
        cells = [plain_text(cell, ", ") if cell is not None else "" for cell in values_of(texts[index])]
        rows.append([category_text(ys[index], False, ""), *cells])
    return ChartTable(caption, headers, rows)


def records_table(traces: list[dict], caption: str) -> ChartTable:
    """Traces that name their columns (``meta.columns``) and carry one row per point (``meta.rows``, else
    ``customdata``): the rows of every such trace with the first one's columns, in the traces' order."""
    columns = traces[0]["meta"]["columns"]
    rows = [
        [plain_text(cell) for cell in values_of(record)]
        for trace in traces
        if trace["meta"]["columns"] == columns
        for record in values_of(trace["meta"].get("rows", trace.get("customdata")))
    ]
    return ChartTable(caption, [plain_text(column) for column in columns], rows)


def series_table(figure: dict, traces: list[dict], caption: str, lang: str) -> ChartTable:
    """One row per category (months in time order), one column per series."""
    columns = [series_points(trace) for trace in traces]
    categories = list(dict.fromkeys(category for points in columns for category in points))
    moments = [as_month(category) for category in categories]  # once per category: the test, the order, the text
    dated = bool(categories) and all(moment is not None for moment in moments)
    if dated:
        in_time_order = sorted(zip(moments, categories, strict=True), key=lambda pair: pair[0])
        labels = [moment_text(moment, lang) for moment, _category in in_time_order]
        categories = [category for _moment, category in in_time_order]
    else:
        labels = [category_text(category, False, lang) for category in categories]
    headers = [category_header(figure, traces[0], dated, lang), *series_names(figure, traces)]
    units = [unit_of(figure, trace) for trace in traces]
    whole = [all_whole(points.values()) for points in columns]
    rows = [
        [label] + [number_text(points.get(category), unit, lang, w) for points, unit, w in zip(columns, units, whole)]
        for label, category in zip(labels, categories, strict=True)
    ]
    return ChartTable(caption, headers, rows, dated)


def series_points(trace: dict) -> dict:
    """A trace's points as ``{category: value}`` (categories as drawn; a missing value is ``None``)."""
    categories, values = values_of(trace.get("x")), values_of(trace.get("y"))
    if is_horizontal(trace):
        categories, values = values, categories
    if not categories:
        categories = list(range(len(values)))
    return {
        _hashable(category): value for category, value in zip(categories, values, strict=False) if category is not None
    }


def _hashable(value: object) -> object:
    return tuple(value) if isinstance(value, list) else value


# --- the summary ---------------------------------------------------------------------------------


def chart_summary(figure: go.Figure | dict | None, lang: str, table: ChartTable | None = None) -> str:
    """What the chart shows, in which unit, and its latest value: the chart's accessible name.

    ``table`` is the figure's ``chart_table`` when the caller has it already.
    """
    return plain_summary(plain_figure(figure), lang, table)


def plain_summary(figure: dict, lang: str, table: ChartTable | None = None) -> str:
    """``chart_summary`` of a figure that is plain JSON already (``plain_figure``)."""
    traces = data_traces(figure)
    caption = caption_of(figure, traces) or t("chart.untitled", lang)
    if not traces:
        return f"{caption}. {t('chart.no_data', lang)}"
    table = table or plain_table(figure, lang)
    heat = next((trace for trace in traces if trace.get("type") == "heatmap"), None)
    if heat is not None:
        return f"{caption}. {heat_map_point(table, lang)}"
    if any((trace.get("meta") or {}).get("columns") for trace in traces):
        return f"{caption}. {t('chart.rows', lang, count=len(table.rows))}"
    return f"{caption}. {latest_point(table, lang)}"


def latest_point(table: ChartTable, lang: str) -> str:
    """The last filled value of the table's last series that has one, with its month (or category) and its name.

    >>> latest_point(ChartTable("", ["Kohta", "Euroa"], [["Tuotot", "1 €"], ["Kate", ""]]), "fi")
    'Tuotot: 1 €'
    """
    for column in reversed(range(1, len(table.headers))):
        for row in reversed(table.rows):
            if row[column]:
                name = table.headers[column] if len(table.headers) > 2 else ""
                point = (
                    t("chart.latest", lang, x=row[0], value=row[column]) if table.dated else f"{row[0]}: {row[column]}"
                )
                return f"{name}, {point}" if name else point
    return t("chart.no_data", lang)


def heat_map_point(table: ChartTable, lang: str) -> str:
    """A heat map's filled cells, ``row, column: text``, the first ``SUMMARY_CELLS`` of them."""
    filled = [
        f"{row[0]} × {header}: {cell}"
        for row in table.rows
        for header, cell in zip(table.headers[1:], row[1:], strict=False)
        if cell
    ]
    if not filled:
        return t("chart.no_data", lang)
    axes = re.sub(r"\s*\([^)]*\)", "", table.headers[0]).replace(" \\ ", " × ")  # "Todennäköisyys × Vaikutus"
    cells = "; ".join(filled[:SUMMARY_CELLS]) + ("; …" if len(filled) > SUMMARY_CELLS else "")
    return f"{axes}: {cells}" if axes else cells


# --- components ----------------------------------------------------------------------------------


TABLE_HEAD, TABLE_BODY, TABLE_ROW = copies(html.Thead), copies(html.Tbody), copies(html.Tr)
COLUMN_HEADER = copies(html.Th, scope="col")
ROW_HEADER = copies(html.Th, scope="row")
VALUE_CELL = copies(html.Td, className="text-end")
CHART_TABLE = copies(html.Table, className="table table-sm table-striped chart-table mb-0")
CAPTION = copies(html.Caption)


def table_component(table: ChartTable) -> html.Table:
    """A real table: a caption, column headers and row headers with their scope."""
    head = TABLE_HEAD(TABLE_ROW([COLUMN_HEADER(header) for header in table.headers]))
    body = TABLE_BODY([TABLE_ROW([ROW_HEADER(row[0]), *map(VALUE_CELL, row[1:])]) for row in table.rows])
    return CHART_TABLE([CAPTION(table.caption), head, body])


def chart_words(figure: go.Figure | dict | None, lang: str) -> tuple[str, html.Table]:
    """The summary and the table of a figure (what ``chart`` shows beside it)."""
    figure = plain_figure(figure)  # once: the table and the summary read the same JSON
    table = plain_table(figure, lang)
    return plain_summary(figure, lang, table), table_component(table)


def chart(
    graph: dcc.Graph, lang: str, figure: go.Figure | dict | None = None, name: str | None = None, title: str = ""
) -> html.Figure:
    """``graph`` inside a figure named by its summary, with its data table folded under it.

    ``figure`` is the graph's figure when the layout has it; a figure set by a
    callback is worded by the callback ``register`` adds (``name`` is the graph's
    id), and until then the chart is named by ``title``.
    """
    name = name or str(graph.id)
    summary, table = chart_words(figure, lang) if figure is not None else (title, None)
    return html.Figure(
        [
            html.Figcaption(summary, id=f"{name}-summary", className="visually-hidden"),
            graph,
            html.Details(
                [
                    html.Summary(t("chart.show_table", lang), className="small"),
                    html.Div(
                        table,
                        id=f"{name}-table",
                        className="chart-table-box",
                        tabIndex="0",
                        role="region",
                        **{"aria-labelledby": f"{name}-summary"},
                    ),
                ],
                className="chart-data mt-1",
            ),  # fmt: skip
            dcc.Store(id=f"{name}-digest"),
        ],
        className="chart mb-0",
        **{"aria-labelledby": f"{name}-summary"},
    )


# The browser sends back only what the words need: the traces that carry data, the titles, the axes'
# titles and domains, and the annotations that title small charts; never a map's outlines.
DIGEST = """function (figure) {
    if (!figure || !figure.data) { return window.dash_clientside.no_update; }
    const keep = ["type", "name", "x", "y", "z", "text", "customdata", "meta", "orientation", "xaxis", "yaxis",
                  "hoverinfo", "marker"];
    const data = figure.data.filter((trace) => trace.hoverinfo !== "skip" && trace.hoverinfo !== "none")
        .map((trace) => Object.fromEntries(keep.filter((key) => key in trace)
            .filter((key) => key !== "text" || trace.type === "heatmap")  // hover texts: only a heat map's cells
            .map((key) => [key, key === "marker" ? {colorbar: (trace.marker || {}).colorbar} : trace[key]])));
    const layout = {};
    for (const [key, value] of Object.entries(figure.layout || {})) {
        if (key === "title") { layout.title = value; }
        if (/^[xy]axis\\d*$/.test(key)) { layout[key] = {title: value.title, domain: value.domain}; }
        if (key === "annotations") {
            layout.annotations = value.map((note) => ({text: note.text, x: note.x, y: note.y, xref: note.xref}));
        }
    }
    return {data: data, layout: layout};
}"""


def register(graph_id: str, lang_id: str) -> None:
    """Word the chart ``graph_id`` (made by ``chart``) each time a callback sets its figure."""
    clientside_callback(DIGEST, Output(f"{graph_id}-digest", "data"), Input(graph_id, "figure"))

    @callback(
        Output(f"{graph_id}-summary", "children"),
        Output(f"{graph_id}-table", "children"),
        Input(f"{graph_id}-digest", "data"),
        State(lang_id, "data"),
        prevent_initial_call=True,
    )
    @guarded("read")
    def word(digest: dict | None, lang: str) -> tuple:
        if not digest:
            return no_update, no_update
        return chart_words(digest, lang)

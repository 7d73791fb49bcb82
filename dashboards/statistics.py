"""Helpers of the Benefits and Labour market pages: statistics from the database, status badges, charts.

Not a page: pages live in ``dashboards/pages/``, each with its ``dash.register_page``.
"""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Mapping

import dash_bootstrap_components as dbc
import numpy as np
import pandas as pd
import plotly.graph_objects as go
from dash import html

from dashboards.cache import cached
from data_loaders.sample import SYNTHETIC_STATISTICS
from db import queries
from i18n import format_date, format_month, place_names, plotly_separators, t
from models.amounts import CENTS_PER_EURO
from models.coverage import missing_notes
from models.savings import (
    BASELINE_REGIME,
    DEFAULT_BASELINE_YEAR,
    MONTH_ROW,
    current_code,
    successors_of,
    with_predecessors,
)
from reports.figures import THEME_JSON, THEME_NAME
from reports.monthly_totals import kuntaosuus_months

STATUS_COLOURS = {
    "on_track": "success",
    "met": "success",
    "at_risk": "warning",
    "off_track": "danger",
    "missed": "danger",
    "not_assessed": "secondary",
    "no_data": "secondary",
}


def status_badge(status: str, lang: str) -> dbc.Badge:
    """A coloured badge with the status in words (on track, at risk, off track, met, missed …)."""
    return dbc.Badge(t(f"status.{status}", lang), color=STATUS_COLOURS.get(status, "secondary"), className="me-2")


def month_text(month: pd.Timestamp | dt.date, lang: str) -> str:
    """``9/2020`` in Finnish, ``sep. 2020`` in Swedish, ``Sep 2020`` in English.

    >>> month_text(pd.Timestamp("2020-09-01"), "fi"), month_text(pd.Timestamp("2020-09-01"), "sv")
    ('9/2020', 'sep. 2020')
    >>> month_text(pd.Timestamp("2020-09-01"), "en")
    'Sep 2020'
    """
    return format_month(month, lang)


@cached
def current_totals(codes: tuple[str, ...]) -> pd.DataFrame:
    """Monthly kuntaosuus of these municipalities on today's boundaries (2015–2024 series), cents.

    The months kept after the last import, else their month total rows (and those of municipalities merged into
    them) added up (``reports.monthly_totals``).
    """
    return kuntaosuus_months(codes)


@cached
def kela_rows_on_todays_boundaries(codes: tuple[str, ...], month: pd.Timestamp) -> pd.DataFrame:
    """One month's Kela rows of these municipalities for every day class (all ages and genders together).

    ``area_code`` is mapped to today's municipality.
    """
    mergers = queries.municipality_mergers()
    areas = with_predecessors(codes, mergers)
    rows = queries.kela_area_totals(BASELINE_REGIME, areas=areas, months=[month], period_type=MONTH_ROW)
    successors = successors_of(mergers)
    return rows.assign(area_code=[current_code(str(code), successors) for code in rows["area_code"]])


def kela_missing(slug: str, codes: list[str], lang: str) -> list[str]:
    """What Kela data these municipalities of a programme lack for its savings, and the file that would bring it."""
    return missing_texts(slug, codes, lang, kela_totals=current_totals(tuple(sorted(codes))))


def missing_texts(slug: str, codes: list[str], lang: str, **sources: pd.DataFrame) -> list[str]:
    """What these members of a programme lack in the given ``sources`` (``models.coverage.missing_notes``), in words."""
    setting = programme_frame(slug)
    members = queries.programme_members(slug)
    names = place_names(members["code"], members["name_fi"], members["name_sv"], lang)
    chosen = {str(code): names.get(str(code), str(code)) for code in codes}
    notes = missing_notes(setting["name"], chosen, setting["baseline_year"], **sources)
    return [t(note["key"], lang, **note["fields"]) for note in notes]


def missing_alert(texts: list[str], identifier: str) -> dbc.Alert | None:
    """The missing data as a warning the page shows above its charts, or nothing when nothing is missing."""
    if not texts:
        return None
    return dbc.Alert([html.P(text, className="mb-1") for text in texts], color="warning", id=identifier)


@cached
def programme_frame(slug: str) -> dict[str, object]:
    """A programme's baseline year, target (%), target month and start month.

    Without a target date the programme's end counts; without a start, the
    year after the baseline.
    """
    programmes = queries.programmes()
    return programme_setting(programmes[programmes["slug"] == slug].iloc[0])


def programme_setting(row: Mapping[str, object]) -> dict[str, object]:
    """``programme_frame`` of a programme's row as ``queries.programmes`` gives it (a caller that has read it)."""
    baseline_year = int(row["baseline_year"] or DEFAULT_BASELINE_YEAR)
    target_date = as_date(row["target_date"]) or as_date(row["end_date"]) or dt.date(baseline_year + 2, 12, 31)
    start = as_date(row["start_date"]) or dt.date(baseline_year + 1, 1, 1)
    return {
        "baseline_year": baseline_year,
        "target_pct": float(row["savings_target_pct"]),
        "target_month": pd.Timestamp(target_date.year, target_date.month, 1),
        "start": pd.Timestamp(start.year, start.month, 1),
        "name": row["name"],
    }


def as_date(value: object) -> dt.date | None:
    """A date from a database value (a date, a timestamp or ISO text); ``None`` for a missing one."""
    if value is None or (not isinstance(value, dt.date) and pd.isna(value)):
        return None
    return pd.Timestamp(value).date()


def area_label(area: str | None, programme: str, lang: str) -> str:
    """A municipality's name, or the programme's for the whole programme."""
    if not area:
        return str(programme_frame(programme)["name"])
    register = queries.municipality_register()
    names = place_names(register["code"], register["name_fi"], register["name_sv"], lang)
    return names.get(area, area)


def merger_note(codes: list[str], lang: str) -> str:
    """How the baseline was put on today's boundaries: the mergers into these municipalities, if any."""
    mergers = queries.municipality_mergers()
    mine = mergers[mergers["new_code"].isin(codes)]
    if mine.empty:
        return t("boundaries.none", lang)
    register = queries.municipality_register()
    names = place_names(register["code"], register["name_fi"], register["name_sv"], lang)
    parts = [
        t(
            "boundaries.merger",
            lang,
            old=row["old_name"],
            old_code=row["old_code"],
            new=names.get(row["new_code"], row["new_code"]),
            date=format_date(as_date(row["merged_on"]), lang),
        )
        for row in mine.to_dict("records")
    ]
    return t("boundaries.merged", lang, mergers="; ".join(parts))


def sources_note(kinds: list[str], lang: str) -> list:
    """Which files the shown statistics come from, and a warning when they are the synthetic sample."""
    versions = queries.import_versions(kinds=kinds)
    versions = versions[versions["status"].eq("imported")]
    if versions.empty:
        return [dbc.Alert(t("statistics.none", lang), color="info")]
    files = ", ".join(dict.fromkeys(versions["file_name"]))
    parts = [html.P(t("statistics.sources", lang, files=files), className="small text-muted mb-2")]
    if versions["file_name"].isin(SYNTHETIC_STATISTICS).any():
        parts.insert(0, dbc.Alert(t("statistics.synthetic", lang), color="warning", className="py-2"))
    return parts


def figure_layout(figure: go.Figure, title: str, unit: str, lang: str, height: int = 420) -> go.Figure:
    """The common look: title saying what and in which unit, Finnish number format, legend below.

    Line traces are drawn as lines only (Plotly adds markers to short ones).
    """
    for trace in figure.data:
        if trace.type == "scatter" and trace.fill is None and trace.mode is None:
            trace.mode = "lines"
    layout = common_layout(title, unit, lang, height)
    layout["template"] = THEME_NAME  # by name: Plotly copies its registered template instead of validating the JSON
    figure.update_layout(layout)
    return figure


def common_layout(title: str, unit: str, lang: str, height: int = 420) -> dict:
    """``figure_layout``'s layout, for figures built as plain dicts."""
    return {
        "template": THEME_JSON,  # the one chart theme of the app and the pack (reports.figures)
        "title": {"text": title, "x": 0, "xanchor": "left"},
        "separators": plotly_separators(lang),
        "height": height,
        "margin": {"l": 10, "r": 20, "t": 60, "b": 40},
        "yaxis": {"title": {"text": unit}, "tickformat": ",.0f", "gridcolor": "#e0e0e0", "automargin": True},
        "xaxis": {"gridcolor": "#f0f0f0", **({"tickformat": "%-m/%Y"} if lang == "fi" else {})},
        "plot_bgcolor": "white",
        "legend": {"orientation": "h", "y": -0.15},
        "hovermode": "x unified",
        "font": {"size": 13},
    }


# --- figures as plain dicts: the JSON plotly's validating objects would send, without building them ---------------


def typed_floats(values: object) -> dict | list:
    """Numbers as plotly sends an array of them: a typed array (``f8``, base64), an empty one as a list.

    >>> typed_floats(np.array([1.0, np.nan]))
    {'dtype': 'f8', 'bdata': 'AAAAAAAA8D8AAAAAAAD4fw=='}
    >>> typed_floats(np.array([]))
    []
    """
    values = np.asarray(values, dtype="float64")
    if values.size == 0:
        return []
    return {"dtype": "f8", "bdata": base64.b64encode(np.ascontiguousarray(values, dtype="<f8")).decode("ascii")}


def euro_array(cents: object) -> dict | list:
    """Cents as euros in plotly.js's typed array (``typed_floats``): what plotly sends for a figure's numbers.

    >>> euro_array(pd.Series([150, 250])), euro_array([])
    ({'dtype': 'f8', 'bdata': 'AAAAAAAA+D8AAAAAAAAEQA=='}, [])
    """
    return typed_floats(np.asarray(cents, dtype="float64") / CENTS_PER_EURO)


def line_trace(x: object, y: object, name: str, line: dict) -> dict:
    """A line as plotly's JSON: the trace ``go.Scatter`` and ``figure_layout`` would make (months as datetimes)."""
    months = x if isinstance(x, list) else np.asarray(x)
    return {"line": line, "name": name, "x": months, "y": y, "type": "scatter", "mode": "lines"}


def euro_chart(traces: list[dict], title: str, lang: str, height: int = 420) -> dict:
    """A chart in euros with the common look (``common_layout``) as a plain figure dict: no plotly object validates
    each value, and the JSON is what ``figure_layout`` gives (plotly puts the nested settings first)."""
    layout = common_layout(title, "€", lang, height)
    return {"data": traces, "layout": dict(sorted(layout.items(), key=lambda item: not isinstance(item[1], dict)))}

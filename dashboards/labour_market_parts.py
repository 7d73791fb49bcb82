"""The Labour market page's sections and the views its callbacks show (``dashboards.pages.labour_market``).

Each view is cached: the same for everyone who may see it until the data
changes (``dashboards.cache``). Its figures are ``dashboards.figures.labour_market``'s.
"""

from __future__ import annotations

import datetime as dt

import dash_bootstrap_components as dbc
import pandas as pd
from dash import html

from dashboards import components, ids
from dashboards.cache import cached
from dashboards.figures.labour_market import (
    COUNTRY,
    groups_figure,
    map_figure,
    multiples_figure,
    table_columns,
    table_rows,
)
from dashboards.statistics import missing_alert, missing_texts, month_text, programme_frame
from db import queries
from i18n import place_names, t
from models.unemployment import TARGET_GROUPS, area_code, change_against_baseline, own_table, programme_counts

KINDS = ["statfin_12r5", "statfin_12u4"]
PROGRAMME_AREA = "programme"


# --- sections -----------------------------------------------------------------


def choices(chooser: html.Div, lang: str) -> dbc.Row:
    """The programme, target group and month: all groups and the latest month chosen."""
    groups = [{"label": t(f"group.{group}", lang), "value": group} for group in TARGET_GROUPS]
    months = [{"label": month_text(month, lang), "value": month.date().isoformat()} for month in statistics_months()]
    latest = months[-1]["value"] if months else None
    return dbc.Row(
        [
            dbc.Col(chooser, md=5),
            dbc.Col(components.selector(t("labour.group", lang), ids.LABOUR_GROUP, groups, "all"), md=4),
            dbc.Col(components.selector(t("labour.month", lang), ids.LABOUR_MONTH, months, latest), md=3),
        ],
        className="g-3 mb-3",
    )


def map_and_groups(lang: str) -> dbc.Row:
    """The map beside the programme's target groups over time."""
    map_card = components.figure_card(t("labour.map_card", lang), ids.LABOUR_MAP, t("map.credit", lang), lang)
    groups_card = components.figure_card(
        t("labour.groups_card", lang), ids.LABOUR_GROUPS, t("labour.groups_note", lang), lang
    )
    return dbc.Row([dbc.Col(map_card, lg=5), dbc.Col(groups_card, lg=7)])


def table_card(lang: str) -> dbc.Card:
    """The table of every target group, with its exports and its note."""
    title = html.Span(t("labour.table_card", lang), className="fw-semibold")
    header = components.grid_header(title, ids.LABOUR_EXPORT, ids.LABOUR_EXPORT_XLSX, lang)
    grid = components.data_grid(ids.LABOUR_GRID, "tyomarkkinat.csv", lang=lang)
    return dbc.Card(
        [
            dbc.CardHeader(header),
            dbc.CardBody([grid, html.P(id=ids.LABOUR_NOTE, className="small text-muted mt-2 mb-0")]),
        ]
    )


# --- views: db.queries → models → figures -------------------------------------


def empty_view(programme: str | None, lang: str, observations: pd.DataFrame | None = None) -> dict:
    """No figures, and what the programme's members lack (nothing said without a programme)."""
    empty = components.empty_figure(t("labour.no_data", lang))
    missing = []
    if programme:
        codes = list(queries.programme_members(programme)["code"])
        missing = missing_texts(
            programme, codes, lang, observations=pd.DataFrame() if observations is None else observations
        )
    return {
        "groups": empty,
        "multiples": empty,
        "columns": [],
        "rows": [],
        "note": "",
        "missing": missing_alert(missing, ids.LABOUR_MISSING),
    }


@cached
def labour_map_view(programme: str, group: str, month_text_value: str, lang: str) -> dict:
    """What ``show_labour_map`` shows, the same for everyone who may see it until the data changes."""
    baseline_year = int(programme_frame(programme)["baseline_year"])
    month = pd.Timestamp(month_text_value)
    indicator = TARGET_GROUPS[group]
    changes = map_changes(indicator, month, baseline_year)
    return map_figure(changes, indicator, month, baseline_year, municipality_names(lang), lang)


@cached
def labour_market_view(programme: str, group: str, month_text_value: str, lang: str) -> dict:
    """What ``show_labour_market`` shows: the target groups, small multiples, table, its note and missing data."""
    setting = programme_frame(programme)
    baseline_year, name = int(setting["baseline_year"]), str(setting["name"])
    month = pd.Timestamp(month_text_value)
    members = queries.programme_members(programme)
    names = place_names(members["code"], members["name_fi"], members["name_sv"], lang)  # the members' are enough
    member_areas = [area_code(code) for code in members["code"]]
    observations = shown_cells(tuple(sorted([*member_areas, COUNTRY])), baseline_year)
    if observations.empty:
        return empty_view(programme, lang, observations)
    changes = table_and_programme_changes(observations, member_areas, month, baseline_year)
    programme_changes = changes[changes["area"] == PROGRAMME_AREA]
    indicator = TARGET_GROUPS[group]
    missing = missing_texts(programme, list(members["code"]), lang, observations=observations)
    return {
        "groups": groups_figure(programme_changes, name, month, baseline_year, lang),
        "multiples": multiples_figure(observations, member_areas, indicator, month, baseline_year, names, lang),
        "columns": table_columns(month, baseline_year, lang),
        "rows": table_rows(changes, programme_changes, member_areas, name, month, names, lang),
        "note": t("labour.table_note", lang, year=baseline_year),
        "missing": missing_alert(missing, ids.LABOUR_MISSING),
    }


def table_and_programme_changes(
    observations: pd.DataFrame, member_areas: list[str], month: pd.Timestamp, baseline_year: int
) -> pd.DataFrame:
    """Each area's change in ``month`` (the table's), and the programme's (``PROGRAMME_AREA``) in every month.

    Worked out together: one comparison with the baseline instead of two.
    """
    compared = observations[observations["month"].isin([month, month.replace(year=baseline_year)])]
    counts = programme_counts(observations, member_areas, PROGRAMME_AREA)
    cells = pd.concat([compared[counts.columns], counts], ignore_index=True)
    return change_against_baseline(cells, baseline_year)


@cached
def statistics_months() -> list[pd.Timestamp]:
    """The months that have StatFin figures."""
    return queries.statfin_months()


def shown_cells(areas: tuple[str, ...], baseline_year: int) -> pd.DataFrame:
    """The target groups' cells of these areas from the start of the baseline year: all the page shows of them.

    Only when they have none, every indicator's: cells of other indicators
    alone still draw the page's (empty) charts rather than say it has no data.
    """
    cells = areas_over_time(areas, baseline_year, tuple(TARGET_GROUPS.values()))
    return areas_over_time(areas, baseline_year) if cells.empty else cells


@cached
def areas_over_time(
    areas: tuple[str, ...], baseline_year: int, indicators: tuple[str, ...] | None = None
) -> pd.DataFrame:
    """These indicators (default all) of these areas (``KU837``, ``SSS``), every month from the baseline year on."""
    cells = queries.statfin_observations(areas=areas, indicators=indicators, since=dt.date(baseline_year, 1, 1))
    return own_table(cells)


@cached
def map_changes(indicator: str, month: pd.Timestamp, baseline_year: int) -> pd.DataFrame:
    """Every area's change of ``indicator`` in ``month`` against the same month of the baseline year."""
    compared = [month, month.replace(year=baseline_year)]
    observations = own_table(queries.statfin_observations(indicators=[indicator], months=compared))
    return change_against_baseline(observations, baseline_year)


def municipality_names(lang: str) -> dict[str, str]:
    """Code → name in ``lang`` (Swedish where the register has it)."""
    register = queries.municipality_register()
    return place_names(register["code"], register["name_fi"], register["name_sv"], lang)

"""The Comparison page's sections, the views its callbacks show and the group edit (``dashboards.pages.comparison``).

The figures are ``reports.comparison``'s (the pack and ``mittari figures``
show the same), drawn by ``dashboards.figures.comparison``. Each view is
cached: the same for everyone who may see it until the data changes.
"""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from dashboards import chart_text, components, ids
from dashboards.cache import cached
from dashboards.figures.comparison import (
    group_name,
    notes,
    sentence,
    source_card,
    strips_figure,
    table_columns,
    table_rows,
    trend_figure,
)
from dashboards.statistics import month_text
from db import queries, store
from db.engine import transaction
from i18n import t
from models.amounts import cents_to_euros
from models.comparison import INDICATORS, compared_months, statfin_sources
from models.savings import BASELINE_REGIME, MONTH_TOTAL, with_predecessors
from reports import comparison as report

KINDS = ["kela_kuntaosuus", "statfin_12r5", "statfin_12u4", "statfin_11ra"]
WHOLE_YEAR = 0


# --- sections -----------------------------------------------------------------------------------


def choices(chooser: html.Div, slug: str | None, lang: str) -> dbc.Row:
    """The programme, group, year and month: the first group and the latest whole year chosen."""
    groups = group_options(slug, lang) if slug else []
    default_year, default_month = latest_period()
    months = [{"label": t("comparison.whole_year", lang), "value": WHOLE_YEAR}] + [
        {"label": month_name(number, lang), "value": number} for number in range(1, 13)
    ]
    group = components.selector(
        t("comparison.group", lang), ids.COMPARISON_GROUP, groups, groups[0]["value"] if groups else None
    )
    year = components.selector(t("comparison.year", lang), ids.COMPARISON_YEAR, year_options(), default_year)
    month = components.selector(t("comparison.month", lang), ids.COMPARISON_MONTH, months, default_month or WHOLE_YEAR)
    return dbc.Row(
        [dbc.Col(chooser, md=4), dbc.Col(group, md=4), dbc.Col(year, md=2), dbc.Col(month, md=2)],
        className="g-3 mb-3",
    )


def month_name(number: int, lang: str) -> str:
    """A month without its year, as the page writes months: ``6`` in Finnish, ``juni`` in Swedish, ``Jun``.

    >>> month_name(6, "fi"), month_name(6, "en")
    ('6', 'Jun')
    """
    return month_text(pd.Timestamp(2000, number, 1), lang).replace("/2000", "").replace(" 2000", "")


def trend_card(lang: str) -> dbc.Card:
    """The trend's indicator chooser above its small charts."""
    indicators = [{"label": t(f"comparison.indicator.{name}", lang), "value": name} for name in INDICATORS]
    chooser = components.selector(
        t("comparison.trend_indicator", lang), ids.COMPARISON_TREND_INDICATOR, indicators, INDICATORS[0]
    )
    graph = chart_text.chart(dcc.Graph(id=ids.COMPARISON_TREND, config=components.GRAPH_CONFIG), lang)
    return dbc.Card(
        [dbc.CardHeader(t("comparison.trend_card", lang)), dbc.CardBody([chooser, graph])], className="mb-3"
    )


def table_card(lang: str) -> dbc.Card:
    """The table of ranks and percentiles, with its exports."""
    title = html.Span(t("comparison.table_card", lang), className="fw-semibold")
    header = components.grid_header(title, ids.COMPARISON_EXPORT, ids.COMPARISON_EXPORT_XLSX, lang)
    grid = components.data_grid(ids.COMPARISON_GRID, "vertailu.csv", lang=lang)
    return dbc.Card([dbc.CardHeader(header), dbc.CardBody(grid)], className="mb-3")


def group_editor(lang: str) -> dbc.Card:
    """The programme's own groups: a name and municipalities to save, or the chosen group to remove (analysts)."""
    allowed = components.may("import")
    body = [
        html.P(t("comparison.edit.intro", lang), className="small text-muted"),
        None if allowed else components.role_reason("import", lang),
        dbc.Row(
            [dbc.Col(_group_name_input(allowed, lang), md=4), dbc.Col(_group_members_input(allowed, lang), md=8)],
            className="g-3",
        ),
        _group_buttons(allowed, lang),
        html.Div(id=ids.COMPARISON_GROUP_MESSAGE, className="mt-2", role="status"),
    ]
    return dbc.Card([dbc.CardHeader(t("comparison.edit.card", lang)), dbc.CardBody(body)], className="mb-3")


def _group_name_input(allowed: bool, lang: str) -> html.Div:
    label = dbc.Label(t("comparison.edit.name", lang), html_for=ids.COMPARISON_GROUP_NAME, className="fw-semibold mb-1")
    return html.Div([label, dbc.Input(id=ids.COMPARISON_GROUP_NAME, type="text", maxLength=200, disabled=not allowed)])


def _group_members_input(allowed: bool, lang: str) -> html.Div:
    """Every municipality of the register to choose from, named with its code."""
    register = queries.municipality_register()
    options = [
        {"label": f"{name} ({code})", "value": code}
        for code, name in zip(register["code"], register["name_fi"], strict=True)
    ]
    label = dbc.Label(
        t("comparison.edit.members", lang), html_for=ids.COMPARISON_GROUP_MEMBERS, className="fw-semibold mb-1"
    )
    dropdown = dcc.Dropdown(id=ids.COMPARISON_GROUP_MEMBERS, options=options, multi=True, disabled=not allowed)
    return html.Div([label, dropdown])


def _group_buttons(allowed: bool, lang: str) -> html.Div:
    save = dbc.Button(
        t("comparison.edit.save", lang),
        id=ids.COMPARISON_GROUP_SAVE,
        color="primary",
        className="me-2",
        disabled=not allowed,
    )
    remove = dbc.Button(
        t("comparison.edit.remove", lang),
        id=ids.COMPARISON_GROUP_REMOVE,
        color="danger",
        outline=True,
        disabled=not allowed,
    )
    return html.Div([save, remove], className="mt-2")


def group_options(slug: str, lang: str) -> list[dict]:
    """The groups a programme may compare with, named (the register's in the catalogue) with their size."""
    groups = report.groups_of(slug)
    return [
        {"label": f"{group_name(row, lang)} ({len(row['members'])})", "value": int(row["group_id"])}
        for row in groups.to_dict("records")
    ]


def chosen_group(options: list[dict], chosen: int | str | None) -> str | None:
    """The chosen group while it is among ``options`` (as text: a native select gives its value so), else the first.

    >>> chosen_group([{"value": 3}, {"value": 5}], 5), chosen_group([{"value": 3}], "9"), chosen_group([], 1)
    ('5', '3', None)
    """
    values = [str(option["value"]) for option in options]
    return str(chosen) if str(chosen) in values else (values[0] if values else None)


@cached
def latest_period() -> tuple[int | None, int | None]:
    """The latest whole year of Kela's month totals (else the latest month): the page's first choice."""
    return report.default_period()


@cached
def year_options() -> list[dict]:
    """The years with Kela month totals, newest first."""
    years = sorted({month.year for month in queries.kela_total_months(BASELINE_REGIME)}, reverse=True)
    return [{"label": str(year), "value": year} for year in years]


# --- views: reports.comparison (db → models) → figures ----------------------------------------


@cached
def comparison_data(programme: str, group: int, year: int, month: int, lang: str) -> dict:
    """The group's figures (``reports.comparison``, no national ranks) as JSON, kept until the data changes."""
    return report.comparison(
        programme, group, year, month or None, national=False, with_trend=False, lang=lang
    ).as_json()


@cached
def national_frame(year: int, month: int, baseline_year: int) -> object:
    """Every municipality's figures in the period: the national ranks' ground, shared by every programme and group."""
    return report.national_values(year, month or None, baseline_year)


@cached
def ranked_data(programme: str, group: int, year: int, month: int, baseline_year: int, lang: str) -> dict:
    """The group's figures with the national ranks (``reports.comparison``, what the pack and the CLI show)."""
    everyone = national_frame(year, month, baseline_year)
    return report.comparison(
        programme, group, year, month or None, national=everyone, with_trend=False, lang=lang
    ).as_json()


@cached
def trend_data(programme: str, group: int, year: int, month: int, lang: str) -> list[dict]:
    """``reports.comparison.trend``: every indicator year by year, drawn after the main figures."""
    return report.trend(programme, group, year, month or None, lang=lang)


@cached
def comparison_view(programme: str, group: int, year: int, month: int, lang: str) -> tuple:
    """The notes, the strips and the view (programme, group, period, baseline year) the later callbacks follow."""
    try:
        data = comparison_data(programme, group, year, month, lang)
    except report.UnknownGroup:
        return t("comparison.no_group", lang), components.empty_figure(t("comparison.no_group", lang)), None
    view = {
        "programme": programme,
        "group": group,
        "year": year,
        "month": month,
        "baseline_year": data["baseline_year"],
    }
    return notes(data, lang), strips_figure(data, lang), view


@cached
def ranks_view(programme: str, group: int, year: int, month: int, baseline_year: int, lang: str) -> tuple:
    """The sentence, the table's columns and its rows, with the national ranks."""
    try:
        data = ranked_data(programme, int(group), int(year), int(month or 0), int(baseline_year), lang)
    except (report.UnknownGroup, TypeError, ValueError):
        return t("comparison.no_group", lang), [], []
    return sentence(data, lang), table_columns(data, lang), table_rows(data, lang)


def trend_view(view: dict, indicator: str, lang: str) -> dict:
    """The chosen indicator year by year since the baseline year for the view's group and period."""
    try:
        data = comparison_data(view["programme"], int(view["group"]), int(view["year"]), int(view["month"] or 0), lang)
    except (report.UnknownGroup, TypeError, ValueError, KeyError):
        return components.empty_figure(t("comparison.no_group", lang))
    trend = trend_data(view["programme"], view["group"], view["year"], view["month"], lang)
    return trend_figure({**data, "trend": trend}, indicator, lang)


# --- a click → the rows its figure comes from -----------------------------------------------------


def clicked_figure(
    trigger: str | None, strip: dict | None, trend: dict | None, cell: dict | None, rows: list[dict] | None
) -> tuple[str, str, int | None] | None:
    """(municipality, indicator, year or None) of the clicked dot, small chart point or table row.

    >>> clicked_figure(ids.COMPARISON_STRIPS, {"points": [{"customdata": ["837", "activation_rate", 2019]}]},
    ...     None, None, None)
    ('837', 'activation_rate', 2019)
    """
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


def source_panel(code: str, indicator: str, year: int, month: int, baseline_year: int, lang: str) -> dbc.Card:
    """The rows one municipality's figure comes from in the chosen period and the baseline's same months."""
    rows = source_rows(code, indicator, int(year), int(month or 0), int(baseline_year), lang)
    register = queries.municipality_register()
    name = dict(zip(register["code"], register["name_fi"], strict=True)).get(code, code)
    return source_card(rows, name, indicator, year, lang)


@cached
def source_rows(code: str, indicator: str, year: int, month: int, baseline_year: int, lang: str) -> list[dict]:
    """Kela's month totals (with the Kela files), StatFin's cells (file and row) and the population of the figure."""
    months = compared_months(year, month, baseline_year)
    areas = with_predecessors([code], queries.municipality_mergers())
    files = _files()
    rows: list[dict] = []
    if indicator.startswith("kuntaosuus"):
        rows += _kela_rows(areas, months, files, lang)
    wanted = statfin_sources(indicator)
    if wanted:
        cells = queries.statfin_observations(areas=[f"KU{area}" for area in areas], indicators=wanted, months=months)
        rows += [_statfin_row(r, files) for r in cells.to_dict("records")]
    if indicator == "kuntaosuus_per_resident":
        rows += _population_rows(areas, (year, baseline_year), files)
    return rows


def _kela_rows(areas: list[str], months: list[pd.Timestamp], files: dict[int, tuple[str, str]], lang: str) -> list:
    """Kela's month totals of kuntaosuus (euros), named by every Kela file imported."""
    kela = queries.kela_area_totals(BASELINE_REGIME, areas=areas, months=months, **MONTH_TOTAL)
    kela_files = ", ".join(name for kind, name in files.values() if kind.startswith("kela")) or "Kela"
    return [
        {
            "file": kela_files,
            "row": t("comparison.source.cells", lang, cells=int(r["cells"])),
            "area": r["area_code"],
            "month": r["month"].strftime("%Y-%m"),
            "what": "kunta_osuus_eur",
            "value": "" if pd.isna(r["kuntaosuus_cents"]) else f"{cents_to_euros(r['kuntaosuus_cents']):.2f}",
        }
        for r in kela.to_dict("records")
    ]


def _statfin_row(r: dict, files: dict[int, tuple[str, str]]) -> dict:
    """One StatFin cell: its file and row, and its value with its status (``12.3 (..)``)."""
    return {
        "file": files.get(int(r["version_id"]), ("", ""))[1],
        "row": int(r["source_row"]),
        "area": r["area_code"],
        "month": r["month"].strftime("%Y-%m"),
        "what": f"{r['table_id']} {r['indicator']}",
        "value": "" if pd.isna(r["value"]) else f"{r['value']:g}{' (' + r['status'] + ')' if r['status'] else ''}",
    }


def _population_rows(areas: list[str], years: tuple[int, int], files: dict[int, tuple[str, str]]) -> list[dict]:
    """StatFin's year-end population of the period's and the baseline's years, and the register's population."""
    people = queries.statfin_observations(
        queries.POPULATION_TABLE, areas=[f"KU{a}" for a in areas], indicators=[queries.POPULATION]
    )
    people = people[people["month"].dt.year.isin(list(years))]
    rows = [
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
    return rows + [
        {
            "file": "municipalities.csv",
            "row": "",
            "area": r["code"],
            "month": str(report.REGISTER_POPULATION_YEAR),
            "what": "population",
            "value": "" if pd.isna(r["population"]) else str(int(r["population"])),
        }
        for r in found.to_dict("records")
    ]


def _files() -> dict[int, tuple[str, str]]:
    versions = queries.import_versions(kinds=["kela_kuntaosuus", *KINDS])
    return {
        int(v): (str(k), str(f))
        for v, k, f in zip(versions["version"], versions["kind"], versions["file_name"], strict=True)
    }


# --- the programme's own groups -----------------------------------------------------------------


def change_group(
    programme: str,
    removing: bool,
    name: str | None,
    members: list[str] | None,
    chosen: object,
    username: str,
    lang: str,
) -> dbc.Alert:
    """Save the programme's group (name and members) or remove the chosen one; the store records it in the audit log."""
    if removing:
        groups = report.groups_of(programme)
        found = groups[groups["group_id"].astype(str) == str(chosen)]
        name = str(found["name"].iloc[0]) if len(found) else ""
    try:
        with transaction() as session:
            owner = store.programme_by_slug(session, programme)
            if removing:
                store.remove_comparison_group(session, owner, name, username)
            else:
                store.save_comparison_group(session, owner, name or "", list(members or []), username)
    except store.GroupError as error:
        told = {"name": name or "", **error.fields}
        return dbc.Alert(t(f"comparison.edit.{error.reason}", lang, **told), color="warning", className="py-2")
    saved = "comparison.edit.removed" if removing else "comparison.edit.saved"
    return dbc.Alert(t(saved, lang, name=name), color="success", className="py-2")

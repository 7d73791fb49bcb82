"""The Overview's cards: a programme's figures (``Cockpit``), computed where every page reads them, and its card.

The savings target's status with its reason (``dashboards.target``), the
saving to date against the target, toimintakate to date against the plan and
the interim actuals (the quarterly pack's own functions, ``reports.quarterly``),
the very high risks and their movement, the next deadline and the saving's
trend. Every number links to the page it comes from and, where the cell is
known, names its source.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from dashboards import chart_text, components, ids, target
from dashboards.cache import cached, plain
from dashboards.statistics import (
    as_date,
    euro_array,
    euro_chart,
    kela_missing,
    line_trace,
    missing_alert,
    month_text,
    programme_setting,
    status_badge,
)
from db import queries
from i18n import format_date, money_text, place_names, t
from models.forecast import Outlook
from models.quarters import Quarter, quarter_months, quarter_of
from models.risks import next_posts_ending
from reports import quarterly

TREND_HEIGHT = 140
TREND_COLOUR = "#1f4e79"


# --- the figures of one card: each computed where every page reads it ---------------------------


class BudgetToDate(NamedTuple):
    """One budget's toimintakate to the end of ``quarter`` (cents): plan, interim actual, their difference."""

    budget: str
    quarter: Quarter | None
    plan: int | None
    actual: int | None
    deviation: int | None
    forecast: int | None
    source: dict | None


class Cockpit(NamedTuple):
    """What a programme's card shows, as numbers (the card turns them into words and links)."""

    slug: str
    name: str
    setting: dict
    codes: list[str]
    seen: Outlook | None
    quarter: Quarter
    savings: dict
    budgets: list[BudgetToDate]
    risks: list[dict]
    posts_ending: tuple[dt.date, int] | None
    target_date: dt.date | None
    trend: pd.DataFrame
    memberships: pd.DataFrame


def cockpit_figures(slug: str) -> Cockpit:
    """The programme at its default month (the latest of data, at most the target month)."""
    sources = quarterly.Sources(slug)
    setting = programme_setting(sources.programme)
    codes = sources.members
    series = sources.combined  # the members' monthly kuntaosuus on today's boundaries (``target.kuntaosuus_series``)
    as_of = target.default_month(series, setting)
    seen = None if as_of is None else target.target_outlook(series, setting, as_of)
    quarter = quarter_of(as_of.date()) if as_of is not None else fallback_quarter(sources.programme)
    trend = target.cumulative_savings(series, setting, as_of) if as_of is not None else pd.DataFrame()
    return Cockpit(
        slug=slug,
        name=str(setting["name"]),
        setting=setting,
        codes=codes,
        seen=seen,
        quarter=quarter,
        savings=quarterly.savings_to_date(sources, quarter),
        budgets=budgets_to_date(sources, quarter),
        risks=[row for row in quarterly.risk_rows(sources, quarter) if row["level"] == "very_high"],
        posts_ending=next_posts_ending(sources.staff, quarter_months(quarter)[0]) if len(sources.staff) else None,
        target_date=as_date(sources.programme.get("target_date")),
        trend=trend,
        memberships=sources.memberships,
    )


def fallback_quarter(programme: dict) -> Quarter:
    """Without kuntaosuus data: the quarter of the programme's end, or of today if it runs on."""
    end = as_date(programme.get("end_date"))
    return quarter_of(min(end, dt.date.today()) if end else dt.date.today())


def budgets_to_date(sources: quarterly.Sources, quarter: Quarter) -> list[BudgetToDate]:
    """Each budget's toimintakate to date (``budget_to_date``), in the order of the budgets' lines."""
    cells = plan_cells(sources.lines)
    return [budget_to_date(sources, name, quarter, cells) for name in dict.fromkeys(sources.lines["budget"].tolist())]


def budget_to_date(
    sources: quarterly.Sources, budget: str, quarter: Quarter, cells: dict[tuple[str, int, str], dict]
) -> BudgetToDate:
    """The pack's toimintakate to date; for a budget without a plan in the quarter's year, its latest planned year.
    ``cells``: where each toimintakate line comes from (``plan_cells``)."""
    years = [year for year in quarterly.planned_years(sources, budget) if year <= quarter.year]
    shown = quarter if years and years[-1] == quarter.year else Quarter(years[-1], 4) if years else None
    if shown is None:
        return BudgetToDate(budget, None, None, None, None, None, None)
    figures = quarterly.toimintakate_to_date(sources, budget, shown)
    return BudgetToDate(
        budget,
        shown,
        figures["plan"],
        figures["actual"],
        figures["deviation"],
        quarterly.forecast_for_year(sources, budget, shown.year),
        plan_cell(cells, budget, shown.year),
    )


def plan_cells(lines: pd.DataFrame) -> dict[tuple[str, int, str], dict]:
    """(budget, year, scenario) → the file, sheet and cell of its first toimintakate line: one pass over the lines
    in plain Python (a few hundred lines, where filtering the frame for each budget cost more than the work).

    >>> lines = pd.DataFrame({"budget": ["B", "B", "B"], "year": [2018] * 3, "scenario": ["budget"] * 3,
    ...     "category": ["toimintakulut", "toimintakate", "toimintakate"], "source_file": ["b.xlsx"] * 3,
    ...     "source_sheet": ["TA"] * 3, "source_cell": ["F17", "F18", "F30"]})
    >>> plan_cells(lines)
    {('B', 2018, 'budget'): {'file': 'b.xlsx', 'sheet': 'TA', 'cell': 'F18'}}
    """
    columns = ("budget", "year", "scenario", "category", "source_file", "source_sheet", "source_cell")
    found: dict[tuple[str, int, str], dict] = {}
    for budget, year, scenario, category, file, sheet, cell in zip(*(lines[c].tolist() for c in columns), strict=True):
        if category == "toimintakate":
            found.setdefault((budget, year, scenario), {"file": file, "sheet": sheet, "cell": cell})
    return found


def plan_cell(cells: dict[tuple[str, int, str], dict], budget: str, year: int) -> dict | None:
    """The file, sheet and cell of the year's plan's toimintakate line (revised budget, else budget).

    >>> cells = {("B", 2018, "budget"): {"cell": "F18"}, ("B", 2018, "revised_budget"): {"cell": "G18"}}
    >>> plan_cell(cells, "B", 2018), plan_cell(cells, "B", 2019)
    ({'cell': 'G18'}, None)
    """
    found = (cells.get((budget, year, plan)) for plan in quarterly.PLANS)
    return next((cell for cell in found if cell is not None), None)


# --- the card ---------------------------------------------------------------------------------


def programme_card(cockpit: Cockpit, lang: str) -> html.Div:
    """A programme's card: its status, saving, budgets, risks, deadlines, trend and members."""
    header = [status_badge(cockpit.seen.status if cockpit.seen else "no_data", lang)]
    header.append(html.H2(cockpit.name, className="h6 mb-0 d-inline"))
    body = [
        status_section(cockpit, lang),
        savings_section(cockpit, lang),
        budget_section(cockpit, lang),
        dbc.Row(
            [dbc.Col(risks_section(cockpit, lang), md=6), dbc.Col(deadline_section(cockpit, lang), md=6)],
            className="g-2",
        ),
        trend_graph(cockpit, lang),
        membership(cockpit.memberships, lang),
    ]
    card = dbc.Card([dbc.CardHeader(header), dbc.CardBody(body, className="py-2 small")], className="h-100 shadow-sm")
    return html.Div(card, className="h-100 overview-card", **{"data-programme": cockpit.slug})


def status_section(cockpit: Cockpit, lang: str) -> html.Div:
    """The reason for the status, as Benefits words it; what is missing when it cannot be assessed."""
    if cockpit.seen is None:
        texts = kela_missing(cockpit.slug, cockpit.codes, lang) or [t("benefits.no_data", lang)]
        return missing_alert(texts, f"{ids.OVERVIEW_MISSING}-{cockpit.slug}")
    reason = target.status_reason(cockpit.seen, cockpit.setting["baseline_year"], cockpit.name, lang)
    more = link(
        t("overview.to_benefits", lang), page_link("/hyodyt", cockpit.slug, lang), t("overview.source_benefits", lang)
    )
    return html.P([html.Span(reason), " ", more], className="mb-2 overview-reason")


def savings_section(cockpit: Cockpit, lang: str) -> html.Div:
    """The saving from 1 January to the quarter's end (the pack's year to date) and the target."""
    href = page_link("/hyodyt", cockpit.slug, lang)
    period = quarter_period(cockpit.quarter, lang)
    title = html.Span(t("overview.savings_title", lang, period=period), className="fw-semibold me-1")
    if cockpit.savings["savings"] is None:
        return html.Div([title, t("overview.savings_none", lang)], className="mb-2 overview-savings")
    saving = money_text(cockpit.savings["savings"], lang)
    pct = components.percent_text(cockpit.savings["savings_pct"], lang)
    files = kela_files(lang)
    parts = [title, link(f"{saving} ({pct})", href, files)]
    if cockpit.seen is not None:
        texts = target.target_texts(cockpit.seen, lang)
        window = target.target_window(cockpit.seen, lang)
        parts.append(html.Span(" · " + t("overview.target_of", lang, window=window) + " ", className="ms-1"))
        parts.append(link(f"{texts['target']} ({texts['target_pct']})", href, files))
    return html.Div(parts, className="mb-2 overview-savings")


def budget_section(cockpit: Cockpit, lang: str) -> html.Div:
    """Toimintakate to date per budget: plan, actual and their difference, each linking to its page."""
    headers = [t("col.budget", lang)] + [t(f"overview.col.{name}", lang) for name in ("plan", "actual", "deviation")]
    rows = [budget_row(row, cockpit.slug, lang) for row in cockpit.budgets]
    if not rows:
        return html.P(t("overview.no_budgets", lang), className="text-muted")
    notes = [budget_note(row, lang) for row in cockpit.budgets]
    return html.Div(
        [
            html.Div(t("overview.budget_title", lang), className="fw-semibold"),
            components.simple_table(headers, rows, numeric_from=1),
            *[html.Div(note, className="text-muted mb-1") for note in notes if note],
        ],
        className="overview-budget",
    )


def budget_row(row: BudgetToDate, slug: str, lang: str) -> list:
    name = [row.budget]
    if row.quarter is not None:
        name.append(html.Span(f" {quarter_period(row.quarter, lang)}", className="text-muted text-nowrap"))
    source = source_text(row.source, lang) if row.source else t("overview.source_unknown", lang)
    interim = t("overview.source_interim", lang, quarter=str(row.quarter)) if row.quarter else ""
    pack = page_link("/neljannes", slug, lang, quarter=str(row.quarter))  # the actual and its deviation
    return [
        name,
        amount_cell(row.plan, page_link("/budget", slug, lang), source, lang),
        amount_cell(row.actual, pack, interim, lang),
        amount_cell(row.deviation, pack, interim, lang),
    ]


def budget_note(row: BudgetToDate, lang: str) -> str:
    """What is missing for a budget, in words; the forecast when there is one (the plan's source is its title)."""
    if row.quarter is None:
        return t("overview.budget_no_plan", lang, budget=row.budget)
    notes = []
    if row.actual is None:
        notes.append(t("overview.budget_no_actual", lang, budget=row.budget, quarter=str(row.quarter)))
    if row.forecast is not None:
        forecast = money_text(row.forecast, lang, whole=True)  # a forecast: whole euros
        notes.append(t("overview.budget_forecast", lang, budget=row.budget, year=row.quarter.year, amount=forecast))
    return " ".join(notes)


def quarter_period(quarter: Quarter, lang: str) -> str:
    """``1–12/2018`` (the year to the quarter's end)."""
    return t("overview.to_date", lang, month=month_text(quarter_months(quarter)[-1], lang))


def risks_section(cockpit: Cockpit, lang: str) -> html.Div:
    """The very high risks of the quarter with their movement since the previous assessment."""
    href = page_link("/riskit", cockpit.slug, lang)
    title = html.Div(t("overview.risks_title", lang, quarter=str(cockpit.quarter)), className="fw-semibold")
    if not cockpit.risks:
        return html.Div([title, html.Div(t("overview.risks_none", lang))], className="overview-risks")
    items = [
        html.Li(
            [
                link(f"{row['code']} ({row['score']})", href, t("overview.source_risks", lang)),
                f" {row['title']} ",
                html.Span(t(f"risk.movement.{row['movement']}", lang), className="text-nowrap fw-semibold"),
            ]
        )
        for row in cockpit.risks
    ]
    return html.Div([title, html.Ul(items, className="ps-3 mb-1")], className="overview-risks")


def deadline_section(cockpit: Cockpit, lang: str) -> html.Div:
    """The next fixed-term posts to end and the target date."""
    href = page_link("/suunnitelma", cockpit.slug, lang)
    items = []
    if cockpit.posts_ending:
        day, count = cockpit.posts_ending
        text = t("overview.posts_ending", lang, date=format_date(day, lang), count=count)
        items.append(html.Li(link(text, href, t("overview.source_plan", lang))))
    if cockpit.target_date:
        text = t("overview.target_date", lang, date=format_date(cockpit.target_date, lang))
        items.append(html.Li(link(text, page_link("/hyodyt", cockpit.slug, lang), t("overview.source_target", lang))))
    title = html.Div(t("overview.deadlines_title", lang), className="fw-semibold")
    return html.Div([title, html.Ul(items, className="ps-3 mb-1")], className="overview-deadlines")


def trend_graph(cockpit: Cockpit, lang: str) -> html.Div | None:
    """The saving accumulated month by month since the programme's start, in euros."""
    if cockpit.trend.empty:
        return None
    figure = trend_figure(cockpit.trend, lang)
    graph = dcc.Graph(
        id={"type": ids.OVERVIEW_TREND, "programme": cockpit.slug},
        figure=plain(figure),
        config={"displayModeBar": False, "responsive": True},
        style={"height": f"{TREND_HEIGHT}px"},
    )
    name = f"{ids.OVERVIEW_TREND}-{cockpit.slug}"
    return html.Div(chart_text.chart(graph, lang, figure, name), className="overview-trend")


def trend_figure(trend: pd.DataFrame, lang: str) -> dict:
    """The small line of the saving to date (``month, cumulative_cents``), titled with its months: a plain figure
    dict, the JSON ``go.Scatter`` with ``figure_layout`` and the card's smaller type gave."""
    saving = line_trace(
        trend["month"], euro_array(trend["cumulative_cents"]), t("benefits.trace.saving", lang),
        {"color": TREND_COLOUR, "width": 2},
    )  # fmt: skip
    first, last = trend["month"].iloc[0], trend["month"].iloc[-1]
    title = t("overview.trend_title", lang, start=month_text(first, lang), end=month_text(last, lang))
    figure = euro_chart([saving], title, lang, height=TREND_HEIGHT)
    layout = figure["layout"]
    layout["title"]["font"] = {"size": 12}
    layout.update(showlegend=False, margin={"l": 10, "r": 10, "t": 30, "b": 20}, font={"size": 11})
    return figure


def membership(members: pd.DataFrame, lang: str) -> html.Details:
    """Member municipalities (``queries.programme_members``), folded; memberships that are assumptions are marked
    and explained."""
    codes, names_fi, names_sv = (members[column].tolist() for column in ("code", "name_fi", "name_sv"))
    assumptions = [bool(flag) for flag in members["is_assumption"].tolist()]
    names = [
        f"{name}*" if is_assumption else name
        for name, is_assumption in zip(place_names(codes, names_fi, names_sv, lang).values(), assumptions)
    ]
    assumed = sum(assumptions)
    heading = t("overview.members" if len(codes) != 1 else "overview.member", lang, count=len(codes))
    if assumed:
        heading += " " + t("overview.members_assumed", lang, count=assumed)
    parts = [html.Summary(heading), html.Div(", ".join(names))]
    if assumed:
        noted = zip(members["note"].tolist(), assumptions, strict=True)
        notes = dict.fromkeys(note for note, is_assumption in noted if is_assumption and isinstance(note, str))
        parts.append(html.Div("* " + " ".join([t("overview.assumption", lang), *notes]), className="text-muted"))
    return html.Details(parts, className="mt-1 overview-members")


# --- links and sources ------------------------------------------------------------------------


def page_link(path: str, slug: str, lang: str, **query: str) -> str:
    """The page a figure comes from, with the programme (and e.g. the quarter) chosen."""
    search = "?" + "&".join(f"{key}={value}" for key, value in {"programme": slug, **query}.items())
    return components.page_href(path, lang, search)


def link(text: str, href: str, source: str) -> html.A:
    """A figure that opens its page; hovering tells where it comes from."""
    return html.A(text, href=href, title=source, className="overview-figure")


def amount_cell(cents: int | None, href: str, source: str, lang: str) -> html.Td:
    text = "–" if cents is None else money_text(cents, lang)
    content = link(text, href, source) if cents is not None else text
    return html.Td(content, className="text-end text-nowrap")


def source_text(source: dict, lang: str) -> str:
    """``lähde: file, sheet, cell F18`` (the sheet left out when it is the file itself, as in a CSV)."""
    place = source["file"] if source["sheet"] in (None, source["file"]) else f"{source['file']}, {source['sheet']}"
    return t("overview.source", lang, place=place, cell=source["cell"])


@cached
def kela_files(lang: str) -> str:
    """Which Kela files the kuntaosuus comes from (the same for every card: read once a request)."""
    files = ", ".join(queries.imported_files("kela_kuntaosuus"))
    return t("overview.source_kela", lang, files=files or "–")

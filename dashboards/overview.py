"""Overview: each programme's budgets year by year, plan against outcome, and its target."""

from __future__ import annotations

import datetime as dt

import dash
import dash_bootstrap_components as dbc
import pandas as pd
from dash import Input, Output, callback, html

from auth.guard import guarded
from dashboards import components, ids
from dashboards.cache import cached
from db import queries
from i18n import format_date, t
from models.budget import toimintakate
from models.figures import plan_against_outcome

dash.register_page(
    __name__,
    path="/",
    name="overview",
    title=f"{t('nav.overview')} – {t('app.title')}",
    nav_key="nav.overview",
    order=0,
)

AMOUNT_COLUMNS = ("toimintatuotot", "toimintakulut", "toimintakate")


def layout(lang: str = "fi", **_query: str) -> html.Div:
    return html.Div(
        [
            components.lang_store(ids.OVERVIEW_LANG, lang),
            components.page_heading(t("overview.title", lang), t("overview.intro", lang)),
            html.Div(id=ids.OVERVIEW_PROGRAMMES),
        ]
    )


@callback(Output(ids.OVERVIEW_PROGRAMMES, "children"), Input(ids.OVERVIEW_LANG, "data"))
@guarded("read")
def show_programmes(lang: str) -> list:
    """One card per programme, with the current lines of its budgets."""
    programmes = components.visible_programmes()
    if programmes.empty:
        return [dbc.Alert(t("overview.no_programmes", lang), color="info")]
    return [programme_view(slug, lang) for slug in programmes["slug"]]


@cached
def programme_view(slug: str, lang: str) -> dbc.Card:
    """One programme's card, the same for everyone who may see the programme until the data changes."""
    programmes = queries.programmes()
    programme = programmes[programmes["slug"] == slug].to_dict("records")[0]
    return programme_card(programme, queries.current_budget_lines(programme=slug), lang)


# --- plan against outcome -------------------------------------------------


# --- cards ----------------------------------------------------------------


def programme_card(programme: dict, lines: pd.DataFrame, lang: str) -> dbc.Card:
    budgets = list(dict.fromkeys(lines["budget"]))
    body = [programme_facts(programme, lang), membership(programme["slug"], lang)]
    body += [budget_section(name, lines[lines["budget"] == name], lang) for name in budgets]
    if not budgets:
        body.append(html.P(t("overview.no_budgets", lang), className="text-muted"))
    return dbc.Card(
        [dbc.CardHeader(html.H2(programme["name"], className="h5 mb-0")), dbc.CardBody(body)],
        className="mb-4 shadow-sm",
    )


def programme_facts(programme: dict, lang: str) -> html.Ul:
    facts = [t("overview.baseline", lang, year=int(programme["baseline_year"]))]
    if programme.get("start_date") and programme.get("end_date"):
        facts.append(
            t(
                "overview.period",
                lang,
                start=_date(programme["start_date"], lang),
                end=_date(programme["end_date"], lang),
            )
        )
    target = components.percent_text(-float(programme["savings_target_pct"]), lang, 0)
    if programme.get("target_date"):
        when = _date(programme["target_date"], lang)
        facts.append(t("overview.target", lang, pct=target, date=when))
    else:
        facts.append(t("overview.target_undated", lang, pct=target))
    return html.Ul([html.Li(fact) for fact in facts], className="list-unstyled mb-2")


def membership(slug: str, lang: str) -> html.Div:
    """Member municipalities; memberships that are assumptions are marked and explained."""
    members = queries.programme_members(slug)
    assumed = members[members["is_assumption"].astype(bool)]
    names = [
        f"{name}*" if is_assumption else name
        for name, is_assumption in zip(members["name_fi"], members["is_assumption"].astype(bool))
    ]
    heading = t("overview.members" if len(members) != 1 else "overview.member", lang, count=len(members))
    if len(assumed):
        heading += " " + t("overview.members_assumed", lang, count=len(assumed))
    parts = [html.Div(heading, className="fw-semibold"), html.Div(", ".join(names))]
    notes = list(dict.fromkeys(note for note in assumed["note"] if isinstance(note, str)))
    if len(assumed):
        parts.append(
            html.Div(
                "* " + " ".join([t("overview.assumption", lang), *notes]),
                className="text-muted small",
            )
        )
    return html.Div(parts, className="mb-3")


def budget_section(name: str, lines: pd.DataFrame, lang: str) -> html.Div:
    totals = toimintakate(lines)
    return html.Div(
        [
            html.H3(name, className="h6 fw-semibold mt-3"),
            totals_table(totals, lang),
            comparison(plan_against_outcome(totals), lang),
        ]
    )


def totals_table(totals: pd.DataFrame, lang: str) -> dbc.Table:
    headers = [t("col.year", lang), t("col.scenario", lang)]
    headers += [f"{t(f'jhs.{column}', lang)}, €" for column in AMOUNT_COLUMNS]
    rows = [
        [
            str(int(row["year"])),
            t(f"scenario.{row['scenario']}", lang),
            *(components.money_cell(int(row[column]), lang) for column in AMOUNT_COLUMNS),
        ]
        for row in totals.to_dict("records")
    ]
    return components.simple_table(headers, rows, numeric_from=2)


def comparison(differences: pd.DataFrame, lang: str) -> html.Div:
    title = html.Div(t("overview.comparison_title", lang), className="small fw-semibold")
    if differences.empty:
        return html.Div([title, html.P(t("overview.comparison_none", lang), className="small text-muted")])
    headers = [t("col.year", lang), t("col.comparison", lang), t("col.difference", lang), "%"]
    rows = [
        [
            str(row["year"]),
            t(
                "overview.outcome_vs_plan",
                lang,
                outcome=t(f"scenario.{row['outcome']}", lang),
                plan=t(f"scenario.{row['plan']}", lang),
            ),
            components.money_text(row["difference"], lang),
            "" if pd.isna(row["pct"]) else components.percent_text(row["pct"], lang),
        ]
        for row in differences.to_dict("records")
    ]
    return html.Div([title, components.simple_table(headers, rows, numeric_from=2)])


def _date(value: dt.date | str, lang: str) -> str:
    return format_date(dt.date.fromisoformat(str(value)), lang)

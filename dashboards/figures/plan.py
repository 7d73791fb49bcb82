"""The Programme plan's sections: measures against their caps, staffing, strategy metrics, scenarios.

Figures the sample invents are marked with * (their ``source`` says
"invented"); the rest come from the seed documents. A strategy metric the data
measure (the kuntaosuus saving) is computed by the same function as the
Benefits page's status (``dashboards.target``), never typed; the others are
marked as typed.
"""

from __future__ import annotations

import datetime as dt

import dash_bootstrap_components as dbc
import pandas as pd
from dash import html

from dashboards import components, target
from dashboards.statistics import month_text
from db import plans
from i18n import format_date, format_number, t
from models.amounts import CENTS_PER_EURO
from models.risks import share_pct
from reports.text import format_value, source_citation

PERSPECTIVES = ("client", "process", "finance", "staff")
STAFF_GROUPS = ("client_service", "support", "management")


def _invented(source: object) -> str:
    return "*" if isinstance(source, str) and "invented" in source else ""


def plan_sections(slug: str, lang: str) -> list:
    """The programme's measures, staffing, strategy metrics (computed ones from the data) and scenarios."""
    return [
        measures_section(plans.measures(slug), plans.measure_spending(slug), lang),
        staffing_section(plans.staff_posts(slug), lang),
        metrics_section(with_computed_values(slug, plans.strategy_metrics(slug)), lang),
        scenarios_section(plans.plan_scenarios(slug), lang),
        html.P(t("plan.invented_note", lang), className="text-muted small mt-3"),
    ]


def measures_section(measures: pd.DataFrame, spending: pd.DataFrame, lang: str) -> html.Div:
    """The measures against their caps, with the notes on the caps."""
    headers = [t(f"pack.col.{c}", lang) for c in ("measure", "owner")]
    headers += [t("plan.budget_line", lang)] + [t(f"pack.col.{c}", lang) for c in ("cap", "spent", "spent_pct")]
    rows = [measure_row(measure, spending, lang) for measure in measures.to_dict("records")]
    notes = [html.P(n, className="small text-muted mb-1") for n in measures["cap_note"] if isinstance(n, str)]
    return html.Div(
        [html.H2(t("plan.measures", lang), className="h5"), components.simple_table(headers, rows, 3), *notes],
        className="mb-4",
    )


def measure_row(measure: dict, spending: pd.DataFrame, lang: str) -> list[str]:
    """A measure: its owner, budget line, cap, the latest quarter's spending and its share of the cap."""
    spent = spending[spending["measure_id"] == measure["id"]].sort_values("quarter")
    spent_cents = int(spent["spent_cents"].iloc[-1]) if not spent.empty else None
    as_of = f" ({spent['quarter'].iloc[-1]})" if not spent.empty else ""
    cap = None if pd.isna(measure["cap_cents"]) else int(measure["cap_cents"])
    line = " / ".join(str(v) for v in (measure["budget"], measure["budget_line"]) if isinstance(v, str))
    return [
        measure["name"] + _invented(measure["source"]),
        measure["owner"] or "",
        line,
        format_value(cap, "cents", lang),
        format_value(spent_cents, "cents", lang) + as_of,
        format_value(share_pct(spent_cents, cap), "pct", lang),
    ]


def staffing_section(posts: pd.DataFrame, lang: str) -> html.Div:
    """The posts by staff group, and how many of them are fixed-term and when they end."""
    headers = [t("plan.staff_group", lang), t("plan.post", lang), t("plan.count", lang), t("plan.fixed_term_end", lang)]
    rows = [
        staff_row(group, post, lang)
        for group in STAFF_GROUPS
        for post in posts[posts["staff_group"] == group].to_dict("records")
    ]
    return html.Div(
        [
            html.H2(t("plan.staffing", lang), className="h5"),
            html.P(staff_summary(posts, lang), className="fw-semibold"),
            components.simple_table(headers, rows, 2),
        ],
        className="mb-4",
    )


def staff_row(group: str, post: dict, lang: str) -> list[str]:
    """A post: its group, title, count and the end of its fixed term (or permanent)."""
    end = post["fixed_term_end"]
    return [
        t(f"plan.group.{group}", lang),
        post["title"] + _invented(post["source"]),
        format_number(int(post["count"]), lang),
        format_date(_date(end), lang) if isinstance(end, dt.date | str) and end else t("plan.permanent", lang),
    ]


def staff_summary(posts: pd.DataFrame, lang: str) -> str:
    """``N posts, of which M fixed-term:`` and how many end on which day."""
    total = int(posts["count"].sum()) if not posts.empty else 0
    fixed = posts[posts["fixed_term_end"].notna()] if not posts.empty else posts
    endings = ", ".join(
        t("plan.ending_on", lang, count=int(group["count"].sum()), date=format_date(_date(end), lang))
        for end, group in fixed.groupby("fixed_term_end")
    )
    summary = t("plan.staff_total", lang, total=total, fixed=int(fixed["count"].sum()) if len(fixed) else 0)
    return f"{summary} {endings}".strip()


def _date(value: object) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def with_computed_values(slug: str, metrics: pd.DataFrame) -> pd.DataFrame:
    """The metrics, those computed from the data with their value and the month it is as of (``as_of``)."""
    computed = [plans.computed_from(source) for source in metrics["source"]] if len(metrics) else []
    metrics = metrics.assign(computed=computed, as_of=None)
    if not any(computed):
        return metrics
    seen = target.programme_outlook(slug)
    for index, figure in zip(metrics.index, computed, strict=True):
        if figure == "kuntaosuus_saving_pct":
            metrics.at[index, "value"] = None if seen is None else seen.saving_pct
            metrics.at[index, "as_of"] = None if seen is None else seen.as_of
    return metrics


def metrics_section(metrics: pd.DataFrame, lang: str) -> html.Div:
    """The strategy metrics in their four perspectives, a card each."""
    cards = []
    for perspective in PERSPECTIVES:
        chosen = metrics[metrics["perspective"] == perspective].to_dict("records") if not metrics.empty else []
        items = [html.Li(metric_text(metric, lang), className="mb-1") for metric in chosen]
        body = html.Ul(items, className="mb-0 ps-3") if items else html.P(t("plan.no_metrics", lang), className="mb-0")
        cards.append(
            dbc.Col(dbc.Card([dbc.CardHeader(t(f"plan.perspective.{perspective}", lang)), dbc.CardBody(body)]), md=3)
        )
    return html.Div(
        [html.H2(t("plan.metrics", lang), className="h5"), dbc.Row(cards, className="g-3")], className="mb-4"
    )


def metric_text(metric: dict, lang: str) -> str:
    """``name: value (target …) ✓`` where the value meets the target in its better direction."""
    unit = {"pct": "pct", "eur": "eur"}.get(metric["unit"], "number")
    value, target = metric["value"], metric["target"]
    target_text = t("plan.target", lang, target=metric_value_text(target, unit, lang))
    name = f"{metric['name']}{_invented(metric['source'])}"
    shown = metric_value_text(value, unit, lang)
    return f"{name}: {shown} ({target_text}){target_mark(metric)} · {basis_text(metric, lang)}"


def metric_value_text(number: object, unit: str, lang: str) -> str:
    """A metric's value or target in its unit (``eur``: euros, ``pct``, else a number); ``–`` when there is none.

    >>> metric_value_text(12.5, "pct", "fi"), metric_value_text(3.0, "number", "fi"), metric_value_text(None, "eur", "")
    ('12,5\xa0%', '3', '–')
    """
    if number is None or pd.isna(number):
        return "–"
    if unit == "eur":
        return format_value(int(float(number) * CENTS_PER_EURO), "cents", lang)
    text = format_number(float(number), lang, 0 if float(number) == int(float(number)) else 1)
    return f"{text}\xa0%" if unit == "pct" else text


def target_mark(metric: dict) -> str:
    """`` ✓`` where the value meets the target in its better direction, `` ✗`` where not, nothing without both.

    >>> target_mark({"value": 4.0, "target": 3.0, "higher_is_better": False}), target_mark({"value": None, "target": 3})
    (' ✗', '')
    """
    value, target = metric["value"], metric["target"]
    if value is None or target is None or pd.isna(value) or pd.isna(target):
        return ""
    met = float(value) >= float(target) if metric["higher_is_better"] else float(value) <= float(target)
    return " ✓" if met else " ✗"


def basis_text(metric: dict, lang: str) -> str:
    """Whether the value is computed from the data (and as of which month) or typed."""
    if not isinstance(metric.get("computed"), str):
        return t("plan.typed", lang)
    as_of = metric.get("as_of")
    if as_of is None or pd.isna(as_of):
        return t("plan.computed_missing", lang)
    return t("plan.computed", lang, month=month_text(pd.Timestamp(as_of), lang))


def source_line(source: object, lang: str) -> str:
    """``Lähde: <document>, s. 12``: the seed document by its name and page (``reports.text.source_citation``)."""
    cited = source_citation(source, lang)
    return t("plan.source", lang, source=cited) if cited else ""


def scenarios_section(scenarios: pd.DataFrame, lang: str) -> html.Div:
    """The plan's scenarios side by side."""
    if scenarios.empty:
        return html.Div([html.H2(t("plan.scenarios", lang), className="h5"), html.P(t("plan.no_scenarios", lang))])
    cards = [scenario_card(scenario, lang) for scenario in scenarios.to_dict("records")]
    return html.Div([html.H2(t("plan.scenarios", lang), className="h5"), dbc.Row(cards, className="g-3")])


def scenario_card(scenario: dict, lang: str) -> dbc.Col:
    """A scenario: its staff and cost, whether it is realistic, and the document it comes from."""
    low, high = scenario["staff_low"], scenario["staff_high"]
    staff = "–" if low is None else format_number(float(low), lang)
    if high is not None and high != low:
        staff += f"–{format_number(float(high), lang)}"
    cost = None if pd.isna(scenario["cost_cents"]) else int(scenario["cost_cents"])
    badge = dbc.Badge(
        t("plan.realistic" if scenario["realistic"] else "plan.not_realistic", lang),
        color="success" if scenario["realistic"] else "secondary",
        className="ms-2",
    )
    body = [
        html.P(scenario["description"] or "", className="small"),
        html.Div(t("plan.scenario_staff", lang, staff=staff)),
        html.Div(t("plan.scenario_cost", lang, cost=format_value(cost, "cents", lang)) + _invented(scenario["source"])),
        html.P(source_line(scenario["source"], lang), className="small text-muted mt-2 mb-0"),
    ]
    header = dbc.CardHeader([html.Strong(f"{scenario['code']}: {scenario['name']}"), badge])
    return dbc.Col(dbc.Card([header, dbc.CardBody(body)], className="h-100"), md=4)

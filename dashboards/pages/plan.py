"""Programme plan: measures against their caps, the staffing plan, strategy metrics in four perspectives, scenarios.

Figures the sample invents are marked with * (their ``source`` says
"invented"); the rest come from the seed documents. A strategy metric the data
measure (the kuntaosuus saving) is computed by the same function as the
Benefits page's status (``dashboards.target``), never typed; the others are
marked as typed.
"""

from __future__ import annotations

import datetime as dt

import dash
import dash_bootstrap_components as dbc
import pandas as pd
from dash import Input, Output, callback, html

from auth.guard import guarded
from dashboards import components, ids, target
from dashboards.statistics import month_text
from db import plans
from i18n import format_date, format_number, t
from models.risks import share_pct
from reports.text import format_value, source_citation

dash.register_page(
    __name__,
    path="/suunnitelma",
    name="plan",
    title=f"{t('nav.plan')} – {t('app.title')}",
    nav_key="nav.plan",
    order=35,
)

PERSPECTIVES = ("client", "process", "finance", "staff")
STAFF_GROUPS = ("client_service", "support", "management")


def layout(lang: str = "fi", programme: str | None = None, **_query: str) -> html.Div:
    chooser, slug = components.programme_choice(ids.PLAN_PROGRAMME, lang, programme)
    return html.Div(
        [
            components.lang_store(ids.PLAN_LANG, lang),
            components.page_heading(t("plan.title", lang), t("plan.intro", lang)),
            dbc.Row(
                dbc.Col(
                    chooser,
                    md=5,
                ),
                className="mb-3",
            ),
            html.Div(id=ids.PLAN_CONTENT),
        ]
    )


def _invented(source: object) -> str:
    return "*" if isinstance(source, str) and "invented" in source else ""


# --- callback: a thin function, registered below ------------------------------------------


def show_plan(slug: str | None, lang: str) -> list:
    if not slug:
        return []
    return [
        measures_section(plans.measures(slug), plans.measure_spending(slug), lang),
        staffing_section(plans.staff_posts(slug), lang),
        metrics_section(with_computed_values(slug, plans.strategy_metrics(slug)), lang),
        scenarios_section(plans.plan_scenarios(slug), lang),
        html.P(t("plan.invented_note", lang), className="text-muted small mt-3"),
    ]


def measures_section(measures: pd.DataFrame, spending: pd.DataFrame, lang: str) -> html.Div:
    headers = [t(f"pack.col.{c}", lang) for c in ("measure", "owner")]
    headers += [t("plan.budget_line", lang)] + [t(f"pack.col.{c}", lang) for c in ("cap", "spent", "spent_pct")]
    rows = []
    for measure in measures.to_dict("records"):
        spent = spending[spending["measure_id"] == measure["id"]].sort_values("quarter")
        spent_cents = int(spent["spent_cents"].iloc[-1]) if not spent.empty else None
        as_of = f" ({spent['quarter'].iloc[-1]})" if not spent.empty else ""
        cap = None if pd.isna(measure["cap_cents"]) else int(measure["cap_cents"])
        line = " / ".join(str(v) for v in (measure["budget"], measure["budget_line"]) if isinstance(v, str))
        rows.append(
            [
                measure["name"] + _invented(measure["source"]),
                measure["owner"] or "",
                line,
                format_value(cap, "cents", lang),
                format_value(spent_cents, "cents", lang) + as_of,
                format_value(share_pct(spent_cents, cap), "pct", lang),
            ]
        )
    notes = [html.P(n, className="small text-muted mb-1") for n in measures["cap_note"] if isinstance(n, str)]
    return html.Div(
        [html.H2(t("plan.measures", lang), className="h5"), components.simple_table(headers, rows, 3), *notes],
        className="mb-4",
    )


def staffing_section(posts: pd.DataFrame, lang: str) -> html.Div:
    headers = [t("plan.staff_group", lang), t("plan.post", lang), t("plan.count", lang), t("plan.fixed_term_end", lang)]
    rows = []
    for group in STAFF_GROUPS:
        for post in posts[posts["staff_group"] == group].to_dict("records"):
            end = post["fixed_term_end"]
            rows.append(
                [
                    t(f"plan.group.{group}", lang),
                    post["title"] + _invented(post["source"]),
                    format_number(int(post["count"]), lang),
                    format_date(_date(end), lang)
                    if isinstance(end, dt.date | str) and end
                    else t("plan.permanent", lang),
                ]
            )
    total = int(posts["count"].sum()) if not posts.empty else 0
    fixed = posts[posts["fixed_term_end"].notna()] if not posts.empty else posts
    endings = ", ".join(
        t("plan.ending_on", lang, count=int(group["count"].sum()), date=format_date(_date(end), lang))
        for end, group in fixed.groupby("fixed_term_end")
    )
    summary = t("plan.staff_total", lang, total=total, fixed=int(fixed["count"].sum()) if len(fixed) else 0)
    return html.Div(
        [
            html.H2(t("plan.staffing", lang), className="h5"),
            html.P(f"{summary} {endings}".strip(), className="fw-semibold"),
            components.simple_table(headers, rows, 2),
        ],
        className="mb-4",
    )


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

    def shown(number: object) -> str:
        if number is None or pd.isna(number):
            return "–"
        if unit == "eur":
            return format_value(int(float(number) * 100), "cents", lang)
        text = format_number(float(number), lang, 0 if float(number) == int(float(number)) else 1)
        return f"{text}\xa0%" if unit == "pct" else text

    mark = ""
    if value is not None and target is not None and not pd.isna(value) and not pd.isna(target):
        met = float(value) >= float(target) if metric["higher_is_better"] else float(value) <= float(target)
        mark = " ✓" if met else " ✗"
    target_text = t("plan.target", lang, target=shown(target))
    name = f"{metric['name']}{_invented(metric['source'])}"
    return f"{name}: {shown(value)} ({target_text}){mark} · {basis_text(metric, lang)}"


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
    if scenarios.empty:
        return html.Div([html.H2(t("plan.scenarios", lang), className="h5"), html.P(t("plan.no_scenarios", lang))])
    cards = []
    for scenario in scenarios.to_dict("records"):
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
            html.Div(
                t("plan.scenario_cost", lang, cost=format_value(cost, "cents", lang)) + _invented(scenario["source"])
            ),
            html.P(source_line(scenario["source"], lang), className="small text-muted mt-2 mb-0"),
        ]
        header = dbc.CardHeader([html.Strong(f"{scenario['code']}: {scenario['name']}"), badge])
        cards.append(dbc.Col(dbc.Card([header, dbc.CardBody(body)], className="h-100"), md=4))
    return html.Div([html.H2(t("plan.scenarios", lang), className="h5"), dbc.Row(cards, className="g-3")])


callback(Output(ids.PLAN_CONTENT, "children"), Input(ids.PLAN_PROGRAMME, "value"), Input(ids.PLAN_LANG, "data"))(
    guarded("read", programme="slug")(show_plan)
)
